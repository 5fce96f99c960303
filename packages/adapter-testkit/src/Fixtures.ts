/**
 * Data for the conformance suite, made fresh by each test: unique ids, demo journeys decided by
 * core's own rules (with the people and relationships those rules consult), long streams,
 * unicode and megabyte payloads. Adapter authors can use them in their own tests too.
 *
 * @since 0.1.0
 */
import { Cycle, Demo, type Events, Granularity, type Ids, Journeys, People, Policy, type Store } from "@coaching/core"
import { Result } from "effect"

let counter = 0

/** A fresh id with a readable prefix, unique within the process and across runs. @since 0.1.0 */
export const uid = (prefix: string): string => `${prefix}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/** The instant the fixtures' journeys start at. @since 0.1.0 */
export const START = Date.parse("2026-03-02T09:00:00.000Z")
const encoder = new TextEncoder()
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Who a fixture journey is about. @since 0.1.0 */
export interface Cast {
  readonly teacherId: Ids.PersonId
  readonly coachId: Ids.PersonId
  readonly cycleId: Ids.CycleId
}

/** A fresh teacher, coach and cycle id. @since 0.1.0 */
export const cast = (): Cast => ({
  teacherId: uid("t") as Ids.PersonId,
  coachId: uid("c") as Ids.PersonId,
  cycleId: uid("cy") as Ids.CycleId
})

/**
 * Decides commands one hour apart from `start` against `from`, with `people` as the rules'
 * directory (`directory(...casts)`), throwing on a rule error (a fixture bug).
 *
 * @since 0.1.0
 */
export const decideAll = (
  commands: ReadonlyArray<unknown>,
  options: { readonly people: People.Directory; readonly from?: Cycle.Journey; readonly start?: number }
): { readonly events: ReadonlyArray<Events.JourneyEvent>; readonly journey: Cycle.Journey } => {
  let journey = options.from ?? Cycle.initialState
  const start = options.start ?? START
  const events: Array<Events.JourneyEvent> = []
  commands.forEach((command, i) => {
    const decision = Cycle.decide(journey, command, {
      policy: Policy.defaultPolicy,
      clock: () => start + i * HOUR,
      checkActionStep: Granularity.acceptAll,
      people: options.people
    })
    if (Result.isFailure(decision)) throw new Error(`fixture command ${i} was rejected: ${decision.failure.message}`)
    events.push(...decision.success)
    journey = Cycle.replay(decision.success, journey)
  })
  return { events, journey }
}

/** The follow-up due date the demo cycle sets when it starts at `start`. @since 0.1.0 */
export const dueDateFor = (start: number = START): string => new Date(start + 7 * DAY).toISOString().slice(0, 10)

/**
 * The demo cycle's events for a cast: all 7 (secured), or the first `upTo` (6 = practising,
 * follow-up due 7 days after `start`).
 *
 * @since 0.1.0
 */
export const demoCycle = (
  who: Cast,
  options: { readonly upTo?: number; readonly start?: number; readonly from?: Cycle.Journey } = {}
) => {
  const start = options.start ?? START
  const commands = Demo.cycleCommands(dueDateFor(start), who).slice(0, options.upTo ?? 7)
  return decideAll(commands, { people: directory(who), start, ...(options.from !== undefined ? { from: options.from } : {}) })
}

/** `n` reflections by the teacher on a cycle, ids prefixed by `prefix`, all at one instant. @since 0.1.0 */
export const reflections = (who: Cast, n: number, prefix = uid("r"), at = START): ReadonlyArray<Events.JourneyEvent> =>
  Array.from({ length: n }, (_, i) => ({
    _tag: "ReflectionAdded" as const,
    cycleId: who.cycleId,
    at: new Date(at).toISOString() as Events.JourneyEvent["at"],
    by: who.teacherId,
    reflection: { id: `${prefix}-${i}` as Ids.ReflectionId, text: `Reflection ${i} of ${prefix}.` }
  }))

/** A journey's opening event (a started cycle), for streams built from raw events. @since 0.1.0 */
export const started = (who: Cast, at = START): Events.JourneyEvent => ({
  _tag: "CycleStarted",
  cycleId: who.cycleId,
  at: new Date(at).toISOString() as Events.JourneyEvent["at"],
  by: who.coachId,
  teacherId: who.teacherId,
  coachId: who.coachId
})

/** Texts that trip up encoders: scripts, emoji, combining marks, quotes, SQL and JSON metacharacters, NUL. @since 0.1.0 */
export const unicodeTexts: ReadonlyArray<string> = [
  "Plain ASCII, with 'quotes', \"double quotes\" and a back\\slash.",
  "Élèves, cœur, naïve façade — déjà vu.",
  "生徒に質問してから五秒待つ。",
  "طرح السؤال ثم الانتظار خمس ثوانٍ.",
  "שאלה, המתנה, ואז שם של תלמיד.",
  "Emoji 👩🏽‍🏫🧑‍🎓 and astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 🏳️‍🌈.",
  "Combining: e\u0301 a\u0308 n\u0303 and zero\u200Bwidth space.",
  "Robert'); DROP TABLE events;-- and {\"_tag\":\"x\"} and \\u0000 literally.",
  "Control: tab\there, newline\nhere, carriage\rreturn, NUL\u0000inside, bell\u0007.",
  "Line separator \u2028 and paragraph separator \u2029 inside JSON."
]

/** Characters in one note at most (core's `Text.Note` limit). @since 0.1.0 */
export const NOTE_MAX = 10_000

/**
 * One `VisitRecorded` event of about `bytes` UTF-8 bytes (default 1 MiB): the visit's evidence
 * is as many full 10 000-character notes (core's `Note` limit) as it takes, mixing ASCII and
 * multi-byte text. It is one event, one row, one JSON document of over a megabyte.
 *
 * @since 0.1.0
 */
export const megabyteVisit = (who: Cast, bytes = 1_048_576, at = START + HOUR): Events.JourneyEvent => {
  const unit = "Low-inference evidence — élève répond «oui» après 5 s; 生徒 👍. "
  const note = (i: number) => `${i}: ${unit.repeat(Math.ceil(NOTE_MAX / unit.length))}`.slice(0, NOTE_MAX).trim()
  const evidence: Array<string> = []
  let size = 0
  while (size < bytes) {
    const text = note(evidence.length)
    evidence.push(text)
    size += encoder.encode(text).length
  }
  return {
    _tag: "VisitRecorded",
    cycleId: who.cycleId,
    at: new Date(at).toISOString() as Events.JourneyEvent["at"],
    by: who.coachId,
    visit: {
      id: uid("v") as Ids.VisitId,
      minutes: 45,
      context: "A long visit with a very full notebook",
      evidence,
      strengths: [unicodeTexts.join(" ")],
      candidates: ["Thinking time"]
    }
  } as Events.JourneyEvent
}

/** The first day of the fixtures' coaching relationships (before every fixture journey). @since 0.2.0 */
export const RELATIONSHIP_SINCE = "2026-01-05"

/**
 * A teacher and a coach (people records) and the active relationship between them (since
 * `RELATIONSHIP_SINCE`, id `rel-<coach>-<teacher>`).
 *
 * @since 0.1.0
 */
export const peopleOf = (who: Cast): { readonly people: ReadonlyArray<People.Person>; readonly relationship: People.Relationship } => ({
  people: [
    { id: who.teacherId, name: `Teacher ${who.teacherId}`, roles: ["teacher"] },
    { id: who.coachId, name: `Coach ${who.coachId}`, roles: ["coach"], areas: ["questioning"] }
  ],
  relationship: {
    id: `rel-${who.coachId}-${who.teacherId}` as Ids.RelationshipId,
    coachId: who.coachId,
    teacherId: who.teacherId,
    style: "balanced",
    status: "active",
    since: RELATIONSHIP_SINCE as People.Relationship["since"]
  }
})

/** The people and relationships of some casts (each person once), as a store or an export holds them. @since 0.2.0 */
export const records = (...casts: ReadonlyArray<Cast>): { readonly people: ReadonlyArray<People.Person>; readonly relationships: ReadonlyArray<People.Relationship> } => {
  const people = new Map<string, People.Person>()
  const relationships = new Map<string, People.Relationship>()
  for (const who of casts) {
    const of = peopleOf(who)
    for (const person of of.people) if (!people.has(person.id)) people.set(person.id, person)
    relationships.set(of.relationship.id, of.relationship)
  }
  return { people: [...people.values()], relationships: [...relationships.values()] }
}

/** The rules' directory of some casts: their people and relationships (`People.directory`). @since 0.2.0 */
export const directory = (...casts: ReadonlyArray<Cast>): People.Directory => People.directory(records(...casts))

/** The index row after some events, as core computes it (`Journeys.indexOf`). @since 0.1.0 */
export const indexAfter = (events: ReadonlyArray<Events.JourneyEvent>, from: Cycle.Journey = Cycle.initialState): Store.StreamIndex =>
  Journeys.indexOf(Cycle.replay(events, from))
