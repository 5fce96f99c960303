/**
 * The suite is only worth running if it fails for a broken adapter. Each mutant below is the
 * memory adapter with one classic storage bug; the named conformance case must reject it.
 */
import { cases, runCase } from "@coaching/adapter-testkit"
import { Store } from "@coaching/core"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { MemoryStore } from "../src/index.js"

const mutant = (mutate: (p: Store.Primitives) => Partial<Store.Primitives>) =>
  Layer.sync(Store.CoachingStore, () => {
    const p = MemoryStore.primitives()
    return Store.make({ ...p, ...mutate(p) })
  })

const caseNamed = (fragment: string) => {
  const found = cases.find((c) => c.name.includes(fragment))
  if (!found) throw new Error(`no case named like ${fragment}`)
  return found
}

const mutants: ReadonlyArray<[bug: string, layer: ReturnType<typeof mutant>, caseName: string]> = [
  ["ignores the expected version", mutant((p) => ({ append: (r) => p.append({ ...r, expected: "any" }) })), "an exact version appends"],
  ["ignores the expected version (concurrency)", mutant((p) => ({ append: (r) => p.append({ ...r, expected: "any" }) })), "N concurrent writers"],
  ["checks versions outside the write (lost updates)", mutant((p) => ({
    append: (r) =>
      Effect.flatMap(p.read(r.streamId, 0), (found) => {
        const actual = Option.match(found, { onNone: () => 0, onSome: (s) => s.version })
        const conflict = Store.checkExpected(r.streamId, r.expected, actual)
        return conflict ? Effect.fail(conflict) : Effect.flatMap(Effect.yieldNow, () => p.append({ ...r, expected: "any" }))
      })
  })), "single focus"],
  ["keeps the first index row", mutant((p) => ({
    append: (r) =>
      Effect.flatMap(p.read(r.streamId, 0), (found) =>
        Option.isNone(found) ? p.append(r) : Effect.flatMap(p.listStreams({ teacherId: r.index.teacherId, coachId: undefined, open: undefined, followUpDueBefore: undefined, after: undefined, limit: 1 }), (rows) =>
          p.append({ ...r, index: rows[0] ?? r.index })))
  })), "the index row follows the journey"],
  ["reads events newest first", mutant((p) => ({
    read: (id, after) => Effect.map(p.read(id, after), Option.map((s) => ({ ...s, events: [...s.events].reverse() })))
  })), "appends to a new stream and reads every event back"],
  ["pages by offset from the start", mutant((p) => ({ listStreams: (f) => p.listStreams({ ...f, after: undefined }) })), "pages through streams"],
  ["writes a batch before checking it", mutant((p) => ({
    writeBatch: (b) => Effect.flatMap(Effect.forEach(b.records, p.putRecord), () => p.writeBatch(b))
  })), "a batch is all-or-nothing"],
  ["mangles non-ASCII text", mutant((p) => ({
    append: (r) => p.append({ ...r, events: r.events.map((j) => j.replace(/[^\x00-\x7f]/g, "?")) })
  })), "unicode text round-trips"],
  ["treats a missing record as an empty one", mutant((p) => ({
    getRecord: (kind, id) => Effect.map(p.getRecord(kind, id), (o) => Option.isSome(o) ? o : Option.some("{}"))
  })), "people, cohorts, relationships and playbooks"],
  ["looks a record up in another kind", mutant((p) => ({
    getRecord: (kind, id) => Effect.flatMap(p.getRecord(kind, id), (o) => Option.isSome(o) ? Effect.succeed(o) : p.getRecord("person", id))
  })), "each kind is its own namespace"],
  ["ignores the ref filter", mutant((p) => ({
    listRecords: (f) => p.listRecords({ ...f, ref: undefined })
  })), "lists the records that refer to a person"],
  ["applies the limit before the ref filter", mutant((p) => ({
    listRecords: (f) => Effect.map(p.listRecords({ ...f, ref: undefined }), (rows) => rows.filter((r) => f.ref === undefined || r.refs.includes(f.ref)))
  })), "lists the records that refer to a person"],
  ["keeps a replaced record's old refs", mutant((p) => {
    const put = (r: Store.StoredRecord) =>
      Effect.flatMap(p.listRecords({ kind: r.kind, ref: undefined, after: undefined, limit: 1_000_000 }), (rows) =>
        p.putRecord({ ...r, refs: [...(rows.find((x) => x.id === r.id)?.refs ?? []), ...r.refs] }))
    return { putRecord: put }
  }), "replacing a record replaces its refs"]
]

describe("the conformance suite catches broken adapters", () => {
  it("passes the correct memory adapter on every case it runs below", async () => {
    for (const [, , name] of mutants) await runCase(caseNamed(name), MemoryStore.layer)
  })
  for (const [bug, layer, name] of mutants) {
    it(`a store that ${bug} fails "${name}"`, async () => {
      await expect(runCase(caseNamed(name), layer)).rejects.toThrow()
    })
  }
})
