/**
 * The export format (`format: "coaching-export"`, `version: 1`): playbooks, people, cohorts,
 * relationships and every journey's event log, as one JSON document or as an NDJSON stream
 * (one record a line, for big exports). `validate` checks shape (Schema) **and** rules (every
 * journey replayed through the decider) and reports every violation as `{ path, code, message }`.
 * `encode` is canonical: export → import → export is byte-identical.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as Cycle from "./Cycle.js"
import type { Checker } from "./Granularity.js"
import type { PersonId } from "./Ids.js"
import { issuesOf, type IssueKind, jsonPath } from "./internal/issues.js"
import * as JsonSchemaWalk from "./internal/jsonSchema.js"
import { type Cohort, directory, type Directory, type Person, type Relationship } from "./People.js"
import type { Playbook } from "./Playbook.js"
import { defaultPolicy, Policy } from "./Policy.js"
import * as Records from "./Records.js"

/** The format name. @since 0.1.0 */
export const FORMAT = "coaching-export"
/** The format version this library writes and reads. @since 0.1.0 */
export const VERSION = 1

/** One teacher's journey: their event log, oldest first (`Records.JourneyRecord`). @since 0.1.0 */
export const JourneyRecord = Records.JourneyRecord
/** @since 0.1.0 */
export type JourneyRecord = Records.JourneyRecord

/** The export document: the header, then one array per record kind (`Records.table`). @since 0.1.0 */
export const ExportDocument = Schema.Struct({
  format: Schema.Literal(FORMAT),
  version: Schema.Literal(VERSION),
  policy: Schema.optionalKey(Policy),
  ...Records.documentFields
})
/** @since 0.1.0 */
export type ExportDocument = typeof ExportDocument.Type

/** One line of the NDJSON variant: a header first, then one record a line in export order. @since 0.1.0 */
export const NdjsonLine = Schema.TaggedUnion({
  header: { format: Schema.Literal(FORMAT), version: Schema.Literal(VERSION), policy: Schema.optionalKey(Policy) },
  ...Records.lineCases
})
/** @since 0.1.0 */
export type NdjsonLine = typeof NdjsonLine.Type

/** A violation: where (JSON path), a stable code, and a sentence. @since 0.1.0 */
export interface Violation {
  readonly path: string
  readonly code: string
  readonly message: string
  /** For NDJSON input: the 1-based line number. */
  readonly line?: number
}

/** Recorded granularity reports of one checker that validation kept as recorded, not recomputed. @since 0.3.0 */
export interface KeptReports {
  /** The `checker` the reports name. */
  readonly checker: string
  /** How many reports name it. */
  readonly reports: number
}

/** The verdict on an export. @since 0.1.0 */
export interface Report {
  readonly valid: boolean
  readonly violations: ReadonlyArray<Violation>
  /**
   * With `recheck` (since 0.3.0): the recorded granularity reports kept as recorded because the
   * checker they name is none of `recheck`'s, by checker, in the order first met (empty when
   * every report was recomputed). Counted over the records checked, so a validation that stopped
   * at `maxViolations` may have seen fewer.
   */
  readonly keptAsRecorded?: ReadonlyArray<KeptReports>
}

/** The shape-violation codes, by kind of Schema issue. @since 0.1.0 */
export const shapeCodes: Readonly<Record<IssueKind, string>> = {
  missing: "SHAPE_MISSING_FIELD",
  "unknown-field": "SHAPE_UNKNOWN_FIELD",
  type: "SHAPE_INVALID_TYPE",
  value: "SHAPE_INVALID_VALUE",
  variant: "SHAPE_NO_MATCHING_VARIANT"
}

/** Every code `validate` may report besides the decider's own (`Errors.cycleErrorCodes`). @since 0.1.0 */
export const exportErrorCodes = [
  "NOT_AN_EXPORT",
  "UNSUPPORTED_VERSION",
  ...Object.values(shapeCodes),
  "DUPLICATE_ID",
  "DUPLICATE_JOURNEY",
  "EMPTY_JOURNEY",
  "UNKNOWN_PERSON",
  "UNKNOWN_COHORT",
  "ROLE_MISMATCH",
  "RELATIONSHIP_MISSING",
  "EVENT_NOT_AS_DECIDED",
  "GRANULARITY_MISMATCH",
  "GROUP_DIVERGED",
  "NDJSON_INVALID_JSON",
  "NDJSON_ORDER"
] as const

