/**
 * `@coaching/cli`: the `coaching` command line and the pieces it is made of, for tools that
 * want the same verdicts in-process.
 *
 * @since 0.1.0
 */

/** The commands and `run(args)` → exit code. @since 0.1.0 */
export * as Cli from "./Cli.js"
/** Report rendering: text, json, GitHub Actions annotations. @since 0.1.0 */
export * as Output from "./Output.js"
/** Validating an export file (JSON or NDJSON) from its bytes. @since 0.1.0 */
export * as Validate from "./Validate.js"
