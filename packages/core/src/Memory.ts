/**
 * The in-memory store: `Store.Primitives` over JavaScript maps holding the JSON text core hands
 * over. Every primitive runs synchronously, so each append or batch is atomic with respect to
 * other fibers; nothing survives the process. This is the one in-memory implementation:
 * `@coaching/adapter-memory` and core's own tests use it.
 *
 * @since 0.2.0
 */
import { Effect, Layer, Option } from "effect"
import {
  type AppendRequest,
  type AppendResult,
  checkExpected,
  CoachingStore,
  type CoachingStoreService,
  make as makeStore,
  type Primitives,
  type StoredKind,
  type StoredRecord,
  type StreamIndex,
  type StreamSummary
} from "./Store.js"

interface StreamEntry {
  readonly events: Array<string>
  index: StreamIndex
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The primitives over fresh, empty maps. @since 0.2.0 */
export const primitives = (): Primitives => {
  const streams = new Map<string, StreamEntry>()
  const records = new Map<StoredKind, Map<string, StoredRecord>>()
  const recordsOf = (kind: StoredKind): Map<string, StoredRecord> => {
    let map = records.get(kind)
    if (map === undefined) records.set(kind, map = new Map())
    return map
  }

  const versionOf = (streamId: string): number => streams.get(streamId)?.events.length ?? 0

  const write = (request: AppendRequest): AppendResult => {
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
        const conflict = checkExpected(request.streamId, request.expected, versionOf(request.streamId))
        return conflict ? Effect.fail(conflict) : Effect.succeed(write(request))
      }),

    read: (streamId, after) =>
      Effect.sync(() => {
        const entry = streams.get(streamId)
        return entry ? Option.some({ version: entry.events.length, events: entry.events.slice(after) }) : Option.none()
      }),

    listStreams: (filter) =>
      Effect.sync(() => {
        const out: Array<StreamSummary> = []
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
        recordsOf(record.kind).set(record.id, record)
      }),

    getRecord: (kind, id) => Effect.sync(() => Option.fromNullishOr(recordsOf(kind).get(id)?.json)),

    listRecords: (filter) =>
      Effect.sync(() => {
        const map = recordsOf(filter.kind)
        return [...map.keys()]
          .sort(byKey)
          .filter((id) => filter.after === undefined || id > filter.after)
          .map((id) => map.get(id)!)
          .filter((record) => filter.ref === undefined || record.refs.includes(filter.ref))
          .slice(0, filter.limit)
      }),

    writeBatch: (batch) =>
      Effect.suspend(() => {
        // Check every expected version first (appends to one stream in a batch count in order).
        const versions = new Map<string, number>()
        for (const request of batch.appends) {
          const actual = versions.get(request.streamId) ?? versionOf(request.streamId)
          const conflict = checkExpected(request.streamId, request.expected, actual)
          if (conflict) return Effect.fail(conflict)
          versions.set(request.streamId, actual + request.events.length)
        }
        for (const record of batch.records) recordsOf(record.kind).set(record.id, record)
        for (const request of batch.appends) write(request)
        return Effect.void
      })
  }
}

/** A new, empty in-memory store. @since 0.2.0 */
export const make = (): CoachingStoreService => makeStore(primitives())

/** A layer providing a new, empty in-memory store each time it is built. @since 0.2.0 */
export const layer: Layer.Layer<CoachingStore> = Layer.sync(CoachingStore, make)
