/**
 * Why a command was rejected. One tagged error class per cause, each with a stable `code`
 * (listed in `docs/errors.md`, safe to match on) and a human `message`. A rejected command
 * changes nothing.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const make = <const Codes extends readonly [string, ...Array<string>]>(codes: Codes) => ({
  code: Schema.Literals(codes),
  message: Schema.String
})

/** The command names a cycle that is not in this journey. @since 0.1.0 */
export class CycleNotFound extends Schema.TaggedError<CycleNotFound>()("CycleNotFound", make(["CYCLE_NOT_FOUND"])) {}

/** An id (cycle, visit, action step, reflection) is already used in this journey. @since 0.1.0 */
export class DuplicateId extends Schema.TaggedError<DuplicateId>()("DuplicateId", make(["DUPLICATE_ID"])) {}

/** Single focus: the teacher already has an open cycle. @since 0.1.0 */
export class OpenCycleExists extends Schema.TaggedError<OpenCycleExists>()("OpenCycleExists", make(["OPEN_CYCLE_EXISTS"])) {}

/** The cycle is secured or closed: nothing more is recorded on it. @since 0.1.0 */
export class CycleEnded extends Schema.TaggedError<CycleEnded>()("CycleEnded", make(["CYCLE_ENDED"])) {}

/** The command does not fit the cycle's stage (e.g. a follow-up before the feedback meeting). @since 0.1.0 */
export class StageMismatch extends Schema.TaggedError<StageMismatch>()(
  "StageMismatch",
  make([
    "STAGE_MISMATCH",
    "LEVERAGE_POINT_MISSING",
    "ACTION_STEP_MISSING",
    "FOLLOW_UP_BEFORE_MEETING",
    "FOLLOW_UP_BEFORE_PRACTICE"
  ])
) {}

/**
 * A leverage point must cite at least one visit of its own cycle, or continue the secured cycle
 * this one follows.
 *
 * @since 0.1.0
 */
export class EvidenceMissing extends Schema.TaggedError<EvidenceMissing>()(
  "EvidenceMissing",
  make(["LEVERAGE_POINT_WITHOUT_EVIDENCE", "EVIDENCE_NOT_IN_CYCLE", "INVALID_CONTINUATION"])
) {}

/** The action step failed the granularity check and carries no override with a reason. @since 0.1.0 */
export class NotGranular extends Schema.TaggedError<NotGranular>()("NotGranular", {
  ...make(["ACTION_STEP_NOT_GRANULAR"]),
  findings: Schema.Array(Schema.String)
}) {}

/** Practice before classroom: too few rehearsal reps, or a rep without feedback. @since 0.1.0 */
export class RehearsalInsufficient extends Schema.TaggedError<RehearsalInsufficient>()(
  "RehearsalInsufficient",
  make(["REHEARSAL_TOO_FEW_REPS", "REP_WITHOUT_FEEDBACK"])
) {}

/** A follow-up due date outside policy, or a missing / unexpected next due date. @since 0.1.0 */
export class TimelineOutOfPolicy extends Schema.TaggedError<TimelineOutOfPolicy>()(
  "TimelineOutOfPolicy",
  make(["FOLLOW_UP_DUE_TOO_SOON", "FOLLOW_UP_DUE_TOO_LATE", "NEXT_DUE_REQUIRED", "NEXT_DUE_UNEXPECTED"])
) {}

/** Chronology: the clock reads earlier than the journey's last event. @since 0.1.0 */
export class TimeWentBackwards extends Schema.TaggedError<TimeWentBackwards>()("TimeWentBackwards", make(["TIME_WENT_BACKWARDS"])) {}

/** The context's clock returned something that is not an instant. @since 0.1.0 */
export class InvalidClock extends Schema.TaggedError<InvalidClock>()("InvalidClock", make(["INVALID_CLOCK"])) {}

/** The person recording is not allowed to record this on this cycle. @since 0.1.0 */
export class ActorNotAllowed extends Schema.TaggedError<ActorNotAllowed>()("ActorNotAllowed", make(["ACTOR_NOT_ALLOWED"])) {}

/** The people on a new cycle do not fit the journey (another teacher, or coach = teacher). @since 0.1.0 */
export class PeopleMismatch extends Schema.TaggedError<PeopleMismatch>()(
  "PeopleMismatch",
  make(["TEACHER_MISMATCH", "COACH_IS_TEACHER"])
) {}

