/**
 * The `coaching` command line, built on `effect/cli`: `validate`, `schema`, `lint-step`,
 * `export`, `import`. `run(args)` returns the process exit code: 0 valid / done, 1 invalid
 * (the verdict is printed), 2 a usage error or an input that could not be read.
 *
 * @since 0.1.0
 */
import { Export, type Granularity, type Store, Transfer } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"
import { Console, Data, Effect, FileSystem, Option, Result, Schema, Stdio, Stream } from "effect"
import type { PlatformError } from "effect"
import { Argument, CliError, Command, Flag } from "effect/cli"
import { collectGarbage } from "./internal/gc.js"
import * as Progress from "./internal/progress.js"
import { decode as decodeUtf8 } from "./internal/utf8.js"
import * as Output from "./Output.js"
import * as Storage from "./internal/storage.js"
import { DocumentTooLarge, InputValidator, type Outcome } from "./Validate.js"

/** The package version, shown by `--version`. @since 0.1.0 */
export const VERSION = "0.1.0"

/** An input or output file that could not be used (exit code 2). @since 0.1.0 */
export class InputError extends Schema.TaggedError<InputError>()("InputError", {
  path: Schema.String,
  message: Schema.String
}) {}

/** A command finished and asks for a non-zero exit code (its verdict is already printed). @since 0.1.0 */
export class Done extends Data.TaggedError("Done")<{ readonly code: number }> {}

/** The exit codes. @since 0.1.0 */
export const ExitCode = { ok: 0, invalid: 1, usage: 2 } as const

const describePlatformError = (path: string, error: PlatformError.PlatformError): InputError => {
  const tag = error.reason._tag
  const message = tag === "NotFound"
    ? `No such file: ${path}`
    : tag === "PermissionDenied"
    ? `Permission denied: ${path}`
    : `Cannot read ${path}: ${error.message}`
  return new InputError({ path, message })
}

/** A readable input: its bytes as a stream, and its size when known. */
interface Source {
  readonly name: string
  readonly size: number | undefined
  readonly chunks: Stream.Stream<Uint8Array, InputError>
  /** The same input from its start again (files), for a second pass. */
  readonly reopen: (() => Source) | undefined
}

const open = Effect.fn("coaching.open")(function*(path: string) {
  if (path === "-") {
    const stdio = yield* Stdio.Stdio
    return {
      name: Output.STDIN_NAME,
      size: undefined,
      chunks: stdio.stdin.pipe(Stream.mapError((e) => describePlatformError("<stdin>", e))),
      reopen: undefined
    } satisfies Source
  }
  const fs = yield* FileSystem.FileSystem
  const info = yield* fs.stat(path).pipe(Effect.mapError((e) => describePlatformError(path, e)))
  if (info.type === "Directory") return yield* new InputError({ path, message: `${path} is a directory, not an export file.` })
  if (info.type !== "File" && info.type !== "FIFO" && info.type !== "CharacterDevice" && info.type !== "Socket") {
    return yield* new InputError({ path, message: `${path} is not a regular file.` })
  }
  const size = info.type === "File" ? Number(info.size) : undefined
  const source = (): Source => ({
    name: path,
    size,
    // 64 KiB reads: with 1 MiB ones, buffered chunks raised NDJSON's peak RSS by ~15 MiB.
    chunks: fs.stream(path, { chunkSize: 64 * 1024 }).pipe(Stream.mapError((e) => describePlatformError(path, e))),
    // Only a regular file reads the same bytes twice (not a FIFO or a device).
    reopen: info.type === "File" ? source : undefined
  })
  return source()
})

/** How much input a stream reads between two full collections (see internal/gc.ts). */
const GC_EVERY_BYTES = 32 * 1024 * 1024

/**
 * Streams a source through the validator (with the progress bar on a terminal). With `keep`,
 * the bytes are kept too (`import` needs the whole document after the verdict).
 */
