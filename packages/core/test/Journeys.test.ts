import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Option } from "effect"
import { TestClock } from "effect/testing"
import { Access, Cycle, Demo, Export, Granularity, Ids, Journeys, Memory, Store, Transfer } from "../src/index.js"
import { reflectionJson, storeWith, testPrimitives } from "./store-support.js"
import { person, relationship } from "./support.js"

const t0 = Date.parse("2026-03-02T09:00:00.000Z")
const due = "2026-03-09"
const coach = Access.principal("coach", "c-grace")
const teacher = Access.principal("teacher", "t-ada")

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

/** The demo people plus a second teacher, a second coach of Ada, a former coach, a coach of nobody, a lead and an admin. */
const school = {
  people: [
    ...Demo.records().people,
    person("t-bob", "teacher"),
    person("c-new", "coach"),
    person("c-former", "coach"),
    person("c-other", "coach"),
    person("l-lead", "lead"),
    person("a-it", "admin")
  ],
  relationships: [
    ...Demo.records().relationships,
    relationship("rel-new", "c-new", "t-ada", { since: "2026-03-05" as never }),
    relationship("rel-former", "c-former", "t-ada", { status: "ended", until: "2026-03-03" as never }),
    relationship("rel-bob", "c-other", "t-bob")
  ]
}

