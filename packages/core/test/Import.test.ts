/**
 * Issue 17, classes 1 and 5 in core: an import never leaves a store its own export rejects
 * (conflicts refused all-or-nothing with every conflicting record reported, or merged under
 * `onConflict: "merge"` with the whole store validated; the policy kept; no journey silently
 * dropped), and stored data is checked on the way out (`STORE_CORRUPT` with stream and version).
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Exit, Option } from "effect"
import fc from "fast-check"
import { Access, Demo, Export, type Ids, Playbook, Policy, Store, Transfer } from "../src/index.js"
import { storeWith, testPrimitives } from "./store-support.js"
import { RUNS, TIMEOUT } from "./support.js"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const fixedClock = (ms: number): Clock.Clock => ({
  currentTimeMillisUnsafe: () => ms,
  currentTimeMillis: Effect.succeed(ms),
  currentTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  monotonicTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
  monotonicTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
  sleep: () => Effect.void
})

/** A store holding the demo school: Grace coaches Ada through one demo cycle, and a cohort and the default playbook. */
const demoStore = (commands = Demo.cycleCommands("2026-03-09").length) =>
  Effect.gen(function*() {
    const { journeys, primitives, store } = yield* storeWith()
    yield* store.records("cohort").put({ id: "co-1" as Ids.CohortId, name: "Early-career teachers 2026" })
    yield* store.records("playbook").put(Playbook.defaultPlaybook)
    for (const [i, command] of Demo.cycleCommands("2026-03-09").slice(0, commands).entries()) {
      yield* Effect.provideService(
        journeys.execute(Access.principal("coach", "c-grace"), "t-ada", command),
        Clock.Clock,
        fixedClock(Date.parse("2026-03-02T09:00:00.000Z") + i * 3_600_000)
      )
    }
    return { primitives, store }
  })

/** The export of a store as plain JSON, to edit. */
const plainExport = (store: Store.CoachingStoreService) => Effect.map(Transfer.exportDocument(store), (doc) => JSON.parse(Export.encode(doc)))

