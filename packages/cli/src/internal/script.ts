/**
 * `coaching script`: the feedback script of a teacher's open cycle (or a named one), read from an
 * export document — with the relationship's style, the programme's policy and playbooks, and the
 * secured cycle a continuing cycle follows — as the coach who reads it is allowed to.
 */
import { Access, Cycle, type Export, type Ids, type People, Playbook, Reports, type Time } from "@coaching/core"
import { type FeedbackScript, generateFeedbackScript, type Locale } from "@coaching/feedback-script"
import { Result } from "effect"

/** Why no script: a stable code and a sentence (the script's own errors keep their codes). */
export interface ScriptProblem {
  readonly code: string
  readonly message: string
  readonly path?: string
}

/** What to write the script for. */
export interface ScriptRequest {
  readonly teacherId: string
  readonly cycleId: string | undefined
  /** Who reads: a coach (default: the cycle's coach). */
  readonly as: string | undefined
  readonly meetingDate: Time.CalendarDate
  readonly style: People.Style | undefined
  readonly locale: Locale
  readonly followUpDays: number | undefined
  readonly reps: number | undefined
}

/** The playbook that names the cycle's technique (else the programme's first, else the starter one). */
const playbookFor = (playbooks: ReadonlyArray<Playbook.Playbook>, cycle: Cycle.CycleState): Playbook.Playbook | undefined => {
  const ids = [cycle.actionSteps.at(-1)?.actionStep.techniqueId, cycle.leveragePoint?.leveragePoint.techniqueId].filter((id) => id !== undefined)
  return playbooks.find((p) => ids.some((id) => Playbook.findTechnique(p, id) !== undefined)) ?? playbooks[0]
}

/** The script of the teacher's open cycle (or `cycleId`), or why not. */
export const scriptFor = (doc: Export.ExportDocument, request: ScriptRequest): Result.Result<FeedbackScript, ScriptProblem> => {
  const journey = doc.journeys.find((j) => j.teacherId === request.teacherId)
  if (journey === undefined) return Result.fail({ code: "NO_SUCH_JOURNEY", path: "--teacher", message: `There is no journey for teacher ${request.teacherId} in this source.` })
  const state = Cycle.replay(journey.events)
  const cycle = request.cycleId === undefined ? Cycle.openCycle(state) : Cycle.findCycle(state, request.cycleId as Ids.CycleId)
  if (cycle === undefined) {
    return Result.fail(
      request.cycleId === undefined
        ? { code: "NO_OPEN_CYCLE", path: "--teacher", message: `Teacher ${request.teacherId} has no open cycle; name one with --cycle.` }
        : { code: "NO_SUCH_CYCLE", path: "--cycle", message: `Teacher ${request.teacherId} has no cycle ${request.cycleId}.` }
    )
  }
  // the record is read through the rights: a coach, coaching this teacher on the meeting day
  const reader = Access.principal("coach", request.as ?? cycle.coachId)
  const relationships = doc.relationships.filter((r) => r.teacherId === request.teacherId)
  const denied = Reports.authorize(reader, "journey.read", { people: doc.people, relationships: doc.relationships, cohorts: doc.cohorts, playbooks: doc.playbooks }, {
    teacherId: request.teacherId as Ids.PersonId,
    relationships,
    today: request.meetingDate
  })
  if (denied !== undefined) return Result.fail({ code: denied.code, message: denied.message })
  const relationship = relationships.findLast((r) => r.coachId === cycle.coachId)
  const teacher = doc.people.find((p) => p.id === request.teacherId)
  const previous = cycle.leveragePoint?.leveragePoint.continues === undefined ? undefined : Cycle.findCycle(state, cycle.leveragePoint.leveragePoint.continues)
  const playbook = playbookFor(doc.playbooks, cycle)
  const result = generateFeedbackScript(
    { cycle, ...(previous !== undefined ? { previous } : {}), style: relationship?.style, teacherName: teacher?.name },
    {
      meetingDate: request.meetingDate,
      locale: request.locale,
      ...(request.style !== undefined ? { style: request.style } : {}),
      ...(doc.policy !== undefined ? { policy: doc.policy } : {}),
      ...(request.followUpDays !== undefined ? { followUpDays: request.followUpDays } : {}),
      ...(request.reps !== undefined ? { reps: request.reps } : {}),
      ...(playbook !== undefined ? { playbook } : {})
    }
  )
  return Result.isSuccess(result)
    ? Result.succeed(result.success)
    : Result.fail({ code: result.failure.code, message: result.failure.message, ...("path" in result.failure ? { path: result.failure.path } : {}) })
}
