import { Cycle, Demo, Policy, Time } from "@coaching/core"
import { generateFeedbackScript, lintFeedback, renderScript } from "@coaching/feedback-script"
import { checkActionStep } from "@coaching/granularity"
import { Result } from "effect"

// Replay core's demo cycle up to the agreed action step: start, two visits, leverage point, step.
const start = Date.parse("2026-11-23T09:00:00.000Z")
let journey = Cycle.initialState
Demo.cycleCommands("2026-12-07").slice(0, 5).forEach((command, i) => {
  const decision = Cycle.decide(journey, command, { policy: Policy.defaultPolicy, clock: () => start + i * 3_600_000, checkActionStep, people: Demo.directory() })
  if (Result.isFailure(decision)) throw new Error(decision.failure.message)
  journey = Cycle.replay(decision.success, journey)
})
const cycle = journey.cycles[0]!

// The script for Monday's meeting, in the relationship's style.
const result = generateFeedbackScript(
  { cycle, style: "directive", teacherName: "Ada" },
  { meetingDate: Time.CalendarDate.make("2026-11-30") }
)
if (Result.isSuccess(result)) console.log(renderScript(result.success, "text"))
else console.log(`${result.failure.code}: ${result.failure.message}`)

// Lint what a coach wrote themselves.
for (const finding of lintFeedback("Great lesson! How do you think it went? Your action step is to pause after each question. Also, use cold call. I'll pop in soon.")) {
  console.log(`${finding.code} [${finding.span.join(", ")}] ${finding.message}`)
  if (finding.rewrite !== undefined) console.log(`  rewrite [${finding.rewrite.span.join(", ")}] → ${JSON.stringify(finding.rewrite.text)}`)
}
