/**
 * How a recorded granularity report is rechecked when recorded events are re-decided
 * (`Cycle.check` with `recheck`, as export validation and import use it): a report naming a
 * checker is recomputed in full by the checker of that version, else kept as recorded; a report
 * naming no checker has only its verdict recomputed; a checker that throws or returns junk is
 * `CHECKER_FAILED`; and only a valid checker version counts as one (issue 19: survivors of the
 * mutation run of `Cycle.ts`'s recheck, lines 1300–1390, and `versionOf`).
 */
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cycle, type Events, Granularity, Policy } from "../src/index.js"
import { contextAt, demo, demoUpTo, HOUR, run, RUNS, T0, testDirectory } from "./support.js"

const { events } = run(demo)
const agreedAt = events.findIndex((e) => e._tag === "ActionStepAgreed")
/** The journey just before the demo's action step was agreed. */
const before = Cycle.replay(events.slice(0, agreedAt))
const agreed = events[agreedAt] as Extract<Events.JourneyEvent, { _tag: "ActionStepAgreed" }>
const text = agreed.actionStep.text

type Report = Granularity.GranularityReport

/** A report with this verdict and these finding codes (a finding's sentence is its code and a full stop). */
const report = (granular: boolean, codes: ReadonlyArray<string> = [], score = granular ? 0.9 : 0.2): Report => ({
  granular,
  score,
  findings: codes.map((code) => ({ code, message: `${code}.`, span: [0, 4] as const })),
  suggestions: []
})

/** The demo's agreed step, recorded with this report (and an override, if given). */
const recordedWith = (granularity: Report, override?: { readonly reason: string }): Events.JourneyEvent => ({
  ...agreed,
  actionStep: { ...agreed.actionStep, granularity, ...(override !== undefined ? { override } : {}) }
})

/** A checker answering `answer` for any text, with `version` as its version property (any value, even a getter that throws). */
const checkerOf = (answer: (text: string) => unknown, version?: unknown): Granularity.Checker => {
  const checker = (t: string) => answer(t)
  if (version === "throws") {
    Object.defineProperty(checker, "version", { get: () => { throw new Error("no version today") } })
  } else if (version !== undefined) {
    Object.defineProperty(checker, "version", { value: version })
  }
  return checker as Granularity.Checker
}
const says = (r: Report, version?: unknown) => checkerOf(() => r, version)

/** `Cycle.check` of the (possibly changed) agreed step against the journey before it. */
const checkWith = (
  event: Events.JourneyEvent,
  recheck?: ReadonlyArray<Granularity.Checker>,
  keptAsRecorded?: (checker: string) => void
) =>
  Cycle.check(before, event, {
    policy: Policy.defaultPolicy,
    people: testDirectory,
    ...(recheck !== undefined ? { recheck } : {}),
    ...(keptAsRecorded !== undefined ? { keptAsRecorded } : {})
  })

/** An error as plain data: tag, code, path (when it has one) and sentence. */
const plain = (error: ReturnType<typeof checkWith>) =>
  error === undefined ? undefined : { _tag: error._tag, code: error.code, ...("path" in error ? { path: error.path } : {}), message: error.message }

const mismatch = (path: string, message: string) => ({ _tag: "RecordMismatch", code: "GRANULARITY_MISMATCH", path, message })
const checkerFailed = (message: string) => ({ _tag: "ContextFailed", code: "CHECKER_FAILED", message })

const edited = " Was the text edited after it was checked?"
const byVersion = " (A report recorded by a checker with a version is recomputed only by that version.)"