const strict = { errors: "all", onExcessProperty: "error" } as const
const decodeDocument = Schema.decodeUnknownResult(ExportDocument)
const decodeLine = Schema.decodeUnknownResult(NdjsonLine)
const decodePolicy = Schema.decodeUnknownResult(Policy)

const shapeViolations = (issue: Parameters<typeof issuesOf>[0], root: string, line: number | undefined, input: unknown): Array<Violation> =>
  issuesOf(issue, root, input).map((i) => ({ path: i.path, code: shapeCodes[i.kind], message: i.message, ...(line !== undefined ? { line } : {}) }))

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** A short description of a header value; never serializes a nested value (it may be nested 100 000 deep). */
const show = (value: unknown): string =>
  value === undefined
    ? "nothing"
    : typeof value === "number" && !Number.isFinite(value)
    ? "a number too large to represent"
    : typeof value === "object" && value !== null
    ? Array.isArray(value) ? "an array" : "an object"
    : JSON.stringify(value).slice(0, 200)

/** Checks the `format` / `version` header fields; a wrong header stops validation. */
const headerViolations = (input: unknown, root: string, line?: number): Array<Violation> => {
  const at = (path: string, code: string, message: string): Violation => ({ path, code, message, ...(line !== undefined ? { line } : {}) })
  if (!isRecord(input)) return [at(root, "NOT_AN_EXPORT", "Expected a JSON object with format \"coaching-export\".")]
  if (input["format"] !== FORMAT) {
    return [at(`${root}.format`, "NOT_AN_EXPORT", `Expected format "${FORMAT}", got ${show(input["format"])}.`)]
  }
  if (input["version"] !== VERSION) {
    return [at(`${root}.version`, "UNSUPPORTED_VERSION", `This library reads version ${VERSION} of the format; the file says ${show(input["version"])}.`)]
  }
  return []
}

/**
 * Checks the rules that span records: unique ids, references to known people and cohorts, and
 * every journey replayed through the decider (`Cycle.check`, the same rules as a live command)
 * with the document's people and relationships as its `People.Directory`. Records are fed in
 * export order (people, cohorts, relationships, playbooks, journeys), so a stream can be
 * checked in constant memory per journey.
 *
 * @since 0.1.0
 */
export class RuleChecker {
  private readonly people = new Map<string, Person>()
  private readonly cohorts = new Set<string>()
  private readonly relationships = new Map<string, Relationship>()
  private readonly playbooks = new Map<string, Playbook>()
  private readonly teachers = new Set<string>()
  /** Each group cycle's focus as its first member recorded it, by group id and cycle id (a group may run several cycles in turn). */
  private readonly groups = new Map<string, { readonly from: string; readonly focus: Record<string, string> }>()
  private lookup: Directory | undefined
  readonly violations: Array<Violation> = []
  /** Recorded granularity reports kept as recorded (their checker is none of `recheck`'s): how many, by the checker they name. */
  readonly kept = new Map<string, number>()
  private readonly keep = (checker: string): void => {
    this.kept.set(checker, (this.kept.get(checker) ?? 0) + 1)
  }

  constructor(
    readonly policy: Policy = defaultPolicy,
    private readonly maxViolations = Number.POSITIVE_INFINITY,
    /** Checkers that recompute recorded granularity reports of their own version (`Cycle.CheckContext.recheck`). */
    private readonly recheck: ReadonlyArray<Checker> | undefined = undefined
  ) {}

  /** `Report.keptAsRecorded`: present only when reports are rechecked. */
  get keptAsRecorded(): { readonly keptAsRecorded?: ReadonlyArray<KeptReports> } {
    return this.recheck === undefined ? {} : { keptAsRecorded: [...this.kept].map(([checker, reports]) => ({ checker, reports })) }
  }

  /** Whether the violation budget is used up. */
  get full(): boolean {
    return this.violations.length >= this.maxViolations
  }

  private report(path: string, code: string, message: string, line?: number): void {
    if (this.full) return
    this.violations.push({ path, code, message, ...(line !== undefined ? { line } : {}) })
  }

  /** The document's people and relationships, as the decider's lookup (rebuilt if records came late). */
  private get directory(): Directory {
    return this.lookup ??= directory({ people: this.people.values(), relationships: this.relationships.values() })
  }

