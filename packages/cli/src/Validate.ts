/**
 * Validating an export file: the JSON document or its NDJSON stream variant, detected from the
 * first bytes or chosen. Bytes are pushed in as they are read (`InputValidator`), so NDJSON is
 * checked one line at a time in memory bounded by the longest line, whatever the file's size,
 * and a valid JSON document record by record.
 *
 * Around core's `Export.validate` / `Export.NdjsonValidator` (which decide every verdict) this
 * adds what a file on disk can get wrong before it is JSON at all: a byte-order mark (accepted
 * and stripped), bytes that are not UTF-8 (gzip, UTF-16 and UTF-32 named as such), an empty
 * file, malformed JSON (with line and column), a line too long to be a record; what
 * `JSON.parse` hides from core (a key given twice, a number it rounds); and the line and column
 * of a JSON document's violations.
 *
 * @since 0.1.0
 */
import { Export, Records } from "@coaching/core"
import { Buffer, constants } from "node:buffer"
import { DocumentStream } from "./internal/documentStream.js"
import { keysAccepted } from "./internal/guard.js"
import { recheck } from "./internal/checkers.js"
import { accepts } from "./internal/guards.js"
import { countKeys, scan, scanCodes } from "./internal/jsonScan.js"
import { locateSyntaxError, positionOf } from "./internal/jsonSyntax.js"
import { bytePosition, decode, firstInvalidByte, foreignEncoding } from "./internal/utf8.js"

/** Which variant of the export a file holds. @since 0.1.0 */
export type InputKind = "json" | "ndjson"

/** A violation as the CLI reports it: core's, plus a column where one is known. @since 0.1.0 */
export interface Finding extends Export.Violation {
  /** 1-based column (in characters) on `line`. */
  readonly column?: number
}

/** The verdict on one input. @since 0.1.0 */
export interface Outcome {
  readonly kind: InputKind
  readonly valid: boolean
  readonly violations: ReadonlyArray<Finding>
  /** Whether reporting stopped at `maxErrors` (more violations may exist). */
  readonly truncated: boolean
  /** Bytes read. */
  readonly bytes: number
  /** Records seen: NDJSON lines that are not blank, or the document's records. */
  readonly records: number
  /**
   * Recorded granularity reports kept as recorded, not recomputed, because another checker than
   * the CLI's made them (by the checker they name); absent or empty when there were none.
   */
  readonly keptAsRecorded?: ReadonlyArray<Export.KeptReports>
}

/** Options of a validation. @since 0.1.0 */
export interface ValidateOptions {
  /** `auto` (default) detects the variant from the first bytes. */
  readonly input?: "auto" | InputKind
  /** Stop after this many violations (default: report all). */
  readonly maxErrors?: number
  /**
   * Keep a JSON document's bytes while its streaming check runs, to decode it whole if that
   * check gives up (default true). A caller that can read the input again (a file) passes
   * false: memory stays small, and `rereadNeeded` says when a second pass must decide.
   */
  readonly retainDocument?: boolean
  /** Try the streaming check of a JSON document first (default true). */
  readonly streamDocument?: boolean
}

/** The codes the CLI adds to core's (`Export.exportErrorCodes`, `Errors.cycleErrorCodes`). @since 0.1.0 */
export const inputErrorCodes = ["JSON_SYNTAX", "INPUT_INVALID_UTF8", "NDJSON_LINE_TOO_LONG", ...scanCodes] as const

/** The longest NDJSON line accepted (64 MiB): a record, not a whole export on one line. @since 0.1.0 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024

/** The largest JSON document that fits in one JavaScript string; bigger exports must be NDJSON. @since 0.1.0 */
export const MAX_DOCUMENT_BYTES: number = constants.MAX_STRING_LENGTH

/** A JSON document too large to parse in one piece. @since 0.1.0 */
export class DocumentTooLarge extends Error {
  readonly _tag = "DocumentTooLarge"
  constructor(readonly bytes: number) {
    super(
      `The JSON document (${bytes} bytes) is larger than ${Math.floor(MAX_DOCUMENT_BYTES / 2 ** 20)} MiB and not a plainly valid export: too big to parse in one piece to list its violations. Write big exports as NDJSON (one record a line), which is validated as a stream.`
    )
  }
}

const BOM = [0xef, 0xbb, 0xbf] as const
const SNIFF_BYTES = 64 * 1024
const hasBom = (bytes: Uint8Array): boolean => bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/**
 * Which variant the first bytes are: NDJSON when the first record is a JSON object with a
 * `_tag` (the header line `{"_tag":"header",…}`), else the JSON document.
 *
 * @since 0.1.0
 */
