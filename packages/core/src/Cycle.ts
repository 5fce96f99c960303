/**
 * The coaching cycle as a decider — every rule of the cycle is in this file.
 *
 * The aggregate is a teacher's **journey**: one stream per teacher holding all their cycles, so
 * that single focus (≤ 1 open cycle per teacher) is decided against one state and enforced by
 * one expected-version append (see `docs/decisions/0001-journey-aggregate.md`).
 *
 * ```
 * Observing  --IdentifyLeveragePoint-->  Diagnosed  --AgreeActionStep-->  Planned
 * Planned    --HoldFeedbackMeeting (rehearsal, due date)-->  Practising
 * Practising --RecordFollowUp secured-->  Secured (terminal)
 * Practising --RecordFollowUp partly | not-yet-->  Replanning --HoldPracticeSession-->  Practising
 * Practising --RecordFollowUp not-seen (next due) | ExtendTimeline-->  Practising
 * any open   --CloseCycle-->  Closed (terminal)
 * ```
 *
 * - `decide(journey, command, context)` → the events to append, or a typed `CycleError`.
 *   It is pure: time comes from `context.clock`, the granularity verdict from
 *   `context.checkActionStep`, limits from `context.policy`.
 * - `evolve(journey, event)` folds one event; `replay(events)` folds a whole log.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { Command, type CommandTag } from "./Commands.js"
import type { Rep } from "./Entities.js"
import {
  ActorNotAllowed,
  CycleEnded,
  type CycleError,
  CycleNotFound,
  DuplicateId,
  EvidenceMissing,
  InvalidClock,
  InvalidCommand,
  InvalidSuccessor,
  NotGranular,
  OpenCycleExists,
  PeopleMismatch,
  RehearsalInsufficient,
  StageMismatch,
  TimelineOutOfPolicy,
  TimeWentBackwards
} from "./Errors.js"
import type { EventOf, JourneyEvent } from "./Events.js"
import type { Checker } from "./Granularity.js"
import type { CycleId, PersonId } from "./Ids.js"
import { issuesOf } from "./internal/issues.js"
import { adviseDue, type Policy } from "./Policy.js"
import { type CalendarDate, dateOf, type Timestamp, timestampFromMillis } from "./Time.js"

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** Where a cycle is. `Secured` and `Closed` are terminal. @since 0.1.0 */
export type Stage = "Observing" | "Diagnosed" | "Planned" | "Practising" | "Replanning" | "Secured" | "Closed"

/** One cycle, as folded from its events (which it keeps: nothing is lost). @since 0.1.0 */
export interface CycleState {
  readonly id: CycleId
  readonly teacherId: PersonId
  readonly coachId: PersonId
  /** The secured cycle this one follows, if any. */
  readonly follows: CycleId | undefined
  readonly stage: Stage
  readonly startedAt: Timestamp
  readonly endedAt: Timestamp | undefined
  readonly visits: ReadonlyArray<EventOf<"VisitRecorded">>
  readonly leveragePoint: EventOf<"LeveragePointIdentified"> | undefined
  /** Every revision of the action step, oldest first; the last one is current. */
  readonly actionSteps: ReadonlyArray<EventOf<"ActionStepAgreed">>
  readonly meetings: ReadonlyArray<EventOf<"FeedbackMeetingHeld">>
  readonly practiceSessions: ReadonlyArray<EventOf<"PracticeSessionHeld">>
  readonly followUps: ReadonlyArray<EventOf<"FollowUpRecorded">>
  readonly extensions: ReadonlyArray<EventOf<"TimelineExtended">>
  readonly reflections: ReadonlyArray<EventOf<"ReflectionAdded">>
  /** When the coach is due back in class, while practising. */
  readonly followUpDue: CalendarDate | undefined
  readonly closeReason: string | undefined
}

/** A teacher's journey: all their cycles, in the order they started. @since 0.1.0 */
export interface Journey {
  readonly teacherId: PersonId | undefined
  /** How many events were folded (the stream version). */
  readonly version: number
  readonly lastAt: Timestamp | undefined
  readonly cycles: ReadonlyArray<CycleState>
}

