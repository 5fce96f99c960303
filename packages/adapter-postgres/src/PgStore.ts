/**
 * The PostgreSQL `CoachingStore`: one database (and PostgreSQL schema) shared by every server
 * instance of a school or trust, reached through a `pg` connection pool. One transaction per
 * write; an append locks the stream's index row (`SELECT … FOR UPDATE`), checks the expected
 * version with core's `Store.checkExpected`, inserts its events and updates the index row, and
 * the unique key on `(stream_id, version)` makes the database refuse a second event at a version
 * even from two writers that both created a new stream. Versioned migrations are recorded in
 * `coaching_schema` and run under an advisory lock, so instances starting together migrate once.
 * All SQL lives in `Sql.ts`.
 *
 * Opening refuses, with a typed `StoreError` and without writing anything:
 * - a server that cannot be reached, a database that does not exist, a login refused →
 *   `STORE_UNAVAILABLE`;
 * - a schema holding another application's tables → `STORE_FOREIGN`;
 * - a coaching store of a newer schema than this library → `STORE_NEWER_SCHEMA`.
 *
 * `pg` (node-postgres) is used directly, wrapped in `Effect`: see
 * `docs/decisions/0006-postgres-adapter.md`.
 *
 * @since 0.1.0
 */
import { Store } from "@coaching/core"
import { Effect, Layer, Option, type Scope } from "effect"
import pg from "pg"
import * as Sql from "./Sql.js"

/** Options of the PostgreSQL store. @since 0.1.0 */
export interface Options {
  /** The database, as a `postgres://user[:password]@host[:port]/database` URL. */
  readonly url: string
  /** The PostgreSQL schema the store's tables live in (default `"public"`); created if missing. */
  readonly schema?: string
  /** Connections the pool keeps open at most (default 10): see docs/deploy.md for sizing. */
  readonly poolSize?: number
  /** How long to wait for a connection (to the server, or a free one from the pool), ms (default 10 000). */
  readonly connectTimeoutMs?: number
  /** The `application_name` the server shows for the connections (default `"@coaching/adapter-postgres"`). */
  readonly applicationName?: string
}

/** The library name written into `coaching_schema`. @since 0.1.0 */
export const LIBRARY = "@coaching/adapter-postgres@0.1.0"

/** The pool size when none is given. @since 0.1.0 */
export const DEFAULT_POOL_SIZE = 10

type Code = Store.StoreError["code"]

const errorCode = (error: unknown): string =>
  typeof error === "object" && error !== null ? String((error as { code?: unknown }).code ?? "") : ""

const unreachable = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"])

/** The `StoreError` code of whatever `pg` or the server threw (SQLSTATE classes, socket errors). */
const codeOf = (error: unknown): Code => {
  const code = errorCode(error)
  if (unreachable.has(code)) return "STORE_UNAVAILABLE"
  // 08: connection exception; 28: login refused; 3D000: no such database; 57P0x: shut down or
  // starting; 53300: too many connections; 25006: a read-only standby.
  if (/^(08|28)/.test(code) || ["3D000", "57P01", "57P02", "57P03", "53300", "25006"].includes(code)) return "STORE_UNAVAILABLE"
  // Serialization failure, deadlock, lock not available.
  if (["40001", "40P01", "55P03"].includes(code)) return "STORE_LOCKED"
  // A table or column of the store is missing: someone changed the schema behind the library.
  if (["42P01", "42703"].includes(code)) return "STORE_CORRUPT"
  if (error instanceof Error && /timeout|terminated|not queryable|Cannot use a pool after calling end/i.test(error.message)) {
    return "STORE_UNAVAILABLE"
  }
  return "STORE_FAILURE"
}

const explain: Record<Code, string> = {
  STORE_CORRUPT: "has missing or altered tables",
  STORE_NEWER_SCHEMA: "was written by a newer version of this library",
  STORE_LOCKED: "could not take a lock (a deadlock or lock timeout on the server)",
  STORE_FOREIGN: "belongs to another application",
  STORE_UNAVAILABLE: "cannot be reached or opened",
  STORE_FAILURE: "failed"
}

/** The URL without its password (messages and logs never show it). @since 0.1.0 */
export const describeUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== "") parsed.password = "***"
    return parsed.toString()
  } catch {
    return "(an invalid URL)"
  }
}

/** Where a store is, for messages: its URL without the password, and its schema. */
const whereOf = (options: Options): string => {
  const schema = options.schema ?? "public"
  return `${describeUrl(options.url)}${schema === "public" ? "" : ` (schema ${schema})`}`
}

