/**
 * Export validation re-decides every recorded event and compares the event the rules produce with
 * the one recorded (issue 19: survivors of the mutation run of `Cycle.ts`'s `same` and
 * `differenceAt`). The recorded event must be the decided one as a JSON value — keys in any order,
 * a field holding `undefined` being no field — and a difference is `EVENT_NOT_AS_DECIDED` at the
 * first path where the two differ: a value of another kind (or a list of another length) at its
 * own path, else inside it, lists by index, objects by key.
 *
 * An agreed proposal is the natural case: the rules copy the proposed leverage point into the
 * agreement, so whatever the recorded agreement says differently is a difference.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Cycle, type Events, Export, People, Policy } from "../src/index.js"
import { coachId, cycleId, demo, records, run, RUNS, teacherId } from "./support.js"

const context: Cycle.CheckContext = { policy: Policy.defaultPolicy, people: People.directory(records) }
const proposedPoint = (demo[3] as unknown as { leveragePoint: Events.EventOf<"LeveragePointProposed">["leveragePoint"] }).leveragePoint
const propose = { _tag: "ProposeLeveragePoint", cycleId, by: teacherId, proposalId: "p-1", leveragePoint: proposedPoint }
const agree = { _tag: "AgreeProposal", cycleId, by: coachId, proposalId: "p-1" }
/** Started, two visits, the teacher's proposal, the coach's agreement. */
const log = run([...demo.slice(0, 3), propose, agree])
const before = log.events.slice(0, -1)
const proposal = before.at(-1) as Events.EventOf<"LeveragePointProposed">
const agreed = log.events.at(-1) as Events.EventOf<"LeveragePointIdentified">
const [v1, v2] = proposedPoint.evidence

/** `Cycle.check`'s verdict on a recorded agreement (after `journey`), as plain data. */
const verdict = (recorded: unknown, journey: Cycle.Journey = Cycle.replay(before)) => {
  const error = Cycle.check(journey, recorded as Events.JourneyEvent, context)
  return error === undefined ? undefined : { code: error.code, path: (error as { path?: string }).path, message: error.message }
}
/** `EVENT_NOT_AS_DECIDED` at `path`, with its sentence (the path without its leading dot). */
const differsAt = (path: string) => ({
  code: "EVENT_NOT_AS_DECIDED",
  path,
  message: `The recorded event differs from what the rules produce from it at ${path.slice(1)} (an agreed proposal records exactly what was proposed, and who proposed it).`
})
/** The recorded agreement with its leverage point changed by `over`. */
const agreedWith = (over: Record<string, unknown>) => ({ ...agreed, leveragePoint: { ...agreed.leveragePoint, ...over } })

