import { Client, Server } from "@coaching/adapter-http"
import { MemoryStore } from "@coaching/adapter-memory"
import { Access, type Cycle, Demo, Journeys, Store, Time } from "@coaching/core"
import { Effect } from "effect"

// Who each bearer token is: a trusted service (the store routes) and Grace, a coach.
const grace = Access.principal("coach", Demo.people.coachId)
const authenticate = Server.staticTokens({
  "service-secret": { _tag: "Store" },
  "grace-secret": { _tag: "Person", principal: grace }
})

const today = Time.dateOf(Time.timestampFromMillis(Date.now())!)
const program = Effect.gen(function*() {
  // A real server on 127.0.0.1 (port 0: a free one) in front of an in-memory store.
  const server = yield* Server.start({ port: 0, authenticate }, MemoryStore.layer)

  // The service registers the demo teacher, coach and relationship through the store routes.
  yield* Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    const { people, relationships } = Demo.records()
    for (const person of people) yield* store.records("person").put(person)
    for (const relationship of relationships) yield* store.records("relationship").put(relationship)
  }).pipe(Effect.provide(Client.layerHttp({ baseUrl: server.url, token: "service-secret" })))

  // Grace records Ada's cycle over HTTP: the server checks every command against her rights.
  return yield* Effect.gen(function*() {
    const journeys = yield* Journeys.Journeys
    for (const command of Demo.cycleCommands(Time.addDays(today, 7))) {
      yield* journeys.execute(grace, Demo.people.teacherId, command)
    }
    return (yield* journeys.load(grace, Demo.people.teacherId)).journey
  }).pipe(Effect.provide(Client.layerHttp({ baseUrl: server.url, token: "grace-secret" })))
})

export const journey: Cycle.Journey = await Effect.runPromise(Effect.scoped(program))
console.log(journey.version, journey.cycles[0]?.stage) // 7 Secured
