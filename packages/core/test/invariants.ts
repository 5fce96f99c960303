/**
 * The invariants of `domain.md`, written as checks over a journey's event log and its folded
 * state. Each returns a list of broken-invariant sentences (empty when it holds), so a property
 * failure says which invariant broke and where.
 */
import { Cycle, type Events, Policy, Time } from "../src/index.js"

type Event = Events.JourneyEvent

const byCycle = (events: ReadonlyArray<Event>): Map<string, Array<Event>> => {
  const map = new Map<string, Array<Event>>()
  for (const e of events) {
    if (e.cycleId === undefined) continue // a reflection on the journey, not on a cycle
    const list = map.get(e.cycleId) ?? []
    list.push(e)
    map.set(e.cycleId, list)
  }
  return map
}

/** 1. Single focus: at most one open cycle per teacher. */
export const singleFocus = (journey: Cycle.Journey): Array<string> => {
  const open = journey.cycles.filter((c) => !Cycle.isEnded(c))
  return open.length <= 1 ? [] : [`1 single focus: ${open.length} open cycles (${open.map((c) => c.id).join(", ")})`]
}

/** 2. Evidence: a leverage point cites ≥ 1 visit of its cycle dated on or before it. */
export const evidence = (events: ReadonlyArray<Event>): Array<string> => {
  const out: Array<string> = []
  for (const [id, log] of byCycle(events)) {
    const visits = new Map<string, string>()
    for (const e of log) {
      if (e._tag === "VisitRecorded") visits.set(e.visit.id, e.at)
      if (e._tag === "LeveragePointIdentified") {
        if (e.leveragePoint.evidence.length === 0) out.push(`2 evidence: cycle ${id} leverage point cites no visit`)
        for (const v of e.leveragePoint.evidence) {
          const at = visits.get(v)
          if (at === undefined || at > e.at) out.push(`2 evidence: cycle ${id} cites ${v}, not an earlier visit of the cycle`)
        }
      }
    }
  }
  return out
}

/** 3. One current action step from Planned on; every revision kept, in order. */
export const oneCurrentStep = (journey: Cycle.Journey, events: ReadonlyArray<Event>): Array<string> => {
  const out: Array<string> = []
  const logs = byCycle(events)
  for (const cycle of journey.cycles) {
    const agreed = (logs.get(cycle.id) ?? []).filter((e) => e._tag === "ActionStepAgreed")
    if (JSON.stringify(cycle.actionSteps) !== JSON.stringify(agreed)) out.push(`3 revisions: cycle ${cycle.id} lost or reordered action-step revisions`)
    const planned = ["Planned", "Practising", "Replanning", "Secured"].includes(cycle.stage)
    if (planned && Cycle.currentActionStep(cycle) === undefined) out.push(`3 current step: cycle ${cycle.id} is ${cycle.stage} without an action step`)
  }
  return out
}

/** 4. Granular: every agreed step passed the check or carries an override with a reason. */
export const granular = (events: ReadonlyArray<Event>): Array<string> =>
  events.flatMap((e) =>
    e._tag === "ActionStepAgreed" && !e.actionStep.granularity.granular && !(e.actionStep.override?.reason.trim())
      ? [`4 granular: step ${e.actionStep.id} is not granular and has no override reason`]
      : []
  )

/** 5. Practice before classroom: each follow-up comes after a rehearsal (meeting or practice) with enough reps, each with feedback. */
export const practiceBeforeClassroom = (events: ReadonlyArray<Event>, policy: Policy.Policy): Array<string> => {
  const out: Array<string> = []
  for (const [id, log] of byCycle(events)) {
    let rehearsed = false
    for (const e of log) {
      if (e._tag === "FeedbackMeetingHeld" || e._tag === "PracticeSessionHeld") {
        const reps = e._tag === "FeedbackMeetingHeld" ? e.meeting.reps : e.session.reps
        rehearsed = reps.length >= policy.rehearsal.minReps && reps.every((r) => r.feedback.trim().length > 0)
      }
      if (e._tag === "FollowUpRecorded") {
        if (!rehearsed) out.push(`5 practice: cycle ${id} has a follow-up without a rehearsal before it`)
        if (e.followUp.outcome === "partly" || e.followUp.outcome === "not-yet") rehearsed = false
      }
    }
  }
  return out
}

