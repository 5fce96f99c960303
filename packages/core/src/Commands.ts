/**
 * The commands a coaching tool sends to a teacher's journey. A command says what someone wants
 * to record; `Cycle.decide` answers with the events to append or a typed error. Commands carry
 * no time: the decider takes it from the clock in its context.
 *
 * TypeScript callers write commands as `Commands.Input` (plain strings for ids and dates, every
 * field typed, so a misspelt field fails to compile); input from JavaScript, JSON or HTTP goes
 * through `Cycle.parseCommand` or `Journeys`' `executeUnknown`. Every field of every command is
 * listed in `docs/commands.md`, generated from these Schemas by `markdown()`.
 *
 * @since 0.1.0
 */
import { Schema, SchemaAST } from "effect"
import { ActionStepDraft, CalibrationReview, FeedbackMeeting, FollowUp, Group, LessonVisit, LeveragePoint, PracticeSession, Reflection } from "./Entities.js"
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
  StartCycle: {
    ...common,
    teacherId: PersonId,
    coachId: PersonId,
    follows: Schema.optionalKey(CycleId),
    /** With `follows`: carry the secured cycle's leverage point over (the next granular step on the same focus). */
    continueLeveragePoint: Schema.optionalKey(Schema.Boolean),
    /** A group cycle: this teacher's cycle is one of the group's (use `Journeys.executeGroup`). */
    group: Schema.optionalKey(Group)
  },
  RecordVisit: { ...common, visit: LessonVisit },
  IdentifyLeveragePoint: { ...common, leveragePoint: LeveragePoint },
  ProposeLeveragePoint: { ...common, proposalId: ProposalId, leveragePoint: LeveragePoint },
  AgreeActionStep: { ...common, actionStep: ActionStepDraft },
  ProposeActionStep: { ...common, proposalId: ProposalId, actionStep: ActionStepDraft },
  AgreeProposal: { ...common, proposalId: ProposalId },
  HoldFeedbackMeeting: {
    ...common,
    meeting: FeedbackMeeting,
    /** A facilitative meeting from Diagnosed: the step agreed in the meeting, and who proposed it. */
    agreeStep: Schema.optionalKey(Schema.Struct({ actionStep: ActionStepDraft, proposedBy: PersonId }))
  },
  Calibrate: { ...common, calibration: CalibrationReview },
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

/**
 * A command as a TypeScript caller writes it: the Schema's encoded form, so ids and dates are
 * plain strings (`"t-ada"`, `"2026-11-30"`), checked when the command is executed. A decoded
 * `Command` (e.g. from `Demo.cycleCommands`) is an `Input` too.
 *
 * @since 0.2.0
 */
export type Input = typeof Command.Encoded

/** The input of one command, by its tag (`InputOf<"StartCycle">`). @since 0.2.0 */
export type InputOf<Tag extends CommandTag> = Extract<Input, { readonly _tag: Tag }>

/** What each command records, and who sends it, for the field table. @since 0.2.0 */
export const descriptions: Readonly<Record<CommandTag, string>> = {
  StartCycle: "The coach opens a cycle on the teacher's journey (one open cycle at a time); `follows` links it to a secured one.",
  RecordVisit: "The coach records a lesson visit: low-inference evidence, strengths seen, candidate leverage points.",
  IdentifyLeveragePoint: "The coach names the leverage point, citing visits of this cycle as evidence.",
  ProposeLeveragePoint: "The teacher proposes a leverage point (facilitative style); the coach agrees it with `AgreeProposal`.",
  AgreeActionStep: "The coach agrees one granular action step; it must pass the granularity check or carry an override with a reason.",
  ProposeActionStep: "The teacher proposes an action step; the coach agrees it with `AgreeProposal`.",
  AgreeProposal: "The coach agrees the teacher's proposal (a leverage point or an action step).",
  HoldFeedbackMeeting: "The coach records the feedback meeting: the six parts, the rehearsal reps with feedback, where it will be used, the follow-up due date.",
  Calibrate: "Other coaches reviewed the leverage point or the action step together before it was shared.",
  HoldPracticeSession: "After a follow-up that did not see the step secured: practise again, with reps and a new due date.",
  RecordFollowUp: "The coach records the follow-up visit and what it saw: secured, partly, not yet, not seen (then `nextDue`).",
  ExtendTimeline: "The coach moves the follow-up due date, with a reason.",
  AddReflection: "The teacher adds a reflection to a cycle (or to the journey, without `cycleId`); only they and that coach read it.",
  CloseCycle: "The coach closes an open cycle, with a reason."
}