describe("the recorded event is the decided one, compared as JSON", () => {
  it("the agreement as the rules decide it, or a copy with its keys in another order, is no difference", () => {
    expect(verdict(agreed)).toBeUndefined()
    expect(verdict(structuredClone(agreed))).toBeUndefined()
    const reversed = Object.fromEntries(Object.entries({ ...agreed, leveragePoint: Object.fromEntries(Object.entries(agreed.leveragePoint).reverse()) }).reverse())
    expect(Object.keys(reversed)[0]).not.toBe(Object.keys(agreed)[0])
    expect(verdict(reversed)).toBeUndefined()
    // a field holding undefined is no field
    expect(verdict({ ...agreed, note: undefined })).toBeUndefined()
    expect(verdict(agreedWith({ calibration: undefined }))).toBeUndefined()
  })

  it.each<[string, ReadonlyArray<unknown>, string | undefined]>([
    ["the same visits", [v1, v2], undefined],
    ["one visit fewer", [v1], ".leveragePoint.evidence"],
    ["no visit", [], ".leveragePoint.evidence"],
    ["one visit more", [v1, v2, v1], ".leveragePoint.evidence"],
    ["an undefined (JSON's null) more", [v1, v2, undefined], ".leveragePoint.evidence"],
    ["the visits swapped", [v2, v1], ".leveragePoint.evidence[0]"],
    ["another second visit", [v1, "visit-3"], ".leveragePoint.evidence[1]"]
  ])("an agreed leverage point's evidence recorded as %s: a list of another length differs as a whole, else at its first differing visit", (_, evidence, path) => {
    expect(verdict(agreedWith({ evidence }))).toStrictEqual(path === undefined ? undefined : differsAt(path))
  })

  it.each<[string, unknown, string]>([
    ["null", null, ".leveragePoint"],
    ["a string", proposedPoint.text, ".leveragePoint"],
    ["a number", 5, ".leveragePoint"],
    ["a list", [], ".leveragePoint"],
    ["a list of its own values", Object.values(proposedPoint), ".leveragePoint"],
    ["an empty object", {}, ".leveragePoint.text"]
  ])("a leverage point recorded as %s differs at the first place it is not the proposed one", (_, leveragePoint, path) => {
    expect(verdict({ ...agreed, leveragePoint })).toStrictEqual(differsAt(path))
  })

  it("a field the recorded event adds or leaves out is a difference at that field", () => {
    expect(verdict({ ...agreed, note: "Edited afterwards." })).toStrictEqual(differsAt(".note"))
    expect(verdict({ ...agreed, note: {} })).toStrictEqual(differsAt(".note"))
    expect(verdict(agreedWith({ calibration: { reviewedBy: ["c-new"] } }))).toStrictEqual(differsAt(".leveragePoint.calibration"))
    expect(verdict(agreedWith({ area: "questioning", note: 0 }))).toStrictEqual(differsAt(".leveragePoint.note"))
    const { proposedBy: _proposedBy, ...unclaimed } = agreed
    expect(verdict(unclaimed)).toStrictEqual(differsAt(".proposedBy"))
    const { leveragePoint: { techniqueId: _techniqueId, ...withoutTechnique } } = agreed
    expect(verdict({ ...agreed, leveragePoint: withoutTechnique })).toStrictEqual(differsAt(".leveragePoint.techniqueId"))
  })

  it("through Export.validate, the difference is named inside the recorded event, with its sentence", () => {
    const json = JSON.parse(Export.encode(Export.make({ people: records.people, relationships: records.relationships, journeys: [{ teacherId, events: log.events }] })))
    expect(Export.validate(json)).toStrictEqual({ valid: true, violations: [] })
    const at = log.events.length - 1
    json.journeys[0].events[at].leveragePoint.evidence = [v1, "visit-3"]
    const { message } = differsAt(".leveragePoint.evidence[1]")
    expect(Export.validate(json)).toStrictEqual({
      valid: false,
      violations: [{ path: `$.journeys[0].events[${at}].leveragePoint.evidence[1]`, code: "EVENT_NOT_AS_DECIDED", message }]
    })
    json.journeys[0].events[at].leveragePoint.evidence = [v1]
    expect(Export.validate(json).violations.map((v) => v.path)).toEqual([`$.journeys[0].events[${at}].leveragePoint.evidence`])
  })
})

