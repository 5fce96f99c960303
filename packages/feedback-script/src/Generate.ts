/**
 * `generateFeedbackScript`: writes the script of a feedback meeting from a coaching cycle —
 * its visits' strengths and evidence, its leverage point and its current action step — in the
 * relationship's style (facilitative, balanced or directive) and the school's locale; for a
 * cycle whose follow-up saw the step partly or not yet, the short script of the practice session.
 *
 * It is a pure function: the same cycle and options give the same script (no clock, no
 * randomness). It never throws: a cycle that is not ready, a follow-up date outside policy or
 * bad input is returned as a typed error in a `Result`.
 *
 * @since 0.1.0
 */
import type { Granularity, Ids, People } from "@coaching/core"
import { Cycle, Playbook, Policy, Time } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"
import { Result } from "effect"
import { CycleNotReady, FollowUpOutOfPolicy, InvalidScriptInput, type ScriptError } from "./Errors.js"
import { probesFor, repFeedback, repSetup, scenariosFor } from "./internal/data.js"
import { judgementIn as judgementMatches, namesEffect, namesMoment } from "./internal/evidence.js"
import { formatDate } from "./internal/dates.js"
import { type CycleView, decodeInput, decodeOptions, decodeReport, type OptionsView } from "./internal/input.js"
import { clause, collapse, fill, list, lowerFirst, quote, stepParts, stepPhrase, stripEnd, upperFirst } from "./internal/text.js"
import type {
  ActionStepPart,
  AdjustmentPart,
  ContinuesFrom,
  FeedbackScript,
  Locale,
  PlanAheadPart,
  PraiseMoment,
  PraisePart,
  PractisePart,
  ProbePart,
  Rep,
  ScriptAdvisory,
  ScriptLine,
  ScriptWarning,
  SeenPart,
  StepPrompt,
  TimelinePart
} from "./Script.js"

/**
 * What the script is written from: a cycle with a leverage point and an action step, the
 * relationship's style, and the teacher's name as the coach would say it.
 *
 * @since 0.1.0
 */
export interface FeedbackInput {
  /** The cycle, as folded by `Cycle.replay` (its visits, leverage point and action steps are read). */
  readonly cycle: Cycle.CycleState
  /**
   * For a cycle that continues a secured cycle's leverage point: that secured cycle, so the script
   * can open from its secured step and cite the follow-up that saw it (since 0.2.0).
   */
  readonly previous?: Cycle.CycleState | undefined
  /** The coaching relationship's style; `options.style` overrides it for one meeting. */
  readonly style?: People.Style | undefined
  /** The teacher's name, used in the header and the coach's directions ("the teacher" if absent). */
  readonly teacherName?: string | undefined
}

/** How to write the script. Only `meetingDate` is required. @since 0.1.0 */
export interface ScriptOptions {
  /** The day of the meeting (`YYYY-MM-DD`); the follow-up date is counted from it. */
  readonly meetingDate: Time.CalendarDate
  /** The style for this meeting; defaults to the relationship's style (`input.style`). */
  readonly style?: People.Style | undefined
  /** Spelling, quotation marks and date format: `en-GB` (default) or `en-US`. */
  readonly locale?: Locale | undefined
  /** The programme's policy; defaults to `Policy.defaultPolicy`. */
  readonly policy?: Policy.Policy | undefined
  /**
   * Days from the meeting to the follow-up visit. Default: one week (7), kept within the
   * policy's `minDays`..`recommendedMaxDays`. Past the recommended maximum the script warns;
   * outside `minDays`..`maxDays` it is refused with `FollowUpOutOfPolicy`.
   */
  readonly followUpDays?: number | undefined
  /** Rehearsal reps to plan, within the policy's target (default: its target minimum). */
  readonly reps?: number | undefined
  /**
   * The granularity checker the current step is re-checked with (a warning when it is not
   * granular). Default: `checkActionStep` from `@coaching/granularity`, in the script's locale,
   * knowing the playbook's technique names.
   */
  readonly checkActionStep?: Granularity.Checker | undefined
  /** The school's playbook, to name the step's technique and area; defaults to core's starter playbook. */
  readonly playbook?: Playbook.Playbook | undefined
}

/** What `generateFeedbackScript` returns: the script, or why not. @since 0.1.0 */
export type ScriptResult = Result.Result<FeedbackScript, ScriptError>

const DEFAULT_FOLLOW_UP_DAYS = 7

const say = (text: string): ScriptLine => ({ kind: "say", text })
const ask = (text: string): ScriptLine => ({ kind: "ask", text })
const listenFor = (text: string): ScriptLine => ({ kind: "listen-for", text })
const teacher = (text: string): ScriptLine => ({ kind: "teacher", text })
const direction = (text: string): ScriptLine => ({ kind: "direction", text })

const titles = (locale: Locale) => ({
  praise: "Precise praise",
  probe: "Probe",
  actionStep: "Leverage point and action step",
  practise: fill("{Practise}", locale),
  planAhead: "Plan ahead",
  timeline: "Set the timeline"
})

/**
 * Writes the script of a feedback meeting for a cycle that has a leverage point and an action
 * step (a `MeetingScript`), or of the practice session for a cycle in `Replanning` (a
 * `PracticeSessionScript`). Returns `Result.succeed(script)`, or `Result.fail` with
 * `CycleNotReady`, `FollowUpOutOfPolicy` or `InvalidScriptInput`; never throws.
 *
 * @since 0.1.0
 */
