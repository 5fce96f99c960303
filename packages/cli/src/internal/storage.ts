/**
 * `coaching export` and `coaching import`: moving an export in and out of a store. Stores are
 * named by URL-like strings; `sqlite:<path>` is the one scheme so far. The SQLite adapter is an
 * optional peer dependency loaded on first use, so `coaching validate` in CI needs no native
 * module: without it these two commands say how to install it (exit 2).
 *
 * @since 0.1.0
 */
import { Export, Records, type Store, type Transfer } from "@coaching/core"
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
 * policy and every record, in the document's arrays. A line's tag is its record kind, and the
 * kind's array is `Records.table[kind].key`.
 *
 * @since 0.1.0
 */
export const documentFromNdjson = (text: string): Export.ExportDocument => {
  const doc: Record<string, unknown> = { format: Export.FORMAT, version: Export.VERSION }
  for (const kind of Records.kinds) doc[Records.table[kind].key] = []
  for (const raw of text.split("\n")) {
    const line = raw.trim()
    if (line.length === 0) continue
    const record = JSON.parse(line) as Record<string, unknown>
    const tag = record["_tag"]
    if (tag === "header") {
      if (record["policy"] !== undefined) doc["policy"] = record["policy"]
    } else if (Records.isKind(tag)) {
      ;(doc[Records.table[tag].key] as Array<unknown>).push(record[tag])
    }
  }
  return doc as unknown as Export.ExportDocument
}

const counted = (n: number, singular: string, plural: string): string => `${n} ${n === 1 ? singular : plural}`

/**
 * One line saying what an import wrote, a count per kind in export order (`1 journey`,
 * `2 journeys`), then the events.
 *
 * @since 0.1.0
 */
export const describeImport = (summary: Transfer.ImportSummary): string =>
  `${Records.kinds.map((kind) => counted(summary[Records.table[kind].key], kind, Records.table[kind].key)).join(", ")} (${
    counted(summary.events, "event", "events")
  })`

/** What an import left as it was, if anything: `; 7 records were already there, unchanged`. @since 0.3.0 */
export const describeUnchanged = (summary: Transfer.ImportSummary): string =>
  summary.unchanged > 0 ? `; ${counted(summary.unchanged, "record was", "records were")} already there, unchanged` : ""
