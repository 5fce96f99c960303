/**
 * The feedback-meeting script: what a coach takes into a short feedback meeting, in the six
 * parts of the meeting, in order — precise praise, probe, the leverage point and one action
 * step (the three lines "I notice that … / Your leverage point, therefore, is … / Your action
 * step is to …"), practise with a rep tally, plan ahead, and the timeline. After a follow-up
 * that did not see the step secured, a practice session gets its own short script instead:
 * what the follow-up saw, the adjustment, rehearsal, the new date.
 *
 * A script is plain data: every part carries its structured content (the praise moments, the
 * rehearsal reps, the follow-up date, …) and the `lines` a coach reads, each tagged with who
 * speaks. `renderScript` turns it into text, Markdown or HTML.
 *
 * @since 0.1.0
 */
import type { Cycle, Ids, People, Time } from "@coaching/core"

/** The spelling and date style of a script. `en-GB` is the default. @since 0.1.0 */
export type Locale = "en-GB" | "en-US"

/** The locales a script can be written in. @since 0.1.0 */
export const locales: ReadonlyArray<Locale> = ["en-GB", "en-US"]

/**
 * What a line is: the coach says or asks it, the coach listens for it (what the teacher is
 * expected to reach), the teacher says it, or it is a direction for the coach (not spoken).
 *
 * @since 0.1.0
 */
export type LineKind = "say" | "ask" | "listen-for" | "teacher" | "direction"

/** One line of the script. @since 0.1.0 */
export interface ScriptLine {
  readonly kind: LineKind
  readonly text: string
}

/**
 * The parts of a script: the six parts of a feedback meeting, and the two a practice session
 * adds (what the follow-up saw, and the adjustment to the step).
 *
 * @since 0.1.0
 */
export type PartName = "praise" | "probe" | "actionStep" | "practise" | "planAhead" | "timeline" | "seen" | "adjustment"

/** The six parts of a feedback meeting, in the order they are held. @since 0.1.0 */
export const partOrder: ReadonlyArray<PartName> = ["praise", "probe", "actionStep", "practise", "planAhead", "timeline"]

/**
 * The four parts of a practice session, in order: what the follow-up saw, the adjustment,
 * rehearsal, the new date.
 *
 * @since 0.2.0
 */
export const practiceSessionPartOrder: ReadonlyArray<PartName> = ["seen", "adjustment", "practise", "timeline"]

/** What every part has: its name, a title in the script's locale, and the lines to read. @since 0.1.0 */
export interface PartBase<Name extends PartName> {
  readonly part: Name
  readonly title: string
  readonly lines: ReadonlyArray<ScriptLine>
}

/** One strength seen on a visit, used as precise praise. @since 0.1.0 */
export interface PraiseMoment {
  readonly visitId: Ids.VisitId
  /** Where it was seen: the visit's class/context and timetable slot. */
  readonly where: string
  /** The strength as the coach noted it. */
  readonly strength: string
  /** Whether the note says what the students did (its effect on students), not only how they felt. */
  readonly namesEffect: boolean
  /** Whether the note names a specific moment: a time, a count, a quotation or what the teacher did (since 0.2.0). */
  readonly namesMoment: boolean
}

/** Precise praise: one or two moments from the visits, never a verdict on the lesson. @since 0.1.0 */
export interface PraisePart extends PartBase<"praise"> {
  readonly moments: ReadonlyArray<PraiseMoment>
}

/** The probe: questions that focus the teacher on the moment behind the leverage point. @since 0.1.0 */
export interface ProbePart extends PartBase<"probe"> {
  /** The playbook area the questions come from (`default` when the area is unknown). */
  readonly area: string
  readonly questions: ReadonlyArray<string>
}

/** The cycle's one action step, as the script uses it. @since 0.1.0 */
export interface ScriptActionStep {
  readonly id: Ids.ActionStepId
  readonly text: string
  readonly whyItWorks: string
}

/**
 * The problem and the one action step, in three lines. Directive: the coach says all three.
 * Balanced: the coach says what they noticed, asks for the leverage point, then names the step.
 * Facilitative: the "I notice" line is a question, the coach listens for the leverage point
 * and the teacher states the step.
 *
 * @since 0.1.0
 */
