import { Access, Cycle, Demo, Journeys, Memory, Policy, Store } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"
import { Effect, Layer, ManagedRuntime, Option, Result } from "effect"

// 1. A program is a value: Effect.gen describes it, yield* runs one step, nothing happens yet.
const register = Effect.gen(function*() {
  const store = yield* Store.CoachingStore // a service, found in the layers provided below
  const { people, relationships } = Demo.records()
  for (const person of people) yield* store.records("person").put(person)
  for (const relationship of relationships) yield* store.records("relationship").put(relationship)
})

// 2. Layers provide the services: the command service over a store, and the store itself too.
const services = Journeys.layer({ checkActionStep }).pipe(Layer.provideMerge(Memory.layer))

const program = Effect.gen(function*() {
  yield* register
  const store = yield* Store.CoachingStore
  const journeys = yield* Journeys.Journeys
  const grace = Access.principal("coach", "c-grace")

  // 3. Getters answer Option: Some(value) or None, never undefined or null.
  const ada = yield* store.records("person").get("t-ada")
  console.log("ada:", Option.match(ada, { onNone: () => "not registered", onSome: (p) => p.name }))
  console.log("bob:", Option.getOrUndefined(yield* store.records("person").get("t-bob")))

  // 4. Typed failures: catch one by its tag, or turn the outcome into a Result and look at it.
  const start = { _tag: "StartCycle", cycleId: "cycle-1", by: "c-grace", teacherId: "t-ada", coachId: "c-grace" } as const
  yield* journeys.execute(grace, "t-ada", start)
  const again = yield* Effect.result(journeys.execute(grace, "t-ada", { ...start, cycleId: "cycle-2" }))
  if (Result.isFailure(again)) console.log("again:", again.failure._tag, again.failure.code)
  const stranger = yield* journeys.execute(Access.principal("coach", "c-stranger"), "t-ada", { ...start, by: "c-stranger" }).pipe(
    Effect.catchTag("AccessDenied", (denied) => Effect.succeed(denied.code))
  )
  console.log("stranger:", stranger)
})

// 5. Running: runPromise gives a Promise of the result; a failure rejects it.
await Effect.runPromise(program.pipe(Effect.provide(services)))

// 6. The pure parts answer Result without Effect: the decider, the policy, the feedback script.
const policy = Policy.make({ followUp: { minDays: 10, maxDays: 5 } })
console.log("policy:", Result.isFailure(policy) ? policy.failure.code : "ok")
const decided = Cycle.decide(Cycle.initialState, { _tag: "Nope" }, {
  policy: Policy.defaultPolicy, clock: Date.now, checkActionStep, people: Demo.directory()
})
console.log("decide:", Result.isFailure(decided) ? decided.failure.code : "ok")

// 7. A Promise-based app keeps one runtime, so one store, and runs each call on it. (Each
// Effect.provide above built its layers anew: a new memory store, empty.)
const runtime = ManagedRuntime.make(services)
await runtime.runPromise(register)
const view = await runtime.runPromise(Effect.flatMap(Journeys.Journeys, (j) => j.load(Access.principal("teacher", "t-ada"), "t-ada")))
console.log("view:", view.version, "events")
await runtime.dispose()
