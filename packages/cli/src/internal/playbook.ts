/**
 * `coaching playbook`: reads a school's playbook from CSV (`Playbook.fromCsv`'s columns) or JSON
 * (the `Playbook.Playbook` schema), checks every technique's sub-steps with the granularity
 * checker, and prints a summary, the playbook as JSON, or as CSV.
 */
import { type Granularity, Playbook } from "@coaching/core"
import { Result, Schema, SchemaIssue } from "effect"

/** One problem with the file (CSV problems keep their row and column; JSON ones name a path). */
export interface PlaybookProblem {
  readonly code: string
  readonly message: string
  readonly row?: number
  readonly column?: string
  readonly path?: string
}

/** A sub-step the granularity check does not see as one granular action. */
export interface CoarseSubStep {
  readonly techniqueId: string
  readonly subStep: string
  readonly findings: ReadonlyArray<string>
}

/** What reading a playbook file gives. */
export type PlaybookReading =
  | { readonly valid: true; readonly playbook: Playbook.Playbook; readonly techniques: number; readonly subSteps: number; readonly coarse: ReadonlyArray<CoarseSubStep> }
  | { readonly valid: false; readonly problems: ReadonlyArray<PlaybookProblem> }

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()
const decodePlaybook = Schema.decodeUnknownResult(Playbook.Playbook)

const jsonPath = (path: ReadonlyArray<unknown>): string =>
  path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`), "$")

/** How many sub-steps, and those the granularity check does not pass. */
const granularity = (playbook: Playbook.Playbook, checkActionStep: Granularity.Checker) => {
  const coarse: Array<CoarseSubStep> = []
  let subSteps = 0
  let techniques = 0
  for (const strand of playbook.strands) {
    for (const technique of strand.techniques) {
      techniques++
      for (const subStep of technique.subSteps ?? []) {
        subSteps++
        const report = checkActionStep(subStep)
        if (!report.granular) coarse.push({ techniqueId: technique.id, subStep, findings: report.findings.map((f) => f.code) })
      }
    }
  }
  return { techniques, subSteps, coarse }
}

/** Reads a playbook from CSV or JSON text (`kind`), with the id and name a CSV file needs. */
export const readPlaybook = (
  text: string,
  kind: "csv" | "json",
  options: { readonly id: string; readonly name: string },
  checkActionStep: Granularity.Checker
): PlaybookReading => {
  if (kind === "csv") {
    const result = Playbook.fromCsv(text, options)
    if (Result.isFailure(result)) return { valid: false, problems: result.failure.problems }
    return { valid: true, playbook: result.success, ...granularity(result.success, checkActionStep) }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return { valid: false, problems: [{ code: "JSON_SYNTAX", path: "$", message: `The file is not JSON: ${error instanceof Error ? error.message : String(error)}` }] }
  }
  const decoded = decodePlaybook(raw, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) {
    const issues = formatter(decoded.failure.issue).issues
    return {
      valid: false,
      problems: issues.map((issue) => {
        const path = jsonPath((issue.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? (p as { key: unknown }).key : p)))
        return { code: "PLAYBOOK_INVALID", path, message: `${path}: ${issue.message}` }
      })
    }
  }
  return { valid: true, playbook: decoded.success, ...granularity(decoded.success, checkActionStep) }
}

/** The human summary of a reading. */
export const playbookText = (file: string, reading: PlaybookReading): string => {
  if (!reading.valid) {
    const lines = reading.problems.map((p) =>
      `${file}${p.row !== undefined ? `:${p.row}` : ""}: ${p.code}${p.column !== undefined ? ` (column ${p.column})` : ""}${p.path !== undefined && !p.message.startsWith(p.path) ? ` at ${p.path}` : ""}: ${p.message}`
    )
    return `${lines.join("\n")}\n${file}: not a valid playbook (${reading.problems.length} problem${reading.problems.length === 1 ? "" : "s"}).\n`
  }
  const { coarse, playbook, subSteps, techniques } = reading
  const lines = [
    `${file}: valid playbook ${playbook.id} (${JSON.stringify(playbook.name)}): ${playbook.strands.length} strand${playbook.strands.length === 1 ? "" : "s"}, ${techniques} technique${techniques === 1 ? "" : "s"}, ${subSteps} sub-step${subSteps === 1 ? "" : "s"}, ${subSteps - coarse.length} of ${subSteps} granular.`,
    ...playbook.strands.map((s) => `  ${s.area}: ${s.title} (${s.techniques.length})`),
    ...coarse.map((c) => `  ! ${c.techniqueId}: "${c.subStep}" is not one granular action (${c.findings.join(", ")}): a coach handing it over as a step would be told to split or sharpen it.`)
  ]
  return `${lines.join("\n")}\n`
}

/** The machine form of a reading: one JSON object. */
export const playbookJson = (file: string, reading: PlaybookReading): string =>
  `${JSON.stringify(
    reading.valid
      ? { file, valid: true, playbook: reading.playbook, techniques: reading.techniques, subSteps: reading.subSteps, granularSubSteps: reading.subSteps - reading.coarse.length, notGranular: reading.coarse }
      : { file, valid: false, problems: reading.problems },
    null,
    2
  )}\n`
