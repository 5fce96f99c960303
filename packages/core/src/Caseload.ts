/**
 * A coach's caseload — the answer to the "time" worry of the sources (coaches need the capacity
 * to visit several times, at different points of the timetable, and the expertise for the area
 * they coach). Read from the reports' projection (`Reports.evolve`) on a given day:
 *
 * - **follow-ups** due this week (Monday to Sunday of `today`, from today on) and overdue;
 * - **teachers with no visit in N days** (a lesson visit or a follow-up by this coach; default 14);
 * - **open cycles by stage**;
 * - **visits over timetable slots** (and the teachers seen in one slot only, after two visits or more);
 * - **leverage points outside the coach's areas** of expertise (only when the coach lists areas);
 * - **minutes per week** of visits, meetings, practice sessions and follow-ups (the last N weeks).
 *
 * A coach's caseload is the teachers they coach today (a relationship active on `today`).
 * `ofCoach` gives it to that coach (`caseload.read`: their own only), teacher by teacher.
 * `summary` gives a lead (`reports.read`) every coach's caseload as aggregates: the caseload's
 * size and the coach's minutes per week, and the rest only for caseloads of at least the policy's
 * minimum group size — no teacher rows, ever.
 *
 * @since 0.2.0
 */
import { Result, Schema } from "effect"
import * as Access from "./Access.js"
import type { Relationship } from "./People.js"
import { activeOn } from "./People.js"
import { dateOfDay, dayNumber, weekStart } from "./internal/days.js"
import * as Internal from "./internal/reports.js"
import {
  type Answer,
  authorize,
  compareStrings,
  type Context,
  Count,
  FORMAT,
  index,
  type Index,
  minimumOf,
  reportJsonSchema,
  type State,
  Suppressed,
  suppressionMessage,
  VERSION
} from "./Reports.js"
import type { CalendarDate } from "./Time.js"


/** The open stages, in cycle order. @since 0.2.0 */
export const openStages = ["Observing", "Diagnosed", "Planned", "Practising", "Replanning"] as const

/** Where a follow-up's due date sits against today. @since 0.2.0 */
export const Due = Schema.Literals(["overdue", "this-week", "later"])
/** @since 0.2.0 */
export type Due = typeof Due.Type

/** The caseload's figures (the same for the coach and, when shown, for a lead). @since 0.2.0 */
export const Figures = Schema.Struct({
  followUps: Schema.Struct({ dueThisWeek: Count, overdue: Count }),
  /** Teachers with no visit (lesson visit or follow-up) by this coach in the last `noVisitDays` days, or none at all. */
  noRecentVisit: Count,
  openCycles: Schema.Struct(Object.fromEntries(openStages.map((s) => [s, Count])) as { readonly [S in (typeof openStages)[number]]: typeof Count }),
  /** Lesson visits by timetable slot (`null`: the visit named none), most visited first. */
  visitsBySlot: Schema.Array(Schema.Struct({ slot: Schema.NullOr(Schema.String), visits: Count })),
  /** Teachers visited at least twice, always in the same slot. */
  teachersSeenInOneSlot: Count,
  outsideExpertise: Schema.Struct({
    /** Whether the coach lists areas of expertise at all (if not, nothing is flagged). */
    areasListed: Schema.Boolean,
    leveragePoints: Count,
    areas: Schema.Array(Schema.Struct({ area: Schema.NullOr(Schema.String), leveragePoints: Count }))
  })
})
/** @since 0.2.0 */
export type Figures = typeof Figures.Type

/** Minutes of coaching in one week (`weekStart`: its Monday). @since 0.2.0 */
export const Week = Schema.Struct({ weekStart: Schema.String, minutes: Count })
/** @since 0.2.0 */
export type Week = typeof Week.Type

/** One teacher of the coach's own caseload. @since 0.2.0 */
export const TeacherRow = Schema.Struct({
  teacherId: Schema.String,
  name: Schema.String,
  openCycle: Schema.NullOr(Schema.Struct({
    cycleId: Schema.String,
    stage: Schema.Literals(openStages),
    startedOn: Schema.String,
    followUpDue: Schema.NullOr(Schema.String),
    due: Schema.NullOr(Due),
    /** The current action step and where the teacher uses it (what the follow-up looks for). */
    actionStep: Schema.NullOr(Schema.String),
    whereUsed: Schema.NullOr(Schema.String),
    /** How many times the due date was set (the calendar's SEQUENCE). */
    dueChanges: Count
  })),
  lastVisit: Schema.NullOr(Schema.String),
  daysSinceVisit: Schema.NullOr(Count),
  noRecentVisit: Schema.Boolean,
  visits: Count,
  slots: Schema.Array(Schema.String),
  areasOutsideExpertise: Schema.Array(Schema.String)
})
/** @since 0.2.0 */
export type TeacherRow = typeof TeacherRow.Type