describe("import: conflicts with what the store holds", () => {
  it.effect("every conflicting person, cohort, relationship, playbook and journey is reported; nothing is written; identical records are not conflicts", () =>
    Effect.gen(function*() {
      const { primitives, store } = yield* demoStore()
      const before = Export.encode(yield* Transfer.exportDocument(store))
      const edited = yield* plainExport(store)
      edited.people.find((p: { id: string }) => p.id === "t-ada").name = "Ada L."
      edited.cohorts[0].name = "Another cohort"
      edited.relationships[0].style = "facilitative"
      edited.playbooks[0].name = "Our own playbook"
      edited.journeys[0].events[1].visit.context = "Year 9"
      edited.people.push({ id: "t-new", name: "New Teacher", roles: ["teacher"] })
      const writes = primitives.calls.writeBatch
      const refused = failure(yield* Effect.exit(Transfer.importDocument(store, edited)))
      expect(refused).toMatchObject({ _tag: "ImportRefused", code: "IMPORT_CONFLICT" })
      if (refused._tag !== "ImportRefused") throw new Error("unreachable")
      expect(refused.violations.map((v) => [v.code, v.path])).toEqual([
        ["IMPORT_CONFLICT", "$.people[1]"],
        ["IMPORT_CONFLICT", "$.cohorts[0]"],
        ["IMPORT_CONFLICT", "$.relationships[0]"],
        ["IMPORT_CONFLICT", "$.playbooks[0]"],
        ["IMPORT_CONFLICT", "$.journeys[0].events[1]"]
      ])
      expect(refused.violations[0]!.message).toBe("Person t-ada differs from the store's in name; import with merge to replace it, or change its id.")
      expect(refused.violations[4]!.message).toContain("differs from the store's at event 2")
      expect(primitives.calls.writeBatch).toBe(writes)
      expect(Export.encode(yield* Transfer.exportDocument(store))).toBe(before)
    }))

  it.effect("merge replaces records and continues a journey the store holds the beginning of; the store still validates", () =>
    Effect.gen(function*() {
      const { store } = yield* demoStore(4)
      const { store: full } = yield* demoStore()
      const later = yield* plainExport(full)
      later.cohorts[0].name = "Renamed cohort"
      const refused = failure(yield* Effect.exit(Transfer.importDocument(store, later)))
      expect(refused).toMatchObject({ code: "IMPORT_CONFLICT" })
      if (refused._tag !== "ImportRefused") throw new Error("unreachable")
      expect(refused.violations.map((v) => v.path)).toEqual(["$.cohorts[0]", "$.journeys[0].events"])
      const summary = yield* Transfer.importDocument(store, later, { onConflict: "merge" })
      expect(summary).toEqual({ people: 0, cohorts: 1, relationships: 0, playbooks: 0, journeys: 1, events: 3, unchanged: 4 })
      const after = yield* Transfer.exportDocument(store)
      expect(Export.validate(after)).toEqual({ valid: true, violations: [] })
      expect(Export.encode(after)).toBe(Export.encode(Export.make(later)))
    }))

  it.effect("merge never rewrites recorded events, and refuses what would leave the store invalid (a teacher who is no longer one)", () =>
    Effect.gen(function*() {
      const { primitives, store } = yield* demoStore()
      const before = Export.encode(yield* Transfer.exportDocument(store))
      const diverged = yield* plainExport(store)
      diverged.journeys[0].events[1].visit.context = "Year 9"
      expect(failure(yield* Effect.exit(Transfer.importDocument(store, diverged, { onConflict: "merge" })))).toMatchObject({
        code: "IMPORT_CONFLICT",
        violations: [{ path: "$.journeys[0].events[1]", code: "IMPORT_CONFLICT" }]
      })
      // Ada is made a coach only: her journey's teacher is no longer a teacher.
      const ada = (yield* plainExport(store)).people.find((p: { id: string }) => p.id === "t-ada")
      const demoted = Export.make({ people: [{ ...ada, roles: ["coach"] }] })
      expect(Export.validate(demoted).valid).toBe(true)
      const writes = primitives.calls.writeBatch
      const inconsistent = failure(yield* Effect.exit(Transfer.importDocument(store, demoted, { onConflict: "merge" })))
      expect(inconsistent).toMatchObject({ _tag: "ImportRefused", code: "IMPORT_INCONSISTENT" })
      if (inconsistent._tag !== "ImportRefused") throw new Error("unreachable")
      expect(inconsistent.violations.map((v) => v.code)).toContain("ROLE_MISMATCH")
      expect(primitives.calls.writeBatch).toBe(writes)
      expect(Export.encode(yield* Transfer.exportDocument(store))).toBe(before)
    }))

  it.effect("a journey with no events is refused (EMPTY_JOURNEY), never silently dropped", () =>
    Effect.gen(function*() {
      const { store } = yield* demoStore()
      const doc = yield* plainExport(store)
      doc.people.push({ id: "t-bo", name: "Bo", roles: ["teacher"] })
      doc.journeys.push({ teacherId: "t-bo", events: [] })
      expect(Export.validate(doc).violations).toEqual([
        { path: "$.journeys[1].events", code: "EMPTY_JOURNEY", message: "Teacher t-bo's journey has no events; a journey is its event log, so leave it out until something is recorded." }
      ])
      const target = testPrimitives()
      expect(failure(yield* Effect.exit(Transfer.importDocument(Store.make(target), doc)))).toMatchObject({ _tag: "InvalidExport" })
      expect(target.calls.writeBatch).toBe(0)
    }))
})

describe("import keeps the export's policy", () => {
  const policy = Policy.make({ followUp: { maxDays: 120, recommendedMaxDays: 40 }, reports: { minGroupSize: 7 }, calibration: "recorded" })
  it.effect("export → import → export is byte-identical with a policy; a different policy is a conflict, merged only on request", () =>
    Effect.gen(function*() {
      const { store } = yield* demoStore()
      const chosen = policy.pipe(Effect.fromResult)
      const doc = yield* Transfer.exportDocument(store, { policy: yield* chosen })
      const text = Export.encode(doc)
      const copy = Store.make(testPrimitives())
      yield* Transfer.importDocument(copy, text)
      expect(Option.getOrUndefined(yield* copy.policy.get)).toEqual(yield* chosen)
      expect(Export.encode(yield* Transfer.exportDocument(copy))).toBe(text)
      const other = { ...JSON.parse(text), policy: Policy.defaultPolicy }
      const refused = failure(yield* Effect.exit(Transfer.importDocument(copy, other)))
      expect(refused).toMatchObject({ code: "IMPORT_CONFLICT", violations: [{ path: "$.policy", code: "IMPORT_CONFLICT" }] })
      yield* Transfer.importDocument(copy, other, { onConflict: "merge" })
      expect(Option.getOrUndefined(yield* copy.policy.get)).toEqual(Policy.defaultPolicy)
    }))

  it(`any export the command service produces, with any policy it still satisfies, imports and re-exports byte-identically (${Math.min(RUNS, 500)} runs)`, async () => {
    const arbitraryPolicy = fc.record({
      recommendedMaxDays: fc.integer({ min: 28, max: 200 }),
      extra: fc.integer({ min: 0, max: 300 }),
      targetMin: fc.integer({ min: 1, max: 20 }),
      spread: fc.integer({ min: 0, max: 20 }),
      minGroupSize: fc.option(fc.integer({ min: 3, max: 1000 }), { nil: undefined }),
      recorded: fc.boolean()
    })
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, fc.integer({ min: 0, max: 7 }), async (p, commands) => {
        await Effect.runPromise(Effect.gen(function*() {
          const { store } = yield* demoStore(commands)
          const chosen: Policy.Policy = {
            followUp: { minDays: 1, recommendedMaxDays: p.recommendedMaxDays, maxDays: p.recommendedMaxDays + p.extra },
            rehearsal: { minReps: 1, targetMin: p.targetMin, targetMax: p.targetMin + p.spread },
            ...(p.recorded ? { calibration: "recorded" as const } : {}),
            ...(p.minGroupSize !== undefined ? { reports: { minGroupSize: p.minGroupSize } } : {})
          }
          yield* store.policy.put(chosen)
          const text = Export.encode(yield* Transfer.exportDocument(store))
          expect(JSON.parse(text).policy).toEqual(chosen)
          const copy = Store.make(testPrimitives())
          yield* Transfer.importDocument(copy, text)
          expect(Export.encode(yield* Transfer.exportDocument(copy))).toBe(text)
          // and again into the same store: nothing differs, nothing is written
          expect((yield* Transfer.importDocument(copy, text)).unchanged).toBeGreaterThan(0)
          expect(Export.encode(yield* Transfer.exportDocument(copy))).toBe(text)
        }))
      }),
      { numRuns: Math.min(RUNS, 500) }
    )
  }, TIMEOUT)
})

