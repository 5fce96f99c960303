/**
 * How `decide` reads what it cannot trust (issue 19: survivors of the mutation run of `Cycle.ts`'s
 * safe reading): a command is copied 64 levels deep, its getters read once, with the path of the
 * one that throws; a value that is not a plain object (a class instance) is read as it is; a
 * cycle or a deeper value is left to the schema; the people lookup, the playbooks and the journey
 * are checked, and each failure is a typed error with its own sentence, never an exception.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, type Ids, type People, type Playbook } from "../src/index.js"
import { coachId, contextAt, demo, demoUpTo, T0, teacherId, testDirectory } from "./support.js"

const start = demo[0] as Record<string, unknown>
const context = contextAt(T0)
const fresh = Cycle.initialState

/** `decide` must answer, not throw: the decision, or the test fails on the exception. */
const decideSafely = (journey: unknown, command: unknown, ctx: Cycle.Context = context): Cycle.Decision => {
  let decision: Cycle.Decision | undefined
  expect(() => (decision = Cycle.decide(journey as Cycle.Journey, command, ctx))).not.toThrow()
  return decision!
}
const failureOf = (decision: Cycle.Decision) => {
  if (Result.isSuccess(decision)) throw new Error(`expected a refusal, got ${decision.success.map((e) => e._tag).join(", ")}`)
  return { code: decision.failure.code, message: decision.failure.message, ...("path" in decision.failure ? { path: decision.failure.path } : {}) }
}
const tagsOf = (decision: Cycle.Decision) => {
  if (Result.isFailure(decision)) throw new Error(`expected events, got ${decision.failure.code}: ${decision.failure.message}`)
  return decision.success.map((e) => e._tag)
}

const broke = () => {
  throw new Error("deep broke")
}
/** `levels` objects nested under `a`, the innermost with a getter `a` that throws; and the path of that getter below the top. */
const objectChain = (levels: number): { value: unknown; below: string } => {
  let value: unknown = Object.defineProperty({}, "a", { enumerable: true, get: broke })
  for (let i = 1; i < levels; i++) value = { a: value }
  return { value, below: ".a".repeat(levels) }
}
/** The same with arrays: `levels` arrays nested at index 0, the innermost with a throwing element 0. */
const arrayChain = (levels: number): { value: unknown; below: string } => {
  let value: unknown = Object.defineProperty([undefined], 0, { enumerable: true, get: broke })
  for (let i = 1; i < levels; i++) value = [value]
  return { value, below: "[0]".repeat(levels) }
}

const missingTag =
  "Invalid command at $: Expected an object whose _tag is one of StartCycle, RecordVisit, IdentifyLeveragePoint, ProposeLeveragePoint, AgreeActionStep, ProposeActionStep, AgreeProposal, HoldFeedbackMeeting, Calibrate, HoldPracticeSession, RecordFollowUp, ExtendTimeline, AddReflection, CloseCycle (the _tag is missing or unknown)"

