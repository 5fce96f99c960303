/**
 * Branded identifiers. Every id is a short slug (letters, digits, `_ . : -`, 1–128
 * characters), so that it is safe in a URL, a file name, a SQL key and a log line.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { portable, slug } from "./internal/jsonSchema.js"

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/

// The JSON Schema form has no `$` anchor, which some validators let match before a final newline.
const portableId = slug("A-Za-z0-9", "A-Za-z0-9_.:-", 128)

const idString = (description: string) =>
  Schema.String.pipe(
    Schema.check(Schema.isPattern(idPattern, { expected: `a ${description} id (1–128 letters, digits, _ . : -)`, [portable]: portableId }))
  )

/** A person: teacher, coach, lead or admin. @since 0.1.0 */
export const PersonId = idString("person").pipe(Schema.brand("PersonId"))
/** @since 0.1.0 */
export type PersonId = typeof PersonId.Type

/** One coaching cycle inside a teacher's journey. @since 0.1.0 */
export const CycleId = idString("cycle").pipe(Schema.brand("CycleId"))
/** @since 0.1.0 */
export type CycleId = typeof CycleId.Type

/** A lesson visit (observation) inside a cycle. @since 0.1.0 */
export const VisitId = idString("visit").pipe(Schema.brand("VisitId"))
/** @since 0.1.0 */
export type VisitId = typeof VisitId.Type

/** One revision of an action step. @since 0.1.0 */
export const ActionStepId = idString("action step").pipe(Schema.brand("ActionStepId"))
/** @since 0.1.0 */
export type ActionStepId = typeof ActionStepId.Type

/** A teacher's reflection. @since 0.1.0 */
export const ReflectionId = idString("reflection").pipe(Schema.brand("ReflectionId"))
/** @since 0.1.0 */
export type ReflectionId = typeof ReflectionId.Type

/** A teacher's proposal of a leverage point or an action step, which the coach may then agree. @since 0.2.0 */
export const ProposalId = idString("proposal").pipe(Schema.brand("ProposalId"))
/** @since 0.2.0 */
export type ProposalId = typeof ProposalId.Type

/** A group cycle: one coach, several teachers, one shared focus. @since 0.2.0 */
export const GroupId = idString("group").pipe(Schema.brand("GroupId"))
/** @since 0.2.0 */
export type GroupId = typeof GroupId.Type

/** A coaching relationship (coach + teacher + style). @since 0.1.0 */
export const RelationshipId = idString("relationship").pipe(Schema.brand("RelationshipId"))
/** @since 0.1.0 */
export type RelationshipId = typeof RelationshipId.Type

/** A cohort / programme grouping relationships. @since 0.1.0 */
export const CohortId = idString("cohort").pipe(Schema.brand("CohortId"))
/** @since 0.1.0 */
export type CohortId = typeof CohortId.Type

/** A playbook (a school's catalogue of techniques). @since 0.1.0 */
export const PlaybookId = idString("playbook").pipe(Schema.brand("PlaybookId"))
/** @since 0.1.0 */
export type PlaybookId = typeof PlaybookId.Type

/** A technique inside a playbook. @since 0.1.0 */
export const TechniqueId = idString("technique").pipe(Schema.brand("TechniqueId"))
/** @since 0.1.0 */
export type TechniqueId = typeof TechniqueId.Type

/** The id of a teacher's journey stream: one stream per teacher holds all their cycles. @since 0.1.0 */
export const journeyStreamId = (teacherId: PersonId): string => `journey-${teacherId}`

const checked = (id: string, what: string): string => {
  if (typeof id === "string" && idPattern.test(id)) return id
  throw new TypeError(`${JSON.stringify(id)} is not a ${what} id: 1–128 letters, digits, _ . : - starting with a letter or digit.`)
}

/**
 * The id constructors from plain strings, for ids written in code (`Ids.person("t-ada")`). Each
 * checks the string and throws a `TypeError` naming the rule when it is not an id; for input
 * from outside, decode with the Schemas (`Schema.decodeUnknownResult(Ids.PersonId)`) instead.
 * Commands and records take plain strings already (`Commands.Input`, `Records.InputOf`).
 *
 * @since 0.2.0
 */
export const person = (id: string): PersonId => checked(id, "person") as PersonId
/** A cycle id from a plain string (throws when it is not an id). @since 0.2.0 */
export const cycle = (id: string): CycleId => checked(id, "cycle") as CycleId
/** A visit id from a plain string (throws when it is not an id). @since 0.2.0 */
export const visit = (id: string): VisitId => checked(id, "visit") as VisitId
/** An action step id from a plain string (throws when it is not an id). @since 0.2.0 */
export const actionStep = (id: string): ActionStepId => checked(id, "action step") as ActionStepId
/** A reflection id from a plain string (throws when it is not an id). @since 0.2.0 */
export const reflection = (id: string): ReflectionId => checked(id, "reflection") as ReflectionId
/** A proposal id from a plain string (throws when it is not an id). @since 0.2.0 */
export const proposal = (id: string): ProposalId => checked(id, "proposal") as ProposalId
/** A group id from a plain string (throws when it is not an id). @since 0.2.0 */
export const group = (id: string): GroupId => checked(id, "group") as GroupId
/** A relationship id from a plain string (throws when it is not an id). @since 0.2.0 */
export const relationship = (id: string): RelationshipId => checked(id, "relationship") as RelationshipId
/** A cohort id from a plain string (throws when it is not an id). @since 0.2.0 */
export const cohort = (id: string): CohortId => checked(id, "cohort") as CohortId
/** A playbook id from a plain string (throws when it is not an id). @since 0.2.0 */
export const playbook = (id: string): PlaybookId => checked(id, "playbook") as PlaybookId
/** A technique id from a plain string (throws when it is not an id). @since 0.2.0 */
export const technique = (id: string): TechniqueId => checked(id, "technique") as TechniqueId