describe("Journeys: commands", () => {
  it.effect("runs the demo cycle end to end with the effect Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = yield* storeWith()
      let last: Journeys.Executed | undefined
      for (const command of Demo.cycleCommands(due)) {
        last = yield* journeys.execute(coach, "t-ada", command)
        yield* TestClock.adjust("1 hour")
      }
      expect(last!.version).toBe(7)
      expect(last!.journey.cycles[0]!.stage).toBe("Secured")
      expect(last!.events.map((e) => e._tag)).toEqual(["FollowUpRecorded"])
      const loaded = yield* journeys.load(teacher, "t-ada")
      expect(loaded.journey).toEqual(last!.journey)
      expect(loaded.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(loaded.journey.cycles[0]!.startedAt).toBe("2026-03-02T09:00:00.000Z")
      expect(primitives.raw.index(Ids.journeyStreamId("t-ada" as Ids.PersonId))).toMatchObject({
        teacherId: "t-ada",
        coachId: "c-grace",
        open: false,
        followUpDue: undefined
      })
    }))

  it.effect("returns the decider's typed error and appends nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = yield* storeWith()
      const [start, , , , step] = Demo.cycleCommands(due)
      yield* journeys.executeUnknown(coach, "t-ada", start)
      const error = failure(yield* Effect.exit(journeys.executeUnknown(coach, "t-ada", step)))
      expect(error).toMatchObject({ _tag: "StageMismatch", code: "LEVERAGE_POINT_MISSING" })
      const invalid = failure(yield* Effect.exit(journeys.executeUnknown(coach, "t-ada", { _tag: "Nope" })))
      expect(invalid).toMatchObject({ _tag: "InvalidCommand", code: "INVALID_COMMAND" })
      const badTeacher = failure(yield* Effect.exit(journeys.executeUnknown(coach, "t ada", start)))
      expect(badTeacher).toMatchObject({ _tag: "InvalidInput", code: "INVALID_ID", path: "teacherId" })
      expect(primitives.calls.append).toBe(1)
    }))

  it.effect("uses the injected granularity checker (core has none of its own)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const strict = () => ({ granular: false, score: 0.1, findings: [{ code: "TOO_BROAD", message: "Too broad.", span: [0, 1] as const }], suggestions: [] })
      const { store } = yield* storeWith()
      const journeys = Journeys.make(store, { checkActionStep: strict as unknown as Granularity.Checker })
      const commands = Demo.cycleCommands(due)
      for (const command of commands.slice(0, 4)) yield* journeys.execute(coach, "t-ada", command)
      const error = failure(yield* Effect.exit(journeys.execute(coach, "t-ada", commands[4]!)))
      expect(error).toMatchObject({ _tag: "NotGranular", findings: ["TOO_BROAD"] })
    }))

  it.effect("refuses a StartCycle for another teacher than the journey addressed", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = yield* storeWith(school)
      // c-grace coaches Ada only: sent to Bob's journey, the rights refuse it before the rules see it
      expect(failure(yield* Effect.exit(journeys.execute(coach, "t-bob", Demo.cycleCommands(due)[0]!)))).toMatchObject({ code: "ACCESS_DENIED" })
      // c-other coaches Bob; a StartCycle naming Ada sent to Bob's journey is a teacher mismatch
      const other = Access.principal("coach", "c-other")
      const error = failure(yield* Effect.exit(journeys.executeUnknown(other, "t-bob", { ...Demo.cycleCommands(due)[0]!, by: "c-other", coachId: "c-other" })))
      expect(error).toMatchObject({ _tag: "PeopleMismatch", code: "TEACHER_MISMATCH" })
      expect(primitives.calls.append).toBe(0)
    }))

  it.effect("reloads and decides again after a conflict", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys, primitives } = yield* storeWith()
      const commands = Demo.cycleCommands(due)
      yield* journeys.execute(coach, "t-ada", commands[0]!)
      // Another writer records a reflection between our load and our append, once.
      let injected = false
      primitives.beforeAppend = (request) => {
        if (injected) return
        injected = true
        primitives.raw.append(request.streamId, [reflectionJson("r-1")], request.index)
      }
      const result = yield* journeys.execute(coach, "t-ada", commands[1]!)
      expect(primitives.calls.append).toBe(3)
      expect(result.version).toBe(3)
      expect(result.journey.cycles[0]!.reflections).toHaveLength(1)
      expect(result.journey.cycles[0]!.visits).toHaveLength(1)
    }))

  it.effect("gives up with VersionConflict after maxAttempts", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { store, primitives } = yield* storeWith()
      const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll, maxAttempts: 3 })
      let n = 0
      primitives.beforeAppend = (request) => primitives.raw.append(request.streamId, [reflectionJson(`r-${n++}`, "2026-03-01T09:00:00.000Z", undefined)], request.index)
      const error = failure(yield* Effect.exit(journeys.execute(coach, "t-ada", Demo.cycleCommands(due)[0]!)))
      expect(error).toMatchObject({ _tag: "VersionConflict", code: "VERSION_CONFLICT" })
      expect(primitives.calls.append).toBe(3)
    }))

  it.effect("single focus holds when two coaches start a cycle at once", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-03-06T09:00:00.000Z"))
      const { store } = yield* storeWith(school)
      const start = (cycleId: string, coachId: string) => ({ _tag: "StartCycle", cycleId, by: coachId, teacherId: "t-ada", coachId })
      // Each attempt yields between load and append, so the two interleave and one must conflict.
      const slow = Journeys.make(
        { ...store, readStream: (id, options) => Effect.tap(store.readStream(id, options), () => Effect.yieldNow) },
        { checkActionStep: Granularity.acceptAll }
      )
      const results = yield* Effect.all(
        [slow.executeUnknown(coach, "t-ada", start("cycle-a", "c-grace")), slow.executeUnknown(Access.principal("coach", "c-new"), "t-ada", start("cycle-b", "c-new"))].map(Effect.exit),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Exit.isSuccess)).toHaveLength(1)
      expect(failure(results.find(Exit.isFailure)!)).toMatchObject({ _tag: "OpenCycleExists" })
      const view = yield* slow.load(teacher, "t-ada")
      expect(view.journey.version).toBe(1)
      expect(Cycle.openCycle(view.journey)).toBeDefined()
    }))

  it.effect("is provided as a layer over the store in context", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const layer = Journeys.layer({ checkActionStep: Granularity.acceptAll }).pipe(Layer.provideMerge(Memory.layer))
      const executed = yield* Effect.gen(function*() {
        const store = yield* Store.CoachingStore
        for (const p of Demo.records().people) yield* store.records("person").put(p)
        for (const r of Demo.records().relationships) yield* store.records("relationship").put(r)
        const journeys = yield* Journeys.Journeys
        return yield* journeys.execute(coach, "t-ada", Demo.cycleCommands(due)[0]!)
      }).pipe(Effect.provide(layer))
      expect(executed.version).toBe(1)
    }))

  it.effect("a journey never written loads as the teacher's empty journey; a bad teacher id is INVALID_ID", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const { journeys } = yield* storeWith()
      const view = yield* journeys.load(teacher, "t-ada")
      expect(view).toEqual({ teacherId: "t-ada", version: 0, journey: Cycle.emptyJourney("t-ada" as Ids.PersonId), events: [] })
      for (const id of ["", "semi;colon", "nul\u0000", "../../etc/passwd"]) {
        expect(failure(yield* Effect.exit(journeys.load(teacher, id)))).toMatchObject({ code: "INVALID_ID", path: "teacherId" })
      }
    }))

  it("indexOf follows the journey: open with a due date while practising, closed after securing", () => {
    expect(Journeys.indexOf(Cycle.initialState)).toEqual({ teacherId: undefined, coachId: undefined, open: false, followUpDue: undefined })
    expect(Journeys.indexOf(Cycle.emptyJourney("t-1" as Ids.PersonId))).toEqual({ teacherId: "t-1", coachId: undefined, open: false, followUpDue: undefined })
  })
})

