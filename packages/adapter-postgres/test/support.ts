/**
 * Test helpers: a database of the test file's own on the PostgreSQL server named by
 * `COACHING_PG_URL` (default: the local server, trust auth), dropped when the file's tests end;
 * a raw reader over its own connection (what is really stored); and a layer that gives each test
 * a new PostgreSQL schema in that database (a new, empty store).
 */
import { RawReader, type RawReaderService } from "@coaching/adapter-testkit"
import type { Store } from "@coaching/core"
import { Effect, Layer, Option } from "effect"
import pg from "pg"
import { afterAll, beforeAll } from "vitest"
import { PgStore, Sql } from "../src/index.js"

/** The server the tests use: an administrator's URL (it creates and drops databases). */
export const adminUrl = process.env["COACHING_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** The URL of another database on the same server. */
export const urlOf = (database: string): string => {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/** Runs one statement as the administrator. */
export const admin = async <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: Array<unknown> = []): Promise<Array<R>> => {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return (await client.query<R>(text, values)).rows
  } finally {
    await client.end()
  }
}

let made = 0
/** Creates a new, empty database; returns its name and URL. */
export const createDatabase = async (label = "t"): Promise<{ readonly name: string; readonly url: string }> => {
  const name = `coaching_${label}_${process.pid}_${Date.now().toString(36)}_${++made}`
  await admin(`CREATE DATABASE ${name}`)
  return { name, url: urlOf(name) }
}

/** Drops a database, ending whatever connections are still open to it. */
export const dropDatabase = (name: string): Promise<unknown> => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)

/** A database for the calling test file: created before its tests, dropped after them. */
export const testDatabase = (label = "t"): { readonly url: string; readonly name: string } => {
  const db = { url: "", name: "" }
  beforeAll(async () => {
    Object.assign(db, await createDatabase(label))
  }, 60_000)
  afterAll(async () => {
    if (db.name !== "") await dropDatabase(db.name)
  }, 60_000)
  return db
}

/** A client of its own on a store's database and schema (the caller ends it). */
export const connect = async (url: string, schema = "public"): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  return client
}

/** Reads a store through its own connection. */
export const rawReaderFor = (url: string, schema: string) =>
  Effect.acquireRelease(Effect.promise(() => connect(url, schema)), (client) => Effect.promise(() => client.end())).pipe(
    Effect.map((client) => {
      const rows = <R extends pg.QueryResultRow>(text: string, values: Array<unknown>) =>
        Effect.promise(async () => (await client.query<R>(text, values)).rows)
      return RawReader.of({
        streamRows: (streamId) => rows<{ version: number; json: string }>(Sql.raw.streamRows, [streamId]),
        streamRow: (streamId) =>
          Effect.map(rows<Parameters<typeof PgStore.summaryOf>[0]>(Sql.raw.streamRow, [streamId]), (r) =>
            Option.map(Option.fromNullishOr(r[0]), PgStore.summaryOf)),
        recordJson: (kind, id) => Effect.map(rows<{ data: string }>(Sql.raw.recordJson, [kind, id]), (r) => Option.fromNullishOr(r[0]?.data)),
        recordRefs: (kind, id) => Effect.map(rows<{ ref: string }>(Sql.raw.recordRefs, [kind, id]), (r) => r.map((x) => x.ref))
      })
    })
  )

let schemas = 0
/** Each build: a new schema in the file's database, the store on it, and a raw reader. */
export const schemaLayer = (
  db: { readonly url: string },
  options: Omit<PgStore.Options, "url" | "schema"> = {}
): Layer.Layer<Store.CoachingStore | RawReaderService, Store.StoreError> =>
  Layer.unwrap(
    Effect.sync(() => {
      const schema = `s${++schemas}`
      const store = PgStore.layer({ poolSize: 4, ...options, url: db.url, schema })
      return Layer.merge(store, Layer.effect(RawReader, rawReaderFor(db.url, schema)).pipe(Layer.provide(store)))
    })
  )
