/**
 * The reports, figure by figure: given a small school (every event decided by the rules), when a
 * lead or a coach reads a report, then these figures — and the denials, the suppression of small
 * groups, and the projection's robustness to events it does not expect.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Access, Caseload, CohortInsight, Fidelity, type Ids, type People, Reports, type Time } from "../src/index.js"
import { cycle, figures, given, journey, lead, LEAD, schoolOf } from "./reports-support.js"

const three = (coachId: string, plan: Partial<Parameters<typeof cycle>[0]>, ids = ["t1", "t2", "t3"]) =>
  ids.map((t) => journey(t, coachId, [cycle(plan)]))

describe("Fidelity", () => {
  it("given three teachers whose steps were rehearsed 8 times and secured on the due day, when the lead reads fidelity, then every figure says so", () => {
    const report = given(schoolOf(three("k1", {}))).fidelity()
    expect(report).toMatchObject({ format: "coaching-report", report: "fidelity", version: 1, minGroupSize: 3 })
    const f = figures(report.programme).figures
    expect(f).toEqual({
      teachers: 3,
      cycles: { started: 3, secured: 3, closed: 0, open: 0 },
      actionSteps: { agreed: 3, granularWithoutOverride: 3, share: 1 },
      rehearsal: { sessions: 3, medianReps: 8, targetMin: 7, targetMax: 10, onTarget: 3, shareOnTarget: 1 },
      // visits on day 0 and 3, the leverage point on day 4; the meeting on day 5, the follow-up due and seen on day 12
      daysFirstVisitToLeveragePoint: { count: 3, median: 4 },
      daysMeetingToFollowUp: { count: 3, median: 7 },
      followUps: { recorded: 3, onTime: 3, late: 0, notSeen: 0, shareOnTime: 1 },
      secured: { ended: 3, secured: 3, rate: 1 },
      rePractice: { followedUp: 3, cycles: 0, share: 0 },
      visits: { recorded: 6, perCycle: 2 },
      calibration: { leveragePoints: 3, calibrated: 0, share: 0, actionSteps: 3, actionStepsCalibrated: 0, actionStepShare: 0 },
      meetingMinutes: { meetings: 3, median: 20 },
      stepChurn: { newFocuses: 0, churned: 0, share: null },
      // the policy records calibration: a meeting on a step no coach reviewed is advised
      advisories: { REHEARSAL_BELOW_TARGET: 0, REHEARSAL_ABOVE_TARGET: 0, FOLLOW_UP_BEYOND_RECOMMENDED: 0, STEP_OVERRIDDEN: 0, STEP_NOT_CALIBRATED: 3 },
      securedByMonth: [{ month: "2026-09", secured: 3 }]
    })
    expect(figures(report.coaches[0]).figures).toEqual(f)
    expect(report.cohorts).toEqual([{ scope: "cohort", id: null, name: "(no cohort)", suppressed: false, figures: f }])
  })

  it("given a step agreed with an override, then it is not counted as granular without override", () => {
    const plans = [...three("k1", {}, ["t1", "t2"]), journey("t3", "k1", [cycle({ step: "Pose the question and wait five seconds.", override: "Calibrated as one routine." })])]
    const f = figures(given(schoolOf(plans)).fidelity().programme).figures
    expect(f.actionSteps).toEqual({ agreed: 3, granularWithoutOverride: 2, share: 2 / 3 })
  })

  it("given a follow-up two days late and one that did not see the step, then they are counted late and not seen, and the median days widen", () => {
    const plans = [
      journey("t1", "k1", [cycle()]),
      journey("t2", "k1", [cycle({ followUps: [{ outcome: "secured", daysLate: 2 }] })]),
      journey("t3", "k1", [cycle({ followUps: [{ outcome: "not-seen" }, { outcome: "secured" }] })])
    ]
    const f = figures(given(schoolOf(plans)).fidelity().programme).figures
    expect(f.followUps).toEqual({ recorded: 4, onTime: 2, late: 1, notSeen: 1, shareOnTime: 0.5 })
    // 7 (t1), 9 (t2), 7 and 12 (t3: not seen on day 12, seen 5 days later): median 8
    expect(f.daysMeetingToFollowUp).toEqual({ count: 4, median: 8 })
  })

  it("given a 'partly' follow-up and a practice session, then the cycle needs re-practice and the session counts as a rehearsal", () => {
    const plans = [...three("k1", {}, ["t1", "t2"]), journey("t3", "k1", [cycle({ reps: 4, followUps: [{ outcome: "partly", practiceReps: 12 }, { outcome: "secured" }] })])]
    const f = figures(given(schoolOf(plans)).fidelity().programme).figures
    expect(f.rePractice).toEqual({ followedUp: 3, cycles: 1, share: 1 / 3 })
    expect(f.rehearsal).toEqual({ sessions: 4, medianReps: 8, targetMin: 7, targetMax: 10, onTarget: 2, shareOnTarget: 0.5 })
    expect(f.meetingMinutes).toEqual({ meetings: 3, median: 20 })
  })

  it("given a focus closed before it was secured and then a new one, then that is step churn; a secured focus followed by a new one is not", () => {
    const plans = [
      journey("t1", "k1", [cycle({ followUps: [{ outcome: "not-yet" }], close: "Moved to another focus." }), cycle()]),
      journey("t2", "k1", [cycle(), cycle()]),
      journey("t3", "k1", [cycle({ calibratedBy: ["k2"] })])
    ]
    const f = figures(given(schoolOf(plans, { extra: [{ id: "rel-k2" as Ids.RelationshipId, coachId: "k2" as Ids.PersonId, teacherId: "t9" as Ids.PersonId, style: "balanced", status: "active", since: "2026-09-01" as Time.CalendarDate }] })).fidelity().programme).figures
    expect(f.stepChurn).toEqual({ newFocuses: 2, churned: 1, share: 0.5 })
    expect(f.cycles).toEqual({ started: 5, secured: 4, closed: 1, open: 0 })
    expect(f.secured).toEqual({ ended: 5, secured: 4, rate: 0.8 })
    expect(f.calibration).toMatchObject({ leveragePoints: 5, calibrated: 1, share: 0.2 })
  })

  it("given a cycle handed over before its leverage point, then it is no focus dropped (no churn)", () => {
    const plans = [
      { ...journey("t1", "k1", [cycle({ stopBefore: "leverage-point" })]), handover: { coachId: "k2", day: 20, cycles: [cycle()] } },
      ...three("k1", {}, ["t2", "t3"])
    ]
    const f = figures(given(schoolOf(plans)).fidelity().programme).figures
    expect(f.stepChurn).toEqual({ newFocuses: 0, churned: 0, share: null })
    expect(f.cycles).toEqual({ started: 4, secured: 3, closed: 1, open: 0 })
  })

  it("given a coach with too few teachers, when the lead reads fidelity, then that coach is suppressed and so is the next smallest (else the programme minus the rest would show it)", () => {
    const plans = [...three("kA", {}, ["a1", "a2", "a3", "a4"]), ...three("kB", {}, ["b1", "b2"])]
    const report = given(schoolOf(plans)).fidelity()
    expect(report.coaches).toEqual([
      { scope: "coach", id: "kA", name: "Coach kA", suppressed: true, reason: "secondary", message: Reports.suppressionMessage("secondary", 3) },
      { scope: "coach", id: "kB", name: "Coach kB", suppressed: true, reason: "fewer-than-minimum", message: "fewer than 3 teachers" }
    ])
    expect(figures(report.programme).figures.teachers).toBe(6)
  })

  it("given two small coaches that together reach the minimum, then only they are suppressed", () => {
    const plans = [...three("kA", {}, ["a1", "a2", "a3", "a4"]), ...three("kB", {}, ["b1", "b2"]), ...three("kC", {}, ["c1"])]
    const report = given(schoolOf(plans)).fidelity()
    expect(report.coaches.map((c) => [c.id, c.suppressed])).toEqual([["kA", false], ["kB", true], ["kC", true]])
  })

  it("given a cohort that is one coach's teachers but one, then the cohort is suppressed (the coach minus the cohort would be that one teacher)", () => {
    const plans = [...three("kA", {}, ["a1", "a2", "a3", "a4"]), ...three("kB", {}, ["b1", "b2", "b3"])]
    const cohorts = { a1: "x", a2: "x", a3: "x", b1: "y", b2: "y", b3: "y" }
    const report = given(schoolOf(plans, { cohorts })).fidelity()
    expect(report.coaches.map((c) => [c.id, c.suppressed])).toEqual([["kA", false], ["kB", false]])
    const byId = Object.fromEntries(report.cohorts.map((c) => [c.id ?? "none", c.suppressed ? c.reason : "shown"]))
    // a4 alone is "no cohort" (primary); x = kA minus a4 (secondary, across slicings); y = kB (shown)
    expect(byId).toEqual({ x: "secondary", y: "shown", none: "fewer-than-minimum" })
  })

  it("given cohorts, then each is a group, teachers in none are one more, and options keep one group without changing what is suppressed", () => {
    const plans = [...three("kA", {}, ["a1", "a2", "a3"]), ...three("kB", {}, ["b1", "b2", "b3"])]
    const cohorts = { a1: "ect", a2: "ect", b1: "ect", b2: "new", b3: "new", a3: "new" }
    const read = given(schoolOf(plans, { cohorts }))
    const report = read.fidelity()
    expect(report.cohorts.map((c) => [c.id, c.name, c.suppressed])).toEqual([["ect", "Cohort ect", false], ["new", "Cohort new", false]])
    expect(read.fidelity({ cohortId: "new" }).cohorts.map((c) => c.id)).toEqual(["new"])
    expect(read.fidelity({ coachId: "kB" }).coaches.map((c) => c.id)).toEqual(["kB"])
    expect(read.fidelity({ coachId: "kB" }).programme).toEqual(report.programme)
  })

  it("given a relationship moved into a cohort after the events were folded, then the next report groups by it without a refold", () => {
    const doc = schoolOf(three("k1", {}))
    const { context, state } = Reports.fromExport(doc)
    const moved = { ...context, records: { ...context.records, cohorts: [{ id: "late" as Ids.CohortId, name: "Late cohort" }], relationships: context.records.relationships.map((r) => ({ ...r, cohortId: "late" as Ids.CohortId })) } }
    const report = Result.getOrThrow(Fidelity.report(state, moved, lead))
    expect(report.cohorts.map((c) => c.id)).toEqual(["late"])
  })

  it("given a coach, a teacher, an admin or an unregistered lead, when they ask for fidelity, then ACCESS_DENIED and nothing is computed", () => {
    const { context, state } = given(schoolOf(three("k1", {})))
    for (const principal of [Access.principal("coach", "k1"), Access.principal("teacher", "t1"), Access.principal("admin", LEAD), Access.principal("lead", "l-nobody"), Access.principal("lead", "k1")]) {
      const answer = Fidelity.report(state, context, principal)
      expect(Result.isFailure(answer), `${principal.role} ${principal.personId}`).toBe(true)
      if (Result.isFailure(answer)) expect(answer.failure).toMatchObject({ _tag: "AccessDenied", code: "ACCESS_DENIED" })
    }
    expect(Result.isFailure(CohortInsight.report(state, context, Access.principal("coach", "k1")))).toBe(true)
    expect(Result.isFailure(Caseload.summary(state, context, Access.principal("coach", "k1"), { today: "2026-09-16" as Time.CalendarDate }))).toBe(true)
  })
})

describe("Caseload", () => {
  // Wednesday 16 September 2026: this week is Monday 14 to Sunday 20.
  const today = "2026-09-16"
  const ended: People.Relationship = {
    id: "rel-ended" as Ids.RelationshipId,
    coachId: "k1" as Ids.PersonId,
    teacherId: "t5" as Ids.PersonId,
    style: "balanced",
    status: "ended",
    since: "2026-09-01" as Time.CalendarDate,
    until: "2026-09-10" as Time.CalendarDate
  }
  const fresh: People.Relationship = { ...ended, id: "rel-fresh" as Ids.RelationshipId, teacherId: "t4" as Ids.PersonId, status: "active" }
  delete (fresh as { until?: unknown }).until
  const school = () =>
    given(schoolOf([
      // meeting on day 5 (Saturday 12th): due on the 19th (this week), the 15th (overdue), the 26th (later)
      journey("t1", "k1", [cycle({ followUps: [] })]),
      journey("t2", "k1", [cycle({ visits: ["Tue P2", "Tue P2"], dueDays: 3, followUps: [] })]),
      journey("t3", "k1", [cycle({ area: "behaviour", technique: "entry-routine", dueDays: 14, followUps: [] })]),
      journey("t6", "k2", [cycle({ followUps: [] })])
    ], { extra: [ended, fresh] }))

  it("given a coach's teachers with follow-ups due this week, overdue and later, when the coach reads their caseload on a Wednesday, then each is where it belongs", () => {
    const c = school().caseload("k1", today)
    expect(c).toMatchObject({ view: "coach", today, week: { start: "2026-09-14", end: "2026-09-20" }, noVisitDays: 14, coach: { id: "k1", name: "Coach k1", areas: ["questioning"] } })
    expect(c.teachers.map((t) => [t.teacherId, t.openCycle?.followUpDue ?? null, t.openCycle?.due ?? null])).toEqual([
      ["t1", "2026-09-19", "this-week"],
      ["t2", "2026-09-15", "overdue"],
      ["t3", "2026-09-26", "later"],
      ["t4", null, null]
    ])
    expect(c.figures.followUps).toEqual({ dueThisWeek: 1, overdue: 1 })
    expect(c.figures.openCycles).toEqual({ Observing: 0, Diagnosed: 0, Planned: 0, Practising: 3, Replanning: 0 })
    expect(c.teachers[0]!.openCycle).toMatchObject({ stage: "Practising", actionStep: "Pose the question, pause for five seconds, then name a student to answer.", dueChanges: 1 })
  })

  it("given a teacher never visited and one last visited six days ago, then the first is flagged, and the second once N is 5", () => {
    const read = school()
    const c = read.caseload("k1", today)
    expect(c.teachers.map((t) => [t.teacherId, t.lastVisit, t.daysSinceVisit, t.noRecentVisit])).toEqual([
      ["t1", "2026-09-10", 6, false],
      ["t2", "2026-09-10", 6, false],
      ["t3", "2026-09-10", 6, false],
      ["t4", null, null, true]
    ])
    expect(c.figures.noRecentVisit).toBe(1)
    expect(read.caseload("k1", today, { noVisitDays: 5 }).figures.noRecentVisit).toBe(4)
  })

  it("given visits in different slots, then they are counted by slot, and a teacher always seen in one slot is flagged", () => {
    const c = school().caseload("k1", today)
    expect(c.figures.visitsBySlot).toEqual([{ slot: "Mon P1", visits: 2 }, { slot: "Tue P2", visits: 2 }, { slot: "Wed P4", visits: 2 }])
    expect(c.figures.teachersSeenInOneSlot).toBe(1)
    expect(c.teachers.find((t) => t.teacherId === "t2")!.slots).toEqual(["Tue P2"])
  })

  it("given a leverage point outside the coach's areas, then it is flagged on the teacher and counted; a coach who lists no areas is flagged nothing", () => {
    const c = school().caseload("k1", today)
    expect(c.figures.outsideExpertise).toEqual({ areasListed: true, leveragePoints: 1, areas: [{ area: "behaviour", leveragePoints: 1 }] })
    expect(c.teachers.find((t) => t.teacherId === "t3")!.areasOutsideExpertise).toEqual(["behaviour"])
    const unlisted = given(schoolOf([journey("t1", "k1", [cycle({ area: "behaviour" })])], { areas: { k1: [] } })).caseload("k1", today)
    expect(unlisted.figures.outsideExpertise).toEqual({ areasListed: false, leveragePoints: 0, areas: [] })
  })

  it("given visits and meetings, then the coach's minutes are summed per week (Monday first), the weeks before shown as 0", () => {
    const c = school().caseload("k1", today, { weeks: 3 })
    // each teacher: visits of 15 and 20 minutes, a 20-minute meeting, all in the week of 7 September
    expect(c.minutesPerWeek).toEqual([
      { weekStart: "2026-08-31", minutes: 0 },
      { weekStart: "2026-09-07", minutes: 165 },
      { weekStart: "2026-09-14", minutes: 0 }
    ])
  })

  it("given a relationship that ended and another coach's teacher, then neither is in the caseload; another coach, a lead or a teacher asking for it get ACCESS_DENIED", () => {
    const read = school()
    expect(read.caseload("k1", today).teachers.map((t) => t.teacherId)).toEqual(["t1", "t2", "t3", "t4"])
    expect(read.caseload("k2", today).teachers.map((t) => t.teacherId)).toEqual(["t6"])
    for (const principal of [Access.principal("coach", "k2"), Access.principal("lead", LEAD), Access.principal("teacher", "t1")]) {
      const answer = Caseload.ofCoach(read.state, read.context, principal, { today: today as Time.CalendarDate, coachId: "k1" })
      expect(Result.isFailure(answer), principal.role).toBe(true)
      if (Result.isFailure(answer)) expect(answer.failure.code).toBe("ACCESS_DENIED")
    }
  })

  it("given the lead, when they read the caseload summary, then each coach shows caseload size and minutes, figures only for caseloads of the minimum size, and no teacher", () => {
    const summary = school().summary(today)
    expect(summary.coaches.map((c) => [c.coachId, c.teachers, c.workload.suppressed])).toEqual([["k1", 4, false], ["k2", 1, true]])
    const k1 = summary.coaches[0]!
    expect(k1.workload).toEqual({ suppressed: false, figures: school().caseload("k1", today).figures })
    expect(k1.minutesPerWeek.at(-2)).toEqual({ weekStart: "2026-09-07", minutes: 165 })
    const text = JSON.stringify(summary)
    for (const t of ["t1", "t2", "t3", "t4", "t5", "t6", "Name of"]) expect(text).not.toContain(`"${t}`)
  })
})

describe("CohortInsight", () => {
  const plans = [
    journey("a1", "kA", [cycle(), cycle({ technique: "cold-call" })]),
    journey("a2", "kA", [cycle()]),
    journey("a3", "kA", [cycle()]),
    journey("a4", "kA", [cycle({ area: "behaviour", technique: "entry-routine" })]),
    journey("b1", "kB", [cycle()]),
    journey("b2", "kB", [cycle()]),
    journey("b3", "kB", [cycle()])
  ]

  it("given a cohort most of whom work on questioning, when the lead reads cohort insight, then questioning leads, rare areas and techniques are suppressed, techniques carry the playbook's titles", () => {
    const report = given(schoolOf(plans, { cohorts: { a1: "ect", a2: "ect", a3: "ect", a4: "ect", b1: "new", b2: "new", b3: "new" } })).insight()
    expect(report.cohorts.map((c) => [c.id, c.suppressed])).toEqual([["ect", false], ["new", false]])
    const ect = figures(report.cohorts[0])
    expect(ect).toMatchObject({ name: "Cohort ect", teachers: 4, leveragePoints: 5 })
    expect(ect.areas).toEqual([
      { area: "questioning", suppressed: false, teachers: 3, leveragePoints: 4 },
      { area: "behaviour", suppressed: true, reason: "fewer-than-minimum", message: "fewer than 3 teachers" }
    ])
    // a leverage point and its action step each cite the technique: two uses a cycle
    expect(ect.techniques).toEqual([
      { techniqueId: "wait-time", title: "Wait time", area: "questioning", suppressed: false, teachers: 3, uses: 6 },
      { techniqueId: "cold-call", title: "Cold call", area: "questioning", suppressed: true, reason: "fewer-than-minimum", message: "fewer than 3 teachers" },
      { techniqueId: "entry-routine", title: "Entry routine", area: "behaviour", suppressed: true, reason: "fewer-than-minimum", message: "fewer than 3 teachers" }
    ])
    expect(figures(report.programme).areas[0]).toEqual({ area: "questioning", suppressed: false, teachers: 6, leveragePoints: 7 })
    expect(given(schoolOf(plans, { cohorts: { a1: "ect" } })).insight({ cohortId: "ect" }).cohorts.map((c) => c.id)).toEqual(["ect"])
  })

  it("given cohorts smaller than the minimum, then they are suppressed — and a shown cohort with them when they alone would be too few to hide", () => {
    const small = given(schoolOf(plans, { cohorts: { a1: "ect", a2: "ect", a3: "ect", a4: "ect", b1: "new", b2: "new" } })).insight()
    // new (2) and no cohort (b3) together hold 3 teachers: enough to hide; ect is shown
    expect(small.cohorts.map((c) => [c.id, c.suppressed ? c.reason : "shown"])).toEqual([["ect", "shown"], ["new", "fewer-than-minimum"], [null, "fewer-than-minimum"]])
    const alone = given(schoolOf(plans.slice(0, 6), { cohorts: { a1: "ect", a2: "ect", a3: "ect", a4: "ect", b1: "new", b2: "new" } })).insight()
    expect(alone.cohorts.map((c) => [c.id, c.suppressed ? c.reason : "shown"])).toEqual([["ect", "secondary"], ["new", "fewer-than-minimum"]])
    expect(figures(alone.programme)).toMatchObject({ teachers: 6, leveragePoints: 7 })
  })
})

describe("Reports projection", () => {
  it("given events it does not expect — a cycle never started, an unknown tag — when folded, then they are counted and otherwise ignored", () => {
    const state = Reports.initial()
    const at = "2026-09-07T10:00:00.000Z"
    Reports.evolve(state, { teacherId: "t1" as Ids.PersonId, event: { _tag: "CycleClosed", cycleId: "nope" as Ids.CycleId, at: at as never, by: "k1" as Ids.PersonId, reason: "x" } })
    Reports.evolve(state, { teacherId: "t1" as Ids.PersonId, event: { _tag: "SomethingNew", cycleId: "nope", at, by: "k1" } as never })
    Reports.evolve(state, { teacherId: "t1" as Ids.PersonId, event: { _tag: "ReflectionAdded", at: at as never, by: "t1" as Ids.PersonId, reflection: { id: "r" as Ids.ReflectionId, text: "private" } } })
    expect(Reports.events(state)).toBe(3)
    expect(Reports.eventsByTag(state)).toEqual([["CycleClosed", 1], ["ReflectionAdded", 1], ["SomethingNew", 1]])
    expect(JSON.stringify([...state.pairs.values()])).toBe("[]")
  })

  it("given a school, when its events are folded one at a time into a live state, then every report equals the one from a replay", () => {
    const doc = schoolOf(three("k1", {}))
    const { context, state } = Reports.fromExport(doc)
    const live = Reports.initial()
    for (const entry of Reports.entriesOf(doc.journeys)) expect(Reports.evolve(live, entry)).toBe(live)
    expect(Fidelity.report(live, context, lead)).toEqual(Fidelity.report(state, context, lead))
  })
})
