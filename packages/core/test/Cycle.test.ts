/**
 * Given/When/Then tests of every transition of the cycle and every error code of the decider.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, Errors, type Events, People, Policy } from "../src/index.js"
import { coachId, contextAt, cycleId, DAY, demo, demoUpTo, given, HOUR, records, run, T0, teacherId } from "./support.js"

const stranger = "x-stranger"
const cmd = (i: number) => demo[i] as Record<string, unknown>
const reps = (n: number, feedback = "Slower: count the pause in your head.") => Array.from({ length: n }, () => ({ feedback }))
const meeting = (over: Record<string, unknown> = {}) => ({ ...(cmd(5) as { meeting: object }).meeting, ...over })
const followUp = (outcome: string, extra: Record<string, unknown> = {}) => ({
  _tag: "RecordFollowUp",
  cycleId,
  by: coachId,
  followUp: { minutes: 10, evidence: "Watched the first ten minutes of period 2.", outcome, ...extra }
})
const practice = (over: Record<string, unknown> = {}) => ({
  _tag: "HoldPracticeSession",
  cycleId,
  by: coachId,
  session: { minutes: 10, reps: reps(7), followUpDue: "2026-11-16", ...over }
})
const step = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
  _tag: "AgreeActionStep",
  cycleId,
  by: coachId,
  actionStep: { id, text, whyItWorks: "Everyone gets time to think before anyone answers.", ...extra }
})
const start = (over: Record<string, unknown> = {}) => ({ _tag: "StartCycle", cycleId: "cycle-2", by: coachId, teacherId, coachId, ...over })
const reflection = (id: string, by: string = teacherId, on: string | null = cycleId) => ({
  _tag: "AddReflection",
  ...(on !== null ? { cycleId: on } : {}),
  by,
  reflection: { id, text: "The pause felt long but more hands went up." }
})
const proposeStep = (proposalId: string, id = "step-p", text = "Pose the question, pause five seconds, then name a student.") => ({
  _tag: "ProposeActionStep",
  cycleId,
  by: teacherId,
  proposalId,
  actionStep: { id, text, whyItWorks: "Everyone gets time to think." }
})
const proposePoint = (proposalId: string) => ({ _tag: "ProposeLeveragePoint", cycleId, by: teacherId, proposalId, leveragePoint: (cmd(3) as { leveragePoint: object }).leveragePoint })
const agree = (proposalId: string, by: string = coachId) => ({ _tag: "AgreeProposal", cycleId, by, proposalId })
const close = (by: string = coachId) => ({ _tag: "CloseCycle", cycleId, by, reason: "Teacher moved school." })

/** The demo journey after a follow-up that saw the step only partly: Replanning. */
const replanning = () => run([...demo.slice(0, 6), followUp("partly")])

