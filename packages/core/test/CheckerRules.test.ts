/**
 * How the export checker (`Cycle.checker` / `Cycle.check`) reads its context and the journey, and
 * what it says of a recorded event the rules do not produce (issue 19: survivors of the mutation
 * run of `Cycle.ts`'s checker, `recordedAsDecided`, `decide` / `decideAt`'s refusals, and the
 * fold): a context or journey that cannot be read is refused as `decide` refuses it, with the
 * same sentence; nothing unreadable is ever accepted; `EVENT_NOT_AS_DECIDED` names the first
 * field that differs (or the root) and, for an agreed proposal, what such a record must keep; only
 * a step's own report is rechecked; a cycle starts empty; a fold sharing `owned` grows its arrays
 * in place.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, type Events, type Granularity, People, Policy } from "../src/index.js"
import { coachId, contextAt, cycleId, demo, HOUR, records, run, T0, teacherId } from "./support.js"

const directory = People.directory(records)
const checkContext: Cycle.CheckContext = { policy: Policy.defaultPolicy, people: directory }

/** The demo cycle's events, decided an hour apart from `T0`. */
const { events } = run(demo)
/** The demo's first visit, and the journey just before it (the cycle started). */
const visit = events[1] as Events.EventOf<"VisitRecorded">
const beforeVisit = Cycle.replay(events.slice(0, 1))
const visitAt = T0 + HOUR

const broke = (what: string) => () => {
  throw new Error(`${what} broke`)
}
/** `value` with its property `key` replaced by a getter that throws "`key` broke". */
const throwingAt = <A extends object>(value: A, key: string): A =>
  Object.defineProperty({ ...value }, key, { enumerable: true, configurable: true, get: broke(key) })

/** A typed error as plain data (code and sentence, and the path when it has one). */
const plain = (error: { readonly code: string; readonly message: string } | undefined) =>
  error === undefined ? undefined : { code: error.code, message: error.message, ...("path" in error ? { path: (error as { path: string }).path } : {}) }

/** `decide`'s refusal, as plain data (fails the test on an acceptance). */
const refusalOf = (decision: Cycle.Decision) => {
  if (Result.isSuccess(decision)) throw new Error(`expected a refusal, got ${decision.success.map((e) => e._tag).join(", ")}`)
  return plain(decision.failure)
}

const notAJourney = "The journey is not a journey (make one with Cycle.emptyJourney or Cycle.replay)."
const unreadable = (message: string) => ({ code: "CONTEXT_UNREADABLE", message })

