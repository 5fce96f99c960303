/**
 * The in-memory `CoachingStore`: JavaScript maps holding the JSON text core hands over. Every
 * primitive runs synchronously inside one `Effect`, so each append or batch is atomic with
 * respect to other fibers; nothing survives the process.
 *
 * There is one in-memory implementation, in core (`Memory.primitives`, the test double of
 * core's own tests); this package gives it its adapter-shaped names, so an app or a test picks
 * the in-memory store the way it picks any other adapter.
 *
 * @since 0.1.0
 */
import { Memory, type Store } from "@coaching/core"
import type { Layer } from "effect"

/** The primitives over fresh, empty maps (core's `Memory.primitives`), to wrap or instrument. @since 0.1.0 */
export const primitives: () => Store.Primitives = Memory.primitives

/** A new, empty in-memory store (core's `Memory.make`). @since 0.1.0 */
export const make: () => Store.CoachingStoreService = Memory.make

/** A layer providing a new, empty in-memory store each time it is built (core's `Memory.layer`). @since 0.1.0 */
export const layer: Layer.Layer<Store.CoachingStore> = Memory.layer