const check = (
  source: Source,
  options: ConstructorParameters<typeof InputValidator>[0],
  keep: boolean
): Effect.Effect<{ readonly outcome: Outcome; readonly bytes: Buffer | undefined }, InputError> =>
  Effect.gen(function*() {
    // A file can be read again, so a JSON document's bytes need not be kept while it streams.
    const rereadable = source.reopen !== undefined && !keep
    const validator = new InputValidator({ ...options, retainDocument: !rereadable })
    const kept: Array<Uint8Array> = []
    const stderr = process.stderr
    const bar = stderr.isTTY ? Progress.make((s) => stderr.write(s), source.size) : undefined
    const failure = (e: unknown) => new InputError({ path: source.name, message: e instanceof DocumentTooLarge ? e.message : String(e) })
    let collectedAt = 0
    yield* source.chunks.pipe(
      Stream.runForEachWhile((chunk) =>
        Effect.try({
          try: () => {
            validator.push(chunk)
            if (keep) kept.push(chunk)
            // Streams keep peak memory near their live data (see internal/gc.ts).
            if (!keep && validator.bytes - collectedAt >= GC_EVERY_BYTES) {
              collectedAt = validator.bytes
              collectGarbage()
            }
            bar?.update(validator.bytes, validator.records)
            return !validator.full
          },
          catch: failure
        })
      ),
      Effect.ensuring(Effect.sync(() => bar?.done()))
    )
    const outcome: Outcome = yield* Effect.try({ try: () => validator.end(), catch: failure })
    if (validator.rereadNeeded && source.reopen) {
      // The streaming check could not say "valid": decode the whole document for the exact report.
      return yield* check(source.reopen(), { ...options, input: "json", streamDocument: false }, true).pipe(
        Effect.map(({ outcome }) => ({ outcome, bytes: undefined }))
      )
    }
    return { outcome, bytes: keep ? Buffer.concat(kept) : undefined }
  })

// ---------------------------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------------------------

const validate = Command.make(
  "validate",
  {
    file: Argument.String("file").pipe(Argument.withDescription("The export to check: a JSON document or NDJSON stream, or - for standard input.")),
    input: Flag.Literals("input", ["auto", "json", "ndjson"]).pipe(
      Flag.withDescription("The variant: auto (default) detects it from the first record."),
      Flag.withDefault("auto")
    ),
    maxErrors: Flag.Int("max-errors").pipe(
      Flag.withDescription("Stop after this many violations (default: report all)."),
      Flag.withSchema(Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))),
      Flag.optional
    ),
    format: Flag.Literals("format", ["text", "json", "github"]).pipe(
      Flag.withDescription("text for people, json for programs, github for GitHub Actions annotations."),
      Flag.withDefault("text")
    )
  },
  Effect.fn("coaching.validate")(function*({ file, format, input, maxErrors }) {
    const source = yield* open(file)
    const { outcome } = yield* check(source, { input, ...(Option.isSome(maxErrors) ? { maxErrors: maxErrors.value } : {}) }, false)
    yield* Effect.sync(() => process.stdout.write(Output.render(format, source.name, outcome)))
    if (process.env["COACHING_REPORT_RSS"] === "1") {
      yield* Console.error(`maxRSS ${process.resourceUsage().maxRSS} KiB`)
    }
    if (!outcome.valid) return yield* new Done({ code: ExitCode.invalid })
  })
).pipe(
  Command.withDescription(
    "Check a coaching export: shape (Schema) and rules (every journey replayed through the decider). Prints every violation with its JSON path, line (NDJSON), stable code and a sentence. Exit code 0 valid, 1 invalid, 2 usage or I/O error."
  ),
  Command.withExamples([
    { command: "coaching validate export.json", description: "Check a JSON export document" },
    { command: "coaching validate big.ndjson --max-errors 50 --format github", description: "Annotate a pull request with the first 50 violations" },
    { command: "cat export.ndjson | coaching validate - --input ndjson --format json", description: "Check standard input, print JSON" }
  ])
)

// ---------------------------------------------------------------------------------------------
// schema
// ---------------------------------------------------------------------------------------------

const writeOut = (path: string, text: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const info = yield* fs.stat(path).pipe(Effect.option)
    if (Option.isSome(info) && info.value.type === "Directory") {
      return yield* new InputError({ path, message: `${path} is a directory; give a file name.` })
    }
    yield* fs.writeFileString(path, text).pipe(
      Effect.mapError((e) => new InputError({ path, message: `Cannot write ${path}: ${e.message}` }))
    )
  })

const schema = Command.make(
  "schema",
  {
    out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.withDescription("Write the schema to this file instead of standard output."), Flag.optional)
  },
  Effect.fn("coaching.schema")(function*({ out }) {
    const text = `${JSON.stringify(Export.jsonSchema(), null, 2)}\n`
    if (Option.isSome(out)) yield* writeOut(out.value, text)
    else yield* Effect.sync(() => process.stdout.write(text))
  })
).pipe(
  Command.withDescription(
    "Print the JSON Schema (draft 2020-12) of the export document; the schema of one NDJSON line is at #/$defs/ndjsonLine. It checks shape only: run validate for the rules."
  ),
  Command.withExamples([{ command: "coaching schema --out coaching-export.schema.json", description: "Save the schema for another tool" }])
)

