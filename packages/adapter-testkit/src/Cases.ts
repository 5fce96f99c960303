/**
 * The conformance cases. Each case is one Effect that needs a `CoachingStore` (and, for raw
 * cases, a `RawReader`), makes its own data with fresh ids, and asserts with vitest's `expect`.
 * `suite` registers them as tests; `runCase` runs one against a layer (used to prove that the
 * suite catches broken adapters).
 *
 * @since 0.1.0
 */
import { Cycle, Export, Granularity, Ids, Journeys, type People, Playbook, Store } from "@coaching/core"
import type { Events } from "@coaching/core"
import { Effect, Exit, Layer, Option } from "effect"
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
const allStreams = (query: Store.StreamQuery) =>
  Effect.gen(function*() {
    const s = yield* store
    const out: Array<Store.StreamSummary> = []
    let cursor: string | undefined
    for (let pages = 0; pages < 1000; pages++) {
      const page = yield* s.listStreams({ ...query, ...(cursor !== undefined ? { cursor } : {}) })
      out.push(...page.items)
      cursor = Option.getOrUndefined(page.next)
      if (cursor === undefined) break
    }
    return out
  })

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

  defineCase("append and read", "a stream that was never written is None; its journey is the empty journey", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      expect(yield* s.readStream(streamOf(who))).toEqual(Option.none())
      expect(yield* s.readStream(streamOf(who), { after: 3 })).toEqual(Option.none())
      expect(yield* s.loadJourney(who.teacherId)).toEqual(Cycle.initialState)
    })),

  defineCase("append and read", "appends in several steps continue the versions and the journey replays", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const { events, journey } = F.demoCycle(who)
      let current = Cycle.initialState
      for (const [from, to] of [[0, 1], [1, 3], [3, 6], [6, 7]] as const) {
        current = yield* s.appendToJourney(current, events.slice(from, to))
        expect(current.version).toBe(to)
      }
      expect(yield* s.loadJourney(who.teacherId)).toEqual(journey)
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
                  s.append(streamOf(who), [event], { expected: slice.version, index: Store.indexOf(Cycle.replay([event], journey)) })
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
        const ids = slice.events.flatMap((e) => (e.event._tag === "ReflectionAdded" ? [e.event.reflection.id] : []))
        expect(new Set(ids).size).toBe(ids.length)
        expect([...ids].sort()).toEqual(written.flat().map((e) => (e as Events.EventOf<"ReflectionAdded">).reflection.id).sort())
        // Each writer's own events keep its order.
        for (const mine of written) {
          const order = mine.map((e) => ids.indexOf((e as Events.EventOf<"ReflectionAdded">).reflection.id))
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
        const teacherId = F.uid("t")
        const slow: Store.CoachingStoreService = { ...s, loadJourney: (id) => Effect.tap(s.loadJourney(id), () => Effect.yieldNow) }
        const journeys = Journeys.make(slow, { checkActionStep: Granularity.acceptAll })
        const attempts = Array.from({ length: Math.max(2, options.writers) }, () => {
          const coachId = F.uid("c")
          return journeys.execute(teacherId, { _tag: "StartCycle", cycleId: F.uid("cy"), by: coachId, teacherId, coachId })
        })
        const exits = yield* Effect.all(attempts.map(Effect.exit), { concurrency: "unbounded" })
        expect(exits.filter(Exit.isSuccess)).toHaveLength(1)
        for (const exit of exits.filter(Exit.isFailure)) {
          const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
          expect(reason?._tag === "Fail" ? (reason.error as { _tag: string })._tag : String(exit.cause)).toBe("OpenCycleExists")
        }
        const journey = yield* s.loadJourney(teacherId)
        expect(journey.version).toBe(1)
        expect(journey.cycles.filter((c) => !Cycle.isEnded(c))).toHaveLength(1)
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
          journey = yield* s.appendToJourney(journey, events.slice(from, from + 1000))
        }
        const slice = yield* readAll(streamOf(who))
        expect(slice.version).toBe(n)
        expect(slice.events).toHaveLength(n)
        expect(slice.events.every((e, i) => e.version === i + 1)).toBe(true)
        expect(slice.events.map((e) => e.event)).toEqual(events)
        const tail = Option.getOrThrow(yield* s.readStream(streamOf(who), { after: n - 10 }))
        expect(tail.events.map((e) => e.version)).toEqual(Array.from({ length: 10 }, (_, i) => n - 9 + i))
        expect((yield* s.loadJourney(who.teacherId)).version).toBe(n)
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
      yield* s.putPerson(person)
      expect(yield* s.getPerson(who.teacherId)).toEqual(Option.some(person))
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

const badIds: ReadonlyArray<unknown> = ["", " ", "with space", "../../etc/passwd", "a/b", "-dash-first", "x".repeat(137), "ünïcode", "nul\u0000", "semi;colon", 7, null]

const invalidInput: ReadonlyArray<Case> = [
  defineCase("invalid input", "invalid stream, teacher and record ids give INVALID_ID and write nothing", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const events = [F.started(who)]
      for (const id of badIds) {
        const bad = id as string
        expect(yield* failureOf(s.append(bad, events, { expected: "any", index: F.indexAfter(events) }))).toMatchObject({
          _tag: "InvalidInput",
          code: "INVALID_ID",
          path: "streamId"
        })
        expect(yield* failureOf(s.readStream(bad))).toMatchObject({ _tag: "InvalidInput", code: "INVALID_ID" })
        expect(yield* failureOf(s.loadJourney(bad))).toMatchObject({ _tag: "InvalidInput", code: "INVALID_ID" })
        expect(yield* failureOf(s.getPerson(bad))).toMatchObject({ _tag: "InvalidInput", code: "INVALID_ID" })
        expect(yield* failureOf(s.listStreams({ teacherId: bad }))).toMatchObject({ _tag: "InvalidInput", code: "INVALID_ID" })
        expect(yield* failureOf(s.putPerson({ id: bad, name: "X", roles: ["teacher"] } as never))).toMatchObject({
          _tag: "InvalidInput",
          code: "INVALID_ID"
        })
      }
      expect(yield* allStreams({ coachId: who.coachId })).toEqual([])
    })),

  defineCase("invalid input", "events that are not journey events give INVALID_EVENT and write nothing", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const good = F.started(who)
      const bad = [good, { ...F.reflections(who, 1)[0]!, at: "not a time" }] as unknown as ReadonlyArray<Events.JourneyEvent>
      expect(yield* failureOf(s.append(streamOf(who), bad, { expected: "any", index: F.indexAfter([good]) }))).toMatchObject({
        code: "INVALID_EVENT",
        path: "events[1].at"
      })
      expect(yield* failureOf(s.append(streamOf(who), [], { expected: "any", index: F.indexAfter([good]) }))).toMatchObject({ code: "EMPTY_APPEND" })
      expect(yield* s.readStream(streamOf(who))).toEqual(Option.none())
    }))
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
      const ids = (rows: ReadonlyArray<Store.StreamSummary>) => rows.map((r) => r.streamId)
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
      yield* s.appendToJourney(Cycle.initialState, first.events)
      expect(yield* allStreams({ teacherId: who.teacherId, open: true })).toEqual([])
      expect(ids(yield* allStreams({ coachId: who.coachId, open: false }))).toEqual([streamOf(who)])
      const next = { ...who, coachId: F.uid("c") as Ids.PersonId, cycleId: F.uid("cy") as Ids.CycleId }
      const start = { _tag: "StartCycle", cycleId: next.cycleId, by: next.coachId, teacherId: who.teacherId, coachId: next.coachId, follows: who.cycleId }
      const second = F.decideAll([start], { from: first.journey, start: F.START + 30 * 86_400_000 })
      yield* s.appendToJourney(first.journey, second.events)
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
      expect(yield* failureOf(s.listStreams({ coachId: coach, limit: 0 }))).toMatchObject({ code: "INVALID_LIMIT" })
      expect(yield* failureOf(s.listStreams({ cursor: "not-a-cursor" }))).toMatchObject({ code: "INVALID_CURSOR" })
    }))
]

