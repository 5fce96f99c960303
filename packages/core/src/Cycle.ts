/**
 * The coaching cycle as a decider — every rule of a command is in this file.
 *
 * The aggregate is a teacher's **journey**: one stream per teacher holding all their cycles, so
 * that single focus (≤ 1 open cycle per teacher) is decided against one state and enforced by
 * one expected-version append (see `docs/decisions/0001-journey-aggregate.md`).
 *
 * ```
 * Observing  --IdentifyLeveragePoint-->  Diagnosed  --AgreeActionStep-->  Planned
 * Planned    --HoldFeedbackMeeting (rehearsal, due date)-->  Practising
 * Diagnosed  --HoldFeedbackMeeting, facilitative, agreeing the step in the meeting-->  Practising
 * (nothing)  --StartCycle following a secured cycle, continuing its leverage point-->  Diagnosed
 * Practising --RecordFollowUp secured-->  Secured (terminal)
 * Practising --RecordFollowUp partly | not-yet-->  Replanning --HoldPracticeSession-->  Practising
 * Practising --RecordFollowUp not-seen (next due) | ExtendTimeline-->  Practising
 * any open   --CloseCycle-->  Closed (terminal)
 * ```
 *
 * Who may record what is part of the rules: the coach records the cycle, and only on days their
 * coaching relationship with the teacher is active; the teacher adds reflections at any time (to
 * a cycle, even an ended one, or to the journey) and may propose a leverage point or an action
 * step, which the coach then agrees (`AgreeProposal`: the record keeps who proposed and who
 * agreed). People and relationships come from `context.people`, a read-only `People.Directory`.
 *
 * - `decide(journey, command, context)` → the events to append, or a typed `CycleError`.
 *   It is pure and never throws: time comes from `context.clock`, the granularity verdict from
 *   `context.checkActionStep`, limits from `context.policy`, people from `context.people`.
 * - `evolve(journey, event)` folds one event; `replay(events)` folds a whole log.
 * - `check(journey, event, context)` re-decides a recorded event: how exports are validated.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { Command, type CommandTag } from "./Commands.js"
import type { ActionStepDraft, Calibration, CalibrationReview, CalibrationTarget, Group, LeveragePoint, Rep } from "./Entities.js"
import {
  ActorNotAllowed,
  CalibrationProblem,
  ContextFailed,
  CycleEnded,
  type CycleError,
  CycleNotFound,
  DuplicateId,
  EvidenceMissing,
  InvalidClock,
  InvalidCommand,
  InvalidGroup,
  InvalidSuccessor,
  NotGranular,
  OpenCycleExists,
  PeopleMismatch,
  PersonUnknown,
  ProposalUnavailable,
  RecordMismatch,
  RehearsalInsufficient,
  RelationshipInactive,
  StageMismatch,
  TimelineOutOfPolicy,
  TimeWentBackwards,
  UnknownTechnique
} from "./Errors.js"
import type { EventOf, JourneyEvent } from "./Events.js"
import { type Checker, CheckerVersion, GranularityReport } from "./Granularity.js"
import type { CycleId, PersonId, ProposalId, TechniqueId } from "./Ids.js"
import { issuesOf } from "./internal/issues.js"
import { activeOn, type Directory, type Person, type Relationship, type Role, type Style } from "./People.js"
import { adviseDue, adviseReps, calibrationOf, type Policy, Policy as PolicySchema } from "./Policy.js"
import { defaultPlaybook, findTechnique, type Playbook } from "./Playbook.js"
import { isBlank } from "./Text.js"
import { type CalendarDate, dateOf, daysBetween, type Timestamp, timestampFromMillis } from "./Time.js"

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** Where a cycle is. `Secured` and `Closed` are terminal. @since 0.1.0 */
export const Stage = Schema.Literals(["Observing", "Diagnosed", "Planned", "Practising", "Replanning", "Secured", "Closed"])
/** @since 0.1.0 */
export type Stage = typeof Stage.Type

/** A teacher's proposal, as recorded. @since 0.2.0 */
export type Proposal = EventOf<"LeveragePointProposed"> | EventOf<"ActionStepProposed">

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
  /**
   * Every revision of the action step, oldest first; the last one is current. A step agreed in a
   * facilitative meeting is listed here too, as agreed at the meeting.
   */
  readonly actionSteps: ReadonlyArray<EventOf<"ActionStepAgreed">>
  /** The teacher's proposals, agreed or not, oldest first. */
  readonly proposals: ReadonlyArray<Proposal>
  readonly meetings: ReadonlyArray<EventOf<"FeedbackMeetingHeld">>
  readonly practiceSessions: ReadonlyArray<EventOf<"PracticeSessionHeld">>
  readonly followUps: ReadonlyArray<EventOf<"FollowUpRecorded">>
  readonly extensions: ReadonlyArray<EventOf<"TimelineExtended">>
  readonly reflections: ReadonlyArray<EventOf<"ReflectionAdded">>
  /** Calibrations of the leverage point and the action step, oldest first. */
  readonly calibrations: ReadonlyArray<EventOf<"Calibrated">>
  /** The group this cycle belongs to, for a group cycle. */
  readonly group: Group | undefined
  /** When the coach is due back in class, while practising. */
  readonly followUpDue: CalendarDate | undefined
  readonly closeReason: string | undefined
}

/** A teacher's journey: all their cycles, in the order they started. @since 0.1.0 */
export interface Journey {
  /** Whose journey this is (`undefined` only for `initialState`, before any address). */
  readonly teacherId: PersonId | undefined
  /** How many events were folded (the stream version). */
  readonly version: number
  readonly lastAt: Timestamp | undefined
  readonly cycles: ReadonlyArray<CycleState>
  /** The teacher's reflections on the journey as a whole (not on one cycle). */
  readonly reflections: ReadonlyArray<EventOf<"ReflectionAdded">>
}

/** A journey before any event and before it is addressed to a teacher. @since 0.1.0 */
export const initialState: Journey = { teacherId: undefined, version: 0, lastAt: undefined, cycles: [], reflections: [] }

/** The journey of `teacherId` before any event: commands decided against it must be for that teacher. @since 0.2.0 */
export const emptyJourney = (teacherId: PersonId): Journey => ({ ...initialState, teacherId })

/** Whether a cycle has ended (secured or closed). @since 0.1.0 */
export const isEnded = (cycle: CycleState): boolean => cycle.stage === "Secured" || cycle.stage === "Closed"

/** The teacher's open cycle, if any (there is at most one). @since 0.1.0 */
export const openCycle = (journey: Journey): CycleState | undefined => journey.cycles.find((c) => !isEnded(c))

/** A cycle of the journey by id. @since 0.1.0 */
export const findCycle = (journey: Journey, id: CycleId): CycleState | undefined => journey.cycles.find((c) => c.id === id)

/** The current action step of a cycle (its latest revision). @since 0.1.0 */
export const currentActionStep = (cycle: Pick<CycleState, "actionSteps">): EventOf<"ActionStepAgreed"> | undefined => cycle.actionSteps.at(-1)

/** A proposal of a cycle by id. @since 0.2.0 */
export const findProposal = (cycle: CycleState, id: ProposalId): Proposal | undefined => cycle.proposals.find((p) => p.proposalId === id)

/** Whether a proposal has been agreed by the coach. @since 0.2.0 */
export const isAgreed = (cycle: CycleState, id: ProposalId): boolean =>
  cycle.leveragePoint?.proposalId === id || cycle.actionSteps.some((s) => s.proposalId === id)

/**
 * Whether a cycle's leverage point or current action step is calibrated: a calibration agreed
 * its wording as it stands now (a revised step needs a new one). A version-1 leverage point
 * carrying its own `calibration` counts too.
 *
 * @since 0.2.0
 */
export const isCalibrated = (cycle: Pick<CycleState, "leveragePoint" | "actionSteps" | "calibrations">, target: CalibrationTarget): boolean => {
  const text = target === "leverage-point" ? cycle.leveragePoint?.leveragePoint.text : currentActionStep(cycle)?.actionStep.text
  if (text === undefined) return false
  if (target === "leverage-point" && cycle.leveragePoint?.leveragePoint.calibration !== undefined) return true
  return cycle.calibrations.some((c) => c.calibration.target === target && c.calibration.wording === text)
}

/**
 * Whether a cycle is ready for a feedback meeting (`Planned`) or a practice session
 * (`Replanning`), and if not, why — the same answer `decide` gives to `HoldFeedbackMeeting` /
 * `HoldPracticeSession`. Tools that prepare a meeting (the feedback script) ask this. With the
 * meeting's `style`, a facilitative meeting may be held from `Diagnosed` (it agrees the step);
 * with the programme's `policy`, a meeting whose step is not calibrated is not ready where the
 * policy requires calibration (`CALIBRATION_REQUIRED`; the cycle's calibrations are read).
 *
 * @since 0.2.0
 */