const period = {
  today: Schema.String,
  week: Schema.Struct({ start: Schema.String, end: Schema.String }),
  noVisitDays: Count
}

/** A coach's own caseload, teacher by teacher (`ofCoach`). @since 0.2.0 */
export const CoachCaseload = Schema.Struct({
  format: Schema.Literal(FORMAT),
  report: Schema.Literal("caseload"),
  version: Schema.Literal(VERSION),
  view: Schema.Literal("coach"),
  ...period,
  coach: Schema.Struct({ id: Schema.String, name: Schema.String, areas: Schema.Array(Schema.String) }),
  teachers: Schema.Array(TeacherRow),
  figures: Figures,
  minutesPerWeek: Schema.Array(Week)
})
/** @since 0.2.0 */
export type CoachCaseload = typeof CoachCaseload.Type

/** One coach as a lead sees them: caseload size and minutes always; the rest unless suppressed. @since 0.2.0 */
export const CoachSummary = Schema.Struct({
  coachId: Schema.String,
  name: Schema.String,
  areas: Schema.Array(Schema.String),
  teachers: Count,
  minutesPerWeek: Schema.Array(Week),
  workload: Schema.Union([Schema.Struct({ suppressed: Schema.Literal(false), figures: Figures }), Suppressed])
})
/** @since 0.2.0 */
export type CoachSummary = typeof CoachSummary.Type

/** Every coach's caseload as a lead sees it (`summary`). @since 0.2.0 */
export const LeadSummary = Schema.Struct({
  format: Schema.Literal(FORMAT),
  report: Schema.Literal("caseload"),
  version: Schema.Literal(VERSION),
  view: Schema.Literal("lead"),
  ...period,
  minGroupSize: Count,
  coaches: Schema.Array(CoachSummary)
})
/** @since 0.2.0 */
export type LeadSummary = typeof LeadSummary.Type

/** The caseload report: a coach's own, or the lead's summary. @since 0.2.0 */
export const Report = Schema.Union([CoachCaseload, LeadSummary])
/** @since 0.2.0 */
export type Report = typeof Report.Type

/** On which day, and how far back a visit counts as recent and minutes are listed. @since 0.2.0 */
export interface Options {
  readonly today: CalendarDate
  /** A teacher without a visit in this many days is flagged (default 14). */
  readonly noVisitDays?: number
  /** How many weeks of minutes, ending with this week (default 12). */
  readonly weeks?: number
}

/** The default for `Options.noVisitDays`. @since 0.2.0 */
export const DEFAULT_NO_VISIT_DAYS = 14
/** The default for `Options.weeks`. @since 0.2.0 */
export const DEFAULT_WEEKS = 12

interface Day {
  readonly today: number
  readonly weekStart: number
  readonly weekEnd: number
  readonly noVisitDays: number
  readonly weeks: number
}

const dayOf = (options: Options): Day => {
  const today = dayNumber(options.today)
  const start = weekStart(today)
  return {
    today,
    weekStart: start,
    weekEnd: start + 6,
    noVisitDays: Math.max(0, Math.floor(options.noVisitDays ?? DEFAULT_NO_VISIT_DAYS)),
    weeks: Math.max(1, Math.floor(options.weeks ?? DEFAULT_WEEKS))
  }
}

const periodOf = (day: Day) => ({
  today: dateOfDay(day.today),
  week: { start: dateOfDay(day.weekStart), end: dateOfDay(day.weekEnd) },
  noVisitDays: day.noVisitDays
})

const dueOf = (due: string | undefined, day: Day): Due | null =>
  due === undefined ? null : dayNumber(due) < day.today ? "overdue" : dayNumber(due) <= day.weekEnd ? "this-week" : "later"

