// Benchmark of @coaching/granularity: latency per check (p50 / p99) and checks per second over
// the labelled corpus, on the built package (run `npm run build` first); then the language
// comparison behind docs/decisions/0003: the hand-kept lexicon vs compromise's POS tagging, on
// accuracy, latency and bundle size, measured in the same run.
import { build } from "esbuild"
import { gzipSync } from "node:zlib"
import { checkActionStep } from "@coaching/granularity"
import { check } from "../../packages/granularity/src/Checker.ts"
import { lexiconTagger } from "../../packages/granularity/src/internal/tagger.ts"
import { compromiseTagger } from "../../packages/granularity/test/compare/compromiseTagger.ts"
import { corpus, evaluate } from "../../packages/granularity/test/corpus/evaluate.ts"
import { writeSection } from "../lib/report.mjs"

const texts = corpus.map((e) => e.text).filter((t): t is string => typeof t === "string")

interface Timing {
  readonly p50: number
  readonly p99: number
  readonly max: number
  readonly perSecond: number
  readonly checks: number
}

/** Times every check of `rounds` passes over the corpus (after a warm-up pass), in microseconds. */
const time = (fn: (text: string) => unknown, rounds: number): Timing => {
  for (const t of texts) fn(t)
  const samples: Array<number> = []
  const started = process.hrtime.bigint()
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const a = process.hrtime.bigint()
      fn(t)
      samples.push(Number(process.hrtime.bigint() - a) / 1000)
    }
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9
  samples.sort((x, y) => x - y)
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!
  return { p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1]!, perSecond: samples.length / totalSeconds, checks: samples.length }
}

const root = new URL("../../", import.meta.url).pathname
const bundleSize = async (contents: string) => {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent"
  })
  const bytes = result.outputFiles[0]!.contents
  return { min: bytes.length, gzip: gzipSync(bytes).length }
}

const us = (x: number) => `${x.toFixed(1)} µs`
const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const kb = (x: number) => `${(x / 1024).toFixed(1)} KiB`

const built = time((t) => checkActionStep(t), 30)
console.log(`built package: p50 ${us(built.p50)}, p99 ${us(built.p99)}, ${Math.round(built.perSecond)} checks/s`)

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
  const timing = time((t) => check(t, undefined, a.tagger), a.tagger === lexiconTagger ? 30 : 5)
  const size = await bundleSize(a.entry)
  measured.push({ name: a.name, timing, accuracy: score.accuracy, gzip: size.gzip })
  rows.push(
    `| ${a.name} | ${pct(score.accuracy)} | ${pct(score.recallGranular)} / ${pct(score.recallNotGranular)} | ${pct(blind.accuracy)} | ${us(timing.p50)} | ${us(timing.p99)} | ${Math.round(timing.perSecond).toLocaleString("en-GB")} | ${kb(size.min)} / ${kb(size.gzip)} |`
  )
  console.log(rows[rows.length - 1])
}
const [lexicon, pos] = measured as [typeof measured[0], typeof measured[0]]

writeSection(
  "granularity",
  "Granularity checker",
  `
\`checkActionStep\` from the built \`@coaching/granularity\` (dist), ${built.checks.toLocaleString("en-GB")} checks: every string step of the labelled corpus
(${texts.length} steps, 3 to 1 340 characters) 30 times after one warm-up pass. Target: p99 < 1 ms.

| p50 | p99 | max | checks / s |
|---:|---:|---:|---:|
| ${us(built.p50)} | ${us(built.p99)} | ${us(built.max)} | ${Math.round(built.perSecond).toLocaleString("en-GB")} |

Language handling (docs/decisions/0003-granularity-language.md), the same checker with each tagger, from source;
accuracy on all ${corpus.length} labelled steps (recall granular / not granular) and on the blind split; bundle = the checker
bundled and minified by esbuild (min / gzip).

| approach | accuracy | recall | blind split | p50 | p99 | checks / s | bundle |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join("\n")}

In this run compromise was ${(pos.timing.p50 / lexicon.timing.p50).toFixed(0)}× slower at p50, ${(pos.timing.p99 / lexicon.timing.p99).toFixed(0)}× at p99, and ${(pos.gzip / lexicon.gzip).toFixed(1)}× bigger gzipped.
`
)
console.log("docs/benchmarks.md updated")