export const readyForMeeting = (
  cycle: Pick<CycleState, "id" | "stage"> & Partial<Pick<CycleState, "leveragePoint" | "actionSteps" | "calibrations">>,
  options: { readonly style?: Style; readonly policy?: Policy } = {}
): Readiness => {
  const readiness = stageReadiness(cycle, options.style)
  if (!readiness.ready || readiness.occasion !== "feedback-meeting" || options.policy === undefined || calibrationOf(options.policy) !== "required") return readiness
  const calibrated = readiness.stepToAgree !== true && isCalibrated({ leveragePoint: cycle.leveragePoint, actionSteps: cycle.actionSteps ?? [], calibrations: cycle.calibrations ?? [] }, "action-step")
  return calibrated ? readiness : {
    ready: false,
    code: "CALIBRATION_REQUIRED",
    message: readiness.stepToAgree === true
      ? `The programme requires calibrated action steps, and a step agreed in the meeting cannot be calibrated beforehand: agree cycle ${cycle.id}'s step and have coaches calibrate it before the meeting.`
      : `The programme requires calibrated action steps: coaches review cycle ${cycle.id}'s step together (Calibrate) before the meeting.`
  }
}

const stageReadiness = (cycle: Pick<CycleState, "id" | "stage">, style: Style | undefined): Readiness => {
  switch (cycle.stage) {
    case "Planned":
      return { ready: true, occasion: "feedback-meeting" }
    case "Replanning":
      return { ready: true, occasion: "practice-session" }
    case "Observing":
      return { ready: false, code: "LEVERAGE_POINT_MISSING", message: `Cycle ${cycle.id} has no leverage point yet: identify it (citing a visit) before the meeting.` }
    case "Diagnosed":
      // A facilitative meeting agrees the step in the meeting; the other styles agree it first.
      return style === "facilitative"
        ? { ready: true, occasion: "feedback-meeting", stepToAgree: true }
        : { ready: false, code: "ACTION_STEP_MISSING", message: `Cycle ${cycle.id} has no action step yet: agree one before the meeting (or hold a facilitative meeting that agrees it).` }
    case "Practising":
      return { ready: false, code: "MEETING_HELD", message: `Cycle ${cycle.id} is practising: the meeting was held; the follow-up in class comes next.` }
    case "Secured":
    case "Closed":
      return { ready: false, code: "CYCLE_ENDED", message: `Cycle ${cycle.id} is ${cycle.stage.toLowerCase()}: no meeting is held on it; start the next cycle.` }
  }
}

/** The answer of `readyForMeeting`. @since 0.2.0 */
export type Readiness =
  | {
    readonly ready: true
    readonly occasion: "feedback-meeting" | "practice-session"
    /** A facilitative meeting from Diagnosed: the teacher arrives at the step in the meeting. */
    readonly stepToAgree?: true
  }
  | {
    readonly ready: false
    readonly code: "LEVERAGE_POINT_MISSING" | "ACTION_STEP_MISSING" | "MEETING_HELD" | "CYCLE_ENDED" | "CALIBRATION_REQUIRED"
    readonly message: string
  }

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
  /** The people and their coaching relationships (`People.directory(...)`, or the store's). */
  readonly people: Directory
  /**
   * The programme's playbooks, which technique ids are checked against (absent or empty: the
   * default playbook, `Playbook.defaultPlaybook`).
   */
  readonly playbooks?: ReadonlyArray<Playbook>
}

/** The commands the teacher records; the coach records every other one. @since 0.2.0 */
export const teacherCommands: ReadonlySet<CommandTag> = new Set(["AddReflection", "ProposeLeveragePoint", "ProposeActionStep"])

/** Who records a command: the teacher (reflections, proposals) or the coach (the rest). @since 0.2.0 */
export const recordedBy = (tag: CommandTag): "teacher" | "coach" => (teacherCommands.has(tag) ? "teacher" : "coach")

// ---------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------

/** What `decide` returns: the events to append, or why not. @since 0.1.0 */
export type Decision = Result.Result<ReadonlyArray<JourneyEvent>, CycleError>

const decodeCommandSchema = Schema.decodeUnknownResult(Command)

/**
 * Validates a command from outside (JavaScript, JSON, HTTP): the typed command, or
 * `INVALID_COMMAND` naming the first bad field. Never throws, even for hostile objects.
 *
 * @since 0.2.0
 */
export const parseCommand = (command: unknown): Result.Result<Command, InvalidCommand> => {
  const copied = plainCopy(command, "$", 0)
  if (copied instanceof Unreadable) {
    return Result.fail(new InvalidCommand({ code: "INVALID_COMMAND", path: copied.path, message: `The command could not be read at ${copied.path}: ${copied.message}` }))
  }
  try {
    const decoded = decodeCommandSchema(copied, { onExcessProperty: "error" })
    if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
    const issue = issuesOf(decoded.failure.issue)[0]!
    return Result.fail(new InvalidCommand({ code: "INVALID_COMMAND", path: issue.path, message: `Invalid command at ${issue.path}: ${issue.message}` }))
  } catch (error) {
    return Result.fail(
      new InvalidCommand({ code: "INVALID_COMMAND", path: "$", message: `The command could not be read: ${error instanceof Error ? error.message : String(error)}` })
    )
  }
}

/** A property of a command that could not be read (a getter or a proxy trap threw). */
class Unreadable {
  constructor(readonly path: string, readonly message: string) {}
}

/**
 * A plain copy of a value from outside (own enumerable properties of objects and arrays), read
 * once: a getter or a proxy trap that throws is caught here, with its path, instead of inside
 * the Schema decode (which would report it as an unreadable defect). Deeper than any command
 * (64 levels), the value is passed on as it is.
 */
const plainCopy = (value: unknown, path: string, depth: number): unknown => {
  if (typeof value !== "object" || value === null || depth > 64) return value
  try {
    if (Array.isArray(value)) {
      const out: Array<unknown> = []
      for (let i = 0; i < value.length; i++) {
        let raw: unknown
        try {
          raw = value[i]
        } catch (error) {
          return new Unreadable(`${path}[${i}]`, describeError(error))
        }
        const item = plainCopy(raw, `${path}[${i}]`, depth + 1)
        if (item instanceof Unreadable) return item
        out.push(item)
      }
      return out
    }
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      let item: unknown
      try {
        item = (value as Record<string, unknown>)[key]
      } catch (error) {
        return new Unreadable(`${path}.${key}`, describeError(error))
      }
      const copied = plainCopy(item, `${path}.${key}`, depth + 1)
      if (copied instanceof Unreadable) return copied
      out[key] = copied
    }
    return out
  } catch (error) {
    return new Unreadable(path, describeError(error))
  }
}

/**
 * Decides a command against a journey. The command is validated first (a JavaScript caller
 * may pass anything); a rejection is a typed error and the journey is unchanged.
 *
 * @since 0.1.0
 */
export const decide = (journey: Journey, command: unknown, context: Context): Decision => {
  const parsed = parseCommand(command)
  if (Result.isFailure(parsed)) return Result.fail(parsed.failure)
  if (typeof context !== "object" || context === null) return Result.fail(unreadable("decide needs a context object (policy, clock, checkActionStep, people)."))
  const at = timestampFromMillis(safeClock(() => context.clock()))
  if (at === undefined) {
    return Result.fail(new InvalidClock({ code: "INVALID_CLOCK", message: "The clock did not return a valid instant." }))
  }
  return decideAt(journey, parsed.success, at, context)
}

const safeClock = (clock: () => number): number => {
  try {
    return clock()
  } catch {
    return Number.NaN
  }
}

