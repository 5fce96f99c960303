/**
 * Rules stated over their whole range rather than by one example each (issue 19: a mutation run
 * found these guarded by a single test, or by none): an export is validated with its own policy,
 * through JSON and NDJSON; the successor rule; the override rule; the not-seen due date; the
 * policy's bounds; the recorded granularity report in export validation.
 */
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Cycle, type Events, Export, People, Policy, Time } from "../src/index.js"
import { coachId, contextAt, cycleId, DAY, demo, demoUpTo, fakeChecker, given, HOUR, records, run, RUNS, T0, teacherId } from "./support.js"

const policyOf = (input: Policy.PolicyInput) => Result.getOrThrow(Policy.make(input))
const codesAt = (report: Export.Report) => report.violations.map((v) => `${v.code} ${v.path}`)

/** Runs commands one hour apart from `T0` under `policy`; fails on the first rejection. */
const runUnder = (policy: Policy.Policy, commands: ReadonlyArray<unknown>) => {
  let journey = Cycle.initialState
  const events: Array<Events.JourneyEvent> = []
  commands.forEach((command, i) => {
    const decision = Cycle.decide(journey, command, contextAt(T0 + i * HOUR, policy))
    if (Result.isFailure(decision)) throw new Error(`command ${i} rejected: ${decision.failure.code}`)
    events.push(...decision.success)
    journey = Cycle.replay(decision.success, journey)
  })
  return events
}

const docOf = (events: ReadonlyArray<Events.JourneyEvent>, policy?: Policy.Policy) =>
  Export.make({ people: records.people, relationships: records.relationships, journeys: [{ teacherId, events }], ...(policy !== undefined ? { policy } : {}) })
const ndjsonOf = (doc: Export.ExportDocument) => [...Export.encodeNdjson(doc)].join("\n")
const journeyLine = (doc: Export.ExportDocument) => [...Export.encodeNdjson(doc)].findIndex((l) => l.startsWith("{\"_tag\":\"journey\"")) + 1

// ---------------------------------------------------------------------------------------------
// The export's own policy
// ---------------------------------------------------------------------------------------------