describe("check reads its context and the journey as decide does: the same refusal, in the same words", () => {
  /** Each case: what is wrong, the journey and the context parts (people, policy, playbooks) to use, and the refusal. */
  const cases: ReadonlyArray<readonly [string, unknown, Partial<Record<"policy" | "people" | "playbooks", unknown>> | ((ctx: object) => object), object]> = [
    ["a journey that is an object without lists", {}, {}, unreadable(notAJourney)],
    ["a journey that is null", null, {}, unreadable(notAJourney)],
    ["a journey that is a string", "journey", {}, unreadable(notAJourney)],
    ["a journey whose cycles are not a list", { ...beforeVisit, cycles: "no" }, {}, unreadable(notAJourney)],
    ["a journey whose cycles cannot be read", throwingAt(beforeVisit, "cycles"), {}, unreadable("The journey or the context could not be read: cycles broke")],
    ["a context whose policy cannot be read", beforeVisit, (ctx) => throwingAt(ctx, "policy"), unreadable("The journey or the context could not be read: policy broke")],
    ["a context whose people cannot be read", beforeVisit, (ctx) => throwingAt(ctx, "people"), unreadable("The journey or the context could not be read: people broke")],
    ["a context whose playbooks cannot be read", beforeVisit, (ctx) => throwingAt(ctx, "playbooks"), unreadable("The journey or the context could not be read: playbooks broke")],
    ["a policy that is an empty object", beforeVisit, { policy: {} }, unreadable("context.policy is not a valid policy (make one with Policy.make).")],
    ["a policy that is a string", beforeVisit, { policy: "lenient" }, unreadable("context.policy is not a valid policy (make one with Policy.make).")],
    [
      "no people lookup",
      beforeVisit,
      { people: {} },
      { code: "LOOKUP_UNAVAILABLE", message: "The context has no people lookup (context.people, a People.Directory); the rules cannot check who is recording." }
    ],
    [
      "a people lookup that throws",
      beforeVisit,
      { people: { person: broke("the directory"), relationshipsOf: (id: never) => directory.relationshipsOf(id) } },
      { code: "LOOKUP_FAILED", message: `The people lookup failed while looking up ${coachId}: the directory broke` }
    ]
  ]

  const contexts = (over: Partial<Record<"policy" | "people" | "playbooks", unknown>> | ((ctx: object) => object)) => {
    const make = (base: object) => (typeof over === "function" ? over(base) : { ...base, ...over })
    return { decide: make(contextAt(visitAt, Policy.defaultPolicy, directory)) as Cycle.Context, check: make(checkContext) as Cycle.CheckContext }
  }

  it.each(cases)("%s", (_, journey, over, expected) => {
    const context = contexts(over)
    expect(refusalOf(Cycle.decide(journey as Cycle.Journey, demo[1], context.decide))).toEqual(expected)
    expect(plain(Cycle.check(journey as Cycle.Journey, visit, context.check))).toEqual(expected)
    // one checker, built once, says the same of every event it is given
    const check = Cycle.checker(context.check)
    expect(plain(check(journey as Cycle.Journey, visit))).toEqual(expected)
    expect(plain(check(journey as Cycle.Journey, visit))).toEqual(expected)
  })

  it("the same context with a sound journey accepts the event (so each refusal above is the context's or the journey's)", () => {
    expect(Cycle.check(beforeVisit, visit, checkContext)).toBeUndefined()
    expect(Result.isSuccess(Cycle.decide(beforeVisit, demo[1], contextAt(visitAt, Policy.defaultPolicy, directory)))).toBe(true)
  })

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "context"],
    ["a number", 42]
  ])("decide without a context object (%s) is CONTEXT_UNREADABLE, saying what a context holds", (_, context) => {
    expect(refusalOf(Cycle.decide(beforeVisit, demo[1], context as never))).toEqual(
      unreadable("decide needs a context object (policy, clock, checkActionStep, people).")
    )
  })

  it("decideAt refuses what is not a journey in the same words", () => {
    const { clock: _clock, ...context } = contextAt(visitAt, Policy.defaultPolicy, directory)
    expect(refusalOf(Cycle.decideAt({ cycles: [] } as never, demo[1] as never, visit.at, context))).toEqual(unreadable(notAJourney))
  })
})

describe("what cannot be read is refused as unreadable, never thrown", () => {
  /** What `f` gives: its answer, or the exception it threw (which the rules must never throw). */
  const outcome = <A>(f: () => A): { readonly threw: unknown } | { readonly value: A } => {
    try {
      return { value: f() }
    } catch (error) {
      return { threw: error }
    }
  }
  const expectUnreadable = (result: { readonly threw: unknown } | { readonly value: unknown }, words: string) => {
    expect(result, "a typed refusal, not an exception").not.toHaveProperty("threw")
    const value = (result as { readonly value: unknown }).value
    const failure = Result.isResult(value) ? (Result.isFailure(value) ? value.failure : undefined) : value
    expect(failure).toMatchObject({ code: "CONTEXT_UNREADABLE", message: `The journey or the context could not be read: ${words}` })
  }

  /** A people lookup whose `person` is a getter that throws (the lookup object itself cannot be read). */
  const peopleThrowing = Object.defineProperty({ relationshipsOf: (id: never) => directory.relationshipsOf(id) }, "person", {
    enumerable: true,
    get: broke("person")
  })
  /** The journey before the visit, whose `lastAt` throws when read. */
  const journeyThrowing = throwingAt(beforeVisit, "lastAt")

  it("a people lookup that cannot even be read: decide and check refuse it as unreadable, never throw", () => {
    expectUnreadable(outcome(() => Cycle.decide(beforeVisit, demo[1], { ...contextAt(visitAt), people: peopleThrowing as never })), "person broke")
    expectUnreadable(outcome(() => Cycle.check(beforeVisit, visit, { ...checkContext, people: peopleThrowing as never })), "person broke")
  })

  it("a journey whose last instant cannot be read: decide and check refuse it as unreadable, never throw", () => {
    expectUnreadable(outcome(() => Cycle.decide(journeyThrowing, demo[1], contextAt(visitAt, Policy.defaultPolicy, directory))), "lastAt broke")
    expectUnreadable(outcome(() => Cycle.check(journeyThrowing, visit, checkContext)), "lastAt broke")
    const check = Cycle.checker(checkContext)
    expectUnreadable(outcome(() => check(journeyThrowing, visit)), "lastAt broke")
    // the same checker still accepts the event on a sound journey afterwards
    expect(check(beforeVisit, visit)).toBeUndefined()
  })
})

