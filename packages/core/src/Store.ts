/**
 * The storage port: one `CoachingStore` service that every adapter (memory, SQLite, HTTP, …)
 * provides. It has the shape of Effect's own `KeyValueStore`: an adapter implements a few dumb
 * `Primitives` (append JSON lines to a stream with an expected version, read them back, list
 * streams by an index row, put/get/list JSON records, write an all-or-nothing batch) and `make`
 * derives everything else — validation, JSON encoding, the index row, pagination cursors,
 * typed people/playbook records, journeys, export and import — once, so adapters agree.
 *
 * Decided once for all adapters:
 * - **Missing is `Option`**: `readStream`, `getPerson`, `getCohort`, `getRelationship` and
 *   `getPlaybook` return `Option.none()` for something never stored. `loadJourney` returns the
 *   empty journey (version 0) for a teacher with no cycles yet — that is a valid state.
 * - **Versions** are 1-based event positions; a stream's version is its event count. An append
 *   says what version it expects: a number (`0` = the stream must not exist), `"no-stream"`
 *   or `"any"`. A stale expectation fails with `VersionConflict` and writes nothing.
 * - **Bad input** (an id that is not a slug, a bad cursor, an event that is not a journey event)
 *   fails with `InvalidInput` and a stable `code`, before the adapter is called.
 * - **Stored-data problems** (a corrupt file, a newer schema, a locked file) fail with
 *   `StoreError` and a stable `code`. Events are validated on write; on read they are parsed
 *   and their tag checked (not fully re-validated: the store only ever holds what passed the
 *   write check; see `docs/decisions/0002-sqlite-adapter.md`).
 *
 * @since 0.1.0
 */
import { Context, Effect, Option, Result, Schema } from "effect"
import { Base64Url } from "effect/encoding"
import * as Cycle from "./Cycle.js"
import { type JourneyEvent, JourneyEvent as JourneyEventSchema } from "./Events.js"
import * as Export from "./Export.js"
import { journeyStreamId, type PersonId, PersonId as PersonIdSchema } from "./Ids.js"
import { issuesOf } from "./internal/issues.js"
import { Cohort, Person, Relationship } from "./People.js"
import { Playbook } from "./Playbook.js"
import type { Policy } from "./Policy.js"
import { CalendarDate } from "./Time.js"

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
  detail: Schema.optionalKey(Schema.String)
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

/** The kinds of records besides journeys. @since 0.1.0 */
export type RecordKind = "person" | "cohort" | "relationship" | "playbook"

/** The record kinds, in export order. @since 0.1.0 */
export const recordKinds: ReadonlyArray<RecordKind> = ["person", "cohort", "relationship", "playbook"]

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
  readonly kind: RecordKind
  readonly id: string
  /** The record as JSON text. */
  readonly json: string
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
  /** Inserts or replaces a record. */
  readonly putRecord: (record: StoredRecord) => Effect.Effect<void, StoreError>
  /** A record's JSON, or `None`. */
  readonly getRecord: (kind: RecordKind, id: string) => Effect.Effect<Option.Option<string>, StoreError>
  /** At most `limit` records of a kind with id > `after`, ordered by id. */
  readonly listRecords: (
    kind: RecordKind,
    after: string | undefined,
    limit: number
  ) => Effect.Effect<ReadonlyArray<StoredRecord>, StoreError>
  /** Writes records and appends all-or-nothing: if any expected version fails, nothing is written. */
  readonly writeBatch: (batch: {
    readonly records: ReadonlyArray<StoredRecord>
    readonly appends: ReadonlyArray<AppendRequest>
  }) => Effect.Effect<void, VersionConflict | StoreError>
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

/** What an import wrote. @since 0.1.0 */
export interface ImportSummary {
  readonly people: number
  readonly cohorts: number
  readonly relationships: number
  readonly playbooks: number
  readonly journeys: number
  readonly events: number
}