const ids = (rows: ReadonlyArray<Store.StreamSummary>) => rows.map((r) => r.streamId)

// ---------------------------------------------------------------------------------------------

const records: ReadonlyArray<Case> = [
  defineCase("records", "people, cohorts, relationships and playbooks: put, get, replace; missing is None", () =>
    Effect.gen(function*() {
      const s = yield* store
      const who = F.cast()
      const { people, relationship } = F.peopleOf(who)
      for (const person of people) yield* s.putPerson(person)
      const cohort = { id: F.uid("co") as Ids.CohortId, name: "Early-career teachers 2026" }
      yield* s.putCohort(cohort)
      const related = { ...relationship, cohortId: cohort.id }
      yield* s.putRelationship(related)
      const pb = { ...Playbook.defaultPlaybook, id: F.uid("pb") as Ids.PlaybookId }
      yield* s.putPlaybook(pb)
      expect(yield* s.getPerson(who.teacherId)).toEqual(Option.some(people[0]))
      expect(yield* s.getPerson(who.coachId)).toEqual(Option.some(people[1]))
      expect(yield* s.getCohort(cohort.id)).toEqual(Option.some(cohort))
      expect(yield* s.getRelationship(related.id)).toEqual(Option.some(related))
      expect(yield* s.getPlaybook(pb.id)).toEqual(Option.some(pb))
      const renamed = { ...people[0]!, name: "Renamed" }
      yield* s.putPerson(renamed)
      expect(yield* s.getPerson(who.teacherId)).toEqual(Option.some(renamed))
      const missing = F.uid("nobody")
      expect(yield* s.getPerson(missing)).toEqual(Option.none())
      expect(yield* s.getCohort(missing)).toEqual(Option.none())
      expect(yield* s.getRelationship(missing)).toEqual(Option.none())
      expect(yield* s.getPlaybook(missing)).toEqual(Option.none())
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
      for (const person of [...people].reverse()) yield* s.putPerson(person)
      const listed: Array<string> = []
      let cursor: string | undefined
      for (let i = 0; i < 1000; i++) {
        const page = yield* s.listPeople({ limit: 5, ...(cursor !== undefined ? { cursor } : {}) })
        listed.push(...page.items.map((p) => p.id))
        cursor = Option.getOrUndefined(page.next)
        if (cursor === undefined) break
      }
      const mine = listed.filter((id) => id.startsWith(prefix))
      expect(mine).toEqual(people.map((p) => p.id))
      expect([...listed].sort()).toEqual(listed)
      expect(new Set(listed).size).toBe(listed.length)
    })),

  defineCase("records", "an invalid record is refused with the path of the field and not stored", () =>
    Effect.gen(function*() {
      const s = yield* store
      const id = F.uid("p")
      expect(yield* failureOf(s.putPerson({ id, name: "  ", roles: ["teacher"] } as never))).toMatchObject({
        code: "INVALID_RECORD",
        path: "person.name"
      })
      expect(yield* failureOf(s.putPerson({ id, name: "A", roles: [] } as never))).toMatchObject({ code: "INVALID_RECORD", path: "person.roles[0]" })
      expect(yield* s.getPerson(id)).toEqual(Option.none())
    }))
]