/** The journey before any event. @since 0.1.0 */
export const initialState: Journey = { teacherId: undefined, version: 0, lastAt: undefined, cycles: [] }

/** Whether a cycle has ended (secured or closed). @since 0.1.0 */
export const isEnded = (cycle: CycleState): boolean => cycle.stage === "Secured" || cycle.stage === "Closed"

/** The teacher's open cycle, if any (there is at most one). @since 0.1.0 */
export const openCycle = (journey: Journey): CycleState | undefined => journey.cycles.find((c) => !isEnded(c))

/** A cycle of the journey by id. @since 0.1.0 */
export const findCycle = (journey: Journey, id: CycleId): CycleState | undefined => journey.cycles.find((c) => c.id === id)

/** The current action step of a cycle (its latest revision). @since 0.1.0 */
export const currentActionStep = (cycle: CycleState): EventOf<"ActionStepAgreed"> | undefined => cycle.actionSteps.at(-1)

// ---------------------------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------------------------

/** What `decide` needs besides state and command. @since 0.1.0 */
export interface Context {
  readonly policy: Policy
  /** Now, in epoch milliseconds. Tests pass a fixed or arbitrary clock. */
  readonly clock: () => number
  /** The granularity checker; `checkActionStep` from `@coaching/granularity` in apps. */
  readonly checkActionStep: Checker
}

// ---------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------

/** What `decide` returns: the events to append, or why not. @since 0.1.0 */
export type Decision = Result.Result<ReadonlyArray<JourneyEvent>, CycleError>

const decodeCommand = Schema.decodeUnknownResult(Command)

/**
 * Decides a command against a journey. The command is validated first (a JavaScript caller
 * may pass anything); a rejection is a typed error and the journey is unchanged.
 *
 * @since 0.1.0
 */
export const decide = (journey: Journey, command: unknown, context: Context): Decision => {
  const decoded = decodeCommand(command, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    const issue = issuesOf(decoded.failure.issue)[0]!
    return Result.fail(
      new InvalidCommand({ code: "INVALID_COMMAND", path: issue.path, message: `Invalid command at ${issue.path}: ${issue.message}` })
    )
  }
  const at = timestampFromMillis(safeClock(context.clock))
  if (at === undefined) {
    return Result.fail(new InvalidClock({ code: "INVALID_CLOCK", message: "The clock did not return a valid instant." }))
  }
  return decideAt(journey, decoded.success, at, context)
}

const safeClock = (clock: () => number): number => {
  try {
    return clock()
  } catch {
    return Number.NaN
  }
}

const fail = (error: CycleError): Decision => Result.fail(error)
const emit = (event: JourneyEvent): Decision => Result.succeed([event])

/** Commands only the cycle's coach records; only the teacher adds reflections; the rest, either. */
const coachOnly: ReadonlySet<CommandTag> = new Set(["RecordVisit", "HoldFeedbackMeeting", "HoldPracticeSession", "RecordFollowUp"])
const teacherOnly: ReadonlySet<CommandTag> = new Set(["AddReflection"])

/**
 * Decides an already well-formed command at a given instant. This is `decide` without input
 * validation or clock: it is how imported records are replayed through the same rules.
 *
 * @since 0.1.0
 */
