/**
 * The `coaching` command line, built on `effect/cli`: `validate`, `schema`, `lint-step`,
 * `export`, `import`, `report`, `calendar`, `script`, `playbook`. `run(args)` returns the process exit code: 0 valid /
 * done, 1 invalid (the verdict is printed), 2 a usage error or an input that could not be read.
 *
 * @since 0.1.0
 */
import { Access, Calendar, Caseload, CohortInsight, Export, Fidelity, type Granularity, Playbook, Reports, type Store, Time, Transfer } from "@coaching/core"
import { Clock, Console, Data, Effect, FileSystem, Option, Result, Schema } from "effect"
import type { PlatformError } from "effect"
import { Argument, CliError, CliOutput, Command, Flag } from "effect/cli"
import { recheck } from "./internal/checkers.js"
import type { PlaybookReading } from "./internal/playbook.js"
import { checkInput, InputFailure, type InputSource, readAll } from "./internal/readInput.js"
import { decode as decodeUtf8 } from "./internal/utf8.js"
import * as Output from "./Output.js"
import * as ReportOutput from "./ReportOutput.js"
import * as Serve from "./Serve.js"
import * as Storage from "./internal/storage.js"
import type { Outcome, ValidateOptions } from "./Validate.js"

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

const open = Effect.fn("coaching.open")(function*(path: string) {
  if (path === "-") return { name: Output.STDIN_NAME, path: undefined, size: undefined, rereadable: false } satisfies InputSource
  const fs = yield* FileSystem.FileSystem
  const info = yield* fs.stat(path).pipe(Effect.mapError((e) => describePlatformError(path, e)))
  if (info.type === "Directory") return yield* new InputError({ path, message: `${path} is a directory, not an export file.` })
  if (info.type !== "File" && info.type !== "FIFO" && info.type !== "CharacterDevice" && info.type !== "Socket") {
    return yield* new InputError({ path, message: `${path} is not a regular file.` })
  }
  // Only a regular file reads the same bytes twice (not a FIFO or a device).
  return { name: path, path, size: info.type === "File" ? Number(info.size) : undefined, rereadable: info.type === "File" } satisfies InputSource
})

/**
 * Streams a source through the validator (internal/readInput.ts, which the lean `validate` of
 * the bin runs too). With `keep`, the bytes are kept too (`import` needs the whole document).
 */
