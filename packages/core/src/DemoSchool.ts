/**
 * A demo school, written by this project: four coaches, sixteen teachers in two cohorts (and a
 * few in none), a lead, and a term of coaching cycles — secured steps, re-practice, a step not
 * seen, a late follow-up, a handover, cycles still open — every event decided by the rules
 * (`Cycle.decide`). For READMEs, the CLI's examples, tests, and a UI that needs a school to show.
 * `synthetic(options)` builds a bigger school of any size the same way, from a seed.
 *
 * @since 0.2.0
 */
import { Result } from "effect"
import * as Cycle from "./Cycle.js"
import type { JourneyEvent } from "./Events.js"
import * as Export from "./Export.js"
import type { Checker } from "./Granularity.js"
import type { CohortId, CycleId, PersonId, RelationshipId } from "./Ids.js"
import { type Cohort, directory, type Directory, type Person, type Relationship } from "./People.js"
import { defaultPlaybook } from "./Playbook.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import { addDays, type CalendarDate, dateOf, timestampFromMillis } from "./Time.js"

// ---------------------------------------------------------------------------------------------
// Plans: what happens in a cycle, turned into commands and decided
// ---------------------------------------------------------------------------------------------

/** What a follow-up visit sees, and how many days after the due date it happens (default 0). @since 0.2.0 */
export interface FollowUpPlan {
  readonly outcome: "secured" | "partly" | "not-yet" | "not-seen"
  readonly daysLate?: number
  /** Reps of the practice session after a "partly" / "not yet" (default 8). */
  readonly practiceReps?: number
}

/** One cycle of a demo journey. @since 0.2.0 */
export interface CyclePlan {
  /** The timetable slot of each lesson visit (at least one visit). */
  readonly visits: ReadonlyArray<string>
  readonly area: string
  readonly technique?: string | undefined
  /** Coaches who reviewed the leverage point before it was shared. */
  readonly calibratedBy?: ReadonlyArray<string>
  readonly leveragePoint: string
  readonly step: string
  /** An override reason, for a step the checker finds not granular. */
  readonly override?: string
  readonly reps: number
  readonly meetingMinutes: number
  readonly dueDays: number
  readonly followUps: ReadonlyArray<FollowUpPlan>
  /** Stop before this part and leave the cycle open there (default: run every part). */
  readonly stopBefore?: "leverage-point" | "action-step" | "meeting"
  /** Close the cycle after its follow-ups (it was not secured). */
  readonly close?: string
  /** A reflection the teacher adds after the meeting. */
  readonly reflection?: string
}

/** One teacher's journey: whose, with which coach, from when (days after the school's start), and the cycles. @since 0.2.0 */
export interface JourneyPlan {
  readonly teacherId: string
  readonly coachId: string
  readonly startDay: number
  readonly cycles: ReadonlyArray<CyclePlan>
  /** Days between the end of a cycle and the start of the next (default 10). */
  readonly gapDays?: number
  /** A later part of the journey with another coach (a handover): closes the open cycle first. */
  readonly handover?: { readonly coachId: string; readonly day: number; readonly cycles: ReadonlyArray<CyclePlan> }
}

/**
 * The demo's granularity checker: a step that joins two actions with " and " is not granular.
 * Apps use `checkActionStep` from `@coaching/granularity`.
 *
 * @since 0.2.0
 */