export interface ActionStepPart extends PartBase<"actionStep"> {
  readonly leveragePoint: string
  /**
   * The step, when it was agreed before the meeting; `undefined` when a facilitative meeting
   * agrees it (`prompt` then says how the coach draws it out). Since 0.2.0 it may be absent.
   */
  readonly actionStep: ScriptActionStep | undefined
  /** How the coach prompts for the step in a facilitative meeting that agrees it (since 0.2.0). */
  readonly prompt: StepPrompt | undefined
  /** The "I notice that …" line (a question in the facilitative style). */
  readonly notice: ScriptLine
  /** The "Your leverage point, therefore, is …" line (listened for in the facilitative style). */
  readonly leverage: ScriptLine
  /** The "Your action step is to …" line (the teacher's words in the facilitative style). */
  readonly step: ScriptLine
}

/**
 * The prompt for a step agreed in a facilitative meeting: the teacher names the step, the coach
 * checks with them that it is granular, and the playbook's technique (when the leverage point
 * names one) gives the coach a granular example to listen for.
 *
 * @since 0.2.0
 */
export interface StepPrompt {
  /** The playbook technique the leverage point names, if any. */
  readonly techniqueId: Ids.TechniqueId | undefined
  /** Granular steps to listen for (the technique's sub-steps as one routine); may be empty. */
  readonly listenFor: ReadonlyArray<string>
  /** The questions and checks of the granularity check, asked with the teacher. */
  readonly checks: ReadonlyArray<string>
}

/**
 * Where a continuing cycle starts from: the secured cycle whose leverage point it continues,
 * its secured step and the follow-up that saw it (absent when `input.previous` is not given).
 *
 * @since 0.2.0
 */
export interface ContinuesFrom {
  readonly cycleId: Ids.CycleId
  /** The secured step's text. */
  readonly securedStep: string | undefined
  /** The day of the follow-up that saw the step secured, and what it saw. */
  readonly followUpOn: Time.CalendarDate | undefined
  readonly evidence: string | undefined
}

/**
 * One rehearsal rep: the scenario the coach sets up (what the coach plays, chosen to fit the
 * technique's strand) and the one line of feedback after it.
 *
 * @since 0.1.0
 */
export interface Rep {
  readonly number: number
  readonly scenario: string
  readonly feedback: string
}

/**
 * Practise: the coach models the step once, then a rep tally: one line per rep, with its
 * scenario and the part of the step the feedback is on.
 *
 * @since 0.1.0
 */
export interface PractisePart extends PartBase<"practise"> {
  /** The step, stated once (as a verb phrase: "pose the question, pause …"). Since 0.2.0. */
  readonly step: string
  /** The parts of the step the coach models and gives feedback on (quoted speech is never split). Since 0.2.0. */
  readonly stepParts: ReadonlyArray<string>
  /** The playbook area the scenarios come from (`default` when it is unknown). Since 0.2.0. */
  readonly area: string
  /** Modelling and set-up lines, read before the reps. */
  readonly lines: ReadonlyArray<ScriptLine>
  /** The planned reps (the policy's target minimum unless asked otherwise). */
  readonly reps: ReadonlyArray<Rep>
  /** How far to go on if the step is not yet secure (the policy's target maximum). */
  readonly maxReps: number
}

/** Plan ahead: where the teacher will use the step first, written into their plan and record. @since 0.1.0 */
export interface PlanAheadPart extends PartBase<"planAhead"> {
  /** The class of the latest visit, proposed as the first place to use the step. */
  readonly firstUse: string | undefined
}

/** How the follow-up date sits against policy (dates outside policy are errors). @since 0.1.0 */
export type DueAdvice = "ok" | "beyond-recommended"

/** The timeline: when the coach comes back to see the step in the classroom. @since 0.1.0 */
export interface TimelinePart extends PartBase<"timeline"> {
  readonly meetingDate: Time.CalendarDate
  readonly followUpDue: Time.CalendarDate
  /** Days from the meeting to the follow-up. */
  readonly days: number
  readonly advice: DueAdvice
}

/** Something the coach should know before the meeting; never stops the script. @since 0.1.0 */
export interface ScriptWarning {
  readonly code: WarningCode
  readonly message: string
}

/** The stable codes of script warnings. @since 0.1.0 */
export type WarningCode =
  | "FOLLOW_UP_BEYOND_RECOMMENDED"
  | "ACTION_STEP_NOT_GRANULAR"
  | "NO_STRENGTHS_RECORDED"
  | "PRAISE_EFFECT_MISSING"
  | "NO_EVIDENCE_NOTES"
  | "JUDGEMENT_IN_RECORD"
  | "PREVIOUS_CYCLE_MISSING"

