import { Result } from "effect"
import { Cycle, Demo, Export, Granularity, People, Policy } from "@coaching/core"

// Walk the demo teacher through one full cycle, an hour between records.
let now = Date.parse("2026-11-02T09:00:00.000Z")
// The rules look people and relationships up: here the demo coach, teacher and their relationship.
const { people, relationships } = Demo.records()
const context: Cycle.Context = {
  policy: Policy.defaultPolicy,
  clock: () => (now += 3_600_000),
  checkActionStep: Granularity.acceptAll, // use checkActionStep from @coaching/granularity in an app
  people: People.directory({ people, relationships })
}
let journey = Cycle.emptyJourney(Demo.people.teacherId)
const events = []
for (const command of Demo.cycleCommands("2026-11-09")) {
  const decided = Result.getOrThrow(Cycle.decide(journey, command, context))
  events.push(...decided)
  journey = Cycle.replay(decided, journey)
}
const cycle = journey.cycles[0]!
console.log(cycle.stage, "after", journey.version, "events")
console.log("step:", Cycle.currentActionStep(cycle)?.actionStep.text)

// Export the journey and validate it as a CI pipeline would: shape and rules, every violation.
const doc = Export.make({ people, relationships, journeys: [{ teacherId: Demo.people.teacherId, events }] })
const broken = JSON.parse(Export.encode(doc))
broken.journeys[0].events[5].meeting.reps = [] // no rehearsal before the classroom
console.log(Export.validate(broken).violations)
