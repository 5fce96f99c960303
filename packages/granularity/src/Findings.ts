/**
 * The finding codes of the granularity check, which of them block an action step, and the
 * sentence each one says.
 *
 * @since 0.1.0
 */

/**
 * Every finding code, blocking ones first. A step with any blocking finding is not granular;
 * `MANY_MOVES` is advice only.
 *
 * @since 0.1.0
 */
export const findingCodes = [
  "COMPOUND",
  "VAGUE",
  "UNOBSERVABLE",
  "STUDENT_OUTCOME",
  "TOO_BROAD",
  "ASPIRATION",
  "HEDGED",
  "TOO_LONG",
  "NOT_AN_ACTION",
  "MANY_MOVES"
] as const

/** A finding code. @since 0.1.0 */
export type FindingCode = (typeof findingCodes)[number]

/** The codes that make a step not granular (all but `MANY_MOVES`). @since 0.1.0 */
export const blockingCodes: ReadonlyArray<FindingCode> = findingCodes.filter((c) => c !== "MANY_MOVES")

/** Whether a finding code makes a step not granular. @since 0.1.0 */
export const isBlocking = (code: string): boolean => (blockingCodes as ReadonlyArray<string>).includes(code)

/** The spelling a report's sentences use. @since 0.1.0 */
export type Locale = "en-GB" | "en-US"

const quote = (words: string): string => {
  const w = words.replace(/\s+/gu, " ").trim()
  return w.length > 60 ? `"${w.slice(0, 57)}…"` : `"${w}"`
}

/** The sentence for one finding. @since 0.1.0 */
export const message = (
  code: FindingCode,
  detail: { readonly words: string; readonly count?: number | undefined; readonly limit?: number | undefined },
  locale: Locale = "en-GB"
): string => {
  const practise = locale === "en-US" ? "practice" : "practise"
  switch (code) {
    case "COMPOUND":
      return `This bundles ${detail.count ?? 2} separate steps; pick one to ${practise} first (see the suggestions).`
    case "VAGUE":
      return `${quote(detail.words)} names an aim, not an action: say what the teacher will do or say, and when.`
    case "UNOBSERVABLE":
      return `${quote(detail.words)} happens in the teacher's head; name something a visitor could see or hear.`
    case "STUDENT_OUTCOME":
      return `${quote(detail.words)} says what students will do or be; name what the teacher does to get there.`
    case "TOO_BROAD":
      return `${quote(detail.words)} is a whole programme, approach or plan for every lesson, not one step for the next lesson.`
    case "ASPIRATION":
      return `${quote(detail.words)} names an end state (a rating, the kind of teacher to be), not something to do in the next lesson.`
    case "HEDGED":
      return `${quote(detail.words)} hedges the step; agree it as something the teacher will do.`
    case "TOO_LONG":
      return `The step is longer than ${detail.limit ?? 1000} characters; a granular step fits in a sentence or two.`
    case "NOT_AN_ACTION":
      return detail.words.length === 0
        ? "The action step is empty."
        : `${quote(detail.words)} is not an action: start with what the teacher does ("Pose…", "Stand…", "Say…").`
    case "MANY_MOVES":
      return `A routine of ${detail.count ?? 7} moves is a lot to rehearse at once; rehearse it in parts first.`
  }
}
