/**
 * Programme policy: how soon and how late a follow-up may be due, how much rehearsal a
 * meeting needs, and how small a group a report may show. Configurable, validated, with the
 * defaults of the practice: follow-up at least 1 day after the meeting, a warning past 28 days
 * ("four weeks, more likely") and a refusal past 84 ("three months — too long"); at least 1 rep
 * with feedback, 7–10 the target; report groups of fewer than 5 teachers suppressed.
 *
 * Single focus and the granularity check are invariants of the cycle, not policy.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { InvalidPolicy } from "./Errors.js"
import { issuesOf } from "./internal/issues.js"
import { type CalendarDate, daysBetween } from "./Time.js"

const Days = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 3660 })))
const Reps = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 })))

/** Follow-up timing in whole days after the meeting. @since 0.1.0 */
export const FollowUpPolicy = Schema.Struct({
  minDays: Days,
  recommendedMaxDays: Days,
  maxDays: Days
}).pipe(
  Schema.check(
    Schema.makeFilter((p) => p.minDays <= p.recommendedMaxDays && p.recommendedMaxDays <= p.maxDays && p.minDays >= 1, {
      expected: "1 ≤ minDays ≤ recommendedMaxDays ≤ maxDays"
    })
  )
)

/** Rehearsal reps: `minReps` enforced, `targetMin`–`targetMax` reported. @since 0.1.0 */
export const RehearsalPolicy = Schema.Struct({
  minReps: Reps,
  targetMin: Reps,
  targetMax: Reps
}).pipe(
  Schema.check(
    Schema.makeFilter((p) => p.minReps <= p.targetMin && p.targetMin <= p.targetMax, {
      expected: "minReps ≤ targetMin ≤ targetMax"
    })
  )
)

/**
 * Whether coaches calibrate leverage points and action steps together before sharing them:
 * `off` (not used), `recorded` (recorded and reported: the default) or `required` (a feedback
 * meeting needs a calibrated action step).
 *
 * @since 0.2.0
 */
export const CalibrationPolicy = Schema.Literals(["off", "recorded", "required"])
/** @since 0.2.0 */
export type CalibrationPolicy = typeof CalibrationPolicy.Type

/**
 * What reports may show: a group (a coach's teachers, a cohort, an area of a cohort) of fewer
 * than `minGroupSize` teachers is suppressed, so that no figure singles out a teacher. At least
 * 3: a group of one or two would show one teacher's figures to anyone who knows the other.
 *
 * @since 0.2.0
 */
export const ReportsPolicy = Schema.Struct({
  minGroupSize: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 3, maximum: 1000 })))
})

/**
 * A programme's policy. `calibration` absent = `recorded`; `reports` is optional so that a
 * policy written before it existed (an export's header) still validates, and absent means the
 * default (`minGroupSize`).
 *
 * @since 0.1.0
 */
export const Policy = Schema.Struct({
  followUp: FollowUpPolicy,
  rehearsal: RehearsalPolicy,
  calibration: Schema.optionalKey(CalibrationPolicy),
  reports: Schema.optionalKey(ReportsPolicy)
})
/** @since 0.1.0 */
export type Policy = typeof Policy.Type

/** The smallest group a report shows by default. @since 0.2.0 */
export const DEFAULT_MIN_GROUP_SIZE = 5

/** The defaults from the practice (`calibration` and `reports` absent: `recorded`, and groups of 5). @since 0.1.0 */
export const defaultPolicy: Policy = {
  followUp: { minDays: 1, recommendedMaxDays: 28, maxDays: 84 },
  rehearsal: { minReps: 1, targetMin: 7, targetMax: 10 }
}

/** The smallest group of teachers a report may show under `policy` (default 5). @since 0.2.0 */
export const minGroupSize = (policy: Policy): number => policy.reports?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE

/** Partial overrides of the defaults, one level deep. @since 0.1.0 */
export interface PolicyInput {
  readonly followUp?: Partial<Policy["followUp"]>
  readonly rehearsal?: Partial<Policy["rehearsal"]>
  readonly calibration?: CalibrationPolicy
  readonly reports?: Partial<NonNullable<Policy["reports"]>>
}

/** Builds a policy from overrides of the defaults, validated. @since 0.1.0 */
export const make = (input: PolicyInput = {}): Result.Result<Policy, InvalidPolicy> =>
  decode({
    followUp: { ...defaultPolicy.followUp, ...input.followUp },
    rehearsal: { ...defaultPolicy.rehearsal, ...input.rehearsal },
    ...(input.calibration !== undefined ? { calibration: input.calibration } : {}),
    ...(input.reports !== undefined ? { reports: { minGroupSize: DEFAULT_MIN_GROUP_SIZE, ...input.reports } } : {})
  })

/** The policy's calibration setting (`recorded` when the policy does not say). @since 0.2.0 */
export const calibrationOf = (policy: Policy): CalibrationPolicy => policy.calibration ?? "recorded"

/** Validates an unknown value as a complete policy. @since 0.1.0 */
export const decode = (input: unknown): Result.Result<Policy, InvalidPolicy> => {
  const result = Schema.decodeUnknownResult(Policy)(input, { errors: "all", onExcessProperty: "error" })
  if (Result.isSuccess(result)) return Result.succeed(result.success)
  const first = issuesOf(result.failure.issue)[0]!
  return Result.fail(new InvalidPolicy({ code: "INVALID_POLICY", path: first.path, message: `Invalid policy at ${first.path}: ${first.message}` }))
}

/** How a follow-up due date sits against policy. @since 0.1.0 */
export type DueAdvice = "too-soon" | "ok" | "beyond-recommended" | "too-late"

/** Classifies a due date against the day of the meeting (or follow-up) that sets it. @since 0.1.0 */
export const adviseDue = (policy: Policy, from: CalendarDate, due: CalendarDate): DueAdvice => {
  const days = daysBetween(from, due)
  if (days < policy.followUp.minDays) return "too-soon"
  if (days > policy.followUp.maxDays) return "too-late"
  if (days > policy.followUp.recommendedMaxDays) return "beyond-recommended"
  return "ok"
}

/** How a rehearsal's rep count sits against policy. @since 0.1.0 */
export type RepsAdvice = "below-minimum" | "below-target" | "on-target" | "above-target"

/** Classifies a number of rehearsal reps. @since 0.1.0 */
export const adviseReps = (policy: Policy, reps: number): RepsAdvice =>
  reps < policy.rehearsal.minReps
    ? "below-minimum"
    : reps < policy.rehearsal.targetMin
    ? "below-target"
    : reps > policy.rehearsal.targetMax
    ? "above-target"
    : "on-target"
