/**
 * `@coaching/adapter-postgres`: the PostgreSQL `CoachingStore` adapter (node-postgres), for a
 * school or trust whose server instances share one store.
 *
 * @since 0.1.0
 */

/** The PostgreSQL store: `layer(options)`, `make`, `migrate`, error mapping. @since 0.1.0 */
export * as PgStore from "./PgStore.js"
/** Every SQL statement of the adapter: migrations, store statements, raw reads. @since 0.1.0 */
export * as Sql from "./Sql.js"