/** One row of the field table: a field's path, what it takes and whether its object requires it. @since 0.2.0 */
export interface Field {
  readonly path: string
  readonly type: string
  /** Whether the object holding the field requires it (a field of an optional object: when that object is given). */
  readonly required: boolean
}

const flattenChecks = (checks: ReadonlyArray<SchemaAST.Check<any>> | undefined): Array<SchemaAST.Filter<any>> =>
  (checks ?? []).flatMap((c) => (c._tag === "FilterGroup" ? flattenChecks(c.checks) : [c]))

const describeAst = (ast: SchemaAST.AST): string => {
  const filters = flattenChecks(ast.checks)
  const rep = (id: string) =>
    filters.map((f) => f.annotations?.["representation"] as { readonly id?: string; readonly payload?: any } | undefined).find((r) => r?.id === id)?.payload
  switch (ast._tag) {
    case "String": {
      const pattern = filters.find((f) => (f.annotations?.["representation"] as { id?: string } | undefined)?.id === "effect/schema/isPattern")
      if (pattern?.annotations?.expected !== undefined) return String(pattern.annotations.expected)
      const between = rep("effect/schema/isBetweenCodePoints")
      if (between !== undefined) return `text, ${between.minimum}–${between.maximum.toString().replace(/\B(?=(\d{3})+$)/g, " ")} characters, not blank`
      const max = rep("effect/schema/isMaxCodePoints")
      return max !== undefined ? `text, up to ${max.maxCodePoints.toString().replace(/\B(?=(\d{3})+$)/g, " ")} characters` : "text"
    }
    case "Number": {
      const between = rep("effect/schema/isBetween")
      const whole = rep("effect/schema/isInt") !== undefined || filters.some((f) => (f.annotations?.["representation"] as { id?: string } | undefined)?.id === "effect/schema/isInt")
      return `${whole ? "whole number" : "number"}${between !== undefined ? ` ${between.minimum}–${between.maximum}` : ""}`
    }
    case "Boolean":
      return "`true` or `false`"
    case "Literal":
      return `\`${JSON.stringify(ast.literal)}\``
    case "Union":
      return ast.types.every((t) => t._tag === "Literal")
        ? `one of ${ast.types.map((t) => `\`${JSON.stringify((t as SchemaAST.Literal).literal)}\``).join(", ")}`
        : ast.types.map(describeAst).join(" or ")
    case "Objects":
      return "object (its fields below)"
    case "Arrays": {
      const item = ast.rest[0] ?? ast.elements[0]
      const nonEmpty = ast.elements.length > 0
      const of = item === undefined ? "anything" : item._tag === "Objects" ? "objects (their fields below)" : describeAst(item)
      return `${nonEmpty ? "non-empty list" : "list"} of ${of}`
    }
    default:
      return ast._tag
  }
}

const fieldsOf = (ast: SchemaAST.AST, prefix: string, out: Array<Field>): void => {
  if (ast._tag === "Objects") {
    for (const ps of ast.propertySignatures) {
      const name = String(ps.name)
      const path = prefix === "" ? name : `${prefix}.${name}`
      const own = ps.type.context?.isOptional !== true
      out.push({ path, type: describeAst(ps.type), required: own })
      fieldsOf(ps.type, path, out)
    }
  } else if (ast._tag === "Arrays") {
    const item = ast.rest[0] ?? ast.elements[0]
    if (item !== undefined && item._tag === "Objects") fieldsOf(item, `${prefix}[]`, out)
  }
}

/**
 * Every field of one command, nested fields as paths (`visit.evidence`, `meeting.reps[].feedback`),
 * read from the Schema (so it cannot drift from what `Cycle.parseCommand` accepts).
 *
 * @since 0.2.0
 */
export const fields = (tag: CommandTag): ReadonlyArray<Field> => {
  const out: Array<Field> = []
  fieldsOf(SchemaAST.toEncoded(Command.cases[tag].ast), "", out)
  return out
}

/** The command tags in the order the table lists them. @since 0.2.0 */
export const tags: ReadonlyArray<CommandTag> = Object.keys(Command.cases) as Array<CommandTag>

/**
 * The field table of every command as Markdown, exactly as `docs/commands.md` shows it (a test
 * keeps the two equal).
 *
 * @since 0.2.0
 */
export const markdown = (): string =>
  tags
    .map((tag) =>
      [
        `### \`${tag}\``,
        "",
        descriptions[tag],
        "",
        "| field | takes | required |",
        "|---|---|---|",
        ...fields(tag).map((f) => `| \`${f.path}\` | ${f.type.replaceAll("|", "\\|")} | ${f.required ? "yes" : "no"} |`)
      ].join("\n")
    )
    .join("\n\n")