/** Turns whatever `pg` threw into a typed `StoreError` naming the store and the reason. @since 0.1.0 */
export const toStoreError = (where: string, doing: string) => (error: unknown): Store.StoreError => {
  if (error instanceof Store.StoreError) return error
  const code = codeOf(error)
  const words = error instanceof Error ? (error.message || errorCode(error) || error.name).replace(/\.$/, "") : String(error)
  const sqlState = errorCode(error)
  return new Store.StoreError({
    code,
    message: `The coaching store ${where} ${explain[code]} (while ${doing}): ${words}.`,
    detail: error instanceof Error ? `${sqlState !== "" ? sqlState : error.name}: ${error.message}` : String(error)
  })
}

const refuse = (where: string, code: Code, reason: string) =>
  new Store.StoreError({ code, message: `The coaching store ${where} ${explain[code]}: ${reason}.` })

/** Checks the options; a bad one is named in a `STORE_UNAVAILABLE` error before anything connects. */
const checkOptions = (options: Options): Store.StoreError | undefined => {
  const where = whereOf(options)
  const bad = (path: string, why: string) => refuse(where, "STORE_UNAVAILABLE", `option ${path} ${why}`)
  if (typeof options.url !== "string" || !/^postgres(ql)?:\/\//i.test(options.url)) {
    return bad("url", "must be a postgres:// or postgresql:// URL, e.g. postgres://postgres@127.0.0.1:5432/coaching")
  }
  try {
    new URL(options.url)
  } catch {
    return bad("url", "is not a valid URL")
  }
  if (options.schema !== undefined && !Sql.SCHEMA_NAME.test(options.schema)) {
    return bad("schema", `must be a lower-case PostgreSQL identifier (letters, digits, _; up to 63); got ${JSON.stringify(options.schema)}`)
  }
  const whole = (path: string, value: number | undefined, max: number) =>
    value === undefined || (Number.isInteger(value) && value >= 1 && value <= max)
      ? undefined
      : bad(path, `must be a whole number from 1 to ${max}; got ${JSON.stringify(value)}`)
  return whole("poolSize", options.poolSize, 1000) ?? whole("connectTimeoutMs", options.connectTimeoutMs, 600_000)
}

/** A connection pool to the store's database; every connection's `search_path` is the store's schema. @since 0.1.0 */
export const makePool = (options: Options): pg.Pool => {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: options.applicationName ?? "@coaching/adapter-postgres",
    options: `-c search_path=${options.schema ?? "public"}`
  })
  // An idle connection the server closes (a restart, a terminated backend) is reported here; the
  // pool drops it and the next query opens a new one. Without a listener Node would crash.
  pool.on("error", () => {})
  return pool
}

/** Something to roll back instead of committing: the transaction's answer. */
class Rollback<A> {
  constructor(readonly value: A) {}
}

/**
 * Runs `f` in one transaction on one pooled connection: committed when `f` returns, rolled back
 * when it throws or returns a `Rollback`. A connection whose rollback failed is discarded.
 */
const transaction = async <A>(pool: pg.Pool, f: (client: pg.PoolClient) => Promise<A>): Promise<A> => {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query("BEGIN")
    const result = await f(client)
    await client.query(result instanceof Rollback ? "ROLLBACK" : "COMMIT")
    return result
  } catch (error) {
    await client.query("ROLLBACK").catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e))
    })
    throw error
  } finally {
    client.release(broken)
  }
}

/**
 * Applies the pending migrations up to `target` in one transaction, under an advisory lock on
 * the schema (the version is read again inside it, so instances starting together migrate once).
 *
 * @since 0.1.0
 */
export const migrate = async (pool: pg.Pool, schema: string = "public", target: number = Sql.LATEST_VERSION): Promise<void> => {
  await transaction(pool, async (client) => {
    await client.query(Sql.open.migrationLock, [schema])
    await client.query(Sql.open.createSchema(schema))
    const tables = new Set((await client.query<{ table_name: string }>(Sql.open.tables, [schema])).rows.map((r) => r.table_name))
    const current = tables.has("coaching_schema") ? (await client.query<{ version: number }>(Sql.open.schemaVersion)).rows[0]!.version : 0
    for (const migration of Sql.migrations) {
      if (migration.version <= current || migration.version > target) continue
      for (const statement of migration.statements) await client.query(statement)
      await client.query(Sql.open.recordMigration, [migration.version, LIBRARY])
    }
  })
}

