/**
 * Issue 17, classes 1 and 5 in core: an import never leaves a store its own export rejects
 * (conflicts refused all-or-nothing with every conflicting record reported, or merged under
 * `onConflict: "merge"` with the whole store validated; the policy kept; no journey silently
 * dropped), and stored data is checked on the way out (`STORE_CORRUPT` with stream and version).
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Exit, Option } from "effect"
import fc from "fast-check"
import { Access, Demo, Export, Granularity, type Ids, Journeys, Playbook, Policy, Store, Time, Transfer } from "../src/index.js"
import { storeWith, testPrimitives } from "./store-support.js"
import { RUNS, TIMEOUT } from "./support.js"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const fixedClock = Time.clockAt

/** A store holding the demo school: Grace coaches Ada through one demo cycle, and a cohort and the default playbook. */
const demoStore = (commands = Demo.cycleCommands("2026-03-09").length) =>
  Effect.gen(function*() {
    const { primitives, store } = yield* demoJourney(commands)
    yield* store.records("cohort").put({ id: "co-1" as Ids.CohortId, name: "Early-career teachers 2026" })
    yield* store.records("playbook").put(Playbook.defaultPlaybook)
    return { primitives, store }
  })

/** Grace records the first `commands` of the demo cycle on Ada's journey, an hour apart, in a store of their people and relationship. */
const demoJourney = (commands: number) =>
  Effect.gen(function*() {
    const { journeys, primitives, store } = yield* storeWith()
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

// ---------------------------------------------------------------------------------------------
// Rules of an import stated over their range (issue 19: found by mutation testing)
// ---------------------------------------------------------------------------------------------

/** The demo journey (`commands` of the demo cycle) in a store holding only its people and relationship: no cohort, no playbook, no policy. */
const journeyOnlyStore = (commands: number) => demoJourney(commands)

/** Rehearsal asks for more reps than the demo meeting's 8: the demo journey breaks it at one event. */
const strict = Policy.make({ rehearsal: { minReps: 9, targetMin: 9, targetMax: 12 } })

const refusal = (error: unknown) => {
  if (typeof error !== "object" || error === null || (error as { _tag?: unknown })._tag !== "ImportRefused") throw new Error(`expected ImportRefused, got ${JSON.stringify(error)}`)
  return error as Transfer.ImportRefused
}

describe("import: a refusal says how many records differ, which, and in which fields", () => {
  it.effect("one conflict, two conflicts, a record and a policy differing in several fields", () =>
    Effect.gen(function*() {
      const { store } = yield* demoStore()
      const one = yield* plainExport(store)
      one.cohorts[0].name = "Another cohort"
      expect(refusal(failure(yield* Effect.exit(Transfer.importDocument(store, one)))).message).toBe(
        "The store already holds 1 record that differs from the export's; nothing was written. The first: $.cohorts[0]: Cohort co-1 differs from the store's in name; import with merge to replace it, or change its id."
      )
      const two = yield* plainExport(store)
      const ada = two.people.find((p: { id: string }) => p.id === "t-ada")
      ada.name = "Ada L."
      ada.roles = ["teacher", "coach"]
      two.cohorts[0].name = "Another cohort"
      const refused = refusal(failure(yield* Effect.exit(Transfer.importDocument(store, two))))
      expect(refused.message).toBe(
        "The store already holds 2 records that differ from the export's; nothing was written. The first: $.people[1]: Person t-ada differs from the store's in name, roles; import with merge to replace it, or change its id."
      )
      expect(refused.violations.map((v) => v.path)).toEqual(["$.people[1]", "$.cohorts[0]"])
      // the policy: every differing field is named
      yield* store.policy.put(Policy.defaultPolicy)
      const other = { ...(yield* plainExport(store)), policy: yield* Effect.fromResult(Policy.make({ followUp: { maxDays: 120, recommendedMaxDays: 40 }, calibration: "recorded" })) }
      expect(refusal(failure(yield* Effect.exit(Transfer.importDocument(store, other)))).violations).toEqual([
        { path: "$.policy", code: "IMPORT_CONFLICT", message: "The export's policy differs from the store's in followUp, calibration; a store keeps one policy." }
      ])
    }))

  it.effect("a journey the store holds more of: refused without merge (the store's events are kept either way); a journey the store holds the beginning of: the message counts the missing events", () =>
    Effect.gen(function*() {
      const { store } = yield* demoStore()
      const full = Export.encode(yield* Transfer.exportDocument(store))
      const total = (JSON.parse(full) as { journeys: Array<{ events: Array<unknown> }> }).journeys[0]!.events.length
      const shorter = JSON.parse(full)
      shorter.journeys[0].events = shorter.journeys[0].events.slice(0, 4)
      expect(refusal(failure(yield* Effect.exit(Transfer.importDocument(store, shorter)))).violations).toEqual([
        {
          path: "$.journeys[0].events",
          code: "IMPORT_CONFLICT",
          message: `The store holds ${total} events of teacher t-ada's journey; the export only the first 4. Import with merge to keep the store's.`
        }
      ])
      // with merge the store keeps its longer journey: nothing is written, everything counts as unchanged
      const merged = yield* Transfer.importDocument(store, shorter, { onConflict: "merge" })
      expect(merged).toEqual({ people: 0, cohorts: 0, relationships: 0, playbooks: 0, journeys: 0, events: 0, unchanged: 2 + 1 + 1 + 1 + 1 })
      expect(Export.encode(yield* Transfer.exportDocument(store))).toBe(full)

      const { store: beginning } = yield* demoStore(4)
      expect(refusal(failure(yield* Effect.exit(Transfer.importDocument(beginning, full)))).violations).toEqual([
        {
          path: "$.journeys[0].events",
          code: "IMPORT_CONFLICT",
          message: `The store holds the first 4 of the ${total} events of teacher t-ada's journey; import with merge to add the other ${total - 4}.`
        }
      ])
    }))

  it.effect("importing what the store already holds writes nothing and counts every record, journey and the policy as unchanged", () =>
    Effect.gen(function*() {
      const { primitives, store } = yield* demoStore()
      yield* store.policy.put(Policy.defaultPolicy)
      const text = Export.encode(yield* Transfer.exportDocument(store))
      const writes = primitives.calls.writeBatch
      // 2 people, 1 cohort, 1 relationship, 1 playbook, 1 journey, the policy
      expect(yield* Transfer.importDocument(store, text)).toEqual({ people: 0, cohorts: 0, relationships: 0, playbooks: 0, journeys: 0, events: 0, unchanged: 7 })
      expect(primitives.calls.writeBatch).toBe(writes)
    }))
})

describe("import: the store afterwards is validated as a whole unless it was empty", () => {
  it.effect("events only (every record already held): written in one batch, and checked against the store's policy", () =>
    Effect.gen(function*() {
      const { store: full } = yield* demoStore()
      const later = Export.encode(yield* Transfer.exportDocument(full))
      const { store } = yield* demoStore(4)
      const summary = yield* Transfer.importDocument(store, later, { onConflict: "merge" })
      expect(summary).toMatchObject({ people: 0, cohorts: 0, relationships: 0, playbooks: 0, journeys: 1, unchanged: 5 })
      expect(Export.encode(yield* Transfer.exportDocument(store))).toBe(later)

      // the same events into a store whose policy asks for more reps than the journey's meeting had
      const { primitives, store: stricter } = yield* demoStore(4)
      yield* stricter.policy.put(yield* Effect.fromResult(strict))
      const before = Export.encode(yield* Transfer.exportDocument(stricter))
      const writes = primitives.calls.writeBatch
      const refused = refusal(failure(yield* Effect.exit(Transfer.importDocument(stricter, later, { onConflict: "merge" }))))
      expect(refused.code).toBe("IMPORT_INCONSISTENT")
      expect(refused.violations.map((v) => v.code)).toEqual(["REHEARSAL_TOO_FEW_REPS"])
      expect(refused.message).toBe(
        `After this import the store would not validate (1 violation; paths are in the store's export as it would be); nothing was written. The first: ${refused.violations[0]!.path}: ${refused.violations[0]!.message}`
      )
      expect(primitives.calls.writeBatch).toBe(writes)
      expect(Export.encode(yield* Transfer.exportDocument(stricter))).toBe(before)
    }))

  it.effect("a store that holds only a policy is not empty: what is imported is checked against that policy", () =>
    Effect.gen(function*() {
      const { store: full } = yield* demoStore()
      const text = Export.encode(yield* Transfer.exportDocument(full))
      const primitives = testPrimitives()
      const store = Store.make(primitives)
      yield* store.policy.put(yield* Effect.fromResult(strict))
      const refused = refusal(failure(yield* Effect.exit(Transfer.importDocument(store, text))))
      expect(refused).toMatchObject({ code: "IMPORT_INCONSISTENT", violations: [{ code: "REHEARSAL_TOO_FEW_REPS" }] })
      expect(primitives.calls.writeBatch).toBe(0)
      // an empty store takes the export as it is
      const empty = Store.make(testPrimitives())
      yield* Transfer.importDocument(empty, text)
      expect(Export.encode(yield* Transfer.exportDocument(empty))).toBe(text)
    }))

  it.effect("a store that holds some kinds and none of others (no cohort, no playbook) is checked too; every violation is counted", () =>
    Effect.gen(function*() {
      const { primitives, store } = yield* journeyOnlyStore(Demo.cycleCommands("2026-03-09").length)
      const ada = (yield* plainExport(store)).people.find((p: { id: string }) => p.id === "t-ada")
      const demoted = Export.make({ people: [{ ...ada, roles: ["coach"] }] })
      const writes = primitives.calls.writeBatch
      const refused = refusal(failure(yield* Effect.exit(Transfer.importDocument(store, demoted, { onConflict: "merge" }))))
      expect(refused.code).toBe("IMPORT_INCONSISTENT")
      const n = refused.violations.length
      expect(n).toBeGreaterThan(1)
      expect(refused.message).toContain(`(${n} violations; paths`)
      expect(refused.message).toContain(`The first: ${refused.violations[0]!.path}: ${refused.violations[0]!.message}`)
      expect(primitives.calls.writeBatch).toBe(writes)
    }))
})

describe("import: recorded granularity reports are rechecked with the checkers given", () => {
  const versioned = (version: string, granular: boolean): Granularity.Checker =>
    Object.assign((text: string): Granularity.GranularityReport => ({ ...Granularity.acceptAll(text), granular, score: granular ? 1 : 0.1 }), { version })

  it.effect("a report its own checker version now disagrees with is refused (GRANULARITY_MISMATCH); without recheck, or with another version, it is imported as recorded", () =>
    Effect.gen(function*() {
      const { store: source } = yield* storeWith()
      const journeys = Journeys.make(source, { checkActionStep: versioned("test-checker/1", true) })
      for (const [i, command] of Demo.cycleCommands("2026-03-09").entries()) {
        yield* Effect.provideService(journeys.execute(Access.principal("coach", "c-grace"), "t-ada", command), Clock.Clock, fixedClock(Date.parse("2026-03-02T09:00:00.000Z") + i * 3_600_000))
      }
      const text = Export.encode(yield* Transfer.exportDocument(source))
      expect(text).toContain("test-checker/1")
      const disagrees = versioned("test-checker/1", false)
      const refused = failure(yield* Effect.exit(Transfer.importDocument(Store.make(testPrimitives()), text, { recheck: [disagrees] })))
      expect(refused).toMatchObject({ _tag: "InvalidExport" })
      expect(JSON.stringify(refused)).toContain("GRANULARITY_MISMATCH")
      for (const options of [{}, { recheck: [versioned("test-checker/2", false)] }, { recheck: [versioned("test-checker/1", true)] }]) {
        const target = Store.make(testPrimitives())
        yield* Transfer.importDocument(target, text, options)
        expect(Export.encode(yield* Transfer.exportDocument(target))).toBe(text)
      }
    }))
})

describe("export: damaged storage is named, never skipped", () => {
  it.effect("streams without an index row: one is named, several are listed (ten at most); none is a healthy export", () =>
    Effect.gen(function*() {
      const { primitives, store } = yield* demoStore()
      const text = Export.encode(yield* Transfer.exportDocument(store))
      const withOrphans = (orphans: ReadonlyArray<string>) => Store.make({ ...primitives, unindexedStreams: () => Effect.succeed(orphans) })
      expect(Export.encode(yield* Transfer.exportDocument(withOrphans([])))).toBe(text)
      expect(failure(yield* Effect.exit(Transfer.exportDocument(withOrphans(["journey-a"]))))).toMatchObject({
        code: "STORE_CORRUPT",
        streamId: "journey-a",
        message: "Stored data is damaged: stream journey-a holds events but has no index row, so no list finds it."
      })
      expect(failure(yield* Effect.exit(Transfer.exportDocument(withOrphans(["journey-a", "journey-b"]))))).toMatchObject({
        streamId: "journey-a",
        message: "Stored data is damaged: streams journey-a, journey-b hold events but have no index row, so no list finds them."
      })
      const many = Array.from({ length: 12 }, (_, i) => `journey-${i + 1}`)
      expect(failure(yield* Effect.exit(Transfer.exportDocument(withOrphans(many))))).toMatchObject({
        message: `Stored data is damaged: streams ${many.slice(0, 10).join(", ")}, … hold events but have no index row, so no list finds them.`
      })
      expect(failure(yield* Effect.exit(Transfer.exportDocument(withOrphans(many.slice(0, 10)))))).toMatchObject({
        message: `Stored data is damaged: streams ${many.slice(0, 10).join(", ")} hold events but have no index row, so no list finds them.`
      })
    }))

  it.effect("an index row that names no teacher or another teacher is named as such; a listed stream without events is STORE_CORRUPT too", () =>
    Effect.gen(function*() {
      const { primitives } = yield* demoStore()
      const events = primitives.raw.events("journey-t-ada")
      const index = primitives.raw.index("journey-t-ada")!
      const exportWith = (row: Store.StreamIndex) => {
        const p = testPrimitives()
        p.raw.append("journey-t-ada", events, row)
        return Effect.exit(Transfer.exportDocument(Store.make(p)))
      }
      expect(failure(yield* exportWith({ ...index, teacherId: undefined }))).toMatchObject({
        message: "Stored data is damaged: the index row of stream journey-t-ada names no teacher; a journey's row names its teacher (journey-<teacher id>)."
      })
      expect(failure(yield* exportWith({ ...index, teacherId: "t-other" as Ids.PersonId }))).toMatchObject({
        message: "Stored data is damaged: the index row of stream journey-t-ada names teacher t-other; a journey's row names its teacher (journey-<teacher id>)."
      })
      const vanished = Store.make({ ...primitives, read: () => Effect.succeed(Option.none()) })
      expect(failure(yield* Effect.exit(Transfer.exportDocument(vanished)))).toMatchObject({
        code: "STORE_CORRUPT",
        streamId: "journey-t-ada",
        message: "Stored data is damaged: stream journey-t-ada is listed but holds no events."
      })
    }))
})
