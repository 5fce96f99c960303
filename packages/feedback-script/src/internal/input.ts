/**
 * Validation of what `generateFeedbackScript` is given. A TypeScript caller passes a core
 * `CycleState`; a JavaScript caller may pass anything, so the parts of the cycle the script
 * reads are decoded with core's own entity schemas, and a problem becomes a typed error that
 * names the field.
 */
import { Cycle, Entities, Export, Granularity, Ids, People, Playbook, Policy, Text, Time } from "@coaching/core"
import { Result, Schema, SchemaIssue } from "effect"
import { InvalidScriptInput } from "../Errors.js"

/** The parts of a cycle the script reads (other fields of `CycleState` are ignored). */
const CycleView = Schema.Struct({
  id: Ids.CycleId,
  stage: Cycle.Stage,
  visits: Schema.Array(Schema.Struct({ visit: Entities.LessonVisit })),
  leveragePoint: Schema.optional(Schema.Struct({ leveragePoint: Entities.LeveragePoint })),
  actionSteps: Schema.Array(Schema.Struct({ at: Time.Timestamp, actionStep: Entities.ActionStep })),
  followUps: Schema.Array(Schema.Struct({ at: Time.Timestamp, followUp: Entities.FollowUp })),
  // read for the rules' advice (since 0.2.0): optional, so a cycle folded before they existed still reads
  calibrations: Schema.optional(Schema.Array(Schema.Struct({ calibration: Entities.CalibrationReview }))),
  meetings: Schema.optional(Schema.Array(Schema.Struct({ at: Time.Timestamp, meeting: Entities.FeedbackMeeting }))),
  practiceSessions: Schema.optional(Schema.Array(Schema.Struct({ at: Time.Timestamp, session: Entities.PracticeSession }))),
  extensions: Schema.optional(Schema.Array(Schema.Struct({ at: Time.Timestamp, followUpDue: Time.CalendarDate })))
})
/** The decoded cycle. */
export type CycleView = typeof CycleView.Type

const InputSchema = Schema.Struct({
  cycle: CycleView,
  previous: Schema.optional(CycleView),
  style: Schema.optional(People.Style),
  teacherName: Schema.optional(Text.Line)
})

const isChecker = (u: unknown): u is Granularity.Checker => typeof u === "function"
const CheckerSchema = Schema.declare(isChecker, { expected: "a granularity checker function (text) => GranularityReport" })

const Days = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 3660 })))
const Reps = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 })))

const OptionsSchema = Schema.Struct({
  style: Schema.optional(People.Style),
  locale: Schema.optional(Schema.Literals(["en-GB", "en-US"])),
  meetingDate: Time.CalendarDate,
  policy: Schema.optional(Policy.Policy),
  followUpDays: Schema.optional(Days),
  reps: Schema.optional(Reps),
  checkActionStep: Schema.optional(CheckerSchema),
  playbook: Schema.optional(Playbook.Playbook)
})
/** The decoded options. */
export type OptionsView = typeof OptionsSchema.Type

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const decodeWith = <S extends Schema.Decoder<unknown>>(schema: S, root: string) => {
  const decode = Schema.decodeUnknownResult(schema)
  return (value: unknown): Result.Result<S["Type"], InvalidScriptInput> => {
    if (typeof value !== "object" || value === null) {
      return Result.fail(new InvalidScriptInput({ code: "INVALID_INPUT", path: root, message: `${root} must be an object.` }))
    }
    const decoded = decode(value)
    if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
    const first = formatter(decoded.failure.issue).issues[0]
    const path = Export.pathOf((first?.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? p.key : p)) as ReadonlyArray<PropertyKey>, root)
    const detail = first?.message ?? "is not valid"
    return Result.fail(new InvalidScriptInput({ code: "INVALID_INPUT", path, message: `Invalid ${path}: ${detail}` }))
  }
}

/** Decodes the input (`{ cycle, style?, teacherName? }`). */
export const decodeInput = decodeWith(InputSchema, "input")

/** Decodes the options (`{ meetingDate, style?, locale?, policy?, … }`). */
export const decodeOptions = decodeWith(OptionsSchema, "options")

/** Decodes a granularity report a checker returned (a checker is code the caller supplies). */
export const decodeReport = Schema.decodeUnknownResult(Granularity.GranularityReport)