export const detect = (head: Uint8Array): InputKind => {
  const bytes = hasBom(head) ? head.subarray(3) : head
  const text = asBuffer(bytes).toString("utf8").replace(/^\s+/, "")
  // `{"_tag":` on one line; a pretty-printed document whose first key is `_tag` has a line break in it.
  const tagFirst = /^\{[ \t]*"_tag"[ \t]*:/
  const [first = "", second] = text.split("\n", 2)
  if (second === undefined) return tagFirst.test(first) ? "ndjson" : "json"
  if (isTaggedObject(first)) return "ndjson"
  // A broken header line followed by NDJSON records is still NDJSON (its first line is reported).
  return tagFirst.test(first) && isTaggedObject(second) ? "ndjson" : "json"
}

const isTaggedObject = (line: string): boolean => {
  try {
    const value: unknown = JSON.parse(line)
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, "_tag")
  } catch {
    return false
  }
}

/** The export document's record arrays (`people`, …, `journeys`), from the one table of kinds. */
const recordKeys: ReadonlyArray<string> = Records.kinds.map((kind) => Records.table[kind].key)

const countRecords = (value: unknown): number => {
  if (typeof value !== "object" || value === null) return 0
  const doc = value as Record<string, unknown>
  return recordKeys.reduce((n, key) => n + (Array.isArray(doc[key]) ? (doc[key] as Array<unknown>).length : 0), 0)
}

/** Validates one JSON document held in memory. @since 0.1.0 */
export const validateDocument = (bytes: Uint8Array, options: ValidateOptions = {}): Outcome => {
  const max = options.maxErrors ?? Number.POSITIVE_INFINITY
  const outcome = (violations: ReadonlyArray<Finding>, records = 0): Outcome => ({
    kind: "json",
    valid: violations.length === 0,
    violations,
    truncated: violations.length >= max,
    bytes: bytes.length,
    records
  })
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new DocumentTooLarge(bytes.length)
  const foreign = foreignEncoding(bytes)
  if (foreign !== undefined) return outcome([{ path: "$", code: "INPUT_INVALID_UTF8", message: foreign, line: 1, column: 1 }])
  const body = hasBom(bytes) ? bytes.subarray(3) : bytes
  let text = decode(body)
  if (text === undefined) {
    const at = firstInvalidByte(body)
    const { column, line } = bytePosition(body, at)
    return outcome([{ path: "$", code: "INPUT_INVALID_UTF8", message: `Byte ${at + 1} is not valid UTF-8; an export is UTF-8 text.`, line, column }])
  }
  if (text.trim().length === 0) {
    return outcome([{ path: "$", code: "NOT_AN_EXPORT", message: bytes.length === 0 ? "The file is empty (0 bytes)." : "The file holds only whitespace." }])
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const problem = locateSyntaxError(text) ?? { offset: 0, message: (error as Error).message }
    const { column, line } = positionOf(text, problem.offset)
    return outcome([{ path: "$", code: "JSON_SYNTAX", message: `Not valid JSON at line ${line}, column ${column}: ${problem.message}.`, line, column }])
  }
  text = ""
  const report = Export.validate(value, {
    ...(options.maxErrors !== undefined ? { maxViolations: options.maxErrors } : {}),
    accepts: { document: accepts().document },
    recheck: recheck()
  })
  return { ...outcome(located(body, report.violations, max), countRecords(value)), keptAsRecorded: report.keptAsRecorded ?? [] }
}

/**
 * A JSON document's violations with their line and column, after what `JSON.parse` hid from
 * core: keys given twice and numbers it rounded (a rounded number already reported at its path,
 * e.g. out of range, is not reported twice).
 */
const located = (body: Uint8Array, violations: ReadonlyArray<Export.Violation>, max: number): Array<Finding> => {
  const { positions, problems } = scan(body, violations.map((v) => v.path), max)
  const reported = new Set(violations.map((v) => v.path))
  const hidden = problems.filter((p) => p.code !== "JSON_INEXACT_NUMBER" || !reported.has(p.path))
  return [...hidden, ...violations.map((v) => ({ ...v, ...positions.get(v.path) }))].slice(0, max)
}

/**
 * Takes an input's bytes chunk by chunk. NDJSON is validated line by line as it arrives. A JSON
 * document is checked record by record as it arrives (`internal/documentStream.ts`); when that
 * check cannot say "valid", the whole document is decoded at `end()` for the exact report — or,
 * with `retainDocument: false`, `rereadNeeded` asks the caller for a second pass.
 *
 * @since 0.1.0
 */
