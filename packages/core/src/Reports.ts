/**
 * Reports: the answers to the three bottlenecks of scaling coaching — fidelity to the model
 * (`Fidelity`), coaches' time (`Caseload`) and what a cohort needs (`CohortInsight`) — computed
 * from the events only.
 *
 * One projection feeds all three: `evolve(state, entry)` folds one event of a teacher's journey
 * in O(1), so a server keeps the state current on every append; `initial()` starts it,
 * `replay(entries)` folds a whole log. The state is owned by the fold and updated in place.
 * A report is then read from the state with the people, cohorts and relationships it groups by
 * (`Records`) and the programme's policy — and with the **principal** who reads it, because the
 * rights decide what may be shown:
 *
 * - a lead (`reports.read`) gets aggregates only: no teacher's id or name, no reflection (the fold
 *   never keeps one), no row per teacher. A group of fewer teachers than the policy's
 *   `minGroupSize` (default 5) is suppressed and says so, and so is the smallest other group when
 *   the suppressed ones together are still too small to be hidden from subtraction (secondary
 *   suppression, as official statistics do);
 * - a coach (`caseload.read`, their own) gets their caseload teacher by teacher — their own
 *   teachers only.
 *
 * @since 0.2.0
 */
import { type Result, Schema } from "effect"
import * as Access from "./Access.js"
import { AccessDenied } from "./Errors.js"
import type { JourneyEvent } from "./Events.js"
import type { ExportDocument } from "./Export.js"
import type { CohortId, PersonId } from "./Ids.js"
import * as JsonSchemaWalk from "./internal/jsonSchema.js"
import * as Internal from "./internal/reports.js"
import { type Cohort, type Person, type Relationship } from "./People.js"
import type { Playbook } from "./Playbook.js"
import { defaultPolicy, minGroupSize, type Policy } from "./Policy.js"
import type { JourneyRecord } from "./Records.js"

// ---------------------------------------------------------------------------------------------
// The projection
// ---------------------------------------------------------------------------------------------

/** One event of a teacher's journey (the stream it was appended to names the teacher). @since 0.2.0 */
export interface Entry {
  readonly teacherId: PersonId
  readonly event: JourneyEvent
}

/**
 * The reports' state: counts per coaching pair, open cycles, coaches' minutes per week. Opaque:
 * read it through `Fidelity`, `Caseload`, `CohortInsight` (and `events` / `eventsByTag`).
 *
 * @since 0.2.0
 */
export type State = Internal.State

/** A state before any event. @since 0.2.0 */
export const initial = (): State => Internal.initial()

/**
 * Folds one event into the state, in O(1), and returns the state (updated in place). Events are
 * facts: one of a cycle never started, or of a tag this version does not know, is counted and
 * otherwise ignored — never thrown.
 *
 * @since 0.2.0
 */
export const evolve = (state: State, entry: Entry): State => Internal.evolve(state, entry.teacherId, entry.event)

/** Folds every entry, in order, into `state` (default: a new one). @since 0.2.0 */
export const replay = (entries: Iterable<Entry>, state: State = initial()): State => {
  for (const entry of entries) Internal.evolve(state, entry.teacherId, entry.event)
  return state
}

/** The entries of journeys (each journey's events in order, journey after journey). @since 0.2.0 */
export function* entriesOf(journeys: Iterable<JourneyRecord>): Generator<Entry> {
  for (const journey of journeys) for (const event of journey.events) yield { teacherId: journey.teacherId, event }
}

/** How many events were folded. @since 0.2.0 */
export const events = (state: State): number => state.events

/** How many events of each tag were folded, tags in name order. @since 0.2.0 */
export const eventsByTag = (state: State): ReadonlyArray<readonly [string, number]> => [...state.byTag].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

// ---------------------------------------------------------------------------------------------
// What a report is read with
// ---------------------------------------------------------------------------------------------

/**
 * The records reports group and name by: people (coaches' names and areas; the reader must be
 * one of them), cohorts (names), relationships (which cohort a pair is in; a coach's teachers
 * today) and playbooks (techniques' titles). Any order; later entries with the same id win.
 *
 * @since 0.2.0
 */
export interface Records {
  readonly people: ReadonlyArray<Person>
  readonly relationships: ReadonlyArray<Relationship>
  readonly cohorts?: ReadonlyArray<Cohort>
  readonly playbooks?: ReadonlyArray<Playbook>
}