/** Thrown by the context wrappers and caught in `decideAt`: a part the caller supplied failed. */
class Failed {
  constructor(readonly error: ContextFailed) {}
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const isPerson = (u: unknown): u is Person =>
  typeof u === "object" && u !== null && typeof (u as Person).id === "string" && Array.isArray((u as Person).roles)

/** The context's lookups and checker, made safe: a throw or junk becomes a typed `ContextFailed`. */
const safeContext = (context: Omit<Context, "clock">) => {
  const people = context.people as Partial<Directory> | undefined
  // The lookup's two functions, read once: a getter that throws is an unreadable context.
  let person: unknown
  let relationshipsOf: unknown
  try {
    person = people?.person
    relationshipsOf = people?.relationshipsOf
  } catch (error) {
    throw new Failed(unreadable(`The journey or the context could not be read: ${describeError(error)}`))
  }
  if (typeof person !== "function" || typeof relationshipsOf !== "function") {
    throw new Failed(
      new ContextFailed({ code: "LOOKUP_UNAVAILABLE", message: "The context has no people lookup (context.people, a People.Directory); the rules cannot check who is recording." })
    )
  }
  // The sentence naming what was being looked up is built only when the lookup fails.
  const threw = (what: string, error: unknown): Failed =>
    new Failed(new ContextFailed({ code: "LOOKUP_FAILED", message: `The people lookup failed while ${what}: ${describeError(error)}` }))
  const unexpected = (what: string): Failed =>
    new Failed(new ContextFailed({ code: "LOOKUP_FAILED", message: `The people lookup returned something unexpected while ${what}.` }))
  const playbooks = Array.isArray(context.playbooks) && context.playbooks.length > 0 ? context.playbooks : [defaultPlaybook]
  return {
    technique: (id: TechniqueId): boolean => playbooks.some((playbook) => findTechnique(playbook, id) !== undefined),
    playbookNames: () => playbooks.map((p) => p.id).join(", "),
    person: (id: PersonId): Person | undefined => {
      let found: Person | undefined
      try {
        found = (person as Directory["person"]).call(people, id)
      } catch (error) {
        throw threw(`looking up ${id}`, error)
      }
      if (found !== undefined && !isPerson(found)) throw unexpected(`looking up ${id}`)
      return found
    },
    relationshipsOf: (teacherId: PersonId): ReadonlyArray<Relationship> => {
      let found: ReadonlyArray<Relationship>
      try {
        found = (relationshipsOf as Directory["relationshipsOf"]).call(people, teacherId)
      } catch (error) {
        throw threw(`listing the relationships of ${teacherId}`, error)
      }
      if (!Array.isArray(found)) throw unexpected(`listing the relationships of ${teacherId}`)
      return found
    },
    check: (text: string): GranularityReport => {
      let report: unknown
      try {
        report = context.checkActionStep(text)
      } catch (error) {
        throw new Failed(new ContextFailed({ code: "CHECKER_FAILED", message: `The granularity checker failed: ${describeError(error)}` }))
      }
      if (!trustedCheckers.has(context.checkActionStep) && !isReport(report)) {
        throw new Failed(new ContextFailed({ code: "CHECKER_FAILED", message: "The granularity checker returned something that is not a granularity report." }))
      }
      const version = versionOf(context.checkActionStep)
      return version === undefined ? (report as GranularityReport) : { ...(report as GranularityReport), checker: version }
    }
  }
}

/** The checker's `version`, if it names a valid one (read safely: a getter may throw). */
const versionOf = (checker: Checker): string | undefined => {
  try {
    const version: unknown = checker.version
    // A checker version is a string: anything else (most often no version at all) is none, without the Schema check.
    return typeof version === "string" && isCheckerVersion(version) ? version : undefined
  } catch {
    return undefined
  }
}

const isCheckerVersionSchema = Schema.is(CheckerVersion)
/** The Schema's verdict on a version string, remembered (validation asks it at every action step, of the same few strings). */
const checkedVersions = new Map<string, boolean>()
const isCheckerVersion = (version: string): boolean => {
  let valid = checkedVersions.get(version)
  if (valid === undefined) {
    valid = isCheckerVersionSchema(version)
    if (checkedVersions.size < 64) checkedVersions.set(version, valid)
  }
  return valid
}

const isReport = Schema.is(GranularityReport)

/** Checkers whose reports are known to be well formed (`check`'s: the recorded, decoded report), so not decoded again. */
const trustedCheckers = new WeakSet<object>()
const isPolicy = Schema.is(PolicySchema)
/** Policies already checked (a validation re-decides every event with one policy object). */
const policiesSeen = new WeakSet<object>()
const knownPolicy = (policy: unknown): policy is Policy => {
  if (typeof policy === "object" && policy !== null && policiesSeen.has(policy)) return true
  if (!isPolicy(policy)) return false
  policiesSeen.add(policy)
  return true
}

/**
 * Whether `u` can be read as a journey. It reads every field the rules read (`lastAt` and
 * `teacherId` too), so that a getter that throws does so here, where the callers catch it and
 * answer `CONTEXT_UNREADABLE`, not later inside the rules.
 */
const isJourney = (u: unknown): u is Journey => {
  if (typeof u !== "object" || u === null) return false
  const journey = u as Journey
  void journey.lastAt
  void journey.teacherId
  return Array.isArray(journey.cycles) && Array.isArray(journey.reflections)
}

const unreadable = (message: string) => new ContextFailed({ code: "CONTEXT_UNREADABLE", message })

type Safe = ReturnType<typeof safeContext>

const fail = (error: CycleError): Decision => Result.fail(error)
const emit = (event: JourneyEvent): Decision => Result.succeed([event])

/**
 * Decides an already well-formed command at a given instant. This is `decide` without input
 * validation or clock: it is how recorded events are replayed through the same rules.
 *
 * @since 0.1.0
 */
export const decideAt = (
  journey: Journey,
  command: Command,
  at: Timestamp,
  context: Omit<Context, "clock">
): Decision => {
  // Read the caller's parts once, safely: a getter that throws or a part that is not what it
  // should be is a typed error, never an exception.
  let parts: Omit<Context, "clock">
  try {
    parts = {
      policy: context.policy,
      people: context.people,
      checkActionStep: context.checkActionStep,
      ...(context.playbooks !== undefined ? { playbooks: context.playbooks } : {})
    }
    if (!isJourney(journey)) return Result.fail(unreadable("The journey is not a journey (make one with Cycle.emptyJourney or Cycle.replay)."))
  } catch (error) {
    return Result.fail(unreadable(`The journey or the context could not be read: ${describeError(error)}`))
  }
  if (!knownPolicy(parts.policy)) return Result.fail(unreadable("context.policy is not a valid policy (make one with Policy.make)."))
  try {
    return rules(journey, command, at, parts.policy, safeContext(parts))
  } catch (error) {
    if (error instanceof Failed) return Result.fail(error.error)
    throw error
  }
}

const rules = (journey: Journey, command: Command, at: Timestamp, policy: Policy, ctx: Safe): Decision => {
  if (journey.lastAt !== undefined && at < journey.lastAt) {
    return fail(
      new TimeWentBackwards({
        code: "TIME_WENT_BACKWARDS",
        message: `This happened at ${at}, before the journey's last record at ${journey.lastAt}; a record's times never go backwards.`
      })
    )
  }
  const day = dateOf(at)
  const by = command.by
  const actor = ctx.person(by)
  if (actor === undefined) {
    return fail(new PersonUnknown({ code: "UNKNOWN_PERSON", message: `${by} is not a known person: register them before they record anything.` }))
  }
  const teacherId = journey.teacherId ?? (command._tag === "StartCycle" ? command.teacherId : by)
  const role = recordedBy(command._tag)
  if (role === "teacher") {
    if (by !== teacherId) {
      return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `Only the teacher (${teacherId}) records this on their journey; ${by} cannot.` }))
    }
    const problem = hasRole(actor, "teacher")
    if (problem) return fail(problem)
  } else {
    const problem = hasRole(actor, "coach")
    if (problem) return fail(problem)
  }
  /** The acting coach's relationship with the teacher must be active today. */
  const related = (coachId: PersonId): Decision | undefined => {
    const problem = relationshipProblem(ctx, coachId, teacherId, day)
    return problem ? fail(problem) : undefined
  }
  if (command._tag === "StartCycle") {
    if (command.teacherId !== teacherId) {
      return fail(new PeopleMismatch({ code: "TEACHER_MISMATCH", message: `This journey belongs to teacher ${teacherId}, not ${command.teacherId}.` }))
    }
    if (command.coachId === command.teacherId) {
      return fail(new PeopleMismatch({ code: "COACH_IS_TEACHER", message: "A teacher cannot be their own coach." }))
    }
    if (by !== command.coachId) {
      return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `A cycle is started by its coach (${command.coachId}); ${by} cannot.` }))
    }
    const teacher = ctx.person(command.teacherId)
    if (teacher === undefined) {
      return fail(new PersonUnknown({ code: "UNKNOWN_PERSON", message: `Teacher ${command.teacherId} is not a known person: register them first.` }))
    }
    const notTeacher = hasRole(teacher, "teacher")
    if (notTeacher) return fail(notTeacher)
    const unrelated = related(by)
    if (unrelated) return unrelated
    if (findCycle(journey, command.cycleId)) {
      return fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Cycle ${command.cycleId} already exists in this journey.` }))
    }
    const open = openCycle(journey)
    if (open) {
      return fail(
        new OpenCycleExists({ code: "OPEN_CYCLE_EXISTS", message: `The teacher already has an open cycle (${open.id}); secure or close it first: one focus at a time.` })
      )
    }
    const previous = command.follows === undefined ? undefined : findCycle(journey, command.follows)
    if (command.follows !== undefined) {
      if (!previous || previous.stage !== "Secured" || journey.cycles.some((c) => c.follows === command.follows)) {
        return fail(
          new InvalidSuccessor({ code: "INVALID_SUCCESSOR", message: `A new cycle can follow only a secured cycle of this journey that has no successor yet; ${command.follows} is not one.` })
        )
      }
    }
    if (command.continueLeveragePoint === true && previous?.leveragePoint === undefined) {
      return fail(
        new InvalidSuccessor({ code: "INVALID_SUCCESSOR", message: "Only a cycle that follows a secured one can continue its leverage point: name it in follows." })
      )
    }
    if (command.group !== undefined) {
      const problem = groupProblem(command.group, teacherId)
      if (problem) return fail(problem)
    }
    const started: JourneyEvent = {
      _tag: "CycleStarted",
      cycleId: command.cycleId,
      at,
      by,
      teacherId: command.teacherId,
      coachId: command.coachId,
      ...(command.follows !== undefined ? { follows: command.follows } : {}),
      ...(command.group !== undefined ? { group: command.group } : {})
    }
    if (command.continueLeveragePoint !== true || previous?.leveragePoint === undefined) return emit(started)
    // The next granular step on the same focus: the leverage point is carried over, its evidence
    // the secured follow-up of the cycle it continues (calibration belongs to the old cycle).
    const { calibration: _calibration, continues: _continues, evidence: _evidence, ...carried } = previous.leveragePoint.leveragePoint
    const technique = techniqueProblem(carried.techniqueId, ctx)
    if (technique) return fail(technique)
    return Result.succeed([
      started,
      { _tag: "LeveragePointIdentified", cycleId: command.cycleId, at, by, leveragePoint: { ...carried, evidence: [], continues: previous.id } }
    ])
  }

  if (command._tag === "AddReflection") {
    const { cycleId, reflection } = command
    // The record outlives the cycle: a reflection may be added to an ended cycle, or to the journey.
    if (cycleId !== undefined && !findCycle(journey, cycleId)) {
      return fail(new CycleNotFound({ code: "CYCLE_NOT_FOUND", message: `There is no cycle ${cycleId} in this journey.` }))
    }
    // O(1) on a long journey: the journey's reflections are looked up in an index of their ids.
    if (containsId(journey.reflections, reflectionId, reflection.id) || journey.cycles.some((c) => containsId(c.reflections, reflectionId, reflection.id))) {
      return fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Reflection ${reflection.id} is already recorded.` }))
    }
    return emit({ _tag: "ReflectionAdded", ...(cycleId !== undefined ? { cycleId } : {}), at, by, reflection })
  }

  const cycle = findCycle(journey, command.cycleId)
  if (!cycle) return fail(new CycleNotFound({ code: "CYCLE_NOT_FOUND", message: `There is no cycle ${command.cycleId} in this journey.` }))
  if (isEnded(cycle)) {
    return fail(new CycleEnded({ code: "CYCLE_ENDED", message: `Cycle ${cycle.id} is ${cycle.stage.toLowerCase()}: nothing more is recorded on it; start a new cycle.` }))
  }
  // A coach taking over may close the previous coach's cycle; everything else is the cycle's coach's.
  if (role === "coach" && command._tag !== "CloseCycle" && by !== cycle.coachId) {
    return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `Only the cycle's coach (${cycle.coachId}) can do this; ${by} cannot.` }))
  }
  if (role === "coach") {
    const unrelated = related(by)
    if (unrelated) return unrelated
  }
  const base = { cycleId: cycle.id, at, by }
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
      const problem = leveragePointProblem(cycle, command.leveragePoint, "Identifying another leverage point (one per cycle)", ctx, by)
      if (problem) return fail(problem)
      return emit({ _tag: "LeveragePointIdentified", ...base, leveragePoint: command.leveragePoint })
    }

    case "ProposeLeveragePoint": {
      const duplicate = proposalIdProblem(journey, command.proposalId)
      if (duplicate) return fail(duplicate)
      const problem = leveragePointProblem(cycle, command.leveragePoint, "Proposing a leverage point (one per cycle)", ctx, by)
      if (problem) return fail(problem)
      return emit({ _tag: "LeveragePointProposed", ...base, proposalId: command.proposalId, leveragePoint: command.leveragePoint })
    }

    case "AgreeActionStep": {
      const checked = checkActionStep(journey, cycle, command.actionStep, ctx)
      if (Result.isFailure(checked)) return Result.fail(checked.failure)
      return emit({ _tag: "ActionStepAgreed", ...base, actionStep: checked.success })
    }

    case "ProposeActionStep": {
      const duplicate = proposalIdProblem(journey, command.proposalId)
      if (duplicate) return fail(duplicate)
      if (cycle.proposals.some((p) => p._tag === "ActionStepProposed" && p.actionStep.id === command.actionStep.id)) {
        return fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Action step ${command.actionStep.id} is already proposed; a new proposal gets a new id.` }))
      }
      const checked = checkActionStep(journey, cycle, command.actionStep, ctx)
      if (Result.isFailure(checked)) return Result.fail(checked.failure)
      return emit({ _tag: "ActionStepProposed", ...base, proposalId: command.proposalId, actionStep: command.actionStep })
    }

    case "AgreeProposal": {
      const proposal = findProposal(cycle, command.proposalId)
      if (proposal === undefined) {
        return fail(new ProposalUnavailable({ code: "PROPOSAL_NOT_FOUND", message: `There is no proposal ${command.proposalId} in cycle ${cycle.id}.` }))
      }
      if (isAgreed(cycle, command.proposalId)) {
        return fail(new ProposalUnavailable({ code: "PROPOSAL_ALREADY_AGREED", message: `Proposal ${command.proposalId} is already agreed.` }))
      }
      const source = { proposalId: proposal.proposalId, proposedBy: proposal.by }
      if (proposal._tag === "LeveragePointProposed") {
        const problem = leveragePointProblem(cycle, proposal.leveragePoint, "Agreeing another leverage point (one per cycle)", ctx, proposal.by)
        if (problem) return fail(problem)
        return emit({ _tag: "LeveragePointIdentified", ...base, leveragePoint: proposal.leveragePoint, ...source })
      }
      const checked = checkActionStep(journey, cycle, proposal.actionStep, ctx)
      if (Result.isFailure(checked)) return Result.fail(checked.failure)
      return emit({ _tag: "ActionStepAgreed", ...base, actionStep: checked.success, ...source })
    }

    case "HoldFeedbackMeeting": {
      const { agreeStep, meeting } = command
      if (cycle.stage === "Observing" || (cycle.stage === "Diagnosed" && agreeStep === undefined)) {
        return fail(
          new StageMismatch({
            code: "ACTION_STEP_MISSING",
            message: "Agree an action step before holding the feedback meeting (or, in a facilitative meeting, agree it in the meeting with agreeStep)."
          })
        )
      }
      if (cycle.stage === "Planned" && agreeStep !== undefined) {
        return stageMismatch("Agreeing the step in the meeting when it was agreed before (revise it with AgreeActionStep first)")
      }
      if (cycle.stage !== "Planned" && cycle.stage !== "Diagnosed") return stageMismatch("Another feedback meeting (use a practice session after a follow-up)")
      let agreedStep: EventOf<"FeedbackMeetingHeld">["agreedStep"]
      if (agreeStep !== undefined) {
        if (meeting.style !== "facilitative") {
          return fail(
            new StageMismatch({
              code: "ACTION_STEP_MISSING",
              message: `Only a facilitative meeting agrees the step in the meeting; in a ${meeting.style} meeting, agree the step first.`
            })
          )
        }
        if (agreeStep.proposedBy !== cycle.teacherId && agreeStep.proposedBy !== cycle.coachId) {
          return fail(new ActorNotAllowed({ code: "ACTOR_NOT_ALLOWED", message: `The step agreed in the meeting is proposed by its teacher or its coach, not ${agreeStep.proposedBy}.` }))
        }
        const checked = checkActionStep(journey, cycle, agreeStep.actionStep, ctx)
        if (Result.isFailure(checked)) return Result.fail(checked.failure)
        agreedStep = { actionStep: checked.success, proposedBy: agreeStep.proposedBy }
      }
      if (calibrationOf(policy) === "required" && (agreedStep !== undefined || !isCalibrated(cycle, "action-step"))) {
        return fail(
          new CalibrationProblem({
            code: "CALIBRATION_REQUIRED",
            message: "The programme requires calibrated action steps: coaches review the step together (Calibrate) before the meeting."
          })
        )
      }
      const problem = checkRehearsal(meeting.reps, policy) ?? checkDue(at, meeting.followUpDue, policy)
      if (problem) return fail(problem)
      return emit({ _tag: "FeedbackMeetingHeld", ...base, meeting, ...(agreedStep !== undefined ? { agreedStep } : {}) })
    }

    case "Calibrate": {
      const problem = calibrationProblem(cycle, command.calibration, ctx)
      if (problem) return fail(problem)
      return emit({ _tag: "Calibrated", ...base, calibration: command.calibration })
    }

    case "HoldPracticeSession": {
      if (cycle.stage !== "Replanning") return stageMismatch("A practice session (it follows a follow-up that did not see the step secured)")
      const problem = checkRehearsal(command.session.reps, policy) ?? checkDue(at, command.session.followUpDue, policy)
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
        const problem = checkDue(at, nextDue, policy)
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
      const problem = checkDue(at, command.followUpDue, policy)
      if (problem) return fail(problem)
      return emit({ _tag: "TimelineExtended", ...base, followUpDue: command.followUpDue, reason: command.reason })
    }

    case "CloseCycle":
      return emit({ _tag: "CycleClosed", ...base, reason: command.reason })
  }
}

/** Arrays the fold created: they only ever grow (by `push`, in `foldInto`), so an index of their ids stays right. */
const appendOnly = new WeakSet<ReadonlyArray<unknown>>()
const idIndexes = new WeakMap<ReadonlyArray<unknown>, { seen: number; readonly ids: Set<string> }>()
const reflectionId = (r: EventOf<"ReflectionAdded">): string => r.reflection.id

/**
 * Whether an item of `array` has the id `id`: `array.some(...)`, through an index of ids for a long
 * array the fold created (brought up to date with the items pushed since; a hit is confirmed by
 * the scan, so the index can only make the answer faster).
 */
const containsId = <A>(array: ReadonlyArray<A>, idOf: (a: A) => string, id: string): boolean => {
  if (array.length < 32 || !appendOnly.has(array)) return array.some((a) => idOf(a) === id)
  let index = idIndexes.get(array)
  if (index === undefined || index.seen > array.length) {
    index = { seen: 0, ids: new Set() }
    idIndexes.set(array, index)
  }
  for (; index.seen < array.length; index.seen++) index.ids.add(idOf(array[index.seen]!))
  return index.ids.has(id) && array.some((a) => idOf(a) === id)
}

const hasRole = (person: Person, role: Role): CycleError | undefined =>
  person.roles.includes(role) ? undefined : new PersonUnknown({ code: "ROLE_MISMATCH", message: `${person.id} is not a ${role} (their roles: ${person.roles.join(", ")}).` })

/** A coach records on a teacher's journey only on days their relationship is active. */
const relationshipProblem = (ctx: Safe, coachId: PersonId, teacherId: PersonId, day: CalendarDate): CycleError | undefined => {
  const all = ctx.relationshipsOf(teacherId)
  // The usual case first, without building a list: one of the coach's relationships is active that day.
  for (const r of all) if (r.coachId === coachId && activeOn(r, day)) return undefined
  const relationships = all.filter((r) => r.coachId === coachId)
  if (relationships.length === 0) {
    return new RelationshipInactive({ code: "RELATIONSHIP_MISSING", message: `Coach ${coachId} has no coaching relationship with teacher ${teacherId}.` })
  }
  if (!relationships.some((r) => activeOn(r, day))) {
    return new RelationshipInactive({
      code: "RELATIONSHIP_NOT_ACTIVE",
      message: `Coach ${coachId}'s relationship with teacher ${teacherId} is not active on ${day} (${relationships.map((r) => `${r.id}: ${r.status} since ${r.since}${r.until !== undefined ? ` until ${r.until}` : ""}`).join("; ")}).`
    })
  }
  return undefined
}

