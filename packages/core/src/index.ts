/**
 * `@coaching/core`: instructional coaching as a library — schemas of every entity and event,
 * the cycle rules as a pure decider, policy, typed errors with stable codes, the export format.
 *
 * @since 0.1.0
 */

/** Who may do what to whose record: the rights table and `can`. @since 0.2.0 */
export * as Access from "./Access.js"
/** A coach's caseload: follow-ups due, visits, open cycles, expertise fit, minutes per week. @since 0.2.0 */
export * as Caseload from "./Caseload.js"
/** Cohort insight: the most common leverage-point areas and techniques across a cohort. @since 0.2.0 */
export * as CohortInsight from "./CohortInsight.js"
/** A demo cycle for READMEs, examples and tests. @since 0.1.0 */
export * as Demo from "./Demo.js"
/** A demo school (coaches, teachers, cohorts, a term of cycles) and synthetic schools of any size. @since 0.2.0 */
export * as DemoSchool from "./DemoSchool.js"
/** Commands sent to a teacher's journey. @since 0.1.0 */
export * as Commands from "./Commands.js"
/** A coach's follow-ups due as an iCalendar (RFC 5545) file. @since 0.2.0 */
export * as Calendar from "./Calendar.js"
/** The cycle rules: `decide`, `evolve`, `replay`. @since 0.1.0 */
export * as Cycle from "./Cycle.js"
/** Lesson visits, leverage points, action steps, meetings, follow-ups, reflections. @since 0.1.0 */
export * as Entities from "./Entities.js"
/** Typed errors with stable codes. @since 0.1.0 */
export * as Errors from "./Errors.js"
/** Fidelity to the model per coach, per cohort and for the programme (aggregates only). @since 0.2.0 */
export * as Fidelity from "./Fidelity.js"
/** The journey's events (one tagged union). @since 0.1.0 */
export * as Events from "./Events.js"
/** The export format, its JSON Schema and its validator. @since 0.1.0 */
export * as Export from "./Export.js"
/** The granularity report and checker type. @since 0.1.0 */
export * as Granularity from "./Granularity.js"
/** Fast acceptance guards compiled from a Schema (sound: `true` only for values that decode). @since 0.3.0 */
export * as Guard from "./Guard.js"
/** Branded ids. @since 0.1.0 */
export * as Ids from "./Ids.js"
/** People, roles, coaching relationships, cohorts. @since 0.1.0 */
export * as People from "./People.js"
/** Playbooks of techniques, and a small default one. @since 0.1.0 */
export * as Playbook from "./Playbook.js"
/** Programme policy, validated. @since 0.1.0 */
export * as Policy from "./Policy.js"
/** The one table of record kinds (people, cohorts, relationships, playbooks, journeys). @since 0.2.0 */
export * as Records from "./Records.js"
/** The reports' projection (`evolve`, O(1) per event), their context, suppression of small groups. @since 0.2.0 */
export * as Reports from "./Reports.js"
/** Text fields. @since 0.1.0 */
export * as Text from "./Text.js"
/** Timestamps and calendar dates. @since 0.1.0 */
export * as Time from "./Time.js"
/** The in-memory store (`Memory.layer`), for tests, demos and embedding. @since 0.2.0 */
export * as Memory from "./Memory.js"
/** The storage port: `CoachingStore`, its primitives, typed errors, `make`, records by kind. @since 0.1.0 */
export * as Store from "./Store.js"
/** The command service: rights, load, decide, append with the expected version, retry on conflict. @since 0.1.0 */
export * as Journeys from "./Journeys.js"
/** Export and import of a whole store. @since 0.2.0 */
export * as Transfer from "./Transfer.js"

/**
 * Validates an export document (parsed JSON): shape and rules, every violation as
 * `{ path, code, message }`. The same as `Export.validate`.
 *
 * @since 0.1.0
 */
export { validate as validateExport } from "./Export.js"
