import { Result } from "effect"
import { Cycle, Demo, Policy } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"

// Your app supplies the policy, the clock, the granularity checker (checkActionStep from
// @coaching/granularity) and a lookup of its people and their coaching relationships (here the
// demo's: coach c-grace and teacher t-ada, coaching since 1 September 2025).
const context: Cycle.Context = {
  policy: Policy.defaultPolicy,
  clock: () => Date.parse("2026-11-23T09:00:00.000Z"),
  checkActionStep,
  people: Demo.directory()
}

// State is the fold of the teacher's events; decide answers a command with events or a typed error.
let journey = Cycle.initialState
const record = (command: unknown) => {
  const decision = Cycle.decide(journey, command, context)
  if (Result.isFailure(decision)) return console.log(`rejected: ${decision.failure.code}`)
  journey = Cycle.replay(decision.success, journey) // your store appends decision.success
  console.log(decision.success.map((event) => event._tag).join(", "))
}

const by = "c-grace"
record({ _tag: "StartCycle", cycleId: "cycle-1", by, teacherId: "t-ada", coachId: by })
record({ _tag: "RecordFollowUp", cycleId: "cycle-1", by, followUp: { minutes: 10, evidence: "Saw it.", outcome: "secured" } })
record({ _tag: "StartCycle", cycleId: "cycle-2", by, teacherId: "t-ada", coachId: by })
record({ _tag: "StartCycle", cycleId: "cycle-2", by: "c-stranger", teacherId: "t-ada", coachId: "c-stranger" })
console.log(Cycle.openCycle(journey)?.stage)
