/**
 * Export and import over the storage port: a whole store to an export document (canonical, so
 * export → import → export is byte-identical, policy included) and an export into a store,
 * validated first (`Export.decode`, the same rules as a live command) and written in one
 * all-or-nothing batch. Both walk the one table of record kinds in `Records`.
 *
 * An import never leaves a store that its own export would reject (see
 * `docs/decisions/0010-import-and-stored-data.md`):
 * - a record, journey or policy the store already holds **identically** is left as it is;
 * - one it holds **differently** is a conflict: by default the import is refused whole and every
 *   conflicting record is reported (`IMPORT_CONFLICT`); with `onConflict: "merge"` the export's
 *   records and policy replace the store's and a journey the store holds the beginning of is
 *   continued (recorded events are never rewritten: a journey that differs is still refused);
 * - the store as it would be afterwards is validated as a whole, and an import that would make
 *   it invalid is refused (`IMPORT_INCONSISTENT`) with the violations.
 *
 * Export decodes every event in full and fails with `STORE_CORRUPT` (naming the stream and the
 * version) rather than leave anything out.
 *
 * These move whole stores: they are for the operator of an installation (the CLI's
 * `coaching export` / `coaching import`), not for a principal's request.
 *
 * @since 0.2.0
 */
import { Effect, Option, Result, Schema } from "effect"
import * as Cycle from "./Cycle.js"
import type { JourneyEvent } from "./Events.js"
import * as Export from "./Export.js"
import type { Checker } from "./Granularity.js"
import { journeyStreamId } from "./Ids.js"
import { indexOf } from "./Journeys.js"
import type { Policy } from "./Policy.js"
import * as Records from "./Records.js"
import {
  type AppendRequest,
  type CoachingStoreService,
  corrupt,
  listAll,
  type ReadError,
  type StoredRecord,
  storedPolicy,
  storedRecord,
  type StoreError,
  verifyEvent,
  type VersionConflict
} from "./Store.js"

/**
 * What an import wrote: a count per kind and the events appended (new or continued journeys),
 * and how many records and journeys the store already held identically (`unchanged`, left as
 * they were).
 *
 * @since 0.1.0
 */
export type ImportSummary = { readonly [K in Records.DocumentKey]: number } & { readonly events: number; readonly unchanged: number }

/** Options of `importDocument`. @since 0.3.0 */
export interface ImportOptions {
  /**
   * What to do with records the store already holds differently. `"refuse"` (default): write
   * nothing and report every one (`IMPORT_CONFLICT`). `"merge"`: the export's people, cohorts,
   * relationships, playbooks and policy replace the store's, and a journey the store holds the
   * beginning of is continued; a journey whose recorded events differ is refused either way.
   * Either way the store afterwards must validate as a whole.
   */
  readonly onConflict?: "refuse" | "merge"
  /** Granularity checkers that recompute recorded reports of their version (`Export.ValidateOptions.recheck`). */
  readonly recheck?: ReadonlyArray<Checker>
}

/** The codes of `ImportRefused`. @since 0.3.0 */
export const importRefusedCodes = ["IMPORT_CONFLICT", "IMPORT_INCONSISTENT"] as const

/**
 * An import was refused and nothing was written: the store holds records that differ
 * (`IMPORT_CONFLICT`, one violation per conflicting record, its path in the export), or the
 * store would not validate afterwards (`IMPORT_INCONSISTENT`, the violations of the store's
 * export as it would be after the import).
 *
 * @since 0.3.0
 */
export class ImportRefused extends Schema.TaggedError<ImportRefused>()("ImportRefused", {
  code: Schema.Literals(importRefusedCodes),
  message: Schema.String,
  violations: Schema.Array(Schema.Struct({ path: Schema.String, code: Schema.String, message: Schema.String, line: Schema.optionalKey(Schema.Number) }))
}) {}

/**
 * Everything in the store as an export document, canonical order: the store's policy (or
 * `options.policy`, which takes its place), every record and every journey. Every event is
 * decoded in full; damaged data (an event that is not a valid event, an index row that names no
 * teacher or another one, events without an index row) fails with `STORE_CORRUPT` naming the
 * stream and version — an export never leaves anything out.
 *
 * @since 0.2.0
 */
