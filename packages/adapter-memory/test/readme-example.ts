import { MemoryStore } from "@coaching/adapter-memory"
import { Access, type Cycle, Demo, Journeys, Store, Time } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"
import { Effect, Layer } from "effect"

// The command service over an in-memory store, with the granularity checker of @coaching/granularity.
const services = Journeys.layer({ checkActionStep }).pipe(Layer.provideMerge(MemoryStore.layer))

const today = Time.today()
const program = Effect.gen(function*() {
  // The rules consult people and relationships: register the demo teacher, coach and relationship.
  const store = yield* Store.CoachingStore
  const { people, relationships } = Demo.records()
  for (const person of people) yield* store.records("person").put(person)
  for (const relationship of relationships) yield* store.records("relationship").put(relationship)

  // Grace, the coach, records Ada's cycle; every command is checked against her rights.
  const journeys = yield* Journeys.Journeys
  const grace = Access.principal("coach", Demo.people.coachId)
  for (const command of Demo.cycleCommands(Time.addDays(today, 7))) {
    yield* journeys.execute(grace, Demo.people.teacherId, command)
  }
  return (yield* journeys.load(grace, Demo.people.teacherId)).journey
})

export const journey: Cycle.Journey = await Effect.runPromise(program.pipe(Effect.provide(services)))
console.log(journey.version, journey.cycles[0]?.stage) // 7 Secured
