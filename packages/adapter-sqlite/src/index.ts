/**
 * `@coaching/adapter-sqlite`: the SQLite `CoachingStore` adapter (better-sqlite3), the embedded
 * default — one file, nothing to set up.
 *
 * @since 0.1.0
 */

/** The SQLite store: `layer(options)`, `make`, `migrate`, error mapping. @since 0.1.0 */
export * as SqliteStore from "./SqliteStore.js"
/** Every SQL statement of the adapter: migrations, store statements, raw reads. @since 0.1.0 */
export * as Sql from "./Sql.js"