export const generateFeedbackScript = (input: FeedbackInput, options: ScriptOptions): ScriptResult => {
  const decodedOptions = decodeOptions(options)
  if (Result.isFailure(decodedOptions)) return Result.fail(decodedOptions.failure)
  const decodedInput = decodeInput(input)
  if (Result.isFailure(decodedInput)) return Result.fail(decodedInput.failure)
  const opts = decodedOptions.success
  const { cycle, teacherName } = decodedInput.success

  const style = opts.style ?? decodedInput.success.style
  if (style === undefined) {
    return Result.fail(
      new InvalidScriptInput({
        code: "INVALID_INPUT",
        path: "options.style",
        message: "No style: give the relationship's style as input.style, or options.style (facilitative, balanced or directive)."
      })
    )
  }
  const locale: Locale = opts.locale ?? "en-GB"
  const policy = opts.policy ?? Policy.defaultPolicy

  // Whether a meeting can be held is the rulebook's answer, not this package's: with the style
  // (a facilitative meeting may agree the step) and the policy (calibration may be required).
  const readiness = Cycle.readyForMeeting(cycle as unknown as Cycle.CycleState, { style, policy })
  if (!readiness.ready) {
    return Result.fail(
      new CycleNotReady({
        code: readiness.code === "CYCLE_ENDED" || readiness.code === "CALIBRATION_REQUIRED" ? readiness.code : "CYCLE_NOT_READY",
        ...(readiness.code === "LEVERAGE_POINT_MISSING" ? { missing: "leveragePoint" as const } : {}),
        ...(readiness.code === "ACTION_STEP_MISSING" ? { missing: "actionStep" as const } : {}),
        ...(readiness.code === "MEETING_HELD" ? { missing: "followUp" as const } : {}),
        ...(readiness.code === "CALIBRATION_REQUIRED" ? { missing: "calibration" as const } : {}),
        message: readiness.message
      })
    )
  }
  const stepToAgree = readiness.stepToAgree === true
  const leveragePoint = cycle.leveragePoint!.leveragePoint
  // a facilitative meeting from Diagnosed has no step yet: the teacher names it in the meeting
  const current = stepToAgree ? undefined : cycle.actionSteps.at(-1)!
  const agreedOn = current === undefined ? undefined : Time.dateOf(current.at)
  if (agreedOn !== undefined && opts.meetingDate < agreedOn) {
    return Result.fail(
      new InvalidScriptInput({
        code: "MEETING_BEFORE_ACTION_STEP",
        path: "options.meetingDate",
        message: `The meeting is dated ${opts.meetingDate}, before the action step was agreed on ${agreedOn}.`
      })
    )
  }

  const { maxDays, minDays, recommendedMaxDays } = policy.followUp
  const days = opts.followUpDays ?? Math.min(Math.max(DEFAULT_FOLLOW_UP_DAYS, minDays), recommendedMaxDays)
  const due = Time.addDays(opts.meetingDate, days)
  const advice = Policy.adviseDue(policy, opts.meetingDate, due)
  if (advice === "too-soon" || advice === "too-late") {
    return Result.fail(
      new FollowUpOutOfPolicy({
        code: advice === "too-soon" ? "FOLLOW_UP_DUE_TOO_SOON" : "FOLLOW_UP_DUE_TOO_LATE",
        days,
        message: advice === "too-soon"
          ? `A follow-up ${days} day${days === 1 ? "" : "s"} after the meeting is too soon: the policy asks for at least ${minDays}.`
          : `A follow-up ${days} days after the meeting is too late: the policy allows at most ${maxDays}, to keep the step in focus.`
      })
    )
  }

  const { targetMax, targetMin } = policy.rehearsal
  const repCount = opts.reps ?? targetMin
  if (repCount < targetMin || repCount > targetMax) {
    return Result.fail(
      new InvalidScriptInput({
        code: "INVALID_INPUT",
        path: "options.reps",
        message: `Plan ${targetMin}–${targetMax} rehearsal reps (the policy's target), not ${repCount}.`
      })
    )
  }

  const report = current === undefined ? undefined : recheck(current.actionStep, opts.checkActionStep ?? defaultChecker(locale, opts.playbook))
  if (report !== undefined && Result.isFailure(report)) return Result.fail(report.failure)

  // a cycle continuing a secured cycle's leverage point opens from that cycle's secured step
  const previous = decodedInput.success.previous
  const continuesId = leveragePoint.continues
  if (previous !== undefined && (continuesId === undefined || previous.id !== continuesId || previous.stage !== "Secured")) {
    return Result.fail(
      new InvalidScriptInput({
        code: "NOT_THE_CONTINUED_CYCLE",
        path: "input.previous",
        message: continuesId === undefined
          ? `Cycle ${cycle.id} does not continue an earlier cycle's leverage point: leave input.previous out.`
          : `Cycle ${cycle.id} continues the secured cycle ${continuesId}; input.previous is ${previous.id} (${previous.stage.toLowerCase()}).`
      })
    )
  }

  const ctx: Ctx = {
    style,
    locale,
    who: teacherName === undefined ? "the teacher" : collapse(teacherName),
    cycle,
    occasion: readiness.occasion,
    opts,
    warnings: []
  }
  const step = current?.actionStep
  if (step !== undefined && report !== undefined && Result.isSuccess(report) && !report.success.granular) {
    const findings = report.success.findings.map((f) => stripEnd(f.message)).filter((m) => m.length > 0)
    const suggestions = report.success.suggestions.map((t) => collapse(t)).filter((t) => t.length > 0)
    ctx.warnings.push({
      code: "ACTION_STEP_NOT_GRANULAR",
      message: `The granularity check does not see one granular teacher action in this step${findings.length > 0 ? `: ${findings.join("; ")}` : ""}.${
        suggestions.length > 0 ? ` Granular steps to choose from instead: ${list(suggestions.map((t) => quote(t, locale)))}.` : ""
      }${step.override !== undefined ? ` It was agreed with an override: ${quote(step.override.reason, locale)}.` : " Agree one granular step before the meeting."}`
    })
  }

  const base = {
    cycleId: cycle.id,
    style,
    locale,
    teacherName: teacherName === undefined ? undefined : collapse(teacherName),
    meetingDate: opts.meetingDate
  }
  const area = strandOf(ctx, leveragePoint, step?.techniqueId)
  const lastFollowUp = cycle.followUps.at(-1)
  const advisories = adviceFor(ctx, policy, { due, repCount, stepToAgree })
  if (ctx.occasion === "practice-session" && lastFollowUp !== undefined && step !== undefined && current !== undefined) {
    const seen = seenPart(ctx, lastFollowUp)
    const adjustment = adjustmentPart(ctx, step, current.at > lastFollowUp.at)
    const practise = practisePart(ctx, step.text, repCount, targetMax, area)
    const timeline = timelinePart(ctx, due, days, advice, recommendedMaxDays)
    return Result.succeed({ ...base, occasion: "practice-session", seen, adjustment, practise, timeline, warnings: ctx.warnings, advisories })
  }
  const continues = continuesFrom(ctx, continuesId, previous)
  const notes = noticed(ctx, leveragePoint)
  const script: FeedbackScript = {
    ...base,
    occasion: "feedback-meeting",
    stepToAgree,
    continues,
    praise: praisePart(ctx, continues),
    probe: probePart(ctx, notes, areaOf(ctx, leveragePoint, step?.techniqueId)),
    actionStep: actionStepPart(ctx, leveragePoint, step, notes, continues),
    practise: practisePart(ctx, step?.text, repCount, targetMax, area),
    planAhead: planAheadPart(ctx),
    timeline: timelinePart(ctx, due, days, advice, recommendedMaxDays),
    warnings: ctx.warnings,
    advisories
  }
  return Result.succeed(script)
}

