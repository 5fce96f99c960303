/**
 * `coaching export` and `coaching import`: moving an export in and out of a store. Stores are
 * named by URL-like strings; `sqlite:<path>` is the one scheme so far. The SQLite adapter is an
 * optional peer dependency loaded on first use, so `coaching validate` in CI needs no native
 * module: without it these two commands say how to install it (exit 2).
 *
 * @since 0.1.0
 */
import { Export, type Store } from "@coaching/core"
import { Effect, Result } from "effect"

/** A store location: `sqlite:<path>`. @since 0.1.0 */
export interface StoreLocation {
  readonly scheme: "sqlite"
  readonly path: string
}

/** Reads `sqlite:<path>`; anything else is refused with the reason. @since 0.1.0 */
export const parseLocation = (text: string): Result.Result<StoreLocation, string> => {
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(text)
  if (!match || match[1]!.length === 1) return Result.fail(`"${text}" names no store: write sqlite:<path>, e.g. sqlite:./coaching.db.`)
  const [, scheme, path] = match
  if (scheme!.toLowerCase() !== "sqlite") return Result.fail(`Unknown store "${scheme}:"; the CLI knows sqlite:<path>.`)
  if (path!.length === 0) return Result.fail("sqlite: needs a file path, e.g. sqlite:./coaching.db.")
  return Result.succeed({ scheme: "sqlite", path: path! })
}

/** Why a store could not be used. @since 0.1.0 */
export class StoreUnavailable extends Error {
  readonly _tag = "StoreUnavailable"
}

type SqliteModule = typeof import("@coaching/adapter-sqlite")

/** Loads the SQLite adapter, or explains how to install it. @since 0.1.0 */
export const loadSqlite: Effect.Effect<SqliteModule, StoreUnavailable> = Effect.tryPromise({
  try: () => import("@coaching/adapter-sqlite"),
  catch: (error) =>
    new StoreUnavailable(
      `sqlite: stores need the optional package @coaching/adapter-sqlite (npm install @coaching/adapter-sqlite); it could not be loaded: ${error instanceof Error ? error.message : String(error)}`
    )
})

/** Runs `f` with the store at `location` open (closed afterwards). @since 0.1.0 */
export const withStore = <A, E>(
  location: StoreLocation,
  f: (store: Store.CoachingStoreService) => Effect.Effect<A, E>
): Effect.Effect<A, E | StoreUnavailable | Store.StoreError> =>
  Effect.flatMap(loadSqlite, (sqlite) => Effect.scoped(Effect.flatMap(sqlite.SqliteStore.make({ filename: location.path }), f)))

/**
 * The export document an NDJSON text describes (its lines already validated): the header's
 * policy and every record, in the document's arrays.
 *
 * @since 0.1.0
 */
export const documentFromNdjson = (text: string): Export.ExportDocument => {
  const doc = {
    format: Export.FORMAT,
    version: Export.VERSION,
    people: [] as Array<unknown>,
    cohorts: [] as Array<unknown>,
    relationships: [] as Array<unknown>,
    playbooks: [] as Array<unknown>,
    journeys: [] as Array<unknown>
  } as Record<string, unknown>
  for (const raw of text.split("\n")) {
    const line = raw.trim()
    if (line.length === 0) continue
    const record = JSON.parse(line) as Record<string, unknown>
    switch (record["_tag"]) {
      case "header":
        if (record["policy"] !== undefined) doc["policy"] = record["policy"]
        break
      case "person":
        ;(doc["people"] as Array<unknown>).push(record["person"])
        break
      case "cohort":
        ;(doc["cohorts"] as Array<unknown>).push(record["cohort"])
        break
      case "relationship":
        ;(doc["relationships"] as Array<unknown>).push(record["relationship"])
        break
      case "playbook":
        ;(doc["playbooks"] as Array<unknown>).push(record["playbook"])
        break
      case "journey":
        ;(doc["journeys"] as Array<unknown>).push(record["journey"])
        break
    }
  }
  return doc as unknown as Export.ExportDocument
}

/** One line saying what an import wrote. @since 0.1.0 */
export const describeImport = (s: Store.ImportSummary): string =>
  `${s.people} people, ${s.cohorts} cohorts, ${s.relationships} relationships, ${s.playbooks} playbooks, ${s.journeys} journeys (${s.events} events)`