describe("what a proposal carries beyond its schema is recorded exactly too, value by value", () => {
  /**
   * The journey after a proposal whose leverage point carries `note: proposed` (as an in-memory
   * caller may hold it), and the agreement recorded with `note: recorded` in its place.
   */
  const agreementOf = (proposed: unknown, recorded: unknown) => {
    const leveragePoint = { ...proposal.leveragePoint, note: proposed }
    const journey = Cycle.replay([...before.slice(0, -1), { ...proposal, leveragePoint } as Events.JourneyEvent])
    return verdict({ ...agreed, leveragePoint: { ...leveragePoint, note: recorded } }, journey)
  }

  it.each<[string, unknown, unknown, string | undefined]>([
    ["an empty object, recorded as 0", {}, 0, ".leveragePoint.note"],
    ["an empty object, recorded as an empty string", {}, "", ".leveragePoint.note"],
    ["an empty object, recorded as false", {}, false, ".leveragePoint.note"],
    ["an empty object, recorded as an empty list", {}, [], ".leveragePoint.note"],
    ["an empty object, recorded as null", {}, null, ".leveragePoint.note"],
    ["null, recorded as an empty object", null, {}, ".leveragePoint.note"],
    ["null, recorded as 0", null, 0, ".leveragePoint.note"],
    ["0, recorded as an empty object", 0, {}, ".leveragePoint.note"],
    ["0, recorded as 1", 0, 1, ".leveragePoint.note"],
    ["true, recorded as false", true, false, ".leveragePoint.note"],
    ["an empty string, recorded as an empty object", "", {}, ".leveragePoint.note"],
    ["an empty list, recorded as an empty object", [], {}, ".leveragePoint.note"],
    ["an empty list, recorded as a list of undefined", [], [undefined], ".leveragePoint.note"],
    ["a field holding undefined, recorded as another field", { gone: undefined }, { other: 1 }, ".leveragePoint.note.other"],
    ["two fields holding undefined, recorded as two others", { gone: undefined, lost: undefined }, { other: 1, more: 2 }, ".leveragePoint.note.other"],
    ["an empty object, recorded as another empty object", {}, {}, undefined],
    ["a field holding undefined, recorded as no field", { gone: undefined }, {}, undefined],
    ["no field, recorded as a field holding undefined", {}, { gone: undefined }, undefined],
    ["0, recorded as -0 (JSON writes both as 0)", 0, -0, undefined],
    ["nested values, recorded with their keys in another order", { a: 1, b: [1, { c: 2, d: [] }] }, { b: [1, { d: [], c: 2 }], a: 1 }, undefined],
    ["nested values, recorded with one changed deep inside", { a: 1, b: [1, { c: 2, d: [] }] }, { a: 1, b: [1, { c: 2, d: [0] }] }, ".leveragePoint.note.b[1].d"],
    ["nested values, recorded with a field more deep inside", { a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 2, e: "x" }] }, ".leveragePoint.note.b[1].e"]
  ])("proposed as %s", (_, proposed, recorded, path) => {
    expect(agreementOf(proposed, recorded)).toStrictEqual(path === undefined ? undefined : differsAt(path))
  })

  type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
  /** Every place in a JSON value, with its path (`.key`, `[i]`), the value itself first. */
  const places = (value: Json, path = ""): Array<readonly [string, Json]> => [
    [path, value],
    ...(Array.isArray(value)
      ? value.flatMap((v: Json, i: number) => places(v, `${path}[${i}]`))
      : typeof value === "object" && value !== null
      ? Object.entries(value).flatMap(([k, v]) => places(v, `${path}.${k}`))
      : [])
  ]
  /** The value with the place at `path` replaced by one of another kind (so it differs exactly there). */
  const changedAt = (value: Json, target: string, path = ""): Json => {
    if (path === target) return typeof value === "object" && value !== null ? "changed" : { changed: value }
    if (Array.isArray(value)) return value.map((v: Json, i: number) => changedAt(v, target, `${path}[${i}]`))
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, changedAt(v, target, `${path}.${k}`)]))
    return value
  }
  /** The value with every object's keys in reverse order. */
  const reordered = (value: Json): Json =>
    Array.isArray(value)
      ? value.map(reordered)
      : typeof value === "object" && value !== null
      ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]))
      : value
  const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>

  it("a value recorded as a copy with its keys in any order is no difference; one changed at a single place differs exactly there", () => {
    fc.assert(
      fc.property(json, fc.nat(), fc.boolean(), (value, pick, changeRecorded) => {
        expect(agreementOf(value, reordered(value))).toBeUndefined()
        const all = places(value)
        const [at] = all[pick % all.length]!
        const changed = changedAt(value, at)
        const path = `.leveragePoint.note${at}`
        expect(changeRecorded ? agreementOf(value, changed) : agreementOf(changed, value)).toStrictEqual(differsAt(path))
      }),
      { numRuns: RUNS }
    )
  })
})
