/**
 * `@coaching/adapter-testkit`: the conformance suite every `CoachingStore` adapter runs.
 *
 * ```ts
 * import { suite } from "@coaching/adapter-testkit"
 * import { MemoryStore } from "@coaching/adapter-memory"
 *
 * suite("memory", MemoryStore.layer)
 * ```
 *
 * @since 0.1.0
 */

/** Registers the suite as vitest tests. @since 0.1.0 */
export { casesFor, suite } from "./Suite.js"
/** Options and capability flags of the suite. @since 0.1.0 */
export type { Capabilities, SuiteOptions } from "./Suite.js"
/** The cases themselves, and a runner for one. @since 0.1.0 */
export { type Case, type CaseOptions, cases, defaultCaseOptions, runCase } from "./Cases.js"
/** Raw reads, for adapters whose storage can be read directly. @since 0.1.0 */
export { type RawEvent, RawReader, type RawReaderService } from "./RawReader.js"
/** Fixture data: ids, journeys, long streams, unicode and megabyte payloads. @since 0.1.0 */
export * as Fixtures from "./Fixtures.js"
