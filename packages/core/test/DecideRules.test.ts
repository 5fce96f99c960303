/**
 * Rules of `Cycle.decide` stated over the cases that tell them apart (issue 19: survivors of the
 * mutation run of `Cycle.ts`'s rules): ids are unique across the whole journey, not one cycle;
 * visits are recorded until the meeting; a proposal's id and its step's id are each new; the
 * coach's role and relationship; a continued leverage point's technique; a calibration's
 * reviewers on a leverage point; and what each refusal says (stage, counts, plurals, findings).
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, People, Policy, type Playbook } from "../src/index.js"
import { coachId, contextAt, cycleId, demo, demoUpTo, given, HOUR, person, records, relationship, run, T0, teacherId } from "./support.js"

const cmd = (i: number) => demo[i] as Record<string, unknown>
const visit = (id: string, cycle: string = cycleId) => ({ ...cmd(1), cycleId: cycle, visit: { ...(cmd(1) as { visit: object }).visit, id } })
const leveragePoint = (over: Record<string, unknown> = {}, cycle: string = cycleId) => ({
  ...cmd(3),
  cycleId: cycle,
  leveragePoint: { ...(cmd(3) as { leveragePoint: object }).leveragePoint, ...over }
})
const step = (id: string, cycle: string = cycleId, over: Record<string, unknown> = {}) => ({
  ...cmd(4),
  cycleId: cycle,
  actionStep: { ...(cmd(4) as { actionStep: object }).actionStep, id, ...over }
})
const proposeStep = (proposalId: string, id: string, cycle: string = cycleId) => ({
  _tag: "ProposeActionStep",
  cycleId: cycle,
  by: teacherId,
  proposalId,
  actionStep: { id, text: "Pose the question, pause five seconds, then name a student.", whyItWorks: "Everyone gets time to think." }
})
const proposePoint = (proposalId: string, cycle: string = cycleId) => ({
  _tag: "ProposeLeveragePoint",
  cycleId: cycle,
  by: teacherId,
  proposalId,
  leveragePoint: { text: "I take the first hand up.", evidence: [`${cycle}-visit-1`] }
})
const meeting = (over: Record<string, unknown> = {}) => ({ ...cmd(5), meeting: { ...(cmd(5) as { meeting: object }).meeting, ...over } })
const secured = { _tag: "RecordFollowUp", cycleId, by: coachId, followUp: { minutes: 10, evidence: "Saw it.", outcome: "secured" } }
const start2 = (over: Record<string, unknown> = {}) => ({ _tag: "StartCycle", cycleId: "cycle-2", by: coachId, teacherId, coachId, follows: cycleId, ...over })
/** Cycle-2 started on its own (following no cycle). */
const start2Alone = () => {
  const { follows: _follows, ...alone } = start2()
  return alone
}

/** A first cycle secured, then cycle-2 started after it, with a visit of its own. */
const secondCycle = () => run([...demo, start2(), visit("cycle-2-visit-1", "cycle-2")]).events

const messageOf = (decision: Cycle.Decision): string => {
  if (Result.isSuccess(decision)) throw new Error(`expected a refusal, got ${decision.success.map((e) => e._tag).join(", ")}`)
  return decision.failure.message
}

