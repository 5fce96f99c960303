/**
 * Fidelity to the model, per coach, per cohort and for the whole programme — the answer to the
 * "scale-up" worry of the sources (steps not granular enough, drift as more coaches join). Read
 * from the reports' projection (`Reports.evolve`) by a lead (`reports.read`): aggregates only,
 * groups of fewer teachers than the policy's minimum suppressed.
 *
 * The figures, each from events only:
 * - **action steps granular without override**: agreed steps (every revision) whose granularity
 *   report said granular and that carry no override;
 * - **rehearsal**: reps per feedback meeting or practice session — the median, and the share
 *   within the policy's target (7–10 by default);
 * - **days from the first visit to the leverage point**, and **from the meeting (or practice
 *   session) to the follow-up**: medians;
 * - **follow-ups** on time (on or before the due date), late, or with the step not seen;
 * - **secured rate** (secured of the cycles that ended: secured or closed) and **cycles needing
 *   re-practice** (at least one "partly" / "not yet" follow-up, of the cycles followed up);
 * - **visits per cycle** (lesson visits per cycle started);
 * - **calibrated**: leverage points (and action steps) reviewed together by coaches before they
 *   were shared;
 * - **meeting length**: the median minutes of feedback meetings;
 * - **step churn**: of the focuses (cycles with a leverage point) a new cycle followed, those
 *   closed before they were secured;
 * - **advisories**: how often each of the rules' advisories (`Cycle.advise`) applied — reps
 *   below / above target, a follow-up beyond the recommended days, a step overridden, a meeting
 *   on a step not calibrated (when the policy records calibration);
 * - **secured by month**, the trend.
 *
 * @since 0.2.0
 */
import { Result, Schema } from "effect"
import type * as Access from "./Access.js"
import * as Internal from "./internal/reports.js"
import { monthOf } from "./internal/days.js"
import { calibrationOf, defaultPolicy } from "./Policy.js"
import {
  type Answer,
  authorize,
  compareStrings,
  type Context,
  Count,
  FORMAT,
  index,
  minimumOf,
  reportJsonSchema,
  type State,
  suppress,
  Suppressed,
  suppressionMessage,
  type SuppressionReason,
  VERSION
} from "./Reports.js"

/** A share from 0 to 1, or `null` when there is nothing to divide by. */
const Share = Schema.NullOr(Schema.Number.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1 }))))
/** A median or mean, or `null` when there is no value. */
const Measure = Schema.NullOr(Schema.Number)

/** The figures of one group. @since 0.2.0 */
export const Figures = Schema.Struct({
  teachers: Count,
  cycles: Schema.Struct({ started: Count, secured: Count, closed: Count, open: Count }),
  actionSteps: Schema.Struct({ agreed: Count, granularWithoutOverride: Count, share: Share }),
  rehearsal: Schema.Struct({
    sessions: Count,
    medianReps: Measure,
    targetMin: Count,
    targetMax: Count,
    onTarget: Count,
    shareOnTarget: Share
  }),
  daysFirstVisitToLeveragePoint: Schema.Struct({ count: Count, median: Measure }),
  daysMeetingToFollowUp: Schema.Struct({ count: Count, median: Measure }),
  followUps: Schema.Struct({ recorded: Count, onTime: Count, late: Count, notSeen: Count, shareOnTime: Share }),
  secured: Schema.Struct({ ended: Count, secured: Count, rate: Share }),
  rePractice: Schema.Struct({ followedUp: Count, cycles: Count, share: Share }),
  visits: Schema.Struct({ recorded: Count, perCycle: Measure }),
  calibration: Schema.Struct({
    leveragePoints: Count,
    calibrated: Count,
    share: Share,
    actionSteps: Count,
    actionStepsCalibrated: Count,
    actionStepShare: Share
  }),
  meetingMinutes: Schema.Struct({ meetings: Count, median: Measure }),
  stepChurn: Schema.Struct({ newFocuses: Count, churned: Count, share: Share }),
  /** How often the rules' advisories (`Cycle.advise`) applied, by code. */
  advisories: Schema.Struct({
    REHEARSAL_BELOW_TARGET: Count,
    REHEARSAL_ABOVE_TARGET: Count,
    FOLLOW_UP_BEYOND_RECOMMENDED: Count,
    STEP_OVERRIDDEN: Count,
    STEP_NOT_CALIBRATED: Count
  }),
  securedByMonth: Schema.Array(Schema.Struct({ month: Schema.String, secured: Count }))
})
/** @since 0.2.0 */
export type Figures = typeof Figures.Type

/** What a group is: the programme, a coach's teachers, a cohort (`id: null`: teachers in no cohort). @since 0.2.0 */
export const Scope = Schema.Literals(["programme", "coach", "cohort"])
/** @since 0.2.0 */
export type Scope = typeof Scope.Type

const groupFields = { scope: Scope, id: Schema.NullOr(Schema.String), name: Schema.String }