describe("a report naming a checker is recomputed in full by the checker of that version", () => {
  const ours = (r: Report): Report => ({ ...r, checker: "ours/1" })

  it("the checker of that version agreeing in full: the event stands", () => {
    expect(checkWith(recordedWith(ours(report(true))), [says(report(true), "ours/1")])).toBeUndefined()
    expect(checkWith(recordedWith(ours(report(true))), [says(report(false, ["COMPOUND"]), "ours/2"), says(report(true), "ours/1")], () => {})).toBeUndefined()
  })

  it("the same verdict with another score: GRANULARITY_MISMATCH at the score, the sentence saying nothing of the verdict", () => {
    expect(plain(checkWith(recordedWith(ours(report(true))), [says(report(true, [], 0.7), "ours/1")]))).toStrictEqual(
      mismatch(
        ".actionStep.granularity.score",
        `The recorded granularity report is not what ours/1 says of the step's text (first difference at granularity.score).${edited}`
      )
    )
    expect(plain(checkWith(recordedWith(ours(report(false, ["COMPOUND"]))), [says(report(false, ["TOO_BROAD"]), "ours/1")]))).toStrictEqual(
      mismatch(
        ".actionStep.granularity.findings[0].code",
        `The recorded granularity report is not what ours/1 says of the step's text (first difference at granularity.findings[0].code).${edited}`
      )
    )
  })

  it.each([
    [
      "says granular; the checker says not granular, with each finding's code",
      report(true),
      report(false, ["COMPOUND", "TOO_BROAD"]),
      " The report says granular; the checker says not granular (COMPOUND, TOO_BROAD)."
    ],
    ["says not granular; the checker says granular", report(false, ["COMPOUND"]), report(true), " The report says not granular; the checker says granular."],
    ["says granular; the checker says not granular (one finding)", report(true), report(false, ["UNOBSERVABLE"]), " The report says granular; the checker says not granular (UNOBSERVABLE)."],
    ["says granular; the checker says not granular, naming no finding", report(true), report(false), " The report says granular; the checker says not granular."]
  ])("another verdict: GRANULARITY_MISMATCH at granular, the sentence saying what each says — the report %s", (_name, recorded, fresh, verdict) => {
    expect(plain(checkWith(recordedWith(ours(recorded)), [says(fresh, "ours/1")]))).toStrictEqual(
      mismatch(
        ".actionStep.granularity.granular",
        `The recorded granularity report is not what ours/1 says of the step's text (first difference at granularity.granular).${verdict}${edited}`
      )
    )
  })

  it("no checker given has its version: the report is kept as recorded, and keptAsRecorded is told (when there is one)", () => {
    const told: Array<string> = []
    const disagrees = says(report(false, ["COMPOUND"]), "ours/2")
    expect(checkWith(recordedWith(ours(report(true))), [disagrees, says(report(false), undefined)], (c) => told.push(c))).toBeUndefined()
    expect(told).toEqual(["ours/1"])
    // without keptAsRecorded, kept all the same (and nothing throws)
    expect(checkWith(recordedWith(ours(report(true))), [disagrees])).toBeUndefined()
    expect(checkWith(recordedWith(ours(report(true))), [])).toBeUndefined()
    // without recheck, nothing is recomputed and nobody is told
    expect(checkWith(recordedWith(ours(report(true))), undefined, (c) => told.push(c))).toBeUndefined()
    expect(told).toEqual(["ours/1"])
  })
})

