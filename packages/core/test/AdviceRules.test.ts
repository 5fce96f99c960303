/**
 * Rules of the advisories and of the readiness answers, stated over the cases that tell them
 * apart (survivors of the mutation run of `Cycle.ts`): what each advisory says and on which
 * events (rehearsal reps of meetings and practice sessions, every kind of due date, an
 * overridden step agreed directly, from a proposal or in a facilitative meeting, a step shared
 * uncalibrated); whether a leverage point or a step is calibrated (its own calibration only,
 * the version-1 leverage-point calibration, nothing to calibrate); whether a proposal is
 * agreed; and what `readyForMeeting` answers at every stage, with and without a policy that
 * requires calibration, also for a partial view of a cycle.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, type Events, Policy } from "../src/index.js"
import { coachId, contextAt, cycleId, demo, demoUpTo, given, nextInstant, run, teacherId } from "./support.js"

const cmd = (i: number) => demo[i] as Record<string, unknown>
const reps = (n: number) => Array.from({ length: n }, () => ({ feedback: "Again, slower." }))
const meetingOf = (over: Record<string, unknown> = {}) => ({ ...(cmd(5) as { meeting: Record<string, unknown> }).meeting, ...over })
const meeting = (over: Record<string, unknown> = {}) => ({ ...cmd(5), meeting: meetingOf(over) })
const stepDraft = (id: string, text: string, over: Record<string, unknown> = {}) => ({ id, text, whyItWorks: "Everyone gets time to think.", ...over })
const agreeStep = (id: string, text: string, over: Record<string, unknown> = {}) => ({ _tag: "AgreeActionStep", cycleId, by: coachId, actionStep: stepDraft(id, text, over) })
const facilitative = (actionStep: Record<string, unknown>) => ({
  _tag: "HoldFeedbackMeeting",
  cycleId,
  by: coachId,
  meeting: meetingOf({ style: "facilitative" }),
  agreeStep: { actionStep, proposedBy: teacherId }
})
const practice = (over: Record<string, unknown> = {}) => ({
  _tag: "HoldPracticeSession",
  cycleId,
  by: coachId,
  session: { minutes: 10, reps: reps(7), followUpDue: "2026-11-16", ...over }
})
const followUp = (outcome: string, extra: Record<string, unknown> = {}) => ({
  _tag: "RecordFollowUp",
  cycleId,
  by: coachId,
  followUp: { minutes: 10, evidence: "Watched the first ten minutes of period 2.", outcome, ...extra }
})
const extend = (followUpDue: string) => ({ _tag: "ExtendTimeline", cycleId, by: coachId, followUpDue, reason: "The teacher was away for a week." })
const calibrate = (target: "leverage-point" | "action-step", wording: string) => ({
  _tag: "Calibrate",
  cycleId,
  by: coachId,
  calibration: { target, reviewedBy: ["c-new"], wording }
})
const proposeStep = (proposalId: string, actionStep: Record<string, unknown>) => ({ _tag: "ProposeActionStep", cycleId, by: teacherId, proposalId, actionStep })
const agree = (proposalId: string) => ({ _tag: "AgreeProposal", cycleId, by: coachId, proposalId })
const close = { _tag: "CloseCycle", cycleId, by: coachId, reason: "Teacher moved school." }

const demoStepText = "Pose the question, pause for five seconds, then name a student to answer."
const demoPointText = "Students get no thinking time between a question and the first answer."
const requiredPolicy = Result.getOrThrow(Policy.make({ calibration: "required" }))
const offPolicy = Result.getOrThrow(Policy.make({ calibration: "off" }))

/** The demo cycle after a follow-up that saw the step only partly: Replanning. */
const replanning = () => run([...demo.slice(0, 6), followUp("partly")])

/** The advisories on what `command` decides after `events` (decided at the next instant). */
const adviceOn = (events: ReadonlyArray<Events.JourneyEvent>, command: unknown, policy: Policy.Policy = Policy.defaultPolicy) => {
  const journey = Cycle.replay(events)
  const decision = Cycle.decide(journey, command, contextAt(nextInstant(events), policy))
  if (Result.isFailure(decision)) throw new Error(`command rejected: ${decision.failure.code} ${decision.failure.message}`)
  return Cycle.advise(journey, decision.success, policy)
}

