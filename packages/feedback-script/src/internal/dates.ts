/**
 * Calendar dates written out for a locale: "Monday 30 November" (en-GB) and
 * "Monday, November 30" (en-US), with the year when asked. Computed from the date itself in
 * UTC, so the output never depends on the machine's time zone or clock.
 */
import type { Time } from "@coaching/core"
import type { Locale } from "../Script.js"

const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

/** A calendar date in words. */
export const formatDate = (date: Time.CalendarDate, locale: Locale, withYear: boolean): string => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number]
  const weekday = weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!
  const monthName = months[month - 1]!
  return locale === "en-US"
    ? `${weekday}, ${monthName} ${day}${withYear ? `, ${year}` : ""}`
    : `${weekday} ${day} ${monthName}${withYear ? ` ${year}` : ""}`
}
