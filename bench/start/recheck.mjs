// bench/start/recheck.mjs: what recomputing recorded granularity reports costs `coaching validate`
// of a one-cycle export (decision 0010 §4): the same export with its report naming no checker,
// `Granularity.acceptAll` (kept as recorded) and `@coaching/granularity` (recomputed), each through
// the bin before the change (BENCH_BEFORE_BIN, a worktree of the commit before it, built) and the
// built bin now, interleaved; medians of the process's own CPU time, as a ratio to `node -e 0`
// (the preloaded hook of bench/start/run.mjs). Prints a table for docs/benchmarks.md.
//
//   BENCH_BEFORE_BIN=/tmp/before/packages/cli/dist/bin.js node bench/start/recheck.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { cpus, loadavg, tmpdir, totalmem } from "node:os"
import { join } from "node:path"
import { median, timed } from "../lib/processes.mjs"
import { generate } from "../validate/generate.mjs"

const root = new URL("../..", import.meta.url).pathname
const after = join(root, "packages/cli/dist/bin.js")
const before = process.env.BENCH_BEFORE_BIN
if (!before) throw new Error("BENCH_BEFORE_BIN must name the built bin of the commit before the change.")
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const dir = mkdtempSync(join(tmpdir(), "coaching-bench-recheck-"))
// the built checker's own version, so that its reports are recomputed by the bin after the change
const granularity = (await import(join(root, "packages/granularity/dist/index.js"))).checkerVersion()

try {
  const stamped = join(dir, "accept-all.json")
  await generate(stamped, { teachers: 1, cyclesPerTeacher: 1, kind: "json", coaches: 1 })
  const text = readFileSync(stamped, "utf8")
  if (!text.includes(`"checker":"@coaching/core/acceptAll"`)) throw new Error("the generated export's report does not name acceptAll")
  const files = {
    "names no checker": join(dir, "unstamped.json"),
    "`@coaching/core/acceptAll`": stamped,
    [`\`${granularity}\``]: join(dir, "granularity.json")
  }
  writeFileSync(files["names no checker"], text.replace(`,"checker":"@coaching/core/acceptAll"`, ""))
  writeFileSync(files[`\`${granularity}\``], text.replace(`"@coaching/core/acceptAll"`, `"${granularity}"`))
  const contenders = [
    { name: "`node -e 0`", report: "—", args: ["-e", "0"] },
    ...Object.entries(files).flatMap(([report, file]) => [
      { name: "before", report, args: [before, "validate", file] },
      { name: "after", report, args: [after, "validate", file] }
    ])
  ]
  const load = loadavg()[0].toFixed(1)
  const cpu = contenders.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    contenders.forEach((c, i) => cpu[i].push(timed(dir, c.args).cpu))
  }
  const m = cpu.map(median)
  console.log(`Run ${new Date().toISOString()} on ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load ${load} → ${loadavg()[0].toFixed(1)}; ${ROUNDS} interleaved rounds.\n`)
  console.log("| the export's report | bin | CPU (median) | × `node -e 0` |\n| --- | --- | --- | --- |")
  contenders.forEach((c, i) => console.log(`| ${c.report} | ${c.name} | ${m[i].toFixed(1)} ms | **${(m[i] / m[0]).toFixed(2)}×** |`))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
