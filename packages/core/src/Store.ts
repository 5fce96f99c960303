/**
 * The storage port: one `CoachingStore` service that every adapter (memory, SQLite, HTTP, …)
 * provides. It has the shape of Effect's own `KeyValueStore`: an adapter implements a few dumb
 * `Primitives` (append JSON lines to a stream with an expected version, read them back, list
 * streams by an index row, put/get/list JSON records, write an all-or-nothing batch) and `make`
 * derives the rest once, so adapters agree: validation, JSON encoding, pagination cursors and
 * typed records by kind (`records("person")`, … from the one table in `Records`).
 *
 * What a journey *is* (load → decide → append → index row) lives in `Journeys`; export and import
 * over this port live in `Transfer`.
 *
 * Decided once for all adapters:
 * - **Missing is `Option`**: `readStream` and `records(kind).get` return `Option.none()` for
 *   something never stored.
 * - **Versions** are 1-based event positions; a stream's version is its event count. An append
 *   says what version it expects: a number (`0` = the stream must not exist), `"no-stream"`
 *   or `"any"`. A stale expectation fails with `VersionConflict` and writes nothing.
 * - **Bad input** (an id that is not a slug, a bad cursor, an event that is not a journey event)
 *   fails with `InvalidInput` and a stable `code`, before the adapter is called.
 * - **Stored-data problems** (a corrupt file, a newer schema, a locked file) fail with
 *   `StoreError` and a stable `code`. Events are validated on write; on read they are parsed
 *   and their shape checked cheaply (a known tag, every required field, no unknown one, no
 *   `null`), and index rows are checked as they are listed: damage is `STORE_CORRUPT` with the
 *   stream and version. `Transfer.exportDocument` decodes every event in full (see
 *   `docs/decisions/0002-sqlite-adapter.md` and `0010-import-and-stored-data.md`).
 * - **The policy** the data was recorded under is kept with it (`policy.get` / `policy.put`, a
 *   `"setting"` record for the adapters), so export → import → export keeps it.
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Option, Result, Schema } from "effect"
import { Base64Url } from "effect/encoding"
import { type JourneyEvent, JourneyEvent as JourneyEventSchema } from "./Events.js"
import * as Guard from "./Guard.js"
import { type PersonId, PersonId as PersonIdSchema } from "./Ids.js"
import { issuesOf } from "./internal/issues.js"
import { activeOn, type Relationship } from "./People.js"
import { Policy } from "./Policy.js"
import * as Records from "./Records.js"
import { CalendarDate, dateOf, timestampFromMillis } from "./Time.js"

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

const Expected = Schema.Union([Schema.Number, Schema.Literals(["no-stream", "any"])])

/** An append expected another stream version: nothing was written. @since 0.1.0 */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  code: Schema.Literal("VERSION_CONFLICT"),
  streamId: Schema.String,
  /** What the append expected. */
  expected: Expected,
  /** The stream's version when the append was tried (0 when it did not exist). */
  actual: Schema.Number,
  message: Schema.String
}) {}

/** The stable codes of `InvalidInput`. @since 0.1.0 */
export const invalidInputCodes = [
  "INVALID_ID",
  "INVALID_EXPECTED_VERSION",
  "INVALID_VERSION",
  "INVALID_EVENT",
  "EMPTY_APPEND",
  "INVALID_INDEX",
  "INVALID_RECORD",
  "INVALID_CURSOR",
  "INVALID_LIMIT",
  "INVALID_QUERY"
] as const

/** A store operation was given bad input (`path` names it); nothing was read or written. @since 0.1.0 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  code: Schema.Literals(invalidInputCodes),
  path: Schema.String,
  message: Schema.String
}) {}

/** The stable codes of `StoreError`. @since 0.1.0 */
export const storeErrorCodes = [
  /** The file is not a database, or its pages or rows are damaged. */
  "STORE_CORRUPT",
  /** The file was written by a newer version of this library (a higher schema version). */
  "STORE_NEWER_SCHEMA",
  /** Another process holds a lock on the file for longer than the busy timeout. */
  "STORE_LOCKED",
  /** The database is valid but belongs to another application. */
  "STORE_FOREIGN",
  /** The store cannot be opened or reached (missing folder, permissions, closed). */
  "STORE_UNAVAILABLE",
  /** Any other failure of the backend. */
  "STORE_FAILURE"
] as const

/** The backend or its stored data failed; `code` says how. Nothing was half-written. @since 0.1.0 */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  code: Schema.Literals(storeErrorCodes),
  message: Schema.String,
  /** The backend's own words (e.g. SQLite's error message), for logs. */
  detail: Schema.optionalKey(Schema.String),
  /** For damaged stored data: the stream it was found in (since 0.3.0). */
  streamId: Schema.optionalKey(Schema.String),
  /** For a damaged event: its version (1-based position) in `streamId` (since 0.3.0). */
  version: Schema.optionalKey(Schema.Number)
}) {}

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/** What an append expects the stream's version to be. @since 0.1.0 */
export type ExpectedVersion = number | "no-stream" | "any"