/**
 * A calibration problem: the programme requires a calibrated step before the meeting, the
 * agreed wording is not the text as it stands, or a reviewer is not another coach.
 *
 * @since 0.2.0
 */
export class CalibrationProblem extends Schema.TaggedError<CalibrationProblem>()(
  "CalibrationProblem",
  make(["CALIBRATION_REQUIRED", "CALIBRATION_WORDING_MISMATCH", "CALIBRATION_INVALID_REVIEWER"])
) {}

/** A technique id that is not in the programme's playbooks. @since 0.2.0 */
export class UnknownTechnique extends Schema.TaggedError<UnknownTechnique>()("UnknownTechnique", make(["UNKNOWN_TECHNIQUE"])) {}

/** A group cycle's members are not several different teachers including this journey's. @since 0.2.0 */
export class InvalidGroup extends Schema.TaggedError<InvalidGroup>()("InvalidGroup", make(["INVALID_GROUP"])) {}

/** The person recording, or a person the command names, is not known or lacks the role. @since 0.2.0 */
export class PersonUnknown extends Schema.TaggedError<PersonUnknown>()("PersonUnknown", make(["UNKNOWN_PERSON", "ROLE_MISMATCH"])) {}

/** The coach has no coaching relationship with the teacher, or none active on that day. @since 0.2.0 */
export class RelationshipInactive extends Schema.TaggedError<RelationshipInactive>()(
  "RelationshipInactive",
  make(["RELATIONSHIP_MISSING", "RELATIONSHIP_NOT_ACTIVE"])
) {}

/** The proposal named does not exist in the cycle, or was already agreed. @since 0.2.0 */
export class ProposalUnavailable extends Schema.TaggedError<ProposalUnavailable>()(
  "ProposalUnavailable",
  make(["PROPOSAL_NOT_FOUND", "PROPOSAL_ALREADY_AGREED"])
) {}

/**
 * Something the context supplies failed: the people lookup is missing or threw, or the
 * granularity checker threw or returned something that is not a report. Nothing was decided.
 *
 * @since 0.2.0
 */
export class ContextFailed extends Schema.TaggedError<ContextFailed>()(
  "ContextFailed",
  make(["LOOKUP_UNAVAILABLE", "LOOKUP_FAILED", "CHECKER_FAILED", "CONTEXT_UNREADABLE"])
) {}

/**
 * A recorded event is accepted by the rules but is not the event they produce from it (e.g. an
 * agreed proposal whose text differs from what was proposed); `path` names the field.
 *
 * @since 0.2.0
 */
export class RecordMismatch extends Schema.TaggedError<RecordMismatch>()("RecordMismatch", {
  ...make(["EVENT_NOT_AS_DECIDED", "GRANULARITY_MISMATCH"]),
  path: Schema.String
}) {}

/** The principal may not do this to this record (see `docs/access.md`); nothing was read or written. @since 0.2.0 */
export class AccessDenied extends Schema.TaggedError<AccessDenied>()("AccessDenied", make(["ACCESS_DENIED"])) {}

/** A successor cycle must follow a secured cycle of the same journey. @since 0.1.0 */
export class InvalidSuccessor extends Schema.TaggedError<InvalidSuccessor>()("InvalidSuccessor", make(["INVALID_SUCCESSOR"])) {}

/** The command is not well-formed; `path` names the field. @since 0.1.0 */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>()("InvalidCommand", {
  ...make(["INVALID_COMMAND"]),
  path: Schema.String
}) {}

/** A policy is not valid (e.g. recommended days beyond the maximum); `path` names the field. @since 0.1.0 */
export class InvalidPolicy extends Schema.TaggedError<InvalidPolicy>()("InvalidPolicy", {
  ...make(["INVALID_POLICY"]),
  path: Schema.String
}) {}

/** The stable codes of the problems in a playbook CSV. @since 0.2.0 */
export const playbookCsvProblemCodes = [
  "CSV_SYNTAX",
  "CSV_NO_HEADER",
  "CSV_MISSING_COLUMN",
  "CSV_UNKNOWN_COLUMN",
  "CSV_DUPLICATE_COLUMN",
  "CSV_TOO_MANY_CELLS",
  "CSV_INVALID_CELL",
  "CSV_DUPLICATE_TECHNIQUE",
  "CSV_NO_TECHNIQUES",
  "CSV_INVALID_OPTION"
] as const