describe("transitions", () => {
  it("StartCycle: nothing → Observing", () => {
    given([]).when(demo[0]).then(["CycleStarted"], "Observing")
  })
  it("RecordVisit: Observing → Observing (evidence gathered)", () => {
    const after = given(demoUpTo(1).events).when(demo[1]).then(["VisitRecorded"], "Observing")
    expect(Cycle.findCycle(after, cycleId)?.visits).toHaveLength(1)
  })
  it("IdentifyLeveragePoint: Observing → Diagnosed", () => {
    given(demoUpTo(3).events).when(demo[3]).then(["LeveragePointIdentified"], "Diagnosed")
  })
  it("AgreeActionStep: Diagnosed → Planned, with the granularity report recorded", () => {
    const after = given(demoUpTo(4).events).when(demo[4]).then(["ActionStepAgreed"], "Planned")
    const current = Cycle.currentActionStep(Cycle.findCycle(after, cycleId)!)
    expect(current?.actionStep.granularity.granular).toBe(true)
  })
  it("AgreeActionStep again in Planned: a revision, history kept", () => {
    const after = given(demoUpTo(5).events).when(step("step-2", "Pose, pause three seconds, name a student.")).then(["ActionStepAgreed"], "Planned")
    const cycle = Cycle.findCycle(after, cycleId)!
    expect(cycle.actionSteps.map((s) => s.actionStep.id)).toEqual([`${cycleId}-step-1`, "step-2"])
    expect(Cycle.currentActionStep(cycle)?.actionStep.id).toBe("step-2")
  })
  it("RecordVisit in Planned: more evidence before the meeting", () => {
    given(demoUpTo(5).events).when({ ...cmd(1), visit: { ...(cmd(1) as { visit: object }).visit, id: "v-late" } }).then(["VisitRecorded"], "Planned")
  })
  it("HoldFeedbackMeeting: Planned → Practising, due date set", () => {
    const after = given(demoUpTo(5).events).when(demo[5]).then(["FeedbackMeetingHeld"], "Practising")
    expect(Cycle.findCycle(after, cycleId)?.followUpDue).toBe("2026-11-09")
  })
  it("RecordFollowUp secured: Practising → Secured (terminal)", () => {
    const after = given(demoUpTo(6).events).when(demo[6]).then(["FollowUpRecorded"], "Secured")
    expect(Cycle.openCycle(after)).toBeUndefined()
    expect(Cycle.findCycle(after, cycleId)?.endedAt).toBeDefined()
  })
  it.each(["partly", "not-yet"])("RecordFollowUp %s: Practising → Replanning", (outcome) => {
    given(demoUpTo(6).events).when(followUp(outcome)).then(["FollowUpRecorded"], "Replanning")
  })
  it("RecordFollowUp not-seen with a next due date: Practising → Practising, new due date", () => {
    const after = given(demoUpTo(6).events).when(followUp("not-seen", { nextDue: "2026-11-12" })).then(["FollowUpRecorded"], "Practising")
    expect(Cycle.findCycle(after, cycleId)?.followUpDue).toBe("2026-11-12")
  })
  it("ExtendTimeline: Practising → Practising, new due date", () => {
    const after = given(demoUpTo(6).events)
      .when({ _tag: "ExtendTimeline", cycleId, by: coachId, followUpDue: "2026-11-20", reason: "Mock exams week." })
      .then(["TimelineExtended"], "Practising")
    expect(Cycle.findCycle(after, cycleId)?.followUpDue).toBe("2026-11-20")
  })
  it("HoldPracticeSession: Replanning → Practising", () => {
    given(replanning().events).when(practice()).then(["PracticeSessionHeld"], "Practising")
  })
  it("AgreeActionStep in Replanning: a revised step before practising again", () => {
    given(replanning().events).when(step("step-3", "Pose, pause five seconds, then name a student from the back row.")).then(["ActionStepAgreed"], "Replanning")
  })
  it("CloseCycle from every open stage → Closed (terminal)", () => {
    for (const n of [1, 3, 4, 5, 6]) {
      given(demoUpTo(n).events).when(close()).then(["CycleClosed"], "Closed")
    }
    // a coach taking over (with an active relationship) closes the previous coach's cycle
    given(replanning().events).when(close("c-new")).then(["CycleClosed"], "Closed")
  })
  it("AddReflection by the teacher, at any stage — the record outlives the cycle", () => {
    for (const n of [1, 4, 6, 7]) given(demoUpTo(n).events).when(reflection(`r-${n}`)).then(["ReflectionAdded"])
    given(run([...demo.slice(0, 2), close()]).events).when(reflection("r-closed")).then(["ReflectionAdded"], "Closed")
  })
  it("AddReflection without a cycle: on the journey, even as its first record", () => {
    const after = given([]).when(reflection("r-first", teacherId, null)).then(["ReflectionAdded"])
    expect(after.teacherId).toBe(teacherId)
    expect(after.reflections.map((r) => r.reflection.id)).toEqual(["r-first"])
    const later = given(demoUpTo(7).events).when(reflection("r-journey", teacherId, null)).then(["ReflectionAdded"])
    expect(later.reflections).toHaveLength(1)
    expect(later.cycles[0]!.reflections).toHaveLength(0)
  })
  it("StartCycle after a secured cycle: a successor, linked", () => {
    const after = given(demoUpTo(7).events).when(start({ follows: cycleId })).then(["CycleStarted"], "Observing")
    expect(Cycle.findCycle(after, "cycle-2" as never)?.follows).toBe(cycleId)
    expect(Cycle.openCycle(after)?.id).toBe("cycle-2")
  })
  it("StartCycle after a closed cycle (no link)", () => {
    const closed = run([...demo.slice(0, 4), close()])
    given(closed.events).when(start()).then(["CycleStarted"], "Observing")
  })
  it("the teacher proposes the leverage point and the step; the coach agrees; the record keeps both", () => {
    const proposed = given(demoUpTo(3).events).when(proposePoint("p-1")).then(["LeveragePointProposed"], "Observing")
    expect(Cycle.findCycle(proposed, cycleId)!.proposals).toHaveLength(1)
    given(run([...demo.slice(0, 3), proposePoint("p-1")]).events).when(agree("p-1")).then(["LeveragePointIdentified"], "Diagnosed")
    const log = run([...demo.slice(0, 3), proposePoint("p-1"), agree("p-1"), proposeStep("p-2"), agree("p-2")])
    const cycle = Cycle.findCycle(log.journey, cycleId)!
    expect(cycle.stage).toBe("Planned")
    expect(cycle.leveragePoint).toMatchObject({ by: coachId, proposedBy: teacherId, proposalId: "p-1" })
    expect(Cycle.currentActionStep(cycle)).toMatchObject({ by: coachId, proposedBy: teacherId, proposalId: "p-2" })
    expect(Cycle.currentActionStep(cycle)!.actionStep.granularity.granular).toBe(true)
    expect(cycle.proposals.map((p) => p._tag)).toEqual(["LeveragePointProposed", "ActionStepProposed"])
    // every recorded event re-decides to itself
    const context = { policy: Policy.defaultPolicy, people: People.directory(records) }
    log.events.forEach((event, i) => expect(Cycle.check(Cycle.replay(log.events.slice(0, i)), event, context)).toBeUndefined())
  })
  it("check: an agreed proposal whose recorded text differs from the proposal is EVENT_NOT_AS_DECIDED at that field", () => {
    const log = run([...demo.slice(0, 3), proposePoint("p-1"), agree("p-1")])
    const agreed = log.events.at(-1) as Events.EventOf<"LeveragePointIdentified">
    const forged = { ...agreed, leveragePoint: { ...agreed.leveragePoint, text: "Something the teacher never proposed." } }
    const error = Cycle.check(Cycle.replay(log.events.slice(0, -1)), forged, { policy: Policy.defaultPolicy, people: People.directory(records) })
    expect(error).toMatchObject({ code: "EVENT_NOT_AS_DECIDED", path: ".leveragePoint.text" })
    const unclaimed = { ...agreed, proposedBy: coachId }
    expect(Cycle.check(Cycle.replay(log.events.slice(0, -1)), unclaimed, { policy: Policy.defaultPolicy, people: People.directory(records) })).toMatchObject({ path: ".proposedBy" })
  })
  it("the teacher may not start a cycle; a coach starts it as its coach", () => {
    given([]).when({ ...cmd(0), by: teacherId }).thenError("ROLE_MISMATCH")
    given([]).when({ ...cmd(0), by: "c-new" }).thenError("ACTOR_NOT_ALLOWED")
  })
  it("a failed granularity check is accepted with a written override, and the report is kept", () => {
    const after = given(demoUpTo(4).events)
      .when(step("step-o", "Use a bundle of questioning moves", { override: { reason: "Agreed in calibration: one routine for this class." } }))
      .then(["ActionStepAgreed"], "Planned")
    const current = Cycle.currentActionStep(Cycle.findCycle(after, cycleId)!)!
    expect(current.actionStep.granularity.granular).toBe(false)
    expect(current.actionStep.override?.reason).toMatch(/calibration/)
  })
  it("a full demo cycle replays to the live state", () => {
    const { events, journey } = demoUpTo(7)
    expect(Cycle.replay(events)).toEqual(journey)
    expect(journey.version).toBe(7)
  })
})

