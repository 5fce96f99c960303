/**
 * Test support for the reports: small schools built from journey plans (every event decided by
 * the rules, through `DemoSchool.make`), and a Given/When/Then reader over them.
 */
import { Result } from "effect"
import { Access, Caseload, CohortInsight, DemoSchool, type Export, Fidelity, type Ids, type People, Policy, Reports, type Time } from "../src/index.js"

/** The lead every test school has. */
export const LEAD = "l-lead"
export const lead = Access.principal("lead", LEAD)

/** A cycle plan: two visits (Mon P1, Wed P4), questioning / wait time, 8 reps, 20 minutes, due in 7 days, secured on time. */
export const cycle = (over: Partial<DemoSchool.CyclePlan> = {}): DemoSchool.CyclePlan => ({
  visits: ["Mon P1", "Wed P4"],
  area: "questioning",
  technique: "wait-time",
  leveragePoint: "Students get no thinking time between a question and the first answer.",
  step: "Pose the question, pause for five seconds, then name a student to answer.",
  reps: 8,
  meetingMinutes: 20,
  dueDays: 7,
  followUps: [{ outcome: "secured" }],
  ...over
})

/** A journey plan starting on day `startDay` of the school (2026-09-07 is day 0). */
export const journey = (teacherId: string, coachId: string, cycles: ReadonlyArray<DemoSchool.CyclePlan>, startDay = 0): DemoSchool.JourneyPlan => ({
  teacherId,
  coachId,
  startDay,
  cycles
})

/** How a test school is set up besides its plans. */
export interface SchoolOptions {
  /** The cohort of each teacher's relationship. */
  readonly cohorts?: Readonly<Record<string, string>>
  /** Each coach's areas of expertise (default: questioning). */
  readonly areas?: Readonly<Record<string, ReadonlyArray<string>>>
  /** Relationships with no cycles (teacher → coach), or changed ones (`until`, `since`). */
  readonly extra?: ReadonlyArray<People.Relationship>
  /** The policy's minimum group size (default 3, the smallest allowed, so small schools show figures). */
  readonly min?: number
}

const rel = (coachId: string, teacherId: string, cohortId?: string): People.Relationship => ({
  id: `rel-${coachId}-${teacherId}` as Ids.RelationshipId,
  coachId: coachId as Ids.PersonId,
  teacherId: teacherId as Ids.PersonId,
  style: "balanced",
  status: "active",
  since: "2026-09-01" as Time.CalendarDate,
  ...(cohortId !== undefined ? { cohortId: cohortId as Ids.CohortId } : {})
})

/** A school of these plans: their coaches and teachers, one active relationship per pair, a lead. */
export const schoolOf = (plans: ReadonlyArray<DemoSchool.JourneyPlan>, options: SchoolOptions = {}): Export.ExportDocument => {
  const coaches = new Set(plans.flatMap((p) => [p.coachId, ...(p.handover !== undefined ? [p.handover.coachId] : [])]))
  const teachers = new Set(plans.map((p) => p.teacherId))
  for (const r of options.extra ?? []) {
    coaches.add(r.coachId)
    teachers.add(r.teacherId)
  }
  const people: Array<People.Person> = [
    { id: LEAD as Ids.PersonId, name: "Lead", roles: ["lead"] },
    ...[...coaches].map((id): People.Person => ({ id: id as Ids.PersonId, name: `Coach ${id}`, roles: ["coach"], areas: options.areas?.[id] ?? ["questioning"] })),
    ...[...teachers].map((id): People.Person => ({ id: id as Ids.PersonId, name: `Name of ${id}`, roles: ["teacher"] }))
  ]
  const cohortIds = new Set(Object.values(options.cohorts ?? {}))
  const relationships = new Map<string, People.Relationship>()
  for (const p of plans) {
    relationships.set(`rel-${p.coachId}-${p.teacherId}`, rel(p.coachId, p.teacherId, options.cohorts?.[p.teacherId]))
    if (p.handover !== undefined) relationships.set(`rel-${p.handover.coachId}-${p.teacherId}`, rel(p.handover.coachId, p.teacherId, options.cohorts?.[p.teacherId]))
  }
  for (const r of options.extra ?? []) relationships.set(r.id, r)
  return DemoSchool.make({
    people,
    cohorts: [...cohortIds].map((id) => ({ id: id as Ids.CohortId, name: `Cohort ${id}` })),
    relationships: [...relationships.values()],
    plans,
    start: "2026-09-07" as Time.CalendarDate,
    policy: Result.getOrThrow(Policy.make({ reports: { minGroupSize: options.min ?? 3 } }))
  })
}

/** Given a school's export, read its reports (failing the test on a denial). */
export const given = (doc: Export.ExportDocument) => {
  const { context, state } = Reports.fromExport(doc)
  return {
    state,
    context,
    fidelity: (options: Fidelity.Options = {}) => Result.getOrThrow(Fidelity.report(state, context, lead, options)),
    caseload: (coachId: string, today: string, options: Partial<Caseload.Options> = {}) =>
      Result.getOrThrow(Caseload.ofCoach(state, context, Access.principal("coach", coachId), { today: today as Time.CalendarDate, ...options })),
    summary: (today: string) => Result.getOrThrow(Caseload.summary(state, context, lead, { today: today as Time.CalendarDate })),
    insight: (options: CohortInsight.Options = {}) => Result.getOrThrow(CohortInsight.report(state, context, lead, options))
  }
}

/** The figures of a shown group (fails the test when it is suppressed). */
export const figures = <G extends { readonly suppressed: boolean }>(group: G | undefined): Extract<G, { suppressed: false }> => {
  if (group === undefined) throw new Error("no such group")
  if (group.suppressed) throw new Error(`group is suppressed: ${JSON.stringify(group)}`)
  return group as Extract<G, { suppressed: false }>
}
