/**
 * Fast equivalents of core's calendar checks, for the acceptance guard: core checks that a
 * timestamp is a real instant by a `Date` round trip (about 1.5 µs each, the largest single
 * cost of validating an export); these read the digits once. `test/time.test.ts` checks that
 * they accept exactly what core's checks accept.
 */

const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/** `YYYY-MM-DD` with a month 01–12 and a day that exists in that month (proleptic Gregorian). */
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

/** A real calendar date written `YYYY-MM-DD`. */
export const isRealDate = (value: unknown): boolean => typeof value === "string" && value.length === 10 && dateAt(value)

/** A real instant written as canonical ISO-8601 UTC with milliseconds (`2026-11-22T09:30:00.000Z`). */
export const isCanonicalTimestamp = (value: unknown): boolean => {
  if (typeof value !== "string" || value.length !== 24 || !dateAt(value)) return false
  const s = value
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return false
  const h0 = digit(s, 11), h1 = digit(s, 12), n0 = digit(s, 14), n1 = digit(s, 15), s0 = digit(s, 17), s1 = digit(s, 18)
  const f0 = digit(s, 20), f1 = digit(s, 21), f2 = digit(s, 22)
  if ((h0 | h1 | n0 | n1 | s0 | s1 | f0 | f1 | f2) < 0) return false
  return h0 * 10 + h1 <= 23 && n0 <= 5 && s0 <= 5
}
