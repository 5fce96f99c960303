/**
 * Core's recheck of recorded granularity reports (`Export.validate(doc, { recheck })`, decision
 * 0010 §4), as a property over exports the command service writes with the real checker. It lives
 * here, beside the checker, because core depends on no checker.
 *
 * - No false positive: any such export validates with every report's `checker` removed (reports
 *   as an app's checker without a version records them), as it does with them.
 * - No missed edit: an agreed step whose report says granular, without an override, whose text is
 *   edited into one the checker finds not granular, is always `GRANULARITY_MISMATCH` at its
 *   report, stamped or not.
 */
import { Access, type Commands, Demo, Export, type Ids, Journeys, Memory, Store, Text, Time, Transfer } from "@coaching/core"
import { Clock, Effect, Schema } from "effect"
import fc from "fast-check"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { checkActionStep, makeChecker, RULES_VERSION } from "../src/index.js"

const corpus = JSON.parse(readFileSync(new URL("./corpus/action-steps.json", import.meta.url), "utf8")) as ReadonlyArray<{ readonly text: unknown }>

const RUNS = Number(process.env["COACHING_PROPERTY_RUNS"] ?? 200)
/** Each run writes and validates whole exports: at most 2 000 under the deep run. */
const EXPORT_RUNS = Math.min(RUNS, 2000)

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = Date.parse("2026-09-07T09:00:00.000Z")

/** The CLI's checkers: both spellings, no school techniques. */
const recheck = [makeChecker({}), makeChecker({ locale: "en-US" })]

const isLine = Schema.is(Text.Line)
const texts = corpus.map((c) => c.text).filter((t): t is string => typeof t === "string" && isLine(t))
const granularTexts = texts.filter((t) => checkActionStep(t).granular)
const otherTexts = texts.filter((t) => !checkActionStep(t).granular)

const fixedClock = Time.clockAt

