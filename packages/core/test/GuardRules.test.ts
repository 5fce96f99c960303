/**
 * The rules of the compiled guards, one Schema feature at a time. Soundness: a guard answers `true`
 * only for values the Schema decodes as they are (strict: no excess properties) and, with
 * `plainData`, only for plain data whose JSON is the decoded value's. Completeness where the
 * contract promises it: well-formed plain data of the features the compiler knows is accepted.
 * Each case states the exact answer of both guards (plain, JSON) and checks every `true` against
 * the Schema.
 */
import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import fc from "fast-check"
import { Guard } from "../src/index.js"
import { forged, RUNS } from "./support.js"

const strict = { onExcessProperty: "error" } as const
const decodes = (schema: Schema.Top, value: unknown): boolean =>
  Result.isSuccess(Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>)(value, strict))

type Case = readonly [label: string, value: unknown, plain: boolean, json: boolean]

/** Both guards give exactly the stated answers, and every `true` is a value the Schema decodes. */
const expectCases = (schema: Schema.Top, cases: ReadonlyArray<Case>): void => {
  const plain = Guard.compile(schema, { plainData: true })
  const json = Guard.compile(schema)
  for (const [label, value, p, j] of cases) {
    expect({ label, plain: plain(value), json: json(value) }).toEqual({ label, plain: p, json: j })
    if (p || j) expect({ label, decodes: decodes(schema, value) }).toEqual({ label, decodes: true })
    if (p) expect({ label, json: JSON.stringify(value) }).toEqual({ label, json: JSON.stringify(Schema.decodeUnknownSync(schema as Schema.Codec<unknown, unknown>)(value)) })
  }
}

class Point {
  constructor(readonly x: number) {}
}
class Bare {}
class MyArray<T> extends Array<T> {}