/**
 * Evidence: a leverage point (identified, proposed or agreed) cites visits of its own cycle — or
 * continues the leverage point of the secured cycle this one follows (its secured follow-up is
 * the evidence). Its technique is in the playbook; a version-1 calibration names real reviewers.
 */
const leveragePointProblem = (cycle: CycleState, leveragePoint: LeveragePoint, what: string, ctx: Safe, author: PersonId): CycleError | undefined => {
  if (cycle.stage !== "Observing") {
    return new StageMismatch({ code: "STAGE_MISMATCH", message: `${what} is not possible while the cycle is ${cycle.stage.toLowerCase()}.` })
  }
  const evidence = leveragePoint.evidence
  if (leveragePoint.continues !== undefined && leveragePoint.continues !== cycle.follows) {
    return new EvidenceMissing({
      code: "INVALID_CONTINUATION",
      message: `A leverage point continues only the secured cycle this cycle follows (${cycle.follows ?? "none"}), not ${leveragePoint.continues}.`
    })
  }
  if (evidence.length === 0 && leveragePoint.continues === undefined) {
    return new EvidenceMissing({ code: "LEVERAGE_POINT_WITHOUT_EVIDENCE", message: "A leverage point must cite at least one lesson visit as evidence (or continue the secured cycle this one follows)." })
  }
  const technique = techniqueProblem(leveragePoint.techniqueId, ctx)
  if (technique) return technique
  if (leveragePoint.calibration !== undefined) {
    const reviewers = reviewerProblem(leveragePoint.calibration, cycle, [author], ctx)
    if (reviewers) return reviewers
  }
  const unknown = evidence.filter((id) => !cycle.visits.some((v) => v.visit.id === id))
  if (unknown.length > 0) {
    return new EvidenceMissing({
      code: "EVIDENCE_NOT_IN_CYCLE",
      message: `The leverage point cites ${unknown.join(", ")}, which ${unknown.length === 1 ? "is not a visit" : "are not visits"} of this cycle.`
    })
  }
  return undefined
}

