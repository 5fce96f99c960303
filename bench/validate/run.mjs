// Benchmark of `coaching validate`: throughput on a generated export of 100 000 cycles (10 000
// teachers × 10 cycles), side by side in one run with bare JSON.parse of the same file, and the
// peak RSS of NDJSON validation (also on a ~1 GB NDJSON file when the disk allows). The files
// go to a temporary folder, never the repository. Runs are interleaved (baseline, JSON, NDJSON,
// repeat) and the medians are reported, because this machine is shared and noisy.
//
//   node bench/validate/run.mjs            (npm run bench builds the packages first)
//   BENCH_TEACHERS=1000 BENCH_RUNS=1 BENCH_SKIP_1GB=1 node bench/validate/run.mjs   (a quick look)
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, statfsSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { writeSection } from "../lib/report.mjs"
import { generate } from "./generate.mjs"

const root = new URL("../..", import.meta.url).pathname
const bin = join(root, "packages/cli/dist/bin.js")
if (!existsSync(bin)) throw new Error("packages/cli/dist/bin.js is missing: run `npm run build` (npm run bench does).")

const TEACHERS = Number(process.env.BENCH_TEACHERS ?? 10_000)
const CYCLES = 10
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const BIG_TEACHERS = 31_000 // ≈ 1.0 GB of NDJSON
const dir = mkdtempSync(join(tmpdir(), "coaching-bench-validate-"))
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mb = (bytes) => bytes / 1e6

/** Runs `node args` as a child; wall time in ms, peak RSS in KiB (from /usr/bin/time -v, else the CLI's own report). */
const timed = (args, env = {}) => {
  const useTime = timeBin !== undefined
  const command = useTime ? timeBin : process.execPath
  const argv = useTime ? ["-v", process.execPath, ...args] : args
  const t0 = performance.now()
  const r = spawnSync(command, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, COACHING_REPORT_RSS: "1", ...env } })
  const ms = performance.now() - t0
  const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)
  const fromCli = /maxRSS (\d+) KiB/.exec(r.stderr)
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr, rssKiB: Number((fromTime ?? fromCli)?.[1] ?? Number.NaN) }
}

/** The baseline, in a fresh process like the CLI: read the file as UTF-8 text, then JSON.parse it. */
const baselineScript = `
const { readFileSync } = require("node:fs")
const t0 = performance.now()
const text = readFileSync(process.argv[1], "utf8")
const t1 = performance.now()
JSON.parse(text)
const t2 = performance.now()
console.log(JSON.stringify({ read: t1 - t0, parse: t2 - t1 }))`

