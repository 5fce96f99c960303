/**
 * The in-memory primitives' rules (`Memory.primitives`, found by mutation testing of
 * `Memory.ts`): a stream or record list is ordered by id whatever the order of the writes,
 * holds exactly the ids after the cursor that match every filter given, and stops at `limit`;
 * the follow-up filter is strictly before the day and leaves out streams without a due day;
 * appends to one stream in a batch count in order.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Option } from "effect"
import fc from "fast-check"
import { Memory, type Store } from "../src/index.js"
import { RUNS } from "./support.js"

type Index = Store.StreamIndex

const row = (teacherId: string | undefined, coachId: string | undefined, open: boolean, followUpDue: string | undefined): Index =>
  ({ teacherId, coachId, open, followUpDue }) as Index

const noIndex = row(undefined, undefined, false, undefined)

const allStreams: Store.StreamFilter = { teacherId: undefined, coachId: undefined, open: undefined, followUpDueBefore: undefined, after: undefined, limit: 1000 }
const allRecords = (kind: Store.StoredKind): Store.RecordFilter => ({ kind, ref: undefined, after: undefined, limit: 1000 })

const append = (p: Store.Primitives, streamId: string, events: ReadonlyArray<string>, index: Index = noIndex) =>
  Effect.runSync(p.append({ streamId, expected: "any", events, index }))

const put = (p: Store.Primitives, kind: Store.StoredKind, id: string, refs: ReadonlyArray<string> = []) =>
  Effect.runSync(p.putRecord({ kind, id, json: JSON.stringify({ id }), refs }))

const streamIds = (p: Store.Primitives, filter: Partial<Store.StreamFilter> = {}) =>
  Effect.runSync(p.listStreams({ ...allStreams, ...filter })).map((s) => s.streamId)

const recordIds = (p: Store.Primitives, kind: Store.StoredKind, filter: Partial<Store.RecordFilter> = {}) =>
  Effect.runSync(p.listRecords({ ...allRecords(kind), ...filter })).map((r) => r.id)

/** Code-unit order, as the port promises ("ordered by id"). */
const sorted = (ids: ReadonlyArray<string>): Array<string> => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

// Ids that sort differently by code unit than by insertion, by length or by locale.
const written = ["s-c", "s-10", "S-z", "s-a", "s-2", "s-b", "s-", "s-1", "a", "B"]

describe("Memory: lists are ordered by id whatever the order of the writes", () => {
  it("streams written out of order are listed by id (code-unit order)", () => {
    const p = Memory.primitives()
    for (const id of written) append(p, id, ["{}"])
    expect(streamIds(p)).toEqual(["B", "S-z", "a", "s-", "s-1", "s-10", "s-2", "s-a", "s-b", "s-c"])
  })

  it("streams written in reverse order are listed by id", () => {
    const p = Memory.primitives()
    for (const id of ["z", "y", "x"]) append(p, id, ["{}"])
    expect(streamIds(p)).toEqual(["x", "y", "z"])
  })

  it("records put out of order are listed by id, per kind", () => {
    const p = Memory.primitives()
    for (const id of written) put(p, "person", id)
    for (const id of ["z", "y", "x"]) put(p, "cohort", id)
    expect(recordIds(p, "person")).toEqual(["B", "S-z", "a", "s-", "s-1", "s-10", "s-2", "s-a", "s-b", "s-c"])
    expect(recordIds(p, "cohort")).toEqual(["x", "y", "z"])
    expect(recordIds(p, "playbook")).toEqual([])
  })

  it("a record put again keeps its place in the order and is replaced (json and refs)", () => {
    const p = Memory.primitives()
    for (const id of ["c", "a", "b"]) put(p, "relationship", id, ["t-1"])
    Effect.runSync(p.putRecord({ kind: "relationship", id: "a", json: "{\"v\":2}", refs: ["t-2"] }))
    expect(Effect.runSync(p.listRecords(allRecords("relationship")))).toEqual([
      { kind: "relationship", id: "a", json: "{\"v\":2}", refs: ["t-2"] },
      { kind: "relationship", id: "b", json: JSON.stringify({ id: "b" }), refs: ["t-1"] },
      { kind: "relationship", id: "c", json: JSON.stringify({ id: "c" }), refs: ["t-1"] }
    ])
    expect(recordIds(p, "relationship", { ref: "t-1" })).toEqual(["b", "c"])
    expect(recordIds(p, "relationship", { ref: "t-2" })).toEqual(["a"])
    expect(Effect.runSync(p.getRecord("relationship", "a"))).toEqual(Option.some("{\"v\":2}"))
    expect(Effect.runSync(p.getRecord("relationship", "d"))).toEqual(Option.none())
  })
})