// ---------------------------------------------------------------------------------------------
// lint-step
// ---------------------------------------------------------------------------------------------

/** The human form of a granularity report: the verdict, each finding with the words it is about, the suggestions. @since 0.1.0 */
export const granularityText = (text: string, report: Granularity.GranularityReport): string => {
  const verdict = report.granular ? "granular: one action a teacher can rehearse and use in the next lesson" : "not granular"
  const findings = report.findings.map((f) => {
    const [start, end] = f.span
    return `  ${f.code} at ${start}–${end} "${text.slice(start, end)}": ${f.message}`
  })
  const suggestions = report.suggestions.map((s) => `  - ${s}`)
  return [
    `${verdict} (score ${report.score.toFixed(2)})`,
    ...(findings.length > 0 ? ["findings:", ...findings] : []),
    ...(suggestions.length > 0 ? ["suggestions:", ...suggestions] : [])
  ].join("\n") + "\n"
}

const lintStep = Command.make(
  "lint-step",
  {
    text: Argument.String("text").pipe(Argument.withDescription("The action step, in quotes.")),
    format: Flag.Literals("format", ["text", "json"]).pipe(Flag.withDescription("text for people, json for the report object."), Flag.withDefault("text")),
    locale: Flag.Literals("locale", ["en-GB", "en-US"]).pipe(Flag.withDescription("Spelling of the sentences."), Flag.withDefault("en-GB"))
  },
  Effect.fn("coaching.lintStep")(function*({ format, locale, text }) {
    const report = checkActionStep(text, { locale })
    yield* Effect.sync(() => process.stdout.write(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : granularityText(text, report)))
    if (!report.granular) return yield* new Done({ code: ExitCode.invalid })
  })
).pipe(
  Command.withDescription(
    "Check that an action step is one granular teacher action (not a bundle, an aim or a wish): the granularity report of @coaching/granularity. Exit code 0 granular, 1 not granular."
  ),
  Command.withExamples([
    { command: "coaching lint-step \"Pose the question, pause five seconds, then name a student.\"", description: "A granular step" },
    { command: "coaching lint-step \"Improve questioning and behaviour\" --format json", description: "The report as JSON" }
  ])
)

// ---------------------------------------------------------------------------------------------
// export / import
// ---------------------------------------------------------------------------------------------

const locate = (text: string) =>
  Effect.fromResult(Result.mapError(Storage.parseLocation(text), (message) => new InputError({ path: text, message })))

const storeFailure = (path: string) => (error: Storage.StoreUnavailable | Store.StoreError | Store.InvalidInput): InputError =>
  new InputError({ path, message: error instanceof Storage.StoreUnavailable ? error.message : `${error.code}: ${error.message}` })

const exportCommand = Command.make(
  "export",
  {
    from: Flag.String("from").pipe(Flag.withDescription("The store to read, sqlite:<path>.")),
    out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.withDescription("Write the export to this file instead of standard output."), Flag.optional),
    format: Flag.Literals("format", ["json", "ndjson"]).pipe(Flag.withDescription("json: the export document; ndjson: one record a line."), Flag.withDefault("json"))
  },
  Effect.fn("coaching.export")(function*({ format, from, out }) {
    const location = yield* locate(from)
    const fs = yield* FileSystem.FileSystem
    // Reading must never create a store: a missing file is an error, not an empty export.
    const info = yield* fs.stat(location.path).pipe(Effect.mapError((e) => describePlatformError(location.path, e)))
    if (info.type === "Directory") return yield* new InputError({ path: location.path, message: `${location.path} is a directory, not a SQLite store.` })
    const doc = yield* Storage.withStore(location, (store) => Transfer.exportDocument(store)).pipe(Effect.mapError(storeFailure(location.path)))
    const text = format === "ndjson" ? [...Export.encodeNdjson(doc)].map((line) => `${line}\n`).join("") : Export.encode(doc)
    if (Option.isSome(out)) {
      yield* writeOut(out.value, text)
      yield* Console.log(`Exported ${doc.people.length} people, ${doc.journeys.length} journeys from ${from} to ${out.value}.`)
    } else {
      yield* Effect.sync(() => process.stdout.write(text))
    }
  })
).pipe(
  Command.withDescription("Write everything in a store as a coaching export (canonical: the same store always gives the same bytes)."),
  Command.withExamples([
    { command: "coaching export --from sqlite:./coaching.db --out export.json", description: "Export a SQLite store" },
    { command: "coaching export --from sqlite:./coaching.db --format ndjson > export.ndjson", description: "Export as NDJSON" }
  ])
)

