/**
 * The rest of the method, Given/When/Then: facilitative meetings that agree the step in the
 * meeting, the next granular step on the same leverage point, calibration, techniques checked
 * against the playbook, group cycles, and the advisories a decision carries.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, type Events, People, Playbook, Policy } from "../src/index.js"
import { coachId, contextAt, cycleId, demo, demoUpTo, given, HOUR, records, run, T0, teacherId, testDirectory } from "./support.js"

const cmd = (i: number) => demo[i] as Record<string, unknown>
const meetingOf = (over: Record<string, unknown> = {}) => ({ ...(cmd(5) as { meeting: Record<string, unknown> }).meeting, ...over })
const stepDraft = (id = "step-f", text = "Pose the question, pause five seconds, then name a student.") => ({ id, text, whyItWorks: "Everyone gets time to think." })
const facilitative = (over: Record<string, unknown> = {}) => ({
  _tag: "HoldFeedbackMeeting",
  cycleId,
  by: coachId,
  meeting: meetingOf({ style: "facilitative" }),
  agreeStep: { actionStep: stepDraft(), proposedBy: teacherId },
  ...over
})
const calibrate = (target: "leverage-point" | "action-step", wording: string, reviewedBy: ReadonlyArray<string> = ["c-new"]) => ({
  _tag: "Calibrate",
  cycleId,
  by: coachId,
  calibration: { target, reviewedBy, wording }
})
const demoStepText = "Pose the question, pause for five seconds, then name a student to answer."
const demoPointText = "Students get no thinking time between a question and the first answer."
const followUpSecured = { _tag: "RecordFollowUp", cycleId, by: coachId, followUp: { minutes: 10, evidence: "Saw it.", outcome: "secured" } }
const successor = (over: Record<string, unknown> = {}) => ({ _tag: "StartCycle", cycleId: "cycle-2", by: coachId, teacherId, coachId, follows: cycleId, ...over })
const requiredPolicy = Result.getOrThrow(Policy.make({ calibration: "required" }))

describe("facilitative meetings: the teacher arrives at the step in the meeting", () => {
  it("Diagnosed → Practising in one meeting that records the step, who proposed it and its granularity report", () => {
    const after = given(demoUpTo(4).events).when(facilitative()).then(["FeedbackMeetingHeld"], "Practising")
    const cycle = Cycle.findCycle(after, cycleId)!
    const meeting = cycle.meetings[0]!
    expect(meeting.agreedStep?.proposedBy).toBe(teacherId)
    expect(meeting.agreedStep?.actionStep.granularity.granular).toBe(true)
    // the step joins the step's history, as agreed at the meeting
    expect(Cycle.currentActionStep(cycle)).toMatchObject({ at: meeting.at, proposedBy: teacherId, actionStep: { id: "step-f" } })
  })
  it("the granularity rule still applies in the meeting", () => {
    given(demoUpTo(4).events).when(facilitative({ agreeStep: { actionStep: stepDraft("s-b", "Pause longer and also scaffold"), proposedBy: teacherId } })).thenError("ACTION_STEP_NOT_GRANULAR")
  })
  it("only a facilitative meeting agrees the step in it; directive and balanced keep the order", () => {
    given(demoUpTo(4).events).when(facilitative({ meeting: meetingOf({ style: "directive" }) })).thenError("ACTION_STEP_MISSING")
    given(demoUpTo(4).events).when({ ...cmd(5), meeting: meetingOf({ style: "facilitative" }) }).thenError("ACTION_STEP_MISSING")
    given(demoUpTo(5).events).when(facilitative()).thenError("STAGE_MISMATCH")
  })
  it("the step is proposed by the teacher or the coach of the cycle", () => {
    given(demoUpTo(4).events).when(facilitative({ agreeStep: { actionStep: stepDraft(), proposedBy: "c-new" } })).thenError("ACTOR_NOT_ALLOWED")
    given(demoUpTo(4).events).when(facilitative({ agreeStep: { actionStep: stepDraft(), proposedBy: coachId } })).then(["FeedbackMeetingHeld"], "Practising")
  })
  it("readyForMeeting: a facilitative meeting may be held from Diagnosed, others not", () => {
    const cycle = demoUpTo(4).journey.cycles[0]!
    expect(Cycle.readyForMeeting(cycle, { style: "facilitative" })).toEqual({ ready: true, occasion: "feedback-meeting", stepToAgree: true })
    expect(Cycle.readyForMeeting(cycle, { style: "balanced" }).ready).toBe(false)
  })
  it("readyForMeeting with a policy that requires calibration answers as the rules do (CALIBRATION_REQUIRED)", () => {
    const diagnosed = demoUpTo(4).journey.cycles[0]!
    expect(Cycle.readyForMeeting(diagnosed, { style: "facilitative", policy: requiredPolicy })).toMatchObject({ ready: false, code: "CALIBRATION_REQUIRED" })
    given(demoUpTo(4).events).when(facilitative(), undefined, requiredPolicy).thenError("CALIBRATION_REQUIRED")
    const planned = demoUpTo(5).journey.cycles[0]!
    expect(Cycle.readyForMeeting(planned, { policy: requiredPolicy })).toMatchObject({ ready: false, code: "CALIBRATION_REQUIRED" })
    expect(Cycle.readyForMeeting(planned, { policy: Policy.defaultPolicy })).toEqual({ ready: true, occasion: "feedback-meeting" })
    const calibrated = run([...demo.slice(0, 5), calibrate("action-step", demoStepText)]).journey.cycles[0]!
    expect(Cycle.readyForMeeting(calibrated, { policy: requiredPolicy })).toEqual({ ready: true, occasion: "feedback-meeting" })
  })
  it("an export with a facilitative meeting re-decides to itself", () => {
    const log = run([...demo.slice(0, 4), facilitative(), followUpSecured])
    const context = { policy: Policy.defaultPolicy, people: testDirectory }
    log.events.forEach((event, i) => expect(Cycle.check(Cycle.replay(log.events.slice(0, i)), event, context)).toBeUndefined())
    const forged = { ...log.events[4]!, agreedStep: { ...(log.events[4] as Events.EventOf<"FeedbackMeetingHeld">).agreedStep!, proposedBy: coachId } } as Events.JourneyEvent
    expect(Cycle.check(Cycle.replay(log.events.slice(0, 4)), forged, context)).toBeUndefined() // the coach may propose too
  })
})

describe("the next granular step: a successor continues the secured cycle's leverage point", () => {
  it("StartCycle continuing: the leverage point is carried over, citing the secured follow-up; the cycle starts Diagnosed", () => {
    const after = given(demoUpTo(7).events).when(successor({ continueLeveragePoint: true })).then(["CycleStarted", "LeveragePointIdentified"])
    const cycle = Cycle.findCycle(after, "cycle-2" as never)!
    expect(cycle.stage).toBe("Diagnosed")
    expect(cycle.leveragePoint?.leveragePoint).toMatchObject({ text: demoPointText, evidence: [], continues: cycleId, area: "questioning" })
  })
  it("or a new leverage point, citing visits as usual; continuing one needs `follows`", () => {
    given(demoUpTo(7).events).when(successor()).then(["CycleStarted"], "Observing")
    given(run([...demo.slice(0, 4), { _tag: "CloseCycle", cycleId, by: coachId, reason: "Moved." }]).events)
      .when({ _tag: "StartCycle", cycleId: "cycle-2", by: coachId, teacherId, coachId, continueLeveragePoint: true })
      .thenError("INVALID_SUCCESSOR")
  })
  it("a leverage point continues only the cycle this one follows", () => {
    const started = run([...demo, successor()]).events
    const continuing = (continues: string) => ({ _tag: "IdentifyLeveragePoint", cycleId: "cycle-2", by: coachId, leveragePoint: { text: demoPointText, evidence: [], continues } })
    given(started).when(continuing(cycleId)).then(["LeveragePointIdentified"], "Diagnosed")
    given(started).when(continuing("cycle-9")).thenError("INVALID_CONTINUATION")
    const fresh = run([...demo.slice(0, 3)]).events
    given(fresh).when({ ...cmd(3), leveragePoint: { text: "x y", evidence: [], continues: cycleId } }).thenError("INVALID_CONTINUATION")
  })
  it("the carried-over cycle replays through check to itself", () => {
    const log = run([...demo, successor({ continueLeveragePoint: true })])
    const context = { policy: Policy.defaultPolicy, people: testDirectory }
    log.events.forEach((event, i) => expect(Cycle.check(Cycle.replay(log.events.slice(0, i)), event, context)).toBeUndefined())
  })
})

describe("calibration: other coaches review the leverage point and the step before they are shared", () => {
  it("records who reviewed, when and the agreed wording; the step counts as calibrated while its text stands", () => {
    const after = given(demoUpTo(5).events).when(calibrate("action-step", demoStepText, ["c-new", "c-other"])).then(["Calibrated"], "Planned")
    const cycle = Cycle.findCycle(after, cycleId)!
    expect(Cycle.isCalibrated(cycle, "action-step")).toBe(true)
    expect(Cycle.isCalibrated(cycle, "leverage-point")).toBe(false)
    // a revision needs its own calibration
    const revised = run([...demo.slice(0, 5), calibrate("action-step", demoStepText), { ...cmd(4), actionStep: { ...(cmd(4) as { actionStep: object }).actionStep, id: "step-2", text: "Pose, pause three seconds, name a student." } }])
    expect(Cycle.isCalibrated(revised.journey.cycles[0]!, "action-step")).toBe(false)
  })
  it.each([
    ["the teacher", [teacherId]],
    ["the author", [coachId]],
    ["someone who is not a coach", ["l-lead"]],
    ["nobody registered", ["x-ghost"]],
    ["a coach named twice", ["c-new", "c-new"]]
  ])("a reviewer who is %s is refused", (_who, reviewers) => {
    given(demoUpTo(5).events).when(calibrate("action-step", demoStepText, reviewers)).thenError("CALIBRATION_INVALID_REVIEWER")
  })
  it("the agreed wording is the text as it stands; the target must exist", () => {
    given(demoUpTo(5).events).when(calibrate("action-step", "Something else entirely.")).thenError("CALIBRATION_WORDING_MISMATCH")
    given(demoUpTo(3).events).when(calibrate("leverage-point", demoPointText)).thenError("LEVERAGE_POINT_MISSING")
    given(demoUpTo(4).events).when(calibrate("action-step", demoStepText)).thenError("ACTION_STEP_MISSING")
    given(demoUpTo(4).events).when(calibrate("leverage-point", demoPointText)).then(["Calibrated"], "Diagnosed")
  })
  it("policy `required`: no meeting until the step is calibrated (and a facilitative one cannot agree it in the meeting)", () => {
    given(demoUpTo(5).events).when(demo[5], undefined, requiredPolicy).thenError("CALIBRATION_REQUIRED")
    const calibrated = run([...demo.slice(0, 5), calibrate("action-step", demoStepText)]).events
    given(calibrated).when(demo[5], undefined, requiredPolicy).then(["FeedbackMeetingHeld"], "Practising")
    given(demoUpTo(4).events).when(facilitative(), undefined, requiredPolicy).thenError("CALIBRATION_REQUIRED")
  })
  it("a version-1 calibration on the leverage point names real reviewers too", () => {
    const lp = (reviewedBy: ReadonlyArray<string>) => ({ ...cmd(3), leveragePoint: { ...(cmd(3) as { leveragePoint: object }).leveragePoint, calibration: { reviewedBy } } })
    given(demoUpTo(3).events).when(lp(["c-new"])).then(["LeveragePointIdentified"], "Diagnosed")
    given(demoUpTo(3).events).when(lp([teacherId])).thenError("CALIBRATION_INVALID_REVIEWER")
  })
})

describe("techniques are checked against the programme's playbooks", () => {
  const withTechnique = (techniqueId: string) => ({ ...cmd(4), actionStep: { ...(cmd(4) as { actionStep: object }).actionStep, techniqueId } })
  it("an unknown technique is refused on the step and on the leverage point (default playbook when the programme has none)", () => {
    given(demoUpTo(4).events).when(withTechnique("no-such-technique")).thenError("UNKNOWN_TECHNIQUE")
    given(demoUpTo(3).events).when({ ...cmd(3), leveragePoint: { text: "x y", evidence: [`${cycleId}-visit-1`], techniqueId: "nope" } }).thenError("UNKNOWN_TECHNIQUE")
    given(demoUpTo(4).events).when(withTechnique("wait-time")).then(["ActionStepAgreed"], "Planned")
  })
  it("a programme's own playbooks replace the default", () => {
    const ours: Playbook.Playbook = { id: "ours" as never, name: "Ours", strands: [{ area: "questioning", title: "Q", techniques: [{ id: "turn-and-talk" as never, title: "Turn and talk", description: "Pairs talk for thirty seconds." }] }] }
    const decide = (techniqueId: string) =>
      Cycle.decide(demoUpTo(4).journey, withTechnique(techniqueId), { ...contextAt(T0 + 5 * HOUR), playbooks: [ours] })
    expect(Result.isSuccess(decide("turn-and-talk"))).toBe(true)
    const refused = decide("wait-time")
    expect(Result.isFailure(refused) && refused.failure.code).toBe("UNKNOWN_TECHNIQUE")
  })
})

describe("group cycles: one coach, several teachers, one shared focus", () => {
  const group = { id: "g-1", teacherIds: [teacherId, "t-other"] }
  it("a teacher's journey records the group cycle", () => {
    const after = given([]).when({ ...cmd(0), group }).then(["CycleStarted"], "Observing")
    expect(after.cycles[0]!.group).toEqual(group)
  })
  it.each([
    ["one teacher", { id: "g-1", teacherIds: [teacherId] }],
    ["a teacher twice", { id: "g-1", teacherIds: [teacherId, teacherId] }],
    ["not this journey's teacher", { id: "g-1", teacherIds: ["t-other", "t-dual"] }]
  ])("a group of %s is refused", (_name, bad) => {
    given([]).when({ ...cmd(0), group: bad }).thenError("INVALID_GROUP")
  })
})

describe("advisories: what the coach should see about what was recorded", () => {
  const adviceOn = (events: ReadonlyArray<Events.JourneyEvent>, command: unknown, at: number, policy = Policy.defaultPolicy) => {
    const journey = Cycle.replay(events)
    const decided = Result.getOrThrow(Cycle.decide(journey, command, contextAt(at, policy)))
    return Cycle.advise(journey, decided, policy).map((a) => a.code)
  }
  const at = T0 + 6 * HOUR
  it("reps below and above the 7–10 target, a follow-up beyond four weeks, a step shared uncalibrated", () => {
    const reps = (n: number) => Array.from({ length: n }, () => ({ feedback: "Again, slower." }))
    expect(adviceOn(demoUpTo(5).events, { ...cmd(5), meeting: meetingOf({ reps: reps(2) }) }, at)).toEqual(["REHEARSAL_BELOW_TARGET", "STEP_NOT_CALIBRATED"])
    expect(adviceOn(demoUpTo(5).events, { ...cmd(5), meeting: meetingOf({ reps: reps(12) }) }, at)).toEqual(["REHEARSAL_ABOVE_TARGET", "STEP_NOT_CALIBRATED"])
    expect(adviceOn(demoUpTo(5).events, { ...cmd(5), meeting: meetingOf({ followUpDue: "2026-12-10" }) }, at)).toEqual(["FOLLOW_UP_BEYOND_RECOMMENDED", "STEP_NOT_CALIBRATED"])
    const calibrated = run([...demo.slice(0, 5), calibrate("action-step", demoStepText)]).events
    expect(adviceOn(calibrated, demo[5], at + HOUR)).toEqual([])
    expect(adviceOn(demoUpTo(5).events, demo[5], at, Result.getOrThrow(Policy.make({ calibration: "off" })))).toEqual([])
  })
  it("an overridden granularity check", () => {
    const override = { ...cmd(4), actionStep: { id: "s-o", text: "Use a bundle of moves", whyItWorks: "w", override: { reason: "Calibrated as one routine." } } }
    expect(adviceOn(demoUpTo(4).events, override, T0 + 5 * HOUR)).toEqual(["STEP_OVERRIDDEN"])
  })
  it("every advisory code is listed", () => {
    expect([...Cycle.advisoryCodes].sort()).toEqual(["FOLLOW_UP_BEYOND_RECOMMENDED", "REHEARSAL_ABOVE_TARGET", "REHEARSAL_BELOW_TARGET", "STEP_NOT_CALIBRATED", "STEP_OVERRIDDEN"])
  })
})

// a directory check: the test people are what the rows above assume
it("the test directory holds the people these tests name", () => {
  expect(People.directory(records).person("c-new" as never)?.roles).toEqual(["coach"])
})
