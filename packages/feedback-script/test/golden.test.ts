/**
 * Golden scripts: the complete script of the demo cycle for each style and locale, compared
 * exactly with the files in `test/golden/` (written once and read line by line when they were
 * made; a change to a script's wording shows up here as a diff to review).
 */
import { Time } from "@coaching/core"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { type Format, renderScript } from "../src/index.js"
import { demoCommands, demoCycle, MEETING, runCommands, scriptOf } from "./support.js"

const golden = (name: string) => readFileSync(new URL(`golden/${name}`, import.meta.url), "utf8")

const cases: ReadonlyArray<readonly ["directive" | "balanced" | "facilitative", "en-GB" | "en-US", Format, string]> = [
  ["directive", "en-GB", "text", "demo-directive-en-GB.txt"],
  ["directive", "en-US", "text", "demo-directive-en-US.txt"],
  ["balanced", "en-GB", "text", "demo-balanced-en-GB.txt"],
  ["balanced", "en-US", "text", "demo-balanced-en-US.txt"],
  ["facilitative", "en-GB", "text", "demo-facilitative-en-GB.txt"],
  ["facilitative", "en-US", "text", "demo-facilitative-en-US.txt"],
  ["balanced", "en-GB", "markdown", "demo-balanced-en-GB.md"],
  ["facilitative", "en-US", "html", "demo-facilitative-en-US.html"]
]

describe("golden scripts of the demo cycle", () => {
  it.each(cases)("%s, %s, %s", (style, locale, format, file) => {
    const script = scriptOf({ cycle: demoCycle(), style, teacherName: "Ada" }, { meetingDate: MEETING, locale })
    expect(renderScript(script, format)).toBe(golden(file))
  })

  it("practice session after a follow-up, with a warning (directive, en-GB)", () => {
    const followUp = {
      _tag: "RecordFollowUp",
      cycleId: "cycle-1",
      by: "c-grace",
      followUp: { minutes: 15, evidence: "Paused after two of the three questions; took a hand up after the third.", outcome: "not-yet" }
    }
    const cycle = runCommands([...demoCommands.slice(0, 6), followUp], { step: 8 * 3_600_000 }).cycles[0]!
    const script = scriptOf({ cycle, style: "directive", teacherName: "Ada" }, { meetingDate: Time.CalendarDate.make("2026-11-26"), followUpDays: 30, reps: 8 })
    expect(renderScript(script)).toBe(golden("practice-session-directive-en-GB.txt"))
  })
})
