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
import { phraseSet, type PhraseSet, type TechniqueInfo } from "./internal/lexicon.js"
import { lexiconTagger, type Tagger } from "./internal/tagger.js"

/** Options of a check. Invalid values are ignored (the defaults apply); nothing throws. @since 0.1.0 */
export interface GranularityOptions {
  /** Longest accepted text, in characters: 1 to 1000 (default and maximum 1000). */
  readonly maxLength?: number
  /** Spelling of the report's sentences (both spellings are always understood). Default en-GB. */
  readonly locale?: Locale
  /** A school's own technique names (e.g. its playbook titles), so bundles of them are spotted. */
  readonly techniques?: ReadonlyArray<string | { readonly name: string; readonly area?: string }>
}

/** The report: exactly core's `Granularity.GranularityReport`. @since 0.1.0 */
export type GranularityReport = Granularity.GranularityReport

/** The hard ceiling on a step's length. @since 0.1.0 */
export const MAX_LENGTH = 1000

const weights: Record<FindingCode, number> = {
  NOT_AN_ACTION: 0,
  TOO_LONG: 0.1,
  UNOBSERVABLE: 0.2,
  STUDENT_OUTCOME: 0.2,
  TOO_BROAD: 0.2,
  VAGUE: 0.3,
  COMPOUND: 0.4,
  HEDGED: 0.45,
  MANY_MOVES: 0.9
}

const extraTechniques = new WeakMap<object, PhraseSet<TechniqueInfo>>()
const techniquesOf = (list: GranularityOptions["techniques"]): PhraseSet<TechniqueInfo> | undefined => {
  if (!Array.isArray(list) || list.length === 0) return undefined
  const cached = extraTechniques.get(list)
  if (cached) return cached
  const entries: Array<readonly [string, TechniqueInfo]> = []
  for (const item of list as ReadonlyArray<unknown>) {
    const name = typeof item === "string" ? item : typeof item === "object" && item !== null && typeof (item as { name?: unknown }).name === "string" ? (item as { name: string }).name : undefined
    if (name === undefined || name.trim().length === 0 || name.length > 200) continue
    const area = typeof item === "object" && item !== null && typeof (item as { area?: unknown }).area === "string" ? (item as { area: string }).area : "school"
    entries.push([name, { id: `school:${name.toLowerCase()}`, area }])
  }
  const set = phraseSet(entries)
  extraTechniques.set(list, set)
  return set
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
 * `score` (0..1) rates the text, never the teacher. A `COMPOUND` step comes with `suggestions`:
 * the single steps it would split into. A hedged step comes with the step without its hedge.
 *
 * Bad input never throws: an empty or blank text gives `NOT_AN_ACTION`; a text longer than
 * `maxLength` (1000) gives `TOO_LONG` (and is not analysed further); a non-string from a
 * JavaScript caller gives `NOT_AN_ACTION` with span `[0, 0]`.
 *
 * @since 0.1.0
 */
export const checkActionStep = (text: string, options?: GranularityOptions): GranularityReport =>
  check(text, options, lexiconTagger)

/** `checkActionStep` with options bound: a core `Granularity.Checker`. @since 0.1.0 */
export const makeChecker = (options: GranularityOptions): Granularity.Checker => (text) => check(text, options, lexiconTagger)

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
    const { findings, suggestions } = analyse(text, tagger, techniquesOf(opts.techniques))
    return report(findings, suggestions, locale, limit)
  } catch {
    // the analysis is written not to throw; should it ever, the caller still gets a report
    return report([{ code: "NOT_AN_ACTION", span: [0, text.length], words: text.trim() }], [], locale, limit)
  }
}
