/**
 * Time in the coaching record: instants (`Timestamp`, canonical ISO-8601 UTC with milliseconds,
 * so that string order is time order and encoding is byte-stable) and calendar days
 * (`CalendarDate`, `YYYY-MM-DD`, for due dates a person picks from a calendar).
 *
 * @since 0.1.0
 */
import { type Clock, Effect, Schema } from "effect"
import { portable } from "./internal/jsonSchema.js"

const dateSource = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
const timestampSource = `${dateSource}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z`
const timestampShape = new RegExp(`^${timestampSource}$`)
const dateShape = new RegExp(`^${dateSource}$`)
// For JSON Schema: the shape anchored at the start and a maximum length instead of a `$` anchor
// (Python, Java and .NET let `$` match before a final newline).
const portableTimestamp = { pattern: `^${timestampSource}`, maxLength: 24 }
const portableDate = { pattern: `^${dateSource}`, maxLength: 10 }

// The "real instant / real date" checks read the digits once instead of a Date round trip (a
// round trip was the largest single cost of validating a big export); test/Time.test.ts checks
// they accept exactly what the round trip accepts (proleptic Gregorian, years 0000–9999).
const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/** `YYYY-MM-DD` at the start of `s`, with a month 01–12 and a day that exists in that month. */
const dateAt = (s: string): boolean => {
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3)
  const m0 = digit(s, 5), m1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const month = m0 * 10 + m1
  const day = d0 * 10 + d1
  if (month < 1 || month > 12 || day < 1) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 2 && leap ? 29 : daysIn[month - 1]!)
}

/** A real calendar date written `YYYY-MM-DD`. @since 0.1.0 */
export const isRealDate = (value: unknown): boolean => typeof value === "string" && value.length === 10 && dateAt(value)

/** A real instant written as canonical ISO-8601 UTC with milliseconds (`2026-11-22T09:30:00.000Z`). @since 0.1.0 */
export const isCanonicalTimestamp = (value: unknown): boolean => {
  if (typeof value !== "string" || value.length !== 24 || !dateAt(value)) return false
  const s = value
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return false
  const h0 = digit(s, 11), h1 = digit(s, 12), n0 = digit(s, 14), n1 = digit(s, 15), s0 = digit(s, 17), s1 = digit(s, 18)
  const f0 = digit(s, 20), f1 = digit(s, 21), f2 = digit(s, 22)
  if ((h0 | h1 | n0 | n1 | s0 | s1 | f0 | f1 | f2) < 0) return false
  return h0 * 10 + h1 <= 23 && n0 <= 5 && s0 <= 5
}

/** An instant, as canonical ISO-8601 UTC with milliseconds (`2026-11-22T09:30:00.000Z`). @since 0.1.0 */
export const Timestamp = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(timestampShape, { expected: "an ISO-8601 UTC timestamp like 2026-11-22T09:30:00.000Z", [portable]: portableTimestamp }),
    Schema.makeFilter(isCanonicalTimestamp, { expected: "a real calendar instant" })
  ),
  Schema.brand("Timestamp")
)
/** @since 0.1.0 */
export type Timestamp = typeof Timestamp.Type

/** A calendar day, `YYYY-MM-DD` (used for due dates). @since 0.1.0 */
export const CalendarDate = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(dateShape, { expected: "a calendar date like 2026-11-29", [portable]: portableDate }),
    Schema.makeFilter(isRealDate, { expected: "a real calendar date" })
  ),
  Schema.brand("CalendarDate")
)
/** @since 0.1.0 */
export type CalendarDate = typeof CalendarDate.Type

const DAY_MS = 86_400_000

/** The timestamp of an epoch-millisecond instant, or `undefined` if it is not a representable instant. @since 0.1.0 */
export const timestampFromMillis = (ms: number): Timestamp | undefined => {
  if (!Number.isFinite(ms)) return undefined
  const d = new Date(ms)
  if (Number.isNaN(d.getTime())) return undefined
  const iso = d.toISOString()
  return timestampShape.test(iso) ? (iso as Timestamp) : undefined
}

/** The UTC calendar day an instant falls on. @since 0.1.0 */
export const dateOf = (t: Timestamp): CalendarDate => t.slice(0, 10) as CalendarDate

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). @since 0.1.0 */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS)

/** The calendar day `days` after `date`. @since 0.1.0 */
export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10) as CalendarDate

/**
 * An Effect `Clock` stopped at `millis` (epoch milliseconds): the command service takes "now" from
 * Effect's Clock, so `Effect.provideService(program, Clock.Clock, Time.clockAt(ms))` runs a program
 * at a known time — for tests, and for replaying a session recorded elsewhere.
 *
 * @since 0.3.0
 */
export const clockAt = (millis: number): Clock.Clock => {
  const nanos = BigInt(Math.trunc(millis)) * 1_000_000n
  return {
    currentTimeMillisUnsafe: () => millis,
    currentTimeMillis: Effect.succeed(millis),
    currentTimeNanosUnsafe: () => nanos,
    currentTimeNanos: Effect.succeed(nanos),
    monotonicTimeNanosUnsafe: () => nanos,
    monotonicTimeNanos: Effect.succeed(nanos),
    sleep: () => Effect.void
  }
}

/**
 * Today's calendar day (UTC), from the system clock or the epoch milliseconds given:
 * `Time.today()` instead of `Time.dateOf(Time.timestampFromMillis(Date.now())!)`.
 *
 * @since 0.2.0
 */
export const today = (nowMillis: number = Date.now()): CalendarDate => {
  const at = timestampFromMillis(nowMillis)
  if (at === undefined) throw new RangeError(`Time.today: ${nowMillis} is not an instant (epoch milliseconds).`)
  return dateOf(at)
}
