/**
 * People and coaching relationships. A teacher owns their record; a coach reaches it through a
 * relationship; a lead runs the programme and sees aggregates only; an admin runs the
 * installation. `Directory` is the read-only lookup of people and relationships that the
 * rules (`Cycle.decide`) and the rights (`Access.can`) consult: a store, an export document or
 * a test map supplies it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CohortId, PersonId, RelationshipId } from "./Ids.js"
import { Area, Line } from "./Text.js"
import { CalendarDate } from "./Time.js"

/** What a person may do in the programme (see the rights table in `docs/access.md`). @since 0.1.0 */
export const Role = Schema.Literals(["teacher", "coach", "lead", "admin"])
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
 * A coaching relationship: coach + teacher + style + status, optionally in a cohort. `since` is
 * its first day; `until`, its last day (when it ended or was paused, or a fixed end). A coach may
 * record on the teacher's journey only on days the relationship is active (`activeOn`). The
 * coach is never the teacher.
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
  until: Schema.optionalKey(CalendarDate),
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

/**
 * Whether a relationship is active on a day: from `since` to `until` (inclusive). An active
 * relationship without `until` is open-ended; a paused or ended one without `until` has no
 * known active days.
 *
 * @since 0.2.0
 */
export const activeOn = (relationship: Relationship, day: CalendarDate): boolean =>
  relationship.since <= day &&
  (relationship.until === undefined ? relationship.status === "active" : day <= relationship.until)

/**
 * The read-only lookup of people and relationships that the rules and the rights consult.
 * Plain and synchronous: the command service fetches what a command needs from the store
 * first; an export's validator feeds it from the document; a test passes a map.
 *
 * @since 0.2.0
 */
export interface Directory {
  /** A person by id, or `undefined` when there is none. */
  readonly person: (id: PersonId) => Person | undefined
  /** Every relationship (any status) whose teacher is `teacherId`. */
  readonly relationshipsOf: (teacherId: PersonId) => ReadonlyArray<Relationship>
}

/**
 * A directory over lists of people and relationships (later entries with the same id win).
 *
 * @since 0.2.0
 */
export const directory = (records: {
  readonly people?: Iterable<Person>
  readonly relationships?: Iterable<Relationship>
}): Directory => {
  const people = new Map<string, Person>()
  for (const person of records.people ?? []) people.set(person.id, person)
  const byTeacher = new Map<string, Map<string, Relationship>>()
  for (const relationship of records.relationships ?? []) {
    let of = byTeacher.get(relationship.teacherId)
    if (of === undefined) byTeacher.set(relationship.teacherId, of = new Map())
    of.set(relationship.id, relationship)
  }
  // One frozen list per teacher, made on first use (the rules ask at every coach's record).
  const lists = new Map<string, ReadonlyArray<Relationship>>()
  const none: ReadonlyArray<Relationship> = Object.freeze([])
  return {
    person: (id) => people.get(id),
    relationshipsOf: (teacherId) => {
      let list = lists.get(teacherId)
      if (list === undefined) {
        const of = byTeacher.get(teacherId)
        list = of === undefined ? none : Object.freeze([...of.values()])
        lists.set(teacherId, list)
      }
      return list
    }
  }
}

/** A directory that knows nobody (every lookup comes back empty). @since 0.2.0 */
export const emptyDirectory: Directory = directory({})