/** The teachers a coach coaches on `today` (a relationship active that day), by id. */
const caseloadOf = (idx: Index, coachId: string, today: CalendarDate): Map<string, ReadonlyArray<Relationship>> => {
  const out = new Map<string, Array<Relationship>>()
  for (const r of idx.relationshipsOfCoach(coachId)) {
    let mine = out.get(r.teacherId)
    if (mine === undefined) out.set(r.teacherId, mine = [])
    mine.push(r)
  }
  for (const [teacherId, relationships] of out) if (!relationships.some((r) => activeOn(r, today))) out.delete(teacherId)
  return out
}

const minutesOf = (state: State, coachId: string, day: Day): Array<Week> => {
  const byWeek = state.coaches.get(coachId)?.minutesByWeek
  const weeks: Array<Week> = []
  for (let i = day.weeks - 1; i >= 0; i--) {
    const start = day.weekStart - 7 * i
    weeks.push({ weekStart: dateOfDay(start), minutes: byWeek?.get(start) ?? 0 })
  }
  return weeks
}

const outside = (pair: Internal.PairAcc, areas: ReadonlySet<string> | undefined): Array<[string, number]> =>
  areas === undefined ? [] : [...pair.areas].filter(([area]) => area !== "" && !areas.has(area))

const figuresOf = (pairs: ReadonlyArray<Internal.PairAcc>, teachers: number, areas: ReadonlySet<string> | undefined, day: Day): Figures => {
  const openCycles = Object.fromEntries(openStages.map((s) => [s, 0])) as Record<(typeof openStages)[number], number>
  const slots = new Map<string, number>()
  const away = new Map<string, number>()
  let dueThisWeek = 0
  let overdue = 0
  let visited = 0
  let oneSlot = 0
  for (const pair of pairs) {
    const open = pair.open
    if (open !== undefined && open.stage !== "Secured" && open.stage !== "Closed") {
      openCycles[open.stage]++
      const due = dueOf(open.due, day)
      if (due === "this-week") dueThisWeek++
      if (due === "overdue") overdue++
    }
    if (pair.lastVisitDay !== undefined && day.today - pair.lastVisitDay <= day.noVisitDays) visited++
    Internal.merge(slots, pair.slots)
    if (pair.visits >= 2 && pair.slots.size === 1) oneSlot++
    for (const [area, n] of outside(pair, areas)) away.set(area, (away.get(area) ?? 0) + n)
  }
  const byCount = <K extends string>(a: [K, number], b: [K, number]) => b[1] - a[1] || compareStrings(a[0], b[0])
  return {
    followUps: { dueThisWeek, overdue },
    noRecentVisit: teachers - visited,
    openCycles,
    visitsBySlot: [...slots].sort(byCount).map(([slot, visits]) => ({ slot: slot === "" ? null : slot, visits })),
    teachersSeenInOneSlot: oneSlot,
    outsideExpertise: {
      areasListed: areas !== undefined,
      leveragePoints: [...away.values()].reduce((a, b) => a + b, 0),
      areas: [...away].sort(byCount).map(([area, leveragePoints]) => ({ area, leveragePoints }))
    }
  }
}

const areasOf = (idx: Index, coachId: string): ReadonlySet<string> | undefined => {
  const areas = idx.person(coachId)?.areas
  return areas === undefined || areas.length === 0 ? undefined : new Set(areas)
}

/**
 * A coach's own caseload on `options.today`, teacher by teacher, for that coach
 * (`caseload.read`: their own only; `coachId` defaults to the principal's). Anyone else —
 * another coach, a lead, a teacher — gets `ACCESS_DENIED`.
 *
 * @since 0.2.0
 */
