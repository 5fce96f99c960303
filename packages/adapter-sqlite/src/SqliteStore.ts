/**
 * The SQLite `CoachingStore`: one file (or `:memory:`), WAL journal, statements prepared once,
 * one `BEGIN IMMEDIATE` transaction per write (an append with its index row, a record with its
 * refs, a batch), versioned migrations recorded in `coaching_schema`. All SQL lives in `Sql.ts`.
 *
 * Opening refuses, with a typed `StoreError` and without writing a byte:
 * - a file that is not a SQLite database, or is damaged → `STORE_CORRUPT`;
 * - a database of another application → `STORE_FOREIGN`;
 * - a coaching store of a newer schema than this library → `STORE_NEWER_SCHEMA`;
 * - a file another process keeps locked past the busy timeout → `STORE_LOCKED`
 *   (writes hitting a lock later fail the same way, and write nothing).
 *
 * better-sqlite3 is used directly (synchronous calls wrapped in `Effect`), not through
 * `effect/sql`: see `docs/decisions/0002-sqlite-adapter.md`.
 *
 * @since 0.1.0
 */
import { Store } from "@coaching/core"
import Database from "better-sqlite3"
import { Effect, Layer, Option, type Scope } from "effect"
import { accessSync, constants, statSync } from "node:fs"
import { dirname, resolve } from "node:path"
import * as Sql from "./Sql.js"

/** Options of the SQLite store. @since 0.1.0 */
export interface Options {
  /** A file path, or `":memory:"` for a private in-memory database. */
  readonly filename: string
  /** How long to wait for another process's lock before failing with `STORE_LOCKED` (ms, default 5000). */
  readonly busyTimeoutMs?: number
  /**
   * `"full"` (default): a commit is on disk before the append returns — an acknowledged event
   * survives a power cut. `"normal"`: it survives a crash of the process, but the last commits
   * may be lost on a power cut (never corrupted). See the decision record.
   */
  readonly synchronous?: "full" | "normal"
  /** Run `PRAGMA quick_check` at open and refuse a damaged file (default false: SQLite reports damage when it reads it). */
  readonly checkAtOpen?: boolean
}

/** The library name written into `coaching_schema`. @since 0.1.0 */
export const LIBRARY = "@coaching/adapter-sqlite@0.1.0"

type Code = Store.StoreError["code"]

const codeOf = (error: unknown): Code => {
  const code = typeof error === "object" && error !== null ? String((error as { code?: unknown }).code ?? "") : ""
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "STORE_LOCKED"
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return "STORE_CORRUPT"
  if (
    code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR") ||
    code === "SQLITE_FULL" || code === "SQLITE_PERM" || code === "SQLITE_AUTH"
  ) return "STORE_UNAVAILABLE"
  if (error instanceof TypeError && /not open/i.test(error.message)) return "STORE_UNAVAILABLE"
  return "STORE_FAILURE"
}

const explain: Record<Code, string> = {
  STORE_CORRUPT: "is not a coaching database or is damaged",
  STORE_NEWER_SCHEMA: "was written by a newer version of this library",
  STORE_LOCKED: "is locked by another process (it kept the lock past the busy timeout)",
  STORE_FOREIGN: "belongs to another application",
  STORE_UNAVAILABLE: "cannot be opened or written",
  STORE_FAILURE: "failed"
}

const osError = (error: unknown): string => {
  const e = error as NodeJS.ErrnoException
  const words: Record<string, string> = { EACCES: "permission denied", EPERM: "operation not permitted", EROFS: "read-only file system", ENOENT: "no such file or directory" }
  return e.code !== undefined ? `${e.code}: ${words[e.code] ?? e.message}` : String(error)
}

/**
 * Why the operating system will not let SQLite open or write `filename`, in its own words (a
 * missing or read-only folder, a file without permission): SQLite itself only says "unable to
 * open database file". `undefined` when nothing is wrong that the file system can tell.
 */