describe("ids are new across the whole journey, not only within a cycle", () => {
  it("a visit, an action step or a proposal id used in an earlier cycle is DUPLICATE_ID in the next one", () => {
    const events = secondCycle()
    given(events).when(visit("cycle-1-visit-1", "cycle-2")).thenError("DUPLICATE_ID")
    given(events).when(visit("cycle-2-visit-2", "cycle-2")).then(["VisitRecorded"], "Observing")
    const withPoint = run([...demo, start2(), visit("cycle-2-visit-1", "cycle-2"), leveragePoint({ evidence: ["cycle-2-visit-1"] }, "cycle-2")]).events
    given(withPoint).when(step("cycle-1-step-1", "cycle-2")).thenError("DUPLICATE_ID")
    given(withPoint).when(step("cycle-2-step-1", "cycle-2")).then(["ActionStepAgreed"], "Planned")
    const proposedBefore = run([...demo.slice(0, 4), proposeStep("p-1", "s-p1"), ...demo.slice(4), start2(), visit("cycle-2-visit-1", "cycle-2")]).events
    given(proposedBefore).when(proposePoint("p-1", "cycle-2")).thenError("DUPLICATE_ID")
    given(proposedBefore).when(proposePoint("p-2", "cycle-2")).then(["LeveragePointProposed"], "Observing")
  })

  it("a proposal id is new: a second leverage-point proposal with the same id is refused", () => {
    const events = run([...demo.slice(0, 3), proposePoint("p-1")]).events
    given(events).when(proposePoint("p-1")).thenError("DUPLICATE_ID")
    given(events).when(proposePoint("p-2")).then(["LeveragePointProposed"], "Observing")
  })

  it("an action step already proposed is proposed again only under a new step id", () => {
    const events = run([...demo.slice(0, 4), proposeStep("p-1", "s-1")]).events
    const refused = given(events).when(proposeStep("p-2", "s-1")).thenError("DUPLICATE_ID")
    expect(refused.message).toBe("Action step s-1 is already proposed; a new proposal gets a new id.")
    given(events).when(proposeStep("p-2", "s-2")).then(["ActionStepProposed"], "Diagnosed")
    given(events).when(proposeStep("p-1", "s-3")).thenError("DUPLICATE_ID")
  })
})

describe("visits are recorded until the meeting", () => {
  it("in Observing, Diagnosed and Planned a visit is recorded; after the meeting it is a STAGE_MISMATCH naming the stage in lower case", () => {
    given(demoUpTo(3).events).when(visit("v-3")).then(["VisitRecorded"], "Observing")
    given(demoUpTo(4).events).when(visit("v-3")).then(["VisitRecorded"], "Diagnosed")
    given(demoUpTo(5).events).when(visit("v-3")).then(["VisitRecorded"], "Planned")
    const refused = given(demoUpTo(6).events).when(visit("v-3")).thenError("STAGE_MISMATCH")
    expect(refused.message).toBe("Recording a lesson visit (follow-ups record what the coach sees after the meeting) is not possible while the cycle is practising.")
  })

  it("an ended cycle is named with its stage in lower case", () => {
    const refused = given(demoUpTo(7).events).when(visit("v-3")).thenError("CYCLE_ENDED")
    expect(refused.message).toMatch(/^Cycle cycle-1 is secured/)
  })
})

