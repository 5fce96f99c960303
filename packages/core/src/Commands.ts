/**
 * The commands a coaching tool sends to a teacher's journey. A command says what someone wants
 * to record; `Cycle.decide` answers with the events to append or a typed error. Commands carry
 * no time: the decider takes it from the clock in its context.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ActionStepDraft, FeedbackMeeting, FollowUp, LessonVisit, LeveragePoint, PracticeSession, Reflection } from "./Entities.js"
import { CycleId, PersonId, ProposalId } from "./Ids.js"
import { Line } from "./Text.js"
import { CalendarDate } from "./Time.js"

const common = {
  cycleId: CycleId,
  by: PersonId
}

/**
 * Every command of a journey. `by` is the person recording it: the coach records the cycle;
 * the teacher adds reflections (to a cycle, or to the journey when `cycleId` is left out) and
 * may propose a leverage point or an action step, which the coach then agrees.
 *
 * @since 0.1.0
 */
export const Command = Schema.TaggedUnion({
  StartCycle: { ...common, teacherId: PersonId, coachId: PersonId, follows: Schema.optionalKey(CycleId) },
  RecordVisit: { ...common, visit: LessonVisit },
  IdentifyLeveragePoint: { ...common, leveragePoint: LeveragePoint },
  ProposeLeveragePoint: { ...common, proposalId: ProposalId, leveragePoint: LeveragePoint },
  AgreeActionStep: { ...common, actionStep: ActionStepDraft },
  ProposeActionStep: { ...common, proposalId: ProposalId, actionStep: ActionStepDraft },
  AgreeProposal: { ...common, proposalId: ProposalId },
  HoldFeedbackMeeting: { ...common, meeting: FeedbackMeeting },
  HoldPracticeSession: { ...common, session: PracticeSession },
  RecordFollowUp: { ...common, followUp: FollowUp },
  ExtendTimeline: { ...common, followUpDue: CalendarDate, reason: Line },
  AddReflection: { cycleId: Schema.optionalKey(CycleId), by: PersonId, reflection: Reflection },
  CloseCycle: { ...common, reason: Line }
})
/** @since 0.1.0 */
export type Command = typeof Command.Type

/** The command tags. @since 0.1.0 */
export type CommandTag = Command["_tag"]
