/**
 * What an app embedding the library writes: typed commands in plain strings (and the `unknown`
 * entry point for JavaScript and HTTP), records put with plain strings, the field table read
 * from the Schemas, today's date, id constructors, and the relationship between a coach and a
 * teacher.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Option } from "effect"
import { TestClock } from "effect/testing"
import { Access, Commands, Cycle, Granularity, Ids, Journeys, Memory, Store, Time } from "../src/index.js"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

/** A memory store with the command service, a coach, a teacher and their relationship, put with plain strings. */
const school = Effect.gen(function*() {
  yield* TestClock.setTime(Date.parse("2026-11-23T09:00:00.000Z"))
  const store = Memory.make()
  yield* store.records("person").put({ id: "c-grace", name: "Grace", roles: ["coach"], areas: ["questioning"] })
  yield* store.records("person").put({ id: "t-ada", name: "Ada", roles: ["teacher"] })
  yield* store.records("relationship").put({ id: "rel-1", coachId: "c-grace", teacherId: "t-ada", style: "directive", status: "active", since: "2025-09-01" })
  return { store, journeys: Journeys.make(store, { checkActionStep: Granularity.acceptAll }) }
})

describe("typed commands", () => {
  it("a misspelt or missing field does not compile; a decoded Command is an Input", () => {
    const start: Commands.InputOf<"StartCycle"> = { _tag: "StartCycle", cycleId: "cycle-1", by: "c-grace", teacherId: "t-ada", coachId: "c-grace" }
    // @ts-expect-error coachID is not a field of StartCycle
    const misspelt: Commands.Input = { _tag: "StartCycle", cycleId: "cycle-1", by: "c-grace", teacherId: "t-ada", coachID: "c-grace" }
    // @ts-expect-error a follow-up needs its outcome
    const missing: Commands.Input = { _tag: "RecordFollowUp", cycleId: "cycle-1", by: "c-grace", followUp: { minutes: 10, evidence: "Saw it." } }
    const decoded: Commands.Command = Cycle.parseCommand(start).pipe((r) => (r._tag === "Success" ? r.success : start as never))
    const asInput: Commands.Input = decoded
    expect([misspelt._tag, missing._tag, asInput._tag]).toEqual(["StartCycle", "RecordFollowUp", "StartCycle"])
  })

  it.effect("execute takes plain strings; executeUnknown takes anything and names the bad field", () =>
    Effect.gen(function*() {
      const { journeys } = yield* school
      const coach = Access.principal("coach", "c-grace")
      const done = yield* journeys.execute(coach, "t-ada", { _tag: "StartCycle", cycleId: "cycle-1", by: "c-grace", teacherId: "t-ada", coachId: "c-grace" })
      expect(done.events.map((e) => e._tag)).toEqual(["CycleStarted"])
      const fromJson: unknown = JSON.parse('{"_tag":"RecordVisit","cycleId":"cycle-1","by":"c-grace","visit":{"id":"v1","minutes":0}}')
      expect(failure(yield* Effect.exit(journeys.executeUnknown(coach, "t-ada", fromJson)))).toMatchObject({ code: "INVALID_COMMAND", path: "$.visit.minutes" })
      const view = yield* journeys.load(coach, "t-ada")
      expect(view.version).toBe(1)
    }))
})

describe("the field table", () => {
  it("lists every command and every field of its Schema, nested fields as paths", () => {
    expect(Commands.tags).toHaveLength(14)
    const meeting = Commands.fields("HoldFeedbackMeeting").map((f) => f.path)
    expect(meeting).toContain("meeting.reps[].feedback")
    expect(meeting).toContain("agreeStep.actionStep.override.reason")
    expect(Commands.fields("AddReflection")).toContainEqual({ path: "cycleId", type: "a cycle id (1–128 letters, digits, _ . : -)", required: false })
    expect(Commands.fields("RecordFollowUp")).toContainEqual({ path: "followUp.outcome", type: 'one of `"secured"`, `"partly"`, `"not-yet"`, `"not-seen"`', required: true })
    for (const tag of Commands.tags) expect(Commands.markdown()).toContain(`### \`${tag}\``)
  })
})

describe("small helpers", () => {
  it("Time.today is the UTC day of now (or of the instant given); not an instant throws", () => {
    expect(Time.today(Date.parse("2026-11-23T23:59:59.999Z"))).toBe("2026-11-23")
    expect(Time.today()).toBe(new Date().toISOString().slice(0, 10))
    expect(() => Time.today(Number.NaN)).toThrow(RangeError)
  })

  it("id constructors take plain strings and throw a sentence for a string that is not an id", () => {
    const id: Ids.PersonId = Ids.person("t-ada")
    expect(id).toBe("t-ada")
    expect(Ids.cycle("cycle-1")).toBe("cycle-1")
    expect(() => Ids.relationship("rel 1")).toThrow('"rel 1" is not a relationship id: 1–128 letters, digits, _ . : - starting with a letter or digit.')
    expect(() => Ids.person("")).toThrow(TypeError)
  })

  it.effect("relationshipBetween: the one active today, else the latest; None for strangers; bad ids are INVALID_ID", () =>
    Effect.gen(function*() {
      const { store } = yield* school
      const found = yield* Store.relationshipBetween(store, "c-grace", "t-ada")
      expect(Option.map(found, (r) => r.id)).toEqual(Option.some("rel-1"))
      yield* store.records("relationship").put({ id: "rel-0", coachId: "c-grace", teacherId: "t-ada", style: "facilitative", status: "ended", since: "2024-09-01", until: "2025-07-20" })
      yield* store.records("relationship").put({ id: "rel-x", coachId: "c-other", teacherId: "t-ada", style: "directive", status: "active", since: "2026-01-01" })
      expect(Option.map(yield* Store.relationshipBetween(store, "c-grace", "t-ada"), (r) => r.id)).toEqual(Option.some("rel-1"))
      expect(Option.map(yield* Store.relationshipBetween(store, "c-grace", "t-ada", { on: "2025-01-10" }), (r) => r.id)).toEqual(Option.some("rel-0"))
      yield* store.records("relationship").put({ id: "rel-1", coachId: "c-grace", teacherId: "t-ada", style: "directive", status: "ended", since: "2025-09-01", until: "2026-10-01" })
      expect(Option.map(yield* Store.relationshipBetween(store, "c-grace", "t-ada"), (r) => r.id)).toEqual(Option.some("rel-1"))
      expect(yield* Store.relationshipBetween(store, "c-grace", "t-bob")).toEqual(Option.none())
      expect(failure(yield* Effect.exit(Store.relationshipBetween(store, "c grace", "t-ada")))).toMatchObject({ code: "INVALID_ID", path: "coachId" })
      expect(failure(yield* Effect.exit(Store.relationshipBetween(store, "c-grace", "t-ada", { on: "2026-02-30" })))).toMatchObject({ code: "INVALID_QUERY", path: "on" })
    }))
})