const check = (
  source: InputSource,
  options: ValidateOptions,
  keep: boolean
): Effect.Effect<{ readonly outcome: Outcome; readonly bytes: Buffer | undefined }, InputError> =>
  Effect.tryPromise({
    try: () => checkInput(source, options, keep),
    catch: (e) => new InputError({ path: source.name, message: e instanceof InputFailure ? e.message : String(e) })
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

const reportSchemas = { fidelity: Fidelity.jsonSchema, caseload: Caseload.jsonSchema, cohort: CohortInsight.jsonSchema } as const

const schema = Command.make(
  "schema",
  {
    out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.withDescription("Write the schema to this file instead of standard output."), Flag.optional),
    report: Flag.Literals("report", ["fidelity", "caseload", "cohort"]).pipe(
      Flag.withDescription("Print the JSON Schema of a report's JSON (coaching report <kind> --format json) instead of the export's."),
      Flag.optional
    )
  },
  Effect.fn("coaching.schema")(function*({ out, report }) {
    const document = Option.isSome(report) ? reportSchemas[report.value]() : Export.jsonSchema()
    const text = `${JSON.stringify(document, null, 2)}\n`
    if (Option.isSome(out)) yield* writeOut(out.value, text)
    else yield* Effect.sync(() => process.stdout.write(text))
  })
).pipe(
  Command.withDescription(
    "Print the JSON Schema (draft 2020-12) of the export document; the schema of one NDJSON line is at #/$defs/ndjsonLine. It checks shape only: run validate for the rules. With --report, the schema of a report's JSON."
  ),
  Command.withExamples([
    { command: "coaching schema --out coaching-export.schema.json", description: "Save the schema for another tool" },
    { command: "coaching schema --report fidelity", description: "The schema of coaching report fidelity --format json" }
  ])
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
    // The checker (its lexicon) is loaded only by the command that uses it.
    const { checkActionStep } = yield* Effect.promise(() => import("@coaching/granularity"))
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

const storeFailure = (location: Storage.StoreLocation) => (error: Storage.StoreUnavailable | Store.StoreError | Store.InvalidInput): InputError =>
  new InputError({ path: Storage.nameOf(location), message: error instanceof Storage.StoreUnavailable ? error.message : `${error.code}: ${error.message}` })

/** Everything in the store at `text`, as an export document. Reading never creates a SQLite file: a missing one is an error. */
const exportFrom = (text: string) =>
  Effect.gen(function*() {
    const location = yield* locate(text)
    if (location.scheme === "sqlite") yield* existingStore(location.path)
    return yield* Storage.withStore(location, (store) => Transfer.exportDocument(store)).pipe(Effect.mapError(storeFailure(location)))
  })

/**
 * A store that is read must already be one: a missing file, a folder or an empty (0-byte) file
 * is an input error, and nothing is created (SQLite would make an empty database of it).
 */
const existingStore = (path: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const info = yield* fs.stat(path).pipe(Effect.mapError((e) => describePlatformError(path, e)))
    if (info.type === "Directory") return yield* new InputError({ path, message: `${path} is a directory, not a SQLite store.` })
    if (info.type === "File" && Number(info.size) === 0) {
      return yield* new InputError({ path, message: `${path} is empty (0 bytes), not a SQLite store; nothing was read or created.` })
    }
  })

const exportCommand = Command.make(
  "export",
  {
    from: Flag.String("from").pipe(Flag.withDescription("The store to read, sqlite:<path> or postgres:<url> (postgres://user@host:5432/db; ?schema=NAME for a store in its own schema).")),
    out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.withDescription("Write the export to this file instead of standard output."), Flag.optional),
    format: Flag.Literals("format", ["json", "ndjson"]).pipe(Flag.withDescription("json: the export document; ndjson: one record a line."), Flag.withDefault("json"))
  },
  Effect.fn("coaching.export")(function*({ format, from, out }) {
    // Reading must never create a store: a missing file is an error, not an empty export.
    const doc = yield* exportFrom(from)
    const text = format === "ndjson" ? [...Export.encodeNdjson(doc)].map((line) => `${line}\n`).join("") : Export.encode(doc)
    if (Option.isSome(out)) {
      yield* writeOut(out.value, text)
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
      yield* Console.log(`Exported ${count(doc.people.length, "person", "people")}, ${count(doc.journeys.length, "journey", "journeys")} from ${Storage.label(from, yield* locate(from))} to ${out.value}.`)
    } else {
      yield* Effect.sync(() => process.stdout.write(text))
    }
  })
).pipe(
  Command.withDescription("Write everything in a store as a coaching export (canonical: the same store always gives the same bytes)."),
  Command.withExamples([
    { command: "coaching export --from sqlite:./coaching.db --out export.json", description: "Export a SQLite store" },
    { command: "coaching export --from sqlite:./coaching.db --format ndjson > export.ndjson", description: "Export as NDJSON" },
    { command: "coaching export --from postgres:postgres://coaching@db:5432/coaching --out export.json", description: "Export a PostgreSQL store" }
  ])
)