describe("Journeys: the issue's reproduction — the store accepts only what its export accepts", () => {
  it.effect("a StartCycle on a store with no people is refused and writes nothing; the export stays valid", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t0)
      const primitives = testPrimitives()
      const store = Store.make(primitives)
      const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll })
      const error = failure(yield* Effect.exit(journeys.execute(coach, "t-ada", Demo.cycleCommands(due)[0]!)))
      expect(error).toMatchObject({ _tag: "AccessDenied", code: "ACCESS_DENIED" })
      expect(primitives.calls.append).toBe(0)
      // the coach registered, the teacher not: the rules refuse the cycle
      yield* store.records("person").put(Demo.records().people[1]!)
      yield* store.records("relationship").put(Demo.records().relationships[0]!)
      const unknown = failure(yield* Effect.exit(journeys.execute(coach, "t-ada", Demo.cycleCommands(due)[0]!)))
      expect(unknown).toMatchObject({ code: "UNKNOWN_PERSON" })
      expect(primitives.calls.append).toBe(0)
      expect((yield* Transfer.exportDocument(store)).journeys).toEqual([])
      // registered, the cycle is recorded, and the store's export is valid
      yield* store.records("person").put(Demo.records().people[0]!)
      yield* journeys.execute(coach, "t-ada", Demo.cycleCommands(due)[0]!)
      expect(Export.validate(yield* Transfer.exportDocument(store))).toEqual({ valid: true, violations: [] })
    }))
})

describe("Journeys: rights on commands", () => {
  const setup = Effect.gen(function*() {
    yield* TestClock.setTime(Date.parse("2026-03-06T09:00:00.000Z"))
    return yield* storeWith(school)
  })

  it.effect("a principal records only as themselves, and only as a registered person in that role", () =>
    Effect.gen(function*() {
      const { journeys, primitives } = yield* setup
      const start = Demo.cycleCommands(due)[0]
      const asOther = failure(yield* Effect.exit(journeys.executeUnknown(Access.principal("coach", "c-new"), "t-ada", start)))
      expect(asOther).toMatchObject({ code: "ACCESS_DENIED", message: expect.stringContaining("cannot record as c-grace") })
      const unregistered = failure(yield* Effect.exit(journeys.executeUnknown(Access.principal("coach", "c-ghost"), "t-ada", { ...start, by: "c-ghost" })))
      expect(unregistered).toMatchObject({ code: "ACCESS_DENIED", message: expect.stringContaining("not registered") })
      const wrongRole = failure(yield* Effect.exit(journeys.executeUnknown(Access.principal("lead", "c-grace"), "t-ada", start)))
      expect(wrongRole).toMatchObject({ code: "ACCESS_DENIED" })
      expect(primitives.calls.append).toBe(0)
    }))

  it.effect("leads and admins never write a journey; a coach writes only while coaching the teacher", () =>
    Effect.gen(function*() {
      const { journeys, primitives } = yield* setup
      const start = (by: string) => ({ ...Demo.cycleCommands(due)[0]!, by, coachId: by })
      for (const [role, id] of [["lead", "l-lead"], ["admin", "a-it"], ["coach", "c-other"], ["coach", "c-former"]] as const) {
        const error = failure(yield* Effect.exit(journeys.execute(Access.principal(role, id), "t-ada", start(id))))
        expect(error, `${role} ${id}`).toMatchObject({ _tag: "AccessDenied", code: "ACCESS_DENIED" })
      }
      // a teacher writes reflections and proposals on their own journey only
      const reflect = (by: string) => ({ _tag: "AddReflection", by, reflection: { id: `r-${by}`, text: "Thinking about my questions." } })
      expect(failure(yield* Effect.exit(journeys.executeUnknown(Access.principal("teacher", "t-bob"), "t-ada", reflect("t-bob"))))).toMatchObject({ code: "ACCESS_DENIED" })
      expect(failure(yield* Effect.exit(journeys.execute(teacher, "t-ada", start("t-ada"))))).toMatchObject({ code: "ACCESS_DENIED" })
      expect(primitives.calls.append).toBe(0)
      const own = yield* journeys.executeUnknown(teacher, "t-ada", reflect("t-ada"))
      expect(own.events.map((e) => e._tag)).toEqual(["ReflectionAdded"])
    }))
})