const proposalIdProblem = (journey: Journey, id: ProposalId): CycleError | undefined =>
  journey.cycles.some((c) => c.proposals.some((p) => p.proposalId === id))
    ? new DuplicateId({ code: "DUPLICATE_ID", message: `Proposal ${id} is already recorded.` })
    : undefined

/** An action step (agreed or proposed): after the leverage point, before the meeting's practice, granular or overridden. */
const checkActionStep = (
  journey: Journey,
  cycle: CycleState,
  draft: ActionStepDraft,
  ctx: Safe
): Result.Result<EventOf<"ActionStepAgreed">["actionStep"], CycleError> => {
  if (cycle.stage === "Observing") {
    return Result.fail(new StageMismatch({ code: "LEVERAGE_POINT_MISSING", message: "Identify the leverage point before agreeing an action step." }))
  }
  if (cycle.stage === "Practising") {
    return Result.fail(new StageMismatch({ code: "STAGE_MISMATCH", message: "Revising the action step before the follow-up is not possible while the cycle is practising." }))
  }
  if (journey.cycles.some((c) => c.actionSteps.some((s) => s.actionStep.id === draft.id))) {
    return Result.fail(new DuplicateId({ code: "DUPLICATE_ID", message: `Action step ${draft.id} is already recorded; a revision gets a new id.` }))
  }
  const technique = techniqueProblem(draft.techniqueId, ctx)
  if (technique) return Result.fail(technique)
  const report = ctx.check(draft.text)
  // + 0 turns a -0 into 0: JSON cannot keep -0, and the record must survive export → import
  const granularity = normalized(report)
  if (!granularity.granular && draft.override === undefined) {
    return Result.fail(
      new NotGranular({
        code: "ACTION_STEP_NOT_GRANULAR",
        message: `The action step is not one granular teacher action${granularity.findings.length > 0 ? `: ${granularity.findings.map((f) => f.message).join(" ")}` : "."} Split it, or override with a written reason.`,
        findings: granularity.findings.map((f) => f.code)
      })
    )
  }
  return Result.succeed({ ...draft, granularity })
}

/** A technique named on a leverage point or a step is in the programme's playbooks. */
const techniqueProblem = (id: TechniqueId | undefined, ctx: Safe): CycleError | undefined =>
  id === undefined || ctx.technique(id)
    ? undefined
    : new UnknownTechnique({ code: "UNKNOWN_TECHNIQUE", message: `Technique ${id} is not in the programme's playbooks (${ctx.playbookNames()}).` })

/** Reviewers are registered coaches other than the author and the teacher, each named once. */
const reviewerProblem = (
  calibration: Calibration | CalibrationReview,
  cycle: CycleState,
  authors: ReadonlyArray<PersonId | undefined>,
  ctx: Safe
): CycleError | undefined => {
  const bad = (message: string) => new CalibrationProblem({ code: "CALIBRATION_INVALID_REVIEWER", message })
  const seen = new Set<string>()
  for (const id of calibration.reviewedBy) {
    if (seen.has(id)) return bad(`${id} is named twice among the reviewers.`)
    seen.add(id)
    if (id === cycle.teacherId) return bad(`The teacher (${id}) does not calibrate their own leverage point or step: coaches review it together.`)
    if (authors.includes(id)) return bad(`${id} wrote it: a calibration is a review by other coaches.`)
    const person = ctx.person(id)
    if (person === undefined || !person.roles.includes("coach")) return bad(`${id} is not a registered coach: only coaches calibrate.`)
  }
  return undefined
}

