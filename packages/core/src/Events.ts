/**
 * The events of a teacher's journey: one tagged union. The event log is the record; every
 * other view (state, fidelity, caseload) is derived from it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActionStep, ActionStepDraft, FeedbackMeeting, FollowUp, LessonVisit, LeveragePoint, PracticeSession, Reflection } from "./Entities.js"
import { CycleId, PersonId, ProposalId } from "./Ids.js"
import { Line } from "./Text.js"
import { CalendarDate, Timestamp } from "./Time.js"

const common = {
  cycleId: CycleId,
  at: Timestamp,
  by: PersonId
}

/** Who proposed what the coach agreed (absent when the coach wrote it). */
const proposal = {
  proposalId: Schema.optionalKey(ProposalId),
  proposedBy: Schema.optionalKey(PersonId)
}

/**
 * Every event of a journey. `at` is when it happened; `by` who recorded it (for an agreed
 * proposal: the coach who agreed it, and `proposedBy` the teacher who proposed it).
 *
 * @since 0.1.0
 */
export const JourneyEvent = Schema.TaggedUnion({
  CycleStarted: { ...common, teacherId: PersonId, coachId: PersonId, follows: Schema.optionalKey(CycleId) },
  VisitRecorded: { ...common, visit: LessonVisit },
  LeveragePointProposed: { ...common, proposalId: ProposalId, leveragePoint: LeveragePoint },
  LeveragePointIdentified: { ...common, leveragePoint: LeveragePoint, ...proposal },
  ActionStepProposed: { ...common, proposalId: ProposalId, actionStep: ActionStepDraft },
  ActionStepAgreed: { ...common, actionStep: ActionStep, ...proposal },
  FeedbackMeetingHeld: { ...common, meeting: FeedbackMeeting },
  PracticeSessionHeld: { ...common, session: PracticeSession },
  FollowUpRecorded: { ...common, followUp: FollowUp },
  TimelineExtended: { ...common, followUpDue: CalendarDate, reason: Line },
  ReflectionAdded: { cycleId: Schema.optionalKey(CycleId), at: Timestamp, by: PersonId, reflection: Reflection },
  CycleClosed: { ...common, reason: Line }
})
/** @since 0.1.0 */
export type JourneyEvent = typeof JourneyEvent.Type

/** The event tags, in cycle order. @since 0.1.0 */
export type EventTag = JourneyEvent["_tag"]

/** One event of each tag, narrowed. @since 0.1.0 */
export type EventOf<T extends EventTag> = Extract<JourneyEvent, { readonly _tag: T }>

/** Decodes an unknown value as an event (strict: unknown fields are rejected). @since 0.1.0 */
export const decodeUnknown = Schema.decodeUnknownResult(JourneyEvent)

/** Encodes an event to its JSON form. @since 0.1.0 */
export const encode = Schema.encodeSync(JourneyEvent)
