/**
 * `checkActionStep`: is this one granular teacher action — concrete, observable, rehearsable in a
 * meeting and usable in the very next lesson — or a bundle, an aim, a wish?
 *
 * Synchronous and pure (a UI calls it on every keystroke); it never throws for any input.
 *
 * @since 0.1.0
 */
import type { Granularity } from "@coaching/core"
import { type FindingCode, isBlocking, type Locale, message } from "./Findings.js"
import { analyse, type RawFinding } from "./internal/analyse.js"
import { phraseSet, type PhraseSet, techniqueAliases, type TechniqueInfo } from "./internal/lexicon.js"
import { suggest } from "./internal/suggest.js"
import { lexiconTagger, type Tagger } from "./internal/tagger.js"
import { checkerVersion, MAX_LENGTH, RULES_VERSION } from "./Version.js"

export { checkerVersion, MAX_LENGTH, RULES_VERSION } from "./Version.js"

/** Options of a check. Invalid values are ignored (the defaults apply); nothing throws. @since 0.1.0 */
export interface GranularityOptions {
  /** Longest accepted text, in characters: 1 to 1000 (default and maximum 1000). */
  readonly maxLength?: number
  /** Spelling of the report's sentences (both spellings are always understood). Default en-GB. */
  readonly locale?: Locale
  /**
   * A school's own techniques (e.g. its playbook's), so bundles of them are spotted. With an
   * `id` (the playbook's technique id) and concrete `subSteps`, a suggestion for a step that
   * names the technique is built from the sub-steps ("Ask the question to the whole class,
   * count five seconds in silence, then name one student to answer.").
   */
  readonly techniques?: ReadonlyArray<string | SchoolTechnique>
}

/**
 * A school's technique: its name as teachers write it, its playbook area, and optionally the
 * playbook's technique id and concrete sub-steps (since 0.2.0). A playbook technique maps to it
 * as `{ name: t.title, area: strand.area, id: t.id, subSteps: t.subSteps }`.
 *
 * @since 0.1.0
 */
export interface SchoolTechnique {
  readonly name: string
  readonly area?: string
  readonly id?: string
  readonly subSteps?: ReadonlyArray<string>
}

/** The report: exactly core's `Granularity.GranularityReport`. @since 0.1.0 */
export type GranularityReport = Granularity.GranularityReport


const weights: Record<FindingCode, number> = {
  NOT_AN_ACTION: 0,
  TOO_LONG: 0.1,
  UNOBSERVABLE: 0.2,
  STUDENT_OUTCOME: 0.2,
  TOO_BROAD: 0.2,
  ASPIRATION: 0.2,
  VAGUE: 0.3,
  COMPOUND: 0.4,
  HEDGED: 0.45,
  MANY_MOVES: 0.9
}

/** What a school's technique list gives the checker: its names as phrases, and sub-steps by id and by name. */
interface School {
  readonly phrases: PhraseSet<TechniqueInfo> | undefined
  readonly subSteps: ReadonlyMap<string, ReadonlyArray<string>>
}

const noSchool: School = { phrases: undefined, subSteps: new Map() }
const schools = new WeakMap<object, School>()
const str = (u: unknown): string | undefined => (typeof u === "string" && u.trim().length > 0 && u.length <= 200 ? u : undefined)

/** Reads the `techniques` option (anything a JavaScript caller passes; invalid items are skipped). */
const schoolOf = (list: GranularityOptions["techniques"]): School => {
  if (!Array.isArray(list) || list.length === 0) return noSchool
  const cached = schools.get(list)
  if (cached) return cached
  const entries: Array<readonly [string, TechniqueInfo]> = []
  const subSteps = new Map<string, ReadonlyArray<string>>()
  for (const item of list as ReadonlyArray<unknown>) {
    const record = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : undefined
    const name = typeof item === "string" ? str(item) : str(record?.["name"])
    if (name === undefined) continue
    const area = str(record?.["area"]) ?? "school"
    const id = `school:${name.toLowerCase()}`
    entries.push([name, { id, area }])
    const steps = record?.["subSteps"]
    if (Array.isArray(steps) && steps.length > 0 && steps.length <= 12 && steps.every((x) => str(x) !== undefined)) {
      subSteps.set(id, steps as ReadonlyArray<string>)
      const ref = str(record?.["id"])
      if (ref !== undefined) {
        subSteps.set(ref, steps as ReadonlyArray<string>)
        const alias = techniqueAliases.get(ref)
        if (alias !== undefined && !subSteps.has(alias)) subSteps.set(alias, steps as ReadonlyArray<string>)
      }
    }
  }
  const school: School = { phrases: entries.length > 0 ? phraseSet(entries) : undefined, subSteps }
  schools.set(list, school)
  return school
}

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : typeof value

