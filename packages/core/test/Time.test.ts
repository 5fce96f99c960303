/**
 * Core's "real instant" and "real date" checks read the digits instead of a Date round trip;
 * they must accept exactly what the round trip accepts.
 */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Time } from "../src/index.js"
import { RUNS } from "./support.js"

/** The reference: a canonical timestamp is one that survives `Date` → `toISOString` unchanged. */
const roundTrips = (s: string) => {
  const ms = Date.parse(s)
  return Number.isFinite(ms) && new Date(ms).toISOString() === s
}
const accepts = (schema: typeof Time.Timestamp | typeof Time.CalendarDate, value: string) => Result.isSuccess(Schema.decodeUnknownResult(schema)(value))
const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, "0"))
const timestampish = fc
  .tuple(digits(4, 9999), digits(2, 19), digits(2, 39), digits(2, 29), digits(2, 69), digits(2, 69), digits(3, 999))
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`)
const dateish = fc.tuple(digits(4, 9999), digits(2, 19), digits(2, 39)).map(([y, m, d]) => `${y}-${m}-${d}`)

describe("calendar checks", () => {
  it("a timestamp is accepted exactly when it survives a Date round trip", () => {
    fc.assert(
      fc.property(fc.oneof(timestampish, fc.string({ maxLength: 26 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), (s) => {
        const reference = /^\d{4}-\d{2}-\d{2}T/.test(s) && roundTrips(s)
        expect(Time.isCanonicalTimestamp(s)).toBe(reference)
        expect(accepts(Time.Timestamp, s)).toBe(reference)
      }),
      { numRuns: RUNS * 10 }
    )
    expect([Time.isCanonicalTimestamp("2024-02-29T23:59:59.999Z"), Time.isCanonicalTimestamp("2100-02-29T00:00:00.000Z"), Time.isCanonicalTimestamp("2000-02-29T00:00:00.000Z")]).toEqual([true, false, true])
  })

  it("a calendar date is accepted exactly when its midnight survives a Date round trip", () => {
    fc.assert(
      fc.property(fc.oneof(dateish, fc.string({ maxLength: 12 })), (s) => {
        const reference = /^\d{4}-\d{2}-\d{2}$/.test(s) && roundTrips(`${s}T00:00:00.000Z`)
        expect(Time.isRealDate(s)).toBe(reference)
        expect(accepts(Time.CalendarDate, s)).toBe(reference)
      }),
      { numRuns: RUNS * 10 }
    )
  })

  it("non-strings are never dates", () => {
    expect([Time.isRealDate(20261122), Time.isCanonicalTimestamp(null), Time.isRealDate(undefined)]).toEqual([false, false, false])
  })
})