const belowTarget = (message: string) => ({ code: "REHEARSAL_BELOW_TARGET", message })
const aboveTarget = (message: string) => ({ code: "REHEARSAL_ABOVE_TARGET", message })
const beyond = (message: string) => ({ code: "FOLLOW_UP_BEYOND_RECOMMENDED", message })
const overridden = (message: string) => ({ code: "STEP_OVERRIDDEN", message })
const notCalibrated = { code: "STEP_NOT_CALIBRATED", message: "The step was shared before coaches calibrated it together." }

describe("advise: rehearsal reps off the policy's target, in a meeting or a practice session", () => {
  it.each([
    [1, [belowTarget("1 rehearsal rep: the target is 7–10, with feedback after each.")]],
    [2, [belowTarget("2 rehearsal reps: the target is 7–10, with feedback after each.")]],
    [6, [belowTarget("6 rehearsal reps: the target is 7–10, with feedback after each.")]],
    [7, []],
    [10, []],
    [11, [aboveTarget("11 rehearsal reps: more than the target of 7–10; keep the meeting short.")]]
  ])("a feedback meeting with %i reps says so, one rep in the singular", (n, advice) => {
    expect(adviceOn(demoUpTo(5).events, meeting({ reps: reps(n) }), offPolicy)).toEqual(advice)
  })

  it.each([
    [1, [belowTarget("1 rehearsal rep: the target is 7–10, with feedback after each.")]],
    [3, [belowTarget("3 rehearsal reps: the target is 7–10, with feedback after each.")]],
    [8, []],
    [12, [aboveTarget("12 rehearsal reps: more than the target of 7–10; keep the session short.")]]
  ])("a practice session with %i reps is advised as a meeting is (a session, not a meeting, is kept short)", (n, advice) => {
    expect(adviceOn(replanning().events, practice({ reps: reps(n) }))).toEqual(advice)
  })

  it("the target named is the policy's", () => {
    const policy = Result.getOrThrow(Policy.make({ calibration: "off", rehearsal: { minReps: 1, targetMin: 3, targetMax: 4 } }))
    expect(adviceOn(demoUpTo(5).events, meeting({ reps: reps(2) }), policy)).toEqual([belowTarget("2 rehearsal reps: the target is 3–4, with feedback after each.")])
    expect(adviceOn(demoUpTo(5).events, meeting({ reps: reps(5) }), policy)).toEqual([aboveTarget("5 rehearsal reps: more than the target of 3–4; keep the meeting short.")])
  })
})

describe("advise: every due date a decision sets is held against the recommended maximum", () => {
  // the events are decided on 2026-11-02; the default policy recommends at most 28 days
  const far = beyond("The follow-up is in 38 days: more than the 28 recommended; sooner keeps the step in focus.")
  it.each([
    ["a feedback meeting's due date", () => demoUpTo(5).events, meeting({ followUpDue: "2026-12-10" }), meeting({ followUpDue: "2026-11-30" })],
    ["a practice session's due date", () => replanning().events, practice({ followUpDue: "2026-12-10" }), practice({ followUpDue: "2026-11-30" })],
    ["an extended timeline's due date", () => demoUpTo(6).events, extend("2026-12-10"), extend("2026-11-30")],
    ["a follow-up's next due date (step not seen)", () => demoUpTo(6).events, followUp("not-seen", { nextDue: "2026-12-10" }), followUp("not-seen", { nextDue: "2026-11-30" })]
  ])("%s: beyond the recommended days is advised with the count, within it is not", (_what, events, beyondCommand, withinCommand) => {
    expect(adviceOn(events(), beyondCommand, offPolicy)).toEqual([far])
    expect(adviceOn(events(), withinCommand, offPolicy)).toEqual([])
  })

  it("the recommended maximum named is the policy's", () => {
    const policy = Result.getOrThrow(Policy.make({ calibration: "off", followUp: { minDays: 1, recommendedMaxDays: 10, maxDays: 40 } }))
    expect(adviceOn(demoUpTo(6).events, extend("2026-11-13"), policy)).toEqual([beyond("The follow-up is in 11 days: more than the 10 recommended; sooner keeps the step in focus.")])
    expect(adviceOn(demoUpTo(6).events, extend("2026-11-12"), policy)).toEqual([])
  })

  it("events that set no due date are not advised", () => {
    expect(adviceOn(demoUpTo(6).events, followUp("partly"), offPolicy)).toEqual([])
    expect(adviceOn(demoUpTo(6).events, followUp("secured"), offPolicy)).toEqual([])
    expect(adviceOn(demoUpTo(6).events, close, offPolicy)).toEqual([])
    expect(adviceOn(demoUpTo(4).events, demo[4], offPolicy)).toEqual([])
  })
})