describe("the feedback meeting", () => {
  it("is never held in Observing, even a facilitative one that agrees its step", () => {
    const facilitative = meeting({ style: "facilitative" })
    const agreeing = { ...facilitative, agreeStep: { actionStep: { id: "s-f", text: "Pose the question, pause five seconds, then name a student.", whyItWorks: "Time to think." }, proposedBy: teacherId } }
    given(demoUpTo(3).events).when(agreeing).thenError("ACTION_STEP_MISSING")
    given(demoUpTo(4).events).when(agreeing).then(["FeedbackMeetingHeld"], "Practising")
  })

  it("refusals name what was tried and the stage", () => {
    const again = given(demoUpTo(6).events).when(meeting()).thenError("STAGE_MISMATCH")
    expect(again.message).toBe("Another feedback meeting (use a practice session after a follow-up) is not possible while the cycle is practising.")
    const agreedBefore = { ...meeting({ style: "facilitative" }), agreeStep: { actionStep: { id: "s-f", text: "Pose the question, pause five seconds, then name a student.", whyItWorks: "Time to think." }, proposedBy: teacherId } }
    expect(given(demoUpTo(5).events).when(agreedBefore).thenError("STAGE_MISMATCH").message).toBe(
      "Agreeing the step in the meeting when it was agreed before (revise it with AgreeActionStep first) is not possible while the cycle is planned."
    )
    const reps = Array.from({ length: 7 }, () => ({ feedback: "Good pause." }))
    const practice = { _tag: "HoldPracticeSession", cycleId, by: coachId, session: { minutes: 10, reps, followUpDue: "2026-11-16" } }
    const notReplanning = given(demoUpTo(6).events).when(practice).decision
    if (Result.isSuccess(notReplanning)) throw new Error("a practice session in Practising was accepted")
    expect(notReplanning.failure.message).toBe("A practice session (it follows a follow-up that did not see the step secured) is not possible while the cycle is practising.")
    const extend = given(demoUpTo(5).events).when({ _tag: "ExtendTimeline", cycleId, by: coachId, followUpDue: "2026-11-20", reason: "Exams." }).decision
    if (Result.isSuccess(extend)) throw new Error("extending the timeline in Planned was accepted")
    expect(extend.failure.message).toBe("Extending the timeline is not possible while the cycle is planned.")
  })

  it("a rehearsal below the policy says how many reps there were and are needed, in the right number", () => {
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ feedback: `rep ${i + 1}` }))
    const policy = (minReps: number) => Result.getOrThrow(Policy.make({ rehearsal: { minReps, targetMin: Math.max(minReps, 7), targetMax: 10 } }))
    const said = (n: number, minReps: number) => given(demoUpTo(5).events).when(meeting({ reps: reps(n) }), undefined, policy(minReps)).thenError("REHEARSAL_TOO_FEW_REPS").message
    expect(said(1, 2)).toMatch(/^The teacher rehearsed 1 time; at least 2 reps with feedback are needed before the classroom \(7–10/)
    expect(said(0, 1)).toMatch(/^The teacher rehearsed 0 times; at least 1 rep with feedback is needed before the classroom \(7–10/)
    expect(said(2, 3)).toMatch(/^The teacher rehearsed 2 times; at least 3 reps with feedback are needed/)
  })

  it("a rep without feedback is named by its number from 1", () => {
    const reps = [{ feedback: "Good." }, { feedback: "Again." }, { feedback: " " }, { feedback: "Yes." }, { feedback: "Yes." }, { feedback: "Yes." }, { feedback: "Yes." }]
    const refused = given(demoUpTo(5).events).when(meeting({ reps })).thenError("REP_WITHOUT_FEEDBACK")
    expect(refused.message).toBe("Rep 3 has no feedback; every rep gets the coach's feedback.")
  })

  it("a due date before the policy's minimum says the minimum in days, singular or plural", () => {
    const policy = (minDays: number) => Result.getOrThrow(Policy.make({ followUp: { minDays, recommendedMaxDays: 14, maxDays: 28 } }))
    const meetingDay = "2026-11-02"
    const said = (minDays: number) =>
      given(demoUpTo(5).events).when(meeting({ followUpDue: meetingDay }), undefined, policy(minDays)).thenError("FOLLOW_UP_DUE_TOO_SOON").message
    expect(said(1)).toBe(`The follow-up is due ${meetingDay}, less than 1 day after ${meetingDay}.`)
    expect(said(2)).toBe(`The follow-up is due ${meetingDay}, less than 2 days after ${meetingDay}.`)
  })
})