describe("an export is validated with its own policy, through JSON and NDJSON", () => {
  // the demo meeting (event 5, on 2026-11-02) sets a follow-up due 100 days later and rehearses 8 reps
  const lenient = policyOf({ followUp: { maxDays: 120 } })
  const late = runUnder(lenient, Demo100())
  // the demo as decided under the defaults (due a week later, 8 reps)
  const usual = demoUpTo(7).events
  const strict = [
    policyOf({ followUp: { minDays: 1, recommendedMaxDays: 3, maxDays: 5 } }),
    policyOf({ rehearsal: { minReps: 9, targetMin: 9, targetMax: 12 } }),
    policyOf({ calibration: "required" })
  ]
  const strictCode = ["FOLLOW_UP_DUE_TOO_LATE", "REHEARSAL_TOO_FEW_REPS", "CALIBRATION_REQUIRED"]

  it("a journey valid only under its document's lenient policy: valid with it, FOLLOW_UP_DUE_TOO_LATE at the meeting without it", () => {
    const withPolicy = docOf(late, lenient)
    expect(Export.validate(JSON.parse(Export.encode(withPolicy)))).toEqual({ valid: true, violations: [] })
    expect(Export.validateNdjson(ndjsonOf(withPolicy))).toEqual({ valid: true, violations: [] })
    for (const without of [docOf(late), docOf(late, Policy.defaultPolicy)]) {
      expect(codesAt(Export.validate(JSON.parse(Export.encode(without))))).toEqual(["FOLLOW_UP_DUE_TOO_LATE $.journeys[0].events[5]"])
      const ndjson = Export.validateNdjson(ndjsonOf(without))
      expect(ndjson.violations.map((v) => `${v.code} ${v.path} ${v.line}`)).toEqual([`FOLLOW_UP_DUE_TOO_LATE $.journey.events[5] ${journeyLine(without)}`])
    }
  })

  it.each(strict.map((policy, i) => [strictCode[i]!, policy] as const))("a journey valid under the defaults is %s under a stricter document policy", (code, policy) => {
    expect(Export.validate(JSON.parse(Export.encode(docOf(usual)))).valid).toBe(true)
    const doc = docOf(usual, policy)
    expect(codesAt(Export.validate(JSON.parse(Export.encode(doc))))).toEqual([`${code} $.journeys[0].events[5]`])
    expect(Export.validateNdjson(ndjsonOf(doc)).violations.map((v) => `${v.code} ${v.path}`)).toEqual([`${code} $.journey.events[5]`])
  })

  it("shape errors elsewhere in the document do not change which policy the journeys are checked with", () => {
    const broken = (doc: Export.ExportDocument) => {
      const json = JSON.parse(Export.encode(doc))
      json.people[0].grade = "outstanding"
      return json
    }
    expect(codesAt(Export.validate(broken(docOf(late, lenient))))).toEqual(["SHAPE_UNKNOWN_FIELD $.people[0].grade"])
    expect(codesAt(Export.validate(broken(docOf(late))))).toEqual(["SHAPE_UNKNOWN_FIELD $.people[0].grade", "FOLLOW_UP_DUE_TOO_LATE $.journeys[0].events[5]"])
    expect(codesAt(Export.validate(broken(docOf(usual, strict[0]!))))).toEqual(["SHAPE_UNKNOWN_FIELD $.people[0].grade", "FOLLOW_UP_DUE_TOO_LATE $.journeys[0].events[5]"])
  })

  it("an invalid policy is reported at its path, and the journeys are then checked with the defaults", () => {
    const json = JSON.parse(Export.encode(docOf(late, lenient)))
    json.policy.followUp.minDays = 0
    expect(codesAt(Export.validate(json))).toEqual(["SHAPE_INVALID_VALUE $.policy.followUp", "FOLLOW_UP_DUE_TOO_LATE $.journeys[0].events[5]"])
  })
})

/** The demo cycle with a follow-up due 100 days after its meeting (2026-11-02 + 100 days). */
function Demo100() {
  return demo.map((command, i) =>
    i === 5 ? { ...command, meeting: { ...(command as { meeting: object }).meeting, followUpDue: Time.addDays("2026-11-02" as Time.CalendarDate, 100) } } : command
  )
}

// ---------------------------------------------------------------------------------------------
// The successor rule
// ---------------------------------------------------------------------------------------------

