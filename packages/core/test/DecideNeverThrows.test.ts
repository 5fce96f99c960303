/**
 * Issue 17, class 6: `decide` never throws. Whatever a JavaScript caller hands it — a command
 * whose getters or proxy traps throw, a checker that throws, returns junk or has a throwing
 * `version`, a context whose parts throw or are missing, no journey — the answer is a typed
 * error (`INVALID_COMMAND`, `CHECKER_FAILED`, `CONTEXT_UNREADABLE`, …), never an exception.
 */
import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import fc from "fast-check"
import { Cycle, Demo, Granularity, type Ids, People, Policy } from "../src/index.js"
import { RUNS } from "./support.js"

const directory = People.directory(Demo.records())
const T0 = Date.parse("2026-03-02T09:00:00.000Z")
const context: Cycle.Context = { policy: Policy.defaultPolicy, clock: () => T0, checkActionStep: Granularity.acceptAll, people: directory }
const commands = Demo.cycleCommands("2026-03-09")

/** The journey just before command `i` of the demo cycle (each decided an hour after the last). */
const journeyBefore = (i: number): Cycle.Journey => {
  let journey = Cycle.emptyJourney("t-ada" as Ids.PersonId)
  for (let k = 0; k < i; k++) {
    const decision = Cycle.decide(journey, commands[k], { ...context, clock: () => T0 + k * 3_600_000 })
    if (Result.isFailure(decision)) throw new Error(decision.failure.message)
    for (const event of decision.success) journey = Cycle.evolve(journey, event)
  }
  return journey
}

/** Every path to a property of a plain value, with the path's keys. */
const pathsOf = (value: unknown, prefix: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  if (typeof value !== "object" || value === null) return []
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k])])
}

/** A copy of `value` whose property at `path` is a getter that throws. */
const withThrowingGetter = (value: unknown, path: ReadonlyArray<string | number>): unknown => {
  const copy = structuredClone(value) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  Object.defineProperty(parent, path.at(-1)!, { enumerable: true, get: () => { throw new Error("a getter failed") } })
  return copy
}

const decideSafely = (journey: unknown, command: unknown, ctx: unknown) => {
  let decision: Cycle.Decision | undefined
  expect(() => (decision = Cycle.decide(journey as Cycle.Journey, command, ctx as Cycle.Context))).not.toThrow()
  return decision!
}

describe("class 6: decide never throws", () => {
  it(`a command with a throwing getter at any path is INVALID_COMMAND at that path, with the getter's own words (${RUNS} runs)`, () => {
    const cases = commands.flatMap((command, i) => pathsOf(command).map((path) => ({ i, path })))
    expect(cases.length).toBeGreaterThan(40)
    fc.assert(
      fc.property(fc.constantFrom(...cases), ({ i, path }) => {
        const decision = decideSafely(journeyBefore(i), withThrowingGetter(commands[i], path), context)
        expect(Result.isFailure(decision)).toBe(true)
        if (Result.isSuccess(decision)) return
        const at = `$${path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("")}`
        expect(decision.failure).toMatchObject({ code: "INVALID_COMMAND", path: at, message: `The command could not be read at ${at}: a getter failed` })
      }),
      { numRuns: Math.min(RUNS, cases.length * 4) }
    )
  })

  it("a proxy whose traps throw is INVALID_COMMAND", () => {
    const trap = () => {
      throw new Error("trap")
    }
    const proxy = new Proxy({}, { get: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap })
    expect(decideSafely(journeyBefore(0), proxy, context)).toMatchObject({ failure: { code: "INVALID_COMMAND", path: "$" } })
  })

  it("a checker that throws, returns junk or has a throwing version getter: CHECKER_FAILED or no version, never an exception", () => {
    const agree = commands.findIndex((c) => c._tag === "AgreeActionStep")
    const journey = journeyBefore(agree)
    const context_ = { ...context, clock: () => T0 + agree * 3_600_000 }
    const junk: Array<unknown> = [undefined, null, 42, "granular", {}, { granular: "yes", score: 2, findings: [], suggestions: [] }, { granular: true, score: Number.NaN, findings: [], suggestions: [] }]
    const throwing = () => {
      throw new Error("the checker broke")
    }
    expect(decideSafely(journey, commands[agree], { ...context_, checkActionStep: throwing })).toMatchObject({
      failure: { code: "CHECKER_FAILED", message: "The granularity checker failed: the checker broke" }
    })
    for (const value of junk) {
      expect(decideSafely(journey, commands[agree], { ...context_, checkActionStep: () => value })).toMatchObject({ failure: { code: "CHECKER_FAILED" } })
    }
    const badVersion = Object.defineProperty((text: string) => Granularity.acceptAll(text), "version", { get: () => { throw new Error("no version") } })
    const decision = decideSafely(journey, commands[agree], { ...context_, checkActionStep: badVersion })
    expect(Result.isSuccess(decision)).toBe(true)
    if (Result.isSuccess(decision)) expect(decision.success[0]).not.toHaveProperty("actionStep.granularity.checker")
    const named = Object.assign((text: string) => Granularity.acceptAll(text), { version: "test-checker 1" })
    const stamped = decideSafely(journey, commands[agree], { ...context_, checkActionStep: named })
    if (Result.isSuccess(stamped)) expect(stamped.success[0]).toMatchObject({ actionStep: { granularity: { checker: "test-checker 1" } } })
  })

  it("a context whose parts throw, are missing or are junk, and a missing journey: CONTEXT_UNREADABLE", () => {
    const journey = journeyBefore(0)
    const throwing = (key: string) =>
      Object.defineProperty({ ...context }, key, { enumerable: true, get: () => { throw new Error(`${key} broke`) } })
    for (const key of ["policy", "people", "checkActionStep", "playbooks"]) {
      expect(decideSafely(journey, commands[0], throwing(key))).toMatchObject({ failure: { code: "CONTEXT_UNREADABLE", message: `The journey or the context could not be read: ${key} broke` } })
    }
    expect(decideSafely(journey, commands[0], throwing("clock"))).toMatchObject({ failure: { code: "INVALID_CLOCK" } })
    for (const ctx of [null, undefined, 42, { ...context, policy: {} }, { ...context, policy: null }]) {
      expect(decideSafely(journey, commands[0], ctx)).toMatchObject({ failure: { code: "CONTEXT_UNREADABLE" } })
    }
    for (const j of [null, undefined, {}, { cycles: "no" }]) {
      expect(decideSafely(j, commands[0], context)).toMatchObject({ failure: { code: "CONTEXT_UNREADABLE" } })
    }
    expect(decideSafely(journey, commands[0], { ...context, people: {} })).toMatchObject({ failure: { code: "LOOKUP_UNAVAILABLE" } })
  })
})
