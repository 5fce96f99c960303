/**
 * Scores a checker against the labelled corpus: confusion matrix, accuracy, recall per class and
 * per finding code. Shared by the corpus test, the benchmark and the language comparison.
 */
import type { Granularity } from "@coaching/core"
import corpusData from "./action-steps.json" with { type: "json" }

/** One labelled step. */
export interface Entry {
  readonly id: string
  readonly split: "dev" | "holdout" | "blind" | "approach" | "approach-blind"
  readonly granular: boolean
  readonly codes: ReadonlyArray<string>
  readonly text: unknown
}

/** The corpus. */
export const corpus: ReadonlyArray<Entry> = corpusData as ReadonlyArray<Entry>

/** What a checker scored. */
export interface Score {
  readonly total: number
  /** [label granular][predicted granular] counts. */
  readonly confusion: { readonly tp: number; readonly fn: number; readonly fp: number; readonly tn: number }
  readonly accuracy: number
  readonly recallGranular: number
  readonly recallNotGranular: number
  readonly perCode: Readonly<Record<string, { readonly expected: number; readonly found: number; readonly recall: number }>>
  readonly errors: ReadonlyArray<{ readonly entry: Entry; readonly report: Granularity.GranularityReport; readonly why: string }>
}

/** Scores `check` on `entries`. */
export const evaluate = (check: (text: unknown) => Granularity.GranularityReport, entries: ReadonlyArray<Entry> = corpus): Score => {
  let tp = 0
  let fn = 0
  let fp = 0
  let tn = 0
  const perCode: Record<string, { expected: number; found: number; recall: number }> = {}
  const errors: Array<{ entry: Entry; report: Granularity.GranularityReport; why: string }> = []
  for (const entry of entries) {
    const report = check(entry.text)
    if (entry.granular) {
      if (report.granular) tp++
      else {
        fn++
        errors.push({ entry, report, why: "labelled granular" })
      }
    } else if (report.granular) {
      fp++
      errors.push({ entry, report, why: "labelled not granular" })
    } else tn++
    for (const code of entry.codes) {
      const c = (perCode[code] ??= { expected: 0, found: 0, recall: 0 })
      c.expected++
      if (report.findings.some((f) => f.code === code)) c.found++
      else if (!report.granular) errors.push({ entry, report, why: `missed ${code}` })
    }
  }
  for (const c of Object.values(perCode)) c.recall = c.found / c.expected
  const total = entries.length
  return {
    total,
    confusion: { tp, fn, fp, tn },
    accuracy: (tp + tn) / total,
    recallGranular: tp / Math.max(1, tp + fn),
    recallNotGranular: tn / Math.max(1, tn + fp),
    perCode,
    errors
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`

/** The confusion matrix and recalls as a markdown table. */
export const formatScore = (score: Score, title: string): string => {
  const { tp, fn, fp, tn } = score.confusion
  const codes = Object.entries(score.perCode).sort(([a], [b]) => a.localeCompare(b))
  return [
    `${title}: ${score.total} steps, accuracy ${pct(score.accuracy)}`,
    "",
    "| label \\ checker | granular | not granular | recall |",
    "|---|---:|---:|---:|",
    `| granular | ${tp} | ${fn} | ${pct(score.recallGranular)} |`,
    `| not granular | ${fp} | ${tn} | ${pct(score.recallNotGranular)} |`,
    "",
    "| code | labelled | found | recall |",
    "|---|---:|---:|---:|",
    ...codes.map(([code, c]) => `| ${code} | ${c.expected} | ${c.found} | ${pct(c.recall)} |`)
  ].join("\n")
}
