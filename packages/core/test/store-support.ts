/**
 * A small map-backed `Store.Primitives` for core's own tests (core cannot depend on the memory
 * adapter package, which depends on core). It counts calls, and `beforeAppend` lets a test slip
 * a concurrent write in between a load and an append.
 */
import { Effect, Option } from "effect"
import { Store } from "../src/index.js"

export interface TestPrimitives extends Store.Primitives {
  readonly calls: { append: number; read: number; writeBatch: number; other: number }
  readonly streams: Map<string, { events: Array<string>; index: Store.StreamIndex }>
  readonly records: Map<string, string>
  beforeAppend: ((request: Store.AppendRequest) => void) | undefined
}

export const testPrimitives = (): TestPrimitives => {
  const streams = new Map<string, { events: Array<string>; index: Store.StreamIndex }>()
  const records = new Map<string, string>()
  const calls = { append: 0, read: 0, writeBatch: 0, other: 0 }
  const write = (r: Store.AppendRequest): Store.AppendResult => {
    const entry = streams.get(r.streamId) ?? { events: [], index: r.index }
    const previousVersion = entry.events.length
    entry.events.push(...r.events)
    entry.index = r.index
    streams.set(r.streamId, entry)
    return { streamId: r.streamId, previousVersion, version: entry.events.length }
  }
  const self: TestPrimitives = {
    calls,
    streams,
    records,
    beforeAppend: undefined,
    append: (r) =>
      Effect.suspend(() => {
        calls.append++
        self.beforeAppend?.(r)
        const conflict = Store.checkExpected(r.streamId, r.expected, streams.get(r.streamId)?.events.length ?? 0)
        return conflict ? Effect.fail(conflict) : Effect.succeed(write(r))
      }),
    read: (id, after) =>
      Effect.sync(() => {
        calls.read++
        const s = streams.get(id)
        return s ? Option.some({ version: s.events.length, events: s.events.slice(after) }) : Option.none()
      }),
    listStreams: (f) =>
      Effect.sync(() => {
        calls.other++
        return [...streams.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .filter(([id, s]) =>
            (f.after === undefined || id > f.after) &&
            (f.teacherId === undefined || s.index.teacherId === f.teacherId) &&
            (f.coachId === undefined || s.index.coachId === f.coachId) &&
            (f.open === undefined || s.index.open === f.open) &&
            (f.followUpDueBefore === undefined || (s.index.followUpDue !== undefined && s.index.followUpDue < f.followUpDueBefore))
          )
          .slice(0, f.limit)
          .map(([streamId, s]) => ({ streamId, version: s.events.length, ...s.index }))
      }),
    putRecord: (r) =>
      Effect.sync(() => {
        calls.other++
        records.set(`${r.kind}/${r.id}`, r.json)
      }),
    getRecord: (kind, id) => Effect.sync(() => Option.fromNullishOr(records.get(`${kind}/${id}`))),
    listRecords: (kind, after, limit) =>
      Effect.sync(() =>
        [...records.entries()]
          .filter(([k]) => k.startsWith(`${kind}/`))
          .map(([k, json]) => ({ kind, id: k.slice(kind.length + 1), json }))
          .filter((r) => after === undefined || r.id > after)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit)
      ),
    writeBatch: (batch) =>
      Effect.suspend(() => {
        calls.writeBatch++
        for (const r of batch.appends) {
          const conflict = Store.checkExpected(r.streamId, r.expected, streams.get(r.streamId)?.events.length ?? 0)
          if (conflict) return Effect.fail(conflict)
        }
        for (const r of batch.records) records.set(`${r.kind}/${r.id}`, r.json)
        for (const r of batch.appends) write(r)
        return Effect.void
      })
  }
  return self
}
