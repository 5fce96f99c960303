/**
 * `coaching export` and `coaching import`: moving an export in and out of a store. Stores are
 * named by URL-like strings, one scheme per backend (`schemes`: `sqlite:<path>`, `postgres:<url>`).
 * Each adapter is an optional peer dependency loaded on first use, so `coaching validate` in CI
 * needs neither a native module nor a database driver: without it these commands say how to
 * install it (exit 2).
 *
 * @since 0.1.0
 */
import { Export, Records, Store, type Transfer } from "@coaching/core"
import { Context, Effect, Layer, Result } from "effect"

/** A store location: a scheme the CLI knows and what follows it (`sqlite:<path>`). @since 0.1.0 */
export interface StoreLocation {
  readonly scheme: Scheme
  readonly path: string
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

type PostgresModule = typeof import("@coaching/adapter-postgres")

/** Loads the PostgreSQL adapter, or explains how to install it. @since 0.2.0 */
export const loadPostgres: Effect.Effect<PostgresModule, StoreUnavailable> = Effect.tryPromise({
  try: () => import("@coaching/adapter-postgres"),
  catch: (error) =>
    new StoreUnavailable(
      `postgres: stores need the optional package @coaching/adapter-postgres (npm install @coaching/adapter-postgres); it could not be loaded: ${error instanceof Error ? error.message : String(error)}`
    )
})

/**
 * What follows `postgres:`: a database URL (`postgres:postgres://…`, or `postgres://…` itself),
 * its `?schema=NAME` taken out as the store's schema.
 *
 * @since 0.2.0
 */
export const postgresOptions = (path: string): { readonly url: string; readonly schema: string | undefined } => {
  const given = path.startsWith("//") ? `postgres:${path}` : path
  try {
    const url = new URL(given)
    const schema = url.searchParams.get("schema") ?? undefined
    url.searchParams.delete("schema")
    return { url: url.toString(), schema }
  } catch {
    // Not a URL: the adapter refuses it with STORE_UNAVAILABLE naming the url option.
    return { url: given, schema: undefined }
  }
}

/**
 * The store schemes: each names its form and opens a store layer for what follows the scheme,
 * loading its adapter on first use. A new backend (e.g. `postgres:<url>`) is one entry here, and
 * every command that takes a store (`export --from`, `import --to`, `serve --store`, `tokens
 * --store`, reports) knows it.
 *
 * @since 0.2.0
 */
export const schemes = {
  sqlite: {
    form: "sqlite:<path>",
    example: "sqlite:./coaching.db",
    layer: (path: string): Layer.Layer<Store.CoachingStore, StoreUnavailable | Store.StoreError> =>
      Layer.unwrap(Effect.map(loadSqlite, (sqlite) => sqlite.SqliteStore.layer({ filename: path })))
  },
  postgres: {
    form: "postgres:<url>",
    example: "postgres:postgres://user@host:5432/coaching",
    layer: (path: string): Layer.Layer<Store.CoachingStore, StoreUnavailable | Store.StoreError> =>
      Layer.unwrap(Effect.map(loadPostgres, (postgres) => {
        const { schema, url } = postgresOptions(path)
        return postgres.PgStore.layer({ url, ...(schema !== undefined ? { schema } : {}), poolSize: 4 })
      }))
  }
} as const

/** A scheme the CLI knows. @since 0.2.0 */
export type Scheme = keyof typeof schemes

const known = Object.keys(schemes) as ReadonlyArray<Scheme>
const forms = known.map((scheme) => schemes[scheme].form).join(" or ")

/** Reads `<scheme>:<rest>` for a scheme in `schemes`; anything else is refused with the reason. @since 0.1.0 */
export const parseLocation = (text: string): Result.Result<StoreLocation, string> => {
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(text)
  if (!match || match[1]!.length === 1) return Result.fail(`"${text}" names no store: write ${forms}, e.g. ${schemes.sqlite.example}.`)
  const [, name, path] = match
  const lower = name!.toLowerCase()
  const scheme = known.find((s) => s === (lower === "postgresql" ? "postgres" : lower))
  if (scheme === undefined) return Result.fail(`Unknown store "${name}:"; the CLI knows ${forms}.`)
  if (path!.length === 0) return Result.fail(`${scheme}: needs what to open, e.g. ${schemes[scheme].example}.`)
  return Result.succeed({ scheme, path: path! })
}

/** How a location is named in messages: the path, or the URL without its password (and its schema). @since 0.2.0 */
export const nameOf = (location: StoreLocation): string => {
  if (location.scheme !== "postgres") return location.path
  const { schema, url } = postgresOptions(location.path)
  let shown = url
  try {
    const parsed = new URL(url)
    if (parsed.password !== "") parsed.password = "***"
    shown = parsed.toString()
  } catch {
    shown = "(an invalid URL)"
  }
  return `${shown}${schema === undefined ? "" : ` (schema ${schema})`}`
}

/** A location as the user wrote it, for messages: `sqlite:<path>` as given, `postgres:<url>` without the password. @since 0.2.0 */
export const label = (text: string, location: StoreLocation): string => (location.scheme === "postgres" ? `postgres:${nameOf(location)}` : text)

/** The store at `location` as a layer (opened when built, closed with its scope). @since 0.2.0 */
export const storeLayer = (location: StoreLocation): Layer.Layer<Store.CoachingStore, StoreUnavailable | Store.StoreError> =>
  schemes[location.scheme].layer(location.path)

/** Runs `f` with the store at `location` open (closed afterwards). @since 0.1.0 */
export const withStore = <A, E>(
  location: StoreLocation,
  f: (store: Store.CoachingStoreService) => Effect.Effect<A, E>
): Effect.Effect<A, E | StoreUnavailable | Store.StoreError> =>
  Effect.scoped(Effect.flatMap(Layer.build(storeLayer(location)), (context) => f(Context.get(context, Store.CoachingStore))))

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