describe("Memory: a page stops at limit and starts after the cursor", () => {
  it("streams: exactly min(limit, matching) ids, the first ones by id", () => {
    const p = Memory.primitives()
    for (const id of ["e", "c", "a", "d", "b"]) append(p, id, ["{}"])
    for (let limit = 1; limit <= 7; limit++) {
      expect(streamIds(p, { limit })).toEqual(["a", "b", "c", "d", "e"].slice(0, limit))
    }
    expect(streamIds(p, { after: "b", limit: 2 })).toEqual(["c", "d"])
    expect(streamIds(p, { after: "b", limit: 3 })).toEqual(["c", "d", "e"])
    expect(streamIds(p, { after: "bb", limit: 5 })).toEqual(["c", "d", "e"])
    expect(streamIds(p, { after: "e" })).toEqual([])
    expect(streamIds(p, { after: "" })).toEqual(["a", "b", "c", "d", "e"])
  })

  it("streams: the limit counts only streams that match the filters", () => {
    const p = Memory.primitives()
    append(p, "a", ["{}"], row("t-1", undefined, false, undefined))
    append(p, "b", ["{}"], row("t-2", undefined, false, undefined))
    append(p, "c", ["{}"], row("t-1", undefined, false, undefined))
    append(p, "d", ["{}"], row("t-1", undefined, false, undefined))
    expect(streamIds(p, { teacherId: "t-1", limit: 2 })).toEqual(["a", "c"])
    expect(streamIds(p, { teacherId: "t-1", limit: 2, after: "a" })).toEqual(["c", "d"])
  })

  it("records: exactly min(limit, matching) records, the first ones by id, after the cursor and by ref", () => {
    const p = Memory.primitives()
    put(p, "person", "e", ["x"])
    put(p, "person", "c", [])
    put(p, "person", "a", ["x", "y"])
    put(p, "person", "d", ["y"])
    put(p, "person", "b", ["x"])
    for (let limit = 1; limit <= 7; limit++) {
      expect(recordIds(p, "person", { limit })).toEqual(["a", "b", "c", "d", "e"].slice(0, limit))
      expect(recordIds(p, "person", { limit, ref: "x" })).toEqual(["a", "b", "e"].slice(0, limit))
    }
    expect(recordIds(p, "person", { after: "b", limit: 2 })).toEqual(["c", "d"])
    expect(recordIds(p, "person", { after: "a", ref: "x", limit: 1 })).toEqual(["b"])
    expect(recordIds(p, "person", { after: "b", ref: "x" })).toEqual(["e"])
    expect(recordIds(p, "person", { ref: "y" })).toEqual(["a", "d"])
    expect(recordIds(p, "person", { ref: "z" })).toEqual([])
    expect(recordIds(p, "person", { after: "e" })).toEqual([])
  })
})

