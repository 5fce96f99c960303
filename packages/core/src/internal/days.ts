/**
 * Calendar arithmetic for the reports' fold, on whole days since 1970-01-01 (UTC). It reads the
 * digits of a `YYYY-MM-DD…` string directly (no `Date` per event): the fold does this for almost
 * every event, and a `Date.parse` round trip was its largest cost.
 */

/** Days since 1970-01-01 of a date or timestamp string (its first 10 characters, `YYYY-MM-DD`). */
export const dayNumber = (s: string): number => {
  const y = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48)
  const m = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48)
  const d = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48)
  // Howard Hinnant's days_from_civil (proleptic Gregorian)
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The `YYYY-MM-DD` of a day number. */
export const dateOfDay = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10)

/** The Monday of the ISO week a day falls in (1970-01-01 was a Thursday). */
export const weekStart = (n: number): number => n - ((((n + 3) % 7) + 7) % 7)

/** The month of a date or timestamp string as one number (`year * 12 + month - 1`). */
export const monthNumber = (s: string): number =>
  ((s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48)) * 12 +
  (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48) - 1

/** The `YYYY-MM` of a month number. */
export const monthOf = (n: number): string => `${String(Math.floor(n / 12)).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`