describe("EVENT_NOT_AS_DECIDED names the first field that differs, in a sentence", () => {
  const differs = (at: string, proposal: boolean) =>
    `The recorded event differs from what the rules produce from it at ${at}${
      proposal ? " (an agreed proposal records exactly what was proposed, and who proposed it)" : ""
    }.`

  const proposePoint = { _tag: "ProposeLeveragePoint", cycleId, by: teacherId, proposalId: "p-1", leveragePoint: (demo[3] as { leveragePoint: object }).leveragePoint }
  const proposeStep = {
    _tag: "ProposeActionStep",
    cycleId,
    by: teacherId,
    proposalId: "p-2",
    actionStep: { id: "step-p", text: "Pose the question, pause five seconds, then name a student.", whyItWorks: "Everyone gets time to think." }
  }
  const agree = (proposalId: string) => ({ _tag: "AgreeProposal", cycleId, by: coachId, proposalId })

  /** The last event of a run of commands, changed by `change`, and the journey before it. */
  const lastOf = (commands: ReadonlyArray<unknown>, change: (event: Record<string, unknown>) => unknown) => {
    const log = run(commands).events
    return { journey: Cycle.replay(log.slice(0, -1)), event: change(log.at(-1) as unknown as Record<string, unknown>) as Events.JourneyEvent }
  }

  const cases = [
    [
      "an agreed leverage-point proposal recorded with other words",
      lastOf([...demo.slice(0, 3), proposePoint, agree("p-1")], (e) => ({ ...e, leveragePoint: { ...(e["leveragePoint"] as object), text: "Something never proposed." } })),
      ".leveragePoint.text",
      differs("leveragePoint.text", true)
    ],
    [
      "an agreed action-step proposal recorded with other words",
      lastOf([...demo.slice(0, 4), proposeStep, agree("p-2")], (e) => ({ ...e, actionStep: { ...(e["actionStep"] as object), text: "Name a student, then pause." } })),
      ".actionStep.text",
      differs("actionStep.text", true)
    ],
    [
      "an agreed proposal recorded as proposed by someone else",
      lastOf([...demo.slice(0, 4), proposeStep, agree("p-2")], (e) => ({ ...e, proposedBy: coachId })),
      ".proposedBy",
      differs("proposedBy", true)
    ],
    [
      "a leverage point identified directly, with a field the rules do not record",
      lastOf(demo.slice(0, 4), (e) => ({ ...e, note: "added later" })),
      ".note",
      differs("note", true)
    ],
    [
      "an action step agreed directly, with a field the rules do not record",
      lastOf(demo.slice(0, 5), (e) => ({ ...e, note: "added later" })),
      ".note",
      differs("note", true)
    ],
    [
      "a visit with a field the rules do not record",
      lastOf(demo.slice(0, 2), (e) => ({ ...e, note: "added later" })),
      ".note",
      differs("note", false)
    ],
    [
      "a feedback meeting with a field the rules do not record",
      lastOf(demo.slice(0, 6), (e) => ({ ...e, note: "added later" })),
      ".note",
      differs("note", false)
    ],
    [
      "a visit recorded as a list rather than a record",
      lastOf(demo.slice(0, 2), (e) => Object.assign([], e)),
      "",
      differs("its root", false)
    ]
  ] as const

  it.each(cases)("%s", (_, { event, journey }, path, message) => {
    expect(plain(Cycle.check(journey, event, checkContext))).toEqual({ code: "EVENT_NOT_AS_DECIDED", path, message })
  })
})