  /** Any record of the table, by kind. */
  record<K extends Records.Kind>(kind: K, value: Records.RecordOf<K>, path: string, line?: number): void {
    switch (kind) {
      case "person":
        return this.person(value as Person, path, line)
      case "cohort":
        return this.cohort(value as Cohort, path, line)
      case "relationship":
        return this.relationship(value as Relationship, path, line)
      case "playbook":
        return this.playbook(value as Playbook, path, line)
      case "journey":
        return this.journey(value as JourneyRecord, path, line)
    }
  }

  /**
   * A record whose shape is invalid (already reported) but whose id could be read: it counts as
   * present, so references to it are not reported again as unknown.
   */
  malformed(kind: Records.Kind, value: unknown): void {
    const raw = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {}
    const id = raw["id"]
    if (typeof id !== "string") return
    this.lookup = undefined
    if (kind === "person") this.people.set(id, { id: id as PersonId, name: id, roles: ["teacher", "coach", "lead", "admin"] })
    if (kind === "cohort") this.cohorts.add(id)
    if (kind === "playbook") this.playbooks.set(id, { id, name: id, strands: [] } as unknown as Playbook)
    if (kind === "relationship" && typeof raw["coachId"] === "string" && typeof raw["teacherId"] === "string") {
      this.relationships.set(id, {
        id,
        coachId: raw["coachId"],
        teacherId: raw["teacherId"],
        style: "balanced",
        status: "active",
        since: "0000-01-01"
      } as unknown as Relationship)
    }
  }

  /** A person record. */
  person(person: Person, path: string, line?: number): void {
    if (this.people.has(person.id)) this.report(`${path}.id`, "DUPLICATE_ID", `Person ${person.id} appears twice.`, line)
    this.people.set(person.id, person)
    this.lookup = undefined
  }

  /** A cohort record. */
  cohort(cohort: Cohort, path: string, line?: number): void {
    if (this.cohorts.has(cohort.id)) this.report(`${path}.id`, "DUPLICATE_ID", `Cohort ${cohort.id} appears twice.`, line)
    this.cohorts.add(cohort.id)
  }

  /** A relationship record (its people must already be known). */
  relationship(rel: Relationship, path: string, line?: number): void {
    if (this.relationships.has(rel.id)) this.report(`${path}.id`, "DUPLICATE_ID", `Relationship ${rel.id} appears twice.`, line)
    this.relationships.set(rel.id, rel)
    this.lookup = undefined
    this.expectPerson(rel.coachId, "coach", `${path}.coachId`, line)
    this.expectPerson(rel.teacherId, "teacher", `${path}.teacherId`, line)
    if (rel.cohortId !== undefined && !this.cohorts.has(rel.cohortId)) {
      this.report(`${path}.cohortId`, "UNKNOWN_COHORT", `Cohort ${rel.cohortId} is not in the export.`, line)
    }
  }

  /** A playbook record. */
  playbook(playbook: Playbook, path: string, line?: number): void {
    if (this.playbooks.has(playbook.id)) this.report(`${path}.id`, "DUPLICATE_ID", `Playbook ${playbook.id} appears twice.`, line)
    this.playbooks.set(playbook.id, playbook)
  }

