/**
 * The compiled guards must be sound — `true` only for values the Schema decodes — and, with
 * `plainData`, `true` only when `JSON.stringify` of the value is the decoded value's JSON (the
 * store's append writes the event's own JSON when its guard accepts it). Filters effect
 * describes are compiled to direct predicates: they must give the filter's own verdict.
 */
import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import fc from "fast-check"
import { Events, Guard, Store } from "../src/index.js"
import { demo, run, RUNS } from "./support.js"

const strict = { onExcessProperty: "error" } as const
const decodeEvent = Schema.decodeUnknownResult(Events.JourneyEvent)
const plainGuard = Guard.compile(Events.JourneyEvent, { plainData: true })
const jsonGuard = Guard.compile(Events.JourneyEvent)

/** The guards' claims about `value`: sound, and (plain) its own JSON is the decoded JSON. */
const agrees = (value: unknown): void => {
  const decoded = decodeEvent(value, strict)
  if (plainGuard(value)) {
    expect(Result.isSuccess(decoded)).toBe(true)
    expect(JSON.stringify(value)).toBe(JSON.stringify(Result.getOrThrow(decoded)))
  }
  // The JSON guard is for what JSON.parse returns: check it on the variant's JSON text, parsed.
  const text = JSON.stringify(value)
  if (text !== undefined) {
    const parsed: unknown = JSON.parse(text)
    if (jsonGuard(parsed)) expect(Result.isSuccess(decodeEvent(parsed, strict))).toBe(true)
  }
}

/** Every variant of an event a caller might hand the store: reordered, extended, hidden, classed. */
const variants = (event: Record<string, unknown>): Array<unknown> => {
  const keys = Object.keys(event)
  const reversed = Object.fromEntries([...keys].reverse().map((k) => [k, event[k]]))
  const withSymbol = { ...event, [Symbol("x")]: 1 }
  const hidden = { ...event }
  Object.defineProperty(hidden, keys[keys.length - 1]!, { value: event[keys[keys.length - 1]!], enumerable: false })
  const hiddenExtra = { ...event }
  Object.defineProperty(hiddenExtra, "cycleId", { value: "c-hidden", enumerable: false })
  class Boxed {
    constructor(fields: Record<string, unknown>) {
      Object.assign(this, fields)
    }
    toJSON() {
      return { _tag: "something else" }
    }
  }
  const nullProto = Object.assign(Object.create(null), event)
  const inherited = Object.create({ inheritedField: 1 })
  Object.assign(inherited, event)
  return [event, reversed, withSymbol, hidden, hiddenExtra, new Boxed(event), nullProto, inherited, { ...event, extra: 1 }, structuredClone(event)]
}

const demoEvents: ReadonlyArray<Events.JourneyEvent> = run(demo).events

describe("Guard: compiled acceptance checks", () => {
  it.prop("plain and JSON guards are sound on generated events and their variants", [Events.JourneyEvent], ([event]) => {
    const decoded = Result.getOrThrow(decodeEvent(event, strict)) as unknown as Record<string, unknown>
    // Worth having: the decoded (canonical) form of every event is accepted as plain data.
    expect(plainGuard(decoded)).toBe(true)
    expect(jsonGuard(JSON.parse(JSON.stringify(decoded)))).toBe(true)
    for (const variant of variants(decoded)) agrees(variant)
  }, { arbitrary: { runs: Math.min(300, RUNS) } })

  it("the demo journey's events are accepted as plain data, and a bad one is not", () => {
    for (const event of demoEvents) expect(plainGuard(event)).toBe(true)
    const [first] = demoEvents
    expect(plainGuard({ ...first, at: "2026-02-30T09:00:00.000Z" })).toBe(false)
    expect(plainGuard({ ...first, by: "" })).toBe(false)
  })

  const filters: ReadonlyArray<[string, Schema.Top, fc.Arbitrary<unknown>]> = [
    ["isBetweenCodePoints(1, 5)", Schema.String.check(Schema.isBetweenCodePoints(1, 5)), fc.string({ unit: "binary", maxLength: 12 })],
    ["isBetweenCodePoints(2, 3)", Schema.String.check(Schema.isBetweenCodePoints(2, 3)), fc.string({ unit: "grapheme-composite", maxLength: 6 })],
    ["isMaxCodePoints(4)", Schema.String.check(Schema.isMaxCodePoints(4)), fc.string({ unit: "binary", maxLength: 10 })],
    ["isMinCodePoints(3)", Schema.String.check(Schema.isMinCodePoints(3)), fc.string({ unit: "binary", maxLength: 8 })],
    ["isPattern", Schema.String.check(Schema.isPattern(/^[a-c]{1,3}$/)), fc.stringMatching(/^[a-d]{0,4}$/)],
    ["isInt", Schema.Number.check(Schema.isInt()), fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, 2 ** 53, -0, Infinity))],
    ["isBetween(1, 600)", Schema.Number.check(Schema.isBetween({ minimum: 1, maximum: 600 })), fc.oneof(fc.double(), fc.constantFrom(NaN, 1, 600, 0.999, 600.001))],
    ["isGreaterThanOrEqualTo(0)", Schema.Number.check(Schema.isGreaterThanOrEqualTo(0)), fc.oneof(fc.double(), fc.constantFrom(NaN, -0, 0, -1e-300))]
  ]
  for (const [name, schema, values] of filters) {
    it(`${name}: the compiled predicate gives the filter's own verdict`, () => {
      const guard = Guard.compile(schema)
      const is = Schema.is(schema)
      fc.assert(fc.property(values, (value) => guard(value) === is(value)), { numRuns: RUNS })
    })
  }

  it("the store stores the same bytes whichever way an event is checked", () => {
    // The fast path (plain data, guard) and the decode path (a reordered copy) write the same JSON.
    for (const event of demoEvents) {
      const reordered = Object.fromEntries(Object.entries(event).reverse())
      const fast = Store.validateEvents([event])
      const slow = Store.validateEvents([reordered])
      expect(JSON.stringify(Result.getOrThrow(slow)[0])).toBe(JSON.stringify(event))
      expect(JSON.stringify(Result.getOrThrow(fast)[0])).toBe(JSON.stringify(event))
    }
  })
})