const whyUnavailable = (filename: string): string | undefined => {
  if (filename === "" || filename === ":memory:" || filename.startsWith("file:")) return undefined
  const file = resolve(filename)
  const folder = dirname(file)
  const check = (path: string, mode: number): string | undefined => {
    try {
      accessSync(path, mode)
      return undefined
    } catch (error) {
      return osError(error)
    }
  }
  let folderInfo
  try {
    folderInfo = statSync(folder)
  } catch (error) {
    return `the folder ${folder} cannot be used (${osError(error)})`
  }
  if (!folderInfo.isDirectory()) return `${folder} is not a folder`
  let exists = true
  try {
    if (statSync(file).isDirectory()) return `${file} is a folder, not a database file`
  } catch {
    exists = false
  }
  const fileProblem = exists ? check(file, constants.R_OK | constants.W_OK) : undefined
  if (fileProblem !== undefined) return `${file} cannot be read and written (${fileProblem})`
  // SQLite creates the database, and its -wal and -shm files, in the folder.
  const folderProblem = check(folder, constants.W_OK | constants.X_OK)
  if (folderProblem !== undefined) return `the folder ${folder} is read-only for this process (${folderProblem}); SQLite must create files in it`
  return undefined
}

/** Turns whatever SQLite threw into a typed `StoreError` naming the file and the reason. @since 0.1.0 */
export const toStoreError = (filename: string, doing: string) => (error: unknown): Store.StoreError => {
  const code = codeOf(error)
  const sqlite = error instanceof Error ? error.message.replace(/\.$/, "") : String(error)
  const reason = code === "STORE_UNAVAILABLE" ? whyUnavailable(filename) ?? sqlite : sqlite
  return new Store.StoreError({
    code,
    message: `The coaching store ${JSON.stringify(filename)} ${explain[code]} (while ${doing}): ${reason}.`,
    detail: error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error)
  })
}

const attempt = <A>(filename: string, doing: string, f: () => A): Effect.Effect<A, Store.StoreError> =>
  Effect.try({ try: f, catch: toStoreError(filename, doing) })

/** Checks the file and brings its schema up to date; writes nothing to a file it refuses. */
const prepare = (db: Database.Database, options: Options): void => {
  const fail = (code: Code, message: string): never => {
    throw Object.assign(new Error(message), { storeCode: code })
  }
  // Reading the table list is the first read: a non-database file fails here with SQLITE_NOTADB.
  const tables = new Set((db.prepare(Sql.open.tables).pluck().all() as Array<string>))
  if (tables.size > 0 && !tables.has("coaching_schema")) {
    fail("STORE_FOREIGN", `it has tables (${[...tables].slice(0, 5).join(", ")}) but no coaching_schema table`)
  }
  const current = tables.has("coaching_schema") ? (db.prepare(Sql.open.schemaVersion).pluck().get() as number) : 0
  if (current > Sql.LATEST_VERSION) {
    fail("STORE_NEWER_SCHEMA", `its schema version is ${current}; this library reads up to ${Sql.LATEST_VERSION}. Upgrade @coaching/adapter-sqlite`)
  }
  if (options.checkAtOpen === true) {
    const verdict = db.prepare("PRAGMA quick_check").pluck().all() as Array<string>
    if (verdict.length !== 1 || verdict[0] !== "ok") fail("STORE_CORRUPT", `quick_check: ${verdict.slice(0, 3).join("; ")}`)
  }
  for (const pragma of Sql.pragmas(options.synchronous ?? "full")) db.pragma(pragma.replace(/^PRAGMA /, ""))
  if (current < Sql.LATEST_VERSION) migrate(db, Sql.LATEST_VERSION)
}

/**
 * Applies the pending migrations up to `target`, all in one `BEGIN IMMEDIATE` transaction (the
 * version is read again inside it, so two processes opening a new file migrate it once).
 *
 * @since 0.1.0
 */
export const migrate = (db: Database.Database, target: number = Sql.LATEST_VERSION): void => {
  db.transaction(() => {
    const tables = new Set(db.prepare(Sql.open.tables).pluck().all() as Array<string>)
    const current = tables.has("coaching_schema") ? (db.prepare(Sql.open.schemaVersion).pluck().get() as number) : 0
    const at = new Date().toISOString()
    for (const migration of Sql.migrations) {
      if (migration.version <= current || migration.version > target) continue
      for (const statement of migration.statements) db.exec(statement)
      db.prepare(Sql.open.recordMigration).run(migration.version, at, LIBRARY)
    }
  }).immediate()
}

interface StreamRow {
  readonly stream_id: string
  readonly version: number
  readonly teacher_id: string | null
  readonly coach_id: string | null
  readonly open: number
  readonly follow_up_due: string | null
}