describe("only an action step's own report is rechecked", () => {
  /** A report that says granular and names no checker: a checker given recomputes its verdict. */
  const granular: Granularity.GranularityReport = { granular: true, score: 0.9, findings: [], suggestions: [] }
  const says = (report: Granularity.GranularityReport): Granularity.Checker => () => report
  const notGranular: Granularity.GranularityReport = {
    granular: false,
    score: 0.2,
    findings: [{ code: "COMPOUND", message: "Several techniques at once.", span: [0, 4] }],
    suggestions: []
  }

  it("a step agreed in a facilitative meeting is rechecked at .agreedStep.actionStep", () => {
    const meeting = {
      ...(demo[5] as Record<string, unknown>),
      meeting: { ...(demo[5] as { meeting: object }).meeting, style: "facilitative" },
      agreeStep: {
        actionStep: { id: "step-f", text: "Pose the question, pause five seconds, then name a student.", whyItWorks: "Everyone gets time to think." },
        proposedBy: teacherId
      }
    }
    const log = run([...demo.slice(0, 4), meeting]).events
    const held = log.at(-1) as Events.EventOf<"FeedbackMeetingHeld">
    const journey = Cycle.replay(log.slice(0, -1))
    expect(held.agreedStep?.actionStep.granularity).toEqual(granular)
    expect(Cycle.check(journey, held, { ...checkContext, recheck: [says(granular)] })).toBeUndefined()
    expect(Cycle.check(journey, held, { ...checkContext, recheck: [says(notGranular)] })).toMatchObject({
      code: "GRANULARITY_MISMATCH",
      path: ".agreedStep.actionStep.granularity.granular"
    })
  })

  it("an event that is no meeting but carries an agreedStep field is not rechecked: it is simply not as decided", () => {
    const forged = { ...visit, agreedStep: { actionStep: { id: "s", text: "Pause.", whyItWorks: "Time.", granularity: granular }, proposedBy: teacherId } }
    const failing: Granularity.Checker = broke("the checker")
    expect(plain(Cycle.check(beforeVisit, forged as never, { ...checkContext, recheck: [failing] }))).toEqual({
      code: "EVENT_NOT_AS_DECIDED",
      path: ".agreedStep",
      message: "The recorded event differs from what the rules produce from it at agreedStep."
    })
  })
})

describe("folding events", () => {
  it("a cycle starts with nothing recorded: Observing, no visits, proposals, steps, meetings, sessions, follow-ups, extensions, reflections or calibrations", () => {
    const started = events[0] as Events.EventOf<"CycleStarted">
    expect(Cycle.replay([started]).cycles).toEqual([
      {
        id: cycleId,
        teacherId,
        coachId,
        follows: undefined,
        stage: "Observing",
        startedAt: started.at,
        endedAt: undefined,
        visits: [],
        leveragePoint: undefined,
        actionSteps: [],
        proposals: [],
        meetings: [],
        practiceSessions: [],
        followUps: [],
        extensions: [],
        reflections: [],
        calibrations: [],
        group: undefined,
        followUpDue: undefined,
        closeReason: undefined
      }
    ])
  })

  it("a fold that shares its owned set appends in place to the arrays it created; a fresh replay leaves its start as it was", () => {
    const owned = new WeakSet<object>()
    const first = Cycle.foldInto(Cycle.initialState, events.slice(0, 2), owned)
    const visits = first.cycles[0]!.visits
    expect(visits).toHaveLength(1)
    const second = Cycle.foldInto(first, events.slice(2, 3), owned)
    // the array the first fold created grew: the earlier journey sees the second visit too
    expect(second.cycles[0]!.visits).toBe(visits)
    expect(visits.map((v) => v.visit.id)).toEqual([`${cycleId}-visit-1`, `${cycleId}-visit-2`])
    // a replay (a fresh owned set) copies instead
    const third = Cycle.replay(events.slice(3, 4), second)
    expect(second.cycles[0]!.stage).toBe("Observing")
    expect(third.cycles[0]!.stage).toBe("Diagnosed")
    const fourth = Cycle.replay(events.slice(4, 5), third)
    expect(third.cycles[0]!.actionSteps).toHaveLength(0)
    expect(fourth.cycles[0]!.actionSteps).toHaveLength(1)
  })
})
