/**
 * The conformance cases: what an adapter implements — the `Store.Primitives` contract and its
 * raw storage — checked through the store `Store.make(primitives)` derives (and, for raw cases,
 * a `RawReader`). Core's own validation (bad ids, events, records, cursors, exports) is not the
 * adapter's job and is tested in core. Each case is one Effect that needs a `CoachingStore`,
 * makes its own data with fresh ids, and asserts with vitest's `expect`. `suite` registers them
 * as tests; `runCase` runs one against a layer (used to prove that the suite catches broken
 * adapters).
 *
 * @since 0.1.0
 */
import { Access, Cycle, Export, Granularity, Ids, Journeys, type People, Playbook, Policy, Store, Transfer } from "@coaching/core"
import type { Events } from "@coaching/core"
import { Effect, Exit, Layer, Option, Result } from "effect"
import { expect } from "vitest"
import * as F from "./Fixtures.js"
import { RawReader, type RawReaderService } from "./RawReader.js"

/** What a case may need beyond the basic port. @since 0.1.0 */
export type Capability =
  /** Many fibers appending to one stream at once. */
  | "concurrentWriters"
  /** A 10 000-event stream. */
  | "longStreams"
  /** One event of over a megabyte. */
  | "largePayloads"
  /** Every build of the layer is a new, empty store (needed for byte-identical export). */
  | "freshStorePerBuild"
  /** The layer also provides `RawReader`. */
  | "raw"

/** Tunables of the heavier cases. @since 0.1.0 */
export interface CaseOptions {
  /** Concurrent writers on one stream (default 8). */
  readonly writers: number
  /** Events each writer appends, one per append (default 10). */
  readonly eventsPerWriter: number
  /** Events in the long stream (default 10 000). */
  readonly longStreamEvents: number
}

/** The default tunables. @since 0.1.0 */
export const defaultCaseOptions: CaseOptions = { writers: 8, eventsPerWriter: 10, longStreamEvents: 10_000 }

/** One conformance check. @since 0.1.0 */
export interface Case {
  readonly group: string
  readonly name: string
  readonly needs: ReadonlyArray<Capability>
  readonly run: (options: CaseOptions) => Effect.Effect<void, unknown, Store.CoachingStore | RawReaderService>
}

type Run = Case["run"]
const defineCase = (group: string, name: string, run: Run, needs: ReadonlyArray<Capability> = []): Case => ({ group, name, needs, run })

const store: Effect.Effect<Store.CoachingStoreService, never, Store.CoachingStore> = Store.CoachingStore