export const checker: Checker = (text) => {
  const at = text.indexOf(" and ")
  return at < 0
    ? { granular: true, score: 0.9, findings: [], suggestions: [] }
    : { granular: false, score: 0.3, findings: [{ code: "COMPOUND", message: "Two actions joined with \"and\".", span: [at, at + 5] }], suggestions: [] }
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Decides the commands of a journey plan, from `start` (epoch ms of day 0, 08:00 UTC). */
const journeyOf = (plan: JourneyPlan, start: number, people: Directory): Array<JourneyEvent> => {
  const teacherId = plan.teacherId as PersonId
  let journey = Cycle.emptyJourney(teacherId)
  const events: Array<JourneyEvent> = []
  let now = start + plan.startDay * DAY
  const decide = (command: unknown, at: number) => {
    now = Math.max(now, at)
    const decision = Cycle.decide(journey, command, { policy: defaultPolicy, clock: () => now, checkActionStep: checker, people })
    if (Result.isFailure(decision)) throw new Error(`demo school: ${plan.teacherId}: ${decision.failure.code}: ${decision.failure.message}`)
    for (const event of decision.success) {
      events.push(event)
      journey = Cycle.evolve(journey, event)
    }
  }
  const day = (t: number) => dateOf(timestampFromMillis(t)!)
  const atDay = (date: CalendarDate, hour: number) => Date.parse(`${date}T00:00:00.000Z`) + hour * HOUR
  let n = journey.cycles.length
  const runCycles = (coachId: string, cycles: ReadonlyArray<CyclePlan>) => {
    for (const c of cycles) {
      const cycleId = `cycle-${++n}` as CycleId
      const previous = journey.cycles.at(-1)
      const base = { cycleId, by: coachId }
      decide({ _tag: "StartCycle", ...base, teacherId, coachId, ...(previous?.stage === "Secured" ? { follows: previous.id } : {}) }, now + HOUR)
      c.visits.forEach((slot, i) => {
        decide({
          _tag: "RecordVisit",
          ...base,
          visit: {
            id: `${cycleId}-visit-${i + 1}`,
            minutes: 15 + 5 * (i % 3),
            context: `Lesson visit ${i + 1}`,
            timetableSlot: slot,
            evidence: ["Low-inference notes of what was seen and heard."],
            strengths: ["A strength seen in the lesson, for precise praise."],
            candidates: [c.leveragePoint]
          }
        }, now + (i === 0 ? HOUR : 3 * DAY))
      })
      if (c.stopBefore === "leverage-point") return
      decide({
        _tag: "IdentifyLeveragePoint",
        ...base,
        leveragePoint: {
          text: c.leveragePoint,
          evidence: c.visits.map((_, i) => `${cycleId}-visit-${i + 1}`),
          area: c.area,
          ...(c.technique !== undefined ? { techniqueId: c.technique } : {}),
          ...(c.calibratedBy !== undefined ? { calibration: { reviewedBy: c.calibratedBy } } : {})
        }
      }, now + DAY)
      if (c.stopBefore === "action-step") return
      decide({
        _tag: "AgreeActionStep",
        ...base,
        actionStep: {
          id: `${cycleId}-step-1`,
          text: c.step,
          whyItWorks: "Students learn more when every one of them has to think.",
          ...(c.technique !== undefined ? { techniqueId: c.technique } : {}),
          ...(c.override !== undefined ? { override: { reason: c.override } } : {})
        }
      }, now + HOUR)
      if (c.stopBefore === "meeting") return
      const reps = (count: number) => Array.from({ length: count }, (_, i) => ({ feedback: `Rep ${i + 1}: feedback on the rep.` }))
      decide({
        _tag: "HoldFeedbackMeeting",
        ...base,
        meeting: {
          minutes: c.meetingMinutes,
          style: "directive",
          parts: { praise: "Precise praise.", probe: "A probing question.", problemAndStep: c.step, practise: "Rehearsed.", planAhead: "Next lesson.", timeline: "Coach returns." },
          reps: reps(c.reps),
          whereUsed: "The next lesson with this class",
          followUpDue: addDays(day(now + DAY), c.dueDays)
        }
      }, now + DAY)
      if (c.reflection !== undefined) {
        decide({ _tag: "AddReflection", cycleId, by: teacherId, reflection: { id: `${cycleId}-reflection`, text: c.reflection } }, now + 6 * HOUR)
      }
      for (const f of c.followUps) {
        const due = journey.cycles.at(-1)!.followUpDue!
        const at = atDay(addDays(due, f.daysLate ?? 0), 10)
        decide({
          _tag: "RecordFollowUp",
          ...base,
          followUp: { minutes: 15, evidence: "What the follow-up visit saw.", outcome: f.outcome, ...(f.outcome === "not-seen" ? { nextDue: addDays(day(at), 5) } : {}) }
        }, at)
        if (f.outcome === "partly" || f.outcome === "not-yet") {
          decide({ _tag: "HoldPracticeSession", ...base, session: { minutes: 10, reps: reps(f.practiceReps ?? 8), followUpDue: addDays(day(now + DAY), c.dueDays) } }, now + DAY)
        }
      }
      if (c.close !== undefined) decide({ _tag: "CloseCycle", ...base, reason: c.close }, now + DAY)
      now += (plan.gapDays ?? 10) * DAY
    }
  }
  runCycles(plan.coachId, plan.cycles)
  if (plan.handover !== undefined) {
    const open = Cycle.openCycle(journey)
    const at = start + plan.handover.day * DAY
    if (open !== undefined) decide({ _tag: "CloseCycle", cycleId: open.id, by: plan.handover.coachId, reason: "Handed over to a new coach." }, at)
    now = Math.max(now, at)
    runCycles(plan.handover.coachId, plan.handover.cycles)
  }
  return events
}

/** The people, cohorts and relationships a school needs, and its journeys, as an export document. @since 0.2.0 */
export interface School {
  readonly document: Export.ExportDocument
  /** The school's lead (reads the reports). */
  readonly leadId: PersonId
  /** The day the demo's caseloads are read on. */
  readonly today: CalendarDate
}

/** What `make` builds a school from. @since 0.2.0 */
export interface SchoolInput {
  readonly people: ReadonlyArray<Person>
  readonly cohorts?: ReadonlyArray<Cohort>
  readonly relationships: ReadonlyArray<Relationship>
  readonly plans: ReadonlyArray<JourneyPlan>
  /** Day 0 of the plans (a journey starts `startDay` days after it, at 08:00 UTC). */
  readonly start: CalendarDate
  /** The policy written into the export (default `Policy.defaultPolicy`); the plans are decided with the defaults. */
  readonly policy?: Policy
}

/**
 * A school's export document from people, relationships and journey plans, every event decided by
 * the rules with the demo's checker (`checker`). Throws if a plan breaks a rule (a bug in the
 * plan, not a user error).
 *
 * @since 0.2.0
 */
export const make = (input: SchoolInput): Export.ExportDocument => {
  const people = directory(input)
  const start = Date.parse(`${input.start}T08:00:00.000Z`)
  return Export.make({
    policy: input.policy ?? defaultPolicy,
    people: input.people,
    cohorts: input.cohorts ?? [],
    relationships: input.relationships,
    playbooks: [defaultPlaybook],
    journeys: input.plans.map((plan) => ({ teacherId: plan.teacherId as PersonId, events: journeyOf(plan, start, people) }))
  })
}

// ---------------------------------------------------------------------------------------------
// The demo school
// ---------------------------------------------------------------------------------------------

const person = (id: string, name: string, roles: Person["roles"], areas?: ReadonlyArray<string>): Person => ({
  id: id as PersonId,
  name,
  roles,
  ...(areas !== undefined ? { areas } : {})
})

const rel = (coachId: string, teacherId: string, cohortId?: string, until?: string, since = "2026-09-01"): Relationship => ({
  id: `rel-${coachId}-${teacherId}` as RelationshipId,
  coachId: coachId as PersonId,
  teacherId: teacherId as PersonId,
  style: "balanced",
  status: until === undefined ? "active" : "ended",
  since: since as CalendarDate,
  ...(until !== undefined ? { until: until as CalendarDate } : {}),
  ...(cohortId !== undefined ? { cohortId: cohortId as CohortId } : {})
})

const waitTime = (over: Partial<CyclePlan> = {}): CyclePlan => ({
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

const coldCall = (over: Partial<CyclePlan> = {}): CyclePlan =>
  waitTime({
    technique: "cold-call",
    leveragePoint: "The same few volunteers answer every question.",
    step: "After the pause, name a student who has not answered yet today.",
    ...over
  })

const entry = (over: Partial<CyclePlan> = {}): CyclePlan => ({
  visits: ["Mon P1", "Thu P2"],
  area: "behaviour",
  technique: "entry-routine",
  leveragePoint: "The first five minutes of the lesson are lost to settling.",
  step: "Stand at the door, pointing each student to the first task on the board.",
  reps: 7,
  meetingMinutes: 15,
  dueDays: 7,
  followUps: [{ outcome: "secured" }],
  ...over
})

const diagram = (over: Partial<CyclePlan> = {}): CyclePlan => ({
  visits: ["Tue P3", "Fri P5", "Wed P2"],
  area: "explanation",
  technique: "dual-coding",
  leveragePoint: "Explanations of processes are spoken only, with nothing on the board.",
  step: "Draw one box of the diagram on the board each time you name a stage.",
  reps: 9,
  meetingMinutes: 25,
  dueDays: 10,
  followUps: [{ outcome: "secured" }],
  ...over
})

const weDo = (over: Partial<CyclePlan> = {}): CyclePlan => ({
  visits: ["Thu P1"],
  area: "practice",
  technique: "we-do",
  leveragePoint: "Students start independent work before anyone has done one with the teacher.",
  step: "Complete one example with the class before students try the next one alone.",
  reps: 10,
  meetingMinutes: 20,
  dueDays: 7,
  followUps: [{ outcome: "secured" }],
  ...over
})

/**
 * The demo school: coaches Grace (questioning, behaviour; 7 teachers over the term), Ravi
 * (explanation, modelling; 5), Mo (practice; 2) and Ines (behaviour, routines; 3 — one taken
 * over from Grace), lead Mary; cohorts "Early-career teachers 2026" (10 teachers, most of them
 * working on questioning) and "New to the school 2026" (3); three teachers in no cohort. Read
 * its caseloads on `today` (Wednesday 11 November 2026).
 *
 * @since 0.2.0
 */
export const school = (): School => {
  const ect = "ect-2026"
  const newStaff = "new-2026"
  const coaches = [
    person("c-grace", "Grace", ["coach"], ["questioning", "behaviour"]),
    person("c-ravi", "Ravi", ["coach"], ["explanation", "modelling"]),
    person("c-mo", "Mo", ["coach"], ["practice"]),
    person("c-ines", "Ines", ["coach"], ["behaviour", "routines"])
  ]
  const teachers: Array<[string, string, string, string | undefined]> = [
    ["t-ada", "Ada", "c-grace", ect],
    ["t-alan", "Alan", "c-grace", ect],
    ["t-barbara", "Barbara", "c-grace", ect],
    ["t-claude", "Claude", "c-grace", ect],
    ["t-dorothy", "Dorothy", "c-grace", ect],
    ["t-edsger", "Edsger", "c-grace", undefined],
    ["t-frances", "Frances", "c-ravi", ect],
    ["t-grete", "Grete", "c-ravi", ect],
    ["t-hedy", "Hedy", "c-ravi", ect],
    ["t-ivan", "Ivan", "c-ravi", newStaff],
    ["t-joan", "Joan", "c-ravi", newStaff],
    ["t-katherine", "Katherine", "c-mo", ect],
    ["t-linus", "Linus", "c-mo", undefined],
    ["t-margaret", "Margaret", "c-ines", newStaff],
    ["t-niklaus", "Niklaus", "c-ines", undefined],
    ["t-olga", "Olga", "c-ines", ect]
  ]
  // Niklaus was Grace's until 9 October; Ines took over on the 12th.
  const relationships = teachers.map(([id, , coach, cohort]) => rel(coach, id, cohort, undefined, id === "t-niklaus" ? "2026-10-12" : undefined))
  relationships.push(rel("c-grace", "t-niklaus", undefined, "2026-10-09"))
  const people = [
    ...coaches,
    person("l-mary", "Mary", ["lead"]),
    ...teachers.map(([id, name]) => person(id, name, ["teacher"]))
  ]
  const cohorts: Array<Cohort> = [
    { id: ect as CohortId, name: "Early-career teachers 2026" },
    { id: newStaff as CohortId, name: "New to the school 2026" }
  ]
  const plans: Array<JourneyPlan> = [
    { teacherId: "t-ada", coachId: "c-grace", startDay: 7, cycles: [waitTime({ calibratedBy: ["c-ravi", "c-ines"], reflection: "The pause felt long, but more hands went up." }), coldCall({ visits: ["Tue P2", "Thu P5"], followUps: [{ outcome: "partly" }, { outcome: "secured" }] }), waitTime({ technique: "follow-up-probe", leveragePoint: "Answers are accepted without asking how the student knows.", step: "After a correct answer, ask the same student how they know.", visits: ["Wed P3"], followUps: [] })] },
    { teacherId: "t-alan", coachId: "c-grace", startDay: 8, cycles: [waitTime({ reps: 6, calibratedBy: ["c-mo", "c-ravi"] }), coldCall({ visits: ["Mon P1", "Mon P1"], dueDays: 5, followUps: [{ outcome: "secured", daysLate: 2 }] }), waitTime({ technique: "cold-call", visits: ["Fri P4"], stopBefore: "action-step" })] },
    { teacherId: "t-barbara", coachId: "c-grace", startDay: 20, cycles: [entry({ followUps: [{ outcome: "not-yet", practiceReps: 9 }, { outcome: "secured" }] }), waitTime({ visits: ["Tue P1", "Thu P3"], followUps: [{ outcome: "not-seen" }], reflection: "Year 9 were out on a trip; next week." })] },
    { teacherId: "t-claude", coachId: "c-grace", startDay: 30, cycles: [waitTime({ reps: 12, followUps: [{ outcome: "secured" }] }), coldCall({ visits: ["Wed P5", "Fri P1"], reps: 9, dueDays: 14, followUps: [] })] },
    { teacherId: "t-dorothy", coachId: "c-grace", startDay: 28, cycles: [waitTime({ step: "Pose the question and wait five seconds before naming a student.", override: "Agreed in calibration as one routine.", followUps: [{ outcome: "secured", daysLate: 1 }] }), coldCall({ visits: ["Mon P5"], followUps: [{ outcome: "partly" }] })] },
    { teacherId: "t-edsger", coachId: "c-grace", startDay: 22, cycles: [entry({ visits: ["Tue P4", "Tue P4"], followUps: [{ outcome: "secured" }] }), entry({ technique: "positive-narration", leveragePoint: "Instructions are repeated to the whole class instead of noticing who is following.", step: "Name two students who are already following the instruction.", visits: ["Thu P1"], dueDays: 21, followUps: [] })] },
    { teacherId: "t-frances", coachId: "c-ravi", startDay: 7, cycles: [diagram({ calibratedBy: ["c-grace", "c-ines"] }), waitTime({ visits: ["Mon P2", "Thu P4"], followUps: [{ outcome: "secured" }] }), diagram({ technique: "check-for-understanding", leveragePoint: "The class moves on without anyone checking what students understood.", step: "Ask every student to hold up a mini whiteboard on the count of three.", visits: ["Tue P1"], dueDays: 6, followUps: [] })] },
    { teacherId: "t-grete", coachId: "c-ravi", startDay: 8, cycles: [waitTime({ visits: ["Wed P1", "Fri P3"], reps: 5, followUps: [{ outcome: "secured" }] }), waitTime({ technique: "cold-call", visits: ["Mon P4"], dueDays: 3, followUps: [{ outcome: "not-seen", daysLate: 0 }, { outcome: "secured" }] })] },
    { teacherId: "t-hedy", coachId: "c-ravi", startDay: 9, cycles: [waitTime({ visits: ["Thu P2", "Tue P5"], followUps: [{ outcome: "partly" }], close: "Leverage point revisited after a department change." }), diagram({ visits: ["Fri P2"], followUps: [{ outcome: "secured" }] }), diagram({ technique: "think-aloud", area: "modelling", leveragePoint: "Worked examples are shown finished, not built.", step: "Say each decision aloud as you write the next line of the example.", visits: ["Mon P3"], dueDays: 9, followUps: [] })] },
    { teacherId: "t-ivan", coachId: "c-ravi", startDay: 12, cycles: [diagram({ area: "modelling", technique: "think-aloud", leveragePoint: "Worked examples are shown finished, not built.", step: "Say each decision aloud as you write the next line of the example.", followUps: [{ outcome: "secured" }] }), diagram({ visits: ["Thu P1", "Thu P3"], stopBefore: "meeting" })] },
    { teacherId: "t-joan", coachId: "c-ravi", startDay: 15, cycles: [waitTime({ area: "feedback", technique: undefined, leveragePoint: "Written feedback comes back a week after the work.", step: "Give one spoken next step to each of five students during the task.", visits: ["Wed P2", "Wed P4"], followUps: [{ outcome: "secured", daysLate: 3 }] }), waitTime({ visits: ["Fri P1"], stopBefore: "leverage-point" })] },
    { teacherId: "t-katherine", coachId: "c-mo", startDay: 40, cycles: [weDo({ followUps: [{ outcome: "secured" }] }), waitTime({ visits: ["Tue P2"], calibratedBy: ["c-grace", "c-ravi"], dueDays: 8, followUps: [] })] },
    { teacherId: "t-linus", coachId: "c-mo", startDay: 33, cycles: [weDo({ visits: ["Mon P3", "Mon P3"], reps: 4, followUps: [{ outcome: "not-yet", practiceReps: 8 }, { outcome: "partly", practiceReps: 10 }] })] },
    { teacherId: "t-margaret", coachId: "c-ines", startDay: 15, cycles: [entry({ calibratedBy: ["c-grace", "c-mo"] }), entry({ technique: "positive-narration", leveragePoint: "Instructions are repeated to the whole class instead of noticing who is following.", step: "Name two students who are already following the instruction.", visits: ["Wed P5", "Fri P2"], followUps: [{ outcome: "secured" }] }), entry({ visits: ["Tue P3"], area: "routines", technique: undefined, leveragePoint: "Equipment is handed out one student at a time.", step: "Hand each row's monitor a tray on the word 'go'.", dueDays: 2, followUps: [] })] },
    { teacherId: "t-niklaus", coachId: "c-grace", startDay: 9, cycles: [waitTime({ visits: ["Thu P4"], followUps: [], dueDays: 14 })], handover: { coachId: "c-ines", day: 39, cycles: [entry({ visits: ["Mon P2", "Wed P1"], followUps: [{ outcome: "secured" }] }), entry({ technique: "positive-narration", leveragePoint: "Instructions are repeated to the whole class instead of noticing who is following.", step: "Name two students who are already following the instruction.", visits: ["Fri P4"], stopBefore: "meeting" })] } },
    { teacherId: "t-olga", coachId: "c-ines", startDay: 30, cycles: [waitTime({ area: "behaviour", technique: "positive-narration", leveragePoint: "Instructions are repeated to the whole class instead of noticing who is following.", step: "Name two students who are already following the instruction.", followUps: [{ outcome: "secured" }] }), waitTime({ visits: ["Mon P4", "Thu P1"], dueDays: 10, followUps: [] })] }
  ]
  return {
    document: make({ people, cohorts, relationships, plans, start: "2026-09-07" as CalendarDate }),
    leadId: "l-mary" as PersonId,
    today: "2026-11-11" as CalendarDate
  }
}

// ---------------------------------------------------------------------------------------------
// Synthetic schools
// ---------------------------------------------------------------------------------------------

/** The size and seed of a synthetic school. @since 0.2.0 */
export interface SyntheticOptions {
  readonly seed: number
  readonly coaches: number
  readonly teachersPerCoach: number
  /** Cycles per teacher (the last one may be left open at any stage). */
  readonly cyclesPerTeacher: number
  /** Cohorts the relationships are spread over (some teachers are left in none). Default 2. */
  readonly cohorts?: number
  /** A prefix of every id, so that two schools never share one (default `s<seed>`). */
  readonly prefix?: string
  /** The school's first day (default 2026-09-07). */
  readonly start?: CalendarDate
}

/** A small fast seeded random number generator (mulberry32). */
const random = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A synthetic school of any size, from a seed: coaches with areas, teachers spread over cohorts
 * (and none), journeys of random but realistic cycles (visits in varied slots, steps with and
 * without overrides, 3–12 reps, follow-ups on time, late, not seen, re-practice, closed cycles,
 * reflections), every event decided by the rules. The same options always give the same school.
 *
 * @since 0.2.0
 */
export const synthetic = (options: SyntheticOptions): School => {
  const rnd = random(options.seed)
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rnd() * xs.length)]!
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1))
  const prefix = options.prefix ?? `s${options.seed}`
  const cohortCount = options.cohorts ?? 2
  const strands = defaultPlaybook.strands
  const slots = ["Mon P1", "Mon P3", "Tue P2", "Tue P5", "Wed P1", "Wed P4", "Thu P2", "Thu P3", "Fri P1", "Fri P5"]
  const people: Array<Person> = [person(`${prefix}-lead`, "Lead", ["lead"])]
  const cohorts: Array<Cohort> = Array.from({ length: cohortCount }, (_, i) => ({ id: `${prefix}-cohort-${i + 1}` as CohortId, name: `Cohort ${i + 1}` }))
  const relationships: Array<Relationship> = []
  const plans: Array<JourneyPlan> = []
  for (let c = 1; c <= options.coaches; c++) {
    const coachId = `${prefix}-coach-${c}`
    people.push(person(coachId, `Coach ${c}`, ["coach"], [pick(strands).area, pick(strands).area]))
    for (let t = 1; t <= options.teachersPerCoach; t++) {
      const teacherId = `${prefix}-teacher-${c}-${t}`
      people.push(person(teacherId, `Teacher ${c}.${t}`, ["teacher"]))
      const cohort = cohortCount === 0 || rnd() < 0.2 ? undefined : cohorts[int(0, cohortCount - 1)]!.id
      relationships.push(rel(coachId, teacherId, cohort))
      const cycles: Array<CyclePlan> = []
      for (let k = 0; k < options.cyclesPerTeacher; k++) {
        // questioning is the most common focus, as in the sources' early-career group
        const strand = rnd() < 0.4 ? strands[0]! : pick(strands)
        const technique = pick(strand.techniques)
        const last = k === options.cyclesPerTeacher - 1
        const followUps: Array<FollowUpPlan> = []
        let close: string | undefined
        for (let f = 0; f < 4; f++) {
          const r = rnd()
          const daysLate = rnd() < 0.2 ? int(1, 4) : 0
          if (r < 0.55) {
            followUps.push({ outcome: "secured", daysLate })
            break
          }
          if (r < 0.7) followUps.push({ outcome: "not-seen", daysLate })
          else if (r < 0.9) followUps.push({ outcome: rnd() < 0.5 ? "partly" : "not-yet", daysLate, practiceReps: int(5, 11) })
          else {
            close = "The focus changed."
            break
          }
        }
        const secured = followUps.at(-1)?.outcome === "secured"
        if (!secured && close === undefined && !last) close = "Time to move on."
        const stop = last && !secured ? pick([undefined, undefined, "leverage-point", "action-step", "meeting"] as const) : undefined
        cycles.push({
          visits: Array.from({ length: int(1, 3) }, () => pick(slots)),
          area: strand.area,
          technique: technique.id,
          ...(options.coaches > 1 && rnd() < 0.3 ? { calibratedBy: [`${prefix}-coach-${(c % options.coaches) + 1}`] } : {}),
          leveragePoint: `Leverage point on ${technique.title.toLowerCase()}.`,
          step: rnd() < 0.15 ? `${technique.title}: two moves at once and both at once.` : `${technique.title}: one move.`,
          ...(rnd() < 0.15 ? { override: "Agreed in calibration as one routine." } : {}),
          reps: int(3, 12),
          meetingMinutes: int(10, 35),
          dueDays: int(3, 14),
          followUps: stop !== undefined ? [] : last ? followUps.slice(0, rnd() < 0.3 ? followUps.length - 1 : followUps.length) : followUps,
          ...(stop !== undefined ? { stopBefore: stop } : {}),
          ...(close !== undefined && !last ? { close } : {}),
          ...(rnd() < 0.3 ? { reflection: `A reflection of ${teacherId} on cycle ${k + 1}.` } : {})
        })
      }
      plans.push({ teacherId, coachId, startDay: int(0, 14), cycles })
    }
  }
  // A plan whose step is not granular needs its override: the demo checker decides.
  const fixed = plans.map((plan) => ({
    ...plan,
    cycles: plan.cycles.map((c) =>
      checker(c.step).granular || c.override !== undefined ? c : { ...c, override: "Agreed in calibration as one routine." }
    )
  }))
  const start = options.start ?? ("2026-09-07" as CalendarDate)
  const document = make({ people, cohorts, relationships, plans: fixed, start })
  let last = start as string
  for (const journey of document.journeys) {
    const at = journey.events.at(-1)?.at
    if (at !== undefined && at > last) last = at
  }
  return { document, leadId: `${prefix}-lead` as PersonId, today: addDays(dateOf(last as never), 1) }
}
