/**
 * Why no script could be written. One tagged error class per cause, each with a stable `code`
 * (safe to match on) and a human `message`. `generateFeedbackScript` returns them in a
 * `Result`; it never throws.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The cycle is not ready for a feedback meeting (as `Cycle.readyForMeeting` says): it has no
 * leverage point or no action step yet, or its meeting was held and the follow-up comes next
 * (`CYCLE_NOT_READY`, `missing` says which), or it has ended (`CYCLE_ENDED`), or the programme
 * requires calibrated steps and this one is not calibrated (`CALIBRATION_REQUIRED`, since 0.2.0).
 *
 * @since 0.1.0
 */
export class CycleNotReady extends Schema.TaggedError<CycleNotReady>()("CycleNotReady", {
  code: Schema.Literals(["CYCLE_NOT_READY", "CYCLE_ENDED", "CALIBRATION_REQUIRED"]),
  missing: Schema.optionalKey(Schema.Literals(["leveragePoint", "actionStep", "followUp", "calibration"])),
  message: Schema.String
}) {}

/**
 * The follow-up date is outside policy: fewer than `minDays` or more than `maxDays` after the
 * meeting (the same codes as the cycle's decider).
 *
 * @since 0.1.0
 */
export class FollowUpOutOfPolicy extends Schema.TaggedError<FollowUpOutOfPolicy>()("FollowUpOutOfPolicy", {
  code: Schema.Literals(["FOLLOW_UP_DUE_TOO_SOON", "FOLLOW_UP_DUE_TOO_LATE"]),
  days: Schema.Int,
  message: Schema.String
}) {}

/**
 * The input or the options are not valid; `path` names the field (`options.meetingDate`,
 * `input.cycle.visits[0].visit.context`, …). `MEETING_BEFORE_ACTION_STEP`: the meeting is dated
 * before the action step was agreed. `NOT_THE_CONTINUED_CYCLE` (since 0.2.0): `input.previous` is not the
 * secured cycle whose leverage point this cycle continues.
 *
 * @since 0.1.0
 */
export class InvalidScriptInput extends Schema.TaggedError<InvalidScriptInput>()("InvalidScriptInput", {
  code: Schema.Literals(["INVALID_INPUT", "MEETING_BEFORE_ACTION_STEP", "NOT_THE_CONTINUED_CYCLE"]),
  path: Schema.String,
  message: Schema.String
}) {}

/** Every reason `generateFeedbackScript` can refuse. @since 0.1.0 */
export type ScriptError = CycleNotReady | FollowUpOutOfPolicy | InvalidScriptInput

/** Every stable error code, for documentation and exhaustive tests. @since 0.1.0 */
export const scriptErrorCodes: ReadonlyArray<ScriptError["code"]> = [
  "CYCLE_NOT_READY",
  "CYCLE_ENDED",
  "CALIBRATION_REQUIRED",
  "FOLLOW_UP_DUE_TOO_SOON",
  "FOLLOW_UP_DUE_TOO_LATE",
  "INVALID_INPUT",
  "MEETING_BEFORE_ACTION_STEP",
  "NOT_THE_CONTINUED_CYCLE"
]