  /** A journey: every event re-decided against the journey before it, by the same rules as a live command. */
  journey(record: JourneyRecord, path: string, line?: number): void {
    if (this.teachers.has(record.teacherId)) {
      this.report(`${path}.teacherId`, "DUPLICATE_JOURNEY", `Teacher ${record.teacherId} has two journeys; one stream per teacher.`, line)
    }
    this.teachers.add(record.teacherId)
    // With events, the decider checks the teacher (the journey is addressed to them).
    if (record.events.length === 0) {
      this.expectPerson(record.teacherId, "teacher", `${path}.teacherId`, line)
      // A store keeps a journey as its events: an empty one could not be imported, only dropped.
      this.report(
        `${path}.events`,
        "EMPTY_JOURNEY",
        `Teacher ${record.teacherId}'s journey has no events; a journey is its event log, so leave it out until something is recorded.`,
        line
      )
    }
    const context = {
      policy: this.policy,
      people: this.directory,
      playbooks: [...this.playbooks.values()],
      ...(this.recheck !== undefined ? { recheck: this.recheck, keptAsRecorded: this.keep } : {})
    }
    let journey = Cycle.emptyJourney(record.teacherId)
    // One fold for the whole journey, kept open: arrays grow in place (O(1) an event, not a copy of the journey).
    // A plain Set: the fold ends with this journey, so its arrays need no weak references.
    const fold = Cycle.folder(journey, new Set<object>())
    const check = Cycle.checker(context)
    const events = record.events
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!
      const error = check(journey, event)
      if (error) {
        const at = `${path}.events[${index}]`
        this.report(error._tag === "RecordMismatch" ? `${at}${error.path}` : at, error.code, error.message, line)
      }
      journey = fold(event)
    }
    for (const cycle of journey.cycles) if (cycle.group !== undefined) this.groupCycle(cycle, path, line)
  }

  /**
   * Members of a group cycle share its leverage point, the step of its meeting and the meeting's day.
   * A group cycle is one cycle id within one group: the same group may go on to a new cycle with a new focus.
   */
  private groupCycle(cycle: Cycle.CycleState, path: string, line?: number): void {
    const meeting = cycle.meetings[0]
    const step = meeting === undefined ? undefined : cycle.actionSteps.filter((s) => s.at <= meeting.at).at(-1)
    const focus: Record<string, string> = {
      members: [...cycle.group!.teacherIds].sort().join(", "),
      ...(cycle.leveragePoint !== undefined ? { "leverage point": cycle.leveragePoint.leveragePoint.text } : {}),
      ...(step !== undefined ? { "action step": step.actionStep.text } : {}),
      ...(meeting !== undefined ? { "meeting day": meeting.at.slice(0, 10) } : {})
    }
    // JSON of the pair: no separator an id could contain can make two pairs one key
    const key = JSON.stringify([cycle.group!.id, cycle.id])
    const first = this.groups.get(key)
    if (first === undefined) {
      this.groups.set(key, { from: cycle.teacherId, focus })
      return
    }
    const differs = Object.keys(focus).filter((key) => key in first.focus && first.focus[key] !== focus[key])
    if (differs.length > 0) {
      this.report(
        `${path}.teacherId`,
        "GROUP_DIVERGED",
        `Group ${cycle.group!.id}'s cycle ${cycle.id} differs from ${first.from}'s in its ${differs.join(", ")}: a group cycle has one shared focus.`,
        line
      )
    }
  }

  private expectPerson(id: PersonId, role: "teacher" | "coach", path: string, line?: number): void {
    const person = this.people.get(id)
    if (!person) this.report(path, "UNKNOWN_PERSON", `Person ${id} is not in the export's people.`, line)
    else if (!person.roles.includes(role)) this.report(path, "ROLE_MISMATCH", `Person ${id} is not a ${role}.`, line)
  }
}

/** Options of `validate`. @since 0.1.0 */
export interface ValidateOptions {
  /** Stop collecting after this many violations (default: all). */
  readonly maxViolations?: number
  /**
   * Granularity checkers to recompute recorded reports with (since 0.3.0): a report whose
   * `checker` is one's `version` is recomputed in full; a report that names no checker has its
   * verdict recomputed (granular, without an override, while none of them says granular); a
   * difference is `GRANULARITY_MISMATCH`. Reports of any other checker are kept as recorded and
   * counted in `Report.keptAsRecorded`. The CLI passes `@coaching/granularity`'s.
   */
  readonly recheck?: ReadonlyArray<Checker>
  /**
   * Fast acceptance checks for already-parsed values (a compiled guard, as `@coaching/cli`
   * uses). When one answers `true`, the Schema decode is skipped and the value is used as
   * decoded; it must be sound: `true` only for values the Schema accepts. `false` only means
   * "decode it", so a missing or cautious check changes nothing but speed.
   */
  readonly accepts?: {
    /** For a whole export document. */
    readonly document?: (value: unknown) => boolean
    /** For one NDJSON line's value. */
    readonly line?: (value: unknown) => boolean
  }
}

/**
 * Validates an export document (already parsed from JSON): shape and rules, every violation.
 *
 * @since 0.1.0
 */