describe("Memory: a stream list holds exactly the streams matching every filter given", () => {
  const setUp = () => {
    const p = Memory.primitives()
    append(p, "j-1", ["{}"], row("t-1", "c-1", true, "2026-03-10"))
    append(p, "j-2", ["{}", "{}"], row("t-2", "c-1", true, "2026-03-09"))
    append(p, "j-3", ["{}", "{}", "{}"], row("t-3", "c-2", false, undefined))
    append(p, "j-4", ["{}"], row("t-4", "c-2", true, undefined))
    append(p, "j-5", ["{}"], row("t-1", undefined, true, "2026-03-11"))
    append(p, "j-6", ["{}"], row(undefined, undefined, false, undefined))
    return p
  }

  it("each summary carries the stream's version and its index row", () => {
    expect(Effect.runSync(setUp().listStreams(allStreams))).toEqual([
      { streamId: "j-1", version: 1, teacherId: "t-1", coachId: "c-1", open: true, followUpDue: "2026-03-10" },
      { streamId: "j-2", version: 2, teacherId: "t-2", coachId: "c-1", open: true, followUpDue: "2026-03-09" },
      { streamId: "j-3", version: 3, teacherId: "t-3", coachId: "c-2", open: false, followUpDue: undefined },
      { streamId: "j-4", version: 1, teacherId: "t-4", coachId: "c-2", open: true, followUpDue: undefined },
      { streamId: "j-5", version: 1, teacherId: "t-1", coachId: undefined, open: true, followUpDue: "2026-03-11" },
      { streamId: "j-6", version: 1, teacherId: undefined, coachId: undefined, open: false, followUpDue: undefined }
    ])
  })

  it("by teacher", () => {
    const p = setUp()
    expect(streamIds(p, { teacherId: "t-1" })).toEqual(["j-1", "j-5"])
    expect(streamIds(p, { teacherId: "t-3" })).toEqual(["j-3"])
    expect(streamIds(p, { teacherId: "t-9" })).toEqual([])
  })

  it("by coach", () => {
    const p = setUp()
    expect(streamIds(p, { coachId: "c-1" })).toEqual(["j-1", "j-2"])
    expect(streamIds(p, { coachId: "c-2" })).toEqual(["j-3", "j-4"])
    expect(streamIds(p, { coachId: "c-9" })).toEqual([])
  })

  it("by open or not", () => {
    const p = setUp()
    expect(streamIds(p, { open: true })).toEqual(["j-1", "j-2", "j-4", "j-5"])
    expect(streamIds(p, { open: false })).toEqual(["j-3", "j-6"])
  })

  it("by follow-up due strictly before the day; a stream without a due day never", () => {
    const p = setUp()
    expect(streamIds(p, { followUpDueBefore: "2026-03-09" })).toEqual([])
    expect(streamIds(p, { followUpDueBefore: "2026-03-10" })).toEqual(["j-2"])
    expect(streamIds(p, { followUpDueBefore: "2026-03-11" })).toEqual(["j-1", "j-2"])
    expect(streamIds(p, { followUpDueBefore: "2026-03-12" })).toEqual(["j-1", "j-2", "j-5"])
    expect(streamIds(p, { followUpDueBefore: "9999-12-31" })).toEqual(["j-1", "j-2", "j-5"])
  })

  it("every filter given must hold", () => {
    const p = setUp()
    expect(streamIds(p, { teacherId: "t-1", coachId: "c-1" })).toEqual(["j-1"])
    expect(streamIds(p, { coachId: "c-2", open: true })).toEqual(["j-4"])
    expect(streamIds(p, { coachId: "c-2", open: false })).toEqual(["j-3"])
    expect(streamIds(p, { teacherId: "t-1", followUpDueBefore: "2026-03-11" })).toEqual(["j-1"])
    expect(streamIds(p, { open: false, followUpDueBefore: "9999-12-31" })).toEqual([])
    expect(streamIds(p, { teacherId: "t-1", coachId: "c-1", open: true, followUpDueBefore: "2026-03-11", after: "j-0", limit: 1 })).toEqual(["j-1"])
    expect(streamIds(p, { teacherId: "t-1", after: "j-1" })).toEqual(["j-5"])
  })

  // The same rules over arbitrary streams, filters, cursors and limits, against a model.
  const idArb = fc.string({ unit: fc.constantFrom("a", "b", "B", "1", "-"), minLength: 1, maxLength: 3 })
  const rowArb = fc.record({
    teacherId: fc.constantFrom(undefined, "t-1", "t-2"),
    coachId: fc.constantFrom(undefined, "c-1", "c-2"),
    open: fc.boolean(),
    followUpDue: fc.constantFrom(undefined, "2026-03-01", "2026-03-02", "2026-03-03")
  })
  const filterArb = fc.record({
    teacherId: fc.constantFrom(undefined, "t-1", "t-2"),
    coachId: fc.constantFrom(undefined, "c-1", "c-2"),
    open: fc.constantFrom(undefined, true, false),
    followUpDueBefore: fc.constantFrom(undefined, "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"),
    after: fc.option(idArb, { nil: undefined }),
    limit: fc.integer({ min: 1, max: 8 })
  })
  it("against a model: ordered by id, after the cursor, every filter, at most limit", () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.tuple(idArb, rowArb, fc.integer({ min: 1, max: 3 })), { selector: ([id]) => id, maxLength: 12 }),
      filterArb,
      (streams, filter) => {
        const p = Memory.primitives()
        for (const [id, index, n] of streams) append(p, id, Array.from({ length: n }, () => "{}"), index as Index)
        const expected = sorted(streams.map(([id]) => id))
          .map((id) => streams.find(([other]) => other === id)!)
          .filter(([id, index]) =>
            (filter.after === undefined || id > filter.after) &&
            (filter.teacherId === undefined || index.teacherId === filter.teacherId) &&
            (filter.coachId === undefined || index.coachId === filter.coachId) &&
            (filter.open === undefined || index.open === filter.open) &&
            (filter.followUpDueBefore === undefined || (index.followUpDue !== undefined && index.followUpDue < filter.followUpDueBefore))
          )
          .slice(0, filter.limit)
          .map(([streamId, index, n]) => ({ streamId, version: n, ...index }))
        expect(Effect.runSync(p.listStreams(filter))).toEqual(expected)
      }
    ), { numRuns: RUNS })
  })
})