const report = (findings: ReadonlyArray<RawFinding>, suggestions: ReadonlyArray<string>, locale: Locale, limit: number): GranularityReport => {
  let score = 1
  let granular = true
  for (const f of findings) {
    score *= weights[f.code]
    if (isBlocking(f.code)) granular = false
  }
  return {
    granular,
    score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000,
    findings: findings.map((f) => ({ code: f.code, message: message(f.code, { words: f.words, count: f.count, limit }, locale), span: [f.span[0], f.span[1]] as const })),
    suggestions
  }
}

/**
 * Checks one action step. `granular` is true exactly when no blocking finding was raised;
 * `score` (0..1) rates the text, never the teacher. A step that is not granular comes with
 * `suggestions`, each of which passes this check itself: for a `COMPOUND` step, the single steps
 * it splits into; for a hedged step, the step without its hedge; where a part only names a
 * technique ("use elaborative questioning"), a concrete step for it — from the school's playbook
 * sub-steps when the `techniques` option gives them, else from the checker's own lexicon.
 *
 * Bad input never throws: an empty or blank text gives `NOT_AN_ACTION`; a text longer than
 * `maxLength` (1000) gives `TOO_LONG` (and is not analysed further); a non-string from a
 * JavaScript caller gives `NOT_AN_ACTION` with span `[0, 0]`.
 *
 * @since 0.1.0
 */
export const checkActionStep: ((text: string, options?: GranularityOptions) => GranularityReport) & { readonly version: string } = Object.assign(
  (text: string, options?: GranularityOptions): GranularityReport => check(text, options, lexiconTagger),
  { version: `@coaching/granularity/${RULES_VERSION} en-GB` }
)

/**
 * `checkActionStep` with options bound: a core `Granularity.Checker` whose `version`
 * (`checkerVersion(options)`) the decider records in each report.
 *
 * @since 0.1.0
 */
export const makeChecker = (options: GranularityOptions): Granularity.Checker =>
  Object.assign((text: string) => check(text, options, lexiconTagger), { version: checkerVersion(options) })


/** @internal The check with a chosen tagger (used to compare language approaches). */
export const check = (text: unknown, options: GranularityOptions | undefined, tagger: Tagger): GranularityReport => {
  const opts: Partial<GranularityOptions> = typeof options === "object" && options !== null ? options : {}
  const locale: Locale = opts.locale === "en-US" ? "en-US" : "en-GB"
  const max = opts.maxLength
  const limit = typeof max === "number" && Number.isInteger(max) && max >= 1 && max <= MAX_LENGTH ? max : MAX_LENGTH
  if (typeof text !== "string") {
    return {
      granular: false,
      score: 0,
      findings: [{ code: "NOT_AN_ACTION", message: `The action step must be text; got ${describe(text)}.`, span: [0, 0] }],
      suggestions: []
    }
  }
  if (text.length > limit) {
    return report([{ code: "TOO_LONG", span: [limit, text.length], words: "" }], [], locale, limit)
  }
  if (text.trim().length === 0) {
    return report([{ code: "NOT_AN_ACTION", span: [0, text.length], words: "" }], [], locale, limit)
  }
  try {
    const school = schoolOf(opts.techniques)
    const { candidates, findings, named } = analyse(text, tagger, school.phrases)
    const granular = !findings.some((f) => isBlocking(f.code))
    const suggestions = granular ? [] : suggest(candidates.length > 0 ? candidates : named.map((t) => ({ text: "", techniques: [t] })), school, tagger, limit)
    return report(findings, suggestions, locale, limit)
  } catch {
    // the analysis is written not to throw; should it ever, the caller still gets a report
    return report([{ code: "NOT_AN_ACTION", span: [0, text.length], words: text.trim() }], [], locale, limit)
  }
}
