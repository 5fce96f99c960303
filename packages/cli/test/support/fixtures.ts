/**
 * Valid exports built the way an app builds them: the people and their coaching relationships
 * first (each relationship starting before its teacher's first event), then the demo cycle's
 * commands decided through `Cycle.decide` with those people as the rules' directory (so every
 * event is one the rules accepted), then `Export.encode` / `Export.encodeNdjson`. Mutations of
 * these make the invalid fixtures.
 */
import { Cycle, Demo, type Events, Export, Granularity, type Ids, People, Playbook, Policy, Time } from "@coaching/core"
import { Result } from "effect"

/** How many property runs: 200 by default, 10 000 under `npm run test:deep`. */
export const RUNS = Number(process.env["COACHING_PROPERTY_RUNS"] ?? 200)
/**
 * Runs for properties that validate a whole export per run (a few ms each): capped at 2 000 so a
 * deep run stays well under a minute per property.
 */
export const EXPORT_RUNS = Math.min(RUNS * 5, 2000)

const DAY = 86_400_000
const HOUR = 3_600_000
const T0 = Date.parse("2026-09-07T09:00:00.000Z")
/** The first day of every fixture relationship: before the first event (T0). */
const SINCE = "2026-09-01" as Time.CalendarDate

const coach: People.Person = { id: "c-grace" as Ids.PersonId, name: "Grace Hopper", roles: ["coach"], areas: ["questioning"] }
const lead: People.Person = { id: "l-mary" as Ids.PersonId, name: "Mary Somerville", roles: ["lead"] }
const teacher = (i: number): People.Person => ({ id: `t-${i}` as Ids.PersonId, name: `Teacher ${i}`, roles: ["teacher"] })
const relationship = (i: number): People.Relationship => ({
  id: `rel-${i}` as Ids.RelationshipId,
  coachId: coach.id,
  teacherId: teacher(i).id,
  style: "balanced",
  status: "active",
  since: SINCE,
  cohortId: "ect-2026" as Ids.CohortId
})

/** A journey of `cycles` demo cycles, each secured then followed by the next, decided with `people` as the directory. */
export const journeyEvents = (
  teacherId: string,
  coachId: string,
  cycles: number,
  people: People.Directory,
  start = T0,
  checker: Granularity.Checker = Granularity.acceptAll
): Array<Events.JourneyEvent> => {
  let journey = Cycle.emptyJourney(teacherId as Ids.PersonId)
  const events: Array<Events.JourneyEvent> = []
  let t = start
  for (let k = 0; k < cycles; k++) {
    const meetingDay = new Date(t + 5 * HOUR).toISOString().slice(0, 10) as Time.CalendarDate
    const commands = Demo.cycleCommands(Time.addDays(meetingDay, 7), {
      teacherId: teacherId as Ids.PersonId,
      coachId: coachId as Ids.PersonId,
      cycleId: `cycle-${k + 1}` as Ids.CycleId
    })
    commands.forEach((command, i) => {
      const c = k > 0 && command._tag === "StartCycle" ? { ...command, follows: `cycle-${k}` } : command
      const at = i === commands.length - 1 ? t + 7 * DAY : t + i * HOUR
      const decision = Cycle.decide(journey, c, { policy: Policy.defaultPolicy, clock: () => at, checkActionStep: checker, people })
      if (Result.isFailure(decision)) throw new Error(`fixture rejected: ${decision.failure.code} ${decision.failure.message}`)
      for (const event of decision.success) {
        events.push(event)
        journey = Cycle.evolve(journey, event)
      }
    })
    t += 10 * DAY
  }
  return events
}

/** An export of `teachers` teachers (with `cycles` cycles each), their coach and a lead. */
export const makeExport = (teachers = 2, cycles = 1, checker: Granularity.Checker = Granularity.acceptAll): Export.ExportDocument => {
  const people: Array<People.Person> = [coach, lead]
  const relationships: Array<People.Relationship> = []
  for (let i = 1; i <= teachers; i++) {
    people.push(teacher(i))
    relationships.push(relationship(i))
  }
  const directory = People.directory({ people, relationships })
  return Export.make({
    people,
    cohorts: [{ id: "ect-2026" as Ids.CohortId, name: "Early-career teachers 2026" }],
    relationships,
    playbooks: [Playbook.defaultPlaybook],
    journeys: relationships.map((r) => ({ teacherId: r.teacherId, events: journeyEvents(r.teacherId, r.coachId, cycles, directory, T0, checker) }))
  })
}

/**
 * The canonical JSON text of a fixture export. Its granularity reports are `acceptAll`'s (so the
 * CLI keeps them as recorded and says so) unless another checker is given, e.g.
 * `@coaching/granularity`'s, whose reports the CLI recomputes.
 */
export const jsonText = (teachers = 2, cycles = 1, checker: Granularity.Checker = Granularity.acceptAll): string =>
  Export.encode(makeExport(teachers, cycles, checker))

/** The canonical NDJSON text of a fixture export (a newline after every line). */
export const ndjsonText = (teachers = 2, cycles = 1, checker: Granularity.Checker = Granularity.acceptAll): string =>
  [...Export.encodeNdjson(makeExport(teachers, cycles, checker))].map((l) => `${l}\n`).join("")

/** The fixture as plain JSON values, ready to mutate. */
export const plain = (teachers = 2, cycles = 1): any => JSON.parse(jsonText(teachers, cycles))

/**
 * A JSON document's findings as core's `Export.validate` states them: without the line and
 * column the CLI adds, and without what only the CLI sees in the text (duplicate keys, rounded
 * numbers).
 */
export const asCore = (findings: ReadonlyArray<{ readonly code: string; readonly line?: number; readonly column?: number }>) =>
  findings.filter((f) => f.code !== "JSON_DUPLICATE_KEY" && f.code !== "JSON_INEXACT_NUMBER").map(({ column: _c, line: _l, ...rest }) => rest)
