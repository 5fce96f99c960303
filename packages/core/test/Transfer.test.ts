/**
 * Export and import over the port, and the promise of one rulebook: what the command service
 * accepts, its export accepts, and the other way round.
 *
 * - Arbitrary command sequences (valid, invalid, by the wrong people, across relationships that
 *   start and end) run through `Journeys.execute` on a memory store: the store's export is valid,
 *   and import → export is byte-identical.
 * - That export, and one-event mutations of it, replayed event by event through the command
 *   service (each event's command, at its time, by its author): the service accepts the whole
 *   document, reproducing the same events, exactly when `Export.validate` says it is valid.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Exit, Result, Schema } from "effect"
import fc from "fast-check"
import { Access, Cycle, Demo, Events, Export, type Ids, Journeys, People, Playbook, Policy, Records, Store, Time, Transfer } from "../src/index.js"
import { storeWith, testPrimitives } from "./store-support.js"
import { fakeChecker, person, relationship, RUNS, TIMEOUT } from "./support.js"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const fixedClock = Time.clockAt
const at = <A, E, R>(ms: number, effect: Effect.Effect<A, E, R>) => Effect.provideService(effect, Clock.Clock, fixedClock(ms))

const T0 = Date.parse("2026-11-02T09:00:00.000Z")
const DAY = 86_400_000

const rel = (id: string, coachId: string, teacherId: string, since: string, until?: string, status: People.RelationshipStatus = "active") =>
  relationship(id, coachId, teacherId, { style: "balanced", status, since: since as never, ...(until !== undefined ? { until: until as never } : {}) })

/** Two teachers, two coaches (and a third who only calibrates); k2's relationship with t1 ends on 20 November, with t2 it starts on 10 November. */
const school = {
  people: [person("t1", "teacher"), person("t2", "teacher"), person("k1", "coach"), person("k2", "coach"), person("k3", "coach"), person("l1", "lead")],
  relationships: [
    rel("r-k1-t1", "k1", "t1", "2026-01-05"),
    rel("r-k1-t2", "k1", "t2", "2026-01-05"),
    rel("r-k2-t1", "k2", "t1", "2026-01-05", "2026-11-20", "ended"),
    rel("r-k2-t2", "k2", "t2", "2026-11-10")
  ]
}

// ---------------------------------------------------------------------------------------------
// Arbitrary sessions through the command service
// ---------------------------------------------------------------------------------------------

const kinds = ["next", "next", "next", "next", "next", "reflect", "reflect-journey", "propose-point", "propose-step", "agree", "close", "start", "visit", "facilitative", "calibrate", "continue"] as const
const action = fc.record({
  teacher: fc.constantFrom("t1", "t2"),
  coach: fc.constantFrom("k1", "k1", "k2"),
  kind: fc.constantFrom(...kinds),
  advance: fc.integer({ min: 0, max: 2 * DAY }),
  reps: fc.integer({ min: 0, max: 9 }),
  dueDays: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 100 }) }),
  outcome: fc.constantFrom("secured", "partly", "not-yet", "not-seen"),
  text: fc.constantFrom("Pose the question, pause five seconds, then name a student.", "Use a bundle of techniques.", "Say 'Show me' and wait.")
})
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never