/** What every report is read with: the records and the programme's policy (default: `Policy.defaultPolicy`). @since 0.2.0 */
export interface Context {
  readonly records: Records
  readonly policy?: Policy
}

/** The state and context of a whole export document (its journeys folded, its records and policy). @since 0.2.0 */
export const fromExport = (doc: ExportDocument): { readonly state: State; readonly context: Context } => ({
  state: replay(entriesOf(doc.journeys)),
  context: {
    records: { people: doc.people, relationships: doc.relationships, cohorts: doc.cohorts, playbooks: doc.playbooks },
    ...(doc.policy !== undefined ? { policy: doc.policy } : {})
  }
})

/**
 * `undefined` when `principal` is a registered person holding the role they act in and the
 * rights give them `action` on `resource`; else the `AccessDenied` to return. Reports ask this
 * before computing anything.
 *
 * @since 0.2.0
 */
export const authorize = (
  principal: Access.Principal,
  action: Access.Action,
  records: Records,
  resource: Access.Resource = {}
): AccessDenied | undefined => {
  const person = records.people.findLast((p) => p.id === principal.personId)
  if (person === undefined || !person.roles.includes(principal.role)) {
    return new AccessDenied({
      code: "ACCESS_DENIED",
      message: `${principal.personId} is not registered as a ${principal.role}: register the person with that role first.`
    })
  }
  return Access.check(principal, action, resource)
}

// ---------------------------------------------------------------------------------------------
// Suppression
// ---------------------------------------------------------------------------------------------

/** Why a group is not shown: too few teachers, or hidden with a smaller one so it cannot be subtracted out. @since 0.2.0 */
export const SuppressionReason = Schema.Literals(["fewer-than-minimum", "secondary"])
/** @since 0.2.0 */
export type SuppressionReason = typeof SuppressionReason.Type

/** A count of teachers, cycles, events… (a whole number ≥ 0), in every report's schema. @since 0.2.0 */
export const Count = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

/** What a suppressed group or cell shows instead of its figures. @since 0.2.0 */
export const Suppressed = Schema.Struct({
  suppressed: Schema.Literal(true),
  reason: SuppressionReason,
  /** A sentence for people ("fewer than 5 teachers"). */
  message: Schema.String
})
/** @since 0.2.0 */
export type Suppressed = typeof Suppressed.Type

/** The sentence of a suppression. @since 0.2.0 */
export const suppressionMessage = (reason: SuppressionReason, min: number): string =>
  reason === "fewer-than-minimum"
    ? `fewer than ${min} teachers`
    : `hidden with a smaller group, so that group cannot be worked out by subtraction`

/** A group a report may show: its key, which slicing it belongs to, and the coaching pairs it sums. @since 0.2.0 */
export interface Candidate<P extends { readonly teacherId: string }> {
  /** Unique across every slicing of the report. */
  readonly key: string
  /** The slicing it is part of (`coach`, `cohort`); the groups of one slicing share no pair. */
  readonly slicing: string
  readonly pairs: ReadonlyArray<P>
}

const teachersIn = (pairs: Iterable<{ readonly teacherId: string }>): number => {
  const teachers = new Set<string>()
  for (const p of pairs) teachers.add(p.teacherId)
  return teachers.size
}

/**
 * Which groups of a report to suppress, so that no figure is about fewer than `min` teachers —
 * shown, or worked out by subtraction from what is shown:
 *
 * 1. **primary**: a group of fewer than `min` teachers;
 * 2. **secondary, within a slicing**: while the suppressed groups of one slicing together hold
 *    at least one teacher but fewer than `min`, the smallest shown group of that slicing (then
 *    by key) is suppressed too — else the total minus the shown groups would reveal them;
 * 3. **secondary, across slicings**: when a shown group's pairs are part of another shown group's
 *    and the difference holds fewer than `min` teachers (a cohort that is one coach's teachers but
 *    one), the smaller group is suppressed.
 *
 * Rules 2 and 3 repeat until nothing changes. The groups of a slicing must not share pairs
 * (coaches and cohorts partition the pairs); the whole (the programme) needs no entry.
 *
 * @since 0.2.0
 */