/** One agreed step of a session: its text (granular or not), an override, and a revision agreed before the meeting. */
const stepPlan = fc.record({
  granular: fc.boolean(),
  pick: fc.nat(),
  override: fc.boolean(),
  revision: fc.option(fc.record({ granular: fc.boolean(), pick: fc.nat(), override: fc.boolean() }), { nil: undefined })
})
const session = fc.record({
  locale: fc.constantFrom("en-GB" as const, "en-US" as const),
  // teachers × cycles, each cycle with its step
  teachers: fc.array(fc.array(stepPlan, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
})

type Plan = { readonly granular: boolean; readonly pick: number; readonly override: boolean }
const textOf = (plan: Plan) => (plan.granular ? granularTexts[plan.pick % granularTexts.length]! : otherTexts[plan.pick % otherTexts.length]!)
/** A step the checker refuses needs an override; others get one when the plan says so. */
const draftOf = (id: string, plan: Plan) => ({
  id,
  text: textOf(plan),
  whyItWorks: "Every student has time to think before anyone answers.",
  ...(!plan.granular || plan.override ? { override: { reason: "The teacher chose these words in the meeting." } } : {})
})

/** The export of a store the command service wrote, as plain JSON to edit. */
const exportOf = (s: typeof session extends fc.Arbitrary<infer A> ? A : never) =>
  Effect.runPromise(Effect.gen(function*() {
    const store = Store.make(Memory.primitives())
    const journeys = Journeys.make(store, { checkActionStep: makeChecker({ locale: s.locale }) })
    for (const [i, cycles] of s.teachers.entries()) {
      const who = { teacherId: `t-${i + 1}` as Ids.PersonId, coachId: "c-grace" as Ids.PersonId, cycleId: "cycle-1" as Ids.CycleId }
      const records = Demo.records(who)
      for (const person of records.people) yield* store.records("person").put(person)
      for (const relationship of records.relationships) yield* store.records("relationship").put(relationship)
      let t = T0
      for (const [k, plan] of cycles.entries()) {
        const cycleId = `cycle-${k + 1}` as Ids.CycleId
        const meetingDay = new Date(t + 6 * HOUR).toISOString().slice(0, 10)
        const commands = Demo.cycleCommands(new Date(Date.parse(meetingDay) + 7 * DAY).toISOString().slice(0, 10), { ...who, cycleId }).flatMap((command): Array<Commands.Input> => {
          if (command._tag === "StartCycle") return [k > 0 ? { ...command, follows: `cycle-${k}` as Ids.CycleId } : command]
          if (command._tag !== "AgreeActionStep") return [command]
          const first = { ...command, actionStep: draftOf(`${cycleId}-step-1`, plan) }
          return plan.revision === undefined ? [first] : [first, { ...command, actionStep: draftOf(`${cycleId}-step-2`, plan.revision) }]
        })
        for (const [n, command] of commands.entries()) {
          const at = n === commands.length - 1 ? t + 7 * DAY : t + n * HOUR
          yield* Effect.provideService(journeys.execute(Access.principal("coach", "c-grace"), who.teacherId, command), Clock.Clock, fixedClock(at))
        }
        t += 10 * DAY
      }
    }
    return JSON.parse(Export.encode(yield* Transfer.exportDocument(store)))
  }))

interface Step {
  text: string
  override?: unknown
  granularity: { granular: boolean; checker?: string }
}

/** Every recorded action step with its path in the export. */
const stepsOf = (doc: any): Array<{ readonly path: string; readonly step: Step }> =>
  doc.journeys.flatMap((journey: any, j: number) =>
    journey.events.flatMap((event: any, e: number) =>
      event.actionStep?.granularity !== undefined
        ? [{ path: `$.journeys[${j}].events[${e}].actionStep`, step: event.actionStep }]
        : event.agreedStep !== undefined
        ? [{ path: `$.journeys[${j}].events[${e}].agreedStep.actionStep`, step: event.agreedStep.actionStep }]
        : []
    )
  )

const unstamp = (doc: any) => {
  for (const { step } of stepsOf(doc)) delete step.granularity.checker
  return doc
}

describe("recorded granularity reports, recomputed (Export.validate with recheck)", () => {
  it("the corpus gives both kinds of text", () => {
    expect(granularTexts.length).toBeGreaterThan(50)
    expect(otherTexts.length).toBeGreaterThan(50)
  })

  it(`any export the command service writes with the real checker validates with every report's checker removed: no false positive (${EXPORT_RUNS} runs)`, async () => {
    let overridden = 0
    await fc.assert(
      fc.asyncProperty(session, async (s) => {
        const doc = await exportOf(s)
        const steps = stepsOf(doc)
        expect(steps.length).toBeGreaterThan(0)
        expect(steps.every(({ step }) => step.granularity.checker === `@coaching/granularity/${RULES_VERSION} ${s.locale}`)).toBe(true)
        expect(Export.validate(doc, { recheck })).toEqual({ valid: true, violations: [], keptAsRecorded: [] })
        overridden += steps.filter(({ step }) => !step.granularity.granular).length
        expect(Export.validate(unstamp(doc), { recheck })).toEqual({ valid: true, violations: [], keptAsRecorded: [] })
      }),
      { numRuns: EXPORT_RUNS }
    )
    // the property saw steps agreed over a "not granular" report, too
    expect(overridden).toBeGreaterThan(0)
  }, 600_000)

  it(`an agreed granular step without an override, its text edited to one the checker finds not granular, is always GRANULARITY_MISMATCH, stamped or not (${EXPORT_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(session, fc.nat(), fc.nat(), fc.boolean(), async (s, which, pick, stamped) => {
        // at least one step the checker agreed to, without an override
        const first = s.teachers[0]![0]!
        const plan = { ...s, teachers: [[{ ...first, granular: true, override: false }, ...s.teachers[0]!.slice(1)], ...s.teachers.slice(1)] }
        const doc = await exportOf(plan)
        const eligible = stepsOf(doc).filter(({ step }) => step.granularity.granular && step.override === undefined)
        expect(eligible.length).toBeGreaterThan(0)
        const target = eligible[which % eligible.length]!
        target.step.text = otherTexts[pick % otherTexts.length]!
        const edited = stamped ? doc : unstamp(doc)
        const report = Export.validate(edited, { recheck })
        expect(report.violations.map((v) => [v.code, v.path])).toEqual([["GRANULARITY_MISMATCH", `${target.path}.granularity.granular`]])
        if (!stamped) expect(report.violations[0]!.message).toContain("names no checker and says granular")
        // without checkers nothing can be recomputed: the edit is kept as recorded
        expect(Export.validate(edited).violations.map((v) => v.code)).not.toContain("GRANULARITY_MISMATCH")
      }),
      { numRuns: EXPORT_RUNS }
    )
  }, 600_000)
})