// ---------------------------------------------------------------------------------------------

const fullDocument = () => {
  const a = F.cast()
  const b = F.cast()
  const pa = F.peopleOf(a)
  const pb = F.peopleOf(b)
  const cohort = { id: F.uid("co") as Ids.CohortId, name: "Cohort" }
  const secondCycle = { _tag: "StartCycle", cycleId: F.uid("cy"), by: a.coachId, teacherId: a.teacherId, coachId: a.coachId, follows: a.cycleId }
  const first = F.demoCycle(a)
  const more = F.decideAll([secondCycle], { from: first.journey, start: F.START + 20 * 86_400_000 })
  return Export.make({
    people: [...pa.people, ...pb.people],
    cohorts: [cohort],
    relationships: [{ ...pa.relationship, cohortId: cohort.id }, pb.relationship],
    playbooks: [{ id: F.uid("pb") as Ids.PlaybookId, name: "Playbook", strands: [] }],
    journeys: [
      { teacherId: a.teacherId, events: [...first.events, ...more.events] },
      { teacherId: b.teacherId, events: F.demoCycle(b, { upTo: 6 }).events }
    ]
  })
}

const exportImport: ReadonlyArray<Case> = [
  defineCase(
    "export and import",
    "export → import into an empty store → export is byte-identical",
    () =>
      Effect.gen(function*() {
        const s = yield* store
        const doc = fullDocument()
        expect(Export.validate(doc).violations).toEqual([])
        const summary = yield* s.importDocument(Export.encode(doc))
        expect(summary).toEqual({ people: 4, cohorts: 1, relationships: 2, playbooks: 1, journeys: 2, events: 14 })
        const exported = yield* s.exportDocument()
        expect(Export.encode(exported)).toBe(Export.encode(doc))
        const teacher = doc.journeys[0]!.teacherId
        expect((yield* s.loadJourney(teacher)).version).toBe(8)
      }),
    ["freshStorePerBuild"]
  ),

  defineCase("export and import", "an export holds what was written through the port, and imports into an empty store the same", () =>
    Effect.gen(function*() {
      const s = yield* store
      const doc = fullDocument()
      for (const p of doc.people) yield* s.putPerson(p)
      for (const c of doc.cohorts) yield* s.putCohort(c)
      for (const r of doc.relationships) yield* s.putRelationship(r)
      for (const p of doc.playbooks) yield* s.putPlaybook(p)
      for (const j of doc.journeys) yield* s.appendToJourney(Cycle.initialState, j.events)
      const exported = yield* s.exportDocument()
      const mine = Export.make({
        people: exported.people.filter((p) => doc.people.some((q) => q.id === p.id)),
        cohorts: exported.cohorts.filter((c) => doc.cohorts.some((q) => q.id === c.id)),
        relationships: exported.relationships.filter((r) => doc.relationships.some((q) => q.id === r.id)),
        playbooks: exported.playbooks.filter((p) => doc.playbooks.some((q) => q.id === p.id)),
        journeys: exported.journeys.filter((j) => doc.journeys.some((q) => q.teacherId === j.teacherId))
      })
      expect(Export.encode(mine)).toBe(Export.encode(doc))
    })),

  defineCase("export and import", "an invalid export is refused whole with every violation, and writes nothing", () =>
    Effect.gen(function*() {
      const s = yield* store
      const doc = fullDocument()
      const broken = {
        ...Export.make(doc),
        journeys: [doc.journeys[0]!, { ...doc.journeys[1]!, events: doc.journeys[1]!.events.slice(1) }]
      }
      const error = yield* failureOf(s.importDocument(broken))
      expect(error).toMatchObject({ _tag: "InvalidExport" })
      expect((error as Export.InvalidExport).violations.length).toBeGreaterThan(0)
      expect(yield* s.getPerson(doc.people[0]!.id)).toEqual(Option.none())
      expect(yield* s.readStream(Ids.journeyStreamId(doc.journeys[0]!.teacherId))).toEqual(Option.none())
      expect(yield* failureOf(s.importDocument("{ not json"))).toMatchObject({ _tag: "InvalidExport" })
    })),

  defineCase("export and import", "an import is all-or-nothing: one existing journey and nothing of the document is written", () =>
    Effect.gen(function*() {
      const s = yield* store
      const doc = fullDocument()
      const second = doc.journeys[1]!
      yield* s.appendToJourney(Cycle.initialState, second.events.slice(0, 1))
      const error = yield* failureOf(s.importDocument(doc))
      expect(error).toMatchObject({ _tag: "VersionConflict", streamId: Ids.journeyStreamId(second.teacherId), expected: "no-stream", actual: 1 })
      for (const p of doc.people) expect(yield* s.getPerson(p.id)).toEqual(Option.none())
      expect(yield* s.getCohort(doc.cohorts[0]!.id)).toEqual(Option.none())
      expect(yield* s.readStream(Ids.journeyStreamId(doc.journeys[0]!.teacherId))).toEqual(Option.none())
      expect((yield* readAll(Ids.journeyStreamId(second.teacherId))).version).toBe(1)
    }))
]

