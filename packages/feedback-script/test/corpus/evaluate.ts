/**
 * Scores a lint against the labelled feedback lines: per family, how many lines it decides
 * right (accuracy), how many of the lines that should be flagged it flags (recall), and how
 * many of the lines that should not be flagged it leaves alone. Shared by the corpus test and
 * `measure.ts` (which can score an older checkout's lint for the before/after figures).
 */
import data from "./feedback-lines.json" with { type: "json" }

/** The five families of feedback habits the lint checks, with the code each one raises. */
export const families = {
  judgement: "JUDGEMENT_LANGUAGE",
  "generic-praise": "GENERIC_PRAISE",
  "open-probe": "OPEN_PROBE",
  "multiple-steps": "MULTIPLE_ACTION_STEPS",
  "vague-timeline": "VAGUE_TIMELINE"
} as const

/** A family of the corpus. */
export type Family = keyof typeof families

/** One labelled line: should the lint raise its family's code on it? */
export interface Line {
  readonly id: string
  readonly split: "train" | "blind"
  readonly family: Family
  readonly flag: boolean
  readonly text: string
}

/** Every labelled line. */
export const lines: ReadonlyArray<Line> = data.lines as ReadonlyArray<Line>

/** What a lint is: text in, findings with a code out. */
export type Lint = (text: string) => ReadonlyArray<{ readonly code: string }>

/** The figures of one family. */
export interface FamilyScore {
  readonly lines: number
  readonly flagLines: number
  readonly accuracy: number
  /** Flag lines flagged / flag lines. */
  readonly recall: number
  /** No-flag lines left alone / no-flag lines. */
  readonly specificity: number
  readonly misses: ReadonlyArray<{ readonly line: Line; readonly codes: ReadonlyArray<string> }>
}

/** Scores `lint` per family on `entries`. */
export const evaluate = (lint: Lint, entries: ReadonlyArray<Line>): Readonly<Record<Family, FamilyScore>> => {
  const out = {} as Record<Family, FamilyScore>
  for (const family of Object.keys(families) as ReadonlyArray<Family>) {
    const own = entries.filter((l) => l.family === family)
    let right = 0
    let caught = 0
    let spared = 0
    const misses: Array<{ line: Line; codes: ReadonlyArray<string> }> = []
    for (const line of own) {
      const codes = lint(line.text).map((f) => f.code)
      const flagged = codes.includes(families[family])
      if (flagged === line.flag) right++
      else misses.push({ line, codes })
      if (line.flag && flagged) caught++
      if (!line.flag && !flagged) spared++
    }
    const flagLines = own.filter((l) => l.flag).length
    out[family] = {
      lines: own.length,
      flagLines,
      accuracy: right / Math.max(1, own.length),
      recall: caught / Math.max(1, flagLines),
      specificity: spared / Math.max(1, own.length - flagLines),
      misses
    }
  }
  return out
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`

/** The five families pooled: every line decided on its own family's code. */
export const pooled = (scores: Readonly<Record<Family, FamilyScore>>): Omit<FamilyScore, "misses"> => {
  const all = Object.values(scores)
  const lines = all.reduce((n, s) => n + s.lines, 0)
  const flagLines = all.reduce((n, s) => n + s.flagLines, 0)
  const right = all.reduce((n, s) => n + s.accuracy * s.lines, 0)
  const caught = all.reduce((n, s) => n + s.recall * s.flagLines, 0)
  const spared = all.reduce((n, s) => n + s.specificity * (s.lines - s.flagLines), 0)
  return { lines, flagLines, accuracy: right / lines, recall: caught / Math.max(1, flagLines), specificity: spared / Math.max(1, lines - flagLines) }
}

/** The per-family figures, and the families pooled, as a Markdown table. */
export const formatScores = (scores: Readonly<Record<Family, FamilyScore>>, title: string): string => {
  const row = (name: string, s: Omit<FamilyScore, "misses">) =>
    `| ${name} | ${s.lines} (${s.flagLines} / ${s.lines - s.flagLines}) | ${pct(s.accuracy)} | ${pct(s.recall)} | ${pct(s.specificity)} |`
  return [
    `${title}`,
    "",
    "| family | lines (flag / no-flag) | accuracy | recall | no-flag kept clean |",
    "|---|---:|---:|---:|---:|",
    ...(Object.entries(scores) as ReadonlyArray<[Family, FamilyScore]>).map(([family, s]) => row(family, s)),
    row("all five", pooled(scores))
  ].join("\n")
}
