/**
 * The rest of the method in the script: a facilitative meeting that agrees the step prompts for
 * it (the teacher names it, the coach checks it with them); a cycle that continues a secured
 * cycle's leverage point opens from the secured step, citing its follow-up; and the rules'
 * advisories (rehearsal off the 7–10 target, a follow-up more than four weeks away, a step not
 * calibrated or agreed over the check) are in the script and its renderings.
 */
import { Demo, type Ids, People, Policy, Time } from "@coaching/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { actionStepOf, lintFeedback, renderScript } from "../src/index.js"
import { demoCommands, demoCycle, MEETING, meetingOf, practiceOf, refusalOf, runCommands } from "./support.js"

const policyWith = (calibration: "off" | "recorded" | "required") => Result.getOrThrow(Policy.make({ calibration }))
const diagnosed = () => demoCycle(4)

/** The demo cycle secured, then cycle-2 continuing its leverage point with the next step. */
const continuing = (step: Readonly<Record<string, unknown>> = {}) => {
  const journey = runCommands([
    ...demoCommands.slice(0, 5),
    { ...demoCommands[5]!, meeting: { ...(demoCommands[5] as { meeting: object }).meeting, followUpDue: "2026-11-30" } },
    demoCommands[6]!,
    { _tag: "StartCycle", cycleId: "cycle-2", by: "c-grace", teacherId: "t-ada", coachId: "c-grace", follows: "cycle-1", continueLeveragePoint: true },
    {
      _tag: "AgreeActionStep",
      cycleId: "cycle-2",
      by: "c-grace",
      actionStep: { id: "c2-s1", text: "Pose the question, pause for five seconds, then name a student who has not answered yet this lesson.", whyItWorks: "Every student expects to be asked.", techniqueId: "cold-call", ...step }
    }
  ])
  return { secured: journey.cycles[0]!, next: journey.cycles[1]! }
}

describe("a facilitative meeting that agrees the step: the script prompts for it", () => {
  it("is written for a Diagnosed cycle in the facilitative style, with no step recited", () => {
    const script = meetingOf({ cycle: diagnosed(), style: "facilitative", teacherName: "Ada" }, { meetingDate: MEETING })
    expect(script.stepToAgree).toBe(true)
    expect(actionStepOf(script)).toBeUndefined()
    expect(script.actionStep.actionStep).toBeUndefined()
    const text = renderScript(script)
    // the teacher names the step: the line is a prompt, not a pre-recorded step
    expect(script.actionStep.step).toEqual({ kind: "teacher", text: "My action step is to …" })
    expect(text).not.toContain("My action step is to pose")
    expect(text).toContain("Coach: What exactly will you say or do, and at what moment?")
    // the coach checks granularity with the teacher before agreeing it
    expect(script.actionStep.prompt?.checks[0]).toBe("Could you rehearse that with me now, and use it in your very next lesson?")
    expect(text).toContain("not an aim (‘improve …’), not a hope (‘try to …’), not two moves at once")
    // the leverage point's technique gives a granular example of the size to listen for
    expect(script.actionStep.prompt?.listenFor).toEqual(["Ask the question to the whole class, count five seconds in silence, then name one student to answer."])
    expect(text).toContain("Listen for: Every student has time to think of an answer before anyone is asked.")
    expect(script.practise.stepParts).toEqual(["the step as agreed"])
    expect(script.warnings).toEqual([])
    // the generator's own words trip none of the feedback lint's checks
    expect(lintFeedback(text)).toEqual([])
  })

  it("lists no example when the technique's sub-steps do not pass the checker given", () => {
    const script = meetingOf({ cycle: diagnosed(), style: "facilitative" }, { meetingDate: MEETING, checkActionStep: () => ({ granular: false, score: 0, findings: [], suggestions: [] }) })
    expect(script.actionStep.prompt?.listenFor).toEqual([])
  })

  it("is refused in the other styles: they agree the step before the meeting (as core's readyForMeeting says)", () => {
    for (const style of ["directive", "balanced"] as const) {
      expect(refusalOf({ cycle: diagnosed(), style }, { meetingDate: MEETING })).toMatchObject({ _tag: "CycleNotReady", code: "CYCLE_NOT_READY", missing: "actionStep" })
    }
  })

  it("is refused where the policy requires calibration: a step agreed in the meeting cannot be calibrated first", () => {
    expect(refusalOf({ cycle: diagnosed(), style: "facilitative" }, { meetingDate: MEETING, policy: policyWith("required") })).toMatchObject({
      code: "CALIBRATION_REQUIRED",
      missing: "calibration"
    })
    expect(refusalOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, policy: policyWith("required") })).toMatchObject({ code: "CALIBRATION_REQUIRED" })
    const calibrated = runCommands([
      ...demoCommands.slice(0, 5),
      { _tag: "Calibrate", cycleId: "cycle-1", by: "c-grace", calibration: { target: "action-step", reviewedBy: ["c-other"], wording: "Pose the question, pause for five seconds, then name a student to answer." } }
    ], { people: withSecondCoach() }).cycles[0]!
    const script = meetingOf({ cycle: calibrated, style: "directive" }, { meetingDate: MEETING, policy: policyWith("required") })
    expect(script.advisories).toEqual([])
  })
})