const importCommand = Command.make(
  "import",
  {
    file: Argument.String("file").pipe(Argument.withDescription("The export to import (JSON or NDJSON), or - for standard input.")),
    to: Flag.String("to").pipe(Flag.withDescription("The store to write, sqlite:<path> (created if missing) or postgres:<url> (the database must exist; its tables are created).")),
    input: Flag.Literals("input", ["auto", "json", "ndjson"]).pipe(Flag.withDescription("The variant: auto (default) detects it."), Flag.withDefault("auto")),
    format: Flag.Literals("format", ["text", "json", "github"]).pipe(Flag.withDescription("How to print violations if the export is invalid."), Flag.withDefault("text")),
    merge: Flag.Boolean("merge").pipe(
      Flag.withDescription(
        "Where the store already holds a record differently, let the export's replace it (people, cohorts, relationships, playbooks, policy) and continue journeys the store holds the beginning of. Without it, such an import is refused and every conflicting record listed."
      ),
      Flag.withDefault(false)
    )
  },
  Effect.fn("coaching.import")(function*({ file, format, input, merge, to }) {
    const location = yield* locate(to)
    const target = Storage.label(to, location)
    const source = yield* open(file)
    // Validate first, before the store is even opened: an invalid export creates and changes nothing.
    const { bytes, outcome } = yield* check(source, { input }, true)
    if (!outcome.valid) {
      yield* Effect.sync(() => process.stdout.write(Output.render(format, source.name, outcome)))
      yield* Console.error(`coaching: import refused: ${source.name} is not a valid export; nothing was written to ${target}.`)
      return yield* new Done({ code: ExitCode.invalid })
    }
    const raw = bytes!
    const text = decodeUtf8(raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw) ?? ""
    const doc: unknown = outcome.kind === "json" ? JSON.parse(text) : Storage.documentFromNdjson(text)
    const refused = (violations: ReadonlyArray<Export.Violation>, why: string) =>
      Effect.andThen(
        Effect.sync(() => process.stdout.write(Output.render(format, source.name, { ...outcome, valid: false, violations, truncated: false }))),
        Effect.andThen(Console.error(`coaching: import refused: ${why}; nothing was written to ${target}.`), Effect.fail(new Done({ code: ExitCode.invalid })))
      )
    const summary = yield* Storage.withStore(location, (store) => Transfer.importDocument(store, doc, { onConflict: merge ? "merge" : "refuse", recheck: recheck() })).pipe(
      Effect.catchTag("ImportRefused", (error) =>
        refused(
          error.violations,
          error.code === "IMPORT_CONFLICT"
            ? `the store already holds ${error.violations.length} record${error.violations.length === 1 ? "" : "s"} differently${merge ? " (recorded events are never rewritten)" : " (--merge lets the export's records replace them)"}`
            : "IMPORT_INCONSISTENT: after it the store would not validate (the violations below are the store's as it would be; their paths are in its export)"
        )),
      Effect.catchTag("InvalidExport", (error) =>
        Effect.andThen(
          Effect.sync(() => process.stdout.write(Output.render(format, source.name, { ...outcome, valid: false, violations: error.violations, truncated: false }))),
          Effect.andThen(Console.error(`coaching: import refused; nothing was written to ${target}.`), Effect.fail(new Done({ code: ExitCode.invalid })))
        )),
      Effect.catchTag("VersionConflict", (error) =>
        Effect.andThen(
          Console.error(
            `coaching: import refused: ${error.streamId} changed while the import ran (now at version ${error.actual}); nothing was written to ${target}. Try again.`
          ),
          Effect.fail(new Done({ code: ExitCode.invalid }))
        )),
      Effect.mapError((error) => (error instanceof Done ? error : storeFailure(location)(error)))
    )
    yield* Console.log(`Imported ${Storage.describeImport(summary)} into ${target}${Storage.describeUnchanged(summary)}.`)
    // Reports another checker made were imported as recorded: say so, as validate does.
    const kept = Output.keptNotice(source.name, outcome)
    if (kept !== "") yield* Effect.sync(() => process.stdout.write(kept))
  })
).pipe(
  Command.withDescription(
    "Validate an export, then write it into a store in one all-or-nothing transaction, keeping its policy. What the store already holds identically is left as it is; a record or journey it holds differently is a conflict: the import is refused and every conflicting record listed (or, with --merge, the export's records replace the store's). An import that would leave the store invalid, or an invalid export, writes nothing (exit 1)."
  ),
  Command.withExamples([
    { command: "coaching import export.json --to sqlite:./coaching.db", description: "Load an export into a SQLite store" },
    { command: "coaching import newer.json --to sqlite:./coaching.db --merge", description: "Bring a store up to date from a newer export" },
    { command: "coaching import export.json --to postgres:postgres://coaching@db:5432/coaching", description: "Move a school to PostgreSQL" }
  ])
)

// ---------------------------------------------------------------------------------------------
// report / calendar
// ---------------------------------------------------------------------------------------------

/**
 * An export document from a file (validated exactly as `validate` does: an invalid export prints
 * its violations and exits 1) or from a store (`sqlite:<path>`, which must exist, or `postgres:<url>`).
 */
