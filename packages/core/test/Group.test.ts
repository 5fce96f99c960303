/**
 * Group cycles through the command service: one coach, several teachers, one shared leverage
 * point and step, one group meeting in which each teacher rehearses, a follow-up per teacher.
 * Each teacher's journey stays the unit of consistency (docs/decisions/0005-group-cycles.md).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { TestClock } from "effect/testing"
import { Access, type Commands, Demo, Export, type Journeys, Transfer } from "../src/index.js"
import { storeWith } from "./store-support.js"
import { person, relationship } from "./support.js"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const coach = Access.principal("coach", "c-grace")
const school = {
  people: [...Demo.records().people, person("t-bob", "teacher"), person("c-new", "coach")],
  relationships: [...Demo.records().relationships, relationship("rel-bob", "c-grace", "t-bob")]
}
const group = { id: "g-ect", teacherIds: ["t-ada", "t-bob"] } as const
const base = { cycleId: "g1", by: "c-grace" }
const visit = (id: string): Commands.InputOf<"RecordVisit"> => ({ _tag: "RecordVisit", ...base, visit: { id, minutes: 15, context: "Y7 maths", evidence: ["First hand up after a second."], strengths: ["Calm start."], candidates: [] } })
const point: Commands.InputOf<"IdentifyLeveragePoint"> = { _tag: "IdentifyLeveragePoint", ...base, leveragePoint: { text: "Students get no thinking time after a question.", evidence: ["v-ada", "v-bob"], area: "questioning" } }
const step: Commands.InputOf<"AgreeActionStep"> = { _tag: "AgreeActionStep", ...base, actionStep: { id: "s1", text: "Pose the question, pause five seconds, then name a student.", whyItWorks: "Everyone thinks first." } }
const meeting: Commands.InputOf<"HoldFeedbackMeeting"> = {
  _tag: "HoldFeedbackMeeting",
  ...base,
  meeting: {
    minutes: 25,
    style: "directive",
    parts: { praise: "p", probe: "q", problemAndStep: "s", practise: "r", planAhead: "a", timeline: "t" },
    reps: [{ feedback: "Slower." }],
    whereUsed: "Next lesson",
    followUpDue: "2026-03-16"
  }
}
const reps = (n: number, who: string) => Array.from({ length: n }, (_, i) => ({ feedback: `${who}, rep ${i + 1}: hold the pause.` }))

/** The group up to its meeting: started, one visit each, the shared point and step, the group meeting. */
const setup = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2026-03-09T09:00:00.000Z"))
  const { journeys, primitives, store } = yield* storeWith(school)
  const started = yield* journeys.executeGroup(coach, "t-ada", { _tag: "StartCycle", ...base, teacherId: "t-ada", coachId: "c-grace", group })
  yield* journeys.execute(coach, "t-ada", visit("v-ada"))
  yield* journeys.execute(coach, "t-bob", visit("v-bob"))
  return { journeys, primitives, store, started }
})

