/**
 * `@coaching/adapter-memory`: the in-memory `CoachingStore` adapter.
 *
 * @since 0.1.0
 */

/** The in-memory store: `layer`, `make`, `primitives`. @since 0.1.0 */
export * as MemoryStore from "./MemoryStore.js"