describe("advise: a step agreed over the granularity check, however it was agreed", () => {
  const reason = "Calibrated as one routine."
  const bundled = (id: string) => stepDraft(id, "Use a bundle of moves", { override: { reason } })
  const said = overridden(`The step was agreed over the granularity check: "${reason}".`)
  it("agreed directly: the reason is quoted", () => {
    expect(adviceOn(demoUpTo(4).events, { _tag: "AgreeActionStep", cycleId, by: coachId, actionStep: bundled("s-o") })).toEqual([said])
  })
  it("agreed in a facilitative meeting: the reason is quoted (and the step was not calibrated)", () => {
    expect(adviceOn(demoUpTo(4).events, facilitative(bundled("s-f")))).toEqual([said, notCalibrated])
    expect(adviceOn(demoUpTo(4).events, facilitative(bundled("s-f")), offPolicy)).toEqual([said])
    expect(adviceOn(demoUpTo(4).events, facilitative(stepDraft("s-g", demoStepText)), offPolicy)).toEqual([])
  })
  it("proposed by the teacher: advised when the coach agrees it, not when it is proposed", () => {
    expect(adviceOn(demoUpTo(4).events, proposeStep("p-1", bundled("s-p")))).toEqual([])
    const proposed = run([...demo.slice(0, 4), proposeStep("p-1", bundled("s-p"))]).events
    expect(adviceOn(proposed, agree("p-1"))).toEqual([said])
  })
})

describe("advise: a meeting on a step no coach calibrated, where the programme records calibration", () => {
  it("an uncalibrated step is advised at the meeting; a calibrated one is not; a programme without calibration is not advised", () => {
    expect(adviceOn(demoUpTo(5).events, demo[5])).toEqual([notCalibrated])
    expect(adviceOn(run([...demo.slice(0, 5), calibrate("action-step", demoStepText)]).events, demo[5])).toEqual([])
    expect(adviceOn(demoUpTo(5).events, demo[5], offPolicy)).toEqual([])
  })
  it("a calibration of an earlier wording does not count for the revised step", () => {
    const revised = run([...demo.slice(0, 5), calibrate("action-step", demoStepText), agreeStep("step-2", "Pose, pause three seconds, name a student.")]).events
    expect(adviceOn(revised, demo[5])).toEqual([notCalibrated])
  })
  it("advise reads only the journey it is given: a meeting on a cycle that journey does not hold gets no calibration advice", () => {
    const decided = Result.getOrThrow(Cycle.decide(demoUpTo(5).journey, demo[5], contextAt(nextInstant(demoUpTo(5).events))))
    expect(Cycle.advise(Cycle.initialState, decided, Policy.defaultPolicy)).toEqual([])
    expect(Cycle.advise(demoUpTo(5).journey, decided, Policy.defaultPolicy)).toEqual([notCalibrated])
  })
})

describe("isCalibrated: a calibration counts for its own target, at the wording as it stands", () => {
  it("nothing to calibrate is not calibrated", () => {
    const observing = demoUpTo(3).journey.cycles[0]!
    expect(Cycle.isCalibrated(observing, "leverage-point")).toBe(false)
    expect(Cycle.isCalibrated(observing, "action-step")).toBe(false)
    const diagnosed = demoUpTo(4).journey.cycles[0]!
    expect(Cycle.isCalibrated(diagnosed, "action-step")).toBe(false)
  })
  it("a calibrated leverage point, before any step is agreed", () => {
    const cycle = run([...demo.slice(0, 4), calibrate("leverage-point", demoPointText)]).journey.cycles[0]!
    expect(Cycle.isCalibrated(cycle, "leverage-point")).toBe(true)
    expect(Cycle.isCalibrated(cycle, "action-step")).toBe(false)
  })
  it("a leverage point identified with its own (version-1) calibration is calibrated; the step agreed on it is not", () => {
    const withCalibration = { ...cmd(3), leveragePoint: { ...(cmd(3) as { leveragePoint: object }).leveragePoint, calibration: { reviewedBy: ["c-new"] } } }
    const diagnosed = run([...demo.slice(0, 3), withCalibration]).journey.cycles[0]!
    expect(Cycle.isCalibrated(diagnosed, "leverage-point")).toBe(true)
    const planned = run([...demo.slice(0, 3), withCalibration, demo[4]]).journey.cycles[0]!
    expect(Cycle.isCalibrated(planned, "leverage-point")).toBe(true)
    expect(Cycle.isCalibrated(planned, "action-step")).toBe(false)
    expect(Cycle.readyForMeeting(planned, { policy: requiredPolicy })).toMatchObject({ ready: false, code: "CALIBRATION_REQUIRED" })
  })
  it("a leverage point and a step worded alike: calibrating one does not calibrate the other", () => {
    const same = "Pause five seconds after each question, then name a student."
    const start = [...demo.slice(0, 3), { ...cmd(3), leveragePoint: { ...(cmd(3) as { leveragePoint: object }).leveragePoint, text: same } }, agreeStep("s-same", same)]
    const pointOnly = run([...start, calibrate("leverage-point", same)]).journey.cycles[0]!
    expect(Cycle.isCalibrated(pointOnly, "leverage-point")).toBe(true)
    expect(Cycle.isCalibrated(pointOnly, "action-step")).toBe(false)
    const stepOnly = run([...start, calibrate("action-step", same)]).journey.cycles[0]!
    expect(Cycle.isCalibrated(stepOnly, "action-step")).toBe(true)
    expect(Cycle.isCalibrated(stepOnly, "leverage-point")).toBe(false)
  })
})