describe("group cycles", () => {
  it.effect("one start records the group cycle in every member's journey", () =>
    Effect.gen(function*() {
      const { journeys, started } = yield* setup
      expect(started.map((e) => e.events[0]!._tag)).toEqual(["CycleStarted", "CycleStarted"])
      for (const teacherId of ["t-ada", "t-bob"]) {
        const view = yield* journeys.load(Access.principal("teacher", teacherId), teacherId)
        expect(view.journey.cycles[0]!.group).toEqual(group)
      }
    }))

  it.effect("the shared leverage point cites each teacher's own visit; the meeting records each teacher's own reps", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      yield* journeys.executeGroup(coach, "t-bob", point)
      yield* journeys.executeGroup(coach, "t-ada", step)
      const held = yield* journeys.executeGroup(coach, "t-ada", meeting, { repsByTeacher: { "t-ada": reps(8, "Ada"), "t-bob": reps(7, "Bob") } })
      expect(held.map((e) => e.journey.cycles[0]!.stage)).toEqual(["Practising", "Practising"])
      const ada = (yield* journeys.load(Access.principal("teacher", "t-ada"), "t-ada")).journey.cycles[0]!
      const bob = (yield* journeys.load(Access.principal("teacher", "t-bob"), "t-bob")).journey.cycles[0]!
      expect(ada.leveragePoint!.leveragePoint.evidence).toEqual(["v-ada"])
      expect(bob.leveragePoint!.leveragePoint.evidence).toEqual(["v-bob"])
      expect(ada.meetings[0]!.meeting.reps).toHaveLength(8)
      expect(bob.meetings[0]!.meeting.reps).toHaveLength(7)
      // then a follow-up per teacher: one secured, one practising again
      const followUp = (outcome: "secured" | "partly"): Commands.InputOf<"RecordFollowUp"> => ({ _tag: "RecordFollowUp", ...base, followUp: { minutes: 10, evidence: "Saw the first ten minutes.", outcome } })
      yield* TestClock.adjust("7 days")
      yield* journeys.execute(coach, "t-ada", followUp("secured"))
      yield* journeys.execute(coach, "t-bob", followUp("partly"))
      expect((yield* journeys.load(coach, "t-ada")).journey.cycles[0]!.stage).toBe("Secured")
      expect((yield* journeys.load(coach, "t-bob")).journey.cycles[0]!.stage).toBe("Replanning")
    }))

  it.effect("all members or none: one member's rule breaks the command for the whole group", () =>
    Effect.gen(function*() {
      const { journeys, primitives } = yield* setup
      const before = primitives.raw.events("journey-t-ada").length
      const onlyAda = { ...point, leveragePoint: { ...point.leveragePoint, evidence: ["v-ada"] } } // Bob's journey has no cited visit
      expect(failure(yield* Effect.exit(journeys.executeGroup(coach, "t-ada", onlyAda)))).toMatchObject({ code: "LEVERAGE_POINT_WITHOUT_EVIDENCE" })
      expect(primitives.raw.events("journey-t-ada")).toHaveLength(before)
    }))

  it.effect("before the meeting the focus is shared: one member's own leverage point is refused", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      const own = { ...point, leveragePoint: { ...point.leveragePoint, evidence: ["v-ada"], text: "Only Ada's." } }
      expect(failure(yield* Effect.exit(journeys.execute(coach, "t-ada", own)))).toMatchObject({ code: "INVALID_GROUP" })
      expect(failure(yield* Effect.exit(journeys.executeGroup(coach, "t-ada", visit("v-2"))))).toMatchObject({ code: "INVALID_GROUP" })
    }))

  it.effect("single focus per teacher; reflections stay per teacher", () =>
    Effect.gen(function*() {
      const { journeys } = yield* setup
      const another: Commands.Input = { _tag: "StartCycle", cycleId: "solo", by: "c-grace", teacherId: "t-ada", coachId: "c-grace" }
      expect(failure(yield* Effect.exit(journeys.execute(coach, "t-ada", another)))).toMatchObject({ code: "OPEN_CYCLE_EXISTS" })
      yield* journeys.execute(Access.principal("teacher", "t-bob"), "t-bob", { _tag: "AddReflection", cycleId: "g1", by: "t-bob", reflection: { id: "r-bob", text: "Pausing felt long." } })
      const ada = yield* journeys.load(Access.principal("teacher", "t-ada"), "t-ada")
      expect(ada.events.some(({ event }) => event._tag === "ReflectionAdded")).toBe(false)
      const denied = failure(yield* Effect.exit(journeys.load(Access.principal("teacher", "t-ada"), "t-bob")))
      expect(denied).toMatchObject({ code: "ACCESS_DENIED" })
    }))

  it.effect("the export validates; a member's leverage point edited apart from the group's is GROUP_DIVERGED", () =>
    Effect.gen(function*() {
      const { journeys, store } = yield* setup
      yield* journeys.executeGroup(coach, "t-ada", point)
      const doc = yield* Transfer.exportDocument(store)
      expect(Export.validate(doc)).toEqual({ valid: true, violations: [] })
      const json = JSON.parse(Export.encode(doc))
      const bob = json.journeys.find((j: { teacherId: string }) => j.teacherId === "t-bob")
      bob.events.find((e: { _tag: string }) => e._tag === "LeveragePointIdentified").leveragePoint.text = "Something only Bob works on."
      expect(Export.validate(json).violations.map((v) => v.code)).toEqual(["GROUP_DIVERGED"])
    }))

  it.effect("the same group may run a second cycle with a new focus: the shared focus is per group cycle, and the export validates", () =>
    Effect.gen(function*() {
      const { journeys, store } = yield* setup
      yield* journeys.executeGroup(coach, "t-ada", point)
      yield* journeys.executeGroup(coach, "t-ada", { _tag: "CloseCycle", ...base, reason: "The department moves on to behaviour." })
      const next = { ...base, cycleId: "g2" }
      yield* journeys.executeGroup(coach, "t-ada", { _tag: "StartCycle", ...next, teacherId: "t-ada", coachId: "c-grace", group })
      yield* journeys.execute(coach, "t-ada", { ...visit("v-ada-2"), cycleId: "g2" })
      yield* journeys.execute(coach, "t-bob", { ...visit("v-bob-2"), cycleId: "g2" })
      yield* journeys.executeGroup(coach, "t-ada", { _tag: "IdentifyLeveragePoint", ...next, leveragePoint: { text: "Transitions between tasks take three minutes.", evidence: ["v-ada-2", "v-bob-2"], area: "behaviour" } })
      const doc = yield* Transfer.exportDocument(store)
      expect(Export.validate(doc)).toEqual({ valid: true, violations: [] })
      // one member's second cycle edited apart is still caught, naming that cycle
      const json = JSON.parse(Export.encode(doc))
      const bob = json.journeys.find((j: { teacherId: string }) => j.teacherId === "t-bob")
      bob.events.filter((e: { _tag: string }) => e._tag === "LeveragePointIdentified")[1].leveragePoint.text = "Something only Bob works on."
      expect(Export.validate(json).violations).toEqual([
        { path: "$.journeys[1].teacherId", code: "GROUP_DIVERGED", message: "Group g-ect's cycle g2 differs from t-ada's in its leverage point: a group cycle has one shared focus." }
      ])
    }))

  it.effect("executeGroup results are each teacher's own view", () =>
    Effect.gen(function*() {
      const { started } = yield* setup
      expect(started.map((e: Journeys.Executed) => e.journey.teacherId)).toEqual(["t-ada", "t-bob"])
    }))
})
