import { SqliteStore } from "@coaching/adapter-sqlite"
import { type Cycle, Demo, Granularity, Journeys, Time } from "@coaching/core"
import { Effect, Layer } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const filename = join(mkdtempSync(join(tmpdir(), "coaching-")), "coaching.db")

// The command service over a SQLite file (apps pass checkActionStep from @coaching/granularity).
const services = Journeys.layer({ checkActionStep: Granularity.acceptAll }).pipe(
  Layer.provide(SqliteStore.layer({ filename }))
)

const today = Time.dateOf(Time.timestampFromMillis(Date.now())!)
const program = Effect.gen(function*() {
  const journeys = yield* Journeys.Journeys
  for (const command of Demo.cycleCommands(Time.addDays(today, 7))) {
    yield* journeys.execute("t-ada", command)
  }
  return yield* journeys.load("t-ada")
})

export const journey: Cycle.Journey = await Effect.runPromise(program.pipe(Effect.provide(services)))
console.log(journey.version, journey.cycles[0]?.stage, filename) // 7 Secured /tmp/coaching-…/coaching.db