describe("isAgreed: a proposal is agreed once the coach agreed that proposal, not another", () => {
  const stepText = "Pose the question, pause five seconds, then name a student."
  it("a step proposed after a step agreed directly is not yet agreed, and may be agreed", () => {
    const events = run([...demo.slice(0, 5), proposeStep("p-1", stepDraft("s-p1", stepText))]).events
    const cycle = Cycle.replay(events).cycles[0]!
    expect(Cycle.isAgreed(cycle, "p-1" as never)).toBe(false)
    const after = given(events).when(agree("p-1")).then(["ActionStepAgreed"], "Planned")
    expect(Cycle.isAgreed(after.cycles[0]!, "p-1" as never)).toBe(true)
  })
  it("an agreed step proposal is agreed (and agreeing it again is PROPOSAL_ALREADY_AGREED); another proposal is not", () => {
    const events = run([...demo.slice(0, 4), proposeStep("p-1", stepDraft("s-p1", stepText)), proposeStep("p-2", stepDraft("s-p2", `${stepText} Twice.`)), agree("p-1")]).events
    const cycle = Cycle.replay(events).cycles[0]!
    expect(Cycle.isAgreed(cycle, "p-1" as never)).toBe(true)
    expect(Cycle.isAgreed(cycle, "p-2" as never)).toBe(false)
    expect(given(events).when(agree("p-1")).thenError("PROPOSAL_ALREADY_AGREED").message).toBe("Proposal p-1 is already agreed.")
    given(events).when(agree("p-2")).then(["ActionStepAgreed"], "Planned")
  })
  it("an agreed leverage-point proposal is agreed", () => {
    const propose = { _tag: "ProposeLeveragePoint", cycleId, by: teacherId, proposalId: "p-lp", leveragePoint: (cmd(3) as { leveragePoint: object }).leveragePoint }
    const proposed = run([...demo.slice(0, 3), propose])
    expect(Cycle.isAgreed(proposed.journey.cycles[0]!, "p-lp" as never)).toBe(false)
    const agreed = run([...demo.slice(0, 3), propose, agree("p-lp")])
    expect(Cycle.isAgreed(agreed.journey.cycles[0]!, "p-lp" as never)).toBe(true)
  })
})

