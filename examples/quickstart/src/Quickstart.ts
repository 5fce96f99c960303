/**
 * The quickstart: walks a demo teacher (Ada, coached by Grace) through one full coaching cycle
 * on a SQLite file, with the real granularity checker and the real feedback script, printing the
 * script before the meeting and the whole journey at the end. Run it again and the journey goes
 * on: the next cycle starts, linked to the secured one with `follows`.
 *
 * @since 0.1.0
 */
import { SqliteStore } from "@coaching/adapter-sqlite"
import { Cycle, Demo, Ids, Journeys, type People, Store, Time } from "@coaching/core"
import { generateFeedbackScript, renderScript } from "@coaching/feedback-script"
import { checkActionStep } from "@coaching/granularity"
import { Clock, Effect, Layer, Result } from "effect"

/** The demo's people. @since 0.1.0 */
export const ada: People.Person = { id: Demo.people.teacherId, name: "Ada Lovelace", roles: ["teacher"] }
/** The demo's coach. @since 0.1.0 */
export const grace: People.Person = { id: Demo.people.coachId, name: "Grace Hopper", roles: ["coach"], areas: ["questioning", "behaviour"] }
/** Their coaching relationship. @since 0.1.0 */
export const relationship: People.Relationship = {
  id: "rel-grace-ada" as Ids.RelationshipId,
  coachId: grace.id,
  teacherId: ada.id,
  style: "directive",
  status: "active",
  since: "2026-09-01" as Time.CalendarDate
}

/** What one run did. @since 0.1.0 */
export interface Outcome {
  readonly cycleId: Ids.CycleId
  readonly journey: Cycle.Journey
  readonly scriptPrinted: boolean
}

/** The commands of the run's cycle: the next one after a secured cycle, or the open one resumed. */
const plan = (journey: Cycle.Journey, today: Time.CalendarDate) => {
  const open = Cycle.openCycle(journey)
  const last = journey.cycles.at(-1)
  const cycleId = open?.id ?? (`cycle-${journey.cycles.length + 1}` as Ids.CycleId)
  const commands = Demo.cycleCommands(Time.addDays(today, 7), { ...Demo.people, cycleId })
  const start = commands[0]!
  const linked = open === undefined && last?.stage === "Secured" && start._tag === "StartCycle"
    ? [{ ...start, follows: last.id }, ...commands.slice(1)]
    : commands
  // Each demo command records one event: skip those the open cycle already has.
  const done = open === undefined ? 0 : countEvents(open)
  return { cycleId, commands: linked.slice(done), resumed: done }
}

const countEvents = (c: Cycle.CycleState): number =>
  1 + c.visits.length + (c.leveragePoint ? 1 : 0) + c.actionSteps.length + c.meetings.length + c.followUps.length +
  c.practiceSessions.length + c.extensions.length + c.reflections.length

const describeCycle = (c: Cycle.CycleState, names: ReadonlyMap<string, string>): Array<string> => {
  const step = Cycle.currentActionStep(c)
  const meeting = c.meetings.at(-1)
  const followUp = c.followUps.at(-1)
  return [
    `  ${c.id}  ${c.stage.padEnd(10)} coach ${names.get(c.coachId) ?? c.coachId}, started ${c.startedAt.slice(0, 10)}${
      c.endedAt ? `, ended ${c.endedAt.slice(0, 10)}` : ""
    }${c.follows ? `, follows ${c.follows}` : ""}`,
    `      visits: ${c.visits.length} (${c.visits.map((v) => v.visit.context).join("; ")})`,
    ...(c.leveragePoint ? [`      leverage point: ${c.leveragePoint.leveragePoint.text}`] : []),
    ...(step
      ? [`      action step: ${step.actionStep.text} (granular: ${step.actionStep.granularity.granular}, score ${step.actionStep.granularity.score.toFixed(2)})`]
      : []),
    ...(meeting ? [`      feedback meeting: ${meeting.meeting.minutes} min, ${meeting.meeting.reps.length} reps, follow-up due ${meeting.meeting.followUpDue}`] : []),
    ...(followUp ? [`      follow-up: ${followUp.followUp.outcome} — ${followUp.followUp.evidence}`] : [])
  ]
}

/** Runs the quickstart on `filename` (shown as `label`), printing through `log`. @since 0.1.0 */
export const run = (filename: string, log: (line: string) => void = console.log, label: string = filename) => {
  const services = Journeys.layer({ checkActionStep }).pipe(Layer.provideMerge(SqliteStore.layer({ filename })))
  return Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    const journeys = yield* Journeys.Journeys
    for (const person of [ada, grace]) yield* store.putPerson(person)
    yield* store.putRelationship(relationship)
    const names = new Map([[ada.id, ada.name], [grace.id, grace.name]])

    const today = Time.dateOf(Time.timestampFromMillis(yield* Clock.currentTimeMillis)!)
    const before = yield* journeys.load(ada.id)
    const { commands, cycleId, resumed } = plan(before, today)
    log(`Coaching store: ${label}`)
    log(
      before.version === 0
        ? `${ada.name} has no coaching record yet: starting ${cycleId} with ${grace.name}.`
        : resumed > 0
        ? `Resuming ${cycleId} of ${ada.name}'s journey (${before.version} events recorded).`
        : `${ada.name}'s journey has ${before.cycles.length} cycle(s), ${before.version} events: starting ${cycleId}, following ${before.cycles.at(-1)?.id}.`
    )
    log("")

    let journey = before
    let scriptPrinted = false
    for (const command of commands) {
      if (command._tag === "HoldFeedbackMeeting") {
        const cycle = Cycle.findCycle(journey, cycleId)!
        const script = generateFeedbackScript({ cycle, style: relationship.style, teacherName: "Ada" }, { meetingDate: today })
        if (Result.isFailure(script)) return yield* Effect.fail(script.failure)
        log(renderScript(script.success, "text"))
        log("")
        scriptPrinted = true
      }
      const executed = yield* journeys.execute(ada.id, command)
      journey = executed.journey
      for (const event of executed.events) log(`  recorded ${event._tag} (${event.cycleId}) at ${event.at}`)
    }

    log("")
    log(`${ada.name}'s journey — ${journey.version} events, ${journey.cycles.length} cycle(s):`)
    for (const cycle of journey.cycles) for (const line of describeCycle(cycle, names)) log(line)
    log("")
    log(`Run it again to start the next cycle; delete ${label} to start over.`)
    return { cycleId, journey, scriptPrinted } satisfies Outcome
  }).pipe(Effect.provide(services))
}

/** The stream id of the demo teacher's journey (for tools inspecting the file). @since 0.1.0 */
export const streamId = Ids.journeyStreamId(ada.id)