/** Where a continuing cycle starts from; a warning when the secured cycle was not given. */
const continuesFrom = (ctx: Ctx, continuesId: Ids.CycleId | undefined, previous: CycleView | undefined): ContinuesFrom | undefined => {
  if (continuesId === undefined) return undefined
  if (previous === undefined) {
    ctx.warnings.push({
      code: "PREVIOUS_CYCLE_MISSING",
      message: `This cycle continues the leverage point of the secured cycle ${continuesId}; pass that cycle as input.previous so the script can name the secured step and the follow-up that saw it.`
    })
    return { cycleId: continuesId, securedStep: undefined, followUpOn: undefined, evidence: undefined }
  }
  const secured = [...previous.followUps].reverse().find((f) => f.followUp.outcome === "secured")
  const securedStep = previous.actionSteps.at(-1)?.actionStep.text
  return {
    cycleId: continuesId,
    securedStep: securedStep === undefined ? undefined : collapse(securedStep),
    followUpOn: secured === undefined ? undefined : Time.dateOf(secured.at),
    evidence: secured === undefined ? undefined : collapse(secured.followUp.evidence)
  }
}

/** Noon UTC of a day: the instant the rules' advice on a planned meeting is read at. */
const noonOf = (day: Time.CalendarDate): Time.Timestamp => Time.timestampFromMillis(Date.parse(`${day}T12:00:00.000Z`))!

/**
 * The rules' advice (`Cycle.advise`) on the meeting or practice session this script plans, and on
 * what the cycle's record already holds (rehearsal off the target at an earlier meeting or
 * practice session; the current step agreed over the granularity check).
 */
const adviceFor = (
  ctx: Ctx,
  policy: Policy.Policy,
  plan: { readonly due: Time.CalendarDate; readonly repCount: number; readonly stepToAgree: boolean }
): ReadonlyArray<ScriptAdvisory> => {
  const cycle = ctx.cycle
  const state = { ...cycle, calibrations: cycle.calibrations ?? [] } as unknown as Cycle.CycleState
  const journey: Cycle.Journey = { ...Cycle.initialState, cycles: [state] }
  const at = noonOf(ctx.opts.meetingDate)
  const reps = Array.from({ length: plan.repCount }, () => ({ feedback: "planned" }))
  const base = { cycleId: cycle.id, at, by: "planned" }
  const planned = ctx.occasion === "practice-session"
    ? { _tag: "PracticeSessionHeld", ...base, session: { minutes: 20, reps, followUpDue: plan.due } }
    : {
      _tag: "FeedbackMeetingHeld",
      ...base,
      meeting: { minutes: 20, style: ctx.style, parts: {}, reps, whereUsed: "planned", followUpDue: plan.due },
      ...(plan.stepToAgree ? { agreedStep: { actionStep: { text: "planned" }, proposedBy: "planned" } } : {})
    }
  const out: Array<ScriptAdvisory> = Cycle.advise(journey, [planned as unknown as Cycle.Journey["cycles"][number]["meetings"][number]], policy).map((a) =>
    a.code === "STEP_NOT_CALIBRATED"
      ? {
        code: a.code,
        message: plan.stepToAgree
          ? "The step is agreed in this meeting, so coaches cannot calibrate it beforehand: after the meeting, review the agreed wording with another coach (the programme records calibration)."
          : "Coaches have not calibrated this step together yet: before the meeting, review its wording with another coach (the programme records calibration)."
      }
      : a
  )
  // what the record already holds: earlier rehearsal off the target, a step agreed over the check
  const recorded = (event: unknown, what: string, on: Time.CalendarDate) =>
    Cycle.advise(journey, [event as Cycle.Journey["cycles"][number]["meetings"][number]], policy)
      .filter((a) => a.code === "REHEARSAL_BELOW_TARGET" || a.code === "REHEARSAL_ABOVE_TARGET" || a.code === "STEP_OVERRIDDEN")
      .forEach((a) => out.push({ code: a.code, message: a.code === "STEP_OVERRIDDEN" ? a.message : `${what} on ${formatDate(on, ctx.locale, false)}: ${a.message}`, recordedOn: on }))
  for (const m of cycle.meetings ?? []) recorded({ _tag: "FeedbackMeetingHeld", cycleId: cycle.id, at: m.at, by: "recorded", meeting: m.meeting }, "At the meeting", Time.dateOf(m.at))
  for (const p of cycle.practiceSessions ?? []) recorded({ _tag: "PracticeSessionHeld", cycleId: cycle.id, at: p.at, by: "recorded", session: p.session }, "At the practice session", Time.dateOf(p.at))
  const current = plan.stepToAgree ? undefined : cycle.actionSteps.at(-1)
  if (current !== undefined) recorded({ _tag: "ActionStepAgreed", cycleId: cycle.id, at: current.at, by: "recorded", actionStep: current.actionStep }, "The step agreed", Time.dateOf(current.at))
  return out
}

