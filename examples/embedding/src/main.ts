import { Result } from "effect"
import { Cycle, Granularity, Policy } from "@coaching/core"

// Your app supplies the policy, the clock and the granularity checker
// (in production: checkActionStep from @coaching/granularity).
const context: Cycle.Context = {
  policy: Policy.defaultPolicy,
  clock: () => Date.parse("2026-11-23T09:00:00.000Z"),
  checkActionStep: Granularity.acceptAll
}

// State is the fold of the teacher's events; decide answers a command with events or a typed error.
let journey = Cycle.initialState
const record = (command: unknown) => {
  const decision = Cycle.decide(journey, command, context)
  if (Result.isFailure(decision)) return console.log(`rejected: ${decision.failure.code}`)
  journey = Cycle.replay(decision.success, journey) // your store appends decision.success
  console.log(decision.success.map((event) => event._tag).join(", "))
}

const by = "coach-1"
record({ _tag: "StartCycle", cycleId: "cycle-1", by, teacherId: "teacher-1", coachId: by })
record({ _tag: "RecordFollowUp", cycleId: "cycle-1", by, followUp: { minutes: 10, evidence: "Saw it.", outcome: "secured" } })
record({ _tag: "StartCycle", cycleId: "cycle-2", by, teacherId: "teacher-1", coachId: by })
console.log(Cycle.openCycle(journey)?.stage)