describe("reading a command from outside", () => {
  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", "StartCycle"]
  ])("a command that is %s is refused by the schema at $ (not reported as unreadable)", (_, command) => {
    expect(failureOf(decideSafely(fresh, command))).toEqual({ code: "INVALID_COMMAND", path: "$", message: missingTag })
  })

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 7],
    ["a date", new Date(T0)]
  ])("a field that is %s is refused by the schema at its path with what it expected", (_, follows) => {
    expect(failureOf(decideSafely(fresh, { ...start, follows }))).toEqual({ code: "INVALID_COMMAND", path: "$.follows", message: "Invalid command at $.follows: Expected string" })
  })

  it.each([
    ["objects", objectChain],
    ["arrays", arrayChain]
  ])("a command is read 64 levels deep (%s): a getter that throws within is named at its path; deeper, the value is left to the schema", (_, chain) => {
    for (const levels of [1, 63, 64]) {
      const { value, below } = chain(levels)
      const path = `$.extra${below}`
      expect(failureOf(decideSafely(fresh, { ...start, extra: value }))).toEqual({ code: "INVALID_COMMAND", path, message: `The command could not be read at ${path}: deep broke` })
    }
    const { value } = chain(65)
    expect(failureOf(decideSafely(fresh, { ...start, extra: value }))).toEqual({
      code: "INVALID_COMMAND",
      path: "$.extra",
      message: "Invalid command at $.extra: Unknown field (not part of the format)"
    })
  })

  it.each([
    ["an object that holds itself", () => {
      const command: Record<string, unknown> = { ...start }
      command["self"] = command
      return { command, at: "$.self" }
    }],
    ["an array that holds itself", () => {
      const loop: Array<unknown> = []
      loop.push(loop)
      return { command: { ...start, loop }, at: "$.loop" }
    }]
  ])("a command with a cycle (%s) is refused at the unknown field, without overflowing the stack", (_, make) => {
    const { command, at } = make()
    expect(failureOf(decideSafely(fresh, command))).toEqual({ code: "INVALID_COMMAND", path: at, message: `Invalid command at ${at}: Unknown field (not part of the format)` })
  })

  it("a revoked proxy, at the top or inside, is INVALID_COMMAND at its path with the engine's words", () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    const words = "Cannot perform 'IsArray' on a proxy that has been revoked"
    expect(failureOf(decideSafely(fresh, proxy))).toEqual({ code: "INVALID_COMMAND", path: "$", message: `The command could not be read at $: ${words}` })
    expect(failureOf(decideSafely(fresh, { ...start, group: proxy }))).toEqual({ code: "INVALID_COMMAND", path: "$.group", message: `The command could not be read at $.group: ${words}` })
    expect(failureOf(decideSafely(fresh, { ...start, extra: [1, proxy] }))).toEqual({
      code: "INVALID_COMMAND",
      path: "$.extra[1]",
      message: `The command could not be read at $.extra[1]: ${words}`
    })
  })

  it("a proxy whose traps throw is INVALID_COMMAND at $ with the trap's words", () => {
    const trap = () => {
      throw new Error("trap")
    }
    const proxy = new Proxy({}, { get: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap })
    expect(failureOf(decideSafely(fresh, proxy))).toEqual({ code: "INVALID_COMMAND", path: "$", message: "The command could not be read at $: trap" })
  })

  it("an object without a prototype is read like a plain one: accepted when well formed, a throwing getter named at its path", () => {
    const bare = Object.assign(Object.create(null) as object, start)
    expect(tagsOf(decideSafely(fresh, bare))).toEqual(["CycleStarted"])
    const throwing = Object.create(null) as object
    for (const [key, value] of Object.entries(start)) {
      Object.defineProperty(throwing, key, { enumerable: true, get: key === "by" ? () => { throw new Error("by broke") } : () => value })
    }
    expect(failureOf(decideSafely(fresh, throwing))).toEqual({ code: "INVALID_COMMAND", path: "$.by", message: "The command could not be read at $.by: by broke" })
  })

  it("a class instance is read as it is, getters on its prototype included; one that throws there is INVALID_COMMAND at $ with its words", () => {
    class Start {
      get _tag() {
        return "StartCycle"
      }
    }
    const instance = Object.assign(new Start(), { cycleId: start["cycleId"], by: start["by"], teacherId: start["teacherId"], coachId: start["coachId"] })
    expect(tagsOf(decideSafely(fresh, instance))).toEqual(["CycleStarted"])
    for (const thrown of [new Error("tag broke"), "tag broke"]) {
      class Broken {
        get _tag(): string {
          throw thrown
        }
      }
      const broken = Object.assign(new Broken(), { cycleId: start["cycleId"], by: start["by"], teacherId: start["teacherId"], coachId: start["coachId"] })
      expect(failureOf(decideSafely(fresh, broken))).toEqual({ code: "INVALID_COMMAND", path: "$", message: "The command could not be read: tag broke" })
    }
  })
})

describe("the journey", () => {
  const notAJourney = "The journey is not a journey (make one with Cycle.emptyJourney or Cycle.replay)."
  it.each([
    ["null", null],
    ["a string", "journey"],
    ["an object without lists", {}],
    ["cycles that are not a list", { cycles: "no", reflections: [] }],
    ["reflections that are not a list", { cycles: [], reflections: "no" }],
    ["a function carrying both lists", Object.assign(() => undefined, { cycles: [], reflections: [] })]
  ])("a journey that is %s is CONTEXT_UNREADABLE, saying it is not a journey", (_, journey) => {
    expect(failureOf(decideSafely(journey, start))).toEqual({ code: "CONTEXT_UNREADABLE", message: notAJourney })
  })

  it("a journey whose lists cannot be read is CONTEXT_UNREADABLE with the getter's words", () => {
    const journey = Object.defineProperty({ reflections: [] }, "cycles", { enumerable: true, get: () => { throw new Error("cycles broke") } })
    expect(failureOf(decideSafely(journey, start))).toEqual({ code: "CONTEXT_UNREADABLE", message: "The journey or the context could not be read: cycles broke" })
  })
})