describe("readyForMeeting: what it answers at each stage, and under a policy that requires calibration", () => {
  const notReady = (code: string, message: string) => ({ ready: false, code, message })
  it.each([
    ["Observing", () => demoUpTo(1), notReady("LEVERAGE_POINT_MISSING", "Cycle cycle-1 has no leverage point yet: identify it (citing a visit) before the meeting.")],
    ["Diagnosed", () => demoUpTo(4), notReady("ACTION_STEP_MISSING", "Cycle cycle-1 has no action step yet: agree one before the meeting (or hold a facilitative meeting that agrees it).")],
    ["Practising", () => demoUpTo(6), notReady("MEETING_HELD", "Cycle cycle-1 is practising: the meeting was held; the follow-up in class comes next.")],
    ["Secured", () => demoUpTo(7), notReady("CYCLE_ENDED", "Cycle cycle-1 is secured: no meeting is held on it; start the next cycle.")],
    ["Closed", () => run([...demo.slice(0, 2), close]), notReady("CYCLE_ENDED", "Cycle cycle-1 is closed: no meeting is held on it; start the next cycle.")]
  ])("%s: not ready, with its own reason, whatever the policy", (stage, journey, answer) => {
    const cycle = journey().journey.cycles[0]!
    expect(cycle.stage).toBe(stage)
    expect(Cycle.readyForMeeting(cycle)).toEqual(answer)
    expect(Cycle.readyForMeeting(cycle, { policy: requiredPolicy })).toEqual(answer)
    expect(Cycle.readyForMeeting(cycle, { policy: Policy.defaultPolicy })).toEqual(answer)
  })

  it("Replanning: ready for a practice session even where calibration is required (it gates the feedback meeting only)", () => {
    const { events, journey } = replanning()
    const cycle = journey.cycles[0]!
    expect(Cycle.isCalibrated(cycle, "action-step")).toBe(false)
    expect(Cycle.readyForMeeting(cycle, { policy: requiredPolicy })).toEqual({ ready: true, occasion: "practice-session" })
    given(events).when(practice(), undefined, requiredPolicy).then(["PracticeSessionHeld"], "Practising")
  })

  it("Planned under required calibration: not ready until coaches calibrate the step, as decide answers", () => {
    const planned = demoUpTo(5)
    const answer = notReady("CALIBRATION_REQUIRED", "The programme requires calibrated action steps: coaches review cycle cycle-1's step together (Calibrate) before the meeting.")
    expect(Cycle.readyForMeeting(planned.journey.cycles[0]!, { policy: requiredPolicy })).toEqual(answer)
    given(planned.events).when(demo[5], undefined, requiredPolicy).thenError("CALIBRATION_REQUIRED")
    for (const policy of [undefined, Policy.defaultPolicy, offPolicy]) {
      expect(Cycle.readyForMeeting(planned.journey.cycles[0]!, policy === undefined ? {} : { policy })).toEqual({ ready: true, occasion: "feedback-meeting" })
    }
    const calibrated = run([...demo.slice(0, 5), calibrate("action-step", demoStepText)]).journey.cycles[0]!
    expect(Cycle.readyForMeeting(calibrated, { policy: requiredPolicy })).toEqual({ ready: true, occasion: "feedback-meeting" })
  })

  it("a facilitative meeting from Diagnosed under required calibration: never ready, the step agreed in it cannot be calibrated beforehand", () => {
    const answer = notReady(
      "CALIBRATION_REQUIRED",
      "The programme requires calibrated action steps, and a step agreed in the meeting cannot be calibrated beforehand: agree cycle cycle-1's step and have coaches calibrate it before the meeting."
    )
    const diagnosed = run([...demo.slice(0, 4), calibrate("leverage-point", demoPointText)]).journey.cycles[0]!
    expect(Cycle.readyForMeeting(diagnosed, { style: "facilitative", policy: requiredPolicy })).toEqual(answer)
    expect(Cycle.readyForMeeting(diagnosed, { style: "facilitative", policy: Policy.defaultPolicy })).toEqual({ ready: true, occasion: "feedback-meeting", stepToAgree: true })
    // even a view of a Diagnosed cycle that carries a calibrated step (no journey reaches one):
    // the meeting agrees a new step, which no coach has calibrated
    const calibratedStep = run([...demo.slice(0, 5), calibrate("action-step", demoStepText)]).journey.cycles[0]!
    expect(Cycle.readyForMeeting({ ...calibratedStep, stage: "Diagnosed" }, { style: "facilitative", policy: requiredPolicy })).toEqual(answer)
  })

  it("a partial view of a cycle: what it leaves out counts as nothing recorded", () => {
    const planned = demoUpTo(5).journey.cycles[0]!
    const required = notReady("CALIBRATION_REQUIRED", "The programme requires calibrated action steps: coaches review cycle cycle-1's step together (Calibrate) before the meeting.")
    expect(Cycle.readyForMeeting({ id: planned.id, stage: "Planned" }, { policy: requiredPolicy })).toEqual(required)
    expect(Cycle.readyForMeeting({ id: planned.id, stage: "Planned", actionSteps: planned.actionSteps }, { policy: requiredPolicy })).toEqual(required)
    expect(Cycle.readyForMeeting({ id: planned.id, stage: "Planned" })).toEqual({ ready: true, occasion: "feedback-meeting" })
    const calibrated = run([...demo.slice(0, 5), calibrate("action-step", demoStepText)]).journey.cycles[0]!
    const view = { id: calibrated.id, stage: calibrated.stage, actionSteps: calibrated.actionSteps, calibrations: calibrated.calibrations }
    expect(Cycle.readyForMeeting(view, { policy: requiredPolicy })).toEqual({ ready: true, occasion: "feedback-meeting" })
  })
})
