// Benchmark of loading the packages: what an app pays to import `@coaching/core` or the embedded
// SQLite store, and what `coaching --help` pays to load the full CLI, each as a fresh `node` process
// against a bare `node -e 0`. Side by side in one run with BENCH_BEFORE_ROOT, another checkout of the
// repository, built (e.g. a worktree of the commit before a change): its packages run in the same
// rounds as "before". CPU time (user + system, all threads) comes from a preloaded hook at exit
// (bench/start/cpu-at-exit.cjs): this machine is shared and its wall times swing with the load.
// Rounds are interleaved; a ratio is the median of the rounds' own ratios. Instruction counts: one run
// each under `valgrind --tool=callgrind` when valgrind is installed. Writes its section of docs/benchmarks.md.
//
//   node bench/load/run.mjs                                  (npm run bench builds the packages first)
//   BENCH_BEFORE_ROOT=/tmp/before BENCH_ROUNDS=9 BENCH_SKIP_CALLGRIND=1 node bench/load/run.mjs
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { canCountInstructions, instructionsOf, median, timed } from "../lib/processes.mjs"
import { writeSection } from "../lib/report.mjs"

const root = new URL("../..", import.meta.url).pathname
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21)
const beforeRoot = process.env.BENCH_BEFORE_ROOT
const beforeLabel = process.env.BENCH_BEFORE_LABEL ?? "before"
const dir = mkdtempSync(join(tmpdir(), "coaching-bench-load-"))

/** What is loaded, from a checkout's built packages. */
const loads = (from) => {
  const dist = (pkg) => pathToFileURL(join(from, "packages", pkg, "dist/index.js")).href
  for (const pkg of ["core", "adapter-sqlite", "cli"]) {
    if (!existsSync(new URL(dist(pkg)))) throw new Error(`${from}/packages/${pkg}/dist is missing: run \`npm run build\` there (npm run bench does here).`)
  }
  return [
    {
      what: "an app imports `@coaching/core` and starts a journey",
      args: ["--input-type=module", "-e", `const { Cycle } = await import(${JSON.stringify(dist("core"))}); Cycle.emptyJourney("t-1")`]
    },
    {
      what: "an app imports the embedded store (`@coaching/adapter-sqlite`)",
      args: ["--input-type=module", "-e", `await import(${JSON.stringify(dist("adapter-sqlite"))})`]
    },
    // the bin's compile cache in a folder of this run's, warmed by an uncounted start
    { what: "`coaching --help` (the full CLI)", args: [join(from, "packages/cli/dist/bin.js"), "--help"], cache: true }
  ]
}

try {
  const afterLoads = loads(root)
  const contenders = [
    { name: "`node -e 0` (a bare start)", key: "bare", args: ["-e", "0"] },
    ...(beforeRoot ? loads(beforeRoot).map((c, i) => ({ ...c, name: `${beforeLabel}: ${c.what}`, key: `before${i}` })) : []),
    ...afterLoads.map((c, i) => ({ ...c, name: `after: ${c.what}`, key: `after${i}` }))
  ]
  const envOf = (c) => {
    const env = { ...process.env }
    if (c.cache) env.NODE_COMPILE_CACHE = join(dir, `cache-${c.key}`)
    else delete env.NODE_COMPILE_CACHE
    return env
  }
  for (const c of contenders) spawnSync(process.execPath, c.args, { env: envOf(c) })
  const load = loadavg().map((x) => x.toFixed(1)).join(" / ")
  const cpu = Object.fromEntries(contenders.map((c) => [c.key, []]))
  const rss = Object.fromEntries(contenders.map((c) => [c.key, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of contenders) {
      const r = timed(dir, c.args, envOf(c))
      cpu[c.key].push(r.cpu)
      rss[c.key].push(r.rss)
    }
  }
  // the median of the rounds' own ratios of a's CPU time to b's
  const ratio = (a, b) => median(cpu[a].map((ms, i) => ms / cpu[b][i]))

  const instructions = canCountInstructions() ? Object.fromEntries(contenders.map((c) => [c.key, instructionsOf(c.args, envOf(c))])) : undefined
  const instr = (key) => instructions === undefined ? "—" : `${(instructions[key] / 1e6).toFixed(0)} M (${(instructions[key] / instructions.bare).toFixed(2)}×)`
  const rows = contenders.map((c) =>
    `| ${c.name} | ${median(cpu[c.key]).toFixed(1)} ms | ${c.key === "bare" ? "1" : `**${ratio(c.key, "bare").toFixed(2)}×**`} | ${median(rss[c.key]).toFixed(0)} MiB | ${instr(c.key)} |`
  )
  const changes = beforeRoot
    ? afterLoads.map((c, i) =>
      `- ${c.what}: after / before CPU time **${ratio(`after${i}`, `before${i}`).toFixed(2)}**${instructions === undefined ? "" : `, instructions ${(instructions[`after${i}`] / instructions[`before${i}`]).toFixed(2)}`}`
    ).join("\n")
    : "(no BENCH_BEFORE_ROOT: no before rows)"
  const markdown = `
What loading the packages costs a fresh process. Every row is a fresh \`node\` process; CPU time (user +
system, all threads, taken at exit by a preloaded hook) is the median of ${ROUNDS} interleaved rounds, and its
ratio to \`node -e 0\` the median of the rounds' own ratios. Instructions: one run each under
\`valgrind --tool=callgrind\` (not disturbed by the machine's load). The bin keeps its compile cache (warmed by
one uncounted start); the app imports run without one, as an app's own imports do.
Load average (1 / 5 / 15 min) when the run started: ${load} (a shared machine).

| process | CPU time, median | ratio to \`node -e 0\` | peak RSS | instructions (ratio) |
|---|---:|---:|---:|---:|
${rows.join("\n")}

${beforeRoot ? "Before → after, side by side in this run:\n" : ""}${changes}
`
  console.log(markdown)
  writeSection("load", "Loading the packages: an app's import and the full CLI", markdown)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
