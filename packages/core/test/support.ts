/**
 * Test support for the decider: a Given/When/Then helper, a scenario driver with a stepping
 * clock, and a deterministic stand-in granularity checker.
 */
import { Result, Schema } from "effect"
import { expect } from "vitest"
import { Cycle, Demo, type Events, type Granularity, type Ids, People, Policy } from "../src/index.js"

/** How many property runs: 200 by default, 10 000 under `npm run test:deep`. */
export const RUNS = Number(process.env["COACHING_PROPERTY_RUNS"] ?? 200)

/**
 * A test timeout that grows with the run count (10 000 model runs take about a minute and a half
 * here); `COACHING_TEST_TIMEOUT` raises it (the mutation run's instrumented code is slower).
 */
export const TIMEOUT = Math.max(30_000, RUNS * 60, Number(process.env["COACHING_TEST_TIMEOUT"] ?? 0))

/** The instant the scenarios start at. */
export const T0 = Date.parse("2026-11-02T09:00:00.000Z")
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

/**
 * A stand-in checker with a verdict a test can steer: a step mentioning "bundle" or joining
 * with "and also" is not granular. The real checker is tested in `@coaching/granularity`.
 */
export const fakeChecker: Granularity.Checker = (text) => {
  const at = text.search(/bundle|and also/i)
  return at >= 0
    ? { granular: false, score: 0.2, findings: [{ code: "COMPOUND", message: "Several techniques at once.", span: [at, text.length] }], suggestions: [] }
    : { granular: true, score: 0.9, findings: [], suggestions: [] }
}

/** A person with these roles (name = id). */
export const person = (id: string, ...roles: Array<People.Role>): People.Person => ({ id: id as Ids.PersonId, name: id, roles: roles as [People.Role] })
/** An active directive relationship since 2025-09-01, unless `over` says otherwise. */
export const relationship = (id: string, coachId: string, teacherId: string, over: Partial<People.Relationship> = {}): People.Relationship => ({
  id: id as Ids.RelationshipId,
  coachId: coachId as Ids.PersonId,
  teacherId: teacherId as Ids.PersonId,
  style: "directive",
  status: "active",
  since: "2025-09-01" as never,
  ...over
})

/**
 * The people of the decider's tests: the demo teacher and coach (active since 2025-09-01), a
 * second coach taking over (`c-new`, active too), a coach whose relationship ended
 * (`c-former`, until 2026-10-01), a coach with no relationship (`c-other`), a teacher who also
 * coaches (`t-dual`), another teacher and a lead. `x-stranger` is nobody.
 */
export const records = {
  people: [
    ...Demo.records().people,
    person("c-new", "coach"),
    person("c-former", "coach"),
    person("c-other", "coach"),
    person("t-dual", "teacher", "coach"),
    person("t-other", "teacher"),
    person("l-lead", "lead")
  ],
  relationships: [
    ...Demo.records().relationships,
    relationship("rel-new", "c-new", "t-ada"),
    relationship("rel-former", "c-former", "t-ada", { status: "ended", until: "2026-10-01" as never }),
    relationship("rel-dual", "c-grace", "t-dual")
  ]
}
export const testDirectory = People.directory(records)

/** A context whose clock reads `at` (epoch ms). */
export const contextAt = (at: number, policy: Policy.Policy = Policy.defaultPolicy, people: People.Directory = testDirectory): Cycle.Context => ({
  policy,
  clock: () => at,
  checkActionStep: fakeChecker,
  people
})

/** Runs commands one hour apart from `T0`; fails the test on the first rejection. */
export const run = (commands: ReadonlyArray<unknown>, start = T0, step = HOUR) => {
  let journey = Cycle.initialState
  const events: Array<Events.JourneyEvent> = []
  commands.forEach((command, i) => {
    const decision = Cycle.decide(journey, command, contextAt(start + i * step))
    if (Result.isFailure(decision)) throw new Error(`command ${i} rejected: ${decision.failure.code} ${decision.failure.message}`)
    events.push(...decision.success)
    journey = Cycle.replay(decision.success, journey)
  })
  return { events, journey, nextAt: start + commands.length * step }
}

/** The demo cycle's commands (follow-up due a week after the meeting day). */
export const demo = Demo.cycleCommands("2026-11-09")
export const { teacherId, coachId, cycleId } = Demo.people

/** The demo cycle up to and including command `n` (1 = started … 7 = secured). */
export const demoUpTo = (n: number) => run(demo.slice(0, n))

/** One hour after the last event (or `T0`). */
export const nextInstant = (events: ReadonlyArray<Events.JourneyEvent>): number =>
  events.length === 0 ? T0 : Date.parse(events[events.length - 1]!.at) + HOUR

/** Given these events, when this command (at `at`), then … */
export const given = (events: ReadonlyArray<Events.JourneyEvent>) => ({
  when: (command: unknown, at = nextInstant(events), policy = Policy.defaultPolicy) => {
    const before = Cycle.replay(events)
    const snapshot = structuredClone(before)
    const decision = Cycle.decide(before, command, contextAt(at, policy))
    const unchanged = () => expect(before).toEqual(snapshot)
    return {
      decision,
      /** Then exactly these events (tags), and the cycle ends in this stage. */
      then: (tags: ReadonlyArray<Events.EventTag>, stage?: Cycle.Stage) => {
        if (Result.isFailure(decision)) throw new Error(`expected events, got ${decision.failure.code}: ${decision.failure.message}`)
        expect(decision.success.map((e) => e._tag)).toEqual(tags)
        const after = Cycle.replay(decision.success, before)
        if (stage !== undefined) {
          const id = (command as { cycleId: string }).cycleId
          expect(after.cycles.find((c) => c.id === id)?.stage).toBe(stage)
        }
        unchanged()
        return after
      },
      /** Then this error code, a sentence, and nothing changed. */
      thenError: (code: string) => {
        if (Result.isSuccess(decision)) throw new Error(`expected ${code}, got events ${decision.success.map((e) => e._tag).join(", ")}`)
        expect(decision.failure.code).toBe(code)
        expect(decision.failure.message.length).toBeGreaterThan(10)
        unchanged()
        return decision.failure
      }
    }
  }
})

/** A filter whose predicate is `predicate` and whose representation claims effect's `id`/`payload` (the guard tests). */
export const forged = <T>(predicate: (value: T) => boolean, id: string, payload?: unknown) =>
  Schema.makeFilter<T>(predicate, { representation: payload === undefined ? { id } : { id, payload } } as never)