/** The index row of a stream, computed in core from the journey at append time. @since 0.1.0 */
export interface StreamIndex {
  readonly teacherId: PersonId | undefined
  /** The coach of the open cycle, else of the latest cycle. */
  readonly coachId: PersonId | undefined
  /** Whether the teacher has an open cycle. */
  readonly open: boolean
  /** When the open cycle's follow-up is due, while practising. */
  readonly followUpDue: CalendarDate | undefined
}

/** The index row's schema (checked on every append). @since 0.1.0 */
export const StreamIndexSchema = Schema.Struct({
  teacherId: Schema.UndefinedOr(PersonIdSchema),
  coachId: Schema.UndefinedOr(PersonIdSchema),
  open: Schema.Boolean,
  followUpDue: Schema.UndefinedOr(CalendarDate)
})

/** A stream as listed: its id, version and index row. @since 0.1.0 */
export interface StreamSummary extends StreamIndex {
  readonly streamId: string
  readonly version: number
}

/** One stored event and its version (its 1-based position in the stream). @since 0.1.0 */
export interface StoredEvent {
  readonly version: number
  readonly event: JourneyEvent
}

/** Part of a stream: its current version and the events after the version asked for. @since 0.1.0 */
export interface StreamSlice {
  readonly streamId: string
  readonly version: number
  readonly events: ReadonlyArray<StoredEvent>
}

/** What an append did. @since 0.1.0 */
export interface AppendResult {
  readonly streamId: string
  /** The version before the append (0 for a new stream). */
  readonly previousVersion: number
  /** The version after it. */
  readonly version: number
}

/** A page of results and the cursor of the next page, if there is one. @since 0.1.0 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next: Option.Option<string>
}

/** Paging options: `limit` 1–1000 (default 100), `cursor` from a previous page's `next`. @since 0.1.0 */
export interface PageOptions {
  readonly limit?: number
  readonly cursor?: string
}

/** Filters for `listStreams`; all given filters must hold. Results are ordered by stream id. @since 0.1.0 */
export interface StreamQuery extends PageOptions {
  readonly teacherId?: string
  readonly coachId?: string
  readonly open?: boolean
  /** Only streams whose open cycle's follow-up is due strictly before this day (`YYYY-MM-DD`). */
  readonly followUpDueBefore?: string
}

/** The kinds of records besides journeys (`Records.RecordKind`). @since 0.1.0 */
export type RecordKind = Records.RecordKind

/** The record kinds, in export order (`Records.recordKinds`). @since 0.1.0 */
export const recordKinds: ReadonlyArray<RecordKind> = Records.recordKinds

/**
 * What an adapter stores as a record: the record kinds, and `"setting"` (the store's own
 * settings, such as the policy, under a fixed id). Adapters keep them all alike, as JSON by kind
 * and id.
 *
 * @since 0.3.0
 */
export type StoredKind = RecordKind | "setting" | Records.InternalKind

/** The id of the policy's `"setting"` record. @since 0.3.0 */
export const POLICY_SETTING = "policy"

/** Every kind an adapter stores as a record: the record kinds, then `"setting"`. @since 0.3.0 */
export const storedKinds: ReadonlyArray<StoredKind> = [...Records.recordKinds, "setting"]

/** Paging options of a record list; `ref` keeps only records that refer to that person (relationships: its coach or teacher). @since 0.2.0 */
export interface RecordQuery extends PageOptions {
  readonly ref?: string
}

// ---------------------------------------------------------------------------------------------
// Primitives: what an adapter implements
// ---------------------------------------------------------------------------------------------

/** An append as an adapter sees it: validated, encoded, with its index row. @since 0.1.0 */
export interface AppendRequest {
  readonly streamId: string
  readonly expected: ExpectedVersion
  /** The events as JSON text, oldest first; never empty. */
  readonly events: ReadonlyArray<string>
  /** The stream's index row after this append. */
  readonly index: StreamIndex
}

/** A stream query as an adapter sees it: validated; `after` is the last stream id already returned. @since 0.1.0 */
export interface StreamFilter {
  readonly teacherId: string | undefined
  readonly coachId: string | undefined
  readonly open: boolean | undefined
  readonly followUpDueBefore: string | undefined
  readonly after: string | undefined
  readonly limit: number
}

/** A record as an adapter stores it. @since 0.1.0 */
export interface StoredRecord {
  readonly kind: StoredKind
  readonly id: string
  /** The record as JSON text. */
  readonly json: string
  /** The ids it refers to, which `listRecords` can filter by (replacing the record replaces them). */
  readonly refs: ReadonlyArray<string>
}

/** A record list as an adapter sees it: validated; `after` is the last id already returned. @since 0.2.0 */
export interface RecordFilter {
  readonly kind: StoredKind
  /** Only records whose `refs` include this id. */
  readonly ref: string | undefined
  readonly after: string | undefined
  readonly limit: number
}

