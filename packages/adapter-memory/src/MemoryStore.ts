/**
 * The in-memory `CoachingStore`: JavaScript maps holding the JSON text core hands over. Every
 * primitive runs synchronously inside one `Effect.sync`, so each append or batch is atomic with
 * respect to other fibers; nothing survives the process.
 *
 * @since 0.1.0
 */
import { Store } from "@coaching/core"
import { Effect, Layer, Option } from "effect"

interface StreamEntry {
  readonly events: Array<string>
  index: Store.StreamIndex
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The primitives over fresh, empty maps. @since 0.1.0 */
export const primitives = (): Store.Primitives => {
  const streams = new Map<string, StreamEntry>()
  const records = new Map<Store.RecordKind, Map<string, string>>(Store.recordKinds.map((k) => [k, new Map()]))

  const check = (request: Store.AppendRequest, actual: number) => Store.checkExpected(request.streamId, request.expected, actual)

  const write = (request: Store.AppendRequest): Store.AppendResult => {
    const entry = streams.get(request.streamId)
    const previousVersion = entry?.events.length ?? 0
    if (entry) {
      entry.events.push(...request.events)
      entry.index = request.index
    } else {
      streams.set(request.streamId, { events: [...request.events], index: request.index })
    }
    return { streamId: request.streamId, previousVersion, version: previousVersion + request.events.length }
  }

  return {
    append: (request) =>
      Effect.suspend(() => {
        const conflict = check(request, streams.get(request.streamId)?.events.length ?? 0)
        return conflict ? Effect.fail(conflict) : Effect.succeed(write(request))
      }),

    read: (streamId, after) =>
      Effect.sync(() => {
        const entry = streams.get(streamId)
        return entry ? Option.some({ version: entry.events.length, events: entry.events.slice(after) }) : Option.none()
      }),

    listStreams: (filter) =>
      Effect.sync(() => {
        const out: Array<Store.StreamSummary> = []
        for (const streamId of [...streams.keys()].sort(byKey)) {
          if (out.length >= filter.limit) break
          if (filter.after !== undefined && streamId <= filter.after) continue
          const { events, index } = streams.get(streamId)!
          if (filter.teacherId !== undefined && index.teacherId !== filter.teacherId) continue
          if (filter.coachId !== undefined && index.coachId !== filter.coachId) continue
          if (filter.open !== undefined && index.open !== filter.open) continue
          if (filter.followUpDueBefore !== undefined && !(index.followUpDue !== undefined && index.followUpDue < filter.followUpDueBefore)) continue
          out.push({ streamId, version: events.length, ...index })
        }
        return out
      }),

    putRecord: (record) =>
      Effect.sync(() => {
        records.get(record.kind)!.set(record.id, record.json)
      }),

    getRecord: (kind, id) => Effect.sync(() => Option.fromNullishOr(records.get(kind)!.get(id))),

    listRecords: (kind, after, limit) =>
      Effect.sync(() => {
        const map = records.get(kind)!
        return [...map.keys()]
          .sort(byKey)
          .filter((id) => after === undefined || id > after)
          .slice(0, limit)
          .map((id) => ({ kind, id, json: map.get(id)! }))
      }),

    writeBatch: (batch) =>
      Effect.suspend(() => {
        // Check every expected version first (appends to one stream in a batch count in order).
        const versions = new Map<string, number>()
        for (const request of batch.appends) {
          const actual = versions.get(request.streamId) ?? streams.get(request.streamId)?.events.length ?? 0
          const conflict = check(request, actual)
          if (conflict) return Effect.fail(conflict)
          versions.set(request.streamId, actual + request.events.length)
        }
        for (const record of batch.records) records.get(record.kind)!.set(record.id, record.json)
        for (const request of batch.appends) write(request)
        return Effect.void
      })
  }
}

/** A new, empty in-memory store. @since 0.1.0 */
export const make = (): Store.CoachingStoreService => Store.make(primitives())

/** A layer providing a new, empty in-memory store each time it is built. @since 0.1.0 */
export const layer: Layer.Layer<Store.CoachingStore> = Layer.sync(Store.CoachingStore, make)