describe("who records", () => {
  it("a person without the coach role cannot record a coach's command, even when a relationship names them as coach", () => {
    const people = People.directory({
      people: [...records.people, person("t-lone", "teacher")],
      relationships: [...records.relationships, relationship("rel-lone", "t-lone", teacherId)]
    })
    const decide = (by: string) => Cycle.decide(demoUpTo(1).journey, { ...visit("v-x"), by }, contextAt(T0 + 2 * HOUR, Policy.defaultPolicy, people))
    expect(messageOf(decide("t-lone"))).toBe("t-lone is not a coach (their roles: teacher).")
    expect(Result.isSuccess(decide(coachId))).toBe(true)
  })

  it("the teacher records their own reflections only while they hold the teacher role; a refusal lists every role they hold", () => {
    const reflect = { _tag: "AddReflection", cycleId, by: teacherId, reflection: { id: "r-1", text: "More hands went up." } }
    const now = (roles: ReadonlyArray<People.Role>) =>
      People.directory({ people: records.people.map((p) => (p.id === teacherId ? { ...p, roles: roles as [People.Role] } : p)), relationships: records.relationships })
    const decide = (roles: ReadonlyArray<People.Role>) => Cycle.decide(demoUpTo(2).journey, reflect, contextAt(T0 + 3 * HOUR, Policy.defaultPolicy, now(roles)))
    expect(messageOf(decide(["lead", "admin"]))).toBe(`${teacherId} is not a teacher (their roles: lead, admin).`)
    expect(Result.isSuccess(decide(["teacher"]))).toBe(true)
  })

  it("a coach records while one of their relationships with the teacher is active, whatever their ended ones say", () => {
    const people = People.directory({
      people: records.people,
      relationships: [relationship("rel-old", coachId, teacherId, { status: "ended", until: "2026-01-01" as never }), ...records.relationships]
    })
    expect(Result.isSuccess(Cycle.decide(demoUpTo(1).journey, visit("v-x"), contextAt(T0 + 2 * HOUR, Policy.defaultPolicy, people)))).toBe(true)
  })

  it("a relationship not active that day is described with each relationship's status, start and end", () => {
    const refused = given([]).when({ ...cmd(0), by: "c-former", coachId: "c-former" }).thenError("RELATIONSHIP_NOT_ACTIVE")
    expect(refused.message).toBe("Coach c-former's relationship with teacher t-ada is not active on 2026-11-02 (rel-former: ended since 2025-09-01 until 2026-10-01).")
    const open = given([]).when({ ...cmd(0), by: "c-new", coachId: "c-new" }, Date.parse("2025-08-01T09:00:00.000Z")).thenError("RELATIONSHIP_NOT_ACTIVE")
    expect(open.message).toBe("Coach c-new's relationship with teacher t-ada is not active on 2025-08-01 (rel-new: active since 2025-09-01).")
    const twice = People.directory({
      people: records.people,
      relationships: [...records.relationships, relationship("rel-former-2", "c-former", teacherId, { status: "ended", since: "2024-09-01" as never, until: "2025-07-01" as never })]
    })
    const both = Cycle.decide(Cycle.initialState, { ...cmd(0), by: "c-former", coachId: "c-former" }, contextAt(T0, Policy.defaultPolicy, twice))
    expect(messageOf(both)).toBe(
      "Coach c-former's relationship with teacher t-ada is not active on 2026-11-02 (rel-former: ended since 2025-09-01 until 2026-10-01; rel-former-2: ended since 2024-09-01 until 2025-07-01)."
    )
  })
})

describe("the leverage point", () => {
  it("a version-1 calibration on it may not name its author, and does not excuse evidence that is not a visit", () => {
    const lp = (reviewedBy: ReadonlyArray<string>, evidence?: ReadonlyArray<string>) =>
      leveragePoint({ calibration: { reviewedBy }, ...(evidence !== undefined ? { evidence } : {}) })
    given(demoUpTo(3).events).when(lp([coachId])).thenError("CALIBRATION_INVALID_REVIEWER")
    given(demoUpTo(3).events).when(lp(["c-new"], ["cycle-1-visit-9"])).thenError("EVIDENCE_NOT_IN_CYCLE")
    given(demoUpTo(3).events).when(lp(["c-new"])).then(["LeveragePointIdentified"], "Diagnosed")
  })

  it("evidence that is not a visit of this cycle is named, one or several", () => {
    const said = (evidence: ReadonlyArray<string>) => given(demoUpTo(3).events).when(leveragePoint({ evidence })).thenError("EVIDENCE_NOT_IN_CYCLE").message
    expect(said(["x-1"])).toBe("The leverage point cites x-1, which is not a visit of this cycle.")
    expect(said(["x-1", "x-2"])).toBe("The leverage point cites x-1, x-2, which are not visits of this cycle.")
  })

  it("one per cycle: a second one, proposed or agreed, is a STAGE_MISMATCH that says what was tried", () => {
    const diagnosed = demoUpTo(4).events
    expect(given(diagnosed).when(leveragePoint()).thenError("STAGE_MISMATCH").message).toMatch(/^Identifying another leverage point \(one per cycle\) is not possible while the cycle is diagnosed\.$/)
    expect(given(diagnosed).when(proposePoint("p-9")).thenError("STAGE_MISMATCH").message).toMatch(/^Proposing a leverage point \(one per cycle\) is not possible while the cycle is diagnosed\.$/)
    const proposed = run([...demo.slice(0, 3), proposePoint("p-1"), demo[3]]).events
    expect(given(proposed).when({ _tag: "AgreeProposal", cycleId, by: coachId, proposalId: "p-1" }).thenError("STAGE_MISMATCH").message).toMatch(
      /^Agreeing another leverage point \(one per cycle\) is not possible while the cycle is diagnosed\.$/
    )
  })

  it("continuing a cycle's leverage point says which cycle this one follows, or none", () => {
    const events = run([...demo, start2Alone(), visit("cycle-2-visit-1", "cycle-2")]).events
    const refused = given(events).when(leveragePoint({ evidence: ["cycle-2-visit-1"], continues: cycleId }, "cycle-2")).thenError("INVALID_CONTINUATION")
    expect(refused.message).toBe(`A leverage point continues only the secured cycle this cycle follows (none), not ${cycleId}.`)
  })

  it("a carried-over leverage point's technique must still be in the programme's playbooks", () => {
    const ours: Playbook.Playbook = {
      id: "ours" as never,
      name: "Ours",
      strands: [{ area: "questioning", title: "Q", techniques: [{ id: "turn-and-talk" as never, title: "Turn and talk", description: "Pairs talk for thirty seconds." }] }]
    }
    const journey = run(demo).journey
    const decide = (playbooks?: ReadonlyArray<Playbook.Playbook>) =>
      Cycle.decide(journey, start2({ continueLeveragePoint: true }), { ...contextAt(T0 + 10 * HOUR), ...(playbooks !== undefined ? { playbooks } : {}) })
    const refused = decide([ours])
    expect(Result.isFailure(refused) && refused.failure.code).toBe("UNKNOWN_TECHNIQUE")
    const carried = decide()
    expect(Result.isSuccess(carried) && carried.success.map((e) => e._tag)).toEqual(["CycleStarted", "LeveragePointIdentified"])
  })
})

