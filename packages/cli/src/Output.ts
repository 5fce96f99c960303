/**
 * How `coaching validate` prints a verdict: `text` for people, `json` for programs, `github`
 * for GitHub Actions (workflow-command annotations that show on the pull request's files).
 *
 * @since 0.1.0
 */
import { Text } from "@coaching/core"
import type { Finding, Outcome } from "./Validate.js"

/** The output formats. @since 0.1.0 */
export type Format = "text" | "json" | "github"

/** The name `-` (standard input) is shown as. @since 0.1.0 */
export const STDIN_NAME = "<stdin>"

const where = (file: string, f: Finding): string =>
  f.line === undefined ? file : f.column === undefined ? `${file}:${f.line}` : `${file}:${f.line}:${f.column}`

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`

const summary = (outcome: Outcome): string =>
  outcome.truncated
    ? `stopped after ${plural(outcome.violations.length, "violation")} (--max-errors); there may be more.`
    : `${plural(outcome.violations.length, "violation")}.`

const kindName = (outcome: Outcome): string => (outcome.kind === "json" ? "JSON document" : "NDJSON stream")

const keptTotal = (outcome: Outcome): number => (outcome.keptAsRecorded ?? []).reduce((n, k) => n + k.reports, 0)

/** How many checkers the notice names before "and N more". */
const NAMED_CHECKERS = 3

/**
 * The notice line for granularity reports kept as recorded, not recomputed, because another
 * checker than the CLI's made them (`file: note: 2 granularity reports were kept as recorded,
 * …`), or `""` when there were none.
 *
 * @since 0.3.0
 */
export const keptNotice = (file: string, outcome: Outcome): string => {
  const kept = outcome.keptAsRecorded ?? []
  const total = keptTotal(outcome)
  if (total === 0) return ""
  const named = kept.slice(0, NAMED_CHECKERS).map((k) => `${printable(k.checker)}: ${k.reports}`)
  const more = kept.length > NAMED_CHECKERS ? `, and ${plural(kept.length - NAMED_CHECKERS, "other checker")}` : ""
  return `${file}: note: ${total === 1 ? "1 granularity report was" : `${total} granularity reports were`} kept as recorded, not recomputed: another checker than the CLI's made ${
    total === 1 ? "it" : "them"
  } (${named.join(", ")}${more}).\n`
}

/**
 * The human report: one line a violation (`file:line:column CODE at $.path: sentence`), then a
 * summary, then the notice of reports kept as recorded (if any).
 *
 * @since 0.1.0
 */
export const text = (file: string, outcome: Outcome): string => {
  if (outcome.valid) {
    return `${file}: valid coaching export (${kindName(outcome)}, ${plural(outcome.records, "record")}, ${outcome.bytes} bytes).\n${keptNotice(file, outcome)}`
  }
  const lines = outcome.violations.map((f) => `${where(file, f)}: ${f.code} at ${f.path}: ${f.message}`)
  return `${lines.join("\n")}\n${file}: invalid (${kindName(outcome)}): ${summary(outcome)}\n${keptNotice(file, outcome)}`
}

/**
 * The machine report: one JSON object. `keptAsRecorded` (since 0.3.0, always present, after the
 * fields that came before it) counts the granularity reports kept as recorded, by checker.
 *
 * @since 0.1.0
 */
export const json = (file: string, outcome: Outcome): string =>
  `${JSON.stringify({
    file,
    input: outcome.kind,
    valid: outcome.valid,
    violations: outcome.violations,
    truncated: outcome.truncated,
    bytes: outcome.bytes,
    records: outcome.records,
    keptAsRecorded: { reports: keptTotal(outcome), checkers: outcome.keptAsRecorded ?? [] }
  }, null, 2)}\n`

/** Escapes a workflow-command message (`%`, CR, LF). @since 0.1.0 */
export const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")

/** Escapes a workflow-command property value (also `:` and `,`). @since 0.1.0 */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C")

/**
 * GitHub Actions annotations: `::error file=…,line=…,col=…,title=CODE::$.path: sentence` for each
 * violation, then a plain summary line. Standard input gets no `file=`.
 *
 * @since 0.1.0
 */
export const github = (file: string, outcome: Outcome): string => {
  if (outcome.valid) return text(file, outcome)
  const annotations = outcome.violations.map((f) => {
    const props = [
      ...(file === STDIN_NAME ? [] : [`file=${escapeProperty(file)}`]),
      ...(f.line !== undefined ? [`line=${f.line}`] : []),
      ...(f.column !== undefined ? [`col=${f.column}`] : []),
      `title=${escapeProperty(f.code)}`
    ]
    return `::error ${props.join(",")}::${escapeData(`${f.path}: ${f.message}`)}`
  })
  return `${annotations.join("\n")}\n${file}: invalid (${kindName(outcome)}): ${summary(outcome)}\n${keptNotice(file, outcome)}`
}

const unprintable = new RegExp(`(?! )[${Text.invisibleClass}]`, "gu")

/**
 * A path or message as printed: a control or invisible character that came from the input (a
 * NUL, a byte-order mark, a bidirectional override, …) is shown as `\uXXXX`, never raw.
 *
 * @since 0.1.0
 */
export const printable = (s: string): string =>
  s.replace(unprintable, (c) => {
    const code = c.codePointAt(0)!.toString(16).toUpperCase()
    return code.length > 4 ? `\\u{${code}}` : `\\u${code.padStart(4, "0")}`
  })

/** Renders an outcome in a format (paths and messages made printable). @since 0.1.0 */
export const render = (format: Format, file: string, outcome: Outcome): string => {
  const shown = {
    ...outcome,
    violations: outcome.violations.map((f) => ({ ...f, path: printable(f.path), message: printable(f.message) })),
    ...(outcome.keptAsRecorded !== undefined ? { keptAsRecorded: outcome.keptAsRecorded.map((k) => ({ ...k, checker: printable(k.checker) })) } : {})
  }
  return format === "json" ? json(file, shown) : format === "github" ? github(file, shown) : text(file, shown)
}