describe("a report naming no checker has only its verdict recomputed", () => {
  it.each([
    [
      "a checker with a version, two findings",
      [says(report(false, ["COMPOUND", "TOO_BROAD"]), "ours/1")],
      "ours/1 says the step's text is not granular (COMPOUND, TOO_BROAD)."
    ],
    ["a checker without a version, one finding", [says(report(false, ["COMPOUND"]))], "the granularity checker says the step's text is not granular (COMPOUND)."],
    ["a checker without a version, no findings", [says(report(false))], "the granularity checker says the step's text is not granular."],
    ["a checker with a version, no findings", [says(report(false), "ours/1")], "ours/1 says the step's text is not granular."],
    [
      "two checkers: the first one's name and findings",
      [says(report(false, ["UNOBSERVABLE"]), "first/1"), says(report(false, ["COMPOUND", "TOO_BROAD"]), "second/1")],
      "first/1 says the step's text is not granular (UNOBSERVABLE)."
    ]
  ])("says granular, and no checker given does: GRANULARITY_MISMATCH at granular naming the first checker — %s", (_name, recheck, says_) => {
    expect(plain(checkWith(recordedWith(report(true)), recheck))).toStrictEqual(
      mismatch(
        ".actionStep.granularity.granular",
        `The recorded granularity report names no checker and says granular, but ${says_}${edited}${byVersion}`
      )
    )
  })

  it("says granular, and one checker given agrees (first, last or alone): the event stands, and later checkers are not asked", () => {
    const throws = checkerOf(() => { throw new Error("should not be asked") })
    expect(checkWith(recordedWith(report(true)), [says(report(true))])).toBeUndefined()
    expect(checkWith(recordedWith(report(true)), [says(report(false, ["COMPOUND"]), "ours/1"), says(report(true, ["LONG"]), "theirs/1")])).toBeUndefined()
    expect(checkWith(recordedWith(report(true)), [says(report(true, [], 0.5)), throws])).toBeUndefined()
  })

  it(`whatever the checkers given say, granular stands exactly when one of them agrees (${RUNS} draws)`, () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), (verdicts) => {
        const recheck = verdicts.map((granular, i) => says(granular ? report(true) : report(false, [`F${i}`]), `c/${i}`))
        const result = plain(checkWith(recordedWith(report(true)), recheck))
        if (verdicts.includes(true)) expect(result).toBeUndefined()
        else {
          expect(result).toStrictEqual(
            mismatch(
              ".actionStep.granularity.granular",
              `The recorded granularity report names no checker and says granular, but c/0 says the step's text is not granular (F0).${edited}${byVersion}`
            )
          )
        }
      }),
      { numRuns: RUNS }
    )
  })

  it("says not granular, or the step carries an override, or no checker is given: the verdict is not recomputed (the rules judge the step as recorded)", () => {
    const no = says(report(false, ["COMPOUND"]), "ours/1")
    // not granular without an override: the rules' own refusal, as without recheck
    const notGranular = recordedWith(report(false, ["COMPOUND"]))
    expect(plain(checkWith(notGranular, [no]))).toStrictEqual({
      _tag: "NotGranular",
      code: "ACTION_STEP_NOT_GRANULAR",
      message: "The action step is not one granular teacher action: COMPOUND. Split it, or override with a written reason."
    })
    expect(plain(checkWith(notGranular, [no]))).toStrictEqual(plain(checkWith(notGranular)))
    // not granular with an override, and granular with an override: accepted as recorded
    expect(checkWith(recordedWith(report(false, ["COMPOUND"]), { reason: "We split it in the meeting." }), [no])).toBeUndefined()
    expect(checkWith(recordedWith(report(true), { reason: "We split it in the meeting." }), [no])).toBeUndefined()
    // granular, no checker given
    expect(checkWith(recordedWith(report(true)), [])).toBeUndefined()
  })
})

describe("a checker that throws or returns something that is not a granularity report: CHECKER_FAILED", () => {
  const junk = "The granularity checker returned something that is not a granularity report."
  const failures = [
    ["throws an Error", checkerOf(() => { throw new Error("model not loaded") }), "The granularity checker failed: model not loaded"],
    ["throws a string", checkerOf(() => { throw "out of memory" }), "The granularity checker failed: out of memory"],
    ["returns nothing", checkerOf(() => undefined), junk],
    ["returns a verdict that is not a boolean", checkerOf(() => ({ ...report(true), granular: "yes" })), junk],
    ["returns a score of -0 (JSON cannot keep it)", checkerOf(() => report(true, [], -0)), junk],
    ["returns a score above 1", checkerOf(() => report(true, [], 1.5)), junk]
  ] as const

  it.each(failures)("recomputing a report of its version: a checker that %s", (_name, checker, message) => {
    const versioned = checkerOf((t) => checker(t), "ours/1")
    expect(plain(checkWith(recordedWith({ ...report(true), checker: "ours/1" }), [versioned]))).toStrictEqual(checkerFailed(message))
  })

  it.each(failures)("recomputing the verdict of a report naming no checker: a checker that %s (also after one that says not granular)", (_name, checker, message) => {
    expect(plain(checkWith(recordedWith(report(true)), [checker]))).toStrictEqual(checkerFailed(message))
    expect(plain(checkWith(recordedWith(report(true)), [says(report(false, ["COMPOUND"])), checker]))).toStrictEqual(checkerFailed(message))
  })

  it("a checker's well-formed report is taken as it is: a score of 0 and spans from 0 recompute equal to the recorded ones", () => {
    const zero: Report = { granular: false, score: 0, findings: [{ code: "NOT_AN_ACTION", message: "Empty.", span: [0, 0] }], suggestions: [] }
    expect(checkWith(recordedWith({ ...zero, checker: "ours/1" }, { reason: "We agreed it anyway." }), [says(zero, "ours/1")])).toBeUndefined()
  })
})

