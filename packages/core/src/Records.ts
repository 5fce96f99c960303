/**
 * The one table of record kinds — people, cohorts, relationships, playbooks and journeys — with,
 * for each, its array key in the export document, its NDJSON tag and its schema. The export
 * format (`Export`), the store (`Store.records(kind)`), export/import (`Transfer`) and the CLI
 * all read this table, so a new kind is added here once.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { JourneyEvent } from "./Events.js"
import { PersonId } from "./Ids.js"
import { Cohort, Person, Relationship } from "./People.js"
import { Playbook } from "./Playbook.js"

/** One teacher's journey: their event log, oldest first. @since 0.1.0 */
export const JourneyRecord = Schema.Struct({
  teacherId: PersonId,
  events: Schema.Array(JourneyEvent)
})
/** @since 0.1.0 */
export type JourneyRecord = typeof JourneyRecord.Type

/**
 * The record kinds, in export order. `key`: the array in the export document; the kind itself
 * is the NDJSON line's tag; `refs`: the people a stored record refers to, which the store
 * indexes (`records("relationship").list({ ref: teacherId })`). Journeys are streams, not
 * records: the store keeps them as event logs.
 *
 * @since 0.2.0
 */
export const table = {
  person: { key: "people", schema: Person, refs: (_: Person): ReadonlyArray<string> => [] },
  cohort: { key: "cohorts", schema: Cohort, refs: (_: Cohort): ReadonlyArray<string> => [] },
  relationship: { key: "relationships", schema: Relationship, refs: (r: Relationship): ReadonlyArray<string> => [r.coachId, r.teacherId] },
  playbook: { key: "playbooks", schema: Playbook, refs: (_: Playbook): ReadonlyArray<string> => [] },
  journey: { key: "journeys", schema: JourneyRecord, refs: (_: JourneyRecord): ReadonlyArray<string> => [] }
} as const

/** A record kind (the NDJSON tag). @since 0.2.0 */
export type Kind = keyof typeof table

/** Every kind, in export order. @since 0.2.0 */
export const kinds: ReadonlyArray<Kind> = ["person", "cohort", "relationship", "playbook", "journey"]

/** The kinds a store keeps as records (journeys are streams). @since 0.2.0 */
export type RecordKind = Exclude<Kind, "journey">

/** The record kinds, in export order. @since 0.2.0 */
export const recordKinds: ReadonlyArray<RecordKind> = ["person", "cohort", "relationship", "playbook"]

/**
 * Kinds a store keeps for a server's own bookkeeping, beside the records: the HTTP server's
 * access tokens (hashed) and command receipts (what a command appended, so a retried command is
 * answered once). They are never exported, imported or listed by `Transfer`.
 *
 * @since 0.2.0
 */
export const internalKinds = ["token", "command"] as const

/** A kind a store keeps for its own bookkeeping. @since 0.2.0 */
export type InternalKind = (typeof internalKinds)[number]

/** The value of a kind. @since 0.2.0 */
export type RecordOf<K extends Kind> = (typeof table)[K]["schema"]["Type"]

/**
 * A record of a kind as a TypeScript caller writes it: the Schema's encoded form, ids and dates
 * as plain strings (validated when stored). A decoded record is an input too.
 *
 * @since 0.2.0
 */
export type InputOf<K extends Kind> = (typeof table)[K]["schema"]["Encoded"]

/** The export document's array key of a kind (`people`, `cohorts`, …). @since 0.2.0 */
export type DocumentKey = (typeof table)[Kind]["key"]

/** Whether a string is a kind. @since 0.2.0 */
export const isKind = (u: unknown): u is Kind => typeof u === "string" && Object.hasOwn(table, u)

type DocumentFields = { readonly [K in Kind as (typeof table)[K]["key"]]: Schema.$Array<(typeof table)[K]["schema"]> }

/** The export document's arrays, one per kind (the fields of `Export.ExportDocument`). @since 0.2.0 */
export const documentFields: DocumentFields = Object.fromEntries(
  kinds.map((kind) => [table[kind].key, Schema.Array(table[kind].schema)])
) as unknown as DocumentFields

type LineCases = { readonly [K in Kind]: { readonly [P in K]: (typeof table)[K]["schema"] } }

/** One NDJSON line per kind, `{ _tag: kind, [kind]: value }` (the cases of `Export.NdjsonLine`). @since 0.2.0 */
export const lineCases: LineCases = Object.fromEntries(kinds.map((kind) => [kind, { [kind]: table[kind].schema }])) as unknown as LineCases
