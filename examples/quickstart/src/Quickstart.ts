/**
 * The quickstart: walks a demo teacher (Ada, coached by Grace) through one full coaching cycle
 * on a SQLite file, with the real granularity checker and the real feedback script, printing the
 * script before the meeting and the whole journey at the end. Run it again and the journey goes
 * on: the next cycle starts, linked to the secured one with `follows`.
 *
 * @since 0.1.0
 */
import { SqliteStore } from "@coaching/adapter-sqlite"
import { Access, Cycle, Demo, Ids, Journeys, type People, Store, Time } from "@coaching/core"
import { generateFeedbackScript, renderScript, type ScriptError } from "@coaching/feedback-script"
import { checkActionStep } from "@coaching/granularity"
import { Clock, Effect, Layer, Result } from "effect"

/** The demo's people and their coaching relationship (`Demo.records()`), registered before anything is recorded. @since 0.2.0 */
export const demo = Demo.records()

const person = (id: Ids.PersonId): People.Person => demo.people.find((p) => p.id === id)!

/** The demo's teacher, Ada. @since 0.1.0 */
export const ada: People.Person = person(Demo.people.teacherId)
/** The demo's coach, Grace. @since 0.1.0 */
export const grace: People.Person = person(Demo.people.coachId)
/** Their coaching relationship (active since 1 September 2025). @since 0.1.0 */
export const relationship: People.Relationship = demo.relationships[0]!

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

/** Every way a run can stop: a refused command or read, the store, the feedback script. @since 0.2.0 */
export type RunError = Journeys.ExecuteError | Journeys.LoadError | Store.InvalidInput | Store.StoreError | ScriptError

/** Runs the quickstart on `filename` (shown as `label`), printing through `log`. @since 0.1.0 */
export const run = (filename: string, log: (line: string) => void = console.log, label: string = filename): Effect.Effect<Outcome, RunError> => {
  const services = Journeys.layer({ checkActionStep }).pipe(Layer.provideMerge(SqliteStore.layer({ filename })))
  return Effect.gen(function*() {
    // The rules check who records what: the people and their relationship come first (a rerun
    // puts the same records again).
    const store = yield* Store.CoachingStore
    for (const p of demo.people) yield* store.records("person").put(p)
    for (const r of demo.relationships) yield* store.records("relationship").put(r)
    const names = new Map(demo.people.map((p) => [p.id, p.name]))

    // Grace records the cycle on Ada's journey: every command is checked against her rights.
    const journeys = yield* Journeys.Journeys
    const coach = Access.principal("coach", grace.id)
    const today = Time.today(yield* Clock.currentTimeMillis)
    const before = (yield* journeys.load(coach, ada.id)).journey
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
        const script = generateFeedbackScript({ cycle, style: relationship.style, teacherName: ada.name }, { meetingDate: today })
        if (Result.isFailure(script)) return yield* Effect.fail(script.failure)
        log(renderScript(script.success, "text"))
        log("")
        scriptPrinted = true
      }
      const executed = yield* journeys.execute(coach, ada.id, command)
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