const readSource = (text: string, format: Output.Format) =>
  Effect.gen(function*() {
    if (/^(sqlite|postgres|postgresql):/i.test(text)) return yield* exportFrom(text)
    const source = yield* open(text)
    const { bytes, outcome } = yield* check(source, { input: "auto" }, true)
    if (!outcome.valid) {
      yield* Effect.sync(() => process.stdout.write(Output.render(format, source.name, outcome)))
      yield* Console.error(`coaching: ${source.name} is not a valid export; no report is read from it.`)
      return yield* new Done({ code: ExitCode.invalid })
    }
    const raw = bytes!
    const body = decodeUtf8(raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw) ?? ""
    const doc: unknown = outcome.kind === "json" ? JSON.parse(body) : Storage.documentFromNdjson(body)
    return Schema.decodeUnknownSync(Export.ExportDocument)(doc)
  })

/** The day given with --today, or today (UTC) by the clock. */
const dayOf = (today: Option.Option<string>) =>
  Effect.gen(function*() {
    if (Option.isSome(today)) {
      if (!Time.isRealDate(today.value)) return yield* new InputError({ path: "--today", message: `--today must be a calendar date like 2026-11-11; got "${today.value}".` })
      return today.value as Time.CalendarDate
    }
    return Time.dateOf(Time.timestampFromMillis(yield* Clock.currentTimeMillis)!)
  })

/** Who reads: the lead named with --as, or the export's lead (the first by id). */
const leadOf = (doc: Export.ExportDocument, as: Option.Option<string>) =>
  Effect.gen(function*() {
    if (Option.isSome(as)) return Access.principal("lead", as.value)
    const lead = doc.people.find((p) => p.roles.includes("lead"))
    if (lead === undefined) {
      return yield* new InputError({ path: "--as", message: "The export has no lead: a report of aggregates is read as a lead; register one, or name one with --as." })
    }
    return Access.principal("lead", lead.id)
  })

const denied = <A>(answer: Result.Result<A, { readonly code: string; readonly message: string }>) =>
  Result.isSuccess(answer)
    ? Effect.succeed(answer.success)
    : Effect.fail(new InputError({ path: "principal", message: `${answer.failure.code}: ${answer.failure.message}` }))

const sourceArgument = Argument.String("source").pipe(
  Argument.withDescription("An export (JSON or NDJSON file, validated first, or - for standard input) or a store, sqlite:<path> or postgres:<url>.")
)
const todayFlag = Flag.String("today").pipe(Flag.withDescription("The day caseloads are read on, YYYY-MM-DD (default: today, UTC)."), Flag.optional)

const report = Command.make(
  "report",
  {
    kind: Argument.Literals("kind", ["fidelity", "caseload", "cohort"]).pipe(Argument.withDescription("fidelity, caseload or cohort")),
    source: sourceArgument,
    coach: Flag.String("coach").pipe(Flag.withDescription("fidelity: keep this coach's group; caseload: this coach's own caseload, teacher by teacher."), Flag.optional),
    cohort: Flag.String("cohort").pipe(Flag.withDescription("fidelity, cohort: keep this cohort's group."), Flag.optional),
    format: Flag.Literals("format", ["text", "json", "csv"]).pipe(Flag.withDescription("text (tables), json (see coaching schema --report) or csv."), Flag.withDefault("text")),
    today: todayFlag,
    days: Flag.Int("days").pipe(
      Flag.withDescription("caseload: a teacher with no visit in this many days is flagged (default 14)."),
      Flag.withSchema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 3660 })))),
      Flag.optional
    ),
    as: Flag.String("as").pipe(Flag.withDescription("The lead who reads a report of aggregates (default: the export's lead)."), Flag.optional)
  },
  Effect.fn("coaching.report")(function*({ as, coach, cohort, days, format, kind, source, today }) {
    if (kind === "cohort" && Option.isSome(coach)) {
      return yield* new InputError({ path: "--coach", message: "Cohort insight is read per cohort, not per coach (a coach's slice next to the whole cohort would show the others' small groups by subtraction); drop --coach." })
    }
    if (kind === "caseload" && Option.isSome(cohort)) {
      return yield* new InputError({ path: "--cohort", message: "A caseload is a coach's teachers, not a cohort's; drop --cohort." })
    }
    const doc = yield* readSource(source, format === "json" ? "json" : "text")
    const { context, state } = Reports.fromExport(doc)
    const keep = {
      ...(Option.isSome(coach) ? { coachId: coach.value } : {}),
      ...(Option.isSome(cohort) ? { cohortId: cohort.value } : {})
    }
    let result: ReportOutput.AnyReport
    if (kind === "caseload") {
      const options = { today: yield* dayOf(today), ...(Option.isSome(days) ? { noVisitDays: days.value } : {}) }
      result = Option.isSome(coach)
        ? yield* denied(Caseload.ofCoach(state, context, Access.principal("coach", coach.value), options))
        : yield* denied(Caseload.summary(state, context, yield* leadOf(doc, as), options))
    } else if (kind === "fidelity") {
      result = yield* denied(Fidelity.report(state, context, yield* leadOf(doc, as), keep))
    } else {
      result = yield* denied(CohortInsight.report(state, context, yield* leadOf(doc, as), keep))
    }
    yield* Effect.sync(() => process.stdout.write(ReportOutput.render(format, result)))
  })
).pipe(
  Command.withDescription(
    "Read a report from an export or a store: fidelity (per coach, per cohort, programme), caseload (every coach's as a lead sees it, or one coach's own with --coach) or cohort (the most common leverage-point areas and techniques). Reports for a lead hold aggregates only; groups smaller than the policy's minimum are hidden."
  ),
  Command.withExamples([
    { command: "coaching report fidelity export.json", description: "Fidelity by coach and by cohort, as text tables" },
    { command: "coaching report caseload sqlite:./coaching.db --coach c-grace --today 2026-11-11", description: "One coach's own caseload" },
    { command: "coaching report cohort export.ndjson --format csv > cohorts.csv", description: "Cohort insight for a spreadsheet" }
  ])
)