const importCommand = Command.make(
  "import",
  {
    file: Argument.String("file").pipe(Argument.withDescription("The export to import (JSON or NDJSON), or - for standard input.")),
    to: Flag.String("to").pipe(Flag.withDescription("The store to write, sqlite:<path> (created if missing).")),
    input: Flag.Literals("input", ["auto", "json", "ndjson"]).pipe(Flag.withDescription("The variant: auto (default) detects it."), Flag.withDefault("auto")),
    format: Flag.Literals("format", ["text", "json", "github"]).pipe(Flag.withDescription("How to print violations if the export is invalid."), Flag.withDefault("text"))
  },
  Effect.fn("coaching.import")(function*({ file, format, input, to }) {
    const location = yield* locate(to)
    const source = yield* open(file)
    // Validate first, before the store is even opened: an invalid export creates and changes nothing.
    const { bytes, outcome } = yield* check(source, { input }, true)
    if (!outcome.valid) {
      yield* Effect.sync(() => process.stdout.write(Output.render(format, source.name, outcome)))
      yield* Console.error(`coaching: import refused: ${source.name} is not a valid export; nothing was written to ${to}.`)
      return yield* new Done({ code: ExitCode.invalid })
    }
    const raw = bytes!
    const text = decodeUtf8(raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw) ?? ""
    const doc: unknown = outcome.kind === "json" ? JSON.parse(text) : Storage.documentFromNdjson(text)
    const summary = yield* Storage.withStore(location, (store) => Transfer.importDocument(store, doc)).pipe(
      Effect.catchTag("InvalidExport", (error) =>
        Effect.andThen(
          Effect.sync(() => process.stdout.write(Output.render(format, source.name, { ...outcome, valid: false, violations: error.violations, truncated: false }))),
          Effect.andThen(Console.error(`coaching: import refused; nothing was written to ${to}.`), Effect.fail(new Done({ code: ExitCode.invalid })))
        )),
      Effect.catchTag("VersionConflict", (error) =>
        Effect.andThen(
          Console.error(
            `coaching: import refused: the store already holds ${error.streamId} (at version ${error.actual}); an import adds journeys, it never merges them. Nothing was written to ${to}.`
          ),
          Effect.fail(new Done({ code: ExitCode.invalid }))
        )),
      Effect.mapError((error) => (error instanceof Done ? error : storeFailure(location.path)(error)))
    )
    yield* Console.log(`Imported ${Storage.describeImport(summary)} into ${to}.`)
  })
).pipe(
  Command.withDescription(
    "Validate an export, then write it into a store in one all-or-nothing transaction. An invalid export, or a journey the store already holds, writes nothing (exit 1)."
  ),
  Command.withExamples([{ command: "coaching import export.json --to sqlite:./coaching.db", description: "Load an export into a SQLite store" }])
)

// ---------------------------------------------------------------------------------------------
// the root command and the exit code
// ---------------------------------------------------------------------------------------------

/** The commands under `coaching`. @since 0.1.0 */
export const commands = [validate, schema, lintStep, exportCommand, importCommand] as const

/** The root `coaching` command. @since 0.1.0 */
export const root = Command.make("coaching").pipe(
  Command.withDescription("Work with coaching records from the command line: validate exports in CI, print the export's JSON Schema, lint action steps, move exports in and out of a store."),
  Command.withSubcommands(commands)
)

/**
 * Runs the CLI with explicit arguments (without the `node` and script names) and returns the
 * exit code. Usage errors (unknown flag, bad value, missing argument or command) print help
 * and return 2; unreadable inputs print one line on stderr and return 2.
 *
 * @since 0.1.0
 */
export const run = (args: ReadonlyArray<string>) =>
  Command.runWith(root, { version: VERSION })(args).pipe(
    Effect.as(ExitCode.ok as number),
    Effect.catch((error): Effect.Effect<number> => {
      if (error instanceof Done) return Effect.succeed(error.code)
      if (error instanceof InputError) return Console.error(`coaching: ${error.message}`).pipe(Effect.as(ExitCode.usage))
      if (CliError.isCliError(error)) return Effect.succeed(ExitCode.usage)
      return Console.error(`coaching: ${String(error)}`).pipe(Effect.as(ExitCode.usage))
    }),
    Effect.catchDefect((defect) => Console.error(`coaching: internal error: ${defect instanceof Error ? defect.message : String(defect)}`).pipe(Effect.as(ExitCode.usage)))
  )