/** The coaching store: the primitives plus everything `make` derives. @since 0.1.0 */
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

  /** A teacher's journey (the empty journey, version 0, if nothing is recorded yet). */
  readonly loadJourney: (teacherId: string) => Effect.Effect<Cycle.Journey, ReadError>
  /** Appends decided events to the journey they were decided against (its version is the expected one). */
  readonly appendToJourney: (
    journey: Cycle.Journey,
    events: ReadonlyArray<JourneyEvent>
  ) => Effect.Effect<Cycle.Journey, WriteError>

  /** Inserts or replaces a person. */
  readonly putPerson: (person: Person) => Effect.Effect<void, InvalidInput | StoreError>
  /** A person, or `None`. */
  readonly getPerson: (id: string) => Effect.Effect<Option.Option<Person>, ReadError>
  /** People ordered by id, a page at a time. */
  readonly listPeople: (options?: PageOptions) => Effect.Effect<Page<Person>, ReadError>
  /** Inserts or replaces a cohort. */
  readonly putCohort: (cohort: Cohort) => Effect.Effect<void, InvalidInput | StoreError>
  /** A cohort, or `None`. */
  readonly getCohort: (id: string) => Effect.Effect<Option.Option<Cohort>, ReadError>
  /** Cohorts ordered by id, a page at a time. */
  readonly listCohorts: (options?: PageOptions) => Effect.Effect<Page<Cohort>, ReadError>
  /** Inserts or replaces a coaching relationship. */
  readonly putRelationship: (relationship: Relationship) => Effect.Effect<void, InvalidInput | StoreError>
  /** A relationship, or `None`. */
  readonly getRelationship: (id: string) => Effect.Effect<Option.Option<Relationship>, ReadError>
  /** Relationships ordered by id, a page at a time. */
  readonly listRelationships: (options?: PageOptions) => Effect.Effect<Page<Relationship>, ReadError>
  /** Inserts or replaces a playbook. */
  readonly putPlaybook: (playbook: Playbook) => Effect.Effect<void, InvalidInput | StoreError>
  /** A playbook, or `None`. */
  readonly getPlaybook: (id: string) => Effect.Effect<Option.Option<Playbook>, ReadError>
  /** Playbooks ordered by id, a page at a time. */
  readonly listPlaybooks: (options?: PageOptions) => Effect.Effect<Page<Playbook>, ReadError>

  /** Everything in the store as an export document (canonical order; `policy` is added if given). */
  readonly exportDocument: (options?: { readonly policy?: Policy }) => Effect.Effect<Export.ExportDocument, ReadError>
  /**
   * Imports an export (parsed JSON or text): validated first (`Export.decode`), then written in
   * one all-or-nothing batch. Records are upserted; each journey must not exist yet (else
   * `VersionConflict` and nothing is written).
   */
  readonly importDocument: (
    input: unknown
  ) => Effect.Effect<ImportSummary, Export.InvalidExport | VersionConflict | StoreError>

  /** The adapter's primitives, for tools and tests that need them. */
  readonly primitives: Primitives
}

/** The service tag of the coaching store (`yield* CoachingStore` gives the service). @since 0.1.0 */
export class CoachingStore extends Context.Service<CoachingStore, CoachingStoreService>()("@coaching/core/CoachingStore") {}

// ---------------------------------------------------------------------------------------------
// Derived helpers
// ---------------------------------------------------------------------------------------------

/** The index row of a journey. @since 0.1.0 */
export const indexOf = (journey: Cycle.Journey): StreamIndex => {
  const open = Cycle.openCycle(journey)
  const current = open ?? journey.cycles.at(-1)
  return {
    teacherId: journey.teacherId,
    coachId: current?.coachId,
    open: open !== undefined,
    followUpDue: open?.followUpDue
  }
}

/** The page size when none is given. @since 0.1.0 */
export const DEFAULT_LIMIT = 100
/** The largest page size. @since 0.1.0 */
export const MAX_LIMIT = 1000

const streamQueryKeys: ReadonlySet<string> = new Set(["teacherId", "coachId", "open", "followUpDueBefore", "limit", "cursor"])

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
const encodeEvent = Schema.encodeSync(JourneyEventSchema)
const knownTags: ReadonlySet<string> = new Set(Object.keys(JourneyEventSchema.cases))

