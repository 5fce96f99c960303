import { Cycle, Demo, Policy, Time } from "@coaching/core"
import { generateFeedbackScript, renderScript } from "@coaching/feedback-script"
import { checkActionStep } from "@coaching/granularity"
import { Result } from "effect"

// Replays commands through core's rules, each at its time, and returns the journey.
const replay = (commands: ReadonlyArray<unknown>, times: ReadonlyArray<string>) => {
  let journey = Cycle.initialState
  commands.forEach((command, i) => {
    const decision = Cycle.decide(journey, command, { policy: Policy.defaultPolicy, clock: () => Date.parse(times[i]!), checkActionStep, people: Demo.directory() })
    if (Result.isFailure(decision)) throw new Error(decision.failure.message)
    journey = Cycle.replay(decision.success, journey)
  })
  return journey
}
const print = (result: ReturnType<typeof generateFeedbackScript>) =>
  console.log(Result.isSuccess(result) ? renderScript(result.success, "text") : `${result.failure.code}: ${result.failure.message}`)

// 1. A facilitative meeting from Diagnosed: visits and a leverage point, no step yet. The teacher
// names the step in the meeting; the script prompts for it and has the coach check it with them.
const diagnosed = replay(Demo.cycleCommands("2026-12-07").slice(0, 4), ["2026-11-23T08:00Z", "2026-11-24T09:00Z", "2026-11-26T14:00Z", "2026-11-27T16:00Z"]).cycles[0]!
print(generateFeedbackScript({ cycle: diagnosed, style: "facilitative", teacherName: "Ada" }, { meetingDate: Time.CalendarDate.make("2026-11-30") }))

// 2. The next granular step: the demo cycle was secured at its follow-up; cycle-2 continues its
// leverage point (the secured follow-up is the evidence) with the next step, agreed before the meeting.
const journey = replay(
  [
    ...Demo.cycleCommands("2026-11-23"),
    { _tag: "StartCycle", cycleId: "cycle-2", by: "c-grace", teacherId: "t-ada", coachId: "c-grace", follows: "cycle-1", continueLeveragePoint: true },
    {
      _tag: "AgreeActionStep",
      cycleId: "cycle-2",
      by: "c-grace",
      actionStep: {
        id: "cycle-2-step-1",
        text: "Pose the question, pause for five seconds, then name a student who has not answered yet this lesson.",
        whyItWorks: "Every student expects to be asked, so every student prepares an answer.",
        techniqueId: "cold-call"
      }
    }
  ],
  // start, two visits, leverage point, step, meeting (due in a week), follow-up secured; cycle-2, its step
  ["2026-11-09T08:00Z", "2026-11-10T09:00Z", "2026-11-12T14:00Z", "2026-11-13T16:00Z", "2026-11-13T16:10Z", "2026-11-16T15:30Z", "2026-11-23T09:00Z", "2026-11-23T16:00Z", "2026-11-24T16:00Z"]
)
const [secured, next] = journey.cycles
print(generateFeedbackScript({ cycle: next!, previous: secured, style: "directive", teacherName: "Ada" }, { meetingDate: Time.CalendarDate.make("2026-11-26") }))