/** One rejection per row: given the demo up to `n` commands (or these events), when …, then this code. */
const rejections: ReadonlyArray<{
  readonly code: string
  readonly name: string
  readonly given: () => ReadonlyArray<Events.JourneyEvent>
  readonly when: unknown
  readonly at?: number
  readonly policy?: Policy.Policy
}> = [
  { code: "CYCLE_NOT_FOUND", name: "a visit on a cycle that does not exist", given: () => demoUpTo(1).events, when: { ...cmd(1), cycleId: "nope" } },
  { code: "DUPLICATE_ID", name: "a second cycle with the same id", given: () => demoUpTo(7).events, when: start({ cycleId }) },
  { code: "DUPLICATE_ID", name: "a visit id used before", given: () => demoUpTo(2).events, when: demo[1] },
  { code: "DUPLICATE_ID", name: "an action step id used before", given: () => demoUpTo(5).events, when: demo[4] },
  { code: "DUPLICATE_ID", name: "a reflection id used before", given: () => run([...demo.slice(0, 1), reflection("r1")]).events, when: reflection("r1") },
  { code: "OPEN_CYCLE_EXISTS", name: "a second open cycle (single focus)", given: () => demoUpTo(3).events, when: start() },
  { code: "CYCLE_ENDED", name: "extending the timeline after Secured", given: () => demoUpTo(7).events, when: { _tag: "ExtendTimeline", cycleId, by: coachId, followUpDue: "2026-11-20", reason: "Trip." } },
  { code: "CYCLE_ENDED", name: "a visit after Closed", given: () => run([...demo.slice(0, 2), close()]).events, when: { ...cmd(2) } },
  { code: "STAGE_MISMATCH", name: "a second leverage point", given: () => demoUpTo(4).events, when: demo[3] },
  { code: "STAGE_MISMATCH", name: "a visit while practising", given: () => demoUpTo(6).events, when: { ...cmd(1), visit: { ...(cmd(1) as { visit: object }).visit, id: "v-9" } } },
  { code: "STAGE_MISMATCH", name: "a practice session while practising", given: () => demoUpTo(6).events, when: practice() },
  { code: "STAGE_MISMATCH", name: "a second feedback meeting", given: () => demoUpTo(6).events, when: demo[5] },
  { code: "STAGE_MISMATCH", name: "revising the step while practising", given: () => demoUpTo(6).events, when: step("step-x", "Pose, pause, name.") },
  { code: "STAGE_MISMATCH", name: "extending the timeline before the meeting", given: () => demoUpTo(5).events, when: { _tag: "ExtendTimeline", cycleId, by: coachId, followUpDue: "2026-11-20", reason: "Trip." } },
  { code: "LEVERAGE_POINT_MISSING", name: "an action step before the leverage point", given: () => demoUpTo(3).events, when: demo[4] },
  { code: "ACTION_STEP_MISSING", name: "a meeting before the action step", given: () => demoUpTo(4).events, when: demo[5] },
  { code: "FOLLOW_UP_BEFORE_MEETING", name: "a follow-up before the meeting", given: () => demoUpTo(5).events, when: demo[6] },
  { code: "FOLLOW_UP_BEFORE_PRACTICE", name: "a follow-up in Replanning", given: () => replanning().events, when: followUp("secured") },
  {
    code: "LEVERAGE_POINT_WITHOUT_EVIDENCE",
    name: "a leverage point citing no visit",
    given: () => demoUpTo(3).events,
    when: { ...cmd(3), leveragePoint: { text: "Thinking time.", evidence: [] } }
  },
  {
    code: "EVIDENCE_NOT_IN_CYCLE",
    name: "a leverage point citing a visit of another cycle",
    given: () => run([...demo.slice(0, 2), close(), start(), { ...cmd(1), cycleId: "cycle-2", visit: { ...(cmd(1) as { visit: object }).visit, id: "v-c2" } }]).events,
    when: { ...cmd(3), cycleId: "cycle-2", leveragePoint: { text: "Thinking time.", evidence: [`${cycleId}-visit-1`] } }
  },
  { code: "ACTION_STEP_NOT_GRANULAR", name: "a bundle without override", given: () => demoUpTo(4).events, when: step("step-b", "Pause longer and also scaffold responses") },
  { code: "REHEARSAL_TOO_FEW_REPS", name: "a meeting with no rehearsal", given: () => demoUpTo(5).events, when: { ...cmd(5), meeting: meeting({ reps: [] }) } },
  {
    code: "REHEARSAL_TOO_FEW_REPS",
    name: "fewer reps than a stricter policy asks",
    given: () => demoUpTo(5).events,
    when: { ...cmd(5), meeting: meeting({ reps: reps(3) }) },
    policy: Result.getOrThrow(Policy.make({ rehearsal: { minReps: 5 } }))
  },
  { code: "REHEARSAL_TOO_FEW_REPS", name: "a practice session with no rehearsal", given: () => replanning().events, when: practice({ reps: [] }) },
  { code: "REP_WITHOUT_FEEDBACK", name: "a rep whose feedback is only invisible characters", given: () => demoUpTo(5).events, when: { ...cmd(5), meeting: meeting({ reps: [...reps(3), { feedback: "\u200B\u2060" }] }) } },
  { code: "REP_WITHOUT_FEEDBACK", name: "a rep with blank feedback", given: () => demoUpTo(5).events, when: { ...cmd(5), meeting: meeting({ reps: [...reps(3), { feedback: "  " }] }) } },
  { code: "FOLLOW_UP_DUE_TOO_SOON", name: "a follow-up due the same day", given: () => demoUpTo(5).events, when: { ...cmd(5), meeting: meeting({ followUpDue: "2026-11-02" }) } },
  { code: "FOLLOW_UP_DUE_TOO_LATE", name: "a follow-up due in three months and more", given: () => demoUpTo(5).events, when: { ...cmd(5), meeting: meeting({ followUpDue: "2027-02-01" }) } },
  { code: "FOLLOW_UP_DUE_TOO_LATE", name: "a practice session's due date past policy", given: () => replanning().events, when: practice({ followUpDue: "2027-03-01" }) },
  { code: "FOLLOW_UP_DUE_TOO_SOON", name: "a timeline extended into the past", given: () => demoUpTo(6).events, when: { _tag: "ExtendTimeline", cycleId, by: coachId, followUpDue: "2026-11-01", reason: "Oops." } },
  { code: "NEXT_DUE_REQUIRED", name: "not-seen without a next due date", given: () => demoUpTo(6).events, when: followUp("not-seen") },
  { code: "NEXT_DUE_UNEXPECTED", name: "a next due date with a secured step", given: () => demoUpTo(6).events, when: followUp("secured", { nextDue: "2026-11-12" }) },
  { code: "FOLLOW_UP_DUE_TOO_LATE", name: "not-seen with a next due date past policy", given: () => demoUpTo(6).events, when: followUp("not-seen", { nextDue: "2027-06-01" }) },
  { code: "TIME_WENT_BACKWARDS", name: "a clock earlier than the last record", given: () => demoUpTo(3).events, when: demo[3], at: T0 - DAY },
  { code: "INVALID_CLOCK", name: "a clock that returns NaN", given: () => demoUpTo(1).events, when: demo[1], at: Number.NaN },
  { code: "INVALID_CLOCK", name: "a clock beyond the representable range", given: () => [], when: demo[0], at: 8.64e15 + 1 },
  { code: "ROLE_MISMATCH", name: "the teacher records a lesson visit", given: () => demoUpTo(1).events, when: { ...cmd(1), by: teacherId } },
  { code: "ROLE_MISMATCH", name: "a lead starts a cycle", given: () => [], when: { ...cmd(0), by: "l-lead", coachId: "l-lead" } },
  { code: "ROLE_MISMATCH", name: "a cycle for someone who is not a teacher", given: () => [], when: { ...cmd(0), teacherId: "c-new" } },
  { code: "ACTOR_NOT_ALLOWED", name: "a coach proposes an action step (the teacher's to propose)", given: () => demoUpTo(4).events, when: { ...proposeStep("p-1"), by: coachId } },
  { code: "ACTOR_NOT_ALLOWED", name: "the coach writes the teacher's reflection", given: () => demoUpTo(1).events, when: reflection("r-c", coachId) },
  { code: "ACTOR_NOT_ALLOWED", name: "another teacher reflects on this journey", given: () => demoUpTo(1).events, when: reflection("r-o", "t-other") },
  { code: "ACTOR_NOT_ALLOWED", name: "another coach records a visit on this coach's cycle", given: () => demoUpTo(1).events, when: { ...cmd(1), by: "c-new" } },
  { code: "ACTOR_NOT_ALLOWED", name: "a coach starts a cycle naming another coach", given: () => [], when: { ...cmd(0), by: "c-new" } },
  { code: "UNKNOWN_PERSON", name: "a stranger closes the cycle", given: () => demoUpTo(1).events, when: close(stranger) },
  { code: "UNKNOWN_PERSON", name: "a stranger starts a cycle", given: () => [], when: { ...cmd(0), by: stranger, coachId: stranger } },
  { code: "UNKNOWN_PERSON", name: "a cycle for a teacher nobody registered", given: () => [], when: { ...cmd(0), teacherId: "t-ghost" } },
  { code: "RELATIONSHIP_MISSING", name: "a coach with no relationship with the teacher starts a cycle", given: () => [], when: { ...cmd(0), by: "c-other", coachId: "c-other" } },
  { code: "RELATIONSHIP_MISSING", name: "a coach with no relationship closes the cycle", given: () => demoUpTo(1).events, when: close("c-other") },
  { code: "RELATIONSHIP_NOT_ACTIVE", name: "a coach whose relationship ended starts a cycle", given: () => [], when: { ...cmd(0), by: "c-former", coachId: "c-former" } },
  {
    code: "RELATIONSHIP_NOT_ACTIVE",
    name: "a coach records on their own cycle after the relationship ended",
    given: () => run([{ ...cmd(0), by: "c-former", coachId: "c-former" }], Date.parse("2026-09-01T09:00:00.000Z")).events,
    when: { ...cmd(1), by: "c-former" },
    at: T0
  },
  { code: "PROPOSAL_NOT_FOUND", name: "agreeing a proposal that was never made", given: () => demoUpTo(3).events, when: agree("p-9") },
  { code: "PROPOSAL_ALREADY_AGREED", name: "agreeing a proposal twice", given: () => run([...demo.slice(0, 3), proposePoint("p-1"), agree("p-1")]).events, when: agree("p-1") },
  { code: "DUPLICATE_ID", name: "a proposal id used before", given: () => run([...demo.slice(0, 3), proposePoint("p-1")]).events, when: proposePoint("p-1") },
  { code: "STAGE_MISMATCH", name: "proposing a leverage point once it is identified", given: () => demoUpTo(4).events, when: proposePoint("p-1") },
  { code: "ACTION_STEP_NOT_GRANULAR", name: "a proposed bundle", given: () => demoUpTo(4).events, when: proposeStep("p-1", "step-b", "Pause longer and also scaffold responses") },
  {
    code: "INVALID_CONTINUATION",
    name: "a leverage point continuing a cycle this one does not follow",
    given: () => demoUpTo(3).events,
    when: { ...cmd(3), leveragePoint: { text: "No thinking time.", evidence: [], continues: "cycle-9" } }
  },
  {
    code: "CALIBRATION_INVALID_REVIEWER",
    name: "the teacher calibrating their own step",
    given: () => demoUpTo(5).events,
    when: { _tag: "Calibrate", cycleId, by: coachId, calibration: { target: "action-step", reviewedBy: [teacherId], wording: "Pose the question, pause for five seconds, then name a student to answer." } }
  },
  {
    code: "CALIBRATION_WORDING_MISMATCH",
    name: "a calibration of wording the step does not have",
    given: () => demoUpTo(5).events,
    when: { _tag: "Calibrate", cycleId, by: coachId, calibration: { target: "action-step", reviewedBy: ["c-new"], wording: "Ask better questions." } }
  },
  {
    code: "CALIBRATION_REQUIRED",
    name: "a meeting on an uncalibrated step where the policy requires calibration",
    given: () => demoUpTo(5).events,
    when: demo[5],
    policy: Result.getOrThrow(Policy.make({ calibration: "required" }))
  },
  { code: "UNKNOWN_TECHNIQUE", name: "a step naming a technique the playbook does not have", given: () => demoUpTo(4).events, when: { ...cmd(4), actionStep: { ...(cmd(4) as { actionStep: object }).actionStep, techniqueId: "no-such-technique" } } },
  { code: "INVALID_GROUP", name: "a group cycle of one teacher", given: () => [], when: { ...cmd(0), group: { id: "g-1", teacherIds: [teacherId] } } },
  { code: "TEACHER_MISMATCH", name: "another teacher's cycle in this journey", given: () => demoUpTo(7).events, when: start({ teacherId: "t-other" }) },
  { code: "COACH_IS_TEACHER", name: "a teacher coaching themselves", given: () => [], when: { ...cmd(0), coachId: "t-dual", teacherId: "t-dual", by: "t-dual" } },
  { code: "INVALID_SUCCESSOR", name: "following a cycle that was closed, not secured", given: () => run([...demo.slice(0, 2), close()]).events, when: start({ follows: cycleId }) },
  { code: "INVALID_SUCCESSOR", name: "following an unknown cycle", given: () => demoUpTo(7).events, when: start({ follows: "nope" }) },
  { code: "INVALID_COMMAND", name: "an unknown command", given: () => [], when: { _tag: "GradeLesson", cycleId, by: coachId, grade: 2 } },
  { code: "INVALID_COMMAND", name: "a grade smuggled into a follow-up", given: () => demoUpTo(6).events, when: followUp("secured", { grade: "outstanding" }) },
  { code: "INVALID_COMMAND", name: "a malformed id", given: () => [], when: { ...cmd(0), cycleId: "has space" } },
  { code: "INVALID_COMMAND", name: "not an object at all", given: () => [], when: "StartCycle" },
  { code: "INVALID_COMMAND", name: "a blank leverage point", given: () => demoUpTo(3).events, when: { ...cmd(3), leveragePoint: { text: "   ", evidence: [`${cycleId}-visit-1`] } } },
  { code: "INVALID_COMMAND", name: "an impossible due date", given: () => demoUpTo(5).events, when: { ...cmd(5), meeting: meeting({ followUpDue: "2026-02-30" }) } }
]

