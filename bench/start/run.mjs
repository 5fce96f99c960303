// bench/start: what `coaching validate` of a one-cycle export costs a CI job, as a ratio to a bare
// `node -e 0` — the process's own CPU time (user + system, all threads), measured by a preloaded
// hook at exit, medians of interleaved rounds; and, because this machine is shared and noisy,
// instruction counts from `valgrind --tool=callgrind` (one run each) when valgrind is installed.
// Side by side in one run: the bin as it was before the lean start (BENCH_BEFORE_BIN, e.g. a
// worktree of the commit before it, built; else bench/start/full-cli.mjs: the whole CLI imported
// up front) and the built bin now. Writes its section of docs/benchmarks.md.
//
//   node bench/start/run.mjs                                   (npm run bench builds the packages first)
//   BENCH_ROUNDS=5 BENCH_SKIP_CALLGRIND=1 node bench/start/run.mjs    (a quick look)
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { canCountInstructions, instructionsOf, median, timed } from "../lib/processes.mjs"
import { writeSection } from "../lib/report.mjs"
import { generate } from "../validate/generate.mjs"

const root = new URL("../..", import.meta.url).pathname
const bin = join(root, "packages/cli/dist/bin.js")
if (!existsSync(bin)) throw new Error("packages/cli/dist/bin.js is missing: run `npm run build` (npm run bench does).")
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21)
const beforeBin = process.env.BENCH_BEFORE_BIN
const beforeLabel = process.env.BENCH_BEFORE_LABEL ?? "before"
const dir = mkdtempSync(join(tmpdir(), "coaching-bench-start-"))

try {
  const file = join(dir, "one-cycle.json")
  await generate(file, { teachers: 1, cyclesPerTeacher: 1, kind: "json", coaches: 1 })
  const contenders = [
    { name: "`node -e 0` (a bare start)", args: ["-e", "0"] },
    // a before bin with the compile cache (since 0009's fifth pass) gets both rows; one without it, the same twice
    ...(beforeBin
      ? [
        { name: `${beforeLabel}: the bin, compile cache warm`, args: [beforeBin, "validate", file], env: { NODE_COMPILE_CACHE: join(dir, "compile-cache-before") } },
        { name: `${beforeLabel}: the bin, first start (no compile cache)`, args: [beforeBin, "validate", file], env: { NODE_DISABLE_COMPILE_CACHE: "1" } }
      ]
      : [{ name: "before: the whole CLI imported up front", args: [join(root, "bench/start/full-cli.mjs"), "validate", file] }]),
    { name: "after: the bin (lean validate), compile cache warm", args: [bin, "validate", file], env: { NODE_COMPILE_CACHE: join(dir, "compile-cache") } },
    { name: "after: the bin (lean validate), first start (no compile cache)", args: [bin, "validate", file], env: { NODE_DISABLE_COMPILE_CACHE: "1" } },
    { name: "after: `coaching --help` (the full CLI, loaded on demand)", args: [bin, "--help"], env: { NODE_COMPILE_CACHE: join(dir, "compile-cache") }, noCallgrind: true }
  ]
  // The bin keeps V8's compiled code in Node's compile cache (docs/decisions/0009): for this run in
  // its own folder (NODE_COMPILE_CACHE, which the bin's enableCompileCache() honours; it is set for
  // the bin now only, since it would turn the cache on for the before bin too), filled by one
  // uncounted start of each contender.
  const envOf = (c) => {
    const env = { ...process.env, ...c.env }
    if (c.env?.NODE_COMPILE_CACHE === undefined) delete env.NODE_COMPILE_CACHE
    return env
  }
  for (const c of contenders) spawnSync(process.execPath, c.args, { env: envOf(c) })
  const load = loadavg().map((x) => x.toFixed(1)).join(" / ")
  const cpu = contenders.map(() => [])
  const wall = contenders.map(() => [])
  const rss = contenders.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    contenders.forEach((c, i) => {
      const r = timed(dir, c.args, envOf(c))
      wall[i].push(r.wall)
      cpu[i].push(r.cpu)
      rss[i].push(r.rss)
    })
  }
  const m = cpu.map(median)
  console.log(contenders.map((c, i) => `${c.name}: ${m[i].toFixed(1)} ms CPU (${(m[i] / m[0]).toFixed(2)}×)`).join("\n"))

  let instructions
  if (canCountInstructions()) {
    instructions = contenders.map((c) => (c.noCallgrind ? undefined : instructionsOf(c.args, envOf(c))))
    console.log(`instructions: ${instructions.flatMap((n, i) => n === undefined ? [] : [`${contenders[i].name} ${(n / 1e6).toFixed(0)} M`]).join(", ")}`)
  }

  const rows = contenders.map((c, i) =>
    `| ${c.name} | ${m[i].toFixed(1)} ms | **${(m[i] / m[0]).toFixed(2)}×** | ${median(wall[i]).toFixed(0)} ms | ${median(rss[i]).toFixed(0)} MiB | ${instructions?.[i] === undefined ? "—" : `${(instructions[i] / 1e6).toFixed(0)} M (${(instructions[i] / instructions[0]).toFixed(2)}×)`} |`
  )
  writeSection(
    "start",
    "coaching validate: start-up cost (`bench/start`)",
    `A one-cycle export (${statSync(file).size.toLocaleString("en-GB")} bytes: a teacher, a coach, their relationship, one cycle decided by the
rules) checked by a fresh process, as a CI job does. CPU time is the process's own (user + system, all
threads, from \`process.cpuUsage()\` at exit through a preloaded hook, the same for every row); medians of
${ROUNDS} interleaved rounds. Instructions: one run each under \`valgrind --tool=callgrind\` (not disturbed by
the machine's load). Load average (1 / 5 / 15 min) when the run started: ${load} (a shared machine).

| process | CPU time, median | ratio to \`node -e 0\` | wall, median | peak RSS | instructions (ratio) |
|---|---:|---:|---:|---:|---:|
${rows.join("\n")}

Target: \`coaching validate\` of a small export ≤ 2.5× a bare \`node\` start. The bin loads only what the
command needs (docs/decisions/0009-lean-start-and-validate-speed.md): a plain \`coaching validate\` runs \`dist/validate.cjs\`, one
minified CommonJS bundle of validation with core and effect tree-shaken into it (effect's modules imported by
their own paths, not through the barrel's namespaces, which keep every export of \`Schema\`), and no command-line
framework; every other command, \`--help\` and any unusual validate invocation load the full CLI on demand;
the granularity checker is loaded only to recompute a report its version recorded (other reports need only
\`@coaching/granularity/version\`) and by \`lint-step\`; \`node:tty\` only when stderr is a character device, and
\`node:v8\` only for the first forced collection of a large input. The bin turns on Node's compile cache
(\`module.enableCompileCache\`, in the user's cache folder, e.g. \`~/.cache/coaching/compile-cache\`; here the run's own
folder through \`NODE_COMPILE_CACHE\`; \`NODE_DISABLE_COMPILE_CACHE=1\` turns it off), so a start after the first does
not compile the bundle again: the "compile cache warm" row is every start after the first on a machine (or a CI
runner that keeps its cache folder), the "first start" row a fresh container's only one.`
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