export const validate = (input: unknown, options: ValidateOptions = {}): Report => {
  const max = options.maxViolations ?? Number.POSITIVE_INFINITY
  const header = headerViolations(input, "$")
  if (header.length > 0) return { valid: false, violations: header, ...(options.recheck !== undefined ? { keptAsRecorded: [] } : {}) }
  const decoded = options.accepts?.document?.(input) === true ? Result.succeed(input as ExportDocument) : decodeDocument(input, strict)
  const violations: Array<Violation> = []
  let rules: RuleChecker
  if (Result.isSuccess(decoded)) {
    rules = new RuleChecker(decoded.success.policy ?? defaultPolicy, max, options.recheck)
    feed(rules, decoded.success)
    violations.push(...rules.violations)
  } else {
    violations.push(...shapeViolations(decoded.failure.issue, "$", undefined, input))
    // Shape errors elsewhere must not hide rule errors in the journeys that are well-formed.
    const raw = input as Record<string, unknown>
    const policy = decodePolicy(raw["policy"] ?? defaultPolicy)
    rules = new RuleChecker(Result.isSuccess(policy) ? policy.success : defaultPolicy, max, options.recheck)
    for (const kind of Records.kinds) {
      const { key } = Records.table[kind]
      const items = raw[key]
      if (!Array.isArray(items)) continue
      items.forEach((item, i) => {
        const decoded = recordDecoders[kind](item, strict)
        if (Result.isSuccess(decoded)) rules.record(kind, decoded.success, `$.${key}[${i}]`)
        else rules.malformed(kind, item)
      })
    }
    violations.push(...rules.violations)
  }
  const capped = violations.slice(0, max)
  return { valid: capped.length === 0, violations: capped, ...rules.keptAsRecorded }
}

const feed = (rules: RuleChecker, doc: ExportDocument): void => {
  for (const kind of Records.kinds) {
    const { key } = Records.table[kind]
    ;(doc[key] as ReadonlyArray<Records.RecordOf<typeof kind>>).forEach((value, i) => rules.record(kind, value, `$.${key}[${i}]`))
  }
}

const recordDecoders = Object.fromEntries(
  Records.kinds.map((kind) => [kind, Schema.decodeUnknownResult(Records.table[kind].schema as Schema.Codec<unknown>)])
) as Record<Records.Kind, (u: unknown, options: typeof strict) => Result.Result<any, Schema.SchemaError>>

/** The order records must come in, in the NDJSON variant. */
const lineOrder: Record<NdjsonLine["_tag"], number> = { header: 0, ...Object.fromEntries(Records.kinds.map((k, i) => [k, i + 1])) } as Record<NdjsonLine["_tag"], number>

/**
 * Validates the NDJSON variant one line at a time, in memory bounded by the largest journey.
 * Feed every line with `line(text, number)`, then call `finish()`.
 *
 * @since 0.1.0
 */
export class NdjsonValidator {
  private rules: RuleChecker | undefined
  private lastKind = -1
  private headerProblem = false
  private readonly early: Array<Violation> = []
  private lines = 0

  constructor(private readonly options: ValidateOptions = {}) {}

  private get max(): number {
    return this.options.maxViolations ?? Number.POSITIVE_INFINITY
  }

  private get count(): number {
    return this.early.length + (this.rules?.violations.length ?? 0)
  }

  /** Whether the violation budget is used up (callers may stop reading). */
  get full(): boolean {
    return this.count >= this.max
  }

  private push(v: Violation): void {
    if (!this.full) this.early.push(v)
  }