/** The codes of a failing context part, tested one by one below. */
const contextFailures = ["LOOKUP_UNAVAILABLE", "LOOKUP_FAILED", "CHECKER_FAILED", "CONTEXT_UNREADABLE"]

describe("rejections: a typed error with a stable code, a sentence, and nothing changed", () => {
  it.each(rejections.map((r) => [r.code, r.name, r] as const))("%s — %s", (code, _name, row) => {
    const error = given(row.given()).when(row.when, row.at, row.policy).thenError(code)
    expect(Errors.cycleErrorCodes).toContain(error.code)
  })

  it("every decider error code has at least one rejection test", () => {
    const tested = new Set([...rejections.map((r) => r.code), ...contextFailures])
    const deciderCodes = Errors.cycleErrorCodes.filter((c) => c !== "INVALID_POLICY")
    expect(deciderCodes.filter((c) => !tested.has(c))).toEqual([])
  })

  it("an INVALID_COMMAND names the path of the bad field", () => {
    const error = given(demoUpTo(5).events).when({ ...cmd(5), meeting: meeting({ followUpDue: "2026-02-30" }) }).thenError("INVALID_COMMAND")
    expect((error as Errors.InvalidCommand).path).toBe("$.meeting.followUpDue")
  })

  it("a not-granular rejection carries the checker's finding codes", () => {
    const error = given(demoUpTo(4).events).when(step("step-b", "Pause longer and also scaffold responses")).thenError("ACTION_STEP_NOT_GRANULAR")
    expect((error as Errors.NotGranular).findings).toEqual(["COMPOUND"])
  })

  it.each([
    ["LOOKUP_UNAVAILABLE", "no people lookup at all", { people: undefined }],
    ["LOOKUP_UNAVAILABLE", "a lookup that is not a directory", { people: { person: "nope" } }],
    ["LOOKUP_FAILED", "a lookup that throws", { people: { person: () => { throw new Error("database down") }, relationshipsOf: (): Array<never> => [] } }],
    ["LOOKUP_FAILED", "a lookup that returns junk", { people: { person: () => 42, relationshipsOf: (): Array<never> => [] } }],
    ["LOOKUP_FAILED", "relationships that are not a list", { people: { ...People.directory(records), relationshipsOf: (): unknown => "all of them" } }],
    ["CHECKER_FAILED", "a granularity checker that throws", { checkActionStep: () => { throw new Error("model not loaded") } }],
    ["CHECKER_FAILED", "a granularity checker that returns junk", { checkActionStep: () => ({ granular: "yes" }) }],
    ["CONTEXT_UNREADABLE", "a policy that is not a policy", { policy: { followUp: {} } }],
    ["CONTEXT_UNREADABLE", "no policy at all", { policy: undefined }]
  ] as const)("%s — %s: a typed error, never a throw, nothing changed", (code, _name, over) => {
    const { journey } = demoUpTo(4)
    const snapshot = structuredClone(journey)
    const decision = Cycle.decide(journey, demo[4], { ...contextAt(T0 + 5 * HOUR), ...(over as object) } as Cycle.Context)
    expect(Result.isFailure(decision) && decision.failure.code).toBe(code)
    expect(Result.isFailure(decision) && decision.failure.message.length).toBeGreaterThan(10)
    expect(journey).toEqual(snapshot)
  })

  it("a command whose getter throws is INVALID_COMMAND, not a crash", () => {
    const hostile = { ...demo[1] as object }
    Object.defineProperty(hostile, "visit", { enumerable: true, get: () => { throw new Error("gotcha") } })
    const decision = Cycle.decide(demoUpTo(1).journey, hostile, contextAt(T0 + 2 * HOUR))
    expect(Result.isFailure(decision) && decision.failure.code).toBe("INVALID_COMMAND")
  })

  it("a clock that throws is an INVALID_CLOCK, not a crash", () => {
    const decision = Cycle.decide(Cycle.initialState, demo[0], { ...contextAt(T0), clock: () => { throw new Error("boom") } })
    expect(Result.isFailure(decision) && decision.failure.code).toBe("INVALID_CLOCK")
  })

  it("errors are real Error instances with the sentence as message", () => {
    const error = given(demoUpTo(3).events).when(start()).thenError("OPEN_CYCLE_EXISTS")
    expect(error).toBeInstanceOf(Error)
    expect(error._tag).toBe("OpenCycleExists")
  })
})