export const decideAt = (
  journey: Journey,
  command: Command,
  at: Timestamp,
  context: Omit<Context, "clock">
): Decision => {
  if (journey.lastAt !== undefined && at < journey.lastAt) {
    return fail(
      new TimeWentBackwards({
        code: "TIME_WENT_BACKWARDS",
        message: `This happened at ${at}, before the journey's last record at ${journey.lastAt}; a record's times never go backwards.`
      })
    )
  }
  const base = { cycleId: command.cycleId, at, by: command.by }

  if (command._tag === "StartCycle") {
    if (journey.teacherId !== undefined && command.teacherId !== journey.teacherId) {
      return fail(new PeopleMismatch({ code: "TEACHER_MISMATCH", message: `This journey belongs to teacher ${journey.teacherId}, not ${command.teacherId}.` }))
    }
    if (command.coachId === command.teacherId) {
      return fail(new PeopleMismatch({ code: "COACH_IS_TEACHER", message: "A teacher cannot be their own coach." }))
    }
    if (command.by !== command.coachId && command.by !== command.teacherId) {
      return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `Only the coach or the teacher can start a cycle; ${command.by} is neither.` }))
    }
    if (findCycle(journey, command.cycleId)) {
      return fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Cycle ${command.cycleId} already exists in this journey.` }))
    }
    const open = openCycle(journey)
    if (open) {
      return fail(
        new OpenCycleExists({ code: "OPEN_CYCLE_EXISTS", message: `The teacher already has an open cycle (${open.id}); secure or close it first: one focus at a time.` })
      )
    }
    if (command.follows !== undefined) {
      const previous = findCycle(journey, command.follows)
      if (!previous || previous.stage !== "Secured" || journey.cycles.some((c) => c.follows === command.follows)) {
        return fail(
          new InvalidSuccessor({ code: "INVALID_SUCCESSOR", message: `A new cycle can follow only a secured cycle of this journey that has no successor yet; ${command.follows} is not one.` })
        )
      }
    }
    return emit({
      _tag: "CycleStarted",
      ...base,
      teacherId: command.teacherId,
      coachId: command.coachId,
      ...(command.follows !== undefined ? { follows: command.follows } : {})
    })
  }

  const cycle = findCycle(journey, command.cycleId)
  if (!cycle) return fail(new CycleNotFound({ code: "CYCLE_NOT_FOUND", message: `There is no cycle ${command.cycleId} in this journey.` }))
  if (isEnded(cycle)) {
    return fail(new CycleEnded({ code: "CYCLE_ENDED", message: `Cycle ${cycle.id} is ${cycle.stage.toLowerCase()}: nothing more is recorded on it; start a new cycle.` }))
  }
  if (coachOnly.has(command._tag) && command.by !== cycle.coachId) {
    return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `Only the cycle's coach (${cycle.coachId}) can do this; ${command.by} cannot.` }))
  }
  if (teacherOnly.has(command._tag) && command.by !== cycle.teacherId) {
    return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `Only the teacher (${cycle.teacherId}) adds reflections; ${command.by} cannot.` }))
  }
  if (command.by !== cycle.coachId && command.by !== cycle.teacherId) {
    return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `${command.by} is neither the coach nor the teacher of cycle ${cycle.id}.` }))
  }
  const stageMismatch = (what: string) =>
    fail(new StageMismatch({ code: "STAGE_MISMATCH", message: `${what} is not possible while the cycle is ${cycle.stage.toLowerCase()}.` }))

  switch (command._tag) {
    case "RecordVisit": {
      if (cycle.stage !== "Observing" && cycle.stage !== "Diagnosed" && cycle.stage !== "Planned") {
        return stageMismatch("Recording a lesson visit (follow-ups record what the coach sees after the meeting)")
      }
      if (journey.cycles.some((c) => c.visits.some((v) => v.visit.id === command.visit.id))) {
        return fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Visit ${command.visit.id} is already recorded.` }))
      }
      return emit({ _tag: "VisitRecorded", ...base, visit: command.visit })
    }

    case "IdentifyLeveragePoint": {
      if (cycle.stage !== "Observing") return stageMismatch("Identifying another leverage point (one per cycle)")
      const evidence = command.leveragePoint.evidence
      if (evidence.length === 0) {
        return fail(new EvidenceMissing({ code: "LEVERAGE_POINT_WITHOUT_EVIDENCE", message: "A leverage point must cite at least one lesson visit as evidence." }))
      }
      const unknown = evidence.filter((id) => !cycle.visits.some((v) => v.visit.id === id))
      if (unknown.length > 0) {
        return fail(
          new EvidenceMissing({ code: "EVIDENCE_NOT_IN_CYCLE", message: `The leverage point cites ${unknown.join(", ")}, which ${unknown.length === 1 ? "is not a visit" : "are not visits"} of this cycle.` })
        )
      }
      return emit({ _tag: "LeveragePointIdentified", ...base, leveragePoint: command.leveragePoint })
    }

    case "AgreeActionStep": {
      if (cycle.stage === "Observing") {
        return fail(new StageMismatch({ code: "LEVERAGE_POINT_MISSING", message: "Identify the leverage point before agreeing an action step." }))
      }
      if (cycle.stage === "Practising") return stageMismatch("Revising the action step before the follow-up")
      const draft = command.actionStep
      if (journey.cycles.some((c) => c.actionSteps.some((s) => s.actionStep.id === draft.id))) {
        return fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Action step ${draft.id} is already recorded; a revision gets a new id.` }))
      }
      const report = context.checkActionStep(draft.text)
      // + 0 turns a -0 into 0: JSON cannot keep -0, and the record must survive export → import
      const granularity = { ...report, score: report.score + 0, findings: report.findings.map((f) => ({ ...f, span: [f.span[0] + 0, f.span[1] + 0] as const })) }
      if (!granularity.granular && draft.override === undefined) {
        return fail(
          new NotGranular({
            code: "ACTION_STEP_NOT_GRANULAR",
            message: `The action step is not one granular teacher action${granularity.findings.length > 0 ? `: ${granularity.findings.map((f) => f.message).join(" ")}` : "."} Split it, or override with a written reason.`,
            findings: granularity.findings.map((f) => f.code)
          })
        )
      }
      return emit({ _tag: "ActionStepAgreed", ...base, actionStep: { ...draft, granularity } })
    }

    case "HoldFeedbackMeeting": {
      if (cycle.stage === "Observing" || cycle.stage === "Diagnosed") {
        return fail(new StageMismatch({ code: "ACTION_STEP_MISSING", message: "Agree an action step before holding the feedback meeting." }))
      }
      if (cycle.stage !== "Planned") return stageMismatch("Another feedback meeting (use a practice session after a follow-up)")
      const problem = checkRehearsal(command.meeting.reps, context.policy) ?? checkDue(at, command.meeting.followUpDue, context.policy)
      if (problem) return fail(problem)
      return emit({ _tag: "FeedbackMeetingHeld", ...base, meeting: command.meeting })
    }

    case "HoldPracticeSession": {
      if (cycle.stage !== "Replanning") return stageMismatch("A practice session (it follows a follow-up that did not see the step secured)")
      const problem = checkRehearsal(command.session.reps, context.policy) ?? checkDue(at, command.session.followUpDue, context.policy)
      if (problem) return fail(problem)
      return emit({ _tag: "PracticeSessionHeld", ...base, session: command.session })
    }

    case "RecordFollowUp": {
      if (cycle.stage === "Observing" || cycle.stage === "Diagnosed" || cycle.stage === "Planned") {
        return fail(
          new StageMismatch({ code: "FOLLOW_UP_BEFORE_MEETING", message: "A follow-up comes after the feedback meeting in which the step was rehearsed." })
        )
      }
      if (cycle.stage === "Replanning") {
        return fail(new StageMismatch({ code: "FOLLOW_UP_BEFORE_PRACTICE", message: "The step was not secured: practise it again before the next follow-up." }))
      }
      const { outcome, nextDue } = command.followUp
      if (outcome === "not-seen") {
        if (nextDue === undefined) {
          return fail(new TimelineOutOfPolicy({ code: "NEXT_DUE_REQUIRED", message: "The step was not seen: give the date of the next follow-up." }))
        }
        const problem = checkDue(at, nextDue, context.policy)
        if (problem) return fail(problem)
      } else if (nextDue !== undefined) {
        return fail(
          new TimelineOutOfPolicy({ code: "NEXT_DUE_UNEXPECTED", message: `A next due date goes only with a step not seen; after "${outcome}" the practice session sets it.` })
        )
      }
      return emit({ _tag: "FollowUpRecorded", ...base, followUp: command.followUp })
    }

    case "ExtendTimeline": {
      if (cycle.stage !== "Practising") return stageMismatch("Extending the timeline")
      const problem = checkDue(at, command.followUpDue, context.policy)
      if (problem) return fail(problem)
      return emit({ _tag: "TimelineExtended", ...base, followUpDue: command.followUpDue, reason: command.reason })
    }

    case "AddReflection": {
      if (journey.cycles.some((c) => c.reflections.some((r) => r.reflection.id === command.reflection.id))) {
        return fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Reflection ${command.reflection.id} is already recorded.` }))
      }
      return emit({ _tag: "ReflectionAdded", ...base, reflection: command.reflection })
    }

    case "CloseCycle":
      return emit({ _tag: "CycleClosed", ...base, reason: command.reason })
  }
}

/** Practice before classroom: enough reps, each with the coach's feedback. */
const checkRehearsal = (reps: ReadonlyArray<Rep>, policy: Policy): CycleError | undefined => {
  if (reps.length < policy.rehearsal.minReps) {
    return new RehearsalInsufficient({
      code: "REHEARSAL_TOO_FEW_REPS",
      message: `The teacher rehearsed ${reps.length} time${reps.length === 1 ? "" : "s"}; at least ${policy.rehearsal.minReps} rep${policy.rehearsal.minReps === 1 ? "" : "s"} with feedback ${policy.rehearsal.minReps === 1 ? "is" : "are"} needed before the classroom (${policy.rehearsal.targetMin}–${policy.rehearsal.targetMax} is the target).`
    })
  }
  const silent = reps.findIndex((r) => r.feedback.trim().length === 0)
  if (silent >= 0) {
    return new RehearsalInsufficient({ code: "REP_WITHOUT_FEEDBACK", message: `Rep ${silent + 1} has no feedback; every rep gets the coach's feedback.` })
  }
  return undefined
}