let counter = 0
/** The command an action stands for, given the teacher's journey; and who sends it. */
const commandOf = (a: Action, journey: Cycle.Journey, now: number): { principal: Access.Principal; command: unknown } => {
  const cycle = journey.cycles.at(-1)
  const cycleId = cycle?.id ?? "c0"
  const coachOfCycle = cycle?.coachId ?? a.coach
  const due = Time.addDays(Time.dateOf(Time.timestampFromMillis(now)!), a.dueDays)
  const asCoach = (by: string, command: Record<string, unknown>) => ({ principal: Access.principal("coach", by), command: { cycleId, by, ...command } })
  const asTeacher = (command: Record<string, unknown>) => ({ principal: Access.principal("teacher", a.teacher), command: { by: a.teacher, ...command } })
  const n = ++counter
  switch (a.kind) {
    case "reflect":
      return asTeacher({ _tag: "AddReflection", cycleId, reflection: { id: `r${n}`, text: "It went quicker than I thought." } })
    case "reflect-journey":
      return asTeacher({ _tag: "AddReflection", reflection: { id: `r${n}`, text: "My term so far." } })
    case "propose-point":
      return asTeacher({ _tag: "ProposeLeveragePoint", cycleId, proposalId: `p${n}`, leveragePoint: { text: "I take the first hand up.", evidence: cycle?.visits.map((v) => v.visit.id) ?? [] } })
    case "propose-step":
      return asTeacher({ _tag: "ProposeActionStep", cycleId, proposalId: `p${n}`, actionStep: { id: `s${n}`, text: a.text, whyItWorks: "Time to think." } })
    case "agree":
      return asCoach(coachOfCycle, { _tag: "AgreeProposal", proposalId: cycle?.proposals.at(-1)?.proposalId ?? "p0" })
    case "close":
      return asCoach(a.coach, { _tag: "CloseCycle", reason: "Moving on." })
    case "start":
      return asCoach(a.coach, { _tag: "StartCycle", cycleId: `c${n}`, teacherId: a.teacher, coachId: a.coach })
    case "facilitative":
      return asCoach(coachOfCycle, {
        _tag: "HoldFeedbackMeeting",
        meeting: {
          minutes: 15,
          style: "facilitative",
          parts: { praise: "p", probe: "q", problemAndStep: "s", practise: "r", planAhead: "a", timeline: "t" },
          reps: Array.from({ length: a.reps }, () => ({ feedback: "Slower." })),
          whereUsed: "Y7",
          followUpDue: due
        },
        agreeStep: { actionStep: { id: `s${n}`, text: a.text, whyItWorks: "Time to think." }, proposedBy: a.teacher }
      })
    case "calibrate": {
      const step = cycle?.actionSteps.at(-1)?.actionStep.text
      return asCoach(coachOfCycle, {
        _tag: "Calibrate",
        calibration: step !== undefined
          ? { target: "action-step", reviewedBy: [a.coach === "k1" ? "k3" : "k1"], wording: step }
          : { target: "leverage-point", reviewedBy: ["k3"], wording: cycle?.leveragePoint?.leveragePoint.text ?? "Nothing yet." }
      })
    }
    case "continue":
      return asCoach(a.coach, { _tag: "StartCycle", cycleId: `c${n}`, teacherId: a.teacher, coachId: a.coach, follows: cycleId, continueLeveragePoint: true })
    case "visit":
      return asCoach(a.coach, { _tag: "RecordVisit", visit: { id: `v${n}`, minutes: 10, context: "Y8", evidence: ["First hand up."], strengths: ["Calm."], candidates: [] } })
    case "next": {
      const reps = Array.from({ length: a.reps }, () => ({ feedback: "Slower." }))
      switch (cycle?.stage) {
        case undefined:
        case "Secured":
        case "Closed":
          return asCoach(a.coach, {
            _tag: "StartCycle",
            cycleId: `c${n}`,
            teacherId: a.teacher,
            coachId: a.coach,
            ...(cycle?.stage === "Secured" ? { follows: cycle.id } : {})
          })
        case "Observing":
          return cycle.visits.length === 0
            ? asCoach(coachOfCycle, { _tag: "RecordVisit", visit: { id: `v${n}`, minutes: 15, context: "Y7", evidence: ["Took first hand."], strengths: ["Warm."], candidates: [] } })
            : asCoach(coachOfCycle, { _tag: "IdentifyLeveragePoint", leveragePoint: { text: "No thinking time.", evidence: cycle.visits.map((v) => v.visit.id) } })
        case "Diagnosed":
          return asCoach(coachOfCycle, { _tag: "AgreeActionStep", actionStep: { id: `s${n}`, text: a.text, whyItWorks: "Time to think." } })
        case "Planned":
          return asCoach(coachOfCycle, {
            _tag: "HoldFeedbackMeeting",
            meeting: {
              minutes: 15,
              style: "directive",
              parts: { praise: "p", probe: "q", problemAndStep: "s", practise: "r", planAhead: "a", timeline: "t" },
              reps,
              whereUsed: "Y7",
              followUpDue: due
            }
          })
        case "Practising":
          return asCoach(coachOfCycle, { _tag: "RecordFollowUp", followUp: { minutes: 10, evidence: "Saw it.", outcome: a.outcome, ...(a.outcome === "not-seen" ? { nextDue: due } : {}) } })
        case "Replanning":
          return asCoach(coachOfCycle, { _tag: "HoldPracticeSession", session: { minutes: 10, reps, followUpDue: due } })
      }
    }
  }
}