describe("Guard rules", () => {
  it("primitives and literals: each accepts its own kind only", () => {
    expectCases(Schema.String, [["string", "s", true, true], ["number", 1, false, false], ["null", null, false, false]])
    expectCases(Schema.Number, [["number", 1.5, true, true], ["string", "1", false, false], ["undefined", undefined, false, false]])
    expectCases(Schema.Boolean, [["false", false, true, true], ["true", true, true, true], ["0", 0, false, false], ["string", "true", false, false]])
    expectCases(Schema.Null, [["null", null, true, true], ["undefined", undefined, false, false], ["0", 0, false, false]])
    expectCases(Schema.Literal("a"), [["a", "a", true, true], ["b", "b", false, false], ["undefined", undefined, false, false]])
    expectCases(Schema.Literal(1), [["1", 1, true, true], ["'1'", "1", false, false]])
  })

  it("node kinds the compiler does not know answer false, never throw", () => {
    for (const schema of [Schema.Undefined, Schema.Unknown, Schema.Symbol] as ReadonlyArray<Schema.Top>) {
      const guard = Guard.compile(schema)
      for (const value of [undefined, null, 5, "s", {}, Symbol("x")]) expect(guard(value)).toBe(false)
    }
    // A Record (index signatures) and a transformation are not compiled either.
    expect(Guard.compile(Schema.Record(Schema.String, Schema.Number))({ a: 1 })).toBe(false)
    expect(Guard.compile(Schema.Struct({ a: Schema.Number.check(Schema.isInt()) }))({ a: 1 })).toBe(true)
  })

  it("structs: declared keys, required and optional, values checked, no extra keys", () => {
    const S = Schema.Struct({ a: Schema.String, b: Schema.optionalKey(Schema.Number), c: Schema.Boolean })
    expectCases(S, [
      ["all in order", { a: "x", b: 1, c: true }, true, true],
      ["optional left out", { a: "x", c: false }, true, true],
      ["reordered", { c: true, a: "x" }, false, true],
      ["reordered with optional", { b: 1, a: "x", c: true }, false, true],
      ["required missing in the middle", { a: "x" , b: 1 }, false, false],
      ["required skipped before a later key", { b: 1, c: true }, false, false],
      ["last required missing", { a: "x", b: 2 }, false, false],
      ["first required missing", { c: true }, false, false],
      ["bad value", { a: 1, c: true }, false, false],
      ["bad optional value", { a: "x", b: "1", c: true }, false, false],
      ["bad last value", { a: "x", c: "true" }, false, false],
      ["extra key", { a: "x", c: true, d: 1 }, false, false],
      ["extra key first", { d: 1, a: "x", c: true }, false, false],
      ["null", null, false, false],
      ["array", ["x", true], false, false],
      ["string", "x", false, false],
      ["class instance", Object.assign(new Bare(), { a: "x", c: true }), false, true],
      ["class instance with an extra field", Object.assign(new Point(1), { a: "x", c: true }), false, false],
      ["null prototype", Object.assign(Object.create(null), { a: "x", c: true }), true, true],
      ["inherited extra key", Object.assign(Object.create({ d: 1 }), { a: "x", c: true }), false, true]
    ])
    const hidden = { a: "x", c: true }
    Object.defineProperty(hidden, "b", { value: 1, enumerable: false })
    expectCases(S, [["non-enumerable optional field", hidden, false, true]])
    // JSON.parse makes no symbol keys; plain data with one is refused (the decode sees it).
    expect(Guard.compile(S, { plainData: true })({ a: "x", c: true, [Symbol("s")]: 1 })).toBe(false)
  })

  it("plain data: an enumerable key inherited from Object.prototype is refused, never taken for the rest", () => {
    const S = Schema.Struct({ a: Schema.String, c: Schema.Boolean })
    const plain = Guard.compile(S, { plainData: true })
    Object.defineProperty(Object.prototype, "zz", { value: 1, enumerable: true, configurable: true, writable: true })
    try {
      // for-in reaches the inherited key after the own ones: here before `c` was ever seen.
      expect(plain({ a: "x" })).toBe(false)
      expect(plain({ a: "x", c: true })).toBe(false)
    } finally {
      delete (Object.prototype as Record<string, unknown>)["zz"]
    }
    expect(plain({ a: "x", c: true })).toBe(true)
  })

  it("a struct with a symbol key is not compiled (false)", () => {
    const sym = Symbol("s")
    const S = Schema.Struct({ a: Schema.String, [sym]: Schema.optionalKey(Schema.Number) })
    for (const options of [{ plainData: true }, {}]) {
      const guard = Guard.compile(S, options)
      expect(guard({ a: "x", [sym]: "not a number" })).toBe(false)
      expect(guard({ a: "x" })).toBe(false)
    }
  })

  it("structs whose fields are all optional still ask for an object", () => {
    const S = Schema.Struct({ a: Schema.optionalKey(Schema.String), b: Schema.optionalKey(Schema.Number) })
    expectCases(S, [
      ["empty", {}, true, true],
      ["one", { b: 1 }, true, true],
      ["both reordered", { b: 1, a: "x" }, false, true],
      ["null", null, false, false],
      ["undefined", undefined, false, false],
      ["empty string", "", false, false],
      ["number", 5, false, false],
      ["empty array", [], false, false],
      ["array subclass", new MyArray(), false, false],
      ["boolean", true, false, false]
    ])
  })

  it("an empty struct: plain data is an empty plain object; the JSON guard what the Schema takes", () => {
    const S = Schema.Struct({})
    expectCases(S, [
      ["empty", {}, true, true],
      ["null prototype", Object.create(null), true, true],
      ["a key", { a: 1 }, false, true],
      ["a symbol key", { [Symbol("s")]: 1 }, false, true],
      ["non-enumerable key", Object.defineProperty({}, "a", { value: 1 }), false, true],
      ["class instance", new Point(1), false, true],
      ["array", [], false, true],
      ["string", "", false, true],
      ["zero", 0, false, true],
      ["null", null, false, false],
      ["undefined", undefined, false, false]
    ])
  })

  it("nested structs and arrays of structs", () => {
    const S = Schema.Struct({ p: Schema.Struct({ x: Schema.Number }), list: Schema.Array(Schema.Struct({ y: Schema.String })) })
    expectCases(S, [
      ["well formed", { p: { x: 1 }, list: [{ y: "a" }, { y: "b" }] }, true, true],
      ["empty list", { p: { x: 1 }, list: [] }, true, true],
      ["bad nested", { p: { x: "1" }, list: [] }, false, false],
      ["bad second element", { p: { x: 1 }, list: [{ y: "a" }, { y: 2 }] }, false, false],
      ["extra nested key", { p: { x: 1, z: 1 }, list: [] }, false, false],
      ["array subclass", { p: { x: 1 }, list: MyArray.from([{ y: "a" }]) }, false, true]
    ])
  })

  it("keysAccepted adds up the own keys of every object a guard accepts", () => {
    const S = Schema.Struct({ a: Schema.String, b: Schema.optionalKey(Schema.Struct({ c: Schema.Number, d: Schema.Number })) })
    for (const options of [{ plainData: true }, {}]) {
      const guard = Guard.compile(S, options)
      Guard.keysAccepted.count = 0
      expect(guard({ a: "x", b: { c: 1, d: 2 } })).toBe(true)
      expect(Guard.keysAccepted.count).toBe(4)
      expect(guard({ a: "x" })).toBe(true)
      expect(Guard.keysAccepted.count).toBe(5)
      Guard.keysAccepted.count = 0
    }
  })

  it("tuples and arrays: exact length, element kinds, rest and a trailing element", () => {
    expectCases(Schema.Tuple([Schema.String, Schema.Number]), [
      ["pair", ["a", 1], true, true],
      ["short", ["a"], false, false],
      ["long", ["a", 1, 2], false, false],
      ["swapped", [1, "a"], false, false],
      ["second wrong", ["a", "b"], false, false],
      ["object", { 0: "a", 1: 1, length: 2 }, false, false],
      ["object inheriting from Array.prototype", Object.assign(Object.create(Array.prototype), { 0: "a", 1: 1, length: 2 }), false, false],
      ["subclass", MyArray.from(["a", 1]), false, true]
    ])
    expectCases(Schema.Tuple([]), [["empty", [], true, true], ["one", [1], false, false]])
    expectCases(Schema.Array(Schema.Number), [
      ["empty", [], true, true],
      ["numbers", [1, 2, 3], true, true],
      ["a string among them", [1, "2", 3], false, false],
      ["last wrong", [1, 2, "3"], false, false],
      ["not an array", "123", false, false]
    ])
    expectCases(Schema.TupleWithRest(Schema.Tuple([Schema.String]), [Schema.Number]), [
      ["head only", ["a"], true, true],
      ["head and rest", ["a", 1, 2], true, true],
      ["empty", [], false, false],
      ["bad head", [1, 2], false, false],
      ["bad rest", ["a", 1, "b"], false, false]
    ])
    expectCases(Schema.TupleWithRest(Schema.Tuple([Schema.String]), [Schema.Number, Schema.Boolean]), [
      ["head and tail", ["a", true], true, true],
      ["head, rest, tail", ["a", 1, 2, false], true, true],
      ["head only", ["a"], false, false],
      ["empty", [], false, false],
      ["tail wrong", ["a", 1, 2], false, false],
      ["rest wrong", ["a", "x", true], false, false],
      ["head wrong", [1, true], false, false],
      ["tail as rest", ["a", true, true], false, false]
    ])
    // The trailing element is required even when the head alone would fit it.
    expectCases(Schema.TupleWithRest(Schema.Tuple([Schema.String]), [Schema.Number, Schema.String]), [
      ["head only", ["a"], false, false],
      ["head and tail", ["a", "b"], true, true],
      ["head, rest, tail", ["a", 1, "b"], true, true]
    ])
    expectCases(Schema.TupleWithRest(Schema.Tuple([]), [Schema.Number, Schema.Boolean]), [
      ["empty", [], false, false],
      ["empty with a -1 property", Object.assign([], { "-1": true }), false, false],
      ["tail only", [true], true, true]
    ])
  })

  it("tuples with an optional element are not compiled (false)", () => {
    const guard = Guard.compile(Schema.Tuple([Schema.String, Schema.optionalKey(Schema.Number)]))
    for (const value of [["a"], ["a", 1], ["a", "b"], ["a", undefined], [1]]) expect(guard(value)).toBe(false)
  })

  it("unions: any member; literal unions; tagged unions dispatch on _tag", () => {
    expectCases(Schema.Union([Schema.String, Schema.Number], { mode: "anyOf" }), [["anyOf string", "s", true, true], ["anyOf boolean", true, false, false]])
    expectCases(Schema.Union([Schema.String, Schema.Number]), [
      ["string", "s", true, true],
      ["number", 1, true, true],
      ["undefined", undefined, false, false],
      ["boolean", true, false, false]
    ])
    expectCases(Schema.Literals(["a", "b", 3]), [["a", "a", true, true], ["3", 3, true, true], ["c", "c", false, false], ["undefined", undefined, false, false]])
    expectCases(Schema.Union([Schema.Literal("a"), Schema.String]), [["a", "a", true, true], ["b", "b", true, true], ["undefined", undefined, false, false], ["1", 1, false, false]])
    expectCases(Schema.Union([Schema.Literal("a"), Schema.Struct({ x: Schema.Number })]), [["a", "a", true, true], ["struct", { x: 1 }, true, true], ["undefined", undefined, false, false], ["empty", {}, false, false]])
    const A = Schema.Struct({ _tag: Schema.Literal("A"), a: Schema.String })
    const B = Schema.Struct({ _tag: Schema.Literal("B"), b: Schema.Number })
    expectCases(Schema.Union([A, B]), [
      ["A", { _tag: "A", a: "x" }, true, true],
      ["B", { _tag: "B", b: 1 }, true, true],
      ["A with B's field", { _tag: "A", b: 1 }, false, false],
      ["unknown tag", { _tag: "C", a: "x" }, false, false],
      ["no tag", { a: "x" }, false, false],
      ["null", null, false, false],
      ["string", "A", false, false],
      ["array", [], false, false]
    ])
    // Two members with the same tag: either may accept.
    const A2 = Schema.Struct({ _tag: Schema.Literal("A"), c: Schema.Boolean })
    expectCases(Schema.Union([A, A2]), [["first", { _tag: "A", a: "x" }, true, true], ["second", { _tag: "A", c: true }, true, true], ["neither", { _tag: "A", b: 1 }, false, false]])
    // A member whose _tag is optional, or not a literal: no dispatch, each member tried.
    const O = Schema.Struct({ _tag: Schema.optionalKey(Schema.Literal("O")), o: Schema.Number })
    expectCases(Schema.Union([A, O]), [["O without tag", { o: 1 }, true, true], ["O with tag", { _tag: "O", o: 1 }, true, true], ["A", { _tag: "A", a: "x" }, true, true]])
    const P = Schema.Struct({ _tag: Schema.optionalKey(Schema.Literal("P")), p: Schema.Number })
    expectCases(Schema.Union([O, P]), [["O without tag", { o: 1 }, true, true], ["P without tag", { p: 1 }, true, true], ["P with tag", { _tag: "P", p: 1 }, true, true]])
    const T = Schema.Struct({ _tag: Schema.String, t: Schema.Number })
    expectCases(Schema.Union([A, T]), [["T", { _tag: "anything", t: 1 }, true, true], ["A", { _tag: "A", a: "x" }, true, true], ["A tag with T's field", { _tag: "A", t: 1 }, true, true]])
    const N = Schema.Struct({ _tag: Schema.Literal(1), n: Schema.Number })
    expectCases(Schema.Union([A, N]), [["numeric tag", { _tag: 1, n: 1 }, true, true], ["A", { _tag: "A", a: "x" }, true, true]])
    // The tag is read at `_tag`, not at the first literal field.
    const K = Schema.Struct({ kind: Schema.Literal("k"), _tag: Schema.Literal("K"), k: Schema.Number })
    const J = Schema.Struct({ kind: Schema.Literal("j"), _tag: Schema.Literal("J"), j: Schema.Number })
    expectCases(Schema.Union([K, J]), [["K", { kind: "k", _tag: "K", k: 1 }, true, true], ["J", { kind: "j", _tag: "J", j: 1 }, true, true], ["mixed", { kind: "k", _tag: "J", j: 1 }, false, false]])
    expectCases(Schema.Union([N, Schema.String]), [["string member", "s", true, true], ["N", { _tag: 1, n: 1 }, true, true]])
    expectCases(Schema.Union([A, Schema.String]), [["string member", "s", true, true], ["A", { _tag: "A", a: "x" }, true, true]])
  })

  it("a union of literals runs a member's own checks: a checked literal is no plain set lookup", () => {
    const refused = Schema.Literal("a").check(Schema.makeFilter(() => false))
    expectCases(Schema.Union([refused, Schema.Literal("b")]), [["a, its check refusing", "a", false, false], ["b", "b", true, true], ["c", "c", false, false]])
    const accepted = Schema.Literal("a").check(Schema.makeFilter(() => true))
    expectCases(Schema.Union([accepted, Schema.Literal("b")]), [["a, its check accepting", "a", true, true], ["b", "b", true, true]])
  })

  it("a oneOf union is not compiled (false): a value two members accept is refused by it", () => {
    const U = Schema.Union([Schema.String, Schema.NonEmptyString], { mode: "oneOf" })
    const guard = Guard.compile(U)
    expect(decodes(U, "ab")).toBe(false)
    expect(guard("ab")).toBe(false)
    expect(guard("")).toBe(false)
  })

  it("checks: one, several, groups, filters without a direct predicate", () => {
    expectCases(Schema.String.check(Schema.isMinLength(2)), [["ab", "ab", true, true], ["a", "a", false, false]])
    // A filter with no annotations at all runs as its own predicate.
    expectCases(Schema.String.check(Schema.makeFilter<string>((s) => s.startsWith("x"))), [["x1", "x1", true, true], ["y1", "y1", false, false]])
    expectCases(Schema.String.check(Schema.isMinLength(2), Schema.isMaxLength(3)), [
      ["ab", "ab", true, true],
      ["abc", "abc", true, true],
      ["a", "a", false, false],
      ["abcd", "abcd", false, false],
      ["number", 12, false, false]
    ])
    expectCases(Schema.Number.check(Schema.isInt32()), [["5", 5, true, true], ["1.5", 1.5, false, false], ["2^31", 2 ** 31, false, false], ["-2^31", -(2 ** 31), true, true]])
    expectCases(Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 3 })), [["2", 2, true, true], ["2.5", 2.5, false, false], ["4", 4, false, false]])
  })

  it("number filters: exclusive bounds, -0, NaN, infinities", () => {
    expectCases(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1, exclusiveMinimum: true })), [
      ["0", 0, false, false],
      ["-0", -0, false, false],
      ["0.5", 0.5, true, true],
      ["1", 1, true, true],
      ["NaN", NaN, false, false]
    ])
    expectCases(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1, exclusiveMaximum: true })), [["0", 0, true, true], ["1", 1, false, false]])
    expectCases(Schema.Number.check(Schema.isGreaterThanOrEqualTo(0)), [["-0", -0, true, true], ["NaN", NaN, false, false], ["Infinity", Infinity, true, true], ["-1", -1, false, false]])
    expectCases(Schema.Number.check(Schema.isInt()), [["-0", -0, true, true], ["NaN", NaN, false, false], ["2^53", 2 ** 53, false, false]])
  })

  it("a filter claiming effect's representation with another payload runs as its own predicate", () => {
    const over100 = (n: number) => n > 100
    const claims: ReadonlyArray<[string, unknown]> = [
      ["effect/schema/isGreaterThanOrEqualTo", { minimum: null }],
      ["effect/schema/isGreaterThanOrEqualTo", { minimum: -Infinity }],
      ["effect/schema/isGreaterThanOrEqualTo", { minimum: 0, exclusive: true }],
      ["effect/schema/isBetween", { minimum: null, maximum: 1000 }],
      ["effect/schema/isBetween", { minimum: 0, maximum: null }],
      ["effect/schema/isBetween", { minimum: -Infinity, maximum: 1000 }],
      ["effect/schema/isBetween", { minimum: 0, maximum: 1000, exclusive: true }],
      ["effect/schema/isInt", { safe: true }]
    ]
    for (const [id, payload] of claims) {
      const schema = Schema.Number.check(forged(over100, id, payload))
      const guard = Guard.compile(schema)
      expect({ id, payload, at1: guard(1), at200: guard(200) }).toEqual({ id, payload, at1: false, at200: true })
    }
    const longer = (s: string) => s.length > 5
    const strings: ReadonlyArray<[string, unknown]> = [
      ["effect/schema/isBetweenCodePoints", { minimum: 0, maximum: 1.5 }],
      ["effect/schema/isBetweenCodePoints", { minimum: 0.5, maximum: 10 }],
      ["effect/schema/isMaxCodePoints", { maxCodePoints: 10.5 }],
      ["effect/schema/isMinCodePoints", { minCodePoints: "x" }],
      ["effect/schema/isPattern", { source: ".", flags: null }],
      ["effect/schema/isPattern", { source: null, flags: "" }]
    ]
    for (const [id, payload] of strings) {
      const schema = Schema.String.check(forged(longer, id, payload))
      const guard = Guard.compile(schema)
      expect({ id, payload, short: guard("ab"), long: guard("abcdefg") }).toEqual({ id, payload, short: false, long: true })
    }
  })

  it("a sticky or global pattern gives the filter's verdict on every call, not from where the last match ended", () => {
    for (const regExp of [/a/y, /a/g, /a/gy]) {
      const schema = Schema.String.check(Schema.isPattern(regExp))
      const guard = Guard.compile(schema)
      for (const value of ["a", "ba", "a", "a", "xa", "ab", "b"]) expect({ regExp: String(regExp), value, verdict: guard(value) }).toEqual({ regExp: String(regExp), value, verdict: decodes(schema, value) })
    }
  })

  it("code point filters at their bounds, a lone surrogate counting one", () => {
    const pair = "😀"
    const lone = "\uD800"
    expectCases(Schema.String.check(Schema.isBetweenCodePoints(0, 0)), [["empty", "", true, true], ["one", "a", false, false], ["pair", pair, false, false]])
    expectCases(Schema.String.check(Schema.isBetweenCodePoints(2, 2)), [["two pairs", pair + pair, true, true], ["pair", pair, false, false], ["pair and lone", pair + lone, true, true], ["three", "abc", false, false]])
    expectCases(Schema.String.check(Schema.isMaxCodePoints(1)), [["pair", pair, true, true], ["two", "ab", false, false], ["empty", "", true, true]])
    expectCases(Schema.String.check(Schema.isMinCodePoints(2)), [["pair", pair, false, false], ["two pairs", pair + pair, true, true], ["lone lone", lone + lone, true, true], ["empty", "", false, false]])
    expectCases(Schema.String.check(Schema.isMinCodePoints(0)), [["empty", "", true, true]])
  })

  it("for generated values the plain guard agrees with Schema.is and the JSON guard with the decode of the JSON", () => {
    const Item = Schema.Struct({
      _tag: Schema.Literal("item"),
      name: Schema.String.check(Schema.isBetweenCodePoints(1, 4)),
      n: Schema.optionalKey(Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: -5, maximum: 5 }))),
      tags: Schema.Array(Schema.Literals(["x", "y"]))
    })
    const Other = Schema.Struct({ _tag: Schema.Literal("other"), flag: Schema.Boolean, pair: Schema.Tuple([Schema.Null, Schema.String]) })
    const U = Schema.Union([Item, Other])
    const plain = Guard.compile(U, { plainData: true })
    const json = Guard.compile(U)
    const is = Schema.is(U)
    const value = fc.oneof(
      fc.record({
        _tag: fc.constantFrom("item", "other", "x"),
        name: fc.string({ unit: "binary", maxLength: 6 }),
        n: fc.oneof(fc.integer({ min: -7, max: 7 }), fc.constantFrom(0.5, NaN, -0)),
        tags: fc.array(fc.constantFrom("x", "y", "z"), { maxLength: 3 }),
        flag: fc.oneof(fc.boolean(), fc.constant(1)),
        pair: fc.oneof(fc.tuple(fc.constant(null), fc.string({ maxLength: 2 })), fc.tuple(fc.string({ maxLength: 1 })))
      }, { requiredKeys: [] }),
      fc.anything({ maxDepth: 1 })
    )
    fc.assert(fc.property(value, (v) => {
      expect(plain(v)).toBe(is(v) && decodes(U, v))
      const parsed: unknown = JSON.parse(JSON.stringify(v) ?? "null")
      expect(json(parsed)).toBe(decodes(U, parsed))
    }), { numRuns: Math.min(500, RUNS) })
  })
})
