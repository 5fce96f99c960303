/**
 * `suite(name, layer, options)`: registers the conformance cases as vitest tests. Every test
 * builds the layer afresh (`Layer.fresh`) and makes its own data with fresh ids, so tests do not
 * depend on each other or on the order they run in.
 *
 * @since 0.1.0
 */
import type { Store } from "@coaching/core"
import type { Layer } from "effect"
import { describe, it } from "vitest"
import { type Capability, type CaseOptions, cases, runCase } from "./Cases.js"
import type { RawReaderService } from "./RawReader.js"

/** What an adapter supports; everything but `raw` defaults to true. @since 0.1.0 */
export interface Capabilities {
  /** Many fibers appending to one stream at once. */
  readonly concurrentWriters?: boolean
  /** A 10 000-event stream. */
  readonly longStreams?: boolean
  /** One event of over a megabyte. */
  readonly largePayloads?: boolean
  /** Each build of the layer is a new, empty store (an HTTP client to a shared server is not). */
  readonly freshStorePerBuild?: boolean
  /** The layer also provides `RawReader`, so the suite checks what was really stored. */
  readonly raw?: boolean
}

/** Options of `suite`. @since 0.1.0 */
export interface SuiteOptions extends Partial<CaseOptions> {
  /** Opt out of checks only where the adapter truly cannot support them. */
  readonly capabilities?: Capabilities
  /** Per-test timeout in milliseconds (default 120 000). */
  readonly timeout?: number
}

const enabled = (capabilities: Capabilities, need: Capability): boolean =>
  need === "raw" ? capabilities.raw === true : capabilities[need] !== false

/** The cases an adapter with these capabilities runs. @since 0.1.0 */
export const casesFor = (capabilities: Capabilities = {}) => cases.filter((c) => c.needs.every((need) => enabled(capabilities, need)))

/**
 * Registers the conformance suite for an adapter: `describe(name)` with one test per case,
 * grouped. `layer` must build a `CoachingStore` (plus a `RawReader` when `capabilities.raw`).
 *
 * @since 0.1.0
 */
export const suite = <E>(
  name: string,
  layer: Layer.Layer<Store.CoachingStore, E> | Layer.Layer<Store.CoachingStore | RawReaderService, E>,
  options: SuiteOptions = {}
): void => {
  const { capabilities = {}, timeout = 120_000, ...caseOptions } = options
  const selected = casesFor(capabilities)
  describe(`${name} (adapter conformance)`, () => {
    for (const group of [...new Set(selected.map((c) => c.group))]) {
      describe(group, () => {
        for (const c of selected.filter((x) => x.group === group)) {
          it(c.name, () => runCase(c, layer, caseOptions), timeout)
        }
      })
    }
  })
}