describe("the action step", () => {
  it("not granular: the refusal quotes each finding, or ends plainly when there is none", () => {
    const checker = (findings: ReadonlyArray<{ code: string; message: string }>) => () => ({ granular: false, score: 0.1, findings: findings.map((f) => ({ ...f, span: [0, 1] as const })), suggestions: [] })
    const said = (findings: ReadonlyArray<{ code: string; message: string }>) =>
      messageOf(Cycle.decide(demoUpTo(4).journey, demo[4], { ...contextAt(T0 + 5 * HOUR), checkActionStep: checker(findings) as never }))
    expect(said([{ code: "COMPOUND", message: "Two moves." }, { code: "VAGUE", message: "Say when." }])).toBe(
      "The action step is not one granular teacher action: Two moves. Say when. Split it, or override with a written reason."
    )
    expect(said([])).toBe("The action step is not one granular teacher action. Split it, or override with a written reason.")
  })

  it("a calibration whose wording is not the text says both, and which part", () => {
    const calibrate = { _tag: "Calibrate", cycleId, by: coachId, calibration: { target: "action-step", reviewedBy: ["c-new"], wording: "Pause." } }
    const refused = given(demoUpTo(5).events).when(calibrate).thenError("CALIBRATION_WORDING_MISMATCH")
    expect(refused.message).toBe(
      "The calibration agreed \"Pause.\", but the action step reads \"Pose the question, pause for five seconds, then name a student to answer.\": record the agreed wording first (a revised step), then the calibration."
    )
  })

  it("a teacher who also coaches does not calibrate their own journey's leverage point or step", () => {
    const dual = "t-dual"
    const commands = [
      { ...cmd(0), teacherId: dual },
      ...demo.slice(1, 5)
    ]
    const events = run(commands).events
    const calibrate = (reviewedBy: ReadonlyArray<string>) => ({ _tag: "Calibrate", cycleId, by: coachId, calibration: { target: "action-step", reviewedBy, wording: "Pose the question, pause for five seconds, then name a student to answer." } })
    const before = Cycle.replay(events)
    const decide = (reviewedBy: ReadonlyArray<string>) => Cycle.decide(before, calibrate(reviewedBy), contextAt(T0 + 6 * HOUR))
    const refused = decide([dual])
    expect(Result.isFailure(refused) && refused.failure.code).toBe("CALIBRATION_INVALID_REVIEWER")
    expect(Result.isSuccess(decide(["c-new"]))).toBe(true)
  })
})