describe("timeline boundaries (policy defaults: ≥ 1 day, ≤ 84 days)", () => {
  const at = T0 + 5 * HOUR // the demo meeting is decided on 2026-11-02
  it.each([
    ["2026-11-03", true],
    ["2027-01-25", true],
    ["2027-01-26", false],
    ["2026-11-02", false]
  ])("due %s accepted: %s", (due, ok) => {
    const decision = Cycle.decide(demoUpTo(5).journey, { ...cmd(5), meeting: meeting({ followUpDue: due }) }, contextAt(at))
    expect(Result.isSuccess(decision)).toBe(ok)
  })
  it("a custom policy moves the limits", () => {
    const policy = Result.getOrThrow(Policy.make({ followUp: { minDays: 2, recommendedMaxDays: 10, maxDays: 14 } }))
    const decide = (due: string) => Result.isSuccess(Cycle.decide(demoUpTo(5).journey, { ...cmd(5), meeting: meeting({ followUpDue: due }) }, contextAt(at, policy)))
    expect([decide("2026-11-03"), decide("2026-11-04"), decide("2026-11-16"), decide("2026-11-17")]).toEqual([false, true, true, false])
  })
})

describe("readyForMeeting answers as the rules do", () => {
  it.each([
    [1, false, "LEVERAGE_POINT_MISSING"],
    [4, false, "ACTION_STEP_MISSING"],
    [5, true, "feedback-meeting"],
    [6, false, "MEETING_HELD"],
    [7, false, "CYCLE_ENDED"]
  ] as const)("after %i demo commands: ready %s (%s)", (n, ready, what) => {
    const readiness = Cycle.readyForMeeting(demoUpTo(n).journey.cycles[0]!)
    expect(readiness.ready).toBe(ready)
    expect(readiness.ready ? readiness.occasion : readiness.code).toBe(what)
    // the decider agrees: a meeting is accepted exactly when ready
    const accepted = Result.isSuccess(Cycle.decide(demoUpTo(n).journey, demo[5], contextAt(T0 + n * HOUR)))
    expect(accepted).toBe(ready)
  })
  it("Replanning: ready for a practice session", () => {
    expect(Cycle.readyForMeeting(replanning().journey.cycles[0]!)).toEqual({ ready: true, occasion: "practice-session" })
  })
})

