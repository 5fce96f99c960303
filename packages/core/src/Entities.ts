/**
 * The things a coaching cycle records: lesson visits, the leverage point, action steps (with
 * their granularity report), feedback meetings with rehearsal, practice sessions, follow-ups,
 * and the teacher's reflections. None of them holds a judgement of the teacher: no grades.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { GranularityReport } from "./Granularity.js"
import { ActionStepId, CycleId, GroupId, PersonId, ReflectionId, TechniqueId, VisitId } from "./Ids.js"
import { Style } from "./People.js"
import { Area, Line, Minutes, Note } from "./Text.js"
import { CalendarDate } from "./Time.js"

/**
 * A lesson visit: how long (no minimum), which class, low-inference evidence, strengths seen
 * (the raw material for precise praise) and candidate leverage points.
 *
 * @since 0.1.0
 */
export const LessonVisit = Schema.Struct({
  id: VisitId,
  minutes: Minutes,
  context: Line,
  timetableSlot: Schema.optionalKey(Line),
  evidence: Schema.Array(Note),
  strengths: Schema.Array(Note),
  candidates: Schema.Array(Line)
})
/** @since 0.1.0 */
export type LessonVisit = typeof LessonVisit.Type

/**
 * Which coaches reviewed a leverage point together before it was shared — the form version 1
 * exports carry on the leverage point itself. New records use the `Calibrate` command, which
 * also records when and the agreed wording (`CalibrationReview`).
 *
 * @since 0.1.0
 */
export const Calibration = Schema.Struct({
  reviewedBy: Schema.NonEmptyArray(PersonId),
  note: Schema.optionalKey(Note)
})
/** @since 0.1.0 */
export type Calibration = typeof Calibration.Type

/**
 * The leverage point: one sentence, citing the visits that show it — or, in a cycle that follows
 * a secured one, continuing that cycle's leverage point (`continues` names it: the secured
 * follow-up is its evidence) with the next granular step.
 *
 * @since 0.1.0
 */
export const LeveragePoint = Schema.Struct({
  text: Line,
  evidence: Schema.Array(VisitId),
  area: Schema.optionalKey(Area),
  techniqueId: Schema.optionalKey(TechniqueId),
  calibration: Schema.optionalKey(Calibration),
  continues: Schema.optionalKey(CycleId)
})
/** @since 0.1.0 */
export type LeveragePoint = typeof LeveragePoint.Type

/** Why a step that failed the granularity check is used anyway. @since 0.1.0 */
export const Override = Schema.Struct({
  reason: Line
})
/** @since 0.1.0 */
export type Override = typeof Override.Type

/** An action step as proposed: one teacher action and why it helps students learn. @since 0.1.0 */
export const ActionStepDraft = Schema.Struct({
  id: ActionStepId,
  text: Line,
  whyItWorks: Line,
  techniqueId: Schema.optionalKey(TechniqueId),
  override: Schema.optionalKey(Override)
})
/** @since 0.1.0 */
export type ActionStepDraft = typeof ActionStepDraft.Type

/** An agreed action step: the draft plus the granularity report it was checked with. @since 0.1.0 */
export const ActionStep = Schema.Struct({
  ...ActionStepDraft.fields,
  granularity: GranularityReport
})
/** @since 0.1.0 */
export type ActionStep = typeof ActionStep.Type

/** What a calibration reviews: the leverage point or the current action step. @since 0.2.0 */
export const CalibrationTarget = Schema.Literals(["leverage-point", "action-step"])
/** @since 0.2.0 */
export type CalibrationTarget = typeof CalibrationTarget.Type

/**
 * A calibration: coaches (not the author, not the teacher) reviewed the leverage point or the
 * action step together before it was shared, and agreed its wording (the text as it stands).
 *
 * @since 0.2.0
 */
export const CalibrationReview = Schema.Struct({
  target: CalibrationTarget,
  reviewedBy: Schema.NonEmptyArray(PersonId),
  wording: Line,
  note: Schema.optionalKey(Note)
})
/** @since 0.2.0 */
export type CalibrationReview = typeof CalibrationReview.Type

/** A group cycle's members: one coach, several teachers, one shared focus. @since 0.2.0 */
export const Group = Schema.Struct({
  id: GroupId,
  teacherIds: Schema.NonEmptyArray(PersonId)
})
/** @since 0.2.0 */
export type Group = typeof Group.Type

/** One rehearsal of the action step, with the coach's feedback on it. @since 0.1.0 */
export const Rep = Schema.Struct({
  feedback: Schema.String.pipe(Schema.check(Schema.isMaxCodePoints(2_000)))
})
/** @since 0.1.0 */
export type Rep = typeof Rep.Type

/** What was said in each of the six parts of a feedback meeting. @since 0.1.0 */
export const MeetingParts = Schema.Struct({
  praise: Note,
  probe: Note,
  problemAndStep: Note,
  practise: Note,
  planAhead: Note,
  timeline: Note
})
/** @since 0.1.0 */
export type MeetingParts = typeof MeetingParts.Type

/**
 * A feedback meeting: short, in six parts, with rehearsal reps (each with feedback), where the
 * teacher will use the step, and when the coach comes back.
 *
 * @since 0.1.0
 */
export const FeedbackMeeting = Schema.Struct({
  minutes: Minutes,
  style: Style,
  parts: MeetingParts,
  reps: Schema.Array(Rep),
  whereUsed: Line,
  followUpDue: CalendarDate
})
/** @since 0.1.0 */
export type FeedbackMeeting = typeof FeedbackMeeting.Type

/** A practice session after a follow-up that did not see the step secured. @since 0.1.0 */
export const PracticeSession = Schema.Struct({
  minutes: Minutes,
  reps: Schema.Array(Rep),
  followUpDue: CalendarDate
})
/** @since 0.1.0 */
export type PracticeSession = typeof PracticeSession.Type

/** What a follow-up visit saw of the action step. @since 0.1.0 */
export const Outcome = Schema.Literals(["secured", "partly", "not-yet", "not-seen"])
/** @since 0.1.0 */
export type Outcome = typeof Outcome.Type

/** A follow-up visit. `nextDue` is given exactly when the step was not seen. @since 0.1.0 */
export const FollowUp = Schema.Struct({
  minutes: Minutes,
  evidence: Note,
  outcome: Outcome,
  nextDue: Schema.optionalKey(CalendarDate)
})
/** @since 0.1.0 */
export type FollowUp = typeof FollowUp.Type

/** The teacher's own note on a cycle; only the teacher and their coach read it. @since 0.1.0 */
export const Reflection = Schema.Struct({
  id: ReflectionId,
  text: Note
})
/** @since 0.1.0 */
export type Reflection = typeof Reflection.Type