describe("stored data is checked on the way out", () => {
  it.effect("an event that is JSON but not a valid event: a read reports STORE_CORRUPT with the stream and version (a missing field, an unknown one, null)", () =>
    Effect.gen(function*() {
      const { primitives, store } = yield* demoStore()
      const events = primitives.raw.events("journey-t-ada").map((e) => JSON.parse(e))
      const damage = (f: (e: Record<string, unknown>) => void) =>
        Effect.gen(function*() {
          const p = testPrimitives()
          const copy = Store.make(p)
          const damaged = structuredClone(events)
          f(damaged[1])
          p.raw.append("journey-t-ada", damaged.map((e: unknown) => JSON.stringify(e)), primitives.raw.index("journey-t-ada"))
          return failure(yield* Effect.exit(copy.readStream("journey-t-ada")))
        })
      for (const f of [(e: Record<string, unknown>) => delete e["visit"], (e: Record<string, unknown>) => (e["extra"] = 1), (e: Record<string, unknown>) => (e["visit"] = null)]) {
        expect(yield* damage(f)).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT", streamId: "journey-t-ada", version: 2 })
      }
      void store
    }))

  it.effect("an event damaged deep inside: export reports STORE_CORRUPT with the stream, version and field (never an internal error)", () =>
    Effect.gen(function*() {
      const { primitives } = yield* demoStore()
      const events = primitives.raw.events("journey-t-ada").map((e) => JSON.parse(e))
      delete events[1].visit.minutes
      const p = testPrimitives()
      p.raw.append("journey-t-ada", events.map((e: unknown) => JSON.stringify(e)), primitives.raw.index("journey-t-ada"))
      const error = failure(yield* Effect.exit(Transfer.exportDocument(Store.make(p))))
      expect(error).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT", streamId: "journey-t-ada", version: 2 })
      expect(error.message).toContain("event.visit.minutes")
    }))

  it.effect("a damaged index row (no teacher, another teacher, a bad date) is STORE_CORRUPT naming the stream; export leaves nothing out", () =>
    Effect.gen(function*() {
      const { primitives } = yield* demoStore()
      const events = primitives.raw.events("journey-t-ada")
      const index = primitives.raw.index("journey-t-ada")!
      for (const bad of [{ ...index, teacherId: undefined }, { ...index, teacherId: "t-other" }, { ...index, followUpDue: "2026-02-30" }]) {
        const p = testPrimitives()
        p.raw.append("journey-t-ada", events, bad as Store.StreamIndex)
        expect(failure(yield* Effect.exit(Transfer.exportDocument(Store.make(p))))).toMatchObject({ code: "STORE_CORRUPT", streamId: "journey-t-ada" })
      }
      // events without an index row, as an adapter that keeps them apart reports them
      const p = testPrimitives()
      const orphaned = Store.make({ ...p, unindexedStreams: () => Effect.succeed(["journey-t-ada"]) })
      expect(failure(yield* Effect.exit(Transfer.exportDocument(orphaned)))).toMatchObject({ code: "STORE_CORRUPT", streamId: "journey-t-ada" })
    }))
})