  /** Checks one line (1-based number). Blank lines are allowed and ignored. */
  line(text: string, lineNumber: number): void {
    if (text.trim().length === 0 || this.headerProblem) return
    this.lines++
    const root = "$"
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      this.push({ path: root, code: "NDJSON_INVALID_JSON", message: `Line ${lineNumber} is not JSON: ${(e as Error).message}`, line: lineNumber })
      return
    }
    if (this.rules === undefined) {
      const header = isRecord(value) && value["_tag"] === "header" ? headerViolations(value, root, lineNumber) : [
        { path: root, code: "NOT_AN_EXPORT", message: "The first line must be the header {\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}.", line: lineNumber }
      ]
      if (header.length > 0) {
        header.forEach((v) => this.push(v))
        this.headerProblem = true
        return
      }
    }
    const decoded = this.options.accepts?.line?.(value) === true ? Result.succeed(value as NdjsonLine) : decodeLine(value, strict)
    if (Result.isFailure(decoded)) {
      shapeViolations(decoded.failure.issue, root, lineNumber, value).forEach((v) => this.push(v))
      if (this.rules === undefined) this.rules = new RuleChecker(defaultPolicy, Math.max(0, this.max - this.count), this.options.recheck)
      const tag = isRecord(value) ? value["_tag"] : undefined
      if (Records.isKind(tag)) this.rules.malformed(tag, (value as Record<string, unknown>)[tag])
      return
    }
    const record = decoded.success
    const kind = lineOrder[record._tag]
    if (record._tag === "header") {
      if (this.rules !== undefined) {
        this.push({ path: root, code: "NDJSON_ORDER", message: "A second header line.", line: lineNumber })
        return
      }
      this.rules = new RuleChecker(record.policy ?? defaultPolicy, Math.max(0, this.max - this.count), this.options.recheck)
      this.lastKind = 0
      return
    }
    const rules = this.rules!
    if (kind < this.lastKind) {
      this.push({
        path: root,
        code: "NDJSON_ORDER",
        message: `A ${record._tag} line after ${Object.keys(lineOrder)[this.lastKind]} lines; the order is header, people, cohorts, relationships, playbooks, journeys.`,
        line: lineNumber
      })
    }
    this.lastKind = Math.max(this.lastKind, kind)
    const tag = record._tag
    rules.record(tag, (record as Record<string, any>)[tag], `${root}.${tag}`, lineNumber)
  }

  /** The verdict on every line fed so far. */
  finish(): Report {
    if (this.lines === 0) {
      this.push({ path: "$", code: "NOT_AN_EXPORT", message: "The input is empty: an export starts with a header line." })
    }
    const violations = [...this.early, ...(this.rules?.violations ?? [])]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .slice(0, this.max)
    const kept = this.rules?.keptAsRecorded ?? (this.options.recheck !== undefined ? { keptAsRecorded: [] } : {})
    return { valid: violations.length === 0, violations, ...kept }
  }
}

/** Validates a whole NDJSON text (for small inputs; stream big ones through `NdjsonValidator`). @since 0.1.0 */
export const validateNdjson = (text: string, options: ValidateOptions = {}): Report => {
  const validator = new NdjsonValidator(options)
  text.split(/\r?\n/).forEach((line, i) => validator.line(line, i + 1))
  return validator.finish()
}

// ---------------------------------------------------------------------------------------------
// Canonical encoding
// ---------------------------------------------------------------------------------------------

const byId = <A extends { readonly id: string }>(items: ReadonlyArray<A>): Array<A> => [...items].sort((a, b) => compare(a.id, b.id))
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The parts of an export; `make` sorts them into canonical order. @since 0.1.0 */
export interface ExportInput {
  readonly policy?: Policy
  readonly people?: ReadonlyArray<Person>
  readonly cohorts?: ReadonlyArray<Cohort>
  readonly relationships?: ReadonlyArray<Relationship>
  readonly playbooks?: ReadonlyArray<Playbook>
  readonly journeys?: ReadonlyArray<JourneyRecord>
}

/** Builds an export document in canonical order (records by id, journeys by teacher). @since 0.1.0 */
export const make = (input: ExportInput): ExportDocument => ({
  format: FORMAT,
  version: VERSION,
  ...(input.policy !== undefined ? { policy: input.policy } : {}),
  people: byId(input.people ?? []),
  cohorts: byId(input.cohorts ?? []),
  relationships: byId(input.relationships ?? []),
  playbooks: byId(input.playbooks ?? []),
  journeys: [...(input.journeys ?? [])].sort((a, b) => compare(a.teacherId, b.teacherId))
})

const encodeDocument = Schema.encodeSync(ExportDocument)
const encodeLine = Schema.encodeSync(NdjsonLine)

/** The canonical JSON value of an export (sorted, keys in the format's order), e.g. for a JSON response body. @since 0.2.0 */
export const toJson = (doc: ExportDocument): unknown => encodeDocument(make(doc))

/** The canonical JSON text of an export (2-space indent, trailing newline). @since 0.1.0 */
export const encode = (doc: ExportDocument): string => `${JSON.stringify(toJson(doc), null, 2)}\n`