/** Runs a session through the command service; returns the store and how many commands were accepted. */
const session = (actions: ReadonlyArray<Action>) =>
  Effect.gen(function*() {
    const { journeys, store } = yield* storeWith(school)
    const service = Journeys.make(store, { checkActionStep: fakeChecker })
    const views = new Map<string, Cycle.Journey>()
    let now = T0
    let accepted = 0
    for (const a of actions) {
      now += a.advance
      const journey = views.get(a.teacher) ?? Cycle.emptyJourney(a.teacher as Ids.PersonId)
      const { command, principal } = commandOf(a, journey, now)
      const exit = yield* Effect.exit(at(now, service.executeUnknown(principal, a.teacher, command)))
      if (Exit.isSuccess(exit)) {
        accepted++
        // the teacher's own view is the whole journey
        views.set(a.teacher, (yield* at(now, journeys.load(Access.principal("teacher", a.teacher), a.teacher))).journey)
      }
    }
    return { store, accepted }
  })

/** Replays an export through the command service, event by event: whether every event is accepted and decided to itself. */
const replay = (doc: Export.ExportDocument) =>
  Effect.gen(function*() {
    const store = Store.make(testPrimitives())
    for (const kind of Store.recordKinds) {
      for (const record of doc[Records.table[kind].key] as ReadonlyArray<never>) yield* store.records(kind).put(record)
    }
    const journeys = Journeys.make(store, { checkActionStep: fakeChecker })
    const canonical = (e: Events.JourneyEvent) => JSON.stringify(Events.encode(e))
    for (const record of doc.journeys) {
      // The service records nothing as an empty journey: there is no command to replay.
      if (record.events.length === 0) return false
      for (const event of record.events) {
        const command = Cycle.commandOf(event)
        const principal = Access.principal(Cycle.recordedBy(command._tag), event.by)
        const exit = yield* Effect.exit(at(Date.parse(event.at), journeys.execute(principal, record.teacherId, command)))
        if (Exit.isFailure(exit)) return false
        if (canonical(exit.value.events[0]!) !== canonical(event)) return false
      }
    }
    return true
  })

/** One-event mutations of a valid export that keep its records valid (so only the rules can object). */
const mutate = (doc: Export.ExportDocument, choice: { kind: number; journey: number; event: number; other: number }): Export.ExportDocument => {
  const json = JSON.parse(Export.encode(doc)) as { journeys: Array<{ events: Array<Record<string, unknown>> }>; relationships: Array<Record<string, unknown>> }
  const journey = json.journeys[choice.journey % Math.max(1, json.journeys.length)]
  const events = journey?.events ?? []
  const i = events.length === 0 ? 0 : choice.event % events.length
  const e = events[i]
  switch (choice.kind % 7) {
    case 0: // an event dropped
      events.splice(i, 1)
      break
    case 1: // two neighbours swapped
      if (i + 1 < events.length) [events[i], events[i + 1]] = [events[i + 1]!, events[i]!]
      break
    case 2: // recorded by someone else
      if (e) e["by"] = ["t1", "t2", "k1", "k2", "l1"][choice.other % 5]
      break
    case 3: // moved in time
      if (e) e["at"] = new Date(Date.parse(e["at"] as string) + ((choice.other % 9) - 4) * DAY).toISOString()
      break
    case 4: // a relationship's dates changed
      {
        const r = json.relationships[choice.other % json.relationships.length]!
        r["until"] = ["2026-11-03", "2026-11-15", "2026-12-31"][choice.other % 3]
      }
      break
    case 5: // an event duplicated
      if (e) events.splice(i, 0, structuredClone(e))
      break
    default: // a follow-up's outcome changed
      if (e && e["_tag"] === "FollowUpRecorded") (e["followUp"] as Record<string, unknown>)["outcome"] = "secured"
  }
  // still a well-formed document: only the rules may object
  const shape = Export.validate(json).violations.filter((v) => v.code.startsWith("SHAPE_"))
  expect(shape).toEqual([])
  return json as unknown as Export.ExportDocument
}