describe("duplicate reflection ids on a long journey (the id index)", () => {
  const reflectionAt = (i: number, id: string): Events.JourneyEvent => ({
    _tag: "ReflectionAdded",
    at: new Date(T0 + i * HOUR).toISOString() as never,
    by: teacherId as never,
    reflection: { id: id as never, text: "What I noticed." }
  })
  const add = (id: string) => ({ _tag: "AddReflection", by: teacherId, reflection: { id, text: "Again." } })
  const codeOf = (journey: Cycle.Journey, id: string, i: number) => {
    const decision = Cycle.decide(journey, add(id), contextAt(T0 + i * HOUR))
    return Result.isFailure(decision) ? decision.failure.code : "ok"
  }

  it("finds every recorded id, before and after the journey grows in place, and only those", () => {
    const events = Array.from({ length: 100 }, (_, i) => reflectionAt(i, `r-${i}`))
    const owned = new WeakSet<object>()
    let journey = Cycle.foldInto(Cycle.emptyJourney(teacherId as never), events, owned)
    expect([codeOf(journey, "r-0", 200), codeOf(journey, "r-57", 200), codeOf(journey, "r-99", 200), codeOf(journey, "r-100", 200)])
      .toEqual(["DUPLICATE_ID", "DUPLICATE_ID", "DUPLICATE_ID", "ok"])
    // A forward-only cache folds further events into the same arrays: the index catches up.
    journey = Cycle.foldInto(journey, [reflectionAt(150, "r-100"), reflectionAt(151, "r-x")], owned)
    expect([codeOf(journey, "r-100", 200), codeOf(journey, "r-x", 200), codeOf(journey, "r-y", 200)]).toEqual(["DUPLICATE_ID", "DUPLICATE_ID", "ok"])
    // A replay from scratch (fresh arrays) and the journey before it agree.
    const replayed = Cycle.replay([...events, reflectionAt(150, "r-100"), reflectionAt(151, "r-x")], Cycle.emptyJourney(teacherId as never))
    for (const id of ["r-0", "r-100", "r-x", "r-y", "r-99"]) expect(codeOf(replayed, id, 200)).toBe(codeOf(journey, id, 200))
  })
})