/** Timeline: a due date within policy, counted in days from the day it is set. */
const checkDue = (at: Timestamp, due: CalendarDate, policy: Policy): CycleError | undefined => {
  switch (adviseDue(policy, dateOf(at), due)) {
    case "too-soon":
      return new TimelineOutOfPolicy({
        code: "FOLLOW_UP_DUE_TOO_SOON",
        message: `The follow-up is due ${due}, less than ${policy.followUp.minDays} day${policy.followUp.minDays === 1 ? "" : "s"} after ${dateOf(at)}.`
      })
    case "too-late":
      return new TimelineOutOfPolicy({
        code: "FOLLOW_UP_DUE_TOO_LATE",
        message: `The follow-up is due ${due}, more than ${policy.followUp.maxDays} days after ${dateOf(at)}: too long to keep the step in focus.`
      })
    default:
      return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// evolve / replay
// ---------------------------------------------------------------------------------------------

/** Folds one event into the journey. Events are facts: evolve never rejects. @since 0.1.0 */
export const evolve = (journey: Journey, event: JourneyEvent): Journey => {
  const next = { ...journey, version: journey.version + 1, lastAt: event.at }
  if (event._tag === "CycleStarted") {
    const cycle: CycleState = {
      id: event.cycleId,
      teacherId: event.teacherId,
      coachId: event.coachId,
      follows: event.follows,
      stage: "Observing",
      startedAt: event.at,
      endedAt: undefined,
      visits: [],
      leveragePoint: undefined,
      actionSteps: [],
      meetings: [],
      practiceSessions: [],
      followUps: [],
      extensions: [],
      reflections: [],
      followUpDue: undefined,
      closeReason: undefined
    }
    return { ...next, teacherId: journey.teacherId ?? event.teacherId, cycles: [...journey.cycles, cycle] }
  }
  return { ...next, cycles: journey.cycles.map((c) => (c.id === event.cycleId ? evolveCycle(c, event) : c)) }
}

const evolveCycle = (cycle: CycleState, event: JourneyEvent): CycleState => {
  switch (event._tag) {
    case "CycleStarted":
      return cycle
    case "VisitRecorded":
      return { ...cycle, visits: [...cycle.visits, event] }
    case "LeveragePointIdentified":
      return { ...cycle, leveragePoint: event, stage: "Diagnosed" }
    case "ActionStepAgreed":
      return { ...cycle, actionSteps: [...cycle.actionSteps, event], stage: cycle.stage === "Diagnosed" ? "Planned" : cycle.stage }
    case "FeedbackMeetingHeld":
      return { ...cycle, meetings: [...cycle.meetings, event], stage: "Practising", followUpDue: event.meeting.followUpDue }
    case "PracticeSessionHeld":
      return { ...cycle, practiceSessions: [...cycle.practiceSessions, event], stage: "Practising", followUpDue: event.session.followUpDue }
    case "FollowUpRecorded": {
      const followUps = [...cycle.followUps, event]
      switch (event.followUp.outcome) {
        case "secured":
          return { ...cycle, followUps, stage: "Secured", endedAt: event.at, followUpDue: undefined }
        case "not-seen":
          return { ...cycle, followUps, followUpDue: event.followUp.nextDue }
        default:
          return { ...cycle, followUps, stage: "Replanning", followUpDue: undefined }
      }
    }
    case "TimelineExtended":
      return { ...cycle, extensions: [...cycle.extensions, event], followUpDue: event.followUpDue }
    case "ReflectionAdded":
      return { ...cycle, reflections: [...cycle.reflections, event] }
    case "CycleClosed":
      return { ...cycle, stage: "Closed", endedAt: event.at, followUpDue: undefined, closeReason: event.reason }
  }
}

/** The journey a log of events describes. Deterministic: the same events, the same state. @since 0.1.0 */
export const replay = (events: Iterable<JourneyEvent>, from: Journey = initialState): Journey => {
  let journey = from
  for (const event of events) journey = evolve(journey, event)
  return journey
}

// ---------------------------------------------------------------------------------------------
// events → commands (re-deciding a recorded log)
// ---------------------------------------------------------------------------------------------

/**
 * The command that would have produced an event. Re-deciding it at the event's time, with the
 * recorded granularity report, checks a recorded log against the rules (`Export.validate`).
 *
 * @since 0.1.0
 */
export const commandOf = (event: JourneyEvent): Command => {
  const base = { cycleId: event.cycleId, by: event.by }
  switch (event._tag) {
    case "CycleStarted":
      return {
        _tag: "StartCycle",
        ...base,
        teacherId: event.teacherId,
        coachId: event.coachId,
        ...(event.follows !== undefined ? { follows: event.follows } : {})
      }
    case "VisitRecorded":
      return { _tag: "RecordVisit", ...base, visit: event.visit }
    case "LeveragePointIdentified":
      return { _tag: "IdentifyLeveragePoint", ...base, leveragePoint: event.leveragePoint }
    case "ActionStepAgreed": {
      const { granularity: _granularity, ...actionStep } = event.actionStep
      return { _tag: "AgreeActionStep", ...base, actionStep }
    }
    case "FeedbackMeetingHeld":
      return { _tag: "HoldFeedbackMeeting", ...base, meeting: event.meeting }
    case "PracticeSessionHeld":
      return { _tag: "HoldPracticeSession", ...base, session: event.session }
    case "FollowUpRecorded":
      return { _tag: "RecordFollowUp", ...base, followUp: event.followUp }
    case "TimelineExtended":
      return { _tag: "ExtendTimeline", ...base, followUpDue: event.followUpDue, reason: event.reason }
    case "ReflectionAdded":
      return { _tag: "AddReflection", ...base, reflection: event.reflection }
    case "CycleClosed":
      return { _tag: "CloseCycle", ...base, reason: event.reason }
  }
}

/**
 * Re-decides one recorded event against the journey before it: `undefined` when the rules
 * accept it, else the error they give.
 *
 * @since 0.1.0
 */
export const check = (journey: Journey, event: JourneyEvent, policy: Policy): CycleError | undefined => {
  const recorded = event._tag === "ActionStepAgreed" ? event.actionStep.granularity : undefined
  const decision = decideAt(journey, commandOf(event), event.at, {
    policy,
    checkActionStep: (text) => recorded ?? { granular: text.trim().length > 0, score: 0, findings: [], suggestions: [] }
  })
  return Result.isFailure(decision) ? decision.failure : undefined
}