const runs = Math.min(RUNS, 2000)

describe("one rulebook: the command service and export validation accept the same data", () => {
  it(`a store written through the command service exports valid, and import → export is byte-identical (${runs} sessions)`, async () => {
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
        await Effect.runPromise(Effect.gen(function*() {
          const { store, accepted: n } = yield* session(actions)
          accepted += n
          const doc = yield* Transfer.exportDocument(store)
          expect(Export.validate(doc).violations).toEqual([])
          const text = Export.encode(doc)
          const copy = Store.make(testPrimitives())
          yield* Transfer.importDocument(copy, text)
          expect(Export.encode(yield* Transfer.exportDocument(copy))).toBe(text)
          // every valid export replays through the command service to the same events
          expect(yield* replay(doc)).toBe(true)
        }))
      }),
      { numRuns: runs }
    )
    // more than one accepted command per session on average, so most sessions store something to
    // export (at 30 runs, as in a mutation run, a random draw gives about 2 per session)
    expect(accepted).toBeGreaterThan(runs)
  }, TIMEOUT)

  it(`a mutated export is valid exactly when the command service accepts it event by event (${runs} mutations)`, async () => {
    const verdicts = { valid: 0, invalid: 0 }
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 5, maxLength: 40 }),
        fc.record({ kind: fc.nat(), journey: fc.nat(), event: fc.nat(), other: fc.nat() }),
        async (actions, choice) => {
          await Effect.runPromise(Effect.gen(function*() {
            const { store } = yield* session(actions)
            const doc = mutate(yield* Transfer.exportDocument(store), choice)
            const valid = Export.validate(doc).valid
            verdicts[valid ? "valid" : "invalid"]++
            expect(yield* replay(doc)).toBe(valid)
          }))
        }
      ),
      { numRuns: runs }
    )
    // both answers come up, so the property can fail either way
    expect(verdicts.valid).toBeGreaterThan(runs / 20)
    expect(verdicts.invalid).toBeGreaterThan(runs / 20)
  }, TIMEOUT)

  it(`validate reports exactly the decider's rejections: the same code at the same event, and nothing at events it accepts (${runs} mutations)`, async () => {
    const seen = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 5, maxLength: 40 }),
        fc.record({ kind: fc.nat(), journey: fc.nat(), event: fc.nat(), other: fc.nat() }),
        async (actions, choice) => {
          await Effect.runPromise(Effect.gen(function*() {
            const { store } = yield* session(actions)
            const json = mutate(yield* Transfer.exportDocument(store), choice)
            const report = Export.validate(json)
            // well-formed (mutate checks it): only the rules may object
            const doc = Schema.decodeUnknownSync(Export.ExportDocument)(json)
            // the live decider, as a command service would call it: the document's policy and people, each event's own time
            const people = People.directory({ people: doc.people, relationships: doc.relationships })
            const canonical = (e: Events.JourneyEvent) => JSON.stringify(Events.encode(e))
            doc.journeys.forEach((record, j) => {
              let journey = Cycle.emptyJourney(record.teacherId)
              record.events.forEach((event, i) => {
                const path = `$.journeys[${j}].events[${i}]`
                const here = report.violations.filter((v) => v.path === path || v.path.startsWith(`${path}.`)).map((v) => `${v.code} ${v.path}`)
                const context = { policy: doc.policy ?? Policy.defaultPolicy, people, playbooks: doc.playbooks, checkActionStep: fakeChecker, clock: () => Date.parse(event.at) }
                const decision = Cycle.decide(journey, Cycle.commandOf(event), context)
                if (Result.isFailure(decision)) {
                  seen.set(decision.failure.code, (seen.get(decision.failure.code) ?? 0) + 1)
                  expect(here).toEqual([`${decision.failure.code} ${path}`])
                } else if (canonical(decision.success[0]!) !== canonical(event)) {
                  expect(here.map((v) => v.split(" ")[0])).toEqual(["EVENT_NOT_AS_DECIDED"])
                } else {
                  expect(here).toEqual([])
                }
                journey = Cycle.evolve(journey, event)
              })
            })
          }))
        }
      ),
      { numRuns: runs }
    )
    // rejections come up, so the property can fail (Rules.test.ts states it for every event of a whole cycle, deterministically)
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(runs / 20)
  }, TIMEOUT)
})

