/**
 * `@coaching/granularity`: the action-step granularity checker. `checkActionStep(text)` tells one
 * granular teacher action ("Pose the question, pause five seconds, then name a student") from a
 * bundle of techniques, a vague aim, a student outcome, a hedge or a whole programme. It is a
 * `Granularity.Checker` for `@coaching/core`'s cycle.
 *
 * @since 0.1.0
 */

/** Checks one action step. @since 0.1.0 */
export { checkActionStep } from "./Checker.js"
/** `checkActionStep` with options bound, as a core `Granularity.Checker`. @since 0.1.0 */
export { makeChecker } from "./Checker.js"
/** The version of the checker's rules, and the version a checker with given options records in its reports. @since 0.3.0 */
export { checkerVersion, RULES_VERSION } from "./Checker.js"
/** The hard ceiling on a step's length (1000 characters). @since 0.1.0 */
export { MAX_LENGTH } from "./Checker.js"
/** Options of a check; the report type (core's `GranularityReport`). @since 0.1.0 */
export type { GranularityOptions, GranularityReport } from "./Checker.js"
/** Every finding code, the blocking ones, and a test for blocking. @since 0.1.0 */
export { blockingCodes, findingCodes, isBlocking } from "./Findings.js"
/** A finding code; the spelling of messages. @since 0.1.0 */
export type { FindingCode, Locale } from "./Findings.js"
