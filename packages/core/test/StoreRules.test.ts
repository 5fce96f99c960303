/**
 * The storage port's rules stated over their range (issue 19: found by mutation testing of
 * `Store.ts`): every refusal names the path and shows what it was given, in a sentence a person
 * can act on; damaged stored data is named down to the stream, version and field; pages end
 * exactly when the items do; the relationship between two people is the one active on the day,
 * else the latest; the stored form of an event is the same however the event was checked.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Exit, Option, Result } from "effect"
import { Demo, type Events, Policy, Store } from "../src/index.js"
import { testPrimitives } from "./store-support.js"
import { relationship } from "./support.js"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (!reason || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const failureOf = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.success)}`)
  return result.failure
}

const index: Store.StreamIndex = { teacherId: "t-ada" as never, coachId: undefined, open: false, followUpDue: undefined }
const reflection = (id: string): Events.JourneyEvent =>
  ({ _tag: "ReflectionAdded", at: "2026-03-02T09:00:00.000Z", by: "t-ada", reflection: { id, text: "Noted." } }) as unknown as Events.JourneyEvent

const idRule = "must be an id of 1–136 letters, digits, _ . : - starting with a letter or digit; got"

describe("Store: a refusal names the path and shows what it was given", () => {
  it("an id that is not a slug: what was given is described (nothing, a null, a number, an empty string, a string up to 40 characters, a longer one cut)", () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [undefined, "nothing"],
      [null, "a null"],
      [7, "a number"],
      [{}, "a object"],
      ["", "an empty string"],
      ["bad id", "\"bad id\" (6 characters)"],
      [`${"x".repeat(39)} `, `"${"x".repeat(39)} " (40 characters)`],
      [`${"x".repeat(40)} `, `"${"x".repeat(40)}…" (41 characters)`]
    ]
    for (const [id, shown] of cases) {
      expect(failureOf(Store.validateId(id, "streamId"))).toMatchObject({ code: "INVALID_ID", path: "streamId", message: `streamId ${idRule} ${shown}.` })
    }
    expect(Store.validateId("a".repeat(136), "id")).toEqual(Result.succeed("a".repeat(136)))
  })

  it.effect("expected versions: a whole number from 0, \"no-stream\" or \"any\"; anything else is named", () =>
    Effect.gen(function*() {
      const store = Store.make(testPrimitives())
      expect(yield* store.append("s-0", [reflection("r1")], { expected: 0, index })).toEqual({ streamId: "s-0", previousVersion: 0, version: 1 })
      for (const [expected, shown] of [[-1, "-1"], [1.5, "1.5"], ["latest", "\"latest\""], [undefined, "nothing"], [null, "null"]] as const) {
        const error = failure(yield* Effect.exit(store.append("s-1", [reflection("r1")], { expected: expected as never, index })))
        expect({ code: error.code, path: (error as Store.InvalidInput).path, message: error.message }).toEqual(
          { code: "INVALID_EXPECTED_VERSION", path: "expected", message: `expected must be a whole number ≥ 0, "no-stream" or "any"; got ${shown}.` }
        )
      }
      // no options at all is the same refusal, never a crash
      expect(failure(yield* Effect.exit(store.append("s-1", [reflection("r1")], undefined as never)))).toMatchObject({ code: "INVALID_EXPECTED_VERSION" })
    }))

  it.effect("a stale expectation says what was expected and what was found", () =>
    Effect.gen(function*() {
      const store = Store.make(testPrimitives())
      yield* store.append("s-1", [reflection("r1")], { expected: "no-stream", index })
      const message = (expected: Store.ExpectedVersion, streamId = "s-1") =>
        Effect.map(Effect.flip(store.append(streamId, [reflection("r2")], { expected, index })), (e) => e.message)
      expect(yield* message("no-stream")).toBe("Stream s-1 changed: the append expected no stream yet, but it is at version 1. Reload and decide again.")
      expect(yield* message(3)).toBe("Stream s-1 changed: the append expected version 3, but it is at version 1. Reload and decide again.")
      expect(yield* message(2, "s-new")).toBe("Stream s-new changed: the append expected version 2, but it does not exist. Reload and decide again.")
    }))

  it.effect("events, index rows, limits, queries and versions: each refusal with its path and sentence", () =>
    Effect.gen(function*() {
      const store = Store.make(testPrimitives())
      const refusal = <A, E>(effect: Effect.Effect<A, E>) =>
        Effect.map(Effect.flip(effect), (e) => {
          const { code, message, path } = e as unknown as Store.InvalidInput
          return { code, path, message }
        })
      expect(yield* refusal(store.append("s-1", [], { expected: "any", index }))).toEqual({ code: "EMPTY_APPEND", path: "events", message: "An append needs at least one event." })
      const broken = { ...reflection("r1"), at: "yesterday" }
      expect(yield* refusal(store.append("s-1", [broken as never], { expected: "any", index }))).toMatchObject({
        code: "INVALID_EVENT",
        path: "events[0].at",
        message: expect.stringMatching(/^Not a journey event at events\[0\]\.at: .+/)
      })
      expect(yield* refusal(store.append("s-1", [reflection("r1")], { expected: "any", index: { ...index, open: "no" } as never }))).toMatchObject({
        code: "INVALID_INDEX",
        path: "index.open",
        message: expect.stringMatching(/^Not a stream index row at index\.open: .+ \(compute it with Journeys\.indexOf\)\.$/)
      })
      expect(yield* refusal(store.append("s-1", [reflection("r1")], { expected: "any", index: { ...index, extra: 1 } as never }))).toMatchObject({
        code: "INVALID_INDEX",
        path: "index.extra"
      })
      for (const limit of [0, 1001, 1.5, "10"]) {
        expect(yield* refusal(store.listStreams({ limit: limit as number }))).toEqual({
          code: "INVALID_LIMIT",
          path: "limit",
          message: `limit must be a whole number from 1 to 1000; got ${JSON.stringify(limit)}.`
        })
      }
      expect((yield* store.listStreams({ limit: 1000 })).items).toEqual([])
      expect(yield* refusal(store.listStreams("open" as never))).toEqual({ code: "INVALID_QUERY", path: "query", message: "A stream query is an object of filters and paging options." })
      expect(yield* refusal(store.listStreams({ coach: "c-1" } as never))).toEqual({
        code: "INVALID_QUERY",
        path: "coach",
        message: "coach is not a stream filter; use teacherId, coachId, open, followUpDueBefore, limit, cursor."
      })
      expect(yield* refusal(store.records("person").list({ teacherId: "t" } as never))).toEqual({
        code: "INVALID_QUERY",
        path: "teacherId",
        message: "teacherId is not a person filter; use ref, limit, cursor."
      })
      expect(yield* refusal(store.listStreams({ open: "yes" as never }))).toEqual({ code: "INVALID_QUERY", path: "open", message: "open must be true or false." })
      expect((yield* store.listStreams({ open: false })).items).toEqual([])
      expect(yield* refusal(store.listStreams({ followUpDueBefore: "2026-02-30" }))).toEqual({
        code: "INVALID_QUERY",
        path: "followUpDueBefore",
        message: "followUpDueBefore must be a calendar date like 2026-11-29."
      })
      expect(yield* refusal(store.readStream("s-1", { after: -1 }))).toEqual({ code: "INVALID_VERSION", path: "after", message: "after must be a whole number ≥ 0; got -1." })
      expect(yield* refusal(store.readStream("bad id"))).toMatchObject({ code: "INVALID_ID", path: "streamId" })
    }))

  it.effect("a cursor is only ever a next value of the same list: anything else is INVALID_CURSOR, said the same way", () =>
    Effect.gen(function*() {
      const store = Store.make(testPrimitives())
      const encoded = (value: unknown) => `c1.${Buffer.from(JSON.stringify(value)).toString("base64url")}`
      expect(encoded(["streams", "s-1"]).startsWith("c1.")).toBe(true)
      // a well-made cursor pages
      expect((yield* store.listStreams({ cursor: encoded(["streams", "s-1"]) })).items).toEqual([])
      const bad = ["", "c2.abc", "c1.***", `c1.${Buffer.from("{not json").toString("base64url")}`, encoded(["streams"]), encoded(["streams", "s-1", "x"]), encoded(["people", "s-1"]), encoded(["streams", 5]), encoded({ 0: "streams", 1: "s-1", length: 2 }), encoded("streams"), `c2.${encoded(["streams", "s-1"]).slice(3)}`]
      for (const cursor of bad) {
        const error = failure(yield* Effect.exit(store.listStreams({ cursor })))
        expect({ cursor, code: error.code, path: (error as Store.InvalidInput).path, message: error.message }).toEqual(
          { cursor, code: "INVALID_CURSOR", path: "cursor", message: "cursor must be a `next` value returned by the same kind of list." }
        )
      }
    }))

  it("a record or a policy that is not valid: the path of the field and a sentence; a policy is stored as the setting", () => {
    expect(failureOf(Store.storedRecord("person", { id: "p-1", name: "", roles: ["teacher"] }))).toMatchObject({
      code: "INVALID_RECORD",
      path: "person.name",
      message: expect.stringMatching(/^Not a valid person at person\.name: .+/)
    })
    expect(failureOf(Store.storedValue("setting", { followUp: { minDays: -1 } }))).toMatchObject({
      code: "INVALID_RECORD",
      path: expect.stringMatching(/^policy\./),
      message: expect.stringMatching(/^Not a valid policy at policy\..+: .+/)
    })
    expect(failureOf(Store.storedPolicy({ ...Policy.defaultPolicy, extra: 1 }))).toMatchObject({ code: "INVALID_RECORD", path: "policy.extra" })
    expect(Store.storedValue("setting", Policy.defaultPolicy)).toEqual(Result.succeed({ kind: "setting", id: "policy", json: JSON.stringify(Policy.defaultPolicy), refs: [] }))
    expect(Result.getOrThrow(Store.storedValue("person", { id: "p-1", name: "A", roles: ["teacher"] }))).toMatchObject({ kind: "person", id: "p-1", refs: [] })
  })
})

describe("Store: damaged stored data is named down to the stream, version and field", () => {
  it.effect("events: not JSON, not an object, an unknown tag, a missing, unknown or null field, a version that does not match", () =>
    Effect.gen(function*() {
      const p = testPrimitives()
      const store = Store.make(p)
      const ok = JSON.stringify(reflection("r1"))
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["{not json", "event 2 of stream s-x is not JSON"],
        ["[1]", "event 2 of stream s-x is not a valid journey event: it is not a JSON object"],
        ["null", "event 2 of stream s-x is not a valid journey event: it is not a JSON object"],
        ["5", "event 2 of stream s-x is not a valid journey event: it is not a JSON object"],
        [JSON.stringify({ _tag: "Graded" }), "event 2 of stream s-x is not a valid journey event: its _tag \"Graded\" is not a journey event this library knows"],
        [JSON.stringify({ at: "2026-03-02T09:00:00.000Z" }), "event 2 of stream s-x is not a valid journey event: its _tag (missing) is not a journey event this library knows"],
        [JSON.stringify({ _tag: `G${"x".repeat(80)}` }), `event 2 of stream s-x is not a valid journey event: its _tag "G${"x".repeat(58)} is not a journey event this library knows`],
        [JSON.stringify({ ...reflection("r2"), reflection: undefined }), "event 2 of stream s-x is not a valid journey event: its field reflection is missing"],
        [JSON.stringify({ ...reflection("r2"), reflection: null }), "event 2 of stream s-x is not a valid journey event: its field reflection is missing"],
        [JSON.stringify({ ...reflection("r2"), grade: 3 }), "event 2 of stream s-x is not a valid journey event: its field \"grade\" is not a field of ReflectionAdded"],
        [JSON.stringify({ ...reflection("r2"), cycleId: null }), "event 2 of stream s-x is not a valid journey event: its field cycleId is null"]
      ]
      for (const [i, [json, what]] of cases.entries()) {
        const streamId = `s-${i}`
        p.raw.append(streamId, [ok, json])
        const error = failure(yield* Effect.exit(store.readStream(streamId)))
        expect(error).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT", streamId, version: 2, message: `Stored data is damaged: ${what.replace("s-x", streamId)}.` })
        expect("detail" in error).toBe(json === "{not json")
      }
      // the adapter says version 3 but returns one event after version 1
      const short = Store.make({ ...p, read: () => Effect.succeed(Option.some({ version: 3, events: [ok] })) })
      expect(failure(yield* Effect.exit(short.readStream("s-0", { after: 1 })))).toMatchObject({
        code: "STORE_CORRUPT",
        streamId: "s-0",
        message: "Stored data is damaged: stream s-0 says version 3 but holds 2 events."
      })
      // read past the end: no events, the stream's version
      expect(Option.getOrThrow(yield* Store.make({ ...p, read: () => Effect.succeed(Option.some({ version: 1, events: [] })) }).readStream("s-0", { after: 5 }))).toEqual({ streamId: "s-0", version: 1, events: [] })
    }))

  it.effect("index rows as listed: an id that is not a slug, a version below 1 or not whole, an invalid row", () =>
    Effect.gen(function*() {
      const p = testPrimitives()
      const row = (over: Record<string, unknown>) => Store.make({ ...p, listStreams: () => Effect.succeed([{ streamId: "s-1", version: 1, ...index, ...over } as never]) })
      const listed = (over: Record<string, unknown>) => Effect.flip(row(over).listStreams())
      expect(yield* row({}).listStreams()).toMatchObject({ items: [{ streamId: "s-1", version: 1 }] })
      expect(yield* listed({ streamId: "bad id" })).toMatchObject({ code: "STORE_CORRUPT", streamId: "bad id", message: "Stored data is damaged: a stream index row has the id \"bad id\"." })
      expect(yield* listed({ streamId: "" })).toMatchObject({ code: "STORE_CORRUPT", message: "Stored data is damaged: a stream index row has the id \"\"." })
      // an id that is not a string is damage too, never read as "42" or "undefined"
      expect(yield* listed({ streamId: 42 as never })).toMatchObject({ code: "STORE_CORRUPT", message: "Stored data is damaged: a stream index row has the id 42." })
      expect(yield* listed({ streamId: undefined as never })).toMatchObject({ code: "STORE_CORRUPT", message: "Stored data is damaged: a stream index row has the id undefined." })
      expect(yield* listed({ streamId: `${"x".repeat(70)} ` })).toMatchObject({ code: "STORE_CORRUPT", message: `Stored data is damaged: a stream index row has the id "${"x".repeat(59)}.` })
      for (const version of [0, -1, 1.5, "1"]) {
        expect(yield* listed({ version })).toMatchObject({ code: "STORE_CORRUPT", streamId: "s-1", message: `Stored data is damaged: the index row of stream s-1 says version ${String(version)}.` })
      }
      expect(yield* listed({ open: "yes" })).toMatchObject({
        code: "STORE_CORRUPT",
        streamId: "s-1",
        message: expect.stringMatching(/^Stored data is damaged: the index row of stream s-1 is not valid at index\.open: .+\.$/)
      })
      expect(yield* listed({ extra: 1 })).toMatchObject({ code: "STORE_CORRUPT", message: expect.stringContaining("index.extra") })
    }))

  it.effect("records and the policy: not JSON (with the parser's words) or not valid (with the field)", () =>
    Effect.gen(function*() {
      const p = testPrimitives()
      const store = Store.make(p)
      p.raw.putRecord("person", "p-1", "{")
      p.raw.putRecord("person", "p-2", JSON.stringify({ id: "p-2", name: "", roles: ["teacher"] }))
      expect(failure(yield* Effect.exit(store.records("person").get("p-1")))).toMatchObject({ code: "STORE_CORRUPT", message: "Stored data is damaged: person p-1 is not JSON.", detail: expect.any(String) })
      expect(failure(yield* Effect.exit(store.records("person").get("p-2")))).toMatchObject({
        code: "STORE_CORRUPT",
        message: "Stored data is damaged: person p-2 is not a valid person.",
        detail: expect.stringMatching(/^person\.name: .+/)
      })
      const policyAs = (json: string) => Store.make({ ...p, getRecord: (kind, id) => Effect.succeed(kind === "setting" && id === "policy" ? Option.some(json) : Option.none()) }).policy.get
      expect(failure(yield* Effect.exit(policyAs("{")))).toMatchObject({ code: "STORE_CORRUPT", message: "Stored data is damaged: the stored policy is not JSON.", detail: expect.any(String) })
      expect(failure(yield* Effect.exit(policyAs(JSON.stringify({ followUp: { minDays: -1 } }))))).toMatchObject({
        code: "STORE_CORRUPT",
        message: "Stored data is damaged: the stored policy is not a valid policy.",
        detail: expect.stringMatching(/^policy\..+: .+/)
      })
      expect(yield* policyAs(JSON.stringify(Policy.defaultPolicy))).toEqual(Option.some(Policy.defaultPolicy))
      // a field the format does not have is damage too, in a record, in the policy, deep in an event
      expect(failure(yield* Effect.exit(policyAs(JSON.stringify({ ...Policy.defaultPolicy, extra: 1 }))))).toMatchObject({ code: "STORE_CORRUPT", detail: expect.stringContaining("policy.extra") })
      p.raw.putRecord("person", "p-3", JSON.stringify({ id: "p-3", name: "C", roles: ["teacher"], grade: 3 }))
      expect(failure(yield* Effect.exit(store.records("person").get("p-3")))).toMatchObject({ code: "STORE_CORRUPT", detail: expect.stringContaining("person.grade") })
      const deep = { ...reflection("r1"), reflection: { id: "r1", text: "Noted.", secret: 1 } }
      expect(Store.verifyEvent("s-1", 4, deep)).toMatchObject({
        failure: { code: "STORE_CORRUPT", streamId: "s-1", version: 4, message: expect.stringMatching(/^Stored data is damaged: event 4 of stream s-1 is not a valid journey event at event\.reflection\.secret: .+\.$/) }
      })
    }))
})

describe("Store: pages end exactly when the items do", () => {
  it.effect("streams and records: a full last page has no next; a cursor from a list by ref pages only that list", () =>
    Effect.gen(function*() {
      const store = Store.make(testPrimitives())
      for (const id of ["s-1", "s-2", "s-3"]) yield* store.append(id, [reflection("r1")], { expected: "no-stream", index })
      const first = yield* store.listStreams({ limit: 2 })
      expect(first.items.map((s) => s.streamId)).toEqual(["s-1", "s-2"])
      const second = yield* store.listStreams({ limit: 2, cursor: Option.getOrThrow(first.next) })
      expect(second.items.map((s) => s.streamId)).toEqual(["s-3"])
      expect(second.next).toEqual(Option.none())
      expect((yield* store.listStreams({ limit: 3 })).next).toEqual(Option.none())
      expect((yield* store.listStreams({ limit: 1 })).items.map((s) => s.streamId)).toEqual(["s-1"])

      const people = store.records("person")
      for (const id of ["p-1", "p-2"]) yield* people.put({ id, name: id, roles: ["teacher", "coach"] })
      expect((yield* people.list({ limit: 2 })).next).toEqual(Option.none())
      const rels = store.records("relationship")
      yield* rels.put(relationship("r-1", "p-2", "p-1"))
      yield* rels.put(relationship("r-2", "p-1", "p-2", { since: "2025-10-01" as never }))
      const byRef = yield* rels.list({ ref: "p-1", limit: 1 })
      expect(byRef.items.map((r) => r.id)).toEqual(["r-1"])
      const cursor = Option.getOrThrow(byRef.next)
      expect((yield* rels.list({ ref: "p-1", limit: 1, cursor })).items.map((r) => r.id)).toEqual(["r-2"])
      expect(failure(yield* Effect.exit(rels.list({ limit: 1, cursor })))).toMatchObject({ code: "INVALID_CURSOR" })
      expect(failure(yield* Effect.exit(rels.list({ ref: "p-2", limit: 1, cursor })))).toMatchObject({ code: "INVALID_CURSOR" })
      const plain = Option.getOrThrow((yield* rels.list({ limit: 1 })).next)
      expect(failure(yield* Effect.exit(rels.list({ ref: "p-1", limit: 1, cursor: plain })))).toMatchObject({ code: "INVALID_CURSOR" })
    }))

  it.effect("listAll follows next until there is none", () =>
    Effect.gen(function*() {
      const pages = [[1, 2], [3], [4, 5]]
      const seen: Array<unknown> = []
      const list = (query: Store.PageOptions) =>
        Effect.sync(() => {
          seen.push(query)
          const at = query.cursor === undefined ? 0 : Number(query.cursor)
          return { items: pages[at]!, next: at + 1 < pages.length ? Option.some(String(at + 1)) : Option.none<string>() }
        })
      expect(yield* Store.listAll(list)).toEqual([1, 2, 3, 4, 5])
      expect(seen).toEqual([{ limit: 1000 }, { limit: 1000, cursor: "1" }, { limit: 1000, cursor: "2" }])
    }))
})

describe("Store.relationshipBetween: the one active on the day, else the latest", () => {
  const at = (iso: string) => (effect: Effect.Effect<Option.Option<unknown>, unknown>) =>
    Effect.provideService(effect, Clock.Clock, {
      currentTimeMillisUnsafe: () => Date.parse(iso),
      currentTimeMillis: Effect.succeed(Date.parse(iso)),
      currentTimeNanosUnsafe: () => BigInt(Date.parse(iso)) * 1_000_000n,
      currentTimeNanos: Effect.succeed(BigInt(Date.parse(iso)) * 1_000_000n),
      monotonicTimeNanosUnsafe: () => BigInt(Date.parse(iso)) * 1_000_000n,
      monotonicTimeNanos: Effect.succeed(BigInt(Date.parse(iso)) * 1_000_000n),
      sleep: () => Effect.void
    })

  it.effect("several relationships between the same two people, and others", () =>
    Effect.gen(function*() {
      const store = Store.make(testPrimitives())
      for (const person of [...Demo.records().people, { id: "c-other", name: "Other", roles: ["coach"] }, { id: "t-other", name: "Other", roles: ["teacher"] }]) {
        yield* store.records("person").put(person as never)
      }
      const rels = store.records("relationship")
      yield* rels.put(relationship("r-a", "c-grace", "t-ada", { since: "2024-09-01" as never, until: "2025-07-20" as never, status: "ended" }))
      yield* rels.put(relationship("r-b", "c-grace", "t-ada", { since: "2025-09-01" as never, until: "2026-02-01" as never, status: "ended" }))
      yield* rels.put(relationship("r-c", "c-grace", "t-ada", { since: "2023-09-01" as never, until: "2024-07-20" as never, status: "ended" }))
      yield* rels.put(relationship("r-other-coach", "c-other", "t-ada", { since: "2026-01-01" as never }))
      yield* rels.put(relationship("r-other-teacher", "c-grace", "t-other", { since: "2026-01-01" as never }))
      const between = (on?: string) => Effect.map(Store.relationshipBetween(store, "c-grace", "t-ada", on !== undefined ? { on } : {}), Option.map((r) => r.id))
      expect(yield* between("2024-01-10")).toEqual(Option.some("r-c"))
      expect(yield* between("2025-10-10")).toEqual(Option.some("r-b"))
      // none active on the day: the latest by its start (r-b), not the last by id (r-c)
      expect(yield* between("2026-05-01")).toEqual(Option.some("r-b"))
      expect(yield* between("2020-01-01")).toEqual(Option.some("r-b"))
      // without a day: today by the Clock
      expect(yield* at("2024-10-01T12:00:00.000Z")(between())).toEqual(Option.some("r-a"))
      expect(yield* Store.relationshipBetween(store, "c-other", "t-other")).toEqual(Option.none())
      // both people count: a coach is in no relationship with themselves for coaching others
      expect(yield* Store.relationshipBetween(store, "c-grace", "c-grace")).toEqual(Option.none())
      expect(failure(yield* Effect.exit(Store.relationshipBetween(store, "c-grace", "bad id")))).toMatchObject({ code: "INVALID_ID", path: "teacherId" })
      // two that start on the same day: the order by start keeps them in the order of their ids, and the later one counts
      yield* rels.put(relationship("r-d", "c-other", "t-other", { since: "2025-01-01" as never, until: "2025-06-01" as never, status: "ended" }))
      yield* rels.put(relationship("r-e", "c-other", "t-other", { since: "2025-01-01" as never, until: "2025-03-01" as never, status: "ended" }))
      expect(Option.map(yield* Store.relationshipBetween(store, "c-other", "t-other", { on: "2025-02-01" }), (r) => r.id)).toEqual(Option.some("r-e"))
      expect(Option.map(yield* Store.relationshipBetween(store, "c-other", "t-other", { on: "2025-12-01" }), (r) => r.id)).toEqual(Option.some("r-e"))
      expect(failure(yield* Effect.exit(Store.relationshipBetween(store, "c-grace", "t-ada", { on: "2026-02-30" })))).toMatchObject({
        code: "INVALID_QUERY",
        path: "on",
        message: "on must be a calendar date like 2026-11-29; got \"2026-02-30\" (10 characters)."
      })
    }))
})

describe("Store: the stored form of an event is the same however it was checked", () => {
  it.effect("an event whose keys come in another order, or that is not plain data, is stored as its decoded JSON", () =>
    Effect.gen(function*() {
      const p = testPrimitives()
      const store = Store.make(p)
      const event = reflection("r1")
      const canonical = JSON.stringify(event)
      const reordered = JSON.parse(JSON.stringify({ reflection: { text: "Noted.", id: "r1" }, by: "t-ada", at: "2026-03-02T09:00:00.000Z", _tag: "ReflectionAdded" }))
      const inherited = Object.assign(Object.create({ hidden: 1 }), event)
      yield* store.append("s-1", [event, reordered, inherited], { expected: "no-stream", index })
      expect(p.raw.events("s-1")).toEqual([canonical, canonical, canonical])
      // an index row is its four fields and nothing else, not even a symbol key
      expect(failure(yield* Effect.exit(store.append("s-2", [event], { expected: "no-stream", index: { ...index, [Symbol("x")]: 1 } as never })))).toMatchObject({ code: "INVALID_INDEX" })
      expect(p.raw.events("s-2")).toEqual([])
    }))
})
