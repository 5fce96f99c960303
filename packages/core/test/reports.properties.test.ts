/**
 * The reports' properties, over arbitrary synthetic schools (`DemoSchool.synthetic`: any number
 * of coaches, teachers, cycles and cohorts, any minimum group size; every event decided by the
 * rules) and arbitrary orders of their journeys:
 *
 * - privacy: no lead report (fidelity, caseload summary, cohort insight) holds a teacher's id or
 *   name or a reflection's text; every group or cell shown holds at least the minimum of
 *   teachers; the groups hidden in a slicing are none or at least the minimum together; no shown
 *   group is another shown one minus fewer than the minimum — checked against groups recomputed
 *   here from the events, not read from the report;
 * - reconciliation: the programme's totals equal counts taken directly from the events, and the
 *   groups of a slicing add up to the programme when all are shown;
 * - order: interleaving the journeys in any order changes no figure of any report.
 *
 * Each run builds a school through `Cycle.decide` (~10–30 ms), so the runs are capped at 1 000
 * under `test:deep` (COACHING_PROPERTY_RUNS=10000).
 */
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Access, Caseload, CohortInsight, DemoSchool, type Events, Export, Fidelity, Policy, Reports } from "../src/index.js"
import { RUNS } from "./support.js"

/** Capped: one run builds a whole school through the decider. */
const PROPERTY_RUNS = Math.min(RUNS, 1000)
const PROPERTY_TIMEOUT = Math.max(60_000, PROPERTY_RUNS * 150, Number(process.env["COACHING_TEST_TIMEOUT"] ?? 0))

interface Scenario {
  readonly doc: Export.ExportDocument
  readonly school: DemoSchool.School
  readonly min: number
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    coaches: fc.integer({ min: 1, max: 3 }),
    teachersPerCoach: fc.integer({ min: 1, max: 6 }),
    cyclesPerTeacher: fc.integer({ min: 1, max: 3 }),
    cohorts: fc.integer({ min: 0, max: 3 }),
    min: fc.integer({ min: 3, max: 7 })
  })
  .map(({ min, ...options }) => {
    const school = DemoSchool.synthetic({ ...options, prefix: `q${options.seed.toString(36)}` })
    const doc = { ...school.document, policy: Result.getOrThrow(Policy.make({ reports: { minGroupSize: min } })) }
    return { doc, school, min }
  })

/** The journeys' events in one order: at each step, the next event of a journey the sequence picks. */
const interleave = (doc: Export.ExportDocument, picks: ReadonlyArray<number>): Array<Reports.Entry> => {
  const queues = doc.journeys.map((j) => ({ teacherId: j.teacherId, events: [...j.events], next: 0 }))
  const out: Array<Reports.Entry> = []
  let k = 0
  for (;;) {
    const live = queues.filter((q) => q.next < q.events.length)
    if (live.length === 0) return out
    const q = live[(picks[k++ % Math.max(1, picks.length)] ?? 0) % live.length]!
    out.push({ teacherId: q.teacherId, event: q.events[q.next++]! })
  }
}

const leadReports = (s: Scenario, entries: Iterable<Reports.Entry>) => {
  const state = Reports.replay(entries)
  const { context } = Reports.fromExport(s.doc)
  const lead = Access.principal("lead", s.school.leadId)
  return {
    fidelity: Result.getOrThrow(Fidelity.report(state, context, lead)),
    caseload: Result.getOrThrow(Caseload.summary(state, context, lead, { today: s.school.today })),
    insight: Result.getOrThrow(CohortInsight.report(state, context, lead))
  }
}

/** Every teacher's id and name, and every reflection's text, in the school. */
const secrets = (doc: Export.ExportDocument): Array<string> => {
  const teachers = new Set(doc.journeys.map((j) => j.teacherId as string))
  for (const r of doc.relationships) teachers.add(r.teacherId)
  const out: Array<string> = []
  for (const p of doc.people) if (teachers.has(p.id)) out.push(p.id, p.name)
  for (const j of doc.journeys) for (const e of j.events) if (e._tag === "ReflectionAdded") out.push(e.reflection.text)
  return out
}

type Pair = { readonly coachId: string; readonly teacherId: string }

/** The coaching pairs, recomputed from the events and relationships (an oracle, not the report's own grouping). */
const pairsOf = (doc: Export.ExportDocument): Array<Pair & { readonly cohort: string | null }> => {
  const seen = new Map<string, Pair>()
  for (const j of doc.journeys) {
    for (const e of j.events) if (e._tag === "CycleStarted") seen.set(`${e.coachId}|${j.teacherId}`, { coachId: e.coachId, teacherId: j.teacherId })
  }
  return [...seen.values()].map((p) => {
    const rels = doc.relationships.filter((r) => r.coachId === p.coachId && r.teacherId === p.teacherId && r.cohortId !== undefined)
    const latest = rels.sort((a, b) => (a.since < b.since ? -1 : 1)).at(-1)
    return { ...p, cohort: latest?.cohortId ?? null }
  })
}