/** A stream index row as read from SQLite. @since 0.1.0 */
export const summaryOf = (row: StreamRow): Store.StreamSummary => ({
  streamId: row.stream_id,
  version: row.version,
  teacherId: (row.teacher_id ?? undefined) as Store.StreamSummary["teacherId"],
  coachId: (row.coach_id ?? undefined) as Store.StreamSummary["coachId"],
  open: row.open === 1,
  followUpDue: (row.follow_up_due ?? undefined) as Store.StreamSummary["followUpDue"]
})

/**
 * SQLite answers some of an opening's steps (switching a new file to WAL, recovering a WAL)
 * with SQLITE_BUSY at once, without waiting out the busy timeout, while another process opens
 * the same file; such an opening is tried again until the busy timeout has passed.
 */
const busyAtOpen = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown })?.code ?? ""))

/** Opens (and if needed creates and migrates) a database; the caller closes it. @since 0.1.0 */
export const openDatabase = (options: Options): Effect.Effect<Database.Database, Store.StoreError> => {
  const timeout = options.busyTimeoutMs ?? 5000
  const attempt = (deadline: number): Effect.Effect<Database.Database, Store.StoreError> =>
    Effect.suspend(() => {
      let db: Database.Database | undefined
      try {
        db = new Database(options.filename, { timeout })
        prepare(db, options)
        return Effect.succeed(db)
      } catch (error) {
        try {
          db?.close()
        } catch {
          // already failing: the original error is the one to report
        }
        if (busyAtOpen(error) && Date.now() < deadline) {
          return Effect.andThen(Effect.sleep(`${10 + Math.floor(Math.random() * 20)} millis`), attempt(deadline))
        }
        const storeCode = (error as { storeCode?: Code }).storeCode
        if (storeCode !== undefined) {
          return Effect.fail(
            new Store.StoreError({
              code: storeCode,
              message: `The coaching store ${JSON.stringify(options.filename)} ${explain[storeCode]}: ${(error as Error).message}.`
            })
          )
        }
        return Effect.fail(toStoreError(options.filename, "opening")(error))
      }
    })
  return Effect.suspend(() => attempt(Date.now() + timeout))
}