/**
 * What an adapter implements. Inputs are already validated and encoded; an adapter stores and
 * returns JSON text as given, checks expected versions with `checkExpected`, and keeps every
 * write all-or-nothing.
 *
 * @since 0.1.0
 */
export interface Primitives {
  /** Appends atomically after checking the expected version; writes the index row too. */
  readonly append: (request: AppendRequest) => Effect.Effect<AppendResult, VersionConflict | StoreError>
  /** The stream's version and the JSON of its events with version > `after`; `None` if it does not exist. */
  readonly read: (
    streamId: string,
    after: number
  ) => Effect.Effect<Option.Option<{ readonly version: number; readonly events: ReadonlyArray<string> }>, StoreError>
  /** At most `limit` streams matching the filter with id > `after`, ordered by id. */
  readonly listStreams: (filter: StreamFilter) => Effect.Effect<ReadonlyArray<StreamSummary>, StoreError>
  /** Inserts or replaces a record (and its refs). */
  readonly putRecord: (record: StoredRecord) => Effect.Effect<void, StoreError>
  /** A record's JSON, or `None`. */
  readonly getRecord: (kind: StoredKind, id: string) => Effect.Effect<Option.Option<string>, StoreError>
  /** At most `limit` records matching the filter with id > `after`, ordered by id (`refs` may be left empty). */
  readonly listRecords: (filter: RecordFilter) => Effect.Effect<ReadonlyArray<StoredRecord>, StoreError>
  /** Writes records and appends all-or-nothing: if any expected version fails, nothing is written. */
  readonly writeBatch: (batch: {
    readonly records: ReadonlyArray<StoredRecord>
    readonly appends: ReadonlyArray<AppendRequest>
  }) => Effect.Effect<void, VersionConflict | StoreError>
  /**
   * Optional (since 0.3.0): the ids of streams that hold events but have no index row (at most
   * 100), for adapters that keep the two apart (SQLite's `events` and `streams` tables). Export
   * calls it so that a lost index row never makes a journey silently disappear from an export.
   * An adapter that writes both as one value (memory) leaves it out.
   */
  readonly unindexedStreams?: () => Effect.Effect<ReadonlyArray<string>, StoreError>
}

/**
 * The one expected-version check every adapter uses: `actual` is the stream's version (0 when
 * it does not exist). `undefined` when the append may go ahead.
 *
 * @since 0.1.0
 */
export const checkExpected = (streamId: string, expected: ExpectedVersion, actual: number): VersionConflict | undefined => {
  const ok = expected === "any" || (expected === "no-stream" ? actual === 0 : expected === actual)
  if (ok) return undefined
  const wanted = expected === "no-stream" ? "no stream yet" : `version ${expected}`
  const found = actual === 0 ? "it does not exist" : `it is at version ${actual}`
  return new VersionConflict({
    code: "VERSION_CONFLICT",
    streamId,
    expected,
    actual,
    message: `Stream ${streamId} changed: the append expected ${wanted}, but ${found}. Reload and decide again.`
  })
}

// ---------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------

/** Every failure of a read or list. @since 0.1.0 */
export type ReadError = InvalidInput | StoreError
/** Every failure of a write. @since 0.1.0 */
export type WriteError = InvalidInput | VersionConflict | StoreError

/**
 * The records of one kind: put (insert or replace), get, list. `put` takes the record as written
 * (`I`: ids and dates as plain strings); `get` and `list` give it decoded (`A`).
 *
 * @since 0.2.0
 */
export interface RecordStore<A, I = A> {
  /** Inserts or replaces a record (validated first: `INVALID_RECORD` / `INVALID_ID` with the field's path). */
  readonly put: (value: I) => Effect.Effect<void, InvalidInput | StoreError>
  /** A record by id, or `None`. */
  readonly get: (id: string) => Effect.Effect<Option.Option<A>, ReadError>
  /** Records ordered by id, a page at a time; `ref` keeps those that refer to a person. */
  readonly list: (query?: RecordQuery) => Effect.Effect<Page<A>, ReadError>
}

/** The coaching store: the primitives plus what `make` derives. @since 0.1.0 */
export interface CoachingStoreService {
  /** Appends events to a stream if it is at the expected version; `index` is its row afterwards. */
  readonly append: (
    streamId: string,
    events: ReadonlyArray<JourneyEvent>,
    options: { readonly expected: ExpectedVersion; readonly index: StreamIndex }
  ) => Effect.Effect<AppendResult, WriteError>
  /** The stream's events with version > `after` (default 0); `None` if the stream does not exist. */
  readonly readStream: (
    streamId: string,
    options?: { readonly after?: number }
  ) => Effect.Effect<Option.Option<StreamSlice>, ReadError>
  /** Streams by index (teacher, coach, open, follow-up due before a day), a page at a time. */
  readonly listStreams: (query?: StreamQuery) => Effect.Effect<Page<StreamSummary>, ReadError>
  /** The records of a kind (`"person"`, `"cohort"`, `"relationship"`, `"playbook"`). */
  readonly records: <K extends RecordKind>(kind: K) => RecordStore<Records.RecordOf<K>, Records.InputOf<K>>
  /** The policy the store's data was recorded under, if one was given (an import keeps the export's). @since 0.3.0 */
  readonly policy: {
    readonly get: Effect.Effect<Option.Option<Policy>, StoreError>
    /** Sets it (validated first: `INVALID_RECORD` with the field's path). */
    readonly put: (policy: unknown) => Effect.Effect<void, InvalidInput | StoreError>
  }
  /** The adapter's primitives, for core's export/import and for tools and tests that need them. */
  readonly primitives: Primitives
}