try {
  console.log(`generating ${TEACHERS} teachers × ${CYCLES} cycles in ${dir} ...`)
  const jsonFile = join(dir, "export.json")
  const ndjsonFile = join(dir, "export.ndjson")
  const jsonBytes = await generate(jsonFile, { teachers: TEACHERS, cyclesPerTeacher: CYCLES, kind: "json" })
  const ndjsonBytes = await generate(ndjsonFile, { teachers: TEACHERS, cyclesPerTeacher: CYCLES, kind: "ndjson" })
  console.log(`JSON ${mb(jsonBytes).toFixed(1)} MB, NDJSON ${mb(ndjsonBytes).toFixed(1)} MB`)

  const samples = { readParse: [], parse: [], baselineProcess: [], cliJson: [], cliNdjson: [], rssJson: [], rssNdjson: [] }
  for (let run = 0; run < RUNS; run++) {
    const base = timed(["-e", baselineScript, jsonFile])
    const { parse, read } = JSON.parse(base.stdout)
    samples.readParse.push(read + parse)
    samples.parse.push(parse)
    samples.baselineProcess.push(base.ms)
    const json = timed([bin, "validate", jsonFile])
    if (json.status !== 0) throw new Error(`coaching validate (JSON) exited ${json.status}: ${json.stdout}${json.stderr}`)
    samples.cliJson.push(json.ms)
    samples.rssJson.push(json.rssKiB)
    const nd = timed([bin, "validate", ndjsonFile])
    if (nd.status !== 0) throw new Error(`coaching validate (NDJSON) exited ${nd.status}: ${nd.stdout}${nd.stderr}`)
    samples.cliNdjson.push(nd.ms)
    samples.rssNdjson.push(nd.rssKiB)
    console.log(`run ${run + 1}: read+parse ${(read + parse).toFixed(0)} ms (parse ${parse.toFixed(0)}), validate JSON ${json.ms.toFixed(0)} ms, NDJSON ${nd.ms.toFixed(0)} ms, ${(nd.rssKiB / 1024).toFixed(0)} MiB`)
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
  const rate = (bytes, ms) => mb(bytes) / (ms / 1000)
  const ratio = (ms) => (m.readParse / ms).toFixed(2)

  let big = "not run (BENCH_SKIP_1GB set)"
  let bigRow = ""
  const freeBytes = (() => {
    try {
      const s = statfsSync(dir)
      return s.bavail * s.bsize
    } catch {
      return 0
    }
  })()
  if (!process.env.BENCH_SKIP_1GB && freeBytes > 4e9) {
    rmSync(jsonFile)
    const bigFile = join(dir, "big.ndjson")
    const bigBytes = await generate(bigFile, { teachers: BIG_TEACHERS, cyclesPerTeacher: CYCLES, kind: "ndjson" })
    const r = timed([bin, "validate", bigFile])
    if (r.status !== 0) throw new Error(`coaching validate (1 GB NDJSON) exited ${r.status}: ${r.stdout}${r.stderr}`)
    big = `${mb(bigBytes).toFixed(0)} MB NDJSON (${BIG_TEACHERS * CYCLES} cycles): ${(r.ms / 1000).toFixed(1)} s, ${rate(bigBytes, r.ms).toFixed(1)} MB/s, peak RSS **${(r.rssKiB / 1024).toFixed(0)} MiB**`
    bigRow = `| \`coaching validate\`, ~1 GB NDJSON | ${rate(bigBytes, r.ms).toFixed(1)} | — | ${(r.rssKiB / 1024).toFixed(0)} MiB |\n`
    console.log(big)
  } else if (!process.env.BENCH_SKIP_1GB) {
    big = `not run: only ${(freeBytes / 1e9).toFixed(1)} GB free in ${tmpdir()}`
  }

  const rssNote = timeBin ? "peak RSS from `/usr/bin/time -v`" : "peak RSS from `process.resourceUsage().maxRSS` (COACHING_REPORT_RSS=1)"
  const markdown = `
Input: a generated export of ${TEACHERS * CYCLES} cycles (${TEACHERS} teachers × ${CYCLES} demo cycles, each decided
through \`Cycle.decide\`), ${mb(jsonBytes).toFixed(1)} MB as a JSON document and ${mb(ndjsonBytes).toFixed(1)} MB as NDJSON,
in a temporary folder. Medians of ${RUNS} interleaved runs; ${rssNote}. The baseline is a fresh \`node\` reading the
same file as UTF-8 and calling \`JSON.parse\` on it (timed inside that process); \`coaching validate\` is the built bin
as a subprocess, timed from the outside (process start, reading, shape + every rule replayed, report).

| what | MB/s | ratio to read + \`JSON.parse\` | peak RSS |
|---|---:|---:|---:|
| read + \`JSON.parse\` (baseline) | ${rate(jsonBytes, m.readParse).toFixed(1)} | 1 | — |
| \`JSON.parse\` alone (string already in memory) | ${rate(jsonBytes, m.parse).toFixed(1)} | — | — |
| \`coaching validate\`, JSON document | ${rate(jsonBytes, m.cliJson).toFixed(1)} | **${ratio(m.cliJson)}** | ${(m.rssJson / 1024).toFixed(0)} MiB |
| \`coaching validate\`, NDJSON | ${rate(ndjsonBytes, m.cliNdjson).toFixed(1)} | **${(m.readParse / m.cliNdjson * (ndjsonBytes / jsonBytes)).toFixed(2)}** | ${(m.rssNdjson / 1024).toFixed(0)} MiB |
${bigRow}
Target: at least 1/3 of \`JSON.parse\` speed. Against \`JSON.parse\` alone (no reading, no UTF-8 decoding, no process
start) the JSON document's ratio is ${(m.parse / m.cliJson).toFixed(2)} and NDJSON's ${(m.parse / m.cliNdjson * (ndjsonBytes / jsonBytes)).toFixed(2)}. A whole \`node\` process
doing read + parse took ${(m.baselineProcess / 1000).toFixed(1)} s (ratio ${(m.baselineProcess / m.cliJson).toFixed(2)} process to process).

Peak memory on ~1 GB of NDJSON (target < 150 MB): ${big}.

How: each record is parsed on its own and checked by a guard compiled from core's Schema (the
Schema decode runs only for records the guard refuses, to report them), then replayed through
core's \`RuleChecker\`; a full garbage collection every 32 MiB of input keeps the heap near its live
size. In CPU profiles about a fifth of the time is core's decider (\`Cycle.check\`, \`evolve\`).
`
  writeSection("validate", "coaching validate: throughput and memory", markdown)
  console.log(markdown)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
