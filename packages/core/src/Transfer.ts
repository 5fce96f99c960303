/**
 * Export and import over the storage port: a whole store to an export document (canonical, so
 * export → import → export is byte-identical) and an export into a store, validated first
 * (`Export.decode`, the same rules as a live command) and written in one all-or-nothing batch.
 * Both walk the one table of record kinds in `Records`.
 *
 * These move whole stores: they are for the operator of an installation (the CLI's
 * `coaching export` / `coaching import`), not for a principal's request.
 *
 * @since 0.2.0
 */
import { Effect, Option, Result } from "effect"
import * as Cycle from "./Cycle.js"
import * as Export from "./Export.js"
import { journeyStreamId } from "./Ids.js"
import { indexOf } from "./Journeys.js"
import type { Policy } from "./Policy.js"
import * as Records from "./Records.js"
import {
  type AppendRequest,
  type CoachingStoreService,
  listAll,
  type ReadError,
  type StoredRecord,
  storedRecord,
  type StoreError,
  type VersionConflict
} from "./Store.js"

/** What an import wrote: a count per kind, and the events. @since 0.1.0 */
export type ImportSummary = { readonly [K in Records.DocumentKey]: number } & { readonly events: number }

/** Everything in the store as an export document (canonical order; `policy` is added if given). @since 0.2.0 */
export const exportDocument = (
  store: CoachingStoreService,
  options: { readonly policy?: Policy } = {}
): Effect.Effect<Export.ExportDocument, ReadError> =>
  Effect.gen(function*() {
    const input: Record<string, unknown> = options.policy !== undefined ? { policy: options.policy } : {}
    for (const kind of Records.recordKinds) {
      input[Records.table[kind].key] = yield* listAll(store.records(kind).list)
    }
    const journeys: Array<Export.JourneyRecord> = []
    for (const stream of yield* listAll(store.listStreams)) {
      if (stream.teacherId === undefined) continue
      const slice = yield* store.readStream(stream.streamId)
      if (Option.isNone(slice)) continue
      journeys.push({ teacherId: stream.teacherId, events: slice.value.events.map((e) => e.event) })
    }
    input["journeys"] = journeys
    return Export.make(input as Export.ExportInput)
  })

/**
 * Imports an export (parsed JSON or text): validated first (`Export.decode`), then written in
 * one all-or-nothing batch. Records are upserted; each journey must not exist yet (else
 * `VersionConflict` and nothing is written).
 *
 * @since 0.2.0
 */
export const importDocument = (
  store: CoachingStoreService,
  input: unknown
): Effect.Effect<ImportSummary, Export.InvalidExport | VersionConflict | StoreError> =>
  Effect.gen(function*() {
    const doc = yield* Effect.fromResult(Export.decode(input))
    const records: Array<StoredRecord> = []
    const counts: Record<string, number> = {}
    for (const kind of Records.recordKinds) {
      const items = doc[Records.table[kind].key] as ReadonlyArray<unknown>
      counts[Records.table[kind].key] = items.length
      // Already validated by Export.decode: encoding cannot fail here.
      for (const item of items) records.push(Result.getOrThrow(storedRecord(kind, item)))
    }
    const appends: Array<AppendRequest> = doc.journeys
      .filter((j) => j.events.length > 0)
      .map((j) => ({
        streamId: journeyStreamId(j.teacherId),
        expected: "no-stream" as const,
        events: j.events.map((e) => JSON.stringify(e)),
        index: indexOf(Cycle.replay(j.events, Cycle.emptyJourney(j.teacherId)))
      }))
    yield* store.primitives.writeBatch({ records, appends })
    return { ...counts, journeys: appends.length, events: appends.reduce((n, a) => n + a.events.length, 0) } as ImportSummary
  })

