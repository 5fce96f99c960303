/**
 * People and coaching relationships. A teacher owns their record; a coach reaches it through a
 * relationship; a lead runs the programme and sees aggregates only.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CohortId, PersonId, RelationshipId } from "./Ids.js"
import { Area, Line } from "./Text.js"
import { CalendarDate } from "./Time.js"

/** What a person may do in the programme (see the rights table in the docs). @since 0.1.0 */
export const Role = Schema.Literals(["teacher", "coach", "lead"])
/** @since 0.1.0 */
export type Role = typeof Role.Type

/** A person. Coaches list their areas of expertise (playbook areas). @since 0.1.0 */
export const Person = Schema.Struct({
  id: PersonId,
  name: Line,
  roles: Schema.NonEmptyArray(Role),
  areas: Schema.optionalKey(Schema.Array(Area))
})
/** @since 0.1.0 */
export type Person = typeof Person.Type

/** Where a relationship sits on the facilitative ↔ directive continuum. @since 0.1.0 */
export const Style = Schema.Literals(["facilitative", "balanced", "directive"])
/** @since 0.1.0 */
export type Style = typeof Style.Type

/** Whether a relationship is in use. @since 0.1.0 */
export const RelationshipStatus = Schema.Literals(["active", "paused", "ended"])
/** @since 0.1.0 */
export type RelationshipStatus = typeof RelationshipStatus.Type

/**
 * A coaching relationship: coach + teacher + style + status, optionally in a cohort. The coach
 * is never the teacher.
 *
 * @since 0.1.0
 */
export const Relationship = Schema.Struct({
  id: RelationshipId,
  coachId: PersonId,
  teacherId: PersonId,
  style: Style,
  status: RelationshipStatus,
  since: CalendarDate,
  cohortId: Schema.optionalKey(CohortId)
}).pipe(
  Schema.check(
    Schema.makeFilter(
      (r: { readonly coachId: string; readonly teacherId: string }) =>
        r.coachId !== r.teacherId || {
          path: ["coachId"],
          issue: `The coach is the teacher (${r.coachId}): a teacher is never their own coach`
        },
      { expected: "a coach who is not the teacher" }
    )
  )
)
/** @since 0.1.0 */
export type Relationship = typeof Relationship.Type

/** A cohort / programme, e.g. "early-career teachers 2026". @since 0.1.0 */
export const Cohort = Schema.Struct({
  id: CohortId,
  name: Line
})
/** @since 0.1.0 */
export type Cohort = typeof Cohort.Type