/** A calibration reviews the leverage point or the current step, as worded now, by other coaches. */
const calibrationProblem = (cycle: CycleState, calibration: CalibrationReview, ctx: Safe): CycleError | undefined => {
  const target = calibration.target === "leverage-point" ? cycle.leveragePoint : currentActionStep(cycle)
  if (target === undefined) {
    return calibration.target === "leverage-point"
      ? new StageMismatch({ code: "LEVERAGE_POINT_MISSING", message: "Identify the leverage point before calibrating it." })
      : new StageMismatch({ code: "ACTION_STEP_MISSING", message: "Agree the action step before calibrating it." })
  }
  const text = target._tag === "LeveragePointIdentified" ? target.leveragePoint.text : target.actionStep.text
  if (calibration.wording !== text) {
    return new CalibrationProblem({
      code: "CALIBRATION_WORDING_MISMATCH",
      message: `The calibration agreed "${calibration.wording}", but the ${calibration.target.replace("-", " ")} reads "${text}": record the agreed wording first (a revised step), then the calibration.`
    })
  }
  return reviewerProblem(calibration, cycle, [target.by, target.proposedBy], ctx)
}

/** A group has at least two different teachers, this journey's among them. */
const groupProblem = (group: Group, teacherId: PersonId): CycleError | undefined => {
  if (new Set(group.teacherIds).size !== group.teacherIds.length) {
    return new InvalidGroup({ code: "INVALID_GROUP", message: `Group ${group.id} names a teacher twice.` })
  }
  if (group.teacherIds.length < 2) {
    return new InvalidGroup({ code: "INVALID_GROUP", message: `Group ${group.id} has one teacher: a group cycle is for several teachers (use a plain cycle for one).` })
  }
  if (!group.teacherIds.includes(teacherId)) {
    return new InvalidGroup({ code: "INVALID_GROUP", message: `Group ${group.id} does not include ${teacherId}, whose journey this is.` })
  }
  return undefined
}