const validateEvents = (events: unknown): Result.Result<ReadonlyArray<JourneyEvent>, InvalidInput> => {
  if (Array.isArray(events) && events.length === 0) {
    return Result.fail(invalid("EMPTY_APPEND", "events", "An append needs at least one event."))
  }
  const decoded = decodeEvents(events, { onExcessProperty: "error" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const first = issuesOf(decoded.failure.issue, "events")[0]!
  return Result.fail(invalid("INVALID_EVENT", first.path, `Not a journey event at ${first.path}: ${first.message}`))
}

const decodeIndex = Schema.decodeUnknownResult(StreamIndexSchema)

const validateIndex = (index: unknown): Result.Result<StreamIndex, InvalidInput> => {
  const decoded = decodeIndex(index, { onExcessProperty: "error" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const first = issuesOf(decoded.failure.issue, "index")[0]!
  return Result.fail(invalid("INVALID_INDEX", first.path, `Not a stream index row at ${first.path}: ${first.message} (compute it with Store.indexOf).`))
}

const corrupt = (what: string, detail?: string) =>
  new StoreError({
    code: "STORE_CORRUPT",
    message: `Stored data is damaged: ${what}.`,
    ...(detail !== undefined ? { detail } : {})
  })

// The store only holds events that passed the write check; reads parse and check the tag only.
const parseStored = (streamId: string, version: number, json: string): Result.Result<JourneyEvent, StoreError> => {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    return Result.fail(corrupt(`event ${version} of stream ${streamId} is not JSON`, (e as Error).message))
  }
  if (typeof value !== "object" || value === null || !knownTags.has((value as { _tag?: unknown })._tag as string)) {
    return Result.fail(corrupt(`event ${version} of stream ${streamId} is not a journey event this library knows`))
  }
  return Result.succeed(value as JourneyEvent)
}

const recordSchemas = {
  person: Person,
  cohort: Cohort,
  relationship: Relationship,
  playbook: Playbook
} as const

type RecordOf<K extends RecordKind> = (typeof recordSchemas)[K]["Type"]

const recordDecoders = {
  person: Schema.decodeUnknownResult(Person),
  cohort: Schema.decodeUnknownResult(Cohort),
  relationship: Schema.decodeUnknownResult(Relationship),
  playbook: Schema.decodeUnknownResult(Playbook)
} as const

const recordEncoders = {
  person: Schema.encodeSync(Person),
  cohort: Schema.encodeSync(Cohort),
  relationship: Schema.encodeSync(Relationship),
  playbook: Schema.encodeSync(Playbook)
} as const

const encodeRecord = <K extends RecordKind>(kind: K, value: unknown): string =>
  JSON.stringify((recordEncoders[kind] as (a: unknown) => unknown)(value))

const decodeRecord = <K extends RecordKind>(kind: K, input: unknown): Result.Result<RecordOf<K>, { path: string; message: string }> => {
  const decoded = (recordDecoders[kind] as (u: unknown, o: object) => Result.Result<RecordOf<K>, Schema.SchemaError>)(input, {
    onExcessProperty: "error"
  })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const first = issuesOf(decoded.failure.issue, kind)[0]!
  return Result.fail({ path: first.path, message: first.message })
}

const fromResult = <A, E>(r: Result.Result<A, E>): Effect.Effect<A, E> => (Result.isSuccess(r) ? Effect.succeed(r.success) : Effect.fail(r.failure))

// ---------------------------------------------------------------------------------------------
// make
// ---------------------------------------------------------------------------------------------

/**
 * Builds the store from an adapter's primitives, deriving validation, encoding, index rows,
 * cursors, typed records, journeys, export and import.
 *
 * @since 0.1.0
 */
export const make = (primitives: Primitives): CoachingStoreService => {
  // Events have no Schema transformations: a decoded event is its own JSON form, so after the
  // one validating decode it is stringified as is (a core test keeps encode(e) equal to e).
  const appendValid = (streamId: string, events: ReadonlyArray<JourneyEvent>, expected: ExpectedVersion, index: StreamIndex) =>
    primitives.append({ streamId, expected, events: events.map((e) => JSON.stringify(e)), index })

  const append: CoachingStoreService["append"] = (streamId, events, options) =>
    Effect.gen(function*() {
      const id = yield* fromResult(validateId(streamId, "streamId"))
      const expected = yield* fromResult(validateExpected(options?.expected))
      const valid = yield* fromResult(validateEvents(events))
      const index = yield* fromResult(validateIndex(options?.index))
      return yield* appendValid(id, valid, expected, index)
    })

  const readStream: CoachingStoreService["readStream"] = (streamId, options) =>
    Effect.gen(function*() {
      const id = yield* fromResult(validateId(streamId, "streamId"))
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
        events.push({ version, event: yield* fromResult(parseStored(id, version, json)) })
      }
      if (version !== Math.max(after, found.value.version)) {
        return yield* corrupt(`stream ${id} says version ${found.value.version} but holds ${version} events`)
      }
      return Option.some({ streamId: id, version: found.value.version, events })
    })

  const listStreams: CoachingStoreService["listStreams"] = (query = {}) =>
    Effect.gen(function*() {
      if (typeof query !== "object" || query === null) {
        return yield* invalid("INVALID_QUERY", "query", "A stream query is an object of filters and paging options.")
      }
      const unknownKey = Object.keys(query).find((k) => !streamQueryKeys.has(k))
      if (unknownKey !== undefined) {
        return yield* invalid(
          "INVALID_QUERY",
          unknownKey,
          `${unknownKey} is not a stream filter; use ${[...streamQueryKeys].join(", ")}.`
        )
      }
      const teacherId = query.teacherId === undefined ? undefined : yield* fromResult(validateId(query.teacherId, "teacherId"))
      const coachId = query.coachId === undefined ? undefined : yield* fromResult(validateId(query.coachId, "coachId"))
      if (query.open !== undefined && typeof query.open !== "boolean") {
        return yield* invalid("INVALID_QUERY", "open", "open must be true or false.")
      }
      if (query.followUpDueBefore !== undefined && !Schema.is(CalendarDate)(query.followUpDueBefore)) {
        return yield* invalid("INVALID_QUERY", "followUpDueBefore", "followUpDueBefore must be a calendar date like 2026-11-29.")
      }
      const limit = yield* fromResult(validateLimit(query.limit))
      const after = yield* fromResult(readCursor(query.cursor, "streams"))
      const rows = yield* primitives.listStreams({
        teacherId,
        coachId,
        open: query.open,
        followUpDueBefore: query.followUpDueBefore,
        after,
        limit: limit + 1
      })
      const items = rows.slice(0, limit)
      const next = rows.length > limit ? Option.some(makeCursor("streams", items.at(-1)!.streamId)) : Option.none()
      return { items, next }
    })

  const loadJourney: CoachingStoreService["loadJourney"] = (teacherId) =>
    Effect.gen(function*() {
      const id = yield* fromResult(validateId(teacherId, "teacherId"))
      const slice = yield* readStream(journeyStreamId(id as PersonId))
      return Option.isNone(slice) ? Cycle.initialState : Cycle.replay(slice.value.events.map((e) => e.event))
    })

  const appendToJourney: CoachingStoreService["appendToJourney"] = (journey, events) =>
    Effect.gen(function*() {
      const valid = yield* fromResult(validateEvents(events))
      const after = Cycle.replay(valid, journey)
      if (after.teacherId === undefined) {
        return yield* invalid("INVALID_EVENT", "events", "A journey starts with a CycleStarted event naming its teacher.")
      }
      // The events were validated above and the index row is core's own: no second check.
      yield* appendValid(journeyStreamId(after.teacherId), valid, journey.version === 0 ? "no-stream" : journey.version, indexOf(after))
      return after
    })

  const putRecord = <K extends RecordKind>(kind: K) => (record: RecordOf<K>): Effect.Effect<void, InvalidInput | StoreError> =>
    Effect.gen(function*() {
      const decoded = decodeRecord(kind, record)
      if (Result.isFailure(decoded)) {
        return yield* invalid(
          decoded.failure.path === `${kind}.id` ? "INVALID_ID" : "INVALID_RECORD",
          decoded.failure.path,
          `Not a valid ${kind} at ${decoded.failure.path}: ${decoded.failure.message}`
        )
      }
      const value = decoded.success as { readonly id: string }
      yield* primitives.putRecord({ kind, id: value.id, json: encodeRecord(kind, value) })
    })

  const parseRecord = <K extends RecordKind>(kind: K, id: string, json: string): Result.Result<RecordOf<K>, StoreError> => {
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch (e) {
      return Result.fail(corrupt(`${kind} ${id} is not JSON`, (e as Error).message))
    }
    const decoded = decodeRecord(kind, value)
    return Result.isSuccess(decoded)
      ? Result.succeed(decoded.success)
      : Result.fail(corrupt(`${kind} ${id} is not a valid ${kind}`, `${decoded.failure.path}: ${decoded.failure.message}`))
  }

  const getRecord = <K extends RecordKind>(kind: K) => (id: string): Effect.Effect<Option.Option<RecordOf<K>>, ReadError> =>
    Effect.gen(function*() {
      const valid = yield* fromResult(validateId(id, "id"))
      const json = yield* primitives.getRecord(kind, valid)
      if (Option.isNone(json)) return Option.none()
      return Option.some(yield* fromResult(parseRecord(kind, valid, json.value)))
    })

  const listRecords = <K extends RecordKind>(kind: K) => (options: PageOptions = {}): Effect.Effect<Page<RecordOf<K>>, ReadError> =>
    Effect.gen(function*() {
      const limit = yield* fromResult(validateLimit(options.limit))
      const after = yield* fromResult(readCursor(options.cursor, kind))
      const rows = yield* primitives.listRecords(kind, after, limit + 1)
      const page = rows.slice(0, limit)
      const items: Array<RecordOf<K>> = []
      for (const row of page) items.push(yield* fromResult(parseRecord(kind, row.id, row.json)))
      const next = rows.length > limit ? Option.some(makeCursor(kind, page.at(-1)!.id)) : Option.none()
      return { items, next }
    })

  /** Every item of a paged list. */
  const all = <A>(list: (options: PageOptions) => Effect.Effect<Page<A>, ReadError>): Effect.Effect<Array<A>, ReadError> =>
    Effect.gen(function*() {
      const out: Array<A> = []
      let cursor: string | undefined
      do {
        const page = yield* list({ limit: MAX_LIMIT, ...(cursor !== undefined ? { cursor } : {}) })
        out.push(...page.items)
        cursor = Option.getOrUndefined(page.next)
      } while (cursor !== undefined)
      return out
    })

  const listPeople = listRecords("person")
  const listCohorts = listRecords("cohort")
  const listRelationships = listRecords("relationship")
  const listPlaybooks = listRecords("playbook")

  const exportDocument: CoachingStoreService["exportDocument"] = (options = {}) =>
    Effect.gen(function*() {
      const streams = yield* all((page) => listStreams(page))
      const journeys: Array<Export.JourneyRecord> = []
      for (const stream of streams) {
        if (stream.teacherId === undefined) continue
        const slice = yield* readStream(stream.streamId)
        if (Option.isNone(slice)) continue
        journeys.push({ teacherId: stream.teacherId, events: slice.value.events.map((e) => e.event) })
      }
      return Export.make({
        ...(options.policy !== undefined ? { policy: options.policy } : {}),
        people: yield* all(listPeople),
        cohorts: yield* all(listCohorts),
        relationships: yield* all(listRelationships),
        playbooks: yield* all(listPlaybooks),
        journeys
      })
    })

  const importDocument: CoachingStoreService["importDocument"] = (input) =>
    Effect.gen(function*() {
      const doc = yield* fromResult(Export.decode(input))
      const records: Array<StoredRecord> = []
      const add = <K extends RecordKind>(kind: K, items: ReadonlyArray<RecordOf<K> & { readonly id: string }>) => {
        for (const item of items) {
          records.push({ kind, id: item.id, json: encodeRecord(kind, item) })
        }
      }
      add("person", doc.people)
      add("cohort", doc.cohorts)
      add("relationship", doc.relationships)
      add("playbook", doc.playbooks)
      const appends: Array<AppendRequest> = doc.journeys
        .filter((j) => j.events.length > 0)
        .map((j) => ({
          streamId: journeyStreamId(j.teacherId),
          expected: "no-stream" as const,
          events: j.events.map((e) => JSON.stringify(encodeEvent(e))),
          index: indexOf(Cycle.replay(j.events))
        }))
      yield* primitives.writeBatch({ records, appends })
      return {
        people: doc.people.length,
        cohorts: doc.cohorts.length,
        relationships: doc.relationships.length,
        playbooks: doc.playbooks.length,
        journeys: appends.length,
        events: appends.reduce((n, a) => n + a.events.length, 0)
      }
    })

  return CoachingStore.of({
    append,
    readStream,
    listStreams,
    loadJourney,
    appendToJourney,
    putPerson: putRecord("person"),
    getPerson: getRecord("person"),
    listPeople,
    putCohort: putRecord("cohort"),
    getCohort: getRecord("cohort"),
    listCohorts,
    putRelationship: putRecord("relationship"),
    getRelationship: getRecord("relationship"),
    listRelationships,
    putPlaybook: putRecord("playbook"),
    getPlaybook: getRecord("playbook"),
    listPlaybooks,
    exportDocument,
    importDocument,
    primitives
  })
}