describe("Transfer", () => {
  it.effect("round-trips byte-identically through a second store, every kind of record included", () =>
    Effect.gen(function*() {
      const { journeys, store } = yield* storeWith()
      yield* store.records("cohort").put({ id: "co-1" as Ids.CohortId, name: "Early-career teachers 2026" })
      yield* store.records("playbook").put(Playbook.defaultPlaybook)
      for (const [i, command] of Demo.cycleCommands("2026-03-09").entries()) {
        yield* at(Date.parse("2026-03-02T09:00:00.000Z") + i * 3_600_000, journeys.execute(Access.principal("coach", "c-grace"), "t-ada", command))
      }
      const doc = yield* Transfer.exportDocument(store)
      expect(Export.validate(doc)).toEqual({ valid: true, violations: [] })
      const copy = Store.make(testPrimitives())
      const summary = yield* Transfer.importDocument(copy, Export.encode(doc))
      expect(summary).toEqual({ people: 2, cohorts: 1, relationships: 1, playbooks: 1, journeys: 1, events: 7, unchanged: 0 })
      expect(Export.encode(yield* Transfer.exportDocument(copy))).toBe(Export.encode(doc))
    }))

  it.effect("refuses an invalid export whole, and a journey that already exists, writing nothing", () =>
    Effect.gen(function*() {
      const { journeys, store } = yield* storeWith()
      for (const [i, command] of Demo.cycleCommands("2026-03-09").entries()) {
        yield* at(Date.parse("2026-03-02T09:00:00.000Z") + i * 3_600_000, journeys.execute(Access.principal("coach", "c-grace"), "t-ada", command))
      }
      const doc = yield* Transfer.exportDocument(store)
      const p = testPrimitives()
      const target = Store.make(p)
      const broken = { ...doc, journeys: [{ ...doc.journeys[0]!, events: doc.journeys[0]!.events.slice(1) }] }
      const invalid = failure(yield* Effect.exit(Transfer.importDocument(target, broken)))
      expect(invalid._tag).toBe("InvalidExport")
      expect(failure(yield* Effect.exit(Transfer.importDocument(target, "{ not json")))).toMatchObject({ _tag: "InvalidExport" })
      expect(p.calls.writeBatch).toBe(0)
      yield* Transfer.importDocument(target, doc)
      // The same export again: everything is already there, identically; nothing is written.
      expect(yield* Transfer.importDocument(target, doc)).toEqual({ people: 0, cohorts: 0, relationships: 0, playbooks: 0, journeys: 0, events: 0, unchanged: 4 })
      expect(p.calls.writeBatch).toBe(1)
      expect(p.raw.events("journey-t-ada")).toHaveLength(7)
    }))
})