describe("Memory: versions", () => {
  it("an append reports the versions before and after; a read gives the events after a version", () => {
    const p = Memory.primitives()
    expect(Effect.runSync(p.append({ streamId: "s", expected: "no-stream", events: ["1", "2"], index: noIndex }))).toEqual({ streamId: "s", previousVersion: 0, version: 2 })
    expect(Effect.runSync(p.append({ streamId: "s", expected: 2, events: ["3"], index: noIndex }))).toEqual({ streamId: "s", previousVersion: 2, version: 3 })
    expect(Effect.runSync(p.read("s", 0))).toEqual(Option.some({ version: 3, events: ["1", "2", "3"] }))
    expect(Effect.runSync(p.read("s", 2))).toEqual(Option.some({ version: 3, events: ["3"] }))
    expect(Effect.runSync(p.read("s", 3))).toEqual(Option.some({ version: 3, events: [] }))
    expect(Effect.runSync(p.read("t", 0))).toEqual(Option.none())
    const stale = Effect.runSyncExit(p.append({ streamId: "s", expected: 2, events: ["x"], index: noIndex }))
    expect(Exit.isFailure(stale)).toBe(true)
    expect(Effect.runSync(p.read("s", 0))).toEqual(Option.some({ version: 3, events: ["1", "2", "3"] }))
  })

  it("appends to one stream in a batch count in order: the second expects the version after the first", () => {
    const p = Memory.primitives()
    append(p, "s", ["1"])
    const request = (expected: Store.ExpectedVersion, events: ReadonlyArray<string>): Store.AppendRequest => ({ streamId: "s", expected, events, index: noIndex })
    Effect.runSync(p.writeBatch({ records: [], appends: [request(1, ["2", "3"]), request(3, ["4"]), request(4, ["5", "6", "7"])] }))
    expect(Effect.runSync(p.read("s", 0))).toEqual(Option.some({ version: 7, events: ["1", "2", "3", "4", "5", "6", "7"] }))
    Effect.runSync(p.writeBatch({ records: [], appends: [{ ...request("no-stream", ["a", "b"]), streamId: "new" }, { ...request(2, ["c"]), streamId: "new" }] }))
    expect(Effect.runSync(p.read("new", 0))).toEqual(Option.some({ version: 3, events: ["a", "b", "c"] }))
  })

  it("a batch whose later append expects a version the earlier ones pass by writes nothing", () => {
    const p = Memory.primitives()
    append(p, "s", ["1"])
    const request = (expected: Store.ExpectedVersion, events: ReadonlyArray<string>): Store.AppendRequest => ({ streamId: "s", expected, events, index: noIndex })
    const record: Store.StoredRecord = { kind: "person", id: "p-1", json: "{}", refs: [] }
    for (const second of [1, 2, 4, "no-stream"] as const) {
      const exit = Effect.runSyncExit(p.writeBatch({ records: [record], appends: [request(1, ["2", "3"]), request(second, ["4"])] }))
      expect(exit).toMatchObject({ _tag: "Failure" })
      expect(JSON.stringify(exit)).toContain("VERSION_CONFLICT")
    }
    expect(Effect.runSync(p.read("s", 0))).toEqual(Option.some({ version: 1, events: ["1"] }))
    expect(Effect.runSync(p.getRecord("person", "p-1"))).toEqual(Option.none())
  })
})
