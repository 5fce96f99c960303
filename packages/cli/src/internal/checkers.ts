/**
 * The granularity checkers the CLI recomputes recorded reports with: `@coaching/granularity`'s,
 * in both spellings, without a school's techniques. A recorded report whose `checker` names one
 * of these versions is recomputed in full; a report that names no checker has its verdict
 * recomputed (granular without an override while the checker says not granular is
 * `GRANULARITY_MISMATCH`); a report of any other checker (another rules version, a school's own
 * techniques, `Granularity.acceptAll`, an app's checker with a version) is kept as recorded and
 * counted in the output (see `docs/decisions/0010-import-and-stored-data.md`).
 *
 * The checker is loaded on first use, synchronously (core's validation is synchronous): an
 * export without action steps — and every `coaching validate` start — never loads it.
 */
import type { Granularity } from "@coaching/core"
import type * as GranularityModule from "@coaching/granularity"
import { createRequire } from "node:module"

let loaded: typeof GranularityModule | undefined

/**
 * Supplies the checker's module instead of `require` (tests that validate in-process: under
 * vitest, `require` resolves the package to its TypeScript source, which Node cannot load).
 */
export const provideGranularity = (module: typeof GranularityModule): void => {
  loaded = module
}

// The lean `validate` bundle is CommonJS (`__filename`); the full CLI is an ES module.
const granularity = (): typeof GranularityModule =>
  loaded ??= createRequire(typeof __filename === "string" ? __filename : import.meta.url)("@coaching/granularity") as typeof GranularityModule

/** A checker with these options, loaded when it is first asked for its version or a report. */
const lazy = (options: GranularityModule.GranularityOptions): Granularity.Checker => {
  let real: Granularity.Checker | undefined
  const get = () => (real ??= granularity().makeChecker(options))
  const checker = (text: string) => get()(text)
  return Object.defineProperty(checker, "version", { enumerable: true, get: () => get().version })
}

let cached: ReadonlyArray<Granularity.Checker> | undefined

/** The checkers `Export.ValidateOptions.recheck` gets from the CLI. */
export const recheck = (): ReadonlyArray<Granularity.Checker> => (cached ??= [lazy({}), lazy({ locale: "en-US" })])