/** Practice before classroom: enough reps, each with the coach's feedback. */
const checkRehearsal = (reps: ReadonlyArray<Rep>, policy: Policy): CycleError | undefined => {
  if (reps.length < policy.rehearsal.minReps) {
    return new RehearsalInsufficient({
      code: "REHEARSAL_TOO_FEW_REPS",
      message: `The teacher rehearsed ${reps.length} time${reps.length === 1 ? "" : "s"}; at least ${policy.rehearsal.minReps} rep${policy.rehearsal.minReps === 1 ? "" : "s"} with feedback ${policy.rehearsal.minReps === 1 ? "is" : "are"} needed before the classroom (${policy.rehearsal.targetMin}–${policy.rehearsal.targetMax} is the target).`
    })
  }
  const silent = reps.findIndex((r) => isBlank(r.feedback))
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
// Advisories
// ---------------------------------------------------------------------------------------------

/**
 * Advice on what was just decided — not a rule (the events stand), but what the coach should
 * see: rehearsal reps off the policy's target, a follow-up further out than recommended, an
 * overridden granularity check, a step shared without calibration where the programme records
 * calibration. The command service returns them with the events; the script, the CLI and the
 * reports show and count them.
 *
 * @since 0.2.0
 */
export interface Advisory {
  readonly code: AdvisoryCode
  readonly message: string
}

/** The stable codes of advisories. @since 0.2.0 */
export const advisoryCodes = [
  "REHEARSAL_BELOW_TARGET",
  "REHEARSAL_ABOVE_TARGET",
  "FOLLOW_UP_BEYOND_RECOMMENDED",
  "STEP_OVERRIDDEN",
  "STEP_NOT_CALIBRATED"
] as const
/** @since 0.2.0 */
export type AdvisoryCode = (typeof advisoryCodes)[number]

/**
 * The advisories on events decided against `journey` (the state before them), by `policy`.
 *
 * @since 0.2.0
 */
export const advise = (journey: Journey, events: ReadonlyArray<JourneyEvent>, policy: Policy): Array<Advisory> => {
  const out: Array<Advisory> = []
  for (const event of events) {
    const reps = event._tag === "FeedbackMeetingHeld" ? event.meeting.reps.length : event._tag === "PracticeSessionHeld" ? event.session.reps.length : undefined
    if (reps !== undefined) {
      const { targetMax, targetMin } = policy.rehearsal
      const advice = adviseReps(policy, reps)
      if (advice === "below-target") {
        out.push({ code: "REHEARSAL_BELOW_TARGET", message: `${reps} rehearsal rep${reps === 1 ? "" : "s"}: the target is ${targetMin}–${targetMax}, with feedback after each.` })
      }
      if (advice === "above-target") {
        out.push({ code: "REHEARSAL_ABOVE_TARGET", message: `${reps} rehearsal reps: more than the target of ${targetMin}–${targetMax}; keep the ${event._tag === "PracticeSessionHeld" ? "session" : "meeting"} short.` })
      }
    }
    const due = event._tag === "FeedbackMeetingHeld"
      ? event.meeting.followUpDue
      : event._tag === "PracticeSessionHeld"
      ? event.session.followUpDue
      : event._tag === "TimelineExtended"
      ? event.followUpDue
      : event._tag === "FollowUpRecorded"
      ? event.followUp.nextDue
      : undefined
    if (due !== undefined && adviseDue(policy, dateOf(event.at), due) === "beyond-recommended") {
      const days = daysBetween(dateOf(event.at), due)
      out.push({
        code: "FOLLOW_UP_BEYOND_RECOMMENDED",
        message: `The follow-up is in ${days} days: more than the ${policy.followUp.recommendedMaxDays} recommended; sooner keeps the step in focus.`
      })
    }
    const step = event._tag === "ActionStepAgreed" ? event.actionStep : event._tag === "FeedbackMeetingHeld" ? event.agreedStep?.actionStep : undefined
    if (step?.override !== undefined) {
      out.push({ code: "STEP_OVERRIDDEN", message: `The step was agreed over the granularity check: "${step.override.reason}".` })
    }
    // a meeting is decided alone, so the cycle before it is the journey's
    if (event._tag === "FeedbackMeetingHeld" && calibrationOf(policy) === "recorded") {
      const cycle = findCycle(journey, event.cycleId)
      if (cycle !== undefined && (event.agreedStep !== undefined || !isCalibrated(cycle, "action-step"))) {
        out.push({ code: "STEP_NOT_CALIBRATED", message: "The step was shared before coaches calibrated it together." })
      }
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// evolve / replay
// ---------------------------------------------------------------------------------------------

/** Folds one event into the journey. Events are facts: evolve never rejects. @since 0.1.0 */
export const evolve = (journey: Journey, event: JourneyEvent): Journey => replay([event], journey)

/**
 * The arrays a fold may append to in place (it adds the arrays it creates): a `WeakSet` for a fold
 * kept across calls, or a `Set` dropped with a fold that ends with its journey.
 *
 * @internal
 */
export interface Owned {
  has(value: object): boolean
  add(value: object): unknown
}

/** Appends an item to an array of the state: a copy, or in place when this fold created the array. */
type Append = <A>(array: ReadonlyArray<A>, item: A) => ReadonlyArray<A>

const startCycle = (event: EventOf<"CycleStarted">): CycleState => ({
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
  proposals: [],
  meetings: [],
  practiceSessions: [],
  followUps: [],
  extensions: [],
  reflections: [],
  calibrations: [],
  group: event.group,
  followUpDue: undefined,
  closeReason: undefined
})

const evolveCycle = (cycle: CycleState, event: JourneyEvent, append: Append, appendReflection: Append): CycleState => {
  switch (event._tag) {
    case "CycleStarted":
      return cycle
    case "VisitRecorded":
      return { ...cycle, visits: append(cycle.visits, event) }
    case "LeveragePointProposed":
    case "ActionStepProposed":
      return { ...cycle, proposals: append(cycle.proposals, event) }
    case "LeveragePointIdentified":
      return { ...cycle, leveragePoint: event, stage: "Diagnosed" }
    case "ActionStepAgreed":
      return { ...cycle, actionSteps: append(cycle.actionSteps, event), stage: cycle.stage === "Diagnosed" ? "Planned" : cycle.stage }
    case "FeedbackMeetingHeld": {
      // A step agreed in a facilitative meeting joins the step's history, as agreed at the meeting.
      const actionSteps = event.agreedStep === undefined ? cycle.actionSteps : append(
        cycle.actionSteps,
        { _tag: "ActionStepAgreed" as const, cycleId: event.cycleId, at: event.at, by: event.by, actionStep: event.agreedStep.actionStep, proposedBy: event.agreedStep.proposedBy }
      )
      return { ...cycle, actionSteps, meetings: append(cycle.meetings, event), stage: "Practising", followUpDue: event.meeting.followUpDue }
    }
    case "Calibrated":
      return { ...cycle, calibrations: append(cycle.calibrations, event) }
    case "PracticeSessionHeld":
      return { ...cycle, practiceSessions: append(cycle.practiceSessions, event), stage: "Practising", followUpDue: event.session.followUpDue }
    case "FollowUpRecorded": {
      const followUps = append(cycle.followUps, event)
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
      return { ...cycle, extensions: append(cycle.extensions, event), followUpDue: event.followUpDue }
    case "ReflectionAdded":
      return { ...cycle, reflections: appendReflection(cycle.reflections, event) }
    case "CycleClosed":
      return { ...cycle, stage: "Closed", endedAt: event.at, followUpDue: undefined, closeReason: event.reason }
  }
}

/**
 * The journey a log of events describes. Deterministic: the same events, the same state. Linear
 * in the events: the fold appends in place to the arrays it created and copies each array of
 * `from` once at most, so `from` is never changed.
 *
 * @since 0.1.0
 */
export const replay = (events: Iterable<JourneyEvent>, from: Journey = initialState): Journey => foldInto(from, events, new WeakSet())

/**
 * Folds events into `from`, appending in place to the arrays in `owned` (and adding the arrays it
 * creates to it). With a fresh `owned`, `from` is left as it was; a forward-only cache that keeps
 * one `owned` set across calls folds in O(1) per event, but then changes the arrays of the
 * journeys it returned before.
 *
 * @internal
 */
export const foldInto = (from: Journey, events: Iterable<JourneyEvent>, owned: Owned): Journey => {
  const fold = folder(from, owned)
  let journey = from
  for (const event of events) journey = fold(event)
  return journey
}

/**
 * A fold kept open across calls: each call folds one more event into the journey so far and
 * returns it, in O(1) an event (a cycle's index is kept between events). The journeys it returned
 * before share its arrays, which later calls change: only the latest one is a journey to use (a
 * validation re-deciding every event of a recorded log checks each event against the journey
 * before it, then folds it in). `from` is left as it was; arrays in `owned` grow in place.
 *
 * @internal
 */
export const folder = (from: Journey, owned: Owned): (event: JourneyEvent) => Journey => {
  const append: Append = <A>(array: ReadonlyArray<A>, item: A): ReadonlyArray<A> => {
    if (owned.has(array)) {
      ;(array as Array<A>).push(item)
      return array
    }
    const copy = [...array, item]
    owned.add(copy)
    return copy
  }
  // Reflections are looked up by id (`containsId`), whose index needs to know the arrays only grow.
  const appendReflection: Append = <A>(array: ReadonlyArray<A>, item: A): ReadonlyArray<A> => {
    const appended = append(array, item)
    if (appended !== array) appendOnly.add(appended)
    return appended
  }
  const cycles = [...from.cycles]
  const index = new Map<string, number>(cycles.map((c, i) => [c.id, i]))
  let { lastAt, reflections, teacherId, version } = from
  return (event) => {
    version++
    lastAt = event.at
    if (event._tag === "CycleStarted") {
      teacherId ??= event.teacherId
      index.set(event.cycleId, cycles.length)
      cycles.push(startCycle(event))
    } else if (event._tag === "ReflectionAdded" && event.cycleId === undefined) {
      teacherId ??= event.by
      reflections = appendReflection(reflections, event)
    } else {
      const i = index.get(event.cycleId!)
      if (i !== undefined) cycles[i] = evolveCycle(cycles[i]!, event, append, appendReflection)
    }
    return { teacherId, version, lastAt, cycles, reflections }
  }
}

// ---------------------------------------------------------------------------------------------
// events → commands (re-deciding a recorded log)
// ---------------------------------------------------------------------------------------------

/**
 * The command that would have produced an event. Re-deciding it at the event's time, with the
 * recorded granularity report, checks a recorded log against the rules (`check`).
 *
 * @since 0.1.0
 */
export const commandOf = (event: JourneyEvent): Command => {
  if (event._tag === "ReflectionAdded") {
    return { _tag: "AddReflection", ...(event.cycleId !== undefined ? { cycleId: event.cycleId } : {}), by: event.by, reflection: event.reflection }
  }
  const base = { cycleId: event.cycleId, by: event.by }
  switch (event._tag) {
    case "CycleStarted":
      return {
        _tag: "StartCycle",
        ...base,
        teacherId: event.teacherId,
        coachId: event.coachId,
        ...(event.follows !== undefined ? { follows: event.follows } : {}),
        ...(event.group !== undefined ? { group: event.group } : {})
      }
    case "VisitRecorded":
      return { _tag: "RecordVisit", ...base, visit: event.visit }
    case "LeveragePointProposed":
      return { _tag: "ProposeLeveragePoint", ...base, proposalId: event.proposalId, leveragePoint: event.leveragePoint }
    case "LeveragePointIdentified":
      return event.proposalId !== undefined
        ? { _tag: "AgreeProposal", ...base, proposalId: event.proposalId }
        : { _tag: "IdentifyLeveragePoint", ...base, leveragePoint: event.leveragePoint }
    case "ActionStepProposed":
      return { _tag: "ProposeActionStep", ...base, proposalId: event.proposalId, actionStep: event.actionStep }
    case "ActionStepAgreed": {
      if (event.proposalId !== undefined) return { _tag: "AgreeProposal", ...base, proposalId: event.proposalId }
      const { granularity: _granularity, ...actionStep } = event.actionStep
      return { _tag: "AgreeActionStep", ...base, actionStep }
    }
    case "FeedbackMeetingHeld": {
      if (event.agreedStep === undefined) return { _tag: "HoldFeedbackMeeting", ...base, meeting: event.meeting }
      const { granularity: _granularity, ...actionStep } = event.agreedStep.actionStep
      return { _tag: "HoldFeedbackMeeting", ...base, meeting: event.meeting, agreeStep: { actionStep, proposedBy: event.agreedStep.proposedBy } }
    }
    case "Calibrated":
      return { _tag: "Calibrate", ...base, calibration: event.calibration }
    case "PracticeSessionHeld":
      return { _tag: "HoldPracticeSession", ...base, session: event.session }
    case "FollowUpRecorded":
      return { _tag: "RecordFollowUp", ...base, followUp: event.followUp }
    case "TimelineExtended":
      return { _tag: "ExtendTimeline", ...base, followUpDue: event.followUpDue, reason: event.reason }
    case "CycleClosed":
      return { _tag: "CloseCycle", ...base, reason: event.reason }
  }
}

/** The context `check` re-decides with (no clock: each event's own time is used). @since 0.2.0 */
export interface CheckContext {
  readonly policy: Policy
  readonly people: Directory
  /** The programme's playbooks (absent or empty: the default playbook). */
  readonly playbooks?: ReadonlyArray<Playbook>
  /**
   * Checkers that can recompute recorded granularity reports (since 0.3.0): a report whose
   * `checker` equals one's `version` is recomputed in full, and any difference is
   * `GRANULARITY_MISMATCH`. A report that names no checker has its verdict recomputed: it says
   * granular, the step has no override, and none of these checkers says granular is
   * `GRANULARITY_MISMATCH`. A report recorded by a checker not among these is kept as recorded
   * (and `keptAsRecorded` is told). Without `recheck`, every report is kept as recorded.
   */
  readonly recheck?: ReadonlyArray<Checker>
  /** Told the `checker` of each recorded report kept as recorded because no checker of `recheck` has its version (since 0.3.0). */
  readonly keptAsRecorded?: (checker: string) => void
}

/** Runs a checker on a step's text: the report, or why the checker could not give one. */
const runChecker = (checker: Checker, text: string): GranularityReport | ContextFailed => {
  let fresh: unknown
  try {
    fresh = checker(text)
  } catch (error) {
    return new ContextFailed({ code: "CHECKER_FAILED", message: `The granularity checker failed: ${describeError(error)}` })
  }
  return isReport(fresh) ? normalized(fresh) : new ContextFailed({ code: "CHECKER_FAILED", message: "The granularity checker returned something that is not a granularity report." })
}

/**
 * Recomputes a recorded granularity report with the checkers given (see `CheckContext.recheck`):
 * `undefined` when none applies or they agree with it; else why not.
 */
const recheckReport = (
  step: { readonly text: string; readonly granularity: GranularityReport; readonly override?: unknown },
  at: string,
  context: CheckContext
): CycleError | RecordMismatch | undefined => {
  const recorded = step.granularity
  const checkers = context.recheck
  if (checkers === undefined) return undefined
  if (recorded.checker === undefined) return recheckVerdict(step, at, checkers)
  const checker = checkers.find((c) => versionOf(c) === recorded.checker)
  if (checker === undefined) {
    context.keptAsRecorded?.(recorded.checker)
    return undefined
  }
  const fresh = runChecker(checker, step.text)
  if (fresh instanceof ContextFailed) return fresh
  const computed = { ...fresh, checker: recorded.checker }
  const difference = firstDifference(computed, recorded, "")
  if (difference === undefined) return undefined
  const verdict = computed.granular === recorded.granular
    ? ""
    : ` The report says ${recorded.granular ? "granular" : "not granular"}; the checker says ${computed.granular ? "granular" : `not granular${computed.findings.length > 0 ? ` (${computed.findings.map((f) => f.code).join(", ")})` : ""}`}.`
  return new RecordMismatch({
    code: "GRANULARITY_MISMATCH",
    path: `${at}.granularity${difference}`,
    message: `The recorded granularity report is not what ${recorded.checker} says of the step's text (first difference at granularity${difference}).${verdict} Was the text edited after it was checked?`
  })
}

/**
 * A report that names no checker: nothing says which rules made its score and findings, so only
 * its verdict is recomputed. "Granular" stands if any checker given agrees (or the step carries
 * an override, which would have let it through anyway); "not granular" always stands.
 */
const recheckVerdict = (
  step: { readonly text: string; readonly granularity: GranularityReport; readonly override?: unknown },
  at: string,
  checkers: ReadonlyArray<Checker>
): CycleError | RecordMismatch | undefined => {
  if (!step.granularity.granular || step.override !== undefined || checkers.length === 0) return undefined
  let first: GranularityReport | undefined
  for (const checker of checkers) {
    const fresh = runChecker(checker, step.text)
    if (fresh instanceof ContextFailed) return fresh
    if (fresh.granular) return undefined
    first ??= fresh
  }
  const codes = first!.findings.map((f) => f.code)
  const name = versionOf(checkers[0]!)
  return new RecordMismatch({
    code: "GRANULARITY_MISMATCH",
    path: `${at}.granularity.granular`,
    message: `The recorded granularity report names no checker and says granular, but ${name ?? "the granularity checker"} says the step's text is not granular${
      codes.length > 0 ? ` (${codes.join(", ")})` : ""
    }. Was the text edited after it was checked? (A report recorded by a checker with a version is recomputed only by that version.)`
  })
}

/** A report as the decider records it: -0 turned into 0 (JSON cannot keep -0). */
const normalized = (report: GranularityReport): GranularityReport => ({
  ...report,
  score: report.score + 0,
  findings: report.findings.map((f) => ({ ...f, span: [f.span[0] + 0, f.span[1] + 0] as const }))
})

/**
 * Re-decides one recorded event against the journey before it, with its recorded granularity
 * report: `undefined` when the rules accept it and produce exactly this event, else the error
 * they give (or `EVENT_NOT_AS_DECIDED` naming the first field that differs). With
 * `context.recheck`, a recorded granularity report is recomputed first (`GRANULARITY_MISMATCH`;
 * see `CheckContext.recheck`).
 *
 * @since 0.1.0
 */
export const check = (journey: Journey, event: JourneyEvent, context: CheckContext): CycleError | RecordMismatch | undefined =>
  checker(context)(journey, event)

/**
 * `check` for many events under one context: the context is read, and the rules' safe view of it
 * built, once (a validation re-decides every recorded event). Each call gives `check`'s verdict
 * for that journey and event; the context must not change between calls.
 *
 * @since 0.3.0
 */
export const checker = (context: CheckContext): (journey: Journey, event: JourneyEvent) => CycleError | RecordMismatch | undefined => {
  // The recorded report of the event being checked: the rules' granularity checker returns it.
  let recorded: GranularityReport | undefined
  const checkActionStep = (text: string): GranularityReport => recorded ?? { granular: !isBlank(text), score: 0, findings: [], suggestions: [] }
  trustedCheckers.add(checkActionStep)
  // decideAt's setup, once, with its verdicts kept in its order: read the parts, check the
  // policy, make the lookups safe.
  let unread: CycleError | undefined
  let parts: Omit<Context, "clock"> | undefined
  try {
    parts = {
      policy: context.policy,
      people: context.people,
      checkActionStep,
      ...(context.playbooks !== undefined ? { playbooks: context.playbooks } : {})
    }
  } catch (error) {
    unread = unreadable(`The journey or the context could not be read: ${describeError(error)}`)
  }
  let setup: { readonly policy: Policy; readonly ctx: Safe } | CycleError | undefined
  if (parts !== undefined) {
    if (!knownPolicy(parts.policy)) setup = unreadable("context.policy is not a valid policy (make one with Policy.make).")
    else {
      try {
        setup = { policy: parts.policy, ctx: safeContext(parts) }
      } catch (error) {
        if (!(error instanceof Failed)) throw error
        setup = error.error
      }
    }
  }
  return (journey, event) => {
    const step = event._tag === "ActionStepAgreed"
      ? { at: ".actionStep", step: event.actionStep }
      : event._tag === "FeedbackMeetingHeld" && event.agreedStep !== undefined
      ? { at: ".agreedStep.actionStep", step: event.agreedStep.actionStep }
      : undefined
    if (step !== undefined) {
      const problem = recheckReport(step.step, step.at, context)
      if (problem !== undefined) return problem
    }
    if (unread !== undefined) return unread
    try {
      if (!isJourney(journey)) return unreadable("The journey is not a journey (make one with Cycle.emptyJourney or Cycle.replay).")
    } catch (error) {
      return unreadable(`The journey or the context could not be read: ${describeError(error)}`)
    }
    if (setup === undefined || !("ctx" in setup)) return setup
    recorded = step?.step.granularity
    let decision: Decision
    try {
      decision = rules(journey, commandOf(event), event.at, setup.policy, setup.ctx)
    } catch (error) {
      if (error instanceof Failed) return error.error
      throw error
    } finally {
      recorded = undefined
    }
    if (Result.isFailure(decision)) return decision.failure
    return recordedAsDecided(decision.success[0], event)
  }
}

/** `undefined` when the decided event is the recorded one, else `EVENT_NOT_AS_DECIDED` at the first difference. */
const recordedAsDecided = (decided: JourneyEvent | undefined, event: JourneyEvent): RecordMismatch | undefined => {
  const difference = firstDifference(decided, event, "")
  return difference === undefined ? undefined : new RecordMismatch({
    code: "EVENT_NOT_AS_DECIDED",
    path: difference,
    message: `The recorded event differs from what the rules produce from it at ${difference === "" ? "its root" : difference.slice(1)}${
      event._tag === "LeveragePointIdentified" || event._tag === "ActionStepAgreed" ? " (an agreed proposal records exactly what was proposed, and who proposed it)" : ""
    }.`
  })
}

/** The JSON path (relative, `.a[0].b`) of the first difference between two JSON values, if any. */
const firstDifference = (a: unknown, b: unknown, path: string): string | undefined => (same(a, b) ? undefined : differenceAt(a, b, path))

const isOwnKey = (record: object, key: string): boolean => Object.prototype.propertyIsEnumerable.call(record, key)

/** Whether `differenceAt` finds no difference, without building a path (validation checks every recorded event). */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as Array<unknown>
    if (a.length !== other.length) return false
    for (let i = 0; i < a.length; i++) if (!same(a[i], other[i])) return false
    return true
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const xKeys = Object.keys(x)
  for (const key of xKeys) if (!same(x[key], y[key])) return false
  const yKeys = Object.keys(y)
  // The usual case: the same keys in the same order, so every key of y is one of x's (already compared).
  if (yKeys.length === xKeys.length) {
    let i = 0
    while (i < xKeys.length && xKeys[i] === yKeys[i]) i++
    if (i === xKeys.length) return true
  }
  for (const key of yKeys) if (!isOwnKey(x, key) && !same(x[key], y[key])) return false
  return true
}

/** The path of the first difference (only run when `same` found one). */
const differenceAt = (a: unknown, b: unknown, path: string): string | undefined => {
  if (a === b) return undefined
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return path
  if (Array.isArray(a)) {
    const other = b as Array<unknown>
    if (a.length !== other.length) return path
    for (let i = 0; i < a.length; i++) {
      const d = differenceAt(a[i], other[i], `${path}[${i}]`)
      if (d !== undefined) return d
    }
    return undefined
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
    const d = differenceAt(x[key], y[key], `${path}.${key}`)
    if (d !== undefined) return d
  }
  return undefined
}
