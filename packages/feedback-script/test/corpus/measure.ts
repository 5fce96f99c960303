/**
 * Prints the per-family figures of a lint on a split of the labelled lines:
 *
 *   npx tsx packages/feedback-script/test/corpus/measure.ts [split] [path/to/Lint.ts] [--misses]
 *
 * `split` is `train` (default) or `blind`; the lint defaults to this checkout's `src/Lint.ts`.
 * Pointing it at another checkout's `Lint.ts` (a `git worktree` of an older commit) gives the
 * "before" figures of the same lines.
 */
import { pathToFileURL } from "node:url"
import { evaluate, formatScores, type Lint, lines } from "./evaluate.js"

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"))
const split = (args[0] ?? "train") as "train" | "blind"
const path = args[1] ?? new URL("../../src/Lint.ts", import.meta.url).pathname
const module = (await import(pathToFileURL(path).href)) as { readonly lintFeedback: Lint }
const scores = evaluate(module.lintFeedback, lines.filter((l) => l.split === split))
console.log(formatScores(scores, `${split} split, lint from ${path}`))
if (process.argv.includes("--misses")) {
  for (const [family, s] of Object.entries(scores)) {
    for (const m of s.misses) console.log(`  ${family} ${m.line.id} (${m.line.flag ? "should flag" : "should not flag"}; found ${m.codes.join(",") || "nothing"}): ${JSON.stringify(m.line.text)}`)
  }
}
