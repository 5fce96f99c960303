/**
 * Time in the coaching record: instants (`Timestamp`, canonical ISO-8601 UTC with milliseconds,
 * so that string order is time order and encoding is byte-stable) and calendar days
 * (`CalendarDate`, `YYYY-MM-DD`, for due dates a person picks from a calendar).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const timestampShape = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/
const dateShape = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

const isCanonicalTimestamp = (s: string): boolean => {
  const ms = Date.parse(s)
  return Number.isFinite(ms) && new Date(ms).toISOString() === s
}
const isRealDate = (s: string): boolean => isCanonicalTimestamp(`${s}T00:00:00.000Z`)

/** An instant, as canonical ISO-8601 UTC with milliseconds (`2026-11-22T09:30:00.000Z`). @since 0.1.0 */
export const Timestamp = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(timestampShape, { expected: "an ISO-8601 UTC timestamp like 2026-11-22T09:30:00.000Z" }),
    Schema.makeFilter(isCanonicalTimestamp, { expected: "a real calendar instant" })
  ),
  Schema.brand("Timestamp")
)
/** @since 0.1.0 */
export type Timestamp = typeof Timestamp.Type

/** A calendar day, `YYYY-MM-DD` (used for due dates). @since 0.1.0 */
export const CalendarDate = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(dateShape, { expected: "a calendar date like 2026-11-29" }),
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
