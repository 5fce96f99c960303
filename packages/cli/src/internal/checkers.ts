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
 * export without action steps — and every `coaching validate` start — never loads it, and an
 * export whose reports all name other checkers loads only its version module.
 */
import type { Granularity } from "@coaching/core"
import type * as GranularityModule from "@coaching/granularity"
import type * as VersionModule from "@coaching/granularity/version"
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
const load = createRequire(typeof __filename === "string" ? __filename : import.meta.url)
const granularity = (): typeof GranularityModule => loaded ??= load("@coaching/granularity") as typeof GranularityModule

// The version alone comes from `@coaching/granularity/version`, a few lines without the rules:
// most recorded reports name another checker, and knowing that should not cost loading this one.
const versionOf = (options: GranularityModule.GranularityOptions): string =>
  (loaded ?? load("@coaching/granularity/version") as typeof VersionModule).checkerVersion(options)

/** A checker with these options, loaded when it is first asked for a report. */
const lazy = (options: GranularityModule.GranularityOptions): Granularity.Checker => {
  let real: Granularity.Checker | undefined
  let version: string | undefined
  const checker = (text: string) => (real ??= granularity().makeChecker(options))(text)
  return Object.defineProperty(checker, "version", { enumerable: true, get: () => version ??= real?.version ?? versionOf(options) })
}

let cached: ReadonlyArray<Granularity.Checker> | undefined

/** The checkers `Export.ValidateOptions.recheck` gets from the CLI. */
export const recheck = (): ReadonlyArray<Granularity.Checker> => (cached ??= [lazy({}), lazy({ locale: "en-US" })])
