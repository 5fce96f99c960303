// The store benches' workload (SQLite in run.mjs, PostgreSQL in postgres.mjs): each stream is one
// teacher's journey of 10 events (the demo cycle decided through the rules, then three
// reflections), appended one event per transaction with the expected version, as commands do.
const { Cycle, Demo, Granularity, Policy, Result } = await import("./core.mjs")

/** Events in each stream. */
export const EVENTS_PER_STREAM = 10

/** The 10 events of one journey, in order. */
export const decided = (() => {
  let journey = Cycle.initialState
  const events = []
  const start = Date.parse("2026-03-02T09:00:00.000Z")
  Demo.cycleCommands("2026-03-09").forEach((command, i) => {
    const d = Cycle.decide(journey, command, {
      policy: Policy.defaultPolicy,
      clock: () => start + i * 3_600_000,
      checkActionStep: Granularity.acceptAll,
      people: Demo.directory()
    })
    if (Result.isFailure(d)) throw new Error(d.failure.message)
    events.push(...d.success)
    journey = Cycle.replay(d.success, journey)
  })
  for (let i = 0; i < 3; i++) {
    events.push({ _tag: "ReflectionAdded", cycleId: "cycle-1", at: "2026-03-10T09:00:00.000Z", by: "t-ada", reflection: { id: `r-${i}`, text: "The pause felt long at first; by Thursday the class expected it." } })
  }
  if (events.length !== EVENTS_PER_STREAM) throw new Error(`the workload has ${events.length} events, not ${EVENTS_PER_STREAM}`)
  return events
})()