export const exportDocument = (
  store: CoachingStoreService,
  options: { readonly policy?: Policy } = {}
): Effect.Effect<Export.ExportDocument, ReadError> =>
  Effect.gen(function*() {
    const policy = options.policy ?? Option.getOrUndefined(yield* store.policy.get)
    const input: Record<string, unknown> = policy !== undefined ? { policy } : {}
    for (const kind of Records.recordKinds) {
      input[Records.table[kind].key] = yield* listAll(store.records(kind).list)
    }
    if (store.primitives.unindexedStreams !== undefined) {
      const orphans = yield* store.primitives.unindexedStreams()
      if (orphans.length > 0) {
        return yield* corrupt(
          `${orphans.length === 1 ? `stream ${orphans[0]} holds events but has` : `streams ${orphans.slice(0, 10).join(", ")}${orphans.length > 10 ? ", …" : ""} hold events but have`} no index row, so no list finds ${orphans.length === 1 ? "it" : "them"}`,
          undefined,
          { streamId: orphans[0]! }
        )
      }
    }
    const journeys: Array<Export.JourneyRecord> = []
    for (const stream of yield* listAll(store.listStreams)) {
      const teacherId = stream.teacherId
      if (teacherId === undefined || journeyStreamId(teacherId) !== stream.streamId) {
        return yield* corrupt(
          `the index row of stream ${stream.streamId} names ${teacherId === undefined ? "no teacher" : `teacher ${teacherId}`}; a journey's row names its teacher (journey-<teacher id>)`,
          undefined,
          { streamId: stream.streamId }
        )
      }
      const slice = yield* store.readStream(stream.streamId)
      if (Option.isNone(slice)) {
        return yield* corrupt(`stream ${stream.streamId} is listed but holds no events`, undefined, { streamId: stream.streamId })
      }
      const events: Array<JourneyEvent> = []
      for (const e of slice.value.events) events.push(yield* Effect.fromResult(verifyEvent(stream.streamId, e.version, e.event)))
      journeys.push({ teacherId, events })
    }
    input["journeys"] = journeys
    return Export.make(input as Export.ExportInput)
  })

type Violation = ImportRefused["violations"][number]

const describeKind = (kind: Records.Kind): string => kind.charAt(0).toUpperCase() + kind.slice(1)

/** The top-level fields in which two JSON objects differ. */
const differingFields = (a: string, b: string): Array<string> => {
  const x = JSON.parse(a) as Record<string, unknown>
  const y = JSON.parse(b) as Record<string, unknown>
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
}

const eventsJson = (events: ReadonlyArray<JourneyEvent>): Array<string> => events.map((e) => JSON.stringify(e))

/**
 * Imports an export (parsed JSON or text): validated first (`Export.decode`), compared with what
 * the store holds, and written in one all-or-nothing batch (see the module's header for
 * conflicts and `options.onConflict`). Refusals write nothing: `InvalidExport` (the export
 * itself), `ImportRefused` (conflicts, or a store that would not validate afterwards),
 * `VersionConflict` (a journey changed while the import ran).
 *
 * @since 0.2.0
 */