describe("the successor rule: a cycle follows only a secured cycle of its journey that has no successor yet", () => {
  const start = (id: string, over: Record<string, unknown> = {}) => ({ _tag: "StartCycle", cycleId: id, by: coachId, teacherId, coachId, ...over })
  const close = (id: string) => ({ _tag: "CloseCycle", cycleId: id, by: coachId, reason: "Moved on." })
  const secured = demo.slice(0, 7)

  /** Journeys to start a new cycle on, with what `follows` may name there. */
  const cases: ReadonlyArray<{ readonly name: string; readonly log: ReadonlyArray<unknown>; readonly follows: string; readonly ok: boolean }> = [
    { name: "a secured cycle without successor", log: secured, follows: cycleId, ok: true },
    { name: "a secured cycle that already has a (closed) successor", log: [...secured, start("c2", { follows: cycleId }), close("c2")], follows: cycleId, ok: false },
    { name: "the closed successor itself", log: [...secured, start("c2", { follows: cycleId }), close("c2")], follows: "c2", ok: false },
    { name: "a closed cycle", log: [...demo.slice(0, 3), close(cycleId)], follows: cycleId, ok: false },
    { name: "a cycle the journey does not have", log: secured, follows: "c-unknown", ok: false },
    {
      name: "a secured successor (a chain)",
      log: [...secured, start("c2", { follows: cycleId }), ...demo.slice(1, 7).map((c) => retarget(c, "c2"))],
      follows: "c2",
      ok: true
    }
  ]

  it.each(cases.map((c) => [c.name, c] as const))("follows %s", (_name, c) => {
    const { events } = run(c.log)
    const decision = Cycle.decide(Cycle.replay(events), start("c-next", { follows: c.follows }), contextAt(Date.parse(events.at(-1)!.at) + HOUR))
    if (c.ok) {
      expect(Result.getOrThrow(decision)).toMatchObject([{ _tag: "CycleStarted", follows: c.follows }])
    } else {
      expect(Result.isFailure(decision) && decision.failure.code).toBe("INVALID_SUCCESSOR")
    }
    // without `follows`, a new cycle may always start once nothing is open
    expect(Result.isSuccess(Cycle.decide(Cycle.replay(events), start("c-next"), contextAt(Date.parse(events.at(-1)!.at) + HOUR)))).toBe(true)
  })

  it("continuing the leverage point needs a followed secured cycle, and carries its point with the secured cycle as evidence", () => {
    const { events } = demoUpTo(7)
    given(events).when(start("c-next", { continueLeveragePoint: true })).thenError("INVALID_SUCCESSOR")
    const [started, identified] = Result.getOrThrow(Cycle.decide(Cycle.replay(events), start("c-next", { follows: cycleId, continueLeveragePoint: true }), contextAt(T0 + DAY)))
    expect(started).toMatchObject({ _tag: "CycleStarted", follows: cycleId })
    const previous = Cycle.findCycle(Cycle.replay(events), cycleId)!.leveragePoint!.leveragePoint
    expect(identified).toMatchObject({ _tag: "LeveragePointIdentified", cycleId: "c-next", leveragePoint: { text: previous.text, evidence: [], continues: cycleId } })
    const after = Cycle.replay([started!, identified!], Cycle.replay(events))
    expect(Cycle.findCycle(after, "c-next" as never)?.stage).toBe("Diagnosed")
  })
})

/** A demo command moved onto another cycle (its ids made unique for that cycle). */
function retarget(command: unknown, id: string): unknown {
  const c = structuredClone(command) as Record<string, any>
  c["cycleId"] = id
  if (c["visit"]) c["visit"].id = `${id}-${c["visit"].id}`
  if (c["actionStep"]) c["actionStep"].id = `${id}-${c["actionStep"].id}`
  if (c["leveragePoint"]) c["leveragePoint"].evidence = c["leveragePoint"].evidence.map((v: string) => `${id}-${v}`)
  return c
}

// ---------------------------------------------------------------------------------------------
// The override rule
// ---------------------------------------------------------------------------------------------