/** The service tag of the coaching store (`yield* CoachingStore` gives the service). @since 0.1.0 */
export class CoachingStore extends Context.Service<CoachingStore, CoachingStoreService>()("@coaching/core/CoachingStore") {}

// ---------------------------------------------------------------------------------------------
// Validation, encoding, cursors
// ---------------------------------------------------------------------------------------------

/** The page size when none is given. @since 0.1.0 */
export const DEFAULT_LIMIT = 100
/** The largest page size. @since 0.1.0 */
export const MAX_LIMIT = 1000

const streamQueryKeys: ReadonlySet<string> = new Set(["teacherId", "coachId", "open", "followUpDueBefore", "limit", "cursor"])
const recordQueryKeys: ReadonlySet<string> = new Set(["ref", "limit", "cursor"])

const slug = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,135}$/

const invalid = (code: InvalidInput["code"], path: string, message: string) => new InvalidInput({ code, path, message })

/** Checks a stream or record id: a slug of 1–136 letters, digits, `_ . : -`. @since 0.1.0 */
export const validateId = (id: unknown, path: string): Result.Result<string, InvalidInput> =>
  typeof id === "string" && slug.test(id)
    ? Result.succeed(id)
    : Result.fail(
      invalid(
        "INVALID_ID",
        path,
        `${path} must be an id of 1–136 letters, digits, _ . : - starting with a letter or digit; got ${describe(id)}.`
      )
    )