/** `@coaching/granularity`'s checker, with the script's locale and the playbook's techniques (the starter playbook's by default). */
const defaultChecker = (locale: Locale, given: Playbook.Playbook | undefined): Granularity.Checker => {
  const playbook = given ?? Playbook.defaultPlaybook
  // with ids and sub-steps, the checker's suggestions come from the playbook's concrete sub-steps
  const techniques = playbook.strands.flatMap((strand) =>
    strand.techniques.map((t) => ({ name: t.title, area: strand.area, id: t.id, ...(t.subSteps === undefined ? {} : { subSteps: t.subSteps }) }))
  )
  return (text) => checkActionStep(text, { locale, techniques })
}

/** Re-checks the current step: a checker is code the caller supplies, so its answer is validated. */
const recheck = (
  step: CycleView["actionSteps"][number]["actionStep"],
  checker: Granularity.Checker
): Result.Result<Granularity.GranularityReport, InvalidScriptInput> => {
  const failed = (why: string) =>
    Result.fail(new InvalidScriptInput({ code: "INVALID_INPUT", path: "options.checkActionStep", message: `The granularity checker ${why}.` }))
  let raw: unknown
  try {
    raw = checker(step.text)
  } catch (cause) {
    return failed(`threw: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
  const decoded = decodeReport(raw)
  return Result.isSuccess(decoded) ? Result.succeed(decoded.success) : failed("did not return a granularity report")
}

interface Ctx {
  readonly style: People.Style
  readonly locale: Locale
  /** How directions refer to the teacher: their name, or "the teacher". */
  readonly who: string
  readonly cycle: CycleView
  /** What the rulebook says this meeting is (`Cycle.readyForMeeting`). */
  readonly occasion: "feedback-meeting" | "practice-session"
  readonly opts: OptionsView
  readonly warnings: Array<ScriptWarning>
}

type Visit = CycleView["visits"][number]["visit"]

/** Judgement words in a piece of the record, as a list for a warning ("‘weak’, ‘outstanding’"). */
const judgementIn = (text: string, locale: Locale): string | undefined => {
  const found = judgementMatches(text)
  return found.length === 0 ? undefined : list(found.map((m) => quote(m, locale)))
}

/** Warns when a record text the script repeats uses judgement language. */
const flagJudgement = (ctx: Ctx, text: string, what: string): void => {
  const words = judgementIn(text, ctx.locale)
  if (words !== undefined) {
    ctx.warnings.push({ code: "JUDGEMENT_IN_RECORD", message: `${upperFirst(what)} uses judgement language (${words}): reword it before the meeting.` })
  }
}

const where = (visit: Visit): string => {
  const context = stripEnd(visit.context)
  return visit.timetableSlot === undefined ? context : `${context} (${stripEnd(visit.timetableSlot)})`
}

// ---------------------------------------------------------------------------------------------
// 1. Precise praise
// ---------------------------------------------------------------------------------------------

/** Moments of precise praise: one in the directive style (the coach names it), two otherwise. */
const maxMoments = (style: People.Style): number => (style === "directive" ? 1 : 2)

const praisePart = (ctx: Ctx, continues: ContinuesFrom | undefined): PraisePart => {
  const { locale, style } = ctx
  const seen = new Set<string>()
  const candidates: Array<PraiseMoment> = []
  // Latest visit first: the freshest moment is the one the teacher remembers.
  for (const { visit } of [...ctx.cycle.visits].reverse()) {
    for (const strength of visit.strengths) {
      const text = collapse(strength)
      const words = judgementIn(text, locale)
      if (words !== undefined) {
        ctx.warnings.push({
          code: "JUDGEMENT_IN_RECORD",
          message: `A strength noted in ${where(visit)} uses judgement language (${words}), so the script leaves it out of the praise.`
        })
        continue
      }
      if (seen.has(text.toLowerCase())) continue
      seen.add(text.toLowerCase())
      candidates.push({ visitId: visit.id, where: where(visit), strength: text, namesEffect: namesEffect(text), namesMoment: namesMoment(text) })
    }
  }
  // Precise praise names a moment and what the students did: those notes come first; "great
  // rapport with the class" (no moment, no effect) comes last. Stable: recency order otherwise.
  const rank = (m: PraiseMoment) => (m.namesEffect ? 2 : 0) + (m.namesMoment ? 1 : 0)
  const moments = candidates.map((m, i) => [m, i] as const).sort(([a, i], [b, j]) => rank(b) - rank(a) || i - j).map(([m]) => m).slice(0, maxMoments(style))

  const lines: Array<ScriptLine> = []
  // a continuing cycle opens from the step the teacher secured, as the follow-up saw it
  const secured = securedLines(ctx, continues)
  lines.push(...secured)
  if (moments.length === 0 && secured.length === 0) {
    ctx.warnings.push({
      code: "NO_STRENGTHS_RECORDED",
      message: "No strengths were noted on the visits, so the script has no moment to praise: add one before the meeting."
    })
    lines.push(direction(`No strengths were noted on the visits. Before the meeting, add one precise moment: what ${ctx.who} did, where, and what the students did next.`))
  }
  moments.forEach((moment, i) => {
    lines.push(say(`${i === 0 ? "In" : "And in"} ${moment.where}, I saw this: ${quote(moment.strength, locale)}`))
    if (!moment.namesEffect) {
      ctx.warnings.push({
        code: "PRAISE_EFFECT_MISSING",
        message: `The strength noted in ${moment.where} does not say what the students did; precise praise names the effect on them.`
      })
      lines.push(
        style === "facilitative"
          ? ask("What did the students do straight after that?")
          : direction("Add what the students did straight after this: precise praise names its effect on them.")
      )
    }
  })
  if (moments.length > 0 || secured.length > 0) {
    const both = moments.length + (secured.length > 0 ? 1 : 0) > 1
    lines.push(
      style === "directive"
        ? say(`Keep doing ${both ? "both" : "exactly that"}, on purpose, every lesson.`)
        : style === "balanced"
        ? ask(`What made ${both ? "those moments" : "that"} work for the students?`)
        : ask(`What did you do there that made the difference for the students?`)
    )
  }
  return { part: "praise", title: titles(locale).praise, moments, lines }
}

/** "You have secured …": the secured step of the cycle this one continues, citing its follow-up. */
const securedLines = (ctx: Ctx, continues: ContinuesFrom | undefined): ReadonlyArray<ScriptLine> => {
  if (continues === undefined) return []
  const { locale } = ctx
  if (continues.securedStep === undefined) return [say("You have secured the last step on this leverage point.")]
  const step = quote(stepPhrase(continues.securedStep), locale)
  if (continues.followUpOn === undefined || continues.evidence === undefined) return [say(`You have secured ${step}.`)]
  flagJudgement(ctx, continues.evidence, "the secured follow-up's evidence")
  const date = formatDate(continues.followUpOn, locale, continues.followUpOn.slice(0, 4) !== ctx.opts.meetingDate.slice(0, 4))
  return [say(`You have secured ${step}. At the follow-up on ${date}, I saw this: ${quote(continues.evidence, locale)}`)]
}

// ---------------------------------------------------------------------------------------------
// 2. Probe, and the evidence behind the leverage point
// ---------------------------------------------------------------------------------------------

interface Noted {
  readonly context: string
  readonly note: string
}

/** Up to two evidence notes for the "I notice" line: from the visits the leverage point cites, first. */
const noticed = (ctx: Ctx, leveragePoint: LeveragePoint): ReadonlyArray<Noted> => {
  const visits = ctx.cycle.visits.map((v) => v.visit)
  const cited = visits.filter((v) => leveragePoint.evidence.includes(v.id))
  const others = visits.filter((v) => !leveragePoint.evidence.includes(v.id))
  const out: Array<Noted> = []
  for (const visit of [...cited, ...others]) {
    if (out.length === 2) break
    const note = visit.evidence.find((n) => judgementIn(n, ctx.locale) === undefined)
    for (const n of visit.evidence) {
      if (n === note) break
      flagJudgement(ctx, n, `an evidence note from ${where(visit)}`)
    }
    if (note !== undefined) out.push({ context: stripEnd(visit.context), note })
  }
  return out
}

type LeveragePoint = NonNullable<CycleView["leveragePoint"]>["leveragePoint"]

/** The strand (playbook area) of the step's technique, else the leverage point's technique's, else its area. */
const strandOf = (ctx: Ctx, leveragePoint: LeveragePoint, techniqueId: string | undefined): string | undefined => {
  const playbook = ctx.opts.playbook ?? Playbook.defaultPlaybook
  for (const id of [techniqueId, leveragePoint.techniqueId]) {
    const area = id === undefined ? undefined : Playbook.findTechnique(playbook, id as Playbook.Technique["id"])?.area
    if (area !== undefined) return area
  }
  return leveragePoint.area
}

/** The playbook area of the leverage point: its own, else its technique's, else the step's technique's. */
const areaOf = (ctx: Ctx, leveragePoint: LeveragePoint, techniqueId: string | undefined): string | undefined => {
  if (leveragePoint.area !== undefined) return leveragePoint.area
  const playbook = ctx.opts.playbook ?? Playbook.defaultPlaybook
  const id = leveragePoint.techniqueId ?? techniqueId
  return id === undefined ? undefined : Playbook.findTechnique(playbook, id as Playbook.Technique["id"])?.area
}

const probePart = (ctx: Ctx, notes: ReadonlyArray<Noted>, areaName: string | undefined): ProbePart => {
  const { locale, style } = ctx
  const { area, questions: all } = probesFor(areaName)
  const latest = ctx.cycle.visits.at(-1)?.visit
  const context = notes[0]?.context ?? (latest ? stripEnd(latest.context) : "your lesson")
  const count = style === "directive" ? 1 : style === "balanced" ? 2 : 3
  const questions = all.slice(0, count).map((q) => fill(q, locale, { context }))
  return { part: "probe", title: titles(locale).probe, area, questions, lines: questions.map(ask) }
}

// ---------------------------------------------------------------------------------------------
// 3. Leverage point and action step: the three lines
// ---------------------------------------------------------------------------------------------

type Step = CycleView["actionSteps"][number]["actionStep"]

const actionStepPart = (
  ctx: Ctx,
  leveragePoint: LeveragePoint,
  step: Step | undefined,
  notes: ReadonlyArray<Noted>,
  continues: ContinuesFrom | undefined
): ActionStepPart => {
  const { locale, style, who } = ctx
  flagJudgement(ctx, leveragePoint.text, "the leverage point")
  if (step !== undefined) {
    flagJudgement(ctx, step.text, "the action step")
    flagJudgement(ctx, step.whyItWorks, "the action step's reason")
  }
  const contexts = [...new Set(ctx.cycle.visits.map((v) => stripEnd(v.visit.context)))]
  // a continuing cycle's evidence is the secured follow-up (the praise opens from it), not visit notes
  if (notes.length === 0 && continues === undefined) {
    ctx.warnings.push({
      code: "NO_EVIDENCE_NOTES",
      message: "The visits have no evidence notes to quote, so the script cannot say what was noticed: add the low-inference notes before the meeting."
    })
  }
  const quoted = notes.map((n) => `In ${n.context}: ${quote(n.note, locale)}`).join(" ")
  const lessons = list(contexts) || "your lessons"
  // directive: one note quoted, the other lesson named (the coach states the pattern, briefly)
  const noticeStatement = notes.length === 0
    ? `I notice that the same pattern came up in ${lessons}.`
    : notes.length === 1 || style === "directive"
    ? `I notice that in ${notes[0]!.context}, this happened: ${quote(notes[0]!.note, locale)}${
      notes.length > 1 ? ` The same happened in ${notes[1]!.context === notes[0]!.context ? "another lesson" : notes[1]!.context}.` : ""
    }`
    : `I notice that the same thing happened in two lessons. ${quoted}`
  const noticeQuestion = notes.length === 0
    ? `What do you notice about what happened in ${lessons}?`
    : notes.length === 1
    ? `Here is what I noted in ${notes[0]!.context}: ${quote(notes[0]!.note, locale)} What do you notice?`
    : `Here is what I noted in two lessons. ${quoted} What do you notice?`

  const lp = clause(leveragePoint.text)
  const phrase = step === undefined ? undefined : stepPhrase(step.text)
  const playbook = ctx.opts.playbook ?? Playbook.defaultPlaybook
  const techniqueId = step?.techniqueId ?? leveragePoint.techniqueId
  const technique = techniqueId === undefined ? undefined : Playbook.findTechnique(playbook, techniqueId)?.technique
  const why = step !== undefined ? clause(step.whyItWorks) : technique?.whyItWorks !== undefined ? clause(technique.whyItWorks) : undefined

  // the three lines; a continuing cycle keeps its leverage point and names the next step on it
  const notice = continues !== undefined
    ? style === "facilitative"
      ? ask("What would the next small step on the same habit be?")
      : say("Now for the next step on the same focus.")
    : style === "facilitative"
    ? ask(noticeQuestion)
    : say(noticeStatement)
  const leverageSaid = say(continues !== undefined ? `Your leverage point is still: ${lp}.` : `Your leverage point, therefore, is: ${lp}.`)
  const stepSaid = (text: string) => say(continues !== undefined ? `The next step is to ${text}.` : `Your action step is to ${text}.`)

  const lines: Array<ScriptLine> = []
  let leverage: ScriptLine
  let stepLine: ScriptLine
  let prompt: StepPrompt | undefined
  if (phrase === undefined) {
    // a facilitative meeting that agrees the step: the teacher names it, the coach checks it with them
    prompt = stepPrompt(ctx, technique, techniqueId)
    leverage = listenFor(`${upperFirst(lp)}.`)
    stepLine = teacher(continues !== undefined ? "The next step is to …" : "My action step is to …")
    if (continues === undefined) {
      lines.push(
        notice,
        ask("So what is the one habit that, if it changed, would help your students most?"),
        leverage,
        direction(`If ${who} does not reach it, share what you noticed and ask again; agree it in ${who === "the teacher" ? "their" : `${who}'s`} words.`),
        ask("What one thing could you do in your next lesson to change that?")
      )
    } else {
      lines.push(say(`Your leverage point is still: ${lp}.`), notice)
    }
    lines.push(
      ask("What exactly will you say or do, and at what moment?"),
      ...prompt.listenFor.map((example) => listenFor(`A step this size, from the playbook: ${example}`)),
      ...prompt.checks.map((check, i) => (i === 0 ? ask(check) : direction(check))),
      stepLine,
      ask("Why would that help your students learn?"),
      ...(why !== undefined ? [listenFor(`${upperFirst(why)}.`)] : []),
      direction(`Write the step down in ${who === "the teacher" ? "the teacher's" : `${who}'s`} words as agreed, with who proposed it; it is recorded with the meeting and its granularity check.`)
    )
  } else {
    switch (style) {
      case "directive": {
        leverage = leverageSaid
        stepLine = stepSaid(phrase)
        lines.push(notice, leverage, stepLine, say(`Why it helps students learn: ${why}.`), say("Say the step back to me in your own words."))
        break
      }
      case "balanced": {
        leverage = leverageSaid
        stepLine = stepSaid(phrase)
        lines.push(notice)
        if (continues === undefined) {
          lines.push(ask("What do you think is the one habit behind that which, if it changed, would help your students most?"), listenFor(`${upperFirst(lp)}.`))
        }
        lines.push(leverage, stepLine, ask("Why would that help your students learn?"), listenFor(`${upperFirst(why!)}.`))
        break
      }
      case "facilitative": {
        leverage = continues !== undefined ? say(`Your leverage point is still: ${lp}.`) : listenFor(`${upperFirst(lp)}.`)
        stepLine = teacher(continues !== undefined ? `The next step is to ${phrase}.` : `My action step is to ${phrase}.`)
        if (continues === undefined) {
          lines.push(
            notice,
            ask("So what is the one habit that, if it changed, would help your students most?"),
            leverage,
            direction(`If ${who} does not reach it, share what you noticed and ask again; agree it in ${who === "the teacher" ? "their" : `${who}'s`} words.`),
            ask("What one thing could you do in your next lesson to change that?")
          )
        } else {
          lines.push(leverage, notice)
        }
        lines.push(
          listenFor(`${upperFirst(phrase)}.`),
          stepLine,
          ask("Why would that help your students learn?"),
          listenFor(`${upperFirst(why!)}.`)
        )
        break
      }
    }
  }
  if (technique !== undefined) lines.push(direction(`Playbook technique: ${stripEnd(technique.title)}.`))

  return {
    part: "actionStep",
    title: titles(locale).actionStep,
    leveragePoint: collapse(leveragePoint.text),
    actionStep: step === undefined ? undefined : { id: step.id, text: collapse(step.text), whyItWorks: collapse(step.whyItWorks) },
    prompt,
    notice,
    leverage,
    step: stepLine,
    lines
  }
}

/** Sub-steps as one routine a coach can listen for: "Ask …, count …, then name …." */
const routineOf = (subSteps: ReadonlyArray<string>): string => {
  const parts = subSteps.map((p) => stripEnd(p)).filter((p) => p.length > 0).map((p, i) => (i === 0 ? upperFirst(p) : lowerFirst(p)))
  if (parts.length === 0) return ""
  return `${parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")}, then ${parts.at(-1)!.replace(/^then\s+/iu, "")}`}.`
}

/**
 * The prompt for a step agreed in the meeting: the playbook technique's sub-steps as an example
 * of the size to listen for (only if the granularity check passes it), and the granularity check
 * asked with the teacher: one action, rehearsable now, usable in the next lesson.
 */
const stepPrompt = (ctx: Ctx, technique: Playbook.Technique | undefined, techniqueId: string | undefined): StepPrompt => {
  const { locale, who } = ctx
  const example = technique?.subSteps === undefined ? undefined : routineOf(technique.subSteps)
  const checker = ctx.opts.checkActionStep ?? defaultChecker(locale, ctx.opts.playbook)
  const granular = (text: string) => {
    try {
      const report = decodeReport(checker(text))
      return Result.isSuccess(report) && report.success.granular
    } catch {
      return false
    }
  }
  const listenFor = example !== undefined && example.length > 0 && granular(example) ? [example] : []
  const checks = [
    "Could you rehearse that with me now, and use it in your very next lesson?",
    `Check the wording with ${who} before you agree it: one thing ${who === "the teacher" ? "they" : who} will say or do, at one moment; not an aim (${
      quote("improve …", locale)
    }), not a hope (${quote("try to …", locale)}), not two moves at once. If it is more than one, ask which comes first.`
  ]
  return { techniqueId: techniqueId as Ids.TechniqueId | undefined, listenFor, checks }
}

// ---------------------------------------------------------------------------------------------
// 4. Practise
// ---------------------------------------------------------------------------------------------

const practisePart = (ctx: Ctx, stepText: string | undefined, repCount: number, maxReps: number, strand: string | undefined): PractisePart => {
  const { locale, style, who } = ctx
  // a step agreed in the meeting is rehearsed as agreed: its parts are not known before it
  const phrase = stepText === undefined ? "the step as agreed" : stepPhrase(stepText)
  const partsOfStep = stepText === undefined ? [phrase] : stepParts(phrase)
  const { area, scenarios } = scenariosFor(strand)
  const lines: Array<ScriptLine> = [
    direction(stepText === undefined ? "Model the step as agreed once, part by part." : `Model it once, part by part: ${list(partsOfStep.map((p) => quote(p, locale)))}.`),
    say("Watch me once, then it is your turn.")
  ]
  if (style !== "directive") lines.push(ask(partsOfStep.length > 1 ? "What did you see me do at each part?" : "What did you see me do?"))
  lines.push(
    direction(
      `${repCount} rep${repCount === 1 ? "" : "s"}, ticked; ${fill(repSetup[style], locale, { who })}${
        maxReps > repCount ? ` Not secure? Go on to ${maxReps}.` : ""
      }`
    )
  )
  const reps: Array<Rep> = Array.from({ length: repCount }, (_, i) => ({
    number: i + 1,
    scenario: `${scenarios[i % scenarios.length]!}${i >= scenarios.length ? " (again)" : ""}`,
    feedback: fill(repFeedback[style], locale, { part: stepText === undefined ? phrase : quote(partsOfStep[i % partsOfStep.length]!, locale), who })
  }))
  return { part: "practise", title: titles(locale).practise, step: phrase, stepParts: partsOfStep, area, lines, reps, maxReps }
}

// ---------------------------------------------------------------------------------------------
// 5. Plan ahead
// ---------------------------------------------------------------------------------------------

const planAheadPart = (ctx: Ctx): PlanAheadPart => {
  const { locale, style } = ctx
  const latest = ctx.cycle.visits.at(-1)?.visit
  const firstUse = latest === undefined ? undefined : stripEnd(latest.context)
  const write = say("Write the step, in your words, at the top of that plan and in your record.")
  const lines: Array<ScriptLine> = style === "directive"
    ? [say(firstUse === undefined ? "Use it first in your next lesson." : `Use it first in your next lesson with ${firstUse}.`), write]
    : style === "balanced"
    ? [
      ask(
        firstUse === undefined
          ? "Which lesson is the first chance to use it, and at what moment?"
          : `Your next lesson with the class I saw in ${firstUse} looks like the first chance to use it: at what moment in that lesson?`
      ),
      write
    ]
    : [
      ask("Where will you use it first, and at what moment in the lesson?"),
      ask("What will you write in your plan to remind you in the moment?"),
      say("Add the step to your record, in your own words.")
    ]
  return { part: "planAhead", title: titles(locale).planAhead, firstUse, lines }
}

// ---------------------------------------------------------------------------------------------
// 6. Set the timeline
// ---------------------------------------------------------------------------------------------

const timelinePart = (
  ctx: Ctx,
  due: Time.CalendarDate,
  days: number,
  advice: "ok" | "beyond-recommended",
  recommendedMaxDays: number
): TimelinePart => {
  const { locale, style } = ctx
  const meetingDate = ctx.opts.meetingDate
  const dueText = formatDate(due, locale, due.slice(0, 4) !== meetingDate.slice(0, 4))
  // American style sets a date off with commas mid-sentence ("on Monday, December 7, to see").
  const comeBack = say(`I will come back on ${dueText}${locale === "en-US" ? "," : ""} to see the step in your lesson.`)
  const lines: Array<ScriptLine> = style === "directive"
    ? [comeBack]
    : style === "balanced"
    ? [comeBack, ask("Is that a lesson where you will be using it?")]
    : [ask(`When is the first lesson where I could see it? I suggest ${dueText}: does that work for you?`)]
  if (advice === "beyond-recommended") {
    const message = `The follow-up is ${days} days after the meeting, beyond the recommended ${recommendedMaxDays}: a shorter gap keeps the step in focus.`
    ctx.warnings.push({ code: "FOLLOW_UP_BEYOND_RECOMMENDED", message })
    lines.push(direction(message))
  }
  return { part: "timeline", title: titles(locale).timeline, meetingDate, followUpDue: due, days, advice, lines }
}

// ---------------------------------------------------------------------------------------------
// Practice session: what the follow-up saw, and the adjustment
// ---------------------------------------------------------------------------------------------

type FollowUpRecord = CycleView["followUps"][number]

const seenPart = (ctx: Ctx, record: FollowUpRecord): SeenPart => {
  const { locale, style } = ctx
  const { evidence, outcome } = record.followUp
  flagJudgement(ctx, evidence, "the last follow-up's evidence")
  const on = Time.dateOf(record.at)
  const date = formatDate(on, locale, on.slice(0, 4) !== ctx.opts.meetingDate.slice(0, 4))
  const seen = outcome === "partly" ? "partly there" : "not there yet"
  const saw = say(`At the follow-up on ${date}, the step was ${seen}. I saw: ${quote(evidence, locale)}`)
  const lines: Array<ScriptLine> = style === "directive"
    ? [saw]
    : style === "balanced"
    ? [saw, ask("What got in the way at that moment?")]
    : [saw, ask("What do you notice about that moment?")]
  const outcomeSeen: "partly" | "not-yet" = outcome === "partly" ? "partly" : "not-yet"
  return { part: "seen", title: "What the follow-up saw", on, outcome: outcomeSeen, evidence: collapse(evidence), lines }
}

const adjustmentPart = (ctx: Ctx, step: Step, revised: boolean): AdjustmentPart => {
  const { locale, style } = ctx
  flagJudgement(ctx, step.text, "the action step")
  flagJudgement(ctx, step.whyItWorks, "the action step's reason")
  const phrase = stepPhrase(step.text)
  const why = clause(step.whyItWorks)
  const first = fill("we {practise} that part first, then the whole step", locale)
  const lines: Array<ScriptLine> = revised
    ? style === "directive"
      ? [say(`The adjusted step: ${phrase}.`), say(`Why it helps students learn: ${why}.`), say("Say it back to me in your own words.")]
      : style === "balanced"
      ? [say(`The adjusted step: ${phrase}.`), ask("Why would that work better for your students?"), listenFor(`${upperFirst(why)}.`)]
      : [ask("After what we saw, what would you change in the step?"), listenFor(`${upperFirst(phrase)}.`), teacher(`My adjusted step is to ${phrase}.`)]
    : style === "directive"
    ? [
      say(`The step stays the same: ${phrase}.`),
      direction("From the note above, name the one part that did not happen and the one change to it."),
      say(`Today ${first}.`)
    ]
    : style === "balanced"
    ? [
      say(`The step stays the same: ${phrase}.`),
      ask("Which part did not happen, and what one change would help?"),
      say(`Then that is the adjustment: ${first}.`)
    ]
    : [
      ask("Which part of the step did not happen, and what one change would help?"),
      say(`The step stays the same: ${phrase}. ${upperFirst(first.replace("that part", "your change"))}.`)
    ]
  return {
    part: "adjustment",
    title: "The adjustment",
    actionStep: { id: step.id, text: collapse(step.text), whyItWorks: collapse(step.whyItWorks) },
    revised,
    lines
  }
}