export class InputValidator {
  private kind: InputKind | undefined
  private readonly head: Array<Uint8Array> = []
  private headBytes = 0
  private total = 0
  private readonly lines: Export.NdjsonValidator
  private readonly extra: Array<Finding> = []
  private pending: Array<Uint8Array> = []
  private pendingBytes = 0
  private tooLong = false
  private lineNumber = 0
  private recordCount = 0
  private readonly max: number
  /** The JSON document's streaming fast path (see `internal/documentStream.ts`). */
  private stream: DocumentStream | undefined
  /** Whether the JSON document outgrew what the whole-document fallback can hold. */
  private dropped = false
  private readonly retain: boolean
  private readonly streaming: boolean
  private gaveUp = false
  /** The first bytes, until there are enough to recognise gzip, UTF-16 or UTF-32. */
  private probe: Uint8Array | undefined = new Uint8Array(0)
  /** Why the input cannot be read as UTF-8 text at all (then nothing else is reported). */
  private foreign: string | undefined
  /** What the guard said of the last NDJSON line (undefined: core did not ask it). */
  private guarded: boolean | undefined

  constructor(private readonly options: ValidateOptions = {}) {
    this.kind = options.input === undefined || options.input === "auto" ? undefined : options.input
    this.retain = options.retainDocument !== false
    this.streaming = options.streamDocument !== false
    if (this.kind === "json" && this.streaming) this.stream = new DocumentStream()
    this.max = options.maxErrors ?? Number.POSITIVE_INFINITY
    const guard = accepts().line
    this.lines = new Export.NdjsonValidator({
      ...(options.maxErrors !== undefined ? { maxViolations: options.maxErrors } : {}),
      recheck: recheck(),
      accepts: {
        line: (value) => {
          keysAccepted.count = 0
          return (this.guarded = guard(value))
        }
      }
    })
  }

  /** Bytes pushed so far. */
  get bytes(): number {
    return this.total
  }

  /** Records seen so far (NDJSON: non-blank lines; JSON: known at the end). */
  get records(): number {
    return this.recordCount
  }

  /** The variant, once known. */
  get detected(): InputKind | undefined {
    return this.kind
  }

  /** Whether the violation budget is used up, so reading may stop. */
  get full(): boolean {
    if (this.foreign !== undefined) return true
    if (this.kind === "json") return this.rereadNeeded
    return this.kind === "ndjson" && (this.lines.full || this.extra.length >= this.max)
  }

  /** Whether the JSON document's streaming check gave up on bytes that were not kept: read the input again with `streamDocument: false`. */
  get rereadNeeded(): boolean {
    return this.gaveUp && !this.retain
  }

  /**
   * Takes the next chunk of bytes. With `retainDocument: false` nothing of the chunk is kept after
   * this returns (what spans chunks is copied), so the caller may reuse its buffer.
   */
  push(chunk: Uint8Array): void {
    this.total += chunk.length
    if (this.probe !== undefined) this.sniffEncoding(chunk)
    if (this.foreign !== undefined) return
    if (this.kind === undefined) {
      this.headBytes += chunk.length
      if (this.headBytes >= SNIFF_BYTES) {
        this.head.push(chunk)
        this.decide()
      } else {
        // Copy: the head is kept across chunks, and a reader may reuse its chunk buffers.
        this.head.push(Buffer.from(chunk))
      }
      return
    }
    if (this.kind === "json") {
      this.feedStream(chunk)
      if (!this.retain) return
      if (this.total > MAX_DOCUMENT_BYTES) {
        // Too big to parse whole: only the streaming check can still say "valid".
        if (this.stream === undefined) throw new DocumentTooLarge(this.total)
        this.dropped = true
        this.head.length = 0
      } else {
        this.head.push(chunk)
      }
    } else {
      this.split(chunk)
    }
  }

