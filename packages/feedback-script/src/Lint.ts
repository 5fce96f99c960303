/**
 * `lintFeedback`: checks what a coach writes for a feedback meeting (notes, an emailed summary,
 * a script they adapted) against the habits of effective feedback: no judgement language,
 * praise that names a concrete moment, probes that focus on one moment rather than the whole
 * lesson, one action step, and a follow-up with a date. The word lists live in `src/data/`.
 *
 * @since 0.1.0
 */
import { lists } from "./internal/data.js"
import { type Match, matchAll } from "./internal/patterns.js"

/** The stable codes of lint findings. @since 0.1.0 */
export type LintCode =
  | "JUDGEMENT_LANGUAGE"
  | "GENERIC_PRAISE"
  | "OPEN_PROBE"
  | "MULTIPLE_ACTION_STEPS"
  | "VAGUE_TIMELINE"
  | "NOT_TEXT"

/** Every lint code. @since 0.1.0 */
export const lintCodes: ReadonlyArray<LintCode> = [
  "JUDGEMENT_LANGUAGE",
  "GENERIC_PRAISE",
  "OPEN_PROBE",
  "MULTIPLE_ACTION_STEPS",
  "VAGUE_TIMELINE",
  "NOT_TEXT"
]

/** One finding: what, why, and the `[start, end)` character span of the text it is about. @since 0.1.0 */
export interface LintFinding {
  readonly code: LintCode
  readonly message: string
  readonly span: readonly [number, number]
}

interface Sentence {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** Splits on sentence ends (`.`, `!`, `?` before a space or the end) and line breaks, keeping offsets. */
const sentences = (text: string): ReadonlyArray<Sentence> => {
  const out: Array<Sentence> = []
  const boundary = /[.!?]+(?=\s|$)|\n+/g
  let start = 0
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[0].length
    if (text.slice(start, end).trim().length > 0) out.push({ start, end, text: text.slice(start, end) })
    start = end
  }
  if (text.slice(start).trim().length > 0) out.push({ start, end: text.length, text: text.slice(start) })
  return out
}

const overlaps = (a: Match, b: Match): boolean => a.start < b.end && b.start < a.end

/**
 * Lints feedback text a coach wrote. Returns every finding, ordered by position (an empty
 * array when the text follows the habits). A non-string from a JavaScript caller gives one
 * `NOT_TEXT` finding; this function never throws.
 *
 * @since 0.1.0
 */
export const lintFeedback = (text: string): ReadonlyArray<LintFinding> => {
  if (typeof text !== "string") {
    return [{ code: "NOT_TEXT", message: `Expected the feedback as a string, got ${text === null ? "null" : typeof text}.`, span: [0, 0] }]
  }
  const findings: Array<LintFinding> = []

  for (const m of matchAll(lists.judgement, text)) {
    findings.push({
      code: "JUDGEMENT_LANGUAGE",
      message: `"${m.text}" grades the lesson or the teacher; say what happened and what the students did instead.`,
      span: [m.start, m.end]
    })
  }

  for (const m of matchAll(lists.openProbes, text)) {
    findings.push({
      code: "OPEN_PROBE",
      message: `"${m.text}" asks about the whole lesson; probe one moment instead (what did the students do when …?).`,
      span: [m.start, m.end]
    })
  }

  // Each list is scanned once over the whole text; a match belongs to the sentence it starts in.
  const all = {
    markers: matchAll(lists.genericPraiseMarkers, text),
    concrete: matchAll(lists.concreteReference, text),
    cues: matchAll(lists.timelineCues, text),
    dates: matchAll(lists.dates, text),
    vague: matchAll(lists.vague, text),
    except: matchAll(lists.vagueExcept, text),
    statements: matchAll(lists.stepStatement, text),
    joiners: matchAll(lists.stepJoiners, text)
  }
  const within = (matches: ReadonlyArray<Match>, s: Sentence) => matches.filter((m) => m.start >= s.start && m.start < s.end)
  const statements: Array<readonly [number, number]> = []
  for (const s of sentences(text)) {
    const marker = within(all.markers, s)[0]
    if (marker !== undefined && within(all.concrete, s).length === 0 && !/\d|["“”‘]/u.test(s.text)) {
      findings.push({
        code: "GENERIC_PRAISE",
        message: `"${marker.text}" praises nothing in particular; name the moment, what the teacher did and what the students did.`,
        span: [marker.start, marker.end]
      })
    }

    if (within(all.cues, s).length > 0 && within(all.dates, s).length === 0) {
      const except = within(all.except, s)
      const vague = within(all.vague, s).find((v) => !except.some((e) => overlaps(v, e)))
      if (vague !== undefined) {
        findings.push({
          code: "VAGUE_TIMELINE",
          message: `"${vague.text}" sets no date; agree the day the coach will come back to see the step.`,
          span: [vague.start, vague.end]
        })
      }
    }

    const statement = within(all.statements, s)
    for (const m of statement) statements.push([m.start, m.end])
    if (statement.length > 0) {
      const after = statement[0]!.end
      for (const joiner of within(all.joiners, s).filter((j) => j.start >= after)) {
        findings.push({
          code: "MULTIPLE_ACTION_STEPS",
          message: `"${joiner.text}" adds a second action to the action step; agree one granular step and keep the rest for later cycles.`,
          span: [joiner.start, joiner.end]
        })
      }
    }
  }
  for (const span of statements.slice(1)) {
    findings.push({
      code: "MULTIPLE_ACTION_STEPS",
      message: "A second action step: a feedback meeting agrees one granular step, rehearsed and followed up.",
      span
    })
  }
  for (const m of matchAll(lists.stepPlural, text)) {
    findings.push({
      code: "MULTIPLE_ACTION_STEPS",
      message: `"${m.text}" announces several steps; a feedback meeting agrees one granular step.`,
      span: [m.start, m.end]
    })
  }

  return findings.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}