/** Checks the schema (reading only) and brings it up to date; writes nothing to a schema it refuses. */
const prepare = async (pool: pg.Pool, options: Options): Promise<void> => {
  const where = whereOf(options)
  const schema = options.schema ?? "public"
  const tables = new Set((await pool.query<{ table_name: string }>(Sql.open.tables, [schema])).rows.map((r) => r.table_name))
  if (tables.size > 0 && !tables.has("coaching_schema")) {
    throw refuse(where, "STORE_FOREIGN", `it has tables (${[...tables].slice(0, 5).join(", ")}) but no coaching_schema table`)
  }
  const current = tables.has("coaching_schema") ? (await pool.query<{ version: number }>(Sql.open.schemaVersion)).rows[0]!.version : 0
  if (current > Sql.LATEST_VERSION) {
    throw refuse(where, "STORE_NEWER_SCHEMA", `its schema version is ${current}; this library reads up to ${Sql.LATEST_VERSION}. Upgrade @coaching/adapter-postgres`)
  }
  if (current < Sql.LATEST_VERSION) await migrate(pool, schema)
}

/**
 * Opens a pool to the store, checks that the schema is a coaching store this library can read
 * and migrates it; the caller ends the pool.
 *
 * @since 0.1.0
 */
export const openPool = (options: Options): Effect.Effect<pg.Pool, Store.StoreError> =>
  Effect.suspend(() => {
    const invalid = checkOptions(options)
    if (invalid !== undefined) return Effect.fail(invalid)
    const pool = makePool(options)
    return Effect.tryPromise({
      try: () => prepare(pool, options),
      catch: toStoreError(whereOf(options), "opening")
    }).pipe(
      Effect.as(pool),
      Effect.tapError(() => Effect.promise(() => pool.end().catch(() => {})))
    )
  })

interface StreamRow {
  readonly stream_id: string
  readonly version: number
  readonly teacher_id: string | null
  readonly coach_id: string | null
  readonly open: boolean
  readonly follow_up_due: string | null
}

/** A stream index row as read from PostgreSQL. @since 0.1.0 */
export const summaryOf = (row: StreamRow): Store.StreamSummary => ({
  streamId: row.stream_id,
  version: row.version,
  teacherId: (row.teacher_id ?? undefined) as Store.StreamSummary["teacherId"],
  coachId: (row.coach_id ?? undefined) as Store.StreamSummary["coachId"],
  open: row.open,
  followUpDue: (row.follow_up_due ?? undefined) as Store.StreamSummary["followUpDue"]
})

/** A unique-key violation: another writer created the same stream version first. */
const isDuplicateVersion = (error: unknown): boolean => errorCode(error) === "23505"