describe("the override rule: a step the checker finds not granular is accepted exactly when it carries an override", () => {
  const texts = { granular: "Pose the question, pause five seconds, then name a student.", bundle: "Use a bundle of questioning moves." }
  const override = { reason: "Agreed in calibration: one routine for this class." }
  const why = "Everyone gets time to think."
  const actionStep = (id: string, text: string, withOverride: boolean) => ({ id, text, whyItWorks: why, ...(withOverride ? { override } : {}) })
  const reps = Array.from({ length: 7 }, () => ({ feedback: "Slower." }))
  const meeting = { ...(demo[5] as { meeting: Record<string, unknown> }).meeting, style: "facilitative", reps }
  const partly = { _tag: "RecordFollowUp", cycleId, by: coachId, followUp: { minutes: 10, evidence: "Saw some of it.", outcome: "partly" } }

  /** Where a step is agreed or proposed: the log before, the command, and where its report is recorded. */
  const where = [
    { name: "agreed in Diagnosed", log: demo.slice(0, 4), command: (s: object) => ({ _tag: "AgreeActionStep", cycleId, by: coachId, actionStep: s }), recorded: (e: any) => e.actionStep },
    { name: "revised in Planned", log: demo.slice(0, 5), command: (s: object) => ({ _tag: "AgreeActionStep", cycleId, by: coachId, actionStep: s }), recorded: (e: any) => e.actionStep },
    { name: "revised in Replanning", log: [...demo.slice(0, 6), partly], command: (s: object) => ({ _tag: "AgreeActionStep", cycleId, by: coachId, actionStep: s }), recorded: (e: any) => e.actionStep },
    { name: "proposed by the teacher", log: demo.slice(0, 4), command: (s: object) => ({ _tag: "ProposeActionStep", cycleId, by: teacherId, proposalId: "p-1", actionStep: s }), recorded: (e: any) => e.actionStep, unreported: true },
    {
      name: "agreed in a facilitative meeting",
      log: demo.slice(0, 4),
      command: (s: object) => ({ _tag: "HoldFeedbackMeeting", cycleId, by: coachId, meeting, agreeStep: { actionStep: s, proposedBy: teacherId } }),
      recorded: (e: any) => e.agreedStep.actionStep
    }
  ]
  const combos = where.flatMap((w) =>
    [true, false].flatMap((granular) => [true, false].map((withOverride) => [w.name, granular ? "granular" : "not granular", withOverride ? "with" : "without", { w, granular, withOverride }] as const))
  )

  it.each(combos)("%s, %s, %s override", (_where, _granularity, _override, { w, granular, withOverride }) => {
    const { events } = run(w.log)
    const text = granular ? texts.granular : texts.bundle
    const decision = Cycle.decide(Cycle.replay(events), w.command(actionStep("s-new", text, withOverride)), contextAt(Date.parse(events.at(-1)!.at) + HOUR))
    if (granular || withOverride) {
      const [event] = Result.getOrThrow(decision)
      const step = w.recorded(event)
      // the checker's report is recorded as it was (a proposal records it when agreed), the override kept
      expect(step.granularity).toEqual("unreported" in w ? undefined : fakeChecker(text))
      expect(step.override).toEqual(withOverride ? override : undefined)
    } else {
      expect(Result.isFailure(decision) && decision.failure).toMatchObject({ code: "ACTION_STEP_NOT_GRANULAR", findings: ["COMPOUND"] })
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The not-seen due date
// ---------------------------------------------------------------------------------------------

describe("a step not seen: the next due date is required, within policy from the follow-up's day, and becomes the due date", () => {
  const practising = demoUpTo(6)
  const at = T0 + 10 * DAY // the follow-up is recorded on 2026-11-12
  const day = "2026-11-12" as Time.CalendarDate
  const notSeen = (nextDue?: string) => ({
    _tag: "RecordFollowUp",
    cycleId,
    by: coachId,
    followUp: { minutes: 10, evidence: "The lesson was a test.", outcome: "not-seen", ...(nextDue !== undefined ? { nextDue } : {}) }
  })
  const decideAt = (nextDue: string | undefined, policy = Policy.defaultPolicy) => Cycle.decide(practising.journey, notSeen(nextDue), contextAt(at, policy))

  it.each([
    [0, "FOLLOW_UP_DUE_TOO_SOON"],
    [1, undefined],
    [28, undefined],
    [29, undefined],
    [84, undefined],
    [85, "FOLLOW_UP_DUE_TOO_LATE"]
  ] as const)("due %i days after the follow-up: %s", (days, code) => {
    const due = Time.addDays(day, days)
    const decision = decideAt(due)
    if (code === undefined) {
      const after = Cycle.replay(Result.getOrThrow(decision), practising.journey)
      expect(Cycle.findCycle(after, cycleId)).toMatchObject({ stage: "Practising", followUpDue: due })
    } else {
      expect(Result.isFailure(decision) && decision.failure.code).toBe(code)
    }
  })

  it("the limits are the policy's", () => {
    const policy = policyOf({ followUp: { minDays: 3, recommendedMaxDays: 5, maxDays: 7 } })
    const verdicts = [2, 3, 7, 8].map((days) => {
      const decision = decideAt(Time.addDays(day, days), policy)
      return Result.isSuccess(decision) ? "ok" : decision.failure.code
    })
    expect(verdicts).toEqual(["FOLLOW_UP_DUE_TOO_SOON", "ok", "ok", "FOLLOW_UP_DUE_TOO_LATE"])
  })

  it("without a next due date it is NEXT_DUE_REQUIRED; with any other outcome a next due date is NEXT_DUE_UNEXPECTED", () => {
    expect(Result.isFailure(decideAt(undefined)) && (decideAt(undefined) as any).failure.code).toBe("NEXT_DUE_REQUIRED")
    for (const outcome of ["secured", "partly", "not-yet"]) {
      const decision = Cycle.decide(practising.journey, { ...notSeen("2026-11-19"), followUp: { minutes: 10, evidence: "Saw it.", outcome, nextDue: "2026-11-19" } }, contextAt(at))
      expect(Result.isFailure(decision) && decision.failure.code, outcome).toBe("NEXT_DUE_UNEXPECTED")
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The policy's bounds
// ---------------------------------------------------------------------------------------------

describe("the policy's bounds", () => {
  const policy = (f: readonly [number, number, number], r: readonly [number, number, number], group?: number) => ({
    followUp: { minDays: f[0], recommendedMaxDays: f[1], maxDays: f[2] },
    rehearsal: { minReps: r[0], targetMin: r[1], targetMax: r[2] },
    ...(group !== undefined ? { reports: { minGroupSize: group } } : {})
  })
  const valid = (f: readonly [number, number, number], r: readonly [number, number, number], group?: number) =>
    f.every((d) => d <= 3660) && 1 <= f[0] && f[0] <= f[1] && f[1] <= f[2] &&
    r.every((n) => n <= 1000) && 1 <= r[0] && r[0] <= r[1] && r[1] <= r[2] &&
    (group === undefined || (3 <= group && group <= 1000))

  it("a policy is valid exactly when 1 ≤ minDays ≤ recommendedMaxDays ≤ maxDays ≤ 3660, 1 ≤ minReps ≤ targetMin ≤ targetMax ≤ 1000, 3 ≤ minGroupSize ≤ 1000", () => {
    const day = fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constantFrom(3659, 3660, 3661))
    const rep = fc.oneof(fc.integer({ min: -1, max: 12 }), fc.constantFrom(999, 1000, 1001))
    // ordered triples half the time, so that valid policies come up as often as invalid ones
    const triple = (n: fc.Arbitrary<number>) =>
      fc.oneof(fc.tuple(n, n, n), fc.tuple(n, n, n).map((t) => [...t].sort((a, b) => a - b) as unknown as readonly [number, number, number]))
    const group = fc.option(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(999, 1000, 1001)), { nil: undefined })
    const answers = { valid: 0, invalid: 0 }
    fc.assert(
      fc.property(triple(day), triple(rep), group, (f, r, g) => {
        const decoded = Policy.decode(policy(f, r, g))
        expect(Result.isSuccess(decoded)).toBe(valid(f, r, g))
        answers[Result.isSuccess(decoded) ? "valid" : "invalid"]++
      }),
      { numRuns: Math.max(RUNS, 500) }
    )
    // both answers come up, so the property can fail either way
    expect(answers.valid).toBeGreaterThan(10)
    expect(answers.invalid).toBeGreaterThan(10)
  })

  it.each([
    [policy([1, 1, 1], [1, 1, 1]), true],
    [policy([0, 1, 1], [1, 1, 1]), false],
    [policy([1, 1, 1], [0, 1, 1]), false],
    [policy([1, 1, 1], [1, 1, 1], 3), true],
    [policy([1, 1, 1], [1, 1, 1], 2), false],
    [policy([3660, 3660, 3660], [1000, 1000, 1000], 1000), true],
    [policy([1, 1, 3661], [1, 1, 1]), false],
    [policy([1, 1, 1], [1, 1, 1001]), false],
    [policy([1, 1, 1], [1, 1, 1], 1001), false]
  ])("each bound, at its edge: %j valid %s", (input, ok) => {
    expect(Result.isSuccess(Policy.decode(input))).toBe(ok)
  })

  it("a one-day, one-rep policy is the least the rules accept: a follow-up due the next day after a single rep", () => {
    const least = policyOf({ followUp: { minDays: 1, recommendedMaxDays: 1, maxDays: 1 }, rehearsal: { minReps: 1, targetMin: 1, targetMax: 1 } })
    const meeting = { ...(demo[5] as { meeting: Record<string, unknown> }).meeting, reps: [{ feedback: "Good." }], followUpDue: "2026-11-03" }
    expect(Result.isSuccess(Cycle.decide(demoUpTo(5).journey, { ...demo[5], meeting }, contextAt(T0 + 5 * HOUR, least)))).toBe(true)
    expect(Cycle.decide(demoUpTo(5).journey, { ...demo[5], meeting: { ...meeting, reps: [] } }, contextAt(T0 + 5 * HOUR, least))).toMatchObject({ failure: { code: "REHEARSAL_TOO_FEW_REPS" } })
  })
})

// ---------------------------------------------------------------------------------------------
// The recorded granularity report in export validation
// ---------------------------------------------------------------------------------------------

describe("export validation judges a step by its recorded granularity report (it never re-runs a checker)", () => {
  const step = (granular: boolean, withOverride: boolean) => {
    const log = demoUpTo(5).events.map((e) => structuredClone(e)) as Array<any>
    const agreed = log[4]
    agreed.actionStep.granularity = granular
      ? { granular: true, score: 1, findings: [], suggestions: [] }
      : { granular: false, score: 0.4, findings: [{ code: "COMPOUND", message: "Several steps.", span: [0, 3] }], suggestions: [] }
    if (withOverride) agreed.actionStep.override = { reason: "Calibrated as one routine." }
    else delete agreed.actionStep.override
    return log as Array<Events.JourneyEvent>
  }

  it.each([
    [true, false, []],
    [true, true, []],
    [false, true, []],
    [false, false, ["ACTION_STEP_NOT_GRANULAR $.journeys[0].events[4]"]]
  ] as const)("recorded granular %s, override %s: %j", (granular, withOverride, expected) => {
    const json = JSON.parse(Export.encode(docOf(step(granular, withOverride))))
    expect(codesAt(Export.validate(json))).toEqual(expected)
    const report = Export.validateNdjson(ndjsonOf(docOf(step(granular, withOverride))))
    expect(report.violations.map((v) => `${v.code} ${v.path}`)).toEqual(expected.map((e) => e.replace("$.journeys[0]", "$.journey")))
  })

  it("the same holds for a step agreed in a facilitative meeting", () => {
    const meeting = { ...(demo[5] as { meeting: Record<string, unknown> }).meeting, style: "facilitative" }
    const agreeStep = { actionStep: { id: "s-f", text: "Use a bundle of questioning moves.", whyItWorks: "Thinking time.", override: { reason: "One routine." } }, proposedBy: teacherId }
    const events = run([...demo.slice(0, 4), { _tag: "HoldFeedbackMeeting", cycleId, by: coachId, meeting, agreeStep }]).events
    const json = JSON.parse(Export.encode(docOf(events)))
    expect(Export.validate(json).valid).toBe(true)
    delete json.journeys[0].events[4].agreedStep.actionStep.override
    expect(codesAt(Export.validate(json))).toEqual(["ACTION_STEP_NOT_GRANULAR $.journeys[0].events[4]"])
    json.journeys[0].events[4].agreedStep.actionStep.granularity = { granular: true, score: 1, findings: [], suggestions: [] }
    expect(Export.validate(json).valid).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// The validator reports what the decider rejects
// ---------------------------------------------------------------------------------------------

describe("validate reports the decider's rejection of a recorded event: the same code at the same event", () => {
  // a whole cycle with every kind of event: proposals, a revision, a partly, a practice session, a not-seen, an extension, a reflection
  const log = run([
    ...demo.slice(0, 3),
    { _tag: "ProposeLeveragePoint", cycleId, by: teacherId, proposalId: "p-1", leveragePoint: (demo[3] as { leveragePoint: object }).leveragePoint },
    { _tag: "AgreeProposal", cycleId, by: coachId, proposalId: "p-1" },
    demo[4],
    { _tag: "AgreeActionStep", cycleId, by: coachId, actionStep: { id: "s-2", text: "Pose, pause three seconds, name a student.", whyItWorks: "Time to think." } },
    demo[5],
    { _tag: "RecordFollowUp", cycleId, by: coachId, followUp: { minutes: 10, evidence: "Some of it.", outcome: "partly" } },
    { _tag: "HoldPracticeSession", cycleId, by: coachId, session: { minutes: 10, reps: [{ feedback: "Slower." }], followUpDue: "2026-11-09" } },
    { _tag: "RecordFollowUp", cycleId, by: coachId, followUp: { minutes: 10, evidence: "A test.", outcome: "not-seen", nextDue: "2026-11-10" } },
    { _tag: "ExtendTimeline", cycleId, by: coachId, followUpDue: "2026-11-12", reason: "Trip." },
    { _tag: "AddReflection", cycleId, by: teacherId, reflection: { id: "r-1", text: "It felt long." } },
    demo[6]
  ]).events
  const people = People.directory(records)

  /** Each event's verdict from the live decider (`decide`, at its own time) on the journey before it. */
  const decided = (events: ReadonlyArray<Events.JourneyEvent>) => {
    let journey = Cycle.initialState
    return events.map((event) => {
      const decision = Cycle.decide(journey, Cycle.commandOf(event), { policy: Policy.defaultPolicy, people, checkActionStep: fakeChecker, clock: () => Date.parse(event.at) })
      journey = Cycle.evolve(journey, event)
      return Result.isFailure(decision) ? decision.failure.code : undefined
    })
  }
  const reported = (events: ReadonlyArray<Events.JourneyEvent>) => {
    const report = Export.validate(JSON.parse(Export.encode(docOf(events))))
    return events.map((_, i) => report.violations.find((v) => v.path === `$.journeys[0].events[${i}]` || v.path.startsWith(`$.journeys[0].events[${i}].`))?.code)
  }
  const moved = (e: Events.JourneyEvent, ms: number) => ({ ...e, at: new Date(Date.parse(e.at) + ms).toISOString() }) as Events.JourneyEvent

  it("the log is valid: no event is rejected, nothing reported", () => {
    expect(decided(log).every((c) => c === undefined)).toBe(true)
    expect(reported(log).every((c) => c === undefined)).toBe(true)
  })

  it.each(log.map((e, i) => [i, e._tag] as const))("event %i (%s) duplicated, dropped or moved before its predecessor: validate and decide agree", (i) => {
    const variants = [
      [...log.slice(0, i + 1), moved(log[i]!, 60_000), ...log.slice(i + 1).map((e) => moved(e, 60_000))],
      [...log.slice(0, i), ...log.slice(i + 1)],
      ...(i > 0 ? [[...log.slice(0, i), moved(log[i]!, Date.parse(log[i - 1]!.at) - Date.parse(log[i]!.at) - 60_000), ...log.slice(i + 1)]] : [])
    ]
    for (const events of variants) {
      const codes = decided(events)
      expect(reported(events)).toEqual(codes)
    }
  })

  it("among them, the decider's plain STAGE_MISMATCH (a second meeting, a second leverage point) is reported as such", () => {
    const meeting = log.findIndex((e) => e._tag === "FeedbackMeetingHeld")
    const twice = [...log.slice(0, meeting + 1), moved(log[meeting]!, 60_000), ...log.slice(meeting + 1).map((e) => moved(e, 60_000))]
    expect(decided(twice)[meeting + 1]).toBe("STAGE_MISMATCH")
    expect(reported(twice)[meeting + 1]).toBe("STAGE_MISMATCH")
  })
})
