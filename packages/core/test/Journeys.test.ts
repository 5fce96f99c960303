import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Cycle, Demo, Events, Granularity, Ids, Journeys, Store } from "../src/index.js"
import { testPrimitives } from "./store-support.js"

const t0 = Date.parse("2026-03-02T09:00:00.000Z")
const due = "2026-03-09"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const setup = (options: Partial<Journeys.Options> = {}) => {
  const primitives = testPrimitives()
  const store = Store.make(primitives)
  const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll, ...options })
  return { primitives, store, journeys }
}

describe("Journeys", () => {
  it.effect("runs the demo cycle end to end with the effect Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = setup()
      let last: Journeys.Executed | undefined
      for (const command of Demo.cycleCommands(due)) {
        last = yield* journeys.execute("t-ada", command)
        yield* TestClock.adjust("1 hour")
      }
      expect(last!.journey.version).toBe(7)
      expect(last!.journey.cycles[0]!.stage).toBe("Secured")
      expect(last!.events.map((e) => e._tag)).toEqual(["FollowUpRecorded"])
      const loaded = yield* journeys.load("t-ada")
      expect(loaded).toEqual(last!.journey)
      expect(loaded.cycles[0]!.startedAt).toBe("2026-03-02T09:00:00.000Z")
      expect(primitives.streams.get(Ids.journeyStreamId("t-ada" as Ids.PersonId))!.index).toEqual({
        teacherId: "t-ada",
        coachId: "c-grace",
        open: false,
        followUpDue: undefined
      })
    }))

  it.effect("returns the decider's typed error and appends nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = setup()
      const [start, , , , step] = Demo.cycleCommands(due)
      yield* journeys.execute("t-ada", start)
      const error = failure(yield* Effect.exit(journeys.execute("t-ada", step)))
      expect(error).toMatchObject({ _tag: "StageMismatch", code: "LEVERAGE_POINT_MISSING" })
      const invalid = failure(yield* Effect.exit(journeys.execute("t-ada", { _tag: "Nope" })))
      expect(invalid).toMatchObject({ _tag: "InvalidCommand", code: "INVALID_COMMAND" })
      expect(primitives.calls.append).toBe(1)
    }))

  it.effect("uses the injected granularity checker (core has none of its own)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const strict = () => ({ granular: false, score: 0.1, findings: [{ code: "TOO_BROAD", message: "Too broad.", span: [0, 1] as const }], suggestions: [] })
      const { journeys } = setup({ checkActionStep: strict as unknown as Granularity.Checker })
      const commands = Demo.cycleCommands(due)
      for (const command of commands.slice(0, 4)) yield* journeys.execute("t-ada", command)
      const error = failure(yield* Effect.exit(journeys.execute("t-ada", commands[4])))
      expect(error).toMatchObject({ _tag: "NotGranular", findings: ["TOO_BROAD"] })
    }))

  it.effect("refuses a StartCycle for another teacher than the journey addressed", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = setup()
      const error = failure(yield* Effect.exit(journeys.execute("t-bob", Demo.cycleCommands(due)[0])))
      expect(error).toMatchObject({ _tag: "PeopleMismatch", code: "TEACHER_MISMATCH" })
      expect(primitives.calls.append).toBe(0)
    }))

  it.effect("reloads and decides again after a conflict", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = setup()
      const commands = Demo.cycleCommands(due)
      yield* journeys.execute("t-ada", commands[0])
      // Another writer records the second visit between our load and our append, once.
      let injected = false
      primitives.beforeAppend = (request) => {
        if (injected) return
        injected = true
        const stream = primitives.streams.get(request.streamId)!
        stream.events.push(JSON.stringify(Events.encode({ _tag: "ReflectionAdded", cycleId: "cycle-1", at: "2026-03-02T09:00:00.000Z", by: "t-ada", reflection: { id: "r-1", text: "Noted." } } as Events.JourneyEvent)))
      }
      const result = yield* journeys.execute("t-ada", commands[1])
      expect(primitives.calls.append).toBe(3)
      expect(result.journey.version).toBe(3)
      expect(result.journey.cycles[0]!.reflections).toHaveLength(1)
      expect(result.journey.cycles[0]!.visits).toHaveLength(1)
    }))

  it.effect("gives up with VersionConflict after maxAttempts", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = setup({ maxAttempts: 3 })
      let n = 0
      primitives.beforeAppend = (request) => {
        const other = JSON.stringify({ _tag: "ReflectionAdded", cycleId: "cycle-0", at: "2026-03-01T09:00:00.000Z", by: "t-ada", reflection: { id: `r-${n++}`, text: "Noted." } })
        primitives.streams.set(request.streamId, { events: [...(primitives.streams.get(request.streamId)?.events ?? []), other], index: request.index })
      }
      const error = failure(yield* Effect.exit(journeys.execute("t-ada", Demo.cycleCommands(due)[0])))
      expect(error).toMatchObject({ _tag: "VersionConflict", code: "VERSION_CONFLICT" })
      expect(primitives.calls.append).toBe(3)
    }))

  it.effect("single focus holds when two coaches start a cycle at once", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, store } = setup()
      const start = (cycleId: string, coachId: string) => ({ _tag: "StartCycle", cycleId, by: coachId, teacherId: "t-ada", coachId })
      // Each attempt yields between load and append, so the two interleave and one must conflict.
      const slow = Journeys.make(
        { ...store, loadJourney: (id: string) => Effect.tap(store.loadJourney(id), () => Effect.yieldNow) },
        { checkActionStep: Granularity.acceptAll }
      )
      const results = yield* Effect.all(
        [slow.execute("t-ada", start("cycle-a", "c-1")), slow.execute("t-ada", start("cycle-b", "c-2"))].map(Effect.exit),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Exit.isSuccess)).toHaveLength(1)
      expect(failure(results.find(Exit.isFailure)!)).toMatchObject({ _tag: "OpenCycleExists" })
      const journey = yield* journeys.load("t-ada")
      expect(journey.version).toBe(1)
      expect(Cycle.openCycle(journey)).toBeDefined()
    }))

  it.effect("is provided as a layer over the store in context", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const layer = Journeys.layer({ checkActionStep: Granularity.acceptAll }).pipe(
        Layer.provide(Layer.sync(Store.CoachingStore, () => Store.make(testPrimitives())))
      )
      const executed = yield* Effect.gen(function*() {
        const journeys = yield* Journeys.Journeys
        return yield* journeys.execute("t-ada", Demo.cycleCommands(due)[0])
      }).pipe(Effect.provide(layer))
      expect(executed.journey.version).toBe(1)
    }))
})
