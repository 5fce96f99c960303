/**
 * What the compiled guards promise about their cost (issue 16 relies on it). Each of effect's own
 * filters is compiled to a direct predicate from its representation, so the guard never calls the
 * filter's `run`; code point filters walk a string only when its length leaves the count open, and
 * no further than they must; a tagged union tries only the member with the value's tag.
 *
 * To see which path runs, each case uses a forged filter: it carries the representation effect
 * gives its own filter, but its predicate counts its calls and answers `false`. The guard must give
 * the representation's verdict and never call the predicate.
 */
import { describe, expect, it } from "vitest"
import { Schema, SchemaAST } from "effect"
import { Guard } from "../src/index.js"
import { forged } from "./support.js"

/** A predicate that counts its calls and refuses everything. */
const spy = () => {
  const state = { calls: 0, predicate: (_: unknown): boolean => { state.calls++; return false } }
  return state
}

/** `filter`'s representation (id and payload) exactly as effect made it. */
const representationOf = (filter: SchemaAST.Filter<any>): { readonly id: string; readonly payload: unknown } =>
  (filter.annotations as { readonly representation: { readonly id: string; readonly payload: unknown } }).representation

/** Runs `body` while counting the code points read from any string by `for…of`. */
const countingReads = (body: (reads: () => number) => void): void => {
  const original = Object.getOwnPropertyDescriptor(String.prototype, Symbol.iterator)!
  let read = 0
  Object.defineProperty(String.prototype, Symbol.iterator, {
    ...original,
    value: function (this: string) {
      const inner = (original.value as () => Iterator<string>).call(this)
      return {
        next: () => {
          const step = inner.next()
          if (!step.done) read++
          return step
        },
        [Symbol.iterator]() {
          return this
        }
      }
    }
  })
  try {
    body(() => {
      const n = read
      read = 0
      return n
    })
  } finally {
    Object.defineProperty(String.prototype, Symbol.iterator, original)
  }
}

type Case<T> = readonly [filter: SchemaAST.Filter<T>, accepted: T, refused: T]

const numberCases: ReadonlyArray<Case<number>> = [
  [Schema.isInt(), 2, 2.5],
  [Schema.isBetween({ minimum: 1, maximum: 3 }), 2, 4],
  [Schema.isGreaterThanOrEqualTo(0), 0, -1]
]
const stringCases: ReadonlyArray<Case<string>> = [
  [Schema.isPattern(/^a+$/), "aaa", "ab"],
  [Schema.isBetweenCodePoints(1, 2), "ab", "abc"],
  [Schema.isMaxCodePoints(2), "😀😀", "abc"],
  [Schema.isMinCodePoints(2), "ab", "😀"]
]

describe("Guard: compiled filters", () => {
  it("each of effect's own filters is compiled from its representation: the guard never calls the filter's run", () => {
    const check = <T>(make: (filter: SchemaAST.Filter<T>) => Schema.Top, [filter, accepted, refused]: Case<T>) => {
      const { id, payload } = representationOf(filter)
      const counter = spy()
      const schema = make(forged<T>(counter.predicate, id, payload))
      for (const guard of [Guard.compile(schema), Guard.compile(schema, { plainData: true })]) {
        expect({ id, accepted: guard(accepted), refused: guard(refused) }).toEqual({ id, accepted: true, refused: false })
      }
      expect({ id, calls: counter.calls }).toEqual({ id, calls: 0 })
    }
    for (const c of numberCases) check((f) => Schema.Number.check(f), c)
    for (const c of stringCases) check((f) => Schema.String.check(f), c)
  })

  it("a filter claiming effect's representation without a payload runs as its own predicate", () => {
    const longer = (s: string) => s.length > 5
    const ids = ["isPattern", "isBetweenCodePoints", "isMaxCodePoints", "isMinCodePoints"]
    for (const id of ids.map((name) => `effect/schema/${name}`)) {
      for (const payload of [null, undefined]) {
        const guard = Guard.compile(Schema.String.check(forged(longer, id, payload)))
        expect({ id, payload, short: guard("ab"), long: guard("abcdefg") }).toEqual({ id, payload, short: false, long: true })
      }
    }
    const over100 = (n: number) => n > 100
    for (const id of ["effect/schema/isBetween", "effect/schema/isGreaterThanOrEqualTo"]) {
      for (const payload of [null, undefined]) {
        const guard = Guard.compile(Schema.Number.check(forged(over100, id, payload)))
        expect({ id, payload, at1: guard(1), at200: guard(200) }).toEqual({ id, payload, at1: false, at200: true })
      }
    }
  })

  it("a code point filter does not walk a string whose UTF-16 length settles the count", () => {
    // A string of n UTF-16 units has between n/2 and n code points.
    const cases: ReadonlyArray<readonly [SchemaAST.Filter<string>, ReadonlyArray<string>]> = [
      [Schema.isBetweenCodePoints(1, 4), ["ab", "abc", "abcd"]],
      [Schema.isMaxCodePoints(3), ["", "abc"]],
      [Schema.isMinCodePoints(2), ["abcd", "abcdef"]]
    ]
    countingReads((reads) => {
      for (const [filter, values] of cases) {
        const guard = Guard.compile(Schema.String.check(filter))
        for (const value of values) {
          expect({ value, verdict: guard(value), reads: reads() }).toEqual({ value, verdict: true, reads: 0 })
        }
      }
    })
  })

  it("a code point filter reads a long string no further than one code point past its bound", () => {
    const long = "😀".repeat(100)
    const cases: ReadonlyArray<readonly [SchemaAST.Filter<string>, string, verdict: boolean, reads: number]> = [
      [Schema.isMaxCodePoints(3), long, false, 4],
      [Schema.isBetweenCodePoints(1, 3), long, false, 4],
      // At least 3: shorter than 6 units, so counted, and 3 code points settle it.
      [Schema.isMinCodePoints(3), "abcde", true, 3]
    ]
    countingReads((reads) => {
      for (const [filter, value, verdict, most] of cases) {
        const { id } = representationOf(filter)
        const guard = Guard.compile(Schema.String.check(filter))
        expect({ id, verdict: guard(value), reads: reads() }).toEqual({ id, verdict, reads: most })
      }
    })
  })

  it("a tagged union tries only the member whose tag the value has", () => {
    const counter = spy()
    const A = Schema.Struct({ a: Schema.String.check(Schema.makeFilter<string>(counter.predicate)), _tag: Schema.Literal("A") })
    const B = Schema.Struct({ a: Schema.String, _tag: Schema.Literal("B") })
    const U = Schema.Union([A, B])
    for (const guard of [Guard.compile(U), Guard.compile(U, { plainData: true })]) {
      expect(guard({ a: "x", _tag: "B" })).toBe(true)
    }
    expect(counter.calls).toBe(0)
  })
})