describe("only a valid checker version counts as a checker's version", () => {
  const invalid = [
    ["a number", 42],
    ["an empty string", ""],
    ["a blank string", "   "],
    ["501 characters", "v".repeat(501)],
    ["a getter that throws", "throws"],
    ["null", null]
  ] as const

  /** What `decide` records for the demo's step with a checker of this version. */
  const recordedBy = (version: unknown): Report => {
    const decision = Cycle.decide(demoUpTo(4).journey, demo[4], { ...contextAt(T0 + 5 * HOUR), checkActionStep: says(report(true), version) })
    if (Result.isFailure(decision)) throw new Error(`expected the step agreed, got ${decision.failure.code}: ${decision.failure.message}`)
    const event = decision.success[0]!
    if (event._tag !== "ActionStepAgreed") throw new Error(`expected ActionStepAgreed, got ${event._tag}`)
    return event.actionStep.granularity
  }

  it.each(invalid)("decide records no checker for a checker whose version is %s", (_name, version) => {
    expect(recordedBy(version)).toStrictEqual(report(true))
  })

  it.each([["a short name", "ours/1"], ["500 characters", "v".repeat(500)]])("decide records a checker whose version is %s as the report's checker", (_name, version) => {
    expect(recordedBy(version)).toStrictEqual({ ...report(true), checker: version })
  })

  it.each(invalid)("a first checker whose version is %s is named as the granularity checker when it disagrees with a report naming none", (_name, version) => {
    expect(plain(checkWith(recordedWith(report(true)), [says(report(false, ["COMPOUND"]), version)]))).toStrictEqual(
      mismatch(
        ".actionStep.granularity.granular",
        `The recorded granularity report names no checker and says granular, but the granularity checker says the step's text is not granular (COMPOUND).${edited}${byVersion}`
      )
    )
  })

  it("the same version string asked of many checkers (and many strings) keeps its answer", () => {
    for (let i = 0; i < 80; i++) expect(recordedBy(`many/${i}`).checker).toBe(`many/${i}`)
    for (let i = 0; i < 3; i++) {
      expect(recordedBy("   ")).toStrictEqual(report(true))
      expect(recordedBy("ours/1").checker).toBe("ours/1")
    }
  })
})

it("a checker given is asked about the step's recorded text", () => {
  const seen: Array<string> = []
  expect(checkWith(recordedWith(report(true)), [checkerOf((t) => (seen.push(t), report(true)))])).toBeUndefined()
  expect(seen).toEqual([text])
})

describe("a policy in the context is recognised only when it is a valid policy", () => {
  const unreadable = { _tag: "ContextFailed", code: "CONTEXT_UNREADABLE", message: "context.policy is not a valid policy (make one with Policy.make)." }
  const { followUp, rehearsal } = Policy.defaultPolicy
  const notPolicies = [
    ["nothing", undefined],
    ["null", null],
    ["a string", "default"],
    ["a number", 84],
    ["an empty object", {}],
    ["a follow-up window that ends before it starts", { followUp: { ...followUp, minDays: 30, maxDays: 10 }, rehearsal }],
    ["a rehearsal without reps", { followUp, rehearsal: { ...rehearsal, minReps: 0 } }]
  ] as const

  it.each(notPolicies)("a policy that is %s: CONTEXT_UNREADABLE from check and decideAt, even after a valid policy was used", (_name, policy) => {
    expect(checkWith(agreed)).toBeUndefined()
    const context = { policy: policy as unknown as Policy.Policy, people: testDirectory }
    expect(plain(Cycle.check(before, agreed, context))).toStrictEqual(unreadable)
    expect(plain(Cycle.checker(context)(before, agreed))).toStrictEqual(unreadable)
    const decision = Cycle.decideAt(before, demo[4] as never, agreed.at, { ...context, checkActionStep: says(report(true)) })
    expect(Result.isFailure(decision) && plain(decision.failure)).toStrictEqual(unreadable)
  })

  it("a valid policy is recognised whether or not it was seen before: the default, a copy of it, one made by Policy.make", () => {
    for (const policy of [Policy.defaultPolicy, structuredClone(Policy.defaultPolicy), Result.getOrThrow(Policy.make({ rehearsal: { minReps: 1 } }))]) {
      for (let i = 0; i < 2; i++) {
        expect(Cycle.check(before, agreed, { policy, people: testDirectory })).toBeUndefined()
      }
    }
  })
})
