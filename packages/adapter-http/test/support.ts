/**
 * Test helpers: a real server on 127.0.0.1 (a free port) in front of a store, built inside the
 * test's scope, and the HTTP client adapter pointed at it.
 */
import { Client, Server, type Api } from "@coaching/adapter-http"
import { RawReader, type RawReaderService } from "@coaching/adapter-testkit"
import { Sql, SqliteStore } from "@coaching/adapter-sqlite"
import type { Journeys, Store } from "@coaching/core"
import Database from "better-sqlite3"
import { Effect, Exit, Layer, Option, Scope } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** The store token every test server knows. */
export const STORE_TOKEN = "test-store-token"

/** A server on a free loopback port over `store`; gives its base URL. */
export const startServer = <E>(
  store: Layer.Layer<Store.CoachingStore, E>,
  tokens: Readonly<Record<string, Api.Caller>> = {},
  options: Partial<Server.Options> = {}
) =>
  Effect.map(
    Server.start({ port: 0, authenticate: Server.staticTokens({ [STORE_TOKEN]: { _tag: "Store" }, ...tokens }), ...options }, store),
    (server) => server.url
  )

/** Each build: a new server over a new store, and the client adapter in front of it. */
export const clientOver = <E>(store: Layer.Layer<Store.CoachingStore, E>): Layer.Layer<Store.CoachingStore | Journeys.Journeys, unknown> =>
  Layer.unwrap(Effect.map(startServer(store), (baseUrl) => Client.layerHttp({ baseUrl, token: STORE_TOKEN })))

/** A temporary directory, removed when the scope closes. */
export const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "coaching-http-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

/** Reads a SQLite file through its own read-only connection: what is really stored. */
const rawReaderFor = (filename: string) =>
  Effect.map(
    Effect.acquireRelease(Effect.sync(() => new Database(filename, { readonly: true })), (db) => Effect.sync(() => db.close())),
    (db) =>
      RawReader.of({
        streamRows: (streamId) => Effect.sync(() => db.prepare(Sql.raw.streamRows).all(streamId) as Array<{ version: number; json: string }>),
        streamRow: (streamId) =>
          Effect.sync(() => {
            const row = db.prepare(Sql.raw.streamRow).get(streamId) as Parameters<typeof SqliteStore.summaryOf>[0] | undefined
            return Option.map(Option.fromNullishOr(row), SqliteStore.summaryOf)
          }),
        recordJson: (kind, id) => Effect.sync(() => Option.fromNullishOr(db.prepare(Sql.raw.recordJson).pluck().get(kind, id) as string | undefined)),
        recordRefs: (kind, id) => Effect.sync(() => db.prepare(Sql.raw.recordRefs).pluck().all(kind, id) as Array<string>)
      })
  )

/** Each build: a new SQLite file, a server over it, the client in front, and a raw reader of the file. */
export const clientOverSqliteFile = (): Layer.Layer<Store.CoachingStore | Journeys.Journeys | RawReaderService, unknown> =>
  Layer.unwrap(
    Effect.gen(function*() {
      const dir = yield* tempDir
      const filename = join(dir, "coaching.db")
      const baseUrl = yield* startServer(SqliteStore.layer({ filename }))
      return Layer.merge(Client.layerHttp({ baseUrl, token: STORE_TOKEN }), Layer.effect(RawReader, rawReaderFor(filename)))
    })
  )

/** For plain vitest tests: a server started in `beforeAll`, closed with `close()`. */
export const serverForTests = async <E>(
  store: Layer.Layer<Store.CoachingStore, E>,
  tokens: Readonly<Record<string, Api.Caller>> = {},
  options: Partial<Server.Options> = {}
): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  const scope = await Effect.runPromise(Scope.make())
  const url = await Effect.runPromise(Scope.provide(startServer(store, tokens, options), scope))
  return { url, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}