describe("Journeys: rights on reads", () => {
  /** Ada's journey: a cycle with c-former (ended 2026-03-03), then one with c-grace; reflections on each and on the journey. */
  const setup = Effect.gen(function*() {
    const { journeys, store } = yield* storeWith(school)
    const former = Access.principal("coach", "c-former")
    yield* TestClock.setTime(Date.parse("2026-03-02T09:00:00.000Z"))
    yield* journeys.execute(former, "t-ada", { _tag: "StartCycle", cycleId: "old", by: "c-former", teacherId: "t-ada", coachId: "c-former" })
    yield* journeys.execute(teacher, "t-ada", { _tag: "AddReflection", cycleId: "old", by: "t-ada", reflection: { id: "r-old", text: "With my first coach." } })
    yield* TestClock.setTime(Date.parse("2026-03-04T09:00:00.000Z"))
    yield* journeys.execute(teacher, "t-ada", { _tag: "AddReflection", cycleId: "old", by: "t-ada", reflection: { id: "r-old-late", text: "Looking back on it." } })
    yield* journeys.execute(coach, "t-ada", { _tag: "CloseCycle", cycleId: "old", by: "c-grace", reason: "Coach changed." })
    yield* journeys.execute(coach, "t-ada", { ...Demo.cycleCommands(due)[0]!, cycleId: "now" })
    yield* journeys.execute(teacher, "t-ada", { _tag: "AddReflection", cycleId: "now", by: "t-ada", reflection: { id: "r-now", text: "With Grace." } })
    yield* journeys.execute(teacher, "t-ada", { _tag: "AddReflection", by: "t-ada", reflection: { id: "r-journey", text: "My year so far." } })
    return { journeys, store }
  })
  const tags = (view: Journeys.JourneyView) => view.events.map(({ event }) => (event._tag === "ReflectionAdded" ? event.reflection.id : `${event._tag}:${event.cycleId}`))

  it.effect("the teacher reads all of it", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      const view = yield* journeys.load(teacher, "t-ada")
      expect(tags(view)).toEqual(["CycleStarted:old", "r-old", "r-old-late", "CycleClosed:old", "CycleStarted:now", "r-now", "r-journey"])
      expect(view.journey.reflections).toHaveLength(1)
    }))

  it.effect("the current coach reads the record but not the reflections on another coach's cycle", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      expect(tags(yield* journeys.load(coach, "t-ada"))).toEqual(["CycleStarted:old", "CycleClosed:old", "CycleStarted:now", "r-now", "r-journey"])
    }))

  it.effect("a coach whose relationship ended sees nothing after its last day", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      const view = yield* journeys.load(Access.principal("coach", "c-former"), "t-ada")
      expect(tags(view)).toEqual(["CycleStarted:old", "r-old"])
      expect(view.journey.cycles.map((c) => c.stage)).toEqual(["Observing"])
    }))

  it.effect("another teacher, a coach of someone else, a lead and an admin read nothing", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      for (const principal of [
        Access.principal("teacher", "t-bob"),
        Access.principal("coach", "c-other"),
        Access.principal("lead", "l-lead"),
        Access.principal("admin", "a-it"),
        Access.principal("teacher", "c-grace") // registered, but not as a teacher
      ]) {
        expect(failure(yield* Effect.exit(journeys.load(principal, "t-ada"))), principal.personId).toMatchObject({ _tag: "AccessDenied", code: "ACCESS_DENIED" })
      }
    }))

  it.effect("what a command returns is the sender's view, not the whole record", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      const executed = yield* journeys.execute(coach, "t-ada", { ...Demo.cycleCommands(due)[1]!, cycleId: "now" })
      const ids = executed.journey.cycles.flatMap((c) => c.reflections.map((r) => r.reflection.id))
      expect(ids).toEqual(["r-now"])
      expect(Option.isSome(Option.fromNullishOr(executed.journey.cycles.find((c) => c.id === "now")))).toBe(true)
    }))
})