// ---------------------------------------------------------------------------------------------

const raw: ReadonlyArray<Case> = [
  defineCase(
    "raw storage",
    "stores each event as one row holding its JSON, versions 1..n",
    () =>
      Effect.gen(function*() {
        const reader = yield* RawReader
        const who = F.cast()
        const events = [F.started(who), ...F.reflections(who, 3), F.megabyteVisit(who, 100_000)]
        yield* seed(who, events)
        const rows = yield* reader.streamRows(streamOf(who))
        expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5])
        expect(rows.map((r) => JSON.parse(r.json))).toEqual(events)
        expect(yield* reader.streamRows(F.uid("journey-none"))).toEqual([])
      }),
    ["raw"]
  ),

  defineCase(
    "raw storage",
    "stores the index row core computed, and a conflicting append changes no row",
    () =>
      Effect.gen(function*() {
        const s = yield* store
        const reader = yield* RawReader
        const who = F.cast()
        const { events } = F.demoCycle(who, { upTo: 6 })
        yield* seed(who, events.slice(0, 5))
        yield* failureOf(s.append(streamOf(who), events.slice(5), { expected: 3, index: F.indexAfter(events) }))
        expect((yield* reader.streamRows(streamOf(who))).length).toBe(5)
        expect(yield* reader.streamRow(streamOf(who))).toEqual(Option.some({ streamId: streamOf(who), version: 5, ...F.indexAfter(events.slice(0, 5)) }))
        yield* s.append(streamOf(who), events.slice(5), { expected: 5, index: F.indexAfter(events) })
        expect(yield* reader.streamRow(streamOf(who))).toEqual(Option.some({ streamId: streamOf(who), version: 6, ...F.indexAfter(events) }))
      }),
    ["raw"]
  ),

  defineCase(
    "raw storage",
    "stores records as their JSON; an invalid one leaves no row",
    () =>
      Effect.gen(function*() {
        const s = yield* store
        const reader = yield* RawReader
        const who = F.cast()
        const { people } = F.peopleOf(who)
        yield* s.putPerson(people[1]!)
        expect(Option.map(yield* reader.recordJson("person", who.coachId), (j) => JSON.parse(j))).toEqual(Option.some(people[1]))
        yield* failureOf(s.putPerson({ ...people[0]!, roles: [] } as never))
        expect(yield* reader.recordJson("person", who.teacherId)).toEqual(Option.none())
      }),
    ["raw"]
  )
]

/** Every case of the suite, by group. @since 0.1.0 */
export const cases: ReadonlyArray<Case> = [
  ...appendAndRead,
  ...expectedVersions,
  ...concurrency,
  ...sizes,
  ...invalidInput,
  ...indexQueries,
  ...records,
  ...exportImport,
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
