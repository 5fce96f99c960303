/**
 * A coach's follow-ups due as an iCalendar file (RFC 5545), so they land in the calendar the
 * coach already uses. Built from the coach's own caseload (`Caseload.ofCoach`, which the rights
 * already limited to their own teachers): one all-day event per open cycle with a follow-up due
 * date, overdue ones included (on their due date, marked overdue).
 *
 * Each event's `UID` is stable per cycle and its `SEQUENCE` counts how often the due date was
 * set, so importing a newer file moves an extended follow-up instead of adding a second one. The
 * file names the coach's teachers and their current action step — what the visit looks for —
 * and nothing else of the record (no reflection, no evidence).
 *
 * @since 0.2.0
 */
import type { CoachCaseload } from "./Caseload.js"
import type { Timestamp } from "./Time.js"

/** Options of `followUps`. @since 0.2.0 */
export interface Options {
  /** When the file is written (`DTSTAMP` of every event). */
  readonly stamp: Timestamp
  /** The domain that makes UIDs globally unique (default `coaching.local`). */
  readonly domain?: string
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. @since 0.2.0 */
export const escapeText = (text: string): string =>
  text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n")

const encoder = new TextEncoder()

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): CRLF and one space before each
 * continuation, never inside a UTF-8 character.
 *
 * @since 0.2.0
 */
export const fold = (line: string): string => {
  if (encoder.encode(line).length <= 75) return line
  const parts: Array<string> = []
  let current = ""
  let octets = 0
  for (const char of line) {
    const size = encoder.encode(char).length
    // the first line holds 75 octets; continuations 74 after their leading space
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current)
      current = ""
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join("\r\n ")
}

const basicDate = (date: string): string => date.replace(/-/g, "")

const basicStamp = (t: Timestamp): string => `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}T${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}Z`

const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * The iCalendar text (CRLF line ends, folded lines) of a coach's follow-ups due.
 *
 * @since 0.2.0
 */
export const followUps = (caseload: CoachCaseload, options: Options): string => {
  const domain = options.domain ?? "coaching.local"
  const stamp = basicStamp(options.stamp)
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//coaching//follow-ups//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(`Coaching follow-ups — ${caseload.coach.name}`)}`
  ]
  for (const teacher of caseload.teachers) {
    const cycle = teacher.openCycle
    if (cycle === null || cycle.followUpDue === null) continue
    const overdue = cycle.due === "overdue"
    const description = [
      ...(cycle.actionStep !== null ? [`Action step: ${cycle.actionStep}`] : []),
      ...(cycle.whereUsed !== null ? [`Where: ${cycle.whereUsed}`] : []),
      `Cycle ${cycle.cycleId}, follow-up due ${cycle.followUpDue}${overdue ? " (overdue)" : ""}.`
    ].join("\n")
    lines.push(
      "BEGIN:VEVENT",
      `UID:follow-up.${teacher.teacherId}.${cycle.cycleId}@${domain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(cycle.followUpDue)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(cycle.followUpDue))}`,
      `SEQUENCE:${Math.max(0, cycle.dueChanges - 1)}`,
      `SUMMARY:${escapeText(`${overdue ? "Overdue follow-up" : "Follow-up"}: ${teacher.name}`)}`,
      `DESCRIPTION:${escapeText(description)}`,
      "CATEGORIES:Coaching follow-up",
      "TRANSP:TRANSPARENT",
      "END:VEVENT"
    )
  }
  lines.push("END:VCALENDAR")
  return lines.map(fold).join("\r\n") + "\r\n"
}