/** 6. Timeline: every due date set by a meeting, practice session, extension or unseen follow-up is within policy. */
export const timeline = (events: ReadonlyArray<Event>, policy: Policy.Policy): Array<string> =>
  events.flatMap((e) => {
    const due =
      e._tag === "FeedbackMeetingHeld"
        ? e.meeting.followUpDue
        : e._tag === "PracticeSessionHeld"
        ? e.session.followUpDue
        : e._tag === "TimelineExtended"
        ? e.followUpDue
        : e._tag === "FollowUpRecorded"
        ? e.followUp.nextDue
        : undefined
    if (due === undefined) return []
    const advice = Policy.adviseDue(policy, Time.dateOf(e.at), due)
    return advice === "too-soon" || advice === "too-late" ? [`6 timeline: ${e._tag} at ${e.at} sets ${due} (${advice})`] : []
  })

/** 7. Chronology: a cycle's event times never go backwards (we hold the whole journey to it). */
export const chronology = (events: ReadonlyArray<Event>): Array<string> =>
  events.flatMap((e, i) => (i > 0 && e.at < events[i - 1]!.at ? [`7 chronology: event ${i} at ${e.at} is before ${events[i - 1]!.at}`] : []))

/** 8. Secured only by a follow-up that saw the step secured. */
export const securedBySecuredFollowUp = (journey: Cycle.Journey, events: ReadonlyArray<Event>): Array<string> => {
  const logs = byCycle(events)
  return journey.cycles.flatMap((c) => {
    if (c.stage !== "Secured") return []
    const last = logs.get(c.id)?.filter((e) => e._tag !== "ReflectionAdded").at(-1)
    return last?._tag === "FollowUpRecorded" && last.followUp.outcome === "secured" ? [] : [`8 secured: cycle ${c.id} is secured without a secured follow-up`]
  })
}

/** 9. Terminal is final: nothing after Secured or Closed — but the teacher's reflections (the record outlives the cycle). */
export const terminalIsFinal = (events: ReadonlyArray<Event>): Array<string> => {
  const out: Array<string> = []
  for (const [id, log] of byCycle(events)) {
    const end = log.findIndex((e) => e._tag === "CycleClosed" || (e._tag === "FollowUpRecorded" && e.followUp.outcome === "secured"))
    const after = end < 0 ? [] : log.slice(end + 1).filter((e) => e._tag !== "ReflectionAdded")
    if (after.length > 0) out.push(`9 terminal: cycle ${id} has ${after.length} event(s) after it ended (${after.map((e) => e._tag).join(", ")})`)
  }
  return out
}

const forbiddenKeys = /^(grade|grading|rating|rated|judg(e)?ment|verdict|ofsted|outstanding|inadequate|requiresImprovement|level|rank|mark|marks)$/i

/** 13. No grades: no field anywhere holds a judgement of the teacher (only the step's text gets a `score`). */
export const noGrades = (value: unknown, path = "$"): Array<string> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => noGrades(v, `${path}[${i}]`))
  if (typeof value !== "object" || value === null) return []
  return Object.entries(value).flatMap(([k, v]) => {
    const here = `${path}.${k}`
    const bad = forbiddenKeys.test(k) || (k === "score" && !path.endsWith(".granularity"))
    return [...(bad ? [`13 no grades: field ${here}`] : []), ...noGrades(v, here)]
  })
}

/** Every state invariant over a journey and its log (10 — replay — is checked by the callers). */
export const all = (journey: Cycle.Journey, events: ReadonlyArray<Event>, policy: Policy.Policy): Array<string> => [
  ...singleFocus(journey),
  ...evidence(events),
  ...oneCurrentStep(journey, events),
  ...granular(events),
  ...practiceBeforeClassroom(events, policy),
  ...timeline(events, policy),
  ...chronology(events),
  ...securedBySecuredFollowUp(journey, events),
  ...terminalIsFinal(events),
  ...noGrades(events)
]