/**
 * One problem in a playbook CSV: its code, the row (1 is the header row, as a spreadsheet numbers
 * it) and the column (its header name) where there is one, and a sentence.
 *
 * @since 0.2.0
 */
export const PlaybookCsvProblem = Schema.Struct({
  code: Schema.Literals(playbookCsvProblemCodes),
  row: Schema.optionalKey(Schema.Int),
  column: Schema.optionalKey(Schema.String),
  message: Schema.String
})
/** @since 0.2.0 */
export type PlaybookCsvProblem = typeof PlaybookCsvProblem.Type

/**
 * A playbook CSV that cannot be read as a playbook (`Playbook.fromCsv`): every problem found, each
 * naming its row and column; nothing is imported.
 *
 * @since 0.2.0
 */
export class InvalidPlaybookCsv extends Schema.TaggedError<InvalidPlaybookCsv>()("InvalidPlaybookCsv", {
  ...make(["PLAYBOOK_CSV_INVALID"]),
  problems: Schema.Array(PlaybookCsvProblem)
}) {}

/** Every reason `Cycle.decide` can reject a command. @since 0.1.0 */
export const CycleError = Schema.Union([
  CycleNotFound,
  DuplicateId,
  OpenCycleExists,
  CycleEnded,
  StageMismatch,
  EvidenceMissing,
  NotGranular,
  RehearsalInsufficient,
  TimelineOutOfPolicy,
  TimeWentBackwards,
  InvalidClock,
  ActorNotAllowed,
  PeopleMismatch,
  InvalidSuccessor,
  InvalidCommand,
  PersonUnknown,
  RelationshipInactive,
  ProposalUnavailable,
  ContextFailed,
  CalibrationProblem,
  UnknownTechnique,
  InvalidGroup
])
/** @since 0.1.0 */
export type CycleError = typeof CycleError.Type

/** Every stable error code of the decider and policy, for documentation and exhaustive tests. @since 0.1.0 */
export const cycleErrorCodes: ReadonlyArray<CycleError["code"] | InvalidPolicy["code"]> = [
  "CYCLE_NOT_FOUND",
  "DUPLICATE_ID",
  "OPEN_CYCLE_EXISTS",
  "CYCLE_ENDED",
  "STAGE_MISMATCH",
  "LEVERAGE_POINT_MISSING",
  "ACTION_STEP_MISSING",
  "FOLLOW_UP_BEFORE_MEETING",
  "FOLLOW_UP_BEFORE_PRACTICE",
  "LEVERAGE_POINT_WITHOUT_EVIDENCE",
  "EVIDENCE_NOT_IN_CYCLE",
  "INVALID_CONTINUATION",
  "ACTION_STEP_NOT_GRANULAR",
  "REHEARSAL_TOO_FEW_REPS",
  "REP_WITHOUT_FEEDBACK",
  "FOLLOW_UP_DUE_TOO_SOON",
  "FOLLOW_UP_DUE_TOO_LATE",
  "NEXT_DUE_REQUIRED",
  "NEXT_DUE_UNEXPECTED",
  "TIME_WENT_BACKWARDS",
  "INVALID_CLOCK",
  "ACTOR_NOT_ALLOWED",
  "TEACHER_MISMATCH",
  "COACH_IS_TEACHER",
  "INVALID_SUCCESSOR",
  "INVALID_COMMAND",
  "UNKNOWN_PERSON",
  "ROLE_MISMATCH",
  "RELATIONSHIP_MISSING",
  "RELATIONSHIP_NOT_ACTIVE",
  "PROPOSAL_NOT_FOUND",
  "PROPOSAL_ALREADY_AGREED",
  "LOOKUP_UNAVAILABLE",
  "LOOKUP_FAILED",
  "CHECKER_FAILED",
  "CONTEXT_UNREADABLE",
  "CALIBRATION_REQUIRED",
  "CALIBRATION_WORDING_MISMATCH",
  "CALIBRATION_INVALID_REVIEWER",
  "UNKNOWN_TECHNIQUE",
  "INVALID_GROUP",
  "INVALID_POLICY"
]