/** The demo people and a second coach who can calibrate. */
const withSecondCoach = () => {
  const records = Demo.records()
  return People.directory({ people: [...records.people, { id: "c-other" as Ids.PersonId, name: "Other", roles: ["coach"] }], relationships: records.relationships })
}

describe("the next granular step: a continuing cycle's script opens from the secured step", () => {
  it("cites the secured step and the follow-up that saw it, keeps the leverage point and names the next step", () => {
    const { next, secured } = continuing()
    const script = meetingOf({ cycle: next, previous: secured, style: "directive", teacherName: "Ada" }, { meetingDate: Time.CalendarDate.make("2026-11-24") })
    const followUp = secured.followUps[0]!
    expect(script.continues).toEqual({
      cycleId: "cycle-1",
      securedStep: "Pose the question, pause for five seconds, then name a student to answer.",
      followUpOn: Time.dateOf(followUp.at),
      evidence: "Three questions posed to the room, five-second pauses, then a named student each time."
    })
    const text = renderScript(script)
    const opening = text.indexOf("1. Precise praise\n   Coach: You have secured ‘pose the question, pause for five seconds, then name a student to answer’. At the follow-up on Monday 23 November, I saw this: ‘Three questions posed to the room, five-second pauses, then a named student each time.’")
    expect(opening).toBeGreaterThan(0)
    expect(text).toContain("Coach: Your leverage point is still: students get no thinking time between a question and the first answer.")
    expect(text).toContain("Coach: The next step is to pose the question, pause for five seconds, then name a student who has not answered yet this lesson.")
    expect(text).not.toContain("I notice that")
    // the follow-up is the evidence: no warning for the visits it does not have
    expect(script.warnings).toEqual([])
  })

  it("in the facilitative style the teacher names the next step", () => {
    const { next, secured } = continuing()
    const script = meetingOf({ cycle: next, previous: secured, style: "facilitative" }, { meetingDate: Time.CalendarDate.make("2026-11-24") })
    expect(script.actionStep.notice).toEqual({ kind: "ask", text: "What would the next small step on the same habit be?" })
    expect(script.actionStep.step.kind).toBe("teacher")
    expect(script.actionStep.step.text).toMatch(/^The next step is to pose the question/)
  })

  it("without the secured cycle it still opens from it, and warns; a cycle that is not the continued one is refused", () => {
    const { next, secured } = continuing()
    const alone = meetingOf({ cycle: next, style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-11-24") })
    expect(alone.warnings.map((w) => w.code)).toEqual(["PREVIOUS_CYCLE_MISSING"])
    expect(alone.praise.lines[0]).toEqual({ kind: "say", text: "You have secured the last step on this leverage point." })
    expect(refusalOf({ cycle: next, previous: next, style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-11-24") })).toMatchObject({
      code: "NOT_THE_CONTINUED_CYCLE",
      path: "input.previous"
    })
    expect(refusalOf({ cycle: demoCycle(), previous: secured, style: "directive" }, { meetingDate: MEETING })).toMatchObject({ code: "NOT_THE_CONTINUED_CYCLE" })
  })
})

describe("the rules' advisories in the script", () => {
  it("a follow-up more than four weeks away: one notice (the warning), the advisory kept in the data", () => {
    const script = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, followUpDays: 35, policy: policyWith("off") })
    expect(script.advisories.map((a) => a.code)).toEqual(["FOLLOW_UP_BEYOND_RECOMMENDED"])
    expect(script.advisories[0]!.message).toBe("The follow-up is in 35 days: more than the 28 recommended; sooner keeps the step in focus.")
    const text = renderScript(script)
    expect(text.match(/FOLLOW_UP_BEYOND_RECOMMENDED/g)).toHaveLength(1)
  })

  it("a step not calibrated where the programme records calibration (the default), and none when it is off", () => {
    const recorded = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING })
    expect(recorded.advisories).toEqual([
      { code: "STEP_NOT_CALIBRATED", message: "Coaches have not calibrated this step together yet: before the meeting, review its wording with another coach (the programme records calibration)." }
    ])
    expect(renderScript(recorded)).toContain("Before the meeting\n   ! Coaches have not calibrated this step together yet")
    expect(renderScript(recorded, "html")).toContain(`<li data-code="STEP_NOT_CALIBRATED" data-kind="advisory">`)
    expect(renderScript(recorded, "markdown")).toContain("(`STEP_NOT_CALIBRATED`)")
    expect(meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, policy: policyWith("off") }).advisories).toEqual([])
  })

  it("rehearsal below the 7–10 target at the last meeting, in the practice session's script", () => {
    const meeting = demoCommands[5] as { meeting: { reps: ReadonlyArray<unknown> } }
    const cycle = runCommands([
      ...demoCommands.slice(0, 5),
      { ...meeting, meeting: { ...meeting.meeting, reps: meeting.meeting.reps.slice(0, 2) } },
      { _tag: "RecordFollowUp", cycleId: "cycle-1", by: "c-grace", followUp: { minutes: 10, evidence: "Paused once, then took a hand up.", outcome: "partly" } }
    ], { policy: policyWith("off") }).cycles[0]!
    const script = practiceOf({ cycle, style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-11-24"), policy: policyWith("off"), reps: 8 })
    expect(script.advisories).toEqual([
      {
        code: "REHEARSAL_BELOW_TARGET",
        message: "At the meeting on Monday 23 November: 2 rehearsal reps: the target is 7–10, with feedback after each.",
        recordedOn: "2026-11-23"
      }
    ])
    expect(renderScript(script)).toContain("   ! At the meeting on Monday 23 November: 2 rehearsal reps: the target is 7–10, with feedback after each. (REHEARSAL_BELOW_TARGET)")
  })

  it("a step agreed over the granularity check", () => {
    const cycle = runCommands([
      ...demoCommands.slice(0, 4),
      {
        _tag: "AgreeActionStep",
        cycleId: "cycle-1",
        by: "c-grace",
        actionStep: { id: "s-o", text: "Use wait time and cold call.", whyItWorks: "Everyone thinks.", override: { reason: "Both are already habits; only the order is new." } }
      }
    ], { checker: (text) => ({ granular: false, score: 0.2, findings: [{ code: "COMPOUND", message: "Two techniques.", span: [0, text.length] }], suggestions: [] }) }).cycles[0]!
    const script = meetingOf({ cycle, style: "directive" }, { meetingDate: MEETING, policy: policyWith("off") })
    expect(script.advisories.map((a) => a.code)).toEqual(["STEP_OVERRIDDEN"])
    expect(script.advisories[0]!.message).toBe("The step was agreed over the granularity check: \"Both are already habits; only the order is new.\".")
  })
})
