import { MemoryStore } from "@coaching/adapter-memory"
import { type Cycle, Demo, Granularity, Journeys, Time } from "@coaching/core"
import { Effect, Layer } from "effect"

// The command service over an in-memory store (apps pass checkActionStep from @coaching/granularity).
const services = Journeys.layer({ checkActionStep: Granularity.acceptAll }).pipe(Layer.provide(MemoryStore.layer))

const today = Time.dateOf(Time.timestampFromMillis(Date.now())!)
const program = Effect.gen(function*() {
  const journeys = yield* Journeys.Journeys
  for (const command of Demo.cycleCommands(Time.addDays(today, 7))) {
    yield* journeys.execute("t-ada", command)
  }
  return yield* journeys.load("t-ada")
})

export const journey: Cycle.Journey = await Effect.runPromise(program.pipe(Effect.provide(services)))
console.log(journey.version, journey.cycles[0]?.stage) // 7 Secured
