/**
 * The granularity report: whether an action step is one granular, observable teacher action.
 * Core defines the report and the checker's function type only; the real checker lives in
 * `@coaching/granularity` and is injected into the decider (core depends on no NLP package).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { isBlank, Line } from "./Text.js"

// -0 would not survive JSON (it prints as 0), so the canonical form has no -0
const notNegativeZero = Schema.makeFilter((n: number) => !Object.is(n, -0), { expected: "a number that is not -0" })

/** A character offset into the step's text. */
const Offset = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0), notNegativeZero))

/** A checker's version as recorded in a report: a short line (1–500 characters, not blank). @since 0.3.0 */
export const CheckerVersion = Line

/** One finding on an action step's text, with the character span `[start, end)` it is about. @since 0.1.0 */
export const Finding = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  span: Schema.Tuple([Offset, Offset])
})
/** @since 0.1.0 */
export type Finding = typeof Finding.Type

/**
 * What a granularity check said about an action step. `score` rates the *text* (0..1), never
 * the teacher.
 *
 * @since 0.1.0
 */
export const GranularityReport = Schema.Struct({
  granular: Schema.Boolean,
  score: Schema.Number.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1 }), notNegativeZero)),
  findings: Schema.Array(Finding),
  suggestions: Schema.Array(Schema.String),
  /**
   * Which checker made the report: its name, rules version and options (since 0.3.0), e.g.
   * `"@coaching/granularity/3 en-GB"`. Recorded when the decider's checker has a `version`;
   * validation recomputes a report in full only with a checker of exactly this version, and
   * only the verdict of a report without one (see `docs/decisions/0010-import-and-stored-data.md`).
   */
  checker: Schema.optionalKey(CheckerVersion)
})
/** @since 0.1.0 */
export type GranularityReport = typeof GranularityReport.Type

/**
 * A granularity checker: pure and synchronous (a UI calls it on every keystroke). A checker that
 * names its `version` (rules and options, as `@coaching/granularity`'s do) gets it recorded in
 * the reports the decider keeps, so that validation recomputes them only with that version. An
 * app's own checker should name one: a report that names no checker has its verdict recomputed
 * by whatever checker validates it (the CLI's), which may judge the text by other rules.
 *
 * @since 0.1.0
 */
export interface Checker {
  (text: string): GranularityReport
  /** The checker's name, rules version and options (since 0.3.0); recorded as the report's `checker`. */
  readonly version?: string
}

/**
 * A checker that accepts every non-blank step. Only for tests and tools that do not judge
 * granularity; apps should inject `checkActionStep` from `@coaching/granularity`. It names its
 * version (`"@coaching/core/acceptAll"`, since 0.3.0), so its reports are kept as recorded by a
 * validation that rechecks with another checker (the CLI's), never judged by other rules.
 *
 * @since 0.1.0
 */
export const acceptAll: Checker = Object.assign(
  (text: string): GranularityReport =>
    !isBlank(text)
      ? { granular: true, score: 1, findings: [], suggestions: [] }
      : { granular: false, score: 0, findings: [{ code: "NOT_AN_ACTION", message: "The action step is empty.", span: [0, text.length] as const }], suggestions: [] },
  { version: "@coaching/core/acceptAll" }
)