const teachersOf = (pairs: ReadonlyArray<Pair>) => new Set(pairs.map((p) => p.teacherId)).size

describe("reports, for arbitrary schools", () => {
  it(`privacy: no lead report holds a teacher id, a teacher's name or a reflection; nothing shown is about fewer than the minimum (${PROPERTY_RUNS} schools)`, () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(), { maxLength: 50 }), (s, picks) => {
        const reports = leadReports(s, interleave(s.doc, picks))
        const text = JSON.stringify(reports)
        for (const secret of secrets(s.doc)) expect(text, secret).not.toContain(secret)
        // every shown group or cell holds at least the minimum
        const shown: Array<number> = []
        const walk = (value: unknown): void => {
          if (Array.isArray(value)) return value.forEach(walk)
          if (typeof value !== "object" || value === null) return
          const v = value as Record<string, unknown>
          if (v["suppressed"] === false) {
            const teachers = (v["teachers"] ?? (v["figures"] as Record<string, unknown> | undefined)?.["teachers"]) as number | undefined
            if (teachers !== undefined) shown.push(teachers)
          }
          Object.values(v).forEach(walk)
        }
        walk(reports.fidelity)
        walk(reports.insight)
        for (const n of shown) expect(n).toBeGreaterThanOrEqual(s.min)
        for (const coach of reports.caseload.coaches) if (!coach.workload.suppressed) expect(coach.teachers).toBeGreaterThanOrEqual(s.min)
        // slicings, recomputed here: hidden groups together are none or at least the minimum; no shown group is another minus a few
        const pairs = pairsOf(s.doc)
        const groups = [
          ...reports.fidelity.coaches.map((g) => ({ g, slicing: "coach", pairs: pairs.filter((p) => p.coachId === g.id) })),
          ...reports.fidelity.cohorts.map((g) => ({ g, slicing: "cohort", pairs: pairs.filter((p) => p.cohort === g.id) }))
        ]
        for (const slicing of ["coach", "cohort"]) {
          const hidden = teachersOf(groups.filter((x) => x.slicing === slicing && x.g.suppressed).flatMap((x) => x.pairs))
          // (when the programme itself is too small, it is hidden too: there is no total to subtract from)
          expect(hidden === 0 || hidden >= s.min || reports.fidelity.programme.suppressed, `${slicing}: ${hidden} hidden`).toBe(true)
          for (const x of groups.filter((x) => x.slicing === slicing)) expect(x.g.suppressed ? true : teachersOf(x.pairs) === (x.g as any).figures.teachers).toBe(true)
        }
        for (const small of groups.filter((x) => !x.g.suppressed)) {
          for (const big of groups.filter((x) => !x.g.suppressed && x.slicing !== small.slicing)) {
            if (!small.pairs.every((p) => big.pairs.includes(p))) continue
            const rest = teachersOf(big.pairs.filter((p) => !small.pairs.includes(p)))
            expect(rest === 0 || rest >= s.min, `${big.g.id} minus ${small.g.id}: ${rest}`).toBe(true)
          }
        }
      }),
      { numRuns: PROPERTY_RUNS }
    )
  }, PROPERTY_TIMEOUT)

  it(`reconciliation: the programme's totals are the events' counts, and shown slicings add up to the programme (${PROPERTY_RUNS} schools)`, () => {
    let reconciledSlicings = 0
    fc.assert(
      fc.property(scenario, (s) => {
        const events = s.doc.journeys.flatMap((j) => j.events)
        const count = (f: (e: Events.JourneyEvent) => boolean) => events.filter(f).length
        const state = Reports.replay(Reports.entriesOf(s.doc.journeys))
        expect(Reports.events(state)).toBe(events.length)
        expect(Object.fromEntries(Reports.eventsByTag(state))).toEqual(
          Object.fromEntries([...new Set(events.map((e) => e._tag))].map((tag) => [tag, count((e) => e._tag === tag)]))
        )
        const { fidelity } = leadReports(s, Reports.entriesOf(s.doc.journeys))
        if (fidelity.programme.suppressed) {
          expect(new Set(s.doc.journeys.map((j) => j.teacherId)).size).toBeLessThan(s.min)
          return
        }
        const f = fidelity.programme.figures
        const followUps = events.filter((e): e is Events.EventOf<"FollowUpRecorded"> => e._tag === "FollowUpRecorded")
        const reps = events.flatMap((e) => e._tag === "FeedbackMeetingHeld" ? [e.meeting.reps.length] : e._tag === "PracticeSessionHeld" ? [e.session.reps.length] : [])
        const sorted = [...reps].sort((a, b) => a - b)
        const median = sorted.length === 0 ? null : (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.floor(sorted.length / 2)]!) / 2
        expect(f.cycles.started).toBe(count((e) => e._tag === "CycleStarted"))
        expect(f.cycles.secured).toBe(followUps.filter((e) => e.followUp.outcome === "secured").length)
        expect(f.cycles.closed).toBe(count((e) => e._tag === "CycleClosed"))
        expect(f.cycles.open).toBe(f.cycles.started - f.cycles.secured - f.cycles.closed)
        expect(f.actionSteps.agreed).toBe(count((e) => e._tag === "ActionStepAgreed"))
        expect(f.actionSteps.granularWithoutOverride).toBe(count((e) => e._tag === "ActionStepAgreed" && e.actionStep.granularity.granular && e.actionStep.override === undefined))
        expect(f.rehearsal.sessions).toBe(reps.length)
        expect(f.rehearsal.medianReps).toBe(median)
        expect(f.rehearsal.onTarget).toBe(reps.filter((n) => n >= 7 && n <= 10).length)
        expect(f.meetingMinutes.meetings).toBe(count((e) => e._tag === "FeedbackMeetingHeld"))
        expect(f.followUps.recorded).toBe(followUps.length)
        expect(f.followUps.onTime + f.followUps.late + f.followUps.notSeen).toBe(followUps.length)
        expect(f.followUps.notSeen).toBe(followUps.filter((e) => e.followUp.outcome === "not-seen").length)
        expect(f.visits.recorded).toBe(count((e) => e._tag === "VisitRecorded"))
        expect(f.calibration.leveragePoints).toBe(count((e) => e._tag === "LeveragePointIdentified"))
        expect(f.calibration.calibrated).toBe(count((e) => e._tag === "LeveragePointIdentified" && e.leveragePoint.calibration !== undefined))
        expect(f.securedByMonth.reduce((n, m) => n + m.secured, 0)).toBe(f.cycles.secured)
        for (const slicing of [fidelity.coaches, fidelity.cohorts]) {
          if (slicing.some((g) => g.suppressed)) continue
          reconciledSlicings++
          const sum = (pick: (g: Fidelity.Figures) => number) => slicing.reduce((n, g) => n + (g.suppressed ? 0 : pick(g.figures)), 0)
          expect(sum((g) => g.cycles.started)).toBe(f.cycles.started)
          expect(sum((g) => g.followUps.recorded)).toBe(f.followUps.recorded)
          expect(sum((g) => g.rehearsal.sessions)).toBe(f.rehearsal.sessions)
          expect(sum((g) => g.visits.recorded)).toBe(f.visits.recorded)
          expect(sum((g) => g.stepChurn.churned)).toBe(f.stepChurn.churned)
        }
      }),
      { numRuns: PROPERTY_RUNS }
    )
    // the generator reaches schools whose slicings are all shown (so the sums above are checked)
    expect(reconciledSlicings).toBeGreaterThan(PROPERTY_RUNS / 10)
  }, PROPERTY_TIMEOUT)

  it(`order: any interleaving of the journeys gives the same reports, the coaches' caseloads included (${PROPERTY_RUNS} schools)`, () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (s, picks) => {
        const inOrder = leadReports(s, Reports.entriesOf(s.doc.journeys))
        const shuffled = leadReports(s, interleave(s.doc, picks))
        const reversed = leadReports(s, Reports.entriesOf([...s.doc.journeys].reverse()))
        expect(shuffled).toEqual(inOrder)
        expect(reversed).toEqual(inOrder)
        const { context } = Reports.fromExport(s.doc)
        const a = Reports.replay(Reports.entriesOf(s.doc.journeys))
        const b = Reports.replay(interleave(s.doc, picks))
        for (const coach of s.doc.people.filter((p) => p.roles.includes("coach"))) {
          const principal = Access.principal("coach", coach.id)
          expect(Caseload.ofCoach(b, context, principal, { today: s.school.today })).toEqual(Caseload.ofCoach(a, context, principal, { today: s.school.today }))
        }
      }),
      { numRuns: PROPERTY_RUNS }
    )
  }, PROPERTY_TIMEOUT)

  it("the synthetic schools are valid exports, with every kind of follow-up and suppressed and shown groups (so the properties above can fail)", () => {
    const outcomes = new Set<string>()
    let suppressed = 0
    let shown = 0
    for (const s of fc.sample(scenario, { numRuns: 40, seed: 11 })) {
      expect(Export.validate(JSON.parse(Export.encode(s.doc))).violations).toEqual([])
      for (const j of s.doc.journeys) for (const e of j.events) if (e._tag === "FollowUpRecorded") outcomes.add(e.followUp.outcome)
      const { fidelity } = leadReports(s, Reports.entriesOf(s.doc.journeys))
      for (const g of [...fidelity.coaches, ...fidelity.cohorts]) g.suppressed ? suppressed++ : shown++
    }
    expect([...outcomes].sort()).toEqual(["not-seen", "not-yet", "partly", "secured"])
    expect(suppressed).toBeGreaterThan(10)
    expect(shown).toBeGreaterThan(10)
  })

  it("the privacy check itself catches a teacher id in a report", () => {
    const [s] = fc.sample(scenario, { numRuns: 1, seed: 3 })
    const leaked = JSON.stringify({ ...leadReports(s!, Reports.entriesOf(s!.doc.journeys)), oops: s!.doc.journeys[0]!.teacherId })
    expect(secrets(s!.doc).some((secret) => leaked.includes(secret))).toBe(true)
  })
})