export const ofCoach = (
  state: State,
  context: Context,
  principal: Access.Principal,
  options: Options & { readonly coachId?: string }
): Answer<CoachCaseload> => {
  const coachId = options.coachId ?? principal.personId
  const denied = authorize(principal, "caseload.read", context.records, { coachId: coachId as Access.Principal["personId"] })
  if (denied) return Result.fail(denied)
  const idx = index(context.records)
  const day = dayOf(options)
  const areas = areasOf(idx, coachId)
  const teachers: Array<TeacherRow> = []
  const pairs: Array<Internal.PairAcc> = []
  for (const [teacherId, relationships] of caseloadOf(idx, coachId, options.today)) {
    // Only the teachers this coach may read today (the rights table, not a second rule here).
    const resource = { teacherId: teacherId as Access.Principal["personId"], relationships, today: options.today, on: options.today }
    if (!Access.can(principal, "journey.read", resource)) continue
    const pair = state.pairs.get(Internal.pairKey(coachId, teacherId))
    if (pair !== undefined) pairs.push(pair)
    const open = pair?.open
    const last = pair?.lastVisitDay
    teachers.push({
      teacherId,
      name: idx.person(teacherId)?.name ?? teacherId,
      openCycle: open === undefined || open.stage === "Secured" || open.stage === "Closed"
        ? null
        : {
          cycleId: open.id,
          stage: open.stage,
          startedOn: open.startedAt.slice(0, 10),
          followUpDue: open.due ?? null,
          due: dueOf(open.due, day),
          actionStep: open.step ?? null,
          whereUsed: open.whereUsed ?? null,
          dueChanges: open.dueChanges
        },
      lastVisit: last === undefined ? null : dateOfDay(last),
      daysSinceVisit: last === undefined ? null : Math.max(0, day.today - last),
      noRecentVisit: last === undefined || day.today - last > day.noVisitDays,
      visits: pair?.visits ?? 0,
      slots: [...(pair?.slots.keys() ?? [])].filter((s) => s !== "").sort(compareStrings),
      areasOutsideExpertise: pair === undefined ? [] : outside(pair, areas).map(([area]) => area).sort(compareStrings)
    })
  }
  teachers.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.teacherId, b.teacherId))
  const coach = idx.person(coachId)
  return Result.succeed({
    format: FORMAT,
    report: "caseload",
    version: VERSION,
    view: "coach",
    ...periodOf(day),
    coach: { id: coachId, name: coach?.name ?? coachId, areas: [...(coach?.areas ?? [])] },
    teachers,
    figures: figuresOf(pairs, teachers.length, areas, day),
    minutesPerWeek: minutesOf(state, coachId, day)
  })
}

/**
 * Every coach's caseload on `options.today` as a lead sees it (`reports.read`): each coach's
 * caseload size and minutes per week, and the caseload's figures unless it has fewer teachers
 * than the policy's minimum group size. No teacher's id or name. `coachId` keeps one coach.
 *
 * @since 0.2.0
 */
export const summary = (
  state: State,
  context: Context,
  principal: Access.Principal,
  options: Options & { readonly coachId?: string }
): Answer<LeadSummary> => {
  const denied = authorize(principal, "reports.read", context.records)
  if (denied) return Result.fail(denied)
  const idx = index(context.records)
  const day = dayOf(options)
  const min = minimumOf(context)
  const coachIds = new Set<string>()
  for (const person of context.records.people) if (person.roles.includes("coach")) coachIds.add(person.id)
  for (const r of context.records.relationships) if (activeOn(r, options.today)) coachIds.add(r.coachId)
  const coaches = [...coachIds]
    .filter((id) => options.coachId === undefined || id === options.coachId)
    .sort(compareStrings)
    .map((coachId): CoachSummary => {
      const caseload = caseloadOf(idx, coachId, options.today)
      const pairs = [...caseload.keys()].flatMap((teacherId) => state.pairs.get(Internal.pairKey(coachId, teacherId)) ?? [])
      const person = idx.person(coachId)
      return {
        coachId,
        name: person?.name ?? coachId,
        areas: [...(person?.areas ?? [])],
        teachers: caseload.size,
        minutesPerWeek: minutesOf(state, coachId, day),
        workload: caseload.size < min
          ? { suppressed: true, reason: "fewer-than-minimum", message: suppressionMessage("fewer-than-minimum", min) }
          : { suppressed: false, figures: figuresOf(pairs, caseload.size, areasOf(idx, coachId), day) }
      }
    })
  return Result.succeed({ format: FORMAT, report: "caseload", version: VERSION, view: "lead", ...periodOf(day), minGroupSize: min, coaches })
}

/** The `$id` of `jsonSchema()`. @since 0.2.0 */
export const jsonSchemaId = "urn:coaching:report:caseload:1"

/**
 * The JSON Schema (draft 2020-12) of this report's JSON (`JSON.stringify` of the report), derived
 * from `Report` so it cannot drift; unknown fields are refused. A fresh object on every call.
 *
 * @since 0.2.0
 */
export const jsonSchema = (): { readonly [key: string]: unknown } => reportJsonSchema(jsonSchemaId, "Coaching caseload report (a coach's own, or the lead's summary)", Report)