const calendar = Command.make(
  "calendar",
  {
    source: sourceArgument,
    coach: Flag.String("coach").pipe(Flag.withDescription("The coach whose follow-ups are written.")),
    out: Flag.String("out").pipe(Flag.withAlias("o"), Flag.withDescription("Write the .ics to this file instead of standard output."), Flag.optional),
    today: todayFlag
  },
  Effect.fn("coaching.calendar")(function*({ coach, out, source, today }) {
    const doc = yield* readSource(source, "text")
    const { context, state } = Reports.fromExport(doc)
    const caseload = yield* denied(Caseload.ofCoach(state, context, Access.principal("coach", coach), { today: yield* dayOf(today) }))
    const stamp = Time.timestampFromMillis(yield* Clock.currentTimeMillis)!
    const text = Calendar.followUps(caseload, { stamp })
    if (Option.isSome(out)) {
      yield* writeOut(out.value, text)
      const events = caseload.teachers.filter((t) => t.openCycle?.followUpDue != null).length
      yield* Console.log(`Wrote ${events} follow-up${events === 1 ? "" : "s"} of ${caseload.coach.name} to ${out.value}.`)
    } else {
      yield* Effect.sync(() => process.stdout.write(text))
    }
  })
).pipe(
  Command.withDescription(
    "Write a coach's follow-ups due (overdue ones included) as an iCalendar file (RFC 5545) for the calendar they already use: one all-day event per open cycle, updated in place when a due date moves."
  ),
  Command.withExamples([{ command: "coaching calendar export.json --coach c-grace --out follow-ups.ics", description: "Grace's follow-ups as a calendar file" }])
)

// ---------------------------------------------------------------------------------------------
// script / playbook
// ---------------------------------------------------------------------------------------------

/** A day given with a flag (`--meeting-date`), or today (UTC) by the clock. */
const dayFrom = (flag: string, value: Option.Option<string>) =>
  Effect.gen(function*() {
    if (Option.isSome(value)) {
      if (!Time.isRealDate(value.value)) return yield* new InputError({ path: flag, message: `${flag} must be a calendar date like 2026-11-30; got "${value.value}".` })
      return value.value as Time.CalendarDate
    }
    return Time.dateOf(Time.timestampFromMillis(yield* Clock.currentTimeMillis)!)
  })