/** The typed failure of an effect that must fail (a success or a defect fails the test). */
const failureOf = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<E, never, R> =>
  Effect.map(Effect.exit(effect), (exit) => {
    if (Exit.isSuccess(exit)) throw new Error(`expected a typed failure, but it succeeded with ${safeJson(exit.value)}`)
    const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
    if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got a defect: ${String(exit.cause)}`)
    return reason.error
  })

const safeJson = (u: unknown): string => {
  try {
    return JSON.stringify(u)?.slice(0, 200) ?? String(u)
  } catch {
    return String(u)
  }
}

const streamOf = (who: F.Cast): string => Ids.journeyStreamId(who.teacherId)

/** Appends a fixture journey's events as one append to a new stream. */
const seed = (who: F.Cast, events: ReadonlyArray<Events.JourneyEvent>) =>
  Effect.flatMap(store, (s) => s.append(streamOf(who), events, { expected: "no-stream", index: F.indexAfter(events) }))

/** All events of a stream (fails the test if it does not exist). */
const readAll = (streamId: string) =>
  Effect.gen(function*() {
    const slice = yield* (yield* store).readStream(streamId)
    expect(Option.isSome(slice), `stream ${streamId} should exist`).toBe(true)
    return Option.getOrThrow(slice)
  })

/** Every stream the query matches, across pages. */
const allStreams = (query: Omit<Store.StreamQuery, "limit" | "cursor">) => Effect.flatMap(store, (s) => Store.listAll(s.listStreams, query))

/** Every record of a kind the query matches, across pages of `limit`, with the number of pages. */
const pagedRecords = <K extends Store.RecordKind>(kind: K, query: { readonly ref?: string; readonly limit: number }) =>
  Effect.gen(function*() {
    const records = (yield* store).records(kind)
    const items: Array<{ readonly id: string }> = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = yield* records.list({ ...query, ...(cursor !== undefined ? { cursor } : {}) })
      pages++
      items.push(...(page.items as ReadonlyArray<{ readonly id: string }>))
      cursor = Option.getOrUndefined(page.next)
    } while (cursor !== undefined && pages < 1000)
    return { ids: items.map((r) => r.id), pages }
  })

/** The ids of every record of a kind that refers to `ref`. */
const referring = (kind: Store.RecordKind, ref: string) => Effect.map(pagedRecords(kind, { ref, limit: 1000 }), (r) => r.ids)

/** A record as the primitives take it (validated and encoded by core, with its refs). */
const stored = (kind: Store.RecordKind, value: unknown): Store.StoredRecord => Result.getOrThrow(Store.storedRecord(kind, value))

/** An append as the primitives take it. */
const appendRequest = (
  streamId: string,
  expected: Store.ExpectedVersion,
  events: ReadonlyArray<Events.JourneyEvent>,
  index: Store.StreamIndex
): Store.AppendRequest => ({ streamId, expected, events: events.map((e) => JSON.stringify(e)), index })

/** Registers the people and relationships of some casts through the port. */
const register = (...casts: ReadonlyArray<F.Cast>) =>
  Effect.gen(function*() {
    const s = yield* store
    const { people, relationships } = F.records(...casts)
    for (const person of people) yield* s.records("person").put(person)
    for (const relationship of relationships) yield* s.records("relationship").put(relationship)
  })

const ids = (rows: ReadonlyArray<Store.StreamSummary>) => rows.map((r) => r.streamId)

// ---------------------------------------------------------------------------------------------

const appendAndRead: ReadonlyArray<Case> = [
  defineCase("append and read", "appends to a new stream and reads every event back, in order, with versions", () =>
    Effect.gen(function*() {
      const who = F.cast()
      const { events } = F.demoCycle(who)
      const result = yield* seed(who, events)
      expect(result).toEqual({ streamId: streamOf(who), previousVersion: 0, version: 7 })
      const slice = yield* readAll(streamOf(who))
      expect(slice.version).toBe(7)
      expect(slice.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(slice.events.map((e) => e.event)).toEqual(events)
    })),

  defineCase("append and read", "reads a stream from a version: only the events after it", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const { events } = F.demoCycle(who)
      yield* seed(who, events)
      const after4 = Option.getOrThrow(yield* s.readStream(streamOf(who), { after: 4 }))
      expect(after4.version).toBe(7)
      expect(after4.events.map((e) => e.version)).toEqual([5, 6, 7])
      expect(after4.events.map((e) => e.event)).toEqual(events.slice(4))
      expect(Option.getOrThrow(yield* s.readStream(streamOf(who), { after: 7 })).events).toEqual([])
      expect(Option.getOrThrow(yield* s.readStream(streamOf(who), { after: 70 })).events).toEqual([])
    })),

  defineCase("append and read", "a stream that was never written is None, from any version", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      expect(yield* s.readStream(streamOf(who))).toEqual(Option.none())
      expect(yield* s.readStream(streamOf(who), { after: 3 })).toEqual(Option.none())
      expect(yield* allStreams({ teacherId: who.teacherId })).toEqual([])
    })),

  defineCase("append and read", "appends in several steps continue the versions, and the events replay to the journey", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const { events, journey } = F.demoCycle(who)
      for (const [from, to] of [[0, 1], [1, 3], [3, 6], [6, 7]] as const) {
        const result = yield* s.append(streamOf(who), events.slice(from, to), {
          expected: from === 0 ? "no-stream" : from,
          index: F.indexAfter(events.slice(0, to))
        })
        expect(result).toEqual({ streamId: streamOf(who), previousVersion: from, version: to })
      }
      const slice = yield* readAll(streamOf(who))
      expect(slice.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(Cycle.replay(slice.events.map((e) => e.event))).toEqual(journey)
    })),

  defineCase("append and read", "keeps each stream's order when appends to two streams interleave", () =>
    Effect.gen(function*() {
      const s = yield* store
      const a = F.cast()
      const b = F.cast()
      const ea = [F.started(a), ...F.reflections(a, 20)]
      const eb = [F.started(b), ...F.reflections(b, 20)]
      for (let i = 0; i < ea.length; i++) {
        for (const [who, evs] of [[a, ea], [b, eb]] as const) {
          yield* s.append(streamOf(who), [evs[i]!], { expected: i === 0 ? "no-stream" : i, index: F.indexAfter(evs.slice(0, i + 1)) })
        }
      }
      expect((yield* readAll(streamOf(a))).events.map((e) => e.event)).toEqual(ea)
      expect((yield* readAll(streamOf(b))).events.map((e) => e.event)).toEqual(eb)
    }))
]

// ---------------------------------------------------------------------------------------------

const expectedVersions: ReadonlyArray<Case> = [
  defineCase("expected version", "\"no-stream\" creates a stream once; a second no-stream append conflicts and writes nothing", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const first = [F.started(who)]
      yield* s.append(streamOf(who), first, { expected: "no-stream", index: F.indexAfter(first) })
      const more = F.reflections(who, 2)
      const conflict = yield* failureOf(s.append(streamOf(who), more, { expected: "no-stream", index: F.indexAfter([...first, ...more]) }))
      expect(conflict).toMatchObject({ _tag: "VersionConflict", code: "VERSION_CONFLICT", streamId: streamOf(who), expected: "no-stream", actual: 1 })
      expect((yield* readAll(streamOf(who))).events.map((e) => e.event)).toEqual(first)
    })),

  defineCase("expected version", "an exact version appends; a stale or future version conflicts and writes nothing", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const { events } = F.demoCycle(who, { upTo: 6 })
      yield* seed(who, events.slice(0, 3))
      const next = events.slice(3, 4)
      const index = F.indexAfter(events.slice(0, 4))
      for (const stale of [0, 1, 2, 4, 99]) {
        const conflict = yield* failureOf(s.append(streamOf(who), next, { expected: stale, index }))
        expect(conflict).toMatchObject({ _tag: "VersionConflict", expected: stale, actual: 3, streamId: streamOf(who) })
      }
      const before = yield* readAll(streamOf(who))
      expect(before.version).toBe(3)
      expect(yield* s.append(streamOf(who), next, { expected: 3, index })).toEqual({ streamId: streamOf(who), previousVersion: 3, version: 4 })
      expect((yield* readAll(streamOf(who))).events.map((e) => e.event)).toEqual(events.slice(0, 4))
    })),

  defineCase("expected version", "expected version 0 means the stream must not exist", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const first = [F.started(who)]
      expect(yield* s.append(streamOf(who), first, { expected: 0, index: F.indexAfter(first) })).toMatchObject({ version: 1 })
      const conflict = yield* failureOf(s.append(streamOf(who), F.reflections(who, 1), { expected: 0, index: F.indexAfter(first) }))
      expect(conflict).toMatchObject({ _tag: "VersionConflict", expected: 0, actual: 1 })
    })),

  defineCase("expected version", "\"any\" appends to a new or an existing stream without a check", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const first = [F.started(who)]
      expect(yield* s.append(streamOf(who), first, { expected: "any", index: F.indexAfter(first) })).toMatchObject({ previousVersion: 0, version: 1 })
      const more = F.reflections(who, 3)
      expect(yield* s.append(streamOf(who), more, { expected: "any", index: F.indexAfter([...first, ...more]) })).toMatchObject({
        previousVersion: 1,
        version: 4
      })
      expect((yield* readAll(streamOf(who))).events.map((e) => e.event)).toEqual([...first, ...more])
    })),

  defineCase("expected version", "a conflicting append leaves the index row as it was", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const { events } = F.demoCycle(who)
      yield* seed(who, events.slice(0, 6))
      const wrongIndex: Store.StreamIndex = { teacherId: who.teacherId, coachId: F.uid("c") as Ids.PersonId, open: false, followUpDue: undefined }
      yield* failureOf(s.append(streamOf(who), events.slice(6), { expected: 2, index: wrongIndex }))
      const [row] = yield* allStreams({ teacherId: who.teacherId })
      expect(row).toEqual({ streamId: streamOf(who), version: 6, ...F.indexAfter(events.slice(0, 6)) })
    }))
]

// ---------------------------------------------------------------------------------------------

const concurrency: ReadonlyArray<Case> = [
  defineCase(
    "concurrency",
    "N concurrent writers on one stream: exactly one event per version, none lost or duplicated",
    (options) =>
      Effect.gen(function*() {
        const s = yield* store
        const who = F.cast()
        const first = [F.started(who)]
        yield* s.append(streamOf(who), first, { expected: "no-stream", index: F.indexAfter(first) })
        let conflicts = 0
        const writer = (w: number) =>
          Effect.gen(function*() {
            const mine = F.reflections(who, options.eventsPerWriter, `w${w}-${F.uid("r")}`)
            for (const event of mine) {
              for (let attempt = 0;; attempt++) {
                if (attempt > 10_000) throw new Error(`writer ${w} never got its append in`)
                const slice = Option.getOrThrow(yield* s.readStream(streamOf(who)))
                const journey = Cycle.replay(slice.events.map((e) => e.event))
                // Let the other writers run between the read and the append, as real clients do.
                yield* Effect.yieldNow
                const exit = yield* Effect.exit(
                  s.append(streamOf(who), [event], { expected: slice.version, index: Journeys.indexOf(Cycle.replay([event], journey)) })
                )
                if (Exit.isSuccess(exit)) break
                const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
                if (reason?._tag !== "Fail" || (reason.error as { _tag?: string })._tag !== "VersionConflict") {
                  throw new Error(`writer ${w}: unexpected failure ${String(exit.cause)}`)
                }
                conflicts++
              }
            }
            return mine
          })
        const written = yield* Effect.all(Array.from({ length: options.writers }, (_, w) => writer(w)), { concurrency: "unbounded" })
        const total = 1 + options.writers * options.eventsPerWriter
        const slice = yield* readAll(streamOf(who))
        expect(slice.version).toBe(total)
        expect(slice.events.map((e) => e.version)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
        const reflectionIds = slice.events.flatMap((e) => (e.event._tag === "ReflectionAdded" ? [e.event.reflection.id] : []))
        expect(new Set(reflectionIds).size).toBe(reflectionIds.length)
        expect([...reflectionIds].sort()).toEqual(written.flat().map((e) => (e as Events.EventOf<"ReflectionAdded">).reflection.id).sort())
        // Each writer's own events keep its order.
        for (const mine of written) {
          const order = mine.map((e) => reflectionIds.indexOf((e as Events.EventOf<"ReflectionAdded">).reflection.id))
          expect(order).toEqual([...order].sort((a, b) => a - b))
        }
        if (options.writers > 1) expect(conflicts).toBeGreaterThan(0)
      }),
    ["concurrentWriters"]
  ),

  defineCase(
    "concurrency",
    "single focus: coaches starting cycles for one teacher at once through Journeys → exactly one starts",
    (options) =>
      Effect.gen(function*() {
        const s = yield* store
        const teacherId = F.uid("t") as Ids.PersonId
        const coaches = Array.from({ length: Math.max(2, options.writers) }, (): F.Cast => ({
          teacherId,
          coachId: F.uid("c") as Ids.PersonId,
          cycleId: F.uid("cy") as Ids.CycleId
        }))
        yield* register(...coaches)
        // Every coach reads the empty journey before any of them appends.
        const slow: Store.CoachingStoreService = { ...s, readStream: (id, o) => Effect.tap(s.readStream(id, o), () => Effect.yieldNow) }
        const journeys = Journeys.make(slow, { checkActionStep: Granularity.acceptAll })
        const attempts = coaches.map(({ coachId, cycleId }) =>
          journeys.execute(Access.principal("coach", coachId), teacherId, { _tag: "StartCycle", cycleId, by: coachId, teacherId, coachId })
        )
        const exits = yield* Effect.all(attempts.map(Effect.exit), { concurrency: "unbounded" })
        expect(exits.filter(Exit.isSuccess)).toHaveLength(1)
        for (const exit of exits.filter(Exit.isFailure)) {
          const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
          expect(reason?._tag === "Fail" ? (reason.error as { _tag: string })._tag : String(exit.cause)).toBe("OpenCycleExists")
        }
        const slice = yield* readAll(Ids.journeyStreamId(teacherId))
        expect(slice.version).toBe(1)
        expect(Cycle.replay(slice.events.map((e) => e.event)).cycles.filter((c) => !Cycle.isEnded(c))).toHaveLength(1)
      }),
    ["concurrentWriters"]
  )
]

// ---------------------------------------------------------------------------------------------

const sizes: ReadonlyArray<Case> = [
  defineCase(
    "sizes",
    "a 10 000-event stream: appended in batches, read whole and from near its end",
    (options) =>
      Effect.gen(function*() {
        const s = yield* store
        const who = F.cast()
        const n = options.longStreamEvents
        const events = [F.started(who), ...F.reflections(who, n - 1)]
        let journey = Cycle.initialState
        for (let from = 0; from < n; from += 1000) {
          const batch = events.slice(from, from + 1000)
          journey = Cycle.replay(batch, journey)
          yield* s.append(streamOf(who), batch, { expected: from === 0 ? "no-stream" : from, index: Journeys.indexOf(journey) })
        }
        const slice = yield* readAll(streamOf(who))
        expect(slice.version).toBe(n)
        expect(slice.events).toHaveLength(n)
        expect(slice.events.every((e, i) => e.version === i + 1)).toBe(true)
        expect(slice.events.map((e) => e.event)).toEqual(events)
        const tail = Option.getOrThrow(yield* s.readStream(streamOf(who), { after: n - 10 }))
        expect(tail.version).toBe(n)
        expect(tail.events.map((e) => e.version)).toEqual(Array.from({ length: 10 }, (_, i) => n - 9 + i))
        expect(tail.events.map((e) => e.event)).toEqual(events.slice(n - 10))
      }),
    ["longStreams"]
  ),

  defineCase("sizes", "unicode text round-trips exactly: scripts, emoji, combining marks, quotes, NUL", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const events: Array<Events.JourneyEvent> = [F.started(who)]
      F.unicodeTexts.forEach((text, i) =>
        events.push({
          _tag: "ReflectionAdded",
          cycleId: who.cycleId,
          at: events[0]!.at,
          by: who.teacherId,
          reflection: { id: `${F.uid("r")}-${i}` as Ids.ReflectionId, text }
        })
      )
      yield* seed(who, events)
      const back = (yield* readAll(streamOf(who))).events.map((e) => e.event)
      expect(back).toEqual(events)
      const texts = back.flatMap((e) => (e._tag === "ReflectionAdded" ? [e.reflection.text] : []))
      expect(texts).toEqual(F.unicodeTexts)
      // Unicode in a record too.
      const person: People.Person = { id: who.teacherId, name: F.unicodeTexts[5]!, roles: ["teacher"] }
      yield* s.records("person").put(person)
      expect(yield* s.records("person").get(who.teacherId)).toEqual(Option.some(person))
    })),

  defineCase(
    "sizes",
    "a 1 MB event (one visit holding 10 000-character notes) round-trips exactly",
    () =>
      Effect.gen(function*() {
        const who = F.cast()
        const big = F.megabyteVisit(who)
        const events = [F.started(who), big]
        expect(new TextEncoder().encode(JSON.stringify(big)).length).toBeGreaterThan(1_048_576)
        yield* seed(who, events)
        const back = yield* readAll(streamOf(who))
        expect(back.events[1]!.event).toEqual(big)
      }),
    ["largePayloads"]
  )
]

// ---------------------------------------------------------------------------------------------

const indexQueries: ReadonlyArray<Case> = [
  defineCase("index queries", "lists streams by teacher, by coach, open or closed, and follow-up due before a day", () =>
    Effect.gen(function*() {
      const coach = F.uid("c") as Ids.PersonId
      const practisingEarly = { ...F.cast(), coachId: coach }
      const practisingLate = { ...F.cast(), coachId: coach }
      const observing = { ...F.cast(), coachId: coach }
      const secured = { ...F.cast(), coachId: coach }
      const otherCoach = F.cast()
      yield* seed(practisingEarly, F.demoCycle(practisingEarly, { upTo: 6, start: F.START }).events) // due START+7d
      yield* seed(practisingLate, F.demoCycle(practisingLate, { upTo: 6, start: F.START + 10 * 86_400_000 }).events) // due START+17d
      yield* seed(observing, F.demoCycle(observing, { upTo: 2 }).events)
      yield* seed(secured, F.demoCycle(secured).events)
      yield* seed(otherCoach, F.demoCycle(otherCoach, { upTo: 6 }).events)
      const sorted = (...who: ReadonlyArray<F.Cast>) => who.map(streamOf).sort()

      expect(ids(yield* allStreams({ coachId: coach }))).toEqual(sorted(practisingEarly, practisingLate, observing, secured))
      expect(ids(yield* allStreams({ coachId: coach, open: true }))).toEqual(sorted(practisingEarly, practisingLate, observing))
      expect(ids(yield* allStreams({ coachId: coach, open: false }))).toEqual(sorted(secured))
      expect(ids(yield* allStreams({ teacherId: otherCoach.teacherId }))).toEqual([streamOf(otherCoach)])
      const dueEarly = F.dueDateFor(F.START)
      // Strictly before: the stream due on the day itself is not listed.
      expect(ids(yield* allStreams({ coachId: coach, followUpDueBefore: dueEarly }))).toEqual([])
      const dayAfter = new Date(Date.parse(dueEarly) + 86_400_000).toISOString().slice(0, 10)
      expect(ids(yield* allStreams({ coachId: coach, followUpDueBefore: dayAfter }))).toEqual([streamOf(practisingEarly)])
      expect(ids(yield* allStreams({ coachId: coach, followUpDueBefore: "2027-01-01" }))).toEqual(sorted(practisingEarly, practisingLate))
      const [row] = yield* allStreams({ teacherId: practisingLate.teacherId })
      expect(row).toEqual({
        streamId: streamOf(practisingLate),
        version: 6,
        teacherId: practisingLate.teacherId,
        coachId: coach,
        open: true,
        followUpDue: F.dueDateFor(F.START + 10 * 86_400_000)
      })
    })),

  defineCase("index queries", "the index row follows the journey: secured, then a new cycle with another coach", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const first = F.demoCycle(who)
      yield* seed(who, first.events)
      expect(yield* allStreams({ teacherId: who.teacherId, open: true })).toEqual([])
      expect(ids(yield* allStreams({ coachId: who.coachId, open: false }))).toEqual([streamOf(who)])
      const next = { ...who, coachId: F.uid("c") as Ids.PersonId, cycleId: F.uid("cy") as Ids.CycleId }
      const start = { _tag: "StartCycle", cycleId: next.cycleId, by: next.coachId, teacherId: who.teacherId, coachId: next.coachId, follows: who.cycleId }
      const second = F.decideAll([start], { people: F.directory(who, next), from: first.journey, start: F.START + 30 * 86_400_000 })
      yield* s.append(streamOf(who), second.events, { expected: first.events.length, index: F.indexAfter(second.events, first.journey) })
      expect(ids(yield* allStreams({ coachId: next.coachId, open: true }))).toEqual([streamOf(who)])
      expect(yield* allStreams({ coachId: who.coachId })).toEqual([])
    })),

  defineCase("index queries", "pages through streams in id order with a cursor: none missing, none repeated", () =>
    Effect.gen(function*() {
      const s = yield* store
      const coach = F.uid("c") as Ids.PersonId
      const casts = Array.from({ length: 25 }, () => ({ ...F.cast(), coachId: coach }))
      for (const who of casts) yield* seed(who, [F.started(who)])
      const seen: Array<string> = []
      let cursor: string | undefined
      let pages = 0
      do {
        const page = yield* s.listStreams({ coachId: coach, limit: 10, ...(cursor !== undefined ? { cursor } : {}) })
        pages++
        expect(page.items.length).toBe(pages < 3 ? 10 : 5)
        seen.push(...page.items.map((r) => r.streamId))
        cursor = Option.getOrUndefined(page.next)
      } while (cursor !== undefined && pages < 10)
      expect(pages).toBe(3)
      expect(seen).toEqual(casts.map(streamOf).sort())
      // A page boundary is a key, not an offset: a stream added before the cursor does not shift the next page.
      const firstPage = yield* s.listStreams({ coachId: coach, limit: 10 })
      const early = { ...F.cast(), coachId: coach, teacherId: "0-early" as Ids.PersonId }
      yield* s.append(streamOf(early), [F.started(early)], { expected: "any", index: F.indexAfter([F.started(early)]) })
      const secondPage = yield* s.listStreams({ coachId: coach, limit: 10, cursor: Option.getOrThrow(firstPage.next) })
      expect(secondPage.items.map((r) => r.streamId)).toEqual(seen.slice(10, 20))
    }))
]

// ---------------------------------------------------------------------------------------------

/** A relationship between two ids (any ids: the store does not check that they are people). */
const relationshipOf = (id: string, coachId: string, teacherId: string): People.Relationship => ({
  id: id as Ids.RelationshipId,
  coachId: coachId as Ids.PersonId,
  teacherId: teacherId as Ids.PersonId,
  style: "balanced",
  status: "active",
  since: F.RELATIONSHIP_SINCE as People.Relationship["since"]
})

const records: ReadonlyArray<Case> = [
  defineCase("records", "people, cohorts, relationships and playbooks: put, get, replace; missing is None", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const { people, relationship } = F.peopleOf(who)
      for (const person of people) yield* s.records("person").put(person)
      const cohort = { id: F.uid("co") as Ids.CohortId, name: "Early-career teachers 2026" }
      yield* s.records("cohort").put(cohort)
      const related = { ...relationship, cohortId: cohort.id }
      yield* s.records("relationship").put(related)
      const pb = { ...Playbook.defaultPlaybook, id: F.uid("pb") as Ids.PlaybookId }
      yield* s.records("playbook").put(pb)
      expect(yield* s.records("person").get(who.teacherId)).toEqual(Option.some(people[0]))
      expect(yield* s.records("person").get(who.coachId)).toEqual(Option.some(people[1]))
      expect(yield* s.records("cohort").get(cohort.id)).toEqual(Option.some(cohort))
      expect(yield* s.records("relationship").get(related.id)).toEqual(Option.some(related))
      expect(yield* s.records("playbook").get(pb.id)).toEqual(Option.some(pb))
      const renamed = { ...people[0]!, name: "Renamed" }
      yield* s.records("person").put(renamed)
      expect(yield* s.records("person").get(who.teacherId)).toEqual(Option.some(renamed))
      const missing = F.uid("nobody")
      for (const kind of Store.recordKinds) expect(yield* s.records(kind).get(missing)).toEqual(Option.none())
    })),

  defineCase("records", "each kind is its own namespace: one id in two kinds is two records", () =>
    Effect.gen(function*() {
      const s = yield* store
      const id = F.uid("same")
      const person: People.Person = { id: id as Ids.PersonId, name: "A person", roles: ["teacher"] }
      const cohort = { id: id as Ids.CohortId, name: "A cohort" }
      yield* s.records("person").put(person)
      yield* s.records("cohort").put(cohort)
      expect(yield* s.records("person").get(id)).toEqual(Option.some(person))
      expect(yield* s.records("cohort").get(id)).toEqual(Option.some(cohort))
      expect(yield* s.records("playbook").get(id)).toEqual(Option.none())
      const listed = yield* Store.listAll(s.records("cohort").list)
      expect(listed.filter((c) => c.id === id)).toEqual([cohort])
    })),

  defineCase("records", "lists people in id order, a page at a time", () =>
    Effect.gen(function*() {
      const s = yield* store
      const prefix = F.uid("pp")
      const people = Array.from({ length: 12 }, (_, i): People.Person => ({
        id: `${prefix}-${String(i).padStart(2, "0")}` as Ids.PersonId,
        name: `Person ${i}`,
        roles: ["teacher"]
      }))
      for (const person of [...people].reverse()) yield* s.records("person").put(person)
      const { ids: listed } = yield* pagedRecords("person", { limit: 5 })
      const mine = listed.filter((id) => id.startsWith(prefix))
      expect(mine).toEqual(people.map((p) => p.id))
      expect([...listed].sort()).toEqual(listed)
      expect(new Set(listed).size).toBe(listed.length)
    })),

  defineCase("records", "lists the records that refer to a person (ref): coach or teacher, in id order, a page at a time", () =>
    Effect.gen(function*() {
      const s = yield* store
      const prefix = F.uid("rr")
      const teacher = `${prefix}-teacher`
      const coach = `${prefix}-coach`
      // Even ids: the teacher with a coach of their own; odd ids: the shared coach with another teacher.
      const all = Array.from({ length: 20 }, (_, k) => {
        const id = `${prefix}-rel-${String(k).padStart(2, "0")}`
        return k % 2 === 0 ? relationshipOf(id, `${prefix}-c${k}`, teacher) : relationshipOf(id, coach, `${prefix}-t${k}`)
      })
      for (const relationship of [...all].reverse()) yield* s.records("relationship").put(relationship)
      const even = all.filter((_, k) => k % 2 === 0).map((r) => r.id)
      const odd = all.filter((_, k) => k % 2 === 1).map((r) => r.id)
      // The limit counts matching records only: every page but the last is full.
      expect(yield* pagedRecords("relationship", { ref: teacher, limit: 3 })).toEqual({ ids: even, pages: 4 })
      expect(yield* pagedRecords("relationship", { ref: coach, limit: 5 })).toEqual({ ids: odd, pages: 2 })
      const page = yield* s.records("relationship").list({ ref: teacher, limit: 4 })
      expect(page.items).toEqual(all.filter((_, k) => k % 2 === 0).slice(0, 4))
      expect(yield* referring("relationship", `${prefix}-t3`)).toEqual([all[3]!.id])
      expect(yield* referring("relationship", `${prefix}-c4`)).toEqual([all[4]!.id])
      expect(yield* referring("relationship", `${prefix}-nobody`)).toEqual([])
      // A ref is not an id: a person refers to no one, and a relationship's own id is not one of its refs.
      yield* s.records("person").put({ id: teacher as Ids.PersonId, name: "The teacher", roles: ["teacher"] })
      expect(yield* referring("person", teacher)).toEqual([])
      expect(yield* referring("relationship", all[0]!.id)).toEqual([])
    })),

  defineCase("records", "replacing a record replaces its refs: a relationship moved to another coach is listed under the new coach only", () =>
    Effect.gen(function*() {
      const s = yield* store
      const prefix = F.uid("mv")
      const [teacher, first, second, third] = ["teacher", "first", "second", "third"].map((n) => `${prefix}-${n}`) as [string, string, string, string]
      const id = `${prefix}-rel`
      yield* s.records("relationship").put(relationshipOf(id, first, teacher))
      expect(yield* referring("relationship", first)).toEqual([id])
      const moved = relationshipOf(id, second, teacher)
      yield* s.records("relationship").put(moved)
      expect(yield* referring("relationship", first)).toEqual([])
      expect(yield* referring("relationship", second)).toEqual([id])
      expect(yield* referring("relationship", teacher)).toEqual([id])
      expect(yield* s.records("relationship").list({ ref: teacher })).toEqual({ items: [moved], next: Option.none() })
      // The same through a batch.
      yield* s.primitives.writeBatch({ records: [stored("relationship", relationshipOf(id, third, teacher))], appends: [] })
      expect(yield* referring("relationship", second)).toEqual([])
      expect(yield* referring("relationship", third)).toEqual([id])
      // A relationship whose coach is its teacher is refused and changes nothing.
      const self = yield* failureOf(s.records("relationship").put(relationshipOf(id, teacher, teacher)))
      expect(self).toMatchObject({ code: "INVALID_RECORD", path: "relationship.coachId" })
      expect(yield* referring("relationship", third)).toEqual([id])
      expect(yield* referring("relationship", teacher)).toEqual([id])
    }))
]

// ---------------------------------------------------------------------------------------------

const fullDocument = () => {
  const a = F.cast()
  const b = F.cast()
  const { people, relationships } = F.records(a, b)
  const cohort = { id: F.uid("co") as Ids.CohortId, name: "Cohort" }
  const secondCycle = { _tag: "StartCycle", cycleId: F.uid("cy"), by: a.coachId, teacherId: a.teacherId, coachId: a.coachId, follows: a.cycleId }
  const first = F.demoCycle(a)
  const more = F.decideAll([secondCycle], { people: F.directory(a), from: first.journey, start: F.START + 20 * 86_400_000 })
  return Export.make({
    people,
    cohorts: [cohort],
    relationships: relationships.map((r, i) => (i === 0 ? { ...r, cohortId: cohort.id } : r)),
    // the programme's playbook holds the techniques its journeys name (the default playbook's)
    playbooks: [{ ...Playbook.defaultPlaybook, id: F.uid("pb") as Ids.PlaybookId }],
    journeys: [
      { teacherId: a.teacherId, events: [...first.events, ...more.events] },
      { teacherId: b.teacherId, events: F.demoCycle(b, { upTo: 6 }).events }
    ]
  })
}

const batches: ReadonlyArray<Case> = [
  defineCase("batch writes", "a batch writes its records (with their refs) and its appends; appends to one stream in a batch count in order", () =>
    Effect.gen(function*() {
      const s = yield* store
      const a = F.cast()
      const b = F.cast()
      const { events } = F.demoCycle(a)
      const { people, relationships } = F.records(a, b)
      yield* s.primitives.writeBatch({
        records: [...people.map((p) => stored("person", p)), ...relationships.map((r) => stored("relationship", r))],
        appends: [
          appendRequest(streamOf(a), "no-stream", events.slice(0, 3), F.indexAfter(events.slice(0, 3))),
          appendRequest(streamOf(b), "no-stream", [F.started(b)], F.indexAfter([F.started(b)])),
          appendRequest(streamOf(a), 3, events.slice(3), F.indexAfter(events))
        ]
      })
      for (const person of people) expect(yield* s.records("person").get(person.id)).toEqual(Option.some(person))
      expect(yield* referring("relationship", a.teacherId)).toEqual([relationships[0]!.id])
      expect(yield* referring("relationship", b.coachId)).toEqual([relationships[1]!.id])
      const slice = yield* readAll(streamOf(a))
      expect(slice.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(slice.events.map((e) => e.event)).toEqual(events)
      expect(yield* allStreams({ teacherId: a.teacherId })).toEqual([{ streamId: streamOf(a), version: 7, ...F.indexAfter(events) }])
      expect((yield* readAll(streamOf(b))).version).toBe(1)
    })),

  defineCase("batch writes", "a batch is all-or-nothing: one stale expected version and no record, ref, event or index row is written", () =>
    Effect.gen(function*() {
      const s = yield* store
      const a = F.cast()
      const b = F.cast()
      const first = [F.started(b)]
      yield* seed(b, first)
      const { people, relationships } = F.records(a, b)
      const error = yield* failureOf(s.primitives.writeBatch({
        records: [...people.map((p) => stored("person", p)), ...relationships.map((r) => stored("relationship", r))],
        appends: [
          appendRequest(streamOf(a), "no-stream", [F.started(a)], F.indexAfter([F.started(a)])),
          appendRequest(streamOf(b), "no-stream", F.reflections(b, 2), F.indexAfter([...first, ...F.reflections(b, 2)]))
        ]
      }))
      expect(error).toMatchObject({ _tag: "VersionConflict", streamId: streamOf(b), expected: "no-stream", actual: 1 })
      for (const person of people) expect(yield* s.records("person").get(person.id)).toEqual(Option.none())
      for (const relationship of relationships) expect(yield* s.records("relationship").get(relationship.id)).toEqual(Option.none())
      expect(yield* referring("relationship", a.teacherId)).toEqual([])
      expect(yield* referring("relationship", b.coachId)).toEqual([])
      expect(yield* s.readStream(streamOf(a))).toEqual(Option.none())
      expect(yield* allStreams({ teacherId: a.teacherId })).toEqual([])
      expect((yield* readAll(streamOf(b))).events.map((e) => e.event)).toEqual(first)
      expect(yield* allStreams({ teacherId: b.teacherId })).toEqual([{ streamId: streamOf(b), version: 1, ...F.indexAfter(first) }])
    })),

  defineCase(
    "batch writes",
    "export → import into an empty store → export is byte-identical (Transfer over the port)",
    () =>
      Effect.gen(function*() {
        const s = yield* store
        // with a policy: the store keeps it, so the export gives it back
        const doc = Export.make({ ...fullDocument(), policy: { ...Policy.defaultPolicy, reports: { minGroupSize: 6 } } })
        expect(Export.validate(doc).violations).toEqual([])
        const summary = yield* Transfer.importDocument(s, Export.encode(doc))
        expect(summary).toEqual({ people: 4, cohorts: 1, relationships: 2, playbooks: 1, journeys: 2, events: 14, unchanged: 0 })
        const exported = yield* Transfer.exportDocument(s)
        expect(Export.encode(exported)).toBe(Export.encode(doc))
        const teacher = doc.journeys[0]!.teacherId
        expect((yield* readAll(Ids.journeyStreamId(teacher))).version).toBe(8)
        expect(yield* referring("relationship", teacher)).toEqual([doc.relationships[0]!.id])
      }),
    ["freshStorePerBuild"]
  ),

  defineCase(
    "batch writes",
    "the policy is kept as a setting: put, get back, replaced, and an import over a different one is refused whole",
    () =>
      Effect.gen(function*() {
        const s = yield* store
        expect(yield* s.policy.get).toEqual(Option.none())
        const first = { ...Policy.defaultPolicy, calibration: "recorded" as const }
        yield* s.policy.put(first)
        expect(yield* s.policy.get).toEqual(Option.some(first))
        const second = { ...Policy.defaultPolicy, followUp: { minDays: 2, recommendedMaxDays: 30, maxDays: 90 } }
        yield* s.policy.put(second)
        expect(yield* s.policy.get).toEqual(Option.some(second))
        const doc = Export.make({ ...fullDocument(), policy: first })
        const refused = yield* Effect.flip(Transfer.importDocument(s, Export.encode(doc)))
        expect(refused).toMatchObject({ _tag: "ImportRefused", code: "IMPORT_CONFLICT", violations: [{ path: "$.policy" }] })
        expect(yield* s.policy.get).toEqual(Option.some(second))
        for (const person of doc.people) expect(yield* s.records("person").get(person.id)).toEqual(Option.none())
        const invalid = yield* Effect.flip(s.policy.put({ ...second, rehearsal: { minReps: 0, targetMin: 1, targetMax: 1 } }))
        expect(invalid).toMatchObject({ _tag: "InvalidInput", code: "INVALID_RECORD" })
      }),
    ["freshStorePerBuild"]
  ),

  defineCase("batch writes", "an export holds what was written through the port, record by record and append by append", () =>
    Effect.gen(function*() {
      const s = yield* store
      const doc = fullDocument()
      for (const p of doc.people) yield* s.records("person").put(p)
      for (const c of doc.cohorts) yield* s.records("cohort").put(c)
      for (const r of doc.relationships) yield* s.records("relationship").put(r)
      for (const p of doc.playbooks) yield* s.records("playbook").put(p)
      for (const j of doc.journeys) {
        yield* s.append(Ids.journeyStreamId(j.teacherId), j.events, { expected: "no-stream", index: F.indexAfter(j.events) })
      }
      const exported = yield* Transfer.exportDocument(s)
      const mine = Export.make({
        people: exported.people.filter((p) => doc.people.some((q) => q.id === p.id)),
        cohorts: exported.cohorts.filter((c) => doc.cohorts.some((q) => q.id === c.id)),
        relationships: exported.relationships.filter((r) => doc.relationships.some((q) => q.id === r.id)),
        playbooks: exported.playbooks.filter((p) => doc.playbooks.some((q) => q.id === p.id)),
        journeys: exported.journeys.filter((j) => doc.journeys.some((q) => q.teacherId === j.teacherId))
      })
      expect(Export.encode(mine)).toBe(Export.encode(doc))
    }))
]

// ---------------------------------------------------------------------------------------------

/** A case that reads what the adapter really stored (the layer provides `RawReader`). */
const rawCase = (
  name: string,
  run: (s: Store.CoachingStoreService, reader: RawReaderService) => Effect.Effect<void, unknown, Store.CoachingStore>
): Case =>
  defineCase("raw storage", name, () => Effect.flatMap(Effect.all([store, RawReader]), ([s, reader]) => run(s, reader)), ["raw"])

const raw: ReadonlyArray<Case> = [
  rawCase("stores each event as one row holding its JSON, versions 1..n", (_, reader) =>
    Effect.gen(function*() {
      const who = F.cast()
      const events = [F.started(who), ...F.reflections(who, 3), F.megabyteVisit(who, 100_000)]
      yield* seed(who, events)
      const rows = yield* reader.streamRows(streamOf(who))
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5])
      // The JSON text core handed over, byte for byte.
      expect(rows.map((r) => r.json)).toEqual(Result.getOrThrow(Store.validateEvents(events)).map((e) => JSON.stringify(e)))
      expect(yield* reader.streamRows(F.uid("journey-none"))).toEqual([])
    })),

  rawCase("stores the index row core computed, and a conflicting append changes no row", (s, reader) =>
    Effect.gen(function*() {
      const who = F.cast()
      const { events } = F.demoCycle(who, { upTo: 6 })
      yield* seed(who, events.slice(0, 5))
      yield* failureOf(s.append(streamOf(who), events.slice(5), { expected: 3, index: F.indexAfter(events) }))
      expect((yield* reader.streamRows(streamOf(who))).length).toBe(5)
      expect(yield* reader.streamRow(streamOf(who))).toEqual(Option.some({ streamId: streamOf(who), version: 5, ...F.indexAfter(events.slice(0, 5)) }))
      yield* s.append(streamOf(who), events.slice(5), { expected: 5, index: F.indexAfter(events) })
      expect(yield* reader.streamRow(streamOf(who))).toEqual(Option.some({ streamId: streamOf(who), version: 6, ...F.indexAfter(events) }))
    })),

  rawCase("stores records as the JSON core encoded", (s, reader) =>
    Effect.gen(function*() {
      const who = F.cast()
      const { people, relationship } = F.peopleOf(who)
      yield* s.records("person").put(people[1]!)
      yield* s.records("relationship").put(relationship)
      expect(yield* reader.recordJson("person", who.coachId)).toEqual(Option.some(stored("person", people[1]).json))
      expect(yield* reader.recordJson("relationship", relationship.id)).toEqual(Option.some(stored("relationship", relationship).json))
      expect(yield* reader.recordJson("person", who.teacherId)).toEqual(Option.none())
      expect(yield* reader.recordJson("cohort", who.coachId)).toEqual(Option.none())
    })),

  rawCase("stores a record's refs, replaced with the record (by a put or a batch), and none for a failed batch", (s, reader) =>
    Effect.gen(function*() {
      const who = F.cast()
      const { people, relationship } = F.peopleOf(who)
      yield* s.records("relationship").put(relationship)
      const sorted = (refs: ReadonlyArray<string>) => [...new Set(refs)].sort()
      expect(sorted(yield* reader.recordRefs("relationship", relationship.id))).toEqual([who.coachId, who.teacherId].sort())
      const other = F.uid("c")
      yield* s.records("relationship").put({ ...relationship, coachId: other as Ids.PersonId })
      expect(sorted(yield* reader.recordRefs("relationship", relationship.id))).toEqual([other, who.teacherId].sort())
      yield* s.primitives.writeBatch({ records: [stored("relationship", relationship)], appends: [] })
      expect(sorted(yield* reader.recordRefs("relationship", relationship.id))).toEqual([who.coachId, who.teacherId].sort())
      yield* s.records("person").put(people[0]!)
      expect(yield* reader.recordRefs("person", who.teacherId)).toEqual([])
      // A failed batch leaves no ref behind.
      const later = F.cast()
      yield* seed(later, [F.started(later)])
      const { relationship: unwritten } = F.peopleOf(later)
      yield* failureOf(s.primitives.writeBatch({
        records: [stored("relationship", unwritten)],
        appends: [appendRequest(streamOf(later), "no-stream", [F.started(later)], F.indexAfter([F.started(later)]))]
      }))
      expect(yield* reader.recordRefs("relationship", unwritten.id)).toEqual([])
    }))
]

/** Every case of the suite, by group. @since 0.1.0 */
export const cases: ReadonlyArray<Case> = [
  ...appendAndRead,
  ...expectedVersions,
  ...concurrency,
  ...sizes,
  ...indexQueries,
  ...records,
  ...batches,
  ...raw
]

/**
 * Runs one case against a fresh build of `layer` (a new store instance for this case alone).
 *
 * @since 0.1.0
 */
export const runCase = <E>(
  c: Case,
  layer: Layer.Layer<Store.CoachingStore, E> | Layer.Layer<Store.CoachingStore | RawReaderService, E>,
  options: Partial<CaseOptions> = {}
): Promise<void> =>
  Effect.runPromise(
    c.run({ ...defaultCaseOptions, ...options }).pipe(
      Effect.provide(Layer.fresh(layer as Layer.Layer<Store.CoachingStore | RawReaderService, E>))
    ) as Effect.Effect<void, unknown>
  )