const describe = (u: unknown): string => {
  if (typeof u !== "string") return u === undefined ? "nothing" : `a ${u === null ? "null" : typeof u}`
  const shown = JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}…` : u)
  return u.length === 0 ? "an empty string" : `${shown} (${u.length} characters)`
}

const validateExpected = (expected: unknown): Result.Result<ExpectedVersion, InvalidInput> =>
  expected === "any" || expected === "no-stream" || (typeof expected === "number" && Number.isSafeInteger(expected) && expected >= 0)
    ? Result.succeed(expected)
    : Result.fail(
      invalid("INVALID_EXPECTED_VERSION", "expected", `expected must be a whole number ≥ 0, "no-stream" or "any"; got ${JSON.stringify(expected) ?? "nothing"}.`)
    )

const validateLimit = (limit: unknown): Result.Result<number, InvalidInput> =>
  limit === undefined
    ? Result.succeed(DEFAULT_LIMIT)
    : typeof limit === "number" && Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT
    ? Result.succeed(limit)
    : Result.fail(invalid("INVALID_LIMIT", "limit", `limit must be a whole number from 1 to ${MAX_LIMIT}; got ${JSON.stringify(limit)}.`))

const validateQuery = (query: unknown, keys: ReadonlySet<string>, what: string): Result.Result<Record<string, unknown>, InvalidInput> => {
  if (typeof query !== "object" || query === null) {
    return Result.fail(invalid("INVALID_QUERY", "query", `A ${what} query is an object of filters and paging options.`))
  }
  const unknownKey = Object.keys(query).find((k) => !keys.has(k))
  return unknownKey === undefined
    ? Result.succeed(query as Record<string, unknown>)
    : Result.fail(invalid("INVALID_QUERY", unknownKey, `${unknownKey} is not a ${what} filter; use ${[...keys].join(", ")}.`))
}

// Cursors are opaque: a version tag, what they page, and the last key returned.
const makeCursor = (scope: string, last: string): string => `c1.${Base64Url.encode(JSON.stringify([scope, last]))}`

const readCursor = (cursor: unknown, scope: string): Result.Result<string | undefined, InvalidInput> => {
  if (cursor === undefined) return Result.succeed(undefined)
  const bad = Result.fail(invalid("INVALID_CURSOR", "cursor", "cursor must be a `next` value returned by the same kind of list."))
  if (typeof cursor !== "string" || !cursor.startsWith("c1.")) return bad
  const bytes = Base64Url.decodeString(cursor.slice(3))
  if (Result.isFailure(bytes)) return bad
  try {
    const parsed: unknown = JSON.parse(bytes.success)
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === scope && typeof parsed[1] === "string") {
      return Result.succeed(parsed[1])
    }
  } catch {
    // fall through
  }
  return bad
}

const decodeEvents = Schema.decodeUnknownResult(Schema.Array(JourneyEventSchema))

/**
 * Validates events for an append: `EMPTY_APPEND` for none, `INVALID_EVENT` with the path of the
 * first bad field.
 *
 * @since 0.2.0
 */
export const validateEvents = (events: unknown): Result.Result<ReadonlyArray<JourneyEvent>, InvalidInput> => {
  if (Array.isArray(events) && events.length === 0) {
    return Result.fail(invalid("EMPTY_APPEND", "events", "An append needs at least one event."))
  }
  const decoded = decodeEvents(events, { onExcessProperty: "error" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const first = issuesOf(decoded.failure.issue, "events")[0]!
  return Result.fail(invalid("INVALID_EVENT", first.path, `Not a journey event at ${first.path}: ${first.message}`))
}

let eventGuard: Guard.Guard | undefined

/**
 * The events of an append as JSON: when every event is plain data the compiled guard accepts, it
 * is stringified as it is (the guard promises that is the decoded event's JSON); otherwise
 * `validateEvents` decodes them, and reports the first bad field.
 */
const encodeEvents = (events: unknown): Result.Result<Array<string>, InvalidInput> => {
  if (Array.isArray(events) && events.length > 0 && Object.getPrototypeOf(events) === Array.prototype) {
    const guard = eventGuard ??= Guard.compile(JourneyEventSchema, { plainData: true })
    const json: Array<string> = []
    for (let i = 0; i < events.length; i++) {
      const event: unknown = events[i]
      if (!guard(event)) break
      json.push(JSON.stringify(event))
    }
    if (json.length === events.length) return Result.succeed(json)
  }
  const valid = validateEvents(events)
  if (Result.isFailure(valid)) return Result.fail(valid.failure)
  const json: Array<string> = []
  for (const event of valid.success) json.push(JSON.stringify(event))
  return Result.succeed(json)
}

const decodeIndex = Schema.decodeUnknownResult(StreamIndexSchema)

const isIndex = Schema.is(StreamIndexSchema)
const indexKeys: ReadonlyArray<string> = ["teacherId", "coachId", "open", "followUpDue"]

const validateIndex = (index: unknown): Result.Result<StreamIndex, InvalidInput> => {
  // Fast path (every append has one): exactly the four own keys and values the schema accepts
  // decode to the same row; anything else goes through the decode, which names the bad field.
  if (typeof index === "object" && index !== null && Reflect.ownKeys(index).length === 4 && indexKeys.every((k) => Object.hasOwn(index, k))) {
    const i = index as StreamIndex
    const row: StreamIndex = { teacherId: i.teacherId, coachId: i.coachId, open: i.open, followUpDue: i.followUpDue }
    if (isIndex(row)) return Result.succeed(row)
  }
  const decoded = decodeIndex(index, { onExcessProperty: "error" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const first = issuesOf(decoded.failure.issue, "index")[0]!
  return Result.fail(invalid("INVALID_INDEX", first.path, `Not a stream index row at ${first.path}: ${first.message} (compute it with Journeys.indexOf).`))
}

/**
 * A `STORE_CORRUPT` error: stored data is damaged (`where` names the stream and version when
 * the damage is in an event or an index row).
 *
 * @since 0.3.0
 */
export const corrupt = (what: string, detail?: string, where: { readonly streamId?: string; readonly version?: number } = {}): StoreError =>
  new StoreError({
    code: "STORE_CORRUPT",
    message: `Stored data is damaged: ${what}.`,
    ...(detail !== undefined ? { detail } : {}),
    ...(where.streamId !== undefined ? { streamId: where.streamId } : {}),
    ...(where.version !== undefined ? { version: where.version } : {})
  })

/** Each event tag's fields: which must be present, and which may be. */
const eventFields: ReadonlyMap<string, { readonly required: ReadonlyArray<string>; readonly all: ReadonlySet<string> }> = new Map(
  Object.entries(JourneyEventSchema.cases).map(([tag, schema]) => {
    const fields = Object.entries((schema as unknown as { fields: Record<string, { ast: { context?: { isOptional?: boolean } } }> }).fields)
    return [tag, { required: fields.filter(([, f]) => f.ast.context?.isOptional !== true).map(([k]) => k), all: new Set(fields.map(([k]) => k)) }]
  })
)

/**
 * What a read checks of a stored event, cheaply (the full Schema decode costs ~5 times the
 * JSON parse; a stream read is budgeted near the parse): a known tag, every required field
 * present and not null, no unknown field. `undefined` when it passes, else what is wrong.
 */
const eventShapeProblem = (value: unknown): string | undefined => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "it is not a JSON object"
  const record = value as Record<string, unknown>
  const fields = eventFields.get(record["_tag"] as string)
  if (fields === undefined) return `its _tag ${JSON.stringify(record["_tag"])?.slice(0, 60) ?? "(missing)"} is not a journey event this library knows`
  for (const key of fields.required) {
    if (record[key] === undefined || record[key] === null) return `its field ${key} is missing`
  }
  for (const key in record) {
    if (!fields.all.has(key)) return `its field ${JSON.stringify(key).slice(0, 60)} is not a field of ${record["_tag"] as string}`
    if (record[key] === null) return `its field ${key} is null`
  }
  return undefined
}

// The store only holds events that passed the write check; reads parse them and check their shape cheaply.
const parseStored = (streamId: string, version: number, json: string): Result.Result<JourneyEvent, StoreError> => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    return Result.fail(corrupt(`event ${version} of stream ${streamId} is not JSON`, (e as Error).message, { streamId, version }))
  }
  const problem = eventShapeProblem(value)
  if (problem !== undefined) return Result.fail(corrupt(`event ${version} of stream ${streamId} is not a valid journey event: ${problem}`, undefined, { streamId, version }))
  return Result.succeed(value as JourneyEvent)
}

/**
 * Checks a stored event in full (the Schema decode a write runs): `STORE_CORRUPT` naming the
 * stream, the version and the first bad field. Export runs it on every event it writes.
 *
 * @since 0.3.0
 */
export const verifyEvent = (streamId: string, version: number, event: unknown): Result.Result<JourneyEvent, StoreError> => {
  const decoded = decodeEvent(event, { onExcessProperty: "error" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const first = issuesOf(decoded.failure.issue, "event")[0]!
  return Result.fail(
    corrupt(`event ${version} of stream ${streamId} is not a valid journey event at ${first.path}: ${first.message}`, undefined, { streamId, version })
  )
}

const decodeEvent = Schema.decodeUnknownResult(JourneyEventSchema)

/** Checks a listed stream's summary (its id, version and index row); damage is `STORE_CORRUPT` naming the stream. */
const verifySummary = (row: StreamSummary): Result.Result<StreamSummary, StoreError> => {
  const raw: unknown = row?.streamId
  if (typeof raw !== "string" || !slug.test(raw)) {
    const shown = (JSON.stringify(raw) ?? String(raw)).slice(0, 60)
    return Result.fail(corrupt(`a stream index row has the id ${shown}`, undefined, { streamId: typeof raw === "string" ? raw : shown }))
  }
  const streamId = raw
  if (!Number.isSafeInteger(row.version) || row.version < 1) {
    return Result.fail(corrupt(`the index row of stream ${streamId} says version ${String(row.version)}`, undefined, { streamId }))
  }
  const { streamId: _s, version: _v, ...index } = row
  const decoded = decodeIndex(index, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    const first = issuesOf(decoded.failure.issue, "index")[0]!
    return Result.fail(corrupt(`the index row of stream ${streamId} is not valid at ${first.path}: ${first.message}`, undefined, { streamId }))
  }
  return Result.succeed(row)
}

type Codec = {
  readonly decode: (u: unknown, options: object) => Result.Result<unknown, Schema.SchemaError>
  readonly encode: (a: unknown) => unknown
}

const codecs = Object.fromEntries(
  Records.recordKinds.map((kind) => {
    const schema = Records.table[kind].schema as unknown as Schema.Codec<unknown, unknown>
    return [kind, { decode: Schema.decodeUnknownResult(schema), encode: Schema.encodeSync(schema) }]
  })
) as unknown as Record<RecordKind, Codec>

/**
 * A record as the port stores it: validated (`INVALID_RECORD`, or `INVALID_ID` for its id, with
 * the field's path), encoded as JSON, with its refs.
 *
 * @since 0.2.0
 */
export const storedRecord = <K extends RecordKind>(kind: K, value: unknown): Result.Result<StoredRecord, InvalidInput> => {
  const decoded = codecs[kind].decode(value, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    const first = issuesOf(decoded.failure.issue, kind)[0]!
    return Result.fail(
      invalid(first.path === `${kind}.id` ? "INVALID_ID" : "INVALID_RECORD", first.path, `Not a valid ${kind} at ${first.path}: ${first.message}`)
    )
  }
  const record = decoded.success as Records.RecordOf<K> & { readonly id: string }
  const refs = [...new Set((Records.table[kind].refs as (r: Records.RecordOf<K>) => ReadonlyArray<string>)(record))]
  return Result.succeed({ kind, id: record.id, json: JSON.stringify(codecs[kind].encode(record)), refs })
}

const decodePolicy = Schema.decodeUnknownResult(Policy)
const encodePolicy = Schema.encodeSync(Policy)

/**
 * The policy as the port stores it: a `"setting"` record with id `policy`, validated
 * (`INVALID_RECORD` with the field's path).
 *
 * @since 0.3.0
 */
export const storedPolicy = (value: unknown): Result.Result<StoredRecord, InvalidInput> => {
  const decoded = decodePolicy(value, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    const first = issuesOf(decoded.failure.issue, "policy")[0]!
    return Result.fail(invalid("INVALID_RECORD", first.path, `Not a valid policy at ${first.path}: ${first.message}`))
  }
  return Result.succeed({ kind: "setting", id: POLICY_SETTING, json: JSON.stringify(encodePolicy(decoded.success)), refs: [] })
}

/**
 * Any stored record as the port stores it: a record of its kind (`storedRecord`) or a setting
 * (`storedPolicy`, the one setting so far). For adapters that receive records from outside
 * (the HTTP server).
 *
 * @since 0.3.0
 */
export const storedValue = (kind: RecordKind | "setting", value: unknown): Result.Result<StoredRecord, InvalidInput> =>
  kind === "setting" ? storedPolicy(value) : storedRecord(kind, value)

const parsePolicy = (json: string): Result.Result<Policy, StoreError> => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    return Result.fail(corrupt("the stored policy is not JSON", (e as Error).message))
  }
  const decoded = decodePolicy(value, { onExcessProperty: "error" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const first = issuesOf(decoded.failure.issue, "policy")[0]!
  return Result.fail(corrupt("the stored policy is not a valid policy", `${first.path}: ${first.message}`))
}

const parseRecord = <K extends RecordKind>(kind: K, id: string, json: string): Result.Result<Records.RecordOf<K>, StoreError> => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    return Result.fail(corrupt(`${kind} ${id} is not JSON`, (e as Error).message))
  }
  const decoded = codecs[kind].decode(value, { onExcessProperty: "error" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success as Records.RecordOf<K>)
  const first = issuesOf(decoded.failure.issue, kind)[0]!
  return Result.fail(corrupt(`${kind} ${id} is not a valid ${kind}`, `${first.path}: ${first.message}`))
}


/**
 * Every item of a paged list (pages of `MAX_LIMIT`).
 *
 * @since 0.2.0
 */
export const listAll = <A, Q extends PageOptions, E>(
  list: (query: Q) => Effect.Effect<Page<A>, E>,
  query: Omit<Q, "limit" | "cursor"> = {} as Q
): Effect.Effect<Array<A>, E> =>
  Effect.gen(function*() {
    const out: Array<A> = []
    let cursor: string | undefined
    do {
      const page = yield* list({ ...query, limit: MAX_LIMIT, ...(cursor !== undefined ? { cursor } : {}) } as Q)
      out.push(...page.items)
      cursor = Option.getOrUndefined(page.next)
    } while (cursor !== undefined)
    return out
  })

/**
 * The coaching relationship between a coach and a teacher: the one active on `on` (a
 * `YYYY-MM-DD` day; default today, by Effect's `Clock`), else their most recent one (latest
 * `since`); `None` when they have never had one. Reads only the teacher's relationships.
 *
 * @since 0.2.0
 */
export const relationshipBetween = (
  store: CoachingStoreService,
  coachId: string,
  teacherId: string,
  options: { readonly on?: string } = {}
): Effect.Effect<Option.Option<Relationship>, ReadError> =>
  Effect.gen(function*() {
    yield* Effect.fromResult(validateId(coachId, "coachId"))
    yield* Effect.fromResult(validateId(teacherId, "teacherId"))
    const on = options.on ?? dateOf(timestampFromMillis(yield* Clock.currentTimeMillis) ?? timestampFromMillis(0)!)
    if (!Schema.is(CalendarDate)(on)) {
      return yield* invalid("INVALID_QUERY", "on", `on must be a calendar date like 2026-11-29; got ${describe(on)}.`)
    }
    const theirs = (yield* listAll(store.records("relationship").list, { ref: teacherId }))
      .filter((r) => r.coachId === coachId && r.teacherId === teacherId)
      .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0))
    return Option.fromUndefinedOr(theirs.findLast((r) => activeOn(r, on)) ?? theirs.at(-1))
  })

// ---------------------------------------------------------------------------------------------
// make
// ---------------------------------------------------------------------------------------------

/**
 * Builds the store from an adapter's primitives, deriving validation, encoding, cursors and
 * typed records.
 *
 * @since 0.1.0
 */
export const make = (primitives: Primitives): CoachingStoreService => {
  // The hot path of every command: plain checks in one suspended step, no generator (bench/journeys).
  const append: CoachingStoreService["append"] = (streamId, events, options) =>
    Effect.suspend((): Effect.Effect<AppendResult, InvalidInput | VersionConflict | StoreError> => {
      const id = validateId(streamId, "streamId")
      if (Result.isFailure(id)) return Effect.fail(id.failure)
      const expected = validateExpected(options?.expected)
      if (Result.isFailure(expected)) return Effect.fail(expected.failure)
      // Events have no Schema transformations: a decoded event is its own JSON form (a core test
      // keeps encode(e) equal to e), so a valid event is stringified as is.
      const json = encodeEvents(events)
      if (Result.isFailure(json)) return Effect.fail(json.failure)
      const index = validateIndex(options?.index)
      if (Result.isFailure(index)) return Effect.fail(index.failure)
      return primitives.append({ streamId: id.success, expected: expected.success, events: json.success, index: index.success })
    })

  const readStream: CoachingStoreService["readStream"] = (streamId, options) =>
    Effect.gen(function*() {
      const id = yield* Effect.fromResult(validateId(streamId, "streamId"))
      const after = options?.after ?? 0
      if (!Number.isSafeInteger(after) || after < 0) {
        return yield* invalid("INVALID_VERSION", "after", `after must be a whole number ≥ 0; got ${JSON.stringify(after)}.`)
      }
      const found = yield* primitives.read(id, after)
      if (Option.isNone(found)) return Option.none()
      const events: Array<StoredEvent> = []
      let version = after
      for (const json of found.value.events) {
        version++
        events.push({ version, event: yield* Effect.fromResult(parseStored(id, version, json)) })
      }
      if (version !== Math.max(after, found.value.version)) {
        return yield* corrupt(`stream ${id} says version ${found.value.version} but holds ${version} events`, undefined, { streamId: id })
      }
      return Option.some({ streamId: id, version: found.value.version, events })
    })

  const listStreams: CoachingStoreService["listStreams"] = (input = {}) =>
    Effect.gen(function*() {
      const query = (yield* Effect.fromResult(validateQuery(input, streamQueryKeys, "stream"))) as StreamQuery
      const teacherId = query.teacherId === undefined ? undefined : yield* Effect.fromResult(validateId(query.teacherId, "teacherId"))
      const coachId = query.coachId === undefined ? undefined : yield* Effect.fromResult(validateId(query.coachId, "coachId"))
      if (query.open !== undefined && typeof query.open !== "boolean") {
        return yield* invalid("INVALID_QUERY", "open", "open must be true or false.")
      }
      if (query.followUpDueBefore !== undefined && !Schema.is(CalendarDate)(query.followUpDueBefore)) {
        return yield* invalid("INVALID_QUERY", "followUpDueBefore", "followUpDueBefore must be a calendar date like 2026-11-29.")
      }
      const limit = yield* Effect.fromResult(validateLimit(query.limit))
      const after = yield* Effect.fromResult(readCursor(query.cursor, "streams"))
      const rows = yield* primitives.listStreams({
        teacherId,
        coachId,
        open: query.open,
        followUpDueBefore: query.followUpDueBefore,
        after,
        limit: limit + 1
      })
      const items = rows.slice(0, limit)
      for (const row of items) yield* Effect.fromResult(verifySummary(row))
      const next = rows.length > limit ? Option.some(makeCursor("streams", items.at(-1)!.streamId)) : Option.none()
      return { items, next }
    })

  const recordStore = <K extends RecordKind>(kind: K): RecordStore<Records.RecordOf<K>, Records.InputOf<K>> => ({
    put: (value) => Effect.flatMap(Effect.fromResult(storedRecord(kind, value)), primitives.putRecord),
    get: (id) =>
      Effect.gen(function*() {
        const valid = yield* Effect.fromResult(validateId(id, "id"))
        const json = yield* primitives.getRecord(kind, valid)
        if (Option.isNone(json)) return Option.none()
        return Option.some(yield* Effect.fromResult(parseRecord(kind, valid, json.value)))
      }),
    list: (input = {}) =>
      Effect.gen(function*() {
        const query = (yield* Effect.fromResult(validateQuery(input, recordQueryKeys, kind))) as RecordQuery
        const ref = query.ref === undefined ? undefined : yield* Effect.fromResult(validateId(query.ref, "ref"))
        const limit = yield* Effect.fromResult(validateLimit(query.limit))
        const scope = ref === undefined ? kind : `${kind}@${ref}`
        const after = yield* Effect.fromResult(readCursor(query.cursor, scope))
        const rows = yield* primitives.listRecords({ kind, ref, after, limit: limit + 1 })
        const page = rows.slice(0, limit)
        const items: Array<Records.RecordOf<K>> = []
        for (const row of page) items.push(yield* Effect.fromResult(parseRecord(kind, row.id, row.json)))
        const next = rows.length > limit ? Option.some(makeCursor(scope, page.at(-1)!.id)) : Option.none()
        return { items, next }
      })
  })
  const stores = Object.fromEntries(Records.recordKinds.map((kind) => [kind, recordStore(kind)])) as {
    readonly [K in RecordKind]: RecordStore<Records.RecordOf<K>, Records.InputOf<K>>
  }

  const policy: CoachingStoreService["policy"] = {
    get: Effect.gen(function*() {
      const json = yield* primitives.getRecord("setting", POLICY_SETTING)
      if (Option.isNone(json)) return Option.none()
      return Option.some(yield* Effect.fromResult(parsePolicy(json.value)))
    }),
    put: (value) => Effect.flatMap(Effect.fromResult(storedPolicy(value)), primitives.putRecord)
  }

  return CoachingStore.of({
    append,
    readStream,
    listStreams,
    records: (kind) => stores[kind],
    policy,
    primitives
  })
}
