/**
 * The checker's version and length ceiling, apart from its rules: a program that only needs to
 * know which version a checker with given options names (`coaching validate`, deciding whether a
 * recorded report is this checker's to recompute) loads this module, not the lexicon and analysis.
 * Also `@coaching/granularity/version`.
 *
 * @since 0.3.0
 */
import type { GranularityOptions } from "./Checker.js"
import type { Locale } from "./Findings.js"

/**
 * The version of the checker's rules (its lexicon and analysis), part of every `checkerVersion`.
 * It goes up whenever any verdict, score, finding, message or suggestion may change for some
 * text: a report recorded under another version is then kept as recorded, never recomputed
 * (a test pins it to a fingerprint of the corpus's reports, so a change cannot go unnoticed).
 *
 * @since 0.3.0
 */
export const RULES_VERSION = 3

/** The hard ceiling on a step's length. @since 0.1.0 */
export const MAX_LENGTH = 1000

const fnv1a = (text: string): string => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, "0")
}

/**
 * The version a checker with these options names (`@coaching/granularity/<rules> <locale>`, then
 * ` max=<n>` and ` techniques=<hash>` when those options are given): two checkers with the same
 * version give the same report for every text.
 *
 * @since 0.3.0
 */
export const checkerVersion = (options: GranularityOptions = {}): string => {
  const opts: Partial<GranularityOptions> = typeof options === "object" && options !== null ? options : {}
  const locale: Locale = opts.locale === "en-US" ? "en-US" : "en-GB"
  const max = opts.maxLength
  const limit = typeof max === "number" && Number.isInteger(max) && max >= 1 && max <= MAX_LENGTH ? max : MAX_LENGTH
  const techniques = Array.isArray(opts.techniques) && opts.techniques.length > 0 ? ` techniques=${fnv1a(JSON.stringify(opts.techniques))}` : ""
  return `@coaching/granularity/${RULES_VERSION} ${locale}${limit === MAX_LENGTH ? "" : ` max=${limit}`}${techniques}`
}