const scriptCommand = Command.make(
  "script",
  {
    source: sourceArgument,
    teacher: Flag.String("teacher").pipe(Flag.withDescription("The teacher whose open cycle the meeting is about.")),
    cycle: Flag.String("cycle").pipe(Flag.withDescription("A cycle of theirs other than the open one (e.g. one in Replanning is open too)."), Flag.optional),
    as: Flag.String("as").pipe(Flag.withDescription("The coach who reads the record (default: the cycle's coach)."), Flag.optional),
    meetingDate: Flag.String("meeting-date").pipe(Flag.withDescription("The day of the meeting, YYYY-MM-DD (default: today, UTC)."), Flag.optional),
    style: Flag.Literals("style", ["facilitative", "balanced", "directive"]).pipe(
      Flag.withDescription("The style of this meeting (default: the coaching relationship's)."),
      Flag.optional
    ),
    locale: Flag.Literals("locale", ["en-GB", "en-US"]).pipe(Flag.withDescription("Spelling, quotation marks and dates."), Flag.withDefault("en-GB")),
    followUpDays: Flag.Int("follow-up-days").pipe(
      Flag.withDescription("Days from the meeting to the follow-up (default 7)."),
      Flag.withSchema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 3660 })))),
      Flag.optional
    ),
    reps: Flag.Int("reps").pipe(
      Flag.withDescription("Rehearsal reps to plan, within the policy's target (default: its minimum, 7)."),
      Flag.withSchema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1000 })))),
      Flag.optional
    ),
    format: Flag.Literals("format", ["text", "markdown", "html", "json"]).pipe(
      Flag.withDescription("text, markdown or html to read; json: the script object (parts, warnings, advisories)."),
      Flag.withDefault("text")
    )
  },
  Effect.fn("coaching.script")(function*({ as, cycle, followUpDays, format, locale, meetingDate, reps, source, style, teacher }) {
    const doc = yield* readSource(source, format === "json" ? "json" : "text")
    const day = yield* dayFrom("--meeting-date", meetingDate)
    // The script writer (and its word lists) is loaded only by the command that uses it.
    const [Scripts, { renderScript }] = yield* Effect.promise(() => Promise.all([import("./internal/script.js"), import("@coaching/feedback-script")]))
    const result = Scripts.scriptFor(doc, {
      teacherId: teacher,
      cycleId: Option.getOrUndefined(cycle),
      as: Option.getOrUndefined(as),
      meetingDate: day,
      style: Option.getOrUndefined(style),
      locale,
      followUpDays: Option.getOrUndefined(followUpDays),
      reps: Option.getOrUndefined(reps)
    })
    if (Result.isFailure(result)) {
      const problem = result.failure
      if (format === "json") yield* Effect.sync(() => process.stdout.write(`${JSON.stringify({ written: false, error: problem }, null, 2)}\n`))
      yield* Console.error(`coaching: no script: ${problem.code}${problem.path !== undefined ? ` (${problem.path})` : ""}: ${Output.printable(problem.message)}`)
      return yield* new Done({ code: ExitCode.invalid })
    }
    const script = result.success
    yield* Effect.sync(() =>
      process.stdout.write(format === "json" ? `${JSON.stringify({ written: true, script }, null, 2)}\n` : renderScript(script, format))
    )
  })
).pipe(
  Command.withDescription(
    "Write the feedback-meeting script of a teacher's open cycle from an export or a store, in the relationship's style: precise praise, probe, the leverage point and one action step (or, in a facilitative meeting that agrees it, the prompts for it), practice with a rep tally, plan ahead, the follow-up date. A cycle in Replanning gets a practice-session script. The script's warnings and the rules' advisories (rehearsal off the 7–10 target, a follow-up more than four weeks away, a step not calibrated) come first. Exit code 0 written, 1 not (the reason on stderr; under --format json also on stdout)."
  ),
  Command.withExamples([
    { command: "coaching script export.json --teacher t-ada --meeting-date 2026-11-30", description: "Ada's next meeting, as text" },
    { command: "coaching script sqlite:./coaching.db --teacher t-ada --style facilitative --format html > meeting.html", description: "A facilitative script as HTML" },
    { command: "coaching script export.json --teacher t-ada --format json", description: "The script object, advisories included" }
  ])
)