export const importDocument = (
  store: CoachingStoreService,
  input: unknown,
  options: ImportOptions = {}
): Effect.Effect<ImportSummary, Export.InvalidExport | ImportRefused | VersionConflict | StoreError | ReadError> =>
  Effect.gen(function*() {
    const merge = options.onConflict === "merge"
    const validateOptions = options.recheck !== undefined ? { recheck: options.recheck } : {}
    const doc = yield* Effect.fromResult(Export.decode(input, validateOptions))
    const current = yield* exportDocument(store)
    const conflicts: Array<Violation> = []
    const conflict = (path: string, message: string) => conflicts.push({ path, code: "IMPORT_CONFLICT", message })
    const records: Array<StoredRecord> = []
    const counts: Record<string, number> = {}
    let unchanged = 0

    // The policy: kept when the store has none or the same; a different one is a conflict.
    let policy = current.policy
    if (doc.policy !== undefined) {
      // Already validated by Export.decode: encoding cannot fail here.
      const theirs = Result.getOrThrow(storedPolicy(doc.policy))
      const ours = current.policy === undefined ? undefined : Result.getOrThrow(storedPolicy(current.policy)).json
      if (ours === theirs.json) {
        unchanged++
      } else if (ours === undefined || merge) {
        records.push(theirs)
        policy = doc.policy
      } else {
        conflict("$.policy", `The export's policy differs from the store's in ${differingFields(ours, theirs.json).join(", ")}; a store keeps one policy.`)
      }
    }

    const merged: Record<string, unknown> = {}
    for (const kind of Records.recordKinds) {
      const key = Records.table[kind].key
      const held = new Map<string, { readonly json: string; readonly value: unknown }>()
      for (const value of current[key] as ReadonlyArray<{ readonly id: string }>) {
        held.set(value.id, { json: Result.getOrThrow(storedRecord(kind, value)).json, value })
      }
      let written = 0
      ;(doc[key] as ReadonlyArray<unknown>).forEach((value, i) => {
        const record = Result.getOrThrow(storedRecord(kind, value))
        const ours = held.get(record.id)
        if (ours === undefined || (merge && ours.json !== record.json)) {
          records.push(record)
          held.set(record.id, { json: record.json, value })
          written++
        } else if (ours.json === record.json) {
          unchanged++
        } else {
          conflict(
            `$.${key}[${i}]`,
            `${describeKind(kind)} ${record.id} differs from the store's in ${differingFields(ours.json, record.json).join(", ")}; import with merge to replace it, or change its id.`
          )
        }
      })
      counts[key] = written
      merged[key] = [...held.values()].map((r) => r.value)
    }

    const held = new Map<string, ReadonlyArray<JourneyEvent>>(current.journeys.map((j) => [j.teacherId, j.events]))
    const appends: Array<AppendRequest> = []
    doc.journeys.forEach((journey, i) => {
      const ours = held.get(journey.teacherId)
      if (ours === undefined) {
        held.set(journey.teacherId, journey.events)
        appends.push(appendOf(journey.teacherId, "no-stream", journey.events, journey.events))
        return
      }
      const a = eventsJson(ours)
      const b = eventsJson(journey.events)
      const shared = Math.min(a.length, b.length)
      let k = 0
      while (k < shared && a[k] === b[k]) k++
      const path = `$.journeys[${i}]`
      if (k < shared) {
        conflict(
          `${path}.events[${k}]`,
          `Teacher ${journey.teacherId}'s journey differs from the store's at event ${k + 1} (the store's is ${ours[k]!._tag}, the export's ${journey.events[k]!._tag}); recorded events are never rewritten.`
        )
      } else if (a.length === b.length) {
        unchanged++
      } else if (b.length > a.length) {
        if (merge) {
          held.set(journey.teacherId, journey.events)
          appends.push(appendOf(journey.teacherId, a.length, journey.events.slice(a.length), journey.events))
        } else {
          conflict(
            `${path}.events`,
            `The store holds the first ${a.length} of the ${b.length} events of teacher ${journey.teacherId}'s journey; import with merge to add the other ${b.length - a.length}.`
          )
        }
      } else if (!merge) {
        conflict(
          `${path}.events`,
          `The store holds ${a.length} events of teacher ${journey.teacherId}'s journey; the export only the first ${b.length}. Import with merge to keep the store's.`
        )
      } else {
        unchanged++
      }
    })

    if (conflicts.length > 0) {
      return yield* new ImportRefused({
        code: "IMPORT_CONFLICT",
        message: `The store already holds ${conflicts.length} record${conflicts.length === 1 ? "" : "s"} that differ${conflicts.length === 1 ? "s" : ""} from the export's; nothing was written. The first: ${conflicts[0]!.path}: ${conflicts[0]!.message}`,
        violations: conflicts
      })
    }

    const storeWasEmpty = current.policy === undefined && Records.kinds.every((kind) => (current[Records.table[kind].key] as ReadonlyArray<unknown>).length === 0)
    if (!storeWasEmpty && (records.length > 0 || appends.length > 0)) {
      // The store as it would be afterwards must validate as a whole (the export alone already does).
      const after = Export.make({ ...(policy !== undefined ? { policy } : {}), ...merged, journeys: [...held].map(([teacherId, events]) => ({ teacherId, events })) } as unknown as Export.ExportInput)
      const report = Export.validate(after, validateOptions)
      if (!report.valid) {
        return yield* new ImportRefused({
          code: "IMPORT_INCONSISTENT",
          message: `After this import the store would not validate (${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}; paths are in the store's export as it would be); nothing was written. The first: ${report.violations[0]!.path}: ${report.violations[0]!.message}`,
          violations: report.violations
        })
      }
    }

    if (records.length > 0 || appends.length > 0) yield* store.primitives.writeBatch({ records, appends })
    return {
      ...counts,
      journeys: appends.length,
      events: appends.reduce((n, a) => n + a.events.length, 0),
      unchanged
    } as ImportSummary
  })

const appendOf = (
  teacherId: Export.JourneyRecord["teacherId"],
  expected: AppendRequest["expected"],
  events: ReadonlyArray<JourneyEvent>,
  whole: ReadonlyArray<JourneyEvent>
): AppendRequest => ({
  streamId: journeyStreamId(teacherId),
  expected,
  events: eventsJson(events),
  index: indexOf(Cycle.replay(whole, Cycle.emptyJourney(teacherId)))
})