/** The primitives over an open database (statements prepared once, here). @since 0.1.0 */
export const primitives = (db: Database.Database, filename: string): Store.Primitives => {
  const s = {
    streamVersion: db.prepare(Sql.store.streamVersion).pluck(),
    insertEvent: db.prepare(Sql.store.insertEvent),
    upsertStream: db.prepare(Sql.store.upsertStream),
    readEvents: db.prepare(Sql.store.readEvents).pluck(),
    putRecord: db.prepare(Sql.store.putRecord),
    deleteRefs: db.prepare(Sql.store.deleteRefs),
    insertRef: db.prepare(Sql.store.insertRef),
    getRecord: db.prepare(Sql.store.getRecord).pluck(),
    listRecords: db.prepare(Sql.store.listRecords),
    unindexedStreams: db.prepare(Sql.store.unindexedStreams).pluck(),
    listRecordsByRef: db.prepare(Sql.store.listRecordsByRef)
  }
  const listings = new Map<string, Database.Statement>()
  const listing = (shape: Sql.StreamFilterShape): Database.Statement => {
    const key = `${+shape.teacherId}${+shape.coachId}${+shape.open}${+shape.followUpDueBefore}`
    let statement = listings.get(key)
    if (statement === undefined) {
      statement = db.prepare(Sql.listStreams(shape))
      listings.set(key, statement)
    }
    return statement
  }

  /** Writes one checked append inside the caller's transaction; returns the new version. */
  const write = (request: Store.AppendRequest, actual: number): number => {
    let version = actual
    for (const json of request.events) s.insertEvent.run(request.streamId, ++version, json)
    s.upsertStream.run({
      streamId: request.streamId,
      version,
      teacherId: request.index.teacherId ?? null,
      coachId: request.index.coachId ?? null,
      open: request.index.open ? 1 : 0,
      followUpDue: request.index.followUpDue ?? null
    })
    return version
  }

  /** Writes a record and replaces its refs, inside the caller's transaction. */
  const writeRecord = (record: Store.StoredRecord): void => {
    s.putRecord.run(record.kind, record.id, record.json)
    s.deleteRefs.run(record.kind, record.id)
    for (const ref of record.refs) s.insertRef.run(record.kind, ref, record.id)
  }

  const putTx = db.transaction(writeRecord)

  const versionOf = (streamId: string): number => (s.streamVersion.get(streamId) as number | undefined) ?? 0

  const appendTx = db.transaction((request: Store.AppendRequest): Store.AppendResult | Store.VersionConflict => {
    const actual = versionOf(request.streamId)
    const conflict = Store.checkExpected(request.streamId, request.expected, actual)
    if (conflict) return conflict
    return { streamId: request.streamId, previousVersion: actual, version: write(request, actual) }
  })

  const readTx = db.transaction((streamId: string, after: number) => {
    const version = s.streamVersion.get(streamId) as number | undefined
    if (version === undefined) return undefined
    return { version, events: s.readEvents.all(streamId, after) as Array<string> }
  })

  class Rollback {
    constructor(readonly conflict: Store.VersionConflict) {}
  }

  const batchTx = db.transaction((batch: Parameters<Store.Primitives["writeBatch"]>[0]) => {
    for (const record of batch.records) writeRecord(record)
    for (const request of batch.appends) {
      const actual = versionOf(request.streamId)
      const conflict = Store.checkExpected(request.streamId, request.expected, actual)
      // Throwing rolls the whole batch back: records included.
      if (conflict) throw new Rollback(conflict)
      write(request, actual)
    }
  })

  return {
    // One suspended step (every command appends): the transaction, then its result or error.
    append: (request) =>
      Effect.suspend((): Effect.Effect<Store.AppendResult, Store.VersionConflict | Store.StoreError> => {
        let result: Store.AppendResult | Store.VersionConflict
        try {
          result = appendTx.immediate(request)
        } catch (error) {
          return Effect.fail(toStoreError(filename, "appending")(error))
        }
        return result instanceof Store.VersionConflict ? Effect.fail(result) : Effect.succeed(result)
      }),

    read: (streamId, after) =>
      Effect.map(attempt(filename, "reading a stream", () => readTx(streamId, after)), Option.fromNullishOr),

    listStreams: (filter) =>
      attempt(filename, "listing streams", () => {
        const params: Array<unknown> = [filter.after ?? ""]
        if (filter.teacherId !== undefined) params.push(filter.teacherId)
        if (filter.coachId !== undefined) params.push(filter.coachId)
        if (filter.open !== undefined) params.push(filter.open ? 1 : 0)
        if (filter.followUpDueBefore !== undefined) params.push(filter.followUpDueBefore)
        params.push(filter.limit)
        const statement = listing({
          teacherId: filter.teacherId !== undefined,
          coachId: filter.coachId !== undefined,
          open: filter.open !== undefined,
          followUpDueBefore: filter.followUpDueBefore !== undefined
        })
        return (statement.all(...params) as Array<StreamRow>).map(summaryOf)
      }),

    putRecord: (record) =>
      attempt(filename, "writing a record", () => {
        putTx.immediate(record)
      }),

    getRecord: (kind, id) =>
      Effect.map(attempt(filename, "reading a record", () => s.getRecord.get(kind, id) as string | undefined), Option.fromNullishOr),

    listRecords: ({ after, kind, limit, ref }) =>
      attempt(filename, "listing records", () => {
        const rows = (ref === undefined
          ? s.listRecords.all(kind, after ?? "", limit)
          : s.listRecordsByRef.all(kind, ref, after ?? "", limit)) as Array<{ id: string; data: string }>
        // Refs are not read back: listRecords may leave them empty (core only needs the JSON).
        return rows.map((row) => ({ kind, id: row.id, json: row.data, refs: [] }))
      }),

    unindexedStreams: () => attempt(filename, "checking the stream index", () => s.unindexedStreams.all() as Array<string>),

    writeBatch: (batch) =>
      Effect.suspend((): Effect.Effect<void, Store.VersionConflict | Store.StoreError> => {
        try {
          batchTx.immediate(batch)
          return Effect.void
        } catch (error) {
          return error instanceof Rollback ? Effect.fail(error.conflict) : Effect.fail(toStoreError(filename, "writing a batch")(error))
        }
      })
  }
}

/**
 * Opens the store for the lifetime of the scope (the database is closed when it ends).
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Store.CoachingStoreService, Store.StoreError, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(openDatabase(options), (db) => Effect.sync(() => db.close())),
    (db) => Store.make(primitives(db, options.filename))
  )

/** A layer providing the SQLite store; building it opens (and migrates) the file. @since 0.1.0 */
export const layer = (options: Options): Layer.Layer<Store.CoachingStore, Store.StoreError> =>
  Layer.effect(Store.CoachingStore, make(options))
