// Benchmark of @coaching/granularity: latency per check (p50 / p99) and checks per second over
// the labelled corpus, on the built package (run `npm run build` first); then the language
// comparison behind docs/decisions/0003: the hand-kept lexicon vs compromise's POS tagging, on
// accuracy, latency and bundle size, measured in the same run.
import { build } from "esbuild"
import { loadavg } from "node:os"
import { gzipSync } from "node:zlib"
import { checkActionStep } from "@coaching/granularity"
import { check } from "../../packages/granularity/src/Checker.ts"
import { lexiconTagger } from "../../packages/granularity/src/internal/tagger.ts"
import { compromiseTagger } from "../../packages/granularity/test/compare/compromiseTagger.ts"
import { corpus, evaluate } from "../../packages/granularity/test/corpus/evaluate.ts"
import { writeSection } from "../lib/report.mjs"

const loadAtStart = loadavg()[0]!
const texts = corpus.map((e) => e.text).filter((t): t is string => typeof t === "string")

interface Timing {
  /** Over steps, of each step's median time (robust to a noisy, shared machine). */
  readonly p50: number
  readonly p99: number
  readonly max: number
  /** Over every single check, as measured (includes scheduler and GC pauses). */
  readonly rawP50: number
  readonly rawP99: number
  readonly perSecond: number
  readonly checks: number
}

const quantile = (sorted: ReadonlyArray<number>, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

/**
 * Times `repeats` checks of every step (after a warm-up pass), in microseconds: the distribution
 * over steps of each step's median, and the raw distribution of all checks.
 */
const time = (fn: (text: string) => unknown, repeats: number, steps: ReadonlyArray<string> = texts): Timing => {
  for (const t of steps) fn(t)
  const raw: Array<number> = []
  const perStep: Array<Array<number>> = steps.map(() => [])
  let busy = 0
  for (let r = 0; r < repeats; r++) {
    steps.forEach((t, i) => {
      const a = process.hrtime.bigint()
      fn(t)
      const micros = Number(process.hrtime.bigint() - a) / 1000
      busy += micros
      raw.push(micros)
      perStep[i]!.push(micros)
    })
  }
  raw.sort((x, y) => x - y)
  const medians = perStep.map((xs) => quantile(xs.sort((x, y) => x - y), 0.5)).sort((x, y) => x - y)
  return {
    p50: quantile(medians, 0.5),
    p99: quantile(medians, 0.99),
    max: medians[medians.length - 1]!,
    rawP50: quantile(raw, 0.5),
    rawP99: quantile(raw, 0.99),
    perSecond: raw.length / (busy / 1e6),
    checks: raw.length
  }
}

const root = new URL("../../", import.meta.url).pathname
const bundleSize = async (contents: string) => {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node22",
    write: false,
    logLevel: "silent"
  })
  const bytes = result.outputFiles[0]!.contents
  return { min: bytes.length, gzip: gzipSync(bytes).length }
}

const us = (x: number) => `${x.toFixed(1)} µs`
const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const kb = (x: number) => `${(x / 1024).toFixed(1)} KiB`

// the worst case a UI sends: steps of exactly 1000 characters (a routine, a bundle, word soup)
const longSteps = [
  "Pose the question to the whole class, pause for five seconds, then name a student to answer; ",
  "Give more praise and fewer sanctions, use cold call and mini whiteboards, and also improve pace; ",
  "students will maybe try to understand the whole-school policy, then more, and also; "
].map((unit) => unit.repeat(Math.ceil(1000 / unit.length)).slice(0, 1000))

const built = time((t) => checkActionStep(t), 21)
const worst = time((t) => checkActionStep(t), 51, longSteps)
console.log(`built package: p50 ${us(built.p50)}, p99 ${us(built.p99)} (raw p99 ${us(built.rawP99)}), ${Math.round(built.perSecond)} checks/s; 1000-char worst ${us(worst.max)}`)
const approaches = [
  { name: "hand-kept lexicon", tagger: lexiconTagger, entry: `export { checkActionStep } from "./packages/granularity/src/index.ts"` },
  {
    name: "compromise POS tagging",
    tagger: compromiseTagger,
    entry: `import { check } from "./packages/granularity/src/Checker.ts"
import { compromiseTagger } from "./packages/granularity/test/compare/compromiseTagger.ts"
export const checkActionStep = (text) => check(text, undefined, compromiseTagger)`
  }
] as const
const rows: Array<string> = []
const measured: Array<{ name: string; timing: Timing; accuracy: number; gzip: number }> = []
for (const a of approaches) {
  const score = evaluate((t) => check(t, undefined, a.tagger))
  const blind = evaluate((t) => check(t, undefined, a.tagger), corpus.filter((e) => e.split === "blind"))
  const timing = time((t) => check(t, undefined, a.tagger), a.tagger === lexiconTagger ? 21 : 5)
  const size = await bundleSize(a.entry)
  measured.push({ name: a.name, timing, accuracy: score.accuracy, gzip: size.gzip })
  rows.push(
    `| ${a.name} | ${pct(score.accuracy)} | ${pct(score.recallGranular)} / ${pct(score.recallNotGranular)} | ${pct(blind.accuracy)} | ${us(timing.p50)} | ${us(timing.p99)} | ${us(timing.rawP99)} | ${Math.round(timing.perSecond).toLocaleString("en-GB")} | ${kb(size.min)} / ${kb(size.gzip)} |`
  )
  console.log(rows[rows.length - 1])
}
const [lexicon, pos] = measured as [typeof measured[0], typeof measured[0]]

writeSection(
  "granularity",
  "Granularity checker",
  `
\`checkActionStep\` from the built \`@coaching/granularity\` (dist): every string step of the labelled corpus
(${texts.length} steps, ${Math.min(...texts.map((t) => t.length))} to ${Math.max(...texts.map((t) => t.length)).toLocaleString("en-GB")} characters) checked 21 times after one warm-up pass, ${built.checks.toLocaleString("en-GB")} checks.
Latency per check: p50 / p99 / max over the steps of each step's median time (a shared machine's
scheduler pauses removed), and the raw p99 of all single checks as measured. Target: p99 < 1 ms.
Load average when the run started: ${loadAtStart.toFixed(1)} (other work shares the machine).

| p50 | p99 | max | raw p99 (all checks) | checks / s | 1000-character steps (max of medians) |
|---:|---:|---:|---:|---:|---:|
| ${us(built.p50)} | ${us(built.p99)} | ${us(built.max)} | ${us(built.rawP99)} | ${Math.round(built.perSecond).toLocaleString("en-GB")} | ${us(worst.max)} |

Language handling (docs/decisions/0003-granularity-language.md): the same checker with each tagger, from source;
accuracy on all ${corpus.length} labelled steps (recall granular / not granular) and on the blind split; bundle = the checker
bundled and minified by esbuild (min / gzip).

| approach | accuracy | recall | blind split | p50 | p99 | raw p99 | checks / s | bundle |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}

In this run compromise was ${(pos.timing.p50 / lexicon.timing.p50).toFixed(0)}× slower at p50, ${(pos.timing.p99 / lexicon.timing.p99).toFixed(0)}× at p99, and ${(pos.gzip / lexicon.gzip).toFixed(1)}× bigger gzipped.
`
)
console.log("docs/benchmarks.md updated")