describe("the people lookup", () => {
  const lookup = (over: Partial<Record<keyof People.Directory, unknown>>): People.Directory =>
    ({ person: (id: Ids.PersonId) => testDirectory.person(id), relationshipsOf: (id: Ids.PersonId) => testDirectory.relationshipsOf(id), ...over }) as People.Directory
  const withPeople = (people: unknown): Cycle.Context => ({ ...context, people: people as People.Directory })

  it("the lookup through functions of its own (not People.directory) records as usual", () => {
    expect(tagsOf(decideSafely(fresh, start, withPeople(lookup({}))))).toEqual(["CycleStarted"])
  })

  it.each([
    ["no people at all", undefined],
    ["no person lookup", { relationshipsOf: testDirectory.relationshipsOf }],
    ["no relationship lookup", { person: testDirectory.person }],
    ["lookups that are not functions", { person: "t-ada", relationshipsOf: [] }]
  ])("a context with %s is LOOKUP_UNAVAILABLE", (_, people) => {
    expect(failureOf(decideSafely(fresh, start, withPeople(people)))).toEqual({
      code: "LOOKUP_UNAVAILABLE",
      message: "The context has no people lookup (context.people, a People.Directory); the rules cannot check who is recording."
    })
  })

  it("a person lookup that throws is LOOKUP_FAILED naming who was looked up, with the lookup's words", () => {
    for (const thrown of [new Error("directory down"), "directory down"]) {
      const people = lookup({ person: () => { throw thrown } })
      expect(failureOf(decideSafely(fresh, start, withPeople(people)))).toEqual({
        code: "LOOKUP_FAILED",
        message: `The people lookup failed while looking up ${coachId}: directory down`
      })
    }
  })

  it.each([
    ["null", null],
    ["an id", "c-grace"],
    ["a number", 42],
    ["a person without roles", { id: "c-grace", name: "Grace" }],
    ["a person whose roles are not a list", { id: "c-grace", name: "Grace", roles: "coach" }],
    ["a person whose id is not a string", { id: 42, name: "Grace", roles: ["coach"] }],
    ["a function carrying a person's fields", Object.assign(() => undefined, { id: "c-grace", roles: ["coach"] })]
  ])("a person lookup that returns %s is LOOKUP_FAILED naming who was looked up", (_, found) => {
    const people = lookup({ person: (id: Ids.PersonId) => (id === coachId ? found : testDirectory.person(id)) })
    expect(failureOf(decideSafely(fresh, start, withPeople(people)))).toEqual({
      code: "LOOKUP_FAILED",
      message: `The people lookup returned something unexpected while looking up ${coachId}.`
    })
  })

  it("the teacher looked up is named too when it is their lookup that fails", () => {
    const people = lookup({ person: (id: Ids.PersonId) => (id === teacherId ? { id } : testDirectory.person(id)) })
    expect(failureOf(decideSafely(fresh, start, withPeople(people)))).toEqual({
      code: "LOOKUP_FAILED",
      message: `The people lookup returned something unexpected while looking up ${teacherId}.`
    })
  })

  it("a relationship lookup that throws is LOOKUP_FAILED naming whose relationships, with the lookup's words", () => {
    const people = lookup({ relationshipsOf: () => { throw new Error("relationships down") } })
    expect(failureOf(decideSafely(fresh, start, withPeople(people)))).toEqual({
      code: "LOOKUP_FAILED",
      message: `The people lookup failed while listing the relationships of ${teacherId}: relationships down`
    })
  })

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a relationship instead of a list", { id: "rel-1" }],
    ["a string", "rel-1"]
  ])("a relationship lookup that returns %s is LOOKUP_FAILED naming whose relationships", (_, found) => {
    const people = lookup({ relationshipsOf: () => found })
    expect(failureOf(decideSafely(fresh, start, withPeople(people)))).toEqual({
      code: "LOOKUP_FAILED",
      message: `The people lookup returned something unexpected while listing the relationships of ${teacherId}.`
    })
  })
})

describe("the playbooks", () => {
  const playbook = (id: string, techniqueId: string): Playbook.Playbook => ({
    id: id as never,
    name: id,
    strands: [{ area: "questioning", title: "Q", techniques: [{ id: techniqueId as never, title: "T", description: "A technique." }] }]
  })
  const { journey, nextAt } = demoUpTo(3)
  const identify = (playbooks: ReadonlyArray<Playbook.Playbook>) => decideSafely(journey, demo[3], { ...contextAt(nextAt), playbooks })

  it("a technique in any one of several playbooks is known", () => {
    expect(tagsOf(identify([playbook("ours", "turn-and-talk"), playbook("theirs", "wait-time")]))).toEqual(["LeveragePointIdentified"])
    expect(tagsOf(identify([playbook("theirs", "wait-time"), playbook("ours", "turn-and-talk")]))).toEqual(["LeveragePointIdentified"])
  })

  it.each([
    [["ours"], "ours"],
    [["ours", "theirs"], "ours, theirs"],
    [["ours", "theirs", "school"], "ours, theirs, school"]
  ])("a technique in none of the playbooks %j is UNKNOWN_TECHNIQUE, listing them", (ids, listed) => {
    expect(failureOf(identify(ids.map((id) => playbook(id, "turn-and-talk"))))).toEqual({
      code: "UNKNOWN_TECHNIQUE",
      message: `Technique wait-time is not in the programme's playbooks (${listed}).`
    })
  })
})