const playbookCommand = Command.make(
  "playbook",
  {
    file: Argument.String("file").pipe(
      Argument.withDescription("A playbook: CSV (one technique a row, see docs/playbooks.md) or JSON, or - for standard input."),
      Argument.optional
    ),
    starter: Flag.Boolean("starter").pipe(
      Flag.withDescription("Read the starter playbook instead of a file (with --format csv: a spreadsheet to start from)."),
      Flag.withDefault(false)
    ),
    input: Flag.Literals("input", ["auto", "csv", "json"]).pipe(Flag.withDescription("The file's form: auto (default) goes by the extension, else the first character."), Flag.withDefault("auto")),
    id: Flag.String("id").pipe(Flag.withDescription("A CSV playbook's id, a slug (default: from the file name)."), Flag.optional),
    name: Flag.String("name").pipe(Flag.withDescription("A CSV playbook's name (default: from the file name)."), Flag.optional),
    format: Flag.Literals("format", ["text", "json", "csv"]).pipe(
      Flag.withDescription("text: a summary with the sub-steps' granularity; json: the playbook and the check; csv: the playbook in the CSV columns."),
      Flag.withDefault("text")
    ),
    to: Flag.String("to").pipe(Flag.withDescription("Also store the playbook: sqlite:<path> (an existing store; a lead, --as, manages playbooks)."), Flag.optional),
    as: Flag.String("as").pipe(Flag.withDescription("The lead who stores it (with --to)."), Flag.optional)
  },
  Effect.fn("coaching.playbook")(function*({ as, file, format, id, input, name, starter, to }) {
    const Playbooks = yield* Effect.promise(() => import("./internal/playbook.js"))
    const { checkActionStep } = yield* Effect.promise(() => import("@coaching/granularity"))
    let label: string
    let reading: PlaybookReading
    if (starter) {
      if (Option.isSome(file)) return yield* new InputError({ path: "--starter", message: "Give a file or --starter, not both." })
      label = "starter"
      reading = Playbooks.readPlaybook(JSON.stringify(Playbook.defaultPlaybook), "json", { id: "default", name: "Starter playbook" }, checkActionStep)
    } else {
      if (Option.isNone(file)) return yield* new InputError({ path: "file", message: "Give a playbook file (CSV or JSON), - for standard input, or --starter." })
      const source = yield* open(file.value)
      const bytes = yield* Effect.tryPromise({
        try: () => readAll(source),
        catch: (e) => new InputError({ path: source.name, message: e instanceof InputFailure ? e.message : String(e) })
      })
      const text = decodeUtf8(bytes)
      if (text === undefined) return yield* new InputError({ path: source.name, message: `${source.name} is not UTF-8 text.` })
      label = source.name
      const base = source.path === undefined ? "playbook" : source.path.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "")
      const kind = input === "csv" || input === "json"
        ? input
        : /\.csv$/i.test(file.value)
        ? "csv"
        : /\.json$/i.test(file.value)
        ? "json"
        : /^\s*[[{]/.test(text.replace(/^\uFEFF/, ""))
        ? "json"
        : "csv"
      const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").replace(/^(?![a-z])/, "p-").slice(0, 64) || "playbook"
      reading = Playbooks.readPlaybook(text, kind, { id: Option.getOrElse(id, () => slug), name: Option.getOrElse(name, () => base) }, checkActionStep)
    }
    if (!reading.valid) {
      yield* Effect.sync(() => process.stdout.write(format === "json" ? Playbooks.playbookJson(label, reading) : Playbooks.playbookText(label, reading)))
      yield* Console.error(`coaching: ${label} is not a valid playbook${Option.isSome(to) ? `; nothing was written to ${to.value}` : ""}.`)
      return yield* new Done({ code: ExitCode.invalid })
    }
    const playbook = reading.playbook
    if (Option.isSome(to)) {
      if (Option.isNone(as)) return yield* new InputError({ path: "--as", message: "Storing a playbook is a lead's right (playbooks.manage): name the lead with --as." })
      const location = yield* locate(to.value)
      yield* Storage.withStore(location, (store) =>
        Effect.gen(function*() {
          const person = yield* store.records("person").get(as.value)
          const principal = Access.principal("lead", as.value)
          const denied = Option.isNone(person) || !person.value.roles.includes("lead")
            ? `${as.value} is not registered as a lead in ${to.value}.`
            : Access.check(principal, "playbooks.manage")?.message
          if (denied !== undefined) return yield* new InputError({ path: "--as", message: `ACCESS_DENIED: ${denied} Nothing was written.` })
          yield* store.records("playbook").put(playbook)
        })
      ).pipe(Effect.mapError((error) => (error instanceof InputError ? error : storeFailure(location)(error))))
    }
    yield* Effect.sync(() =>
      process.stdout.write(
        format === "json" ? Playbooks.playbookJson(label, reading) : format === "csv" ? Playbook.toCsv(playbook) : Playbooks.playbookText(label, reading)
      )
    )
    if (Option.isSome(to)) yield* Console.error(`Stored playbook ${playbook.id} in ${to.value}.`)
  })
).pipe(
  Command.withDescription(
    "Read a school's playbook from CSV (one technique a row: area, strand, id, title, description, why_it_works, looks_like, sub_step_1…; see docs/playbooks.md) or JSON; check it, with every sub-step through the granularity checker; print a summary, the playbook as JSON, or as CSV; with --to, store it for the programme. A bad file prints every problem with its row and column (exit 1) and stores nothing."
  ),
  Command.withExamples([
    { command: "coaching playbook --starter --format csv > our-playbook.csv", description: "The starter playbook as a spreadsheet to edit" },
    { command: "coaching playbook our-playbook.csv --id our-school --name \"Our playbook\"", description: "Check a school's playbook" },
    { command: "coaching playbook our-playbook.csv --id our-school --to sqlite:./coaching.db --as l-lead", description: "Store it for the programme" }
  ])
)

// ---------------------------------------------------------------------------------------------
// the root command and the exit code
// ---------------------------------------------------------------------------------------------

/** The commands under `coaching`. @since 0.1.0 */
export const commands = [validate, schema, lintStep, exportCommand, importCommand, report, calendar, scriptCommand, playbookCommand, Serve.serve, Serve.tokens] as const

/** The root `coaching` command. @since 0.1.0 */
export const root = Command.make("coaching").pipe(
  Command.withDescription("Work with coaching records from the command line: validate exports in CI, print the export's JSON Schema, lint action steps, move exports in and out of a store, read reports, write a coach's follow-ups as a calendar, write a meeting's feedback script, read a school's playbook, serve a store over HTTP."),
  Command.withSubcommands(commands)
)

/**
 * Where effect/cli's own output goes: `--help` and `--version` to stdout; the help and errors of
 * a usage error (and the help shown when no command is given) to stderr, so that stdout holds
 * only what a command prints (one JSON object under `--format json`).
 */
const presenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation" || (event._tag === "Help" && event.reason === "Implicit")
      ? Console.consoleWith((console) =>
        CliOutput.defaultPresenter.present(event).pipe(Effect.provideService(Console.Console, { ...console, log: console.error }))
      )
      : CliOutput.defaultPresenter.present(event)
}