/** The primitives over an open pool. @since 0.1.0 */
export const primitives = (pool: pg.Pool, options: Options): Store.Primitives => {
  const where = whereOf(options)
  const attempt = <A>(doing: string, f: () => Promise<A>): Effect.Effect<A, Store.StoreError> =>
    Effect.tryPromise({ try: f, catch: toStoreError(where, doing) })
  /** A named (prepared once per connection) statement. */
  const named = (name: keyof typeof Sql.store, values: ReadonlyArray<unknown>): pg.QueryConfig => ({
    name: `coaching.${name}`,
    text: Sql.store[name],
    values: values as Array<unknown>
  })
  const listingNames = new Map<string, string>()

  /** Checks and writes one append inside the caller's transaction: the result, or the conflict. */
  const write = async (client: pg.PoolClient, request: Store.AppendRequest): Promise<Store.AppendResult | Store.VersionConflict> => {
    const locked = await client.query<{ version: number }>(named("lockStream", [request.streamId]))
    const actual = locked.rows[0]?.version ?? 0
    const conflict = Store.checkExpected(request.streamId, request.expected, actual)
    if (conflict) return conflict
    const version = actual + request.events.length
    await client.query(named("insertEvents", [request.streamId, actual, request.events]))
    const index = request.index
    await client.query(
      named("upsertStream", [request.streamId, version, index.teacherId ?? null, index.coachId ?? null, index.open, index.followUpDue ?? null])
    )
    return { streamId: request.streamId, previousVersion: actual, version }
  }

  /** Writes a record and replaces its refs, inside the caller's transaction. */
  const writeRecord = async (client: pg.PoolClient, record: Store.StoredRecord): Promise<void> => {
    await client.query(named("putRecord", [record.kind, record.id, record.json]))
    await client.query(named("deleteRefs", [record.kind, record.id]))
    if (record.refs.length > 0) await client.query(named("insertRefs", [record.kind, record.id, record.refs]))
  }

  /**
   * The conflict to report when the unique key refused an append's first version: two writers
   * created the stream at once, and the other committed first. `undefined` when the request may
   * go ahead after all (it expected `"any"`).
   */
  const afterDuplicate = async (request: Store.AppendRequest): Promise<Store.VersionConflict | undefined> => {
    const row = await pool.query<{ version: number }>(named("streamVersion", [request.streamId]))
    return Store.checkExpected(request.streamId, request.expected, row.rows[0]?.version ?? 0)
  }

  /**
   * Runs a transaction that appends `requests`, again when the unique key refused one of their
   * versions and none of them conflicts once the other writer's commit is seen (they expected
   * `"any"`); else the first conflict.
   */
  const retryingDuplicates = async <A>(
    requests: ReadonlyArray<Store.AppendRequest>,
    run: () => Promise<A | Store.VersionConflict>
  ): Promise<A | Store.VersionConflict> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run()
      } catch (error) {
        if (!isDuplicateVersion(error) || attempt >= 5) throw error
        for (const request of requests) {
          const conflict = await afterDuplicate(request)
          if (conflict) return conflict
        }
      }
    }
  }

  /** The answer of a transaction that rolled back with a conflict, or its result. */
  const settle = <A>(result: A | Rollback<Store.VersionConflict>): A | Store.VersionConflict =>
    result instanceof Rollback ? result.value : result

  return {
    append: (request) =>
      Effect.flatMap(
        attempt("appending", () =>
          retryingDuplicates([request], async () =>
            settle(await transaction(pool, async (client) => {
              const written = await write(client, request)
              return written instanceof Store.VersionConflict ? new Rollback(written) : written
            })))),
        (result) => (result instanceof Store.VersionConflict ? Effect.fail(result) : Effect.succeed(result))
      ),

    read: (streamId, after) =>
      attempt("reading a stream", async () => {
        const rows = (await pool.query<{ version: number; data: string | null }>(named("readStream", [streamId, after]))).rows
        if (rows.length === 0) return Option.none()
        const events: Array<string> = []
        for (const row of rows) if (row.data !== null) events.push(row.data)
        return Option.some({ version: rows[0]!.version, events })
      }),

    listStreams: (filter) =>
      attempt("listing streams", async () => {
        const shape: Sql.StreamFilterShape = {
          teacherId: filter.teacherId !== undefined,
          coachId: filter.coachId !== undefined,
          open: filter.open !== undefined,
          followUpDueBefore: filter.followUpDueBefore !== undefined
        }
        const key = `${+shape.teacherId}${+shape.coachId}${+shape.open}${+shape.followUpDueBefore}`
        let text = listingNames.get(key)
        if (text === undefined) {
          text = Sql.listStreams(shape)
          listingNames.set(key, text)
        }
        const values: Array<unknown> = [filter.after ?? ""]
        if (filter.teacherId !== undefined) values.push(filter.teacherId)
        if (filter.coachId !== undefined) values.push(filter.coachId)
        if (filter.open !== undefined) values.push(filter.open)
        if (filter.followUpDueBefore !== undefined) values.push(filter.followUpDueBefore)
        values.push(filter.limit)
        const rows = (await pool.query<StreamRow>({ name: `coaching.listStreams.${key}`, text, values })).rows
        return rows.map(summaryOf)
      }),

    putRecord: (record) =>
      Effect.asVoid(attempt("writing a record", () => transaction(pool, (client) => writeRecord(client, record)))),

    getRecord: (kind, id) =>
      attempt("reading a record", async () =>
        Option.fromNullishOr((await pool.query<{ data: string }>(named("getRecord", [kind, id]))).rows[0]?.data)),

    listRecords: ({ after, kind, limit, ref }) =>
      attempt("listing records", async () => {
        const rows = (await pool.query<{ id: string; data: string }>(
          ref === undefined ? named("listRecords", [kind, after ?? "", limit]) : named("listRecordsByRef", [kind, ref, after ?? "", limit])
        )).rows
        // Refs are not read back: listRecords may leave them empty (core only needs the JSON).
        return rows.map((row) => ({ kind, id: row.id, json: row.data, refs: [] }))
      }),

    writeBatch: (batch) =>
      Effect.flatMap(
        attempt("writing a batch", () =>
          retryingDuplicates(batch.appends, async () =>
            settle(await transaction(pool, async (client) => {
              for (const record of batch.records) await writeRecord(client, record)
              for (const request of batch.appends) {
                const written = await write(client, request)
                // A conflict rolls the whole batch back: records included.
                if (written instanceof Store.VersionConflict) return new Rollback(written)
              }
              return undefined
            })))),
        (conflict) => (conflict === undefined ? Effect.void : Effect.fail(conflict))
      )
  }
}

/**
 * Opens the store for the lifetime of the scope (the pool is ended when it closes).
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Store.CoachingStoreService, Store.StoreError, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(openPool(options), (pool) => Effect.promise(() => pool.end().catch(() => {}))),
    (pool) => Store.make(primitives(pool, options))
  )

/** A layer providing the PostgreSQL store; building it connects, checks and migrates. @since 0.1.0 */
export const layer = (options: Options): Layer.Layer<Store.CoachingStore, Store.StoreError> =>
  Layer.effect(Store.CoachingStore, make(options))
