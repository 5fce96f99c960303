/**
 * The published build works from plain Node, outside vitest and without TypeScript: the
 * word lists are bundled (no JSON import at run time) and `@coaching/core` and
 * `@coaching/granularity` resolve to their built `dist/`. Run `npm run build` first (the root
 * `npm test` does).
 */
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url))

const program = `
import { Cycle, Demo, Policy } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"
import { generateFeedbackScript, lintFeedback, renderScript } from ${JSON.stringify(dist)}
let journey = Cycle.initialState
const start = Date.parse("2026-11-23T09:00:00.000Z")
Demo.cycleCommands("2026-12-07").slice(0, 5).forEach((command, i) => {
  const d = Cycle.decide(journey, command, { policy: Policy.defaultPolicy, clock: () => start + i * 3600000, checkActionStep, people: Demo.directory() })
  journey = Cycle.replay(d.success, journey)
})
const ok = generateFeedbackScript({ cycle: journey.cycles[0], style: "facilitative" }, { meetingDate: "2026-11-30", locale: "en-US" })
const bad = generateFeedbackScript({ cycle: journey.cycles[0], style: "directive" }, { meetingDate: "2026-11-30", followUpDays: 90 })
console.log(JSON.stringify({
  version: process.version,
  ok: ok._tag,
  html: renderScript(ok.success, "html").split("\\n")[1],
  step: ok.success.actionStep.step.text,
  reps: ok.success.practise.reps.length,
  bad: bad.failure.code,
  badIsError: bad.failure instanceof Error,
  lint: lintFeedback("An outstanding lesson, well done! I'll pop in soon.").map((f) => f.code)
}))
`

describe("built dist from plain Node", () => {
  it("generates, renders and lints with the bundled word lists", () => {
    expect(existsSync(dist), "dist/index.js is missing: run `npm run build` first").toBe(true)
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", program], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8"
    })
    expect(JSON.parse(out)).toEqual({
      version: process.version,
      ok: "Success",
      html: "<h1>Feedback meeting script</h1>",
      step: "My action step is to pose the question, pause for five seconds, then name a student to answer.",
      reps: 7,
      bad: "FOLLOW_UP_DUE_TOO_LATE",
      badIsError: true,
      lint: ["JUDGEMENT_LANGUAGE", "GENERIC_PRAISE", "VAGUE_TIMELINE"]
    })
  })
})