  /** The verdict, after the last chunk. */
  end(): Outcome {
    if (this.probe !== undefined) this.sniffEncoding(new Uint8Array(0), true)
    if (this.foreign !== undefined) {
      const violations = [{ path: "$", code: "INPUT_INVALID_UTF8", message: this.foreign, line: 1, column: 1 }]
      return { kind: this.kind ?? "json", valid: false, violations, truncated: violations.length >= this.max, bytes: this.total, records: 0 }
    }
    if (this.kind === undefined) this.decide()
    if (this.kind === "json") {
      if (this.stream?.valid === true) {
        return { kind: "json", valid: true, violations: [], truncated: false, bytes: this.total, records: this.stream.records, keptAsRecorded: this.stream.keptAsRecorded }
      }
      if (!this.retain) {
        // The stream ended without a verdict (e.g. cut short): the caller reads it again.
        this.gaveUp = true
        return { kind: "json", valid: false, violations: [], truncated: false, bytes: this.total, records: 0 }
      }
      if (this.dropped) throw new DocumentTooLarge(this.total)
      return validateDocument(Buffer.concat(this.head), this.options)
    }
    if (this.pendingBytes > 0 || this.tooLong) this.line(Buffer.concat(this.pending))
    const report = this.lines.finish()
    // A rounded number core already reports at its path (out of range, not an integer) is one violation, not two.
    const reported = new Set(report.violations.map((v) => `${v.line} ${v.path}`))
    const extra = this.extra.filter((f) => f.code !== "JSON_INEXACT_NUMBER" || !reported.has(`${f.line} ${f.path}`))
    const violations = [...extra, ...report.violations].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, this.max)
    return {
      kind: "ndjson",
      valid: violations.length === 0,
      violations,
      truncated: violations.length >= this.max,
      bytes: this.total,
      records: this.recordCount,
      keptAsRecorded: report.keptAsRecorded ?? []
    }
  }

  /** Recognises gzip, UTF-16 and UTF-32 input from its first four bytes (or fewer, at the end). */
  private sniffEncoding(chunk: Uint8Array, last = false): void {
    const probe = this.probe!
    const head = probe.length + chunk.length >= 4 || last ? Buffer.concat([probe, chunk.subarray(0, 4 - probe.length)]) : undefined
    if (head === undefined) {
      this.probe = Buffer.concat([probe, chunk])
      return
    }
    this.probe = undefined
    this.foreign = foreignEncoding(head)
  }

  private decide(): void {
    const head = Buffer.concat(this.head)
    this.kind = detect(head.subarray(0, SNIFF_BYTES))
    this.head.length = 0
    this.headBytes = 0
    if (this.kind === "json") {
      if (this.streaming) this.stream = new DocumentStream()
      this.feedStream(head)
      if (this.retain) this.head.push(head)
    } else {
      this.split(head)
    }
  }

  private feedStream(chunk: Uint8Array): void {
    if (this.stream === undefined) {
      if (!this.streaming && !this.retain) this.gaveUp = true
      return
    }
    this.stream.push(chunk)
    if (this.stream.failed) {
      this.stream = undefined
      this.gaveUp = true
    }
  }

  /** Cuts NDJSON bytes into lines (`\n`, an optional `\r` before it). */
  private split(chunk: Uint8Array): void {
    const buffer = asBuffer(chunk)
    let start = 0
    for (;;) {
      const newline = buffer.indexOf(10, start)
      if (newline === -1) {
        const rest = buffer.subarray(start)
        if (rest.length === 0) return
        if (this.pendingBytes + rest.length > MAX_LINE_BYTES) {
          this.tooLong = true
          this.pending = []
          this.pendingBytes = 0
        } else if (!this.tooLong) {
          // Copy: the reader may reuse its chunk buffers.
          this.pending.push(Buffer.from(rest))
          this.pendingBytes += rest.length
        }
        return
      }
      const piece = buffer.subarray(start, newline)
      if (this.pendingBytes === 0) {
        this.line(piece)
      } else {
        this.pending.push(piece)
        this.line(Buffer.concat(this.pending))
      }
      this.pending = []
      this.pendingBytes = 0
      start = newline + 1
    }
  }

  private line(raw: Uint8Array): void {
    const number = ++this.lineNumber
    if (this.tooLong) {
      this.tooLong = false
      this.report({ path: "$", code: "NDJSON_LINE_TOO_LONG", message: `Line ${number} is longer than ${MAX_LINE_BYTES / 2 ** 20} MiB; one line holds one record.`, line: number })
      this.recordCount++
      return
    }
    let bytes = number === 1 && hasBom(raw) ? raw.subarray(3) : raw
    if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1)
    const text = decode(bytes)
    if (text === undefined) {
      const at = firstInvalidByte(bytes)
      this.report({ path: "$", code: "INPUT_INVALID_UTF8", message: `Line ${number}: byte ${at + 1} is not valid UTF-8; an export is UTF-8 text.`, line: number, column: bytePosition(bytes, at).column })
      this.recordCount++
      return
    }
    if (text.trim().length > 0) this.recordCount++
    const keys = countKeys(bytes)
    this.guarded = undefined
    this.lines.line(text, number)
    // What JSON.parse hid: a key given twice (the guard saw fewer keys than the text has), a rounded number.
    if (keys < 0 || this.guarded === false || (this.guarded === true && keysAccepted.count !== keys)) this.hidden(bytes, text, number)
  }

  /** Reports the duplicate keys and rounded numbers of one NDJSON line (if it is JSON at all). */
  private hidden(bytes: Uint8Array, text: string, number: number): void {
    try {
      JSON.parse(text)
    } catch {
      return // core reported NDJSON_INVALID_JSON
    }
    for (const problem of scan(bytes, [], this.max).problems) this.report({ ...problem, line: number })
  }

  private report(finding: Finding): void {
    if (this.extra.length < this.max) this.extra.push(finding)
  }
}

/** Validates a whole input held in memory (tests, small files). @since 0.1.0 */
export const validateBytes = (bytes: Uint8Array, options: ValidateOptions = {}): Outcome => {
  const validator = new InputValidator(options)
  validator.push(bytes)
  return validator.end()
}