export const suppress = <P extends { readonly teacherId: string }>(
  candidates: ReadonlyArray<Candidate<P>>,
  min: number
): Map<string, SuppressionReason> => {
  const out = new Map<string, SuppressionReason>()
  const size = new Map(candidates.map((c) => [c.key, teachersIn(c.pairs)]))
  for (const c of candidates) if (size.get(c.key)! < min) out.set(c.key, "fewer-than-minimum")
  const bySize = [...candidates].sort((a, b) => size.get(a.key)! - size.get(b.key)! || compareStrings(a.key, b.key))
  const slicings = [...new Set(candidates.map((c) => c.slicing))]
  const sets = new Map(candidates.map((c) => [c.key, new Set<P>(c.pairs)]))
  let changed = true
  while (changed) {
    changed = false
    for (const slicing of slicings) {
      const hidden = candidates.filter((c) => c.slicing === slicing && out.has(c.key)).flatMap((c) => c.pairs)
      const n = teachersIn(hidden)
      if (n > 0 && n < min) {
        const next = bySize.find((c) => c.slicing === slicing && !out.has(c.key))
        if (next !== undefined) {
          out.set(next.key, "secondary")
          changed = true
        }
      }
    }
    for (const small of bySize) {
      if (out.has(small.key)) continue
      const inner = sets.get(small.key)!
      for (const big of candidates) {
        if (big.slicing === small.slicing || out.has(big.key) || big.pairs.length < inner.size) continue
        const outer = sets.get(big.key)!
        let nested = true
        for (const p of inner) {
          if (!outer.has(p)) {
            nested = false
            break
          }
        }
        if (!nested) continue
        const rest = teachersIn([...outer].filter((p) => !inner.has(p)))
        if (rest > 0 && rest < min) {
          out.set(small.key, "secondary")
          changed = true
          break
        }
      }
    }
  }
  return out
}

/** The policy's smallest shown group. @since 0.2.0 */
export const minimumOf = (context: Context): number => minGroupSize(context.policy ?? defaultPolicy)

// ---------------------------------------------------------------------------------------------
// Grouping pairs
// ---------------------------------------------------------------------------------------------

/** Looks records up by id (later entries win). @since 0.2.0 */
export interface Index {
  readonly person: (id: string) => Person | undefined
  readonly cohort: (id: string) => Cohort | undefined
  /** The cohort of a coach + teacher pair: that of their latest relationship (by `since`) that names one. */
  readonly cohortOf: (coachId: string, teacherId: string) => CohortId | undefined
  /** Every relationship whose coach is `coachId`. */
  readonly relationshipsOfCoach: (coachId: string) => ReadonlyArray<Relationship>
}

/** An index over a report's records. @since 0.2.0 */
export const index = (records: Records): Index => {
  const people = new Map(records.people.map((p) => [p.id as string, p]))
  const cohorts = new Map((records.cohorts ?? []).map((c) => [c.id as string, c]))
  const byPair = new Map<string, Relationship>()
  const byCoach = new Map<string, Map<string, Relationship>>()
  for (const r of records.relationships) {
    let mine = byCoach.get(r.coachId)
    if (mine === undefined) byCoach.set(r.coachId, mine = new Map())
    mine.set(r.id, r)
    if (r.cohortId === undefined) continue
    const key = Internal.pairKey(r.coachId, r.teacherId)
    const current = byPair.get(key)
    if (current === undefined || current.since <= r.since) byPair.set(key, r)
  }
  return {
    person: (id) => people.get(id),
    cohort: (id) => cohorts.get(id),
    cohortOf: (coachId, teacherId) => byPair.get(Internal.pairKey(coachId, teacherId))?.cohortId,
    relationshipsOfCoach: (coachId) => [...(byCoach.get(coachId)?.values() ?? [])]
  }
}

/** Compares strings by code point (the order every report lists ids in). @since 0.2.0 */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The report format's name (every report's JSON carries it). @since 0.2.0 */
export const FORMAT = "coaching-report"
/** The report format's version. @since 0.2.0 */
export const VERSION = 1

/** A report's answer: the report, or why the principal may not read it. @since 0.2.0 */
export type Answer<A> = Result.Result<A, AccessDenied>

/** A report's JSON Schema document (draft 2020-12) from its Schema, with its `$id` and title. @since 0.2.0 */
export const reportJsonSchema = (id: string, title: string, schema: Schema.Top): { readonly [key: string]: unknown } => ({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: id,
  title,
  ...JsonSchemaWalk.of(schema)
})