/** One group: its figures, or why they are suppressed. @since 0.2.0 */
export const Group = Schema.Union([
  Schema.Struct({ ...groupFields, suppressed: Schema.Literal(false), figures: Figures }),
  Schema.Struct({ ...groupFields, ...Suppressed.fields })
])
/** @since 0.2.0 */
export type Group = typeof Group.Type

/** The fidelity report. @since 0.2.0 */
export const Report = Schema.Struct({
  format: Schema.Literal(FORMAT),
  report: Schema.Literal("fidelity"),
  version: Schema.Literal(VERSION),
  minGroupSize: Count,
  programme: Group,
  coaches: Schema.Array(Group),
  cohorts: Schema.Array(Group)
})
/** @since 0.2.0 */
export type Report = typeof Report.Type

/** Options: keep only one coach's or one cohort's group (suppression is decided over all groups first). @since 0.2.0 */
export interface Options {
  readonly coachId?: string
  readonly cohortId?: string
}

interface Acc {
  readonly teachers: Set<string>
  readonly pairs: Array<Internal.PairAcc>
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/** The figures of a set of pairs. */
const figuresOf = (acc: Acc, context: Context): Figures => {
  const policy = context.policy ?? defaultPolicy
  const reps: Internal.Tally = new Map()
  const minutes: Internal.Tally = new Map()
  const toLp: Internal.Tally = new Map()
  const toFollowUp: Internal.Tally = new Map()
  const byMonth = new Map<number, number>()
  const sum = {
    cycles: 0, secured: 0, closed: 0, open: 0, steps: 0, granular: 0, followUps: 0, onTime: 0, late: 0, notSeen: 0,
    followedUp: 0, rePractice: 0, visits: 0, lps: 0, calibrated: 0, meetings: 0, succeeded: 0, churned: 0,
    stepsCalibrated: 0, overridden: 0, uncalibrated: 0
  }
  const dueDays: Internal.Tally = new Map()
  for (const p of acc.pairs) {
    sum.cycles += p.cycles
    sum.secured += p.secured
    sum.closed += p.closed
    sum.open += p.open !== undefined ? 1 : 0
    sum.steps += p.steps
    sum.granular += p.granularSteps
    sum.followUps += p.followUps
    sum.onTime += p.onTime
    sum.late += p.late
    sum.notSeen += p.notSeen
    sum.followedUp += p.followedUp
    sum.rePractice += p.rePractice
    sum.visits += p.visits
    sum.lps += p.leveragePoints
    sum.calibrated += p.calibrated
    sum.meetings += p.meetings
    sum.succeeded += p.succeeded
    sum.churned += p.churned
    sum.stepsCalibrated += p.stepsCalibrated
    sum.overridden += p.overridden
    sum.uncalibrated += p.uncalibratedMeetings
    Internal.merge(dueDays, p.dueDays)
    Internal.merge(reps, p.reps)
    Internal.merge(minutes, p.meetingMinutes)
    Internal.merge(toLp, p.daysToLeveragePoint)
    Internal.merge(toFollowUp, p.daysToFollowUp)
    Internal.merge(byMonth, p.securedByMonth)
  }
  const { targetMax, targetMin } = policy.rehearsal
  const sessions = Internal.total(reps)
  const onTarget = Internal.countBetween(reps, targetMin, targetMax)
  const ended = sum.secured + sum.closed
  const months = [...byMonth.keys()].sort((a, b) => a - b)
  const securedByMonth: Array<{ month: string; secured: number }> = []
  if (months.length > 0) {
    for (let m = months[0]!; m <= months.at(-1)!; m++) securedByMonth.push({ month: monthOf(m), secured: byMonth.get(m) ?? 0 })
  }
  return {
    teachers: acc.teachers.size,
    cycles: { started: sum.cycles, secured: sum.secured, closed: sum.closed, open: sum.open },
    actionSteps: { agreed: sum.steps, granularWithoutOverride: sum.granular, share: share(sum.granular, sum.steps) },
    rehearsal: { sessions, medianReps: Internal.median(reps), targetMin, targetMax, onTarget, shareOnTarget: share(onTarget, sessions) },
    daysFirstVisitToLeveragePoint: { count: Internal.total(toLp), median: Internal.median(toLp) },
    daysMeetingToFollowUp: { count: Internal.total(toFollowUp), median: Internal.median(toFollowUp) },
    followUps: { recorded: sum.followUps, onTime: sum.onTime, late: sum.late, notSeen: sum.notSeen, shareOnTime: share(sum.onTime, sum.followUps) },
    secured: { ended, secured: sum.secured, rate: share(sum.secured, ended) },
    rePractice: { followedUp: sum.followedUp, cycles: sum.rePractice, share: share(sum.rePractice, sum.followedUp) },
    visits: { recorded: sum.visits, perCycle: sum.cycles === 0 ? null : sum.visits / sum.cycles },
    calibration: {
      leveragePoints: sum.lps,
      calibrated: sum.calibrated,
      share: share(sum.calibrated, sum.lps),
      actionSteps: sum.steps,
      actionStepsCalibrated: sum.stepsCalibrated,
      actionStepShare: share(sum.stepsCalibrated, sum.steps)
    },
    meetingMinutes: { meetings: sum.meetings, median: Internal.median(minutes) },
    stepChurn: { newFocuses: sum.succeeded, churned: sum.churned, share: share(sum.churned, sum.succeeded) },
    advisories: {
      REHEARSAL_BELOW_TARGET: Internal.countBetween(reps, 0, targetMin - 1),
      REHEARSAL_ABOVE_TARGET: Internal.countBetween(reps, targetMax + 1, Number.POSITIVE_INFINITY),
      FOLLOW_UP_BEYOND_RECOMMENDED: Internal.countBetween(dueDays, policy.followUp.recommendedMaxDays + 1, Number.POSITIVE_INFINITY),
      STEP_OVERRIDDEN: sum.overridden,
      STEP_NOT_CALIBRATED: calibrationOf(policy) === "recorded" ? sum.uncalibrated : 0
    },
    securedByMonth
  }
}

const NO_COHORT = ""

/**
 * The fidelity report, for a lead (`reports.read`): the programme, each coach's teachers and
 * each cohort (and the teachers in no cohort), as aggregates; small groups suppressed (primary
 * and secondary, per slicing). Anyone else gets `ACCESS_DENIED` and nothing is computed.
 *
 * @since 0.2.0
 */
export const report = (state: State, context: Context, principal: Access.Principal, options: Options = {}): Answer<Report> => {
  const denied = authorize(principal, "reports.read", context.records)
  if (denied) return Result.fail(denied)
  const min = minimumOf(context)
  const idx = index(context.records)
  const programme: Acc = { teachers: new Set(), pairs: [] }
  const coaches = new Map<string, Acc>()
  const cohorts = new Map<string, Acc>()
  const into = (map: Map<string, Acc>, key: string, pair: Internal.PairAcc) => {
    let acc = map.get(key)
    if (acc === undefined) map.set(key, acc = { teachers: new Set(), pairs: [] })
    acc.teachers.add(pair.teacherId)
    acc.pairs.push(pair)
  }
  for (const pair of state.pairs.values()) {
    if (pair.cycles === 0) continue
    programme.teachers.add(pair.teacherId)
    programme.pairs.push(pair)
    into(coaches, pair.coachId, pair)
    into(cohorts, idx.cohortOf(pair.coachId, pair.teacherId) ?? NO_COHORT, pair)
  }
  const hidden = suppress([
    ...[...coaches].map(([id, acc]) => ({ key: `coach:${id}`, slicing: "coach", pairs: acc.pairs })),
    ...[...cohorts].map(([id, acc]) => ({ key: `cohort:${id}`, slicing: "cohort", pairs: acc.pairs }))
  ], min)
  const group = (scope: Scope, id: string | null, name: string, acc: Acc, hidden: SuppressionReason | undefined): Group =>
    hidden !== undefined
      ? { scope, id, name, suppressed: true, reason: hidden, message: suppressionMessage(hidden, min) }
      : { scope, id, name, suppressed: false, figures: figuresOf(acc, context) }
  const programmeHidden = programme.teachers.size < min ? "fewer-than-minimum" as const : undefined
  return Result.succeed({
    format: FORMAT,
    report: "fidelity",
    version: VERSION,
    minGroupSize: min,
    programme: group("programme", null, "programme", programme, programmeHidden),
    coaches: [...coaches]
      .filter(([id]) => options.coachId === undefined || id === options.coachId)
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([id, acc]) => group("coach", id, idx.person(id)?.name ?? id, acc, hidden.get(`coach:${id}`))),
    cohorts: [...cohorts]
      .filter(([id]) => options.cohortId === undefined || id === options.cohortId)
      .sort(([a], [b]) => (a === NO_COHORT ? 1 : b === NO_COHORT ? -1 : compareStrings(a, b)))
      .map(([id, acc]) =>
        id === NO_COHORT
          ? group("cohort", null, "(no cohort)", acc, hidden.get(`cohort:${id}`))
          : group("cohort", id, idx.cohort(id)?.name ?? id, acc, hidden.get(`cohort:${id}`))
      )
  })
}

/** The `$id` of `jsonSchema()`. @since 0.2.0 */
export const jsonSchemaId = "urn:coaching:report:fidelity:1"

/**
 * The JSON Schema (draft 2020-12) of this report's JSON (`JSON.stringify` of the report), derived
 * from `Report` so it cannot drift; unknown fields are refused. A fresh object on every call.
 *
 * @since 0.2.0
 */
export const jsonSchema = (): { readonly [key: string]: unknown } => reportJsonSchema(jsonSchemaId, "Coaching fidelity report", Report)