/**
 * Runs the CLI with explicit arguments (without the `node` and script names) and returns the
 * exit code. Usage errors (unknown flag, bad value, missing argument or command) print help
 * and the error on stderr and return 2; unreadable inputs print one line on stderr and return 2.
 *
 * @since 0.1.0
 */
export const run = (args: ReadonlyArray<string>) =>
  Command.runWith(root, { version: VERSION })(args).pipe(
    Effect.provideService(CliOutput.Presenter, presenter),
    Effect.as(ExitCode.ok as number),
    Effect.catch((error): Effect.Effect<number> => {
      if (error instanceof Done) return Effect.succeed(error.code)
      if (error instanceof InputError || error instanceof Serve.ServeInputError) return Console.error(`coaching: ${error.message}`).pipe(Effect.as(ExitCode.usage))
      if (error instanceof Serve.TokenNotFound) return Console.error(`coaching: ${error.message}`).pipe(Effect.as(ExitCode.invalid))
      if (CliError.isCliError(error)) return Effect.succeed(ExitCode.usage)
      return Console.error(`coaching: ${String(error)}`).pipe(Effect.as(ExitCode.usage))
    }),
    Effect.catchDefect((defect) => Console.error(`coaching: internal error: ${defect instanceof Error ? defect.message : String(defect)}`).pipe(Effect.as(ExitCode.usage)))
  )