/**
 * Which meeting the script is for: the feedback meeting of a planned cycle, or the practice
 * session after a follow-up that did not see the step secured.
 *
 * @since 0.1.0
 */
export type Occasion = "feedback-meeting" | "practice-session"

/** What the follow-up saw, for a practice session. @since 0.2.0 */
export interface SeenPart extends PartBase<"seen"> {
  /** The day of the follow-up visit. */
  readonly on: Time.CalendarDate
  readonly outcome: "partly" | "not-yet"
  /** The follow-up's evidence, as the coach noted it. */
  readonly evidence: string
}

/**
 * The adjustment, for a practice session: the step as it stands (revised after the follow-up,
 * or the same step with one part to change) and the one adjustment to rehearse.
 *
 * @since 0.2.0
 */
export interface AdjustmentPart extends PartBase<"adjustment"> {
  readonly actionStep: ScriptActionStep
  /** Whether the step was revised after the follow-up. */
  readonly revised: boolean
}

/**
 * The rules' advice (`Cycle.advise`, the same codes the command service returns and the reports
 * count): on the meeting this script plans (a follow-up further out than recommended, a step
 * agreed over the granularity check, a step not calibrated where the programme records
 * calibration), and on what the cycle's record already holds (a meeting or practice session
 * with fewer reps than the target). `recordedOn` is the day of the record it is about, for
 * advice on the record.
 *
 * @since 0.2.0
 */
export interface ScriptAdvisory {
  readonly code: Cycle.AdvisoryCode
  readonly message: string
  readonly recordedOn?: Time.CalendarDate
}

/** What every script has, whatever the occasion. @since 0.2.0 */
export interface ScriptBase {
  readonly cycleId: Ids.CycleId
  readonly style: People.Style
  readonly locale: Locale
  readonly teacherName: string | undefined
  readonly meetingDate: Time.CalendarDate
  readonly practise: PractisePart
  readonly timeline: TimelinePart
  readonly warnings: ReadonlyArray<ScriptWarning>
  /** The rules' advice on this meeting and on the cycle's record (since 0.2.0). */
  readonly advisories: ReadonlyArray<ScriptAdvisory>
}

/** The script of a feedback meeting: the six parts, in order. @since 0.2.0 */
export interface MeetingScript extends ScriptBase {
  readonly occasion: "feedback-meeting"
  /** A facilitative meeting that agrees the step: the script prompts for it (since 0.2.0). */
  readonly stepToAgree: boolean
  /** For a cycle that continues a secured cycle's leverage point: where it starts from (since 0.2.0). */
  readonly continues: ContinuesFrom | undefined
  readonly praise: PraisePart
  readonly probe: ProbePart
  readonly actionStep: ActionStepPart
  readonly planAhead: PlanAheadPart
}

/**
 * The short script of a practice session after a follow-up that saw the step partly or not
 * yet: what the follow-up saw, the adjustment, rehearsal, the new date.
 *
 * @since 0.2.0
 */
export interface PracticeSessionScript extends ScriptBase {
  readonly occasion: "practice-session"
  readonly seen: SeenPart
  readonly adjustment: AdjustmentPart
}

/**
 * A complete script: a feedback meeting's (`occasion: "feedback-meeting"`) or a practice
 * session's (`occasion: "practice-session"`).
 *
 * @since 0.1.0
 */
export type FeedbackScript = MeetingScript | PracticeSessionScript

/** Any part of a script. @since 0.1.0 */
export type Part = PraisePart | ProbePart | ActionStepPart | PractisePart | PlanAheadPart | TimelinePart | SeenPart | AdjustmentPart

/** The parts of a script in the order they are held (six for a meeting, four for a practice session). @since 0.1.0 */
export const parts = (script: FeedbackScript): ReadonlyArray<Part> =>
  script.occasion === "practice-session"
    ? [script.seen, script.adjustment, script.practise, script.timeline]
    : [script.praise, script.probe, script.actionStep, script.practise, script.planAhead, script.timeline]

/**
 * The script's one action step, whatever the occasion; `undefined` for a facilitative meeting
 * that agrees the step (`stepToAgree`).
 *
 * @since 0.2.0
 */
export const actionStepOf = (script: FeedbackScript): ScriptActionStep | undefined =>
  script.occasion === "practice-session" ? script.adjustment.actionStep : script.actionStep.actionStep
