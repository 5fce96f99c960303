/**
 * Given/When/Then tests of every transition of the cycle and every error code of the decider.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, Errors, type Events, Policy } from "../src/index.js"
import { coachId, contextAt, cycleId, DAY, demo, demoUpTo, given, HOUR, run, T0, teacherId } from "./support.js"

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
const reflection = (id: string, by: string = teacherId) => ({ _tag: "AddReflection", cycleId, by, reflection: { id, text: "The pause felt long but more hands went up." } })
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
    given(replanning().events).when(close(teacherId)).then(["CycleClosed"], "Closed")
  })
  it("AddReflection by the teacher, at any open stage", () => {
    for (const n of [1, 4, 6]) given(demoUpTo(n).events).when(reflection(`r-${n}`)).then(["ReflectionAdded"])
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
  it("the teacher may start a cycle, and may propose the action step", () => {
    given([]).when({ ...cmd(0), by: teacherId }).then(["CycleStarted"])
    given(demoUpTo(4).events).when({ ...cmd(4), by: teacherId }).then(["ActionStepAgreed"], "Planned")
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
  { code: "CYCLE_ENDED", name: "a reflection after Secured", given: () => demoUpTo(7).events, when: reflection("r-late") },
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
  { code: "ACTOR_NOT_ALLOWED", name: "the teacher records a lesson visit", given: () => demoUpTo(1).events, when: { ...cmd(1), by: teacherId } },
  { code: "ACTOR_NOT_ALLOWED", name: "the coach writes the teacher's reflection", given: () => demoUpTo(1).events, when: reflection("r-c", coachId) },
  { code: "ACTOR_NOT_ALLOWED", name: "a stranger closes the cycle", given: () => demoUpTo(1).events, when: close(stranger) },
  { code: "ACTOR_NOT_ALLOWED", name: "a stranger starts a cycle", given: () => [], when: { ...cmd(0), by: stranger } },
  { code: "TEACHER_MISMATCH", name: "another teacher's cycle in this journey", given: () => demoUpTo(7).events, when: start({ teacherId: "t-other" }) },
  { code: "COACH_IS_TEACHER", name: "a teacher coaching themselves", given: () => [], when: { ...cmd(0), coachId: teacherId, by: teacherId } },
  { code: "INVALID_SUCCESSOR", name: "following a cycle that was closed, not secured", given: () => run([...demo.slice(0, 2), close()]).events, when: start({ follows: cycleId }) },
  { code: "INVALID_SUCCESSOR", name: "following an unknown cycle", given: () => demoUpTo(7).events, when: start({ follows: "nope" }) },
  { code: "INVALID_COMMAND", name: "an unknown command", given: () => [], when: { _tag: "GradeLesson", cycleId, by: coachId, grade: 2 } },
  { code: "INVALID_COMMAND", name: "a grade smuggled into a follow-up", given: () => demoUpTo(6).events, when: followUp("secured", { grade: "outstanding" }) },
  { code: "INVALID_COMMAND", name: "a malformed id", given: () => [], when: { ...cmd(0), cycleId: "has space" } },
  { code: "INVALID_COMMAND", name: "not an object at all", given: () => [], when: "StartCycle" },
  { code: "INVALID_COMMAND", name: "a blank leverage point", given: () => demoUpTo(3).events, when: { ...cmd(3), leveragePoint: { text: "   ", evidence: [`${cycleId}-visit-1`] } } },
  { code: "INVALID_COMMAND", name: "an impossible due date", given: () => demoUpTo(5).events, when: { ...cmd(5), meeting: meeting({ followUpDue: "2026-02-30" }) } }
]

describe("rejections: a typed error with a stable code, a sentence, and nothing changed", () => {
  it.each(rejections.map((r) => [r.code, r.name, r] as const))("%s — %s", (code, _name, row) => {
    const error = given(row.given()).when(row.when, row.at, row.policy).thenError(code)
    expect(Errors.cycleErrorCodes).toContain(error.code)
  })

  it("every decider error code has at least one rejection test", () => {
    const tested = new Set(rejections.map((r) => r.code))
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