/** The canonical NDJSON lines of an export (each without its newline). @since 0.1.0 */
export function* encodeNdjson(doc: ExportDocument): Generator<string> {
  const canonical = make(doc)
  const line = (value: NdjsonLine) => JSON.stringify(encodeLine(value))
  yield line({ _tag: "header", format: FORMAT, version: VERSION, ...(canonical.policy !== undefined ? { policy: canonical.policy } : {}) })
  for (const person of canonical.people) yield line({ _tag: "person", person })
  for (const cohort of canonical.cohorts) yield line({ _tag: "cohort", cohort })
  for (const relationship of canonical.relationships) yield line({ _tag: "relationship", relationship })
  for (const playbook of canonical.playbooks) yield line({ _tag: "playbook", playbook })
  for (const journey of canonical.journeys) yield line({ _tag: "journey", journey })
}

/** Why an import was refused: every violation found. @since 0.1.0 */
export class InvalidExport extends Schema.TaggedError<InvalidExport>()("InvalidExport", {
  message: Schema.String,
  violations: Schema.Array(Schema.Struct({ path: Schema.String, code: Schema.String, message: Schema.String, line: Schema.optionalKey(Schema.Number) }))
}) {}

/** Parses and validates an export (JSON text or parsed value); refuses it whole on any violation. @since 0.1.0 */
export const decode = (input: unknown, options: ValidateOptions = {}): Result.Result<ExportDocument, InvalidExport> => {
  let value = input
  if (typeof input === "string") {
    try {
      value = JSON.parse(input)
    } catch (e) {
      const violation = { path: "$", code: "NOT_AN_EXPORT", message: `Not JSON: ${(e as Error).message}` }
      return Result.fail(new InvalidExport({ message: violation.message, violations: [violation] }))
    }
  }
  const report = validate(value, options)
  if (!report.valid) {
    return Result.fail(
      new InvalidExport({
        message: `The export has ${report.violations.length} violation${report.violations.length === 1 ? "" : "s"}; the first: ${report.violations[0]!.path}: ${report.violations[0]!.message}`,
        violations: report.violations
      })
    )
  }
  return Result.succeed(Schema.decodeUnknownSync(ExportDocument)(value))
}

/** The `$id` of `jsonSchema()`; one NDJSON line's schema is `${jsonSchemaId}#/$defs/ndjsonLine`. @since 0.1.0 */
export const jsonSchemaId = "urn:coaching:export:1"

/** The document `jsonSchema()` returns: a plain JSON object, ready for `JSON.stringify` or a validator such as ajv. @since 0.1.0 */
export interface JsonSchemaDocument {
  readonly $schema: "https://json-schema.org/draft/2020-12/schema"
  readonly $id: typeof jsonSchemaId
  readonly $defs: { readonly ndjsonLine: { readonly [key: string]: unknown } }
  readonly [key: string]: unknown
}

/**
 * The JSON Schema (draft 2020-12) of the export document, for non-TypeScript pipelines; the
 * schema of one NDJSON line is `$defs/ndjsonLine`. Derived from `ExportDocument` and `NdjsonLine`
 * so it cannot drift: it keeps the id, date and timestamp patterns and, like `validate`, rejects
 * unknown fields (`additionalProperties: false`). It checks shape only: what JSON Schema cannot
 * say (a real calendar date, policy ordering) is named in `$comment`, and the cycle's rules need
 * `validate`. A fresh object on every call.
 *
 * @since 0.1.0
 */
export const jsonSchema = (): JsonSchemaDocument => ({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: jsonSchemaId,
  title: `Coaching export (format "${FORMAT}", version ${VERSION})`,
  description:
    "The shape of a coaching export document. Shape only: the rules of the coaching cycle (replayed through the decider) and the checks named in $comment are verified by the validator (Export.validate in @coaching/core, or `coaching validate`). One line of the NDJSON variant: #/$defs/ndjsonLine.",
  ...JsonSchemaWalk.of(ExportDocument),
  $defs: { ndjsonLine: JsonSchemaWalk.of(NdjsonLine) }
})

/** A JSON path for a list of keys under `root` (`$.journeys[0].events[3]`, `input.cycle.visits[0]`). @since 0.1.0 */
export const pathOf = (segments: ReadonlyArray<PropertyKey>, root = "$"): string => jsonPath(segments, root)
