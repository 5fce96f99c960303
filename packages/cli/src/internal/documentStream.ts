/**
 * The fast path for a valid JSON export document: its bytes are cut into records as they arrive
 * (`people[0]`, `people[1]`, …, `journeys[n]`), each record is parsed on its own, checked by its
 * compiled guard and fed to core's `RuleChecker` in export order, and dropped. The heap never
 * holds the whole document, which is what made validating a large document slow (a parsed
 * 300 MB document is ~1.5 GB of objects for the garbage collector to walk, again and again).
 *
 * It only ever says "valid" or "I cannot tell": anything unusual — keys out of the canonical
 * order, a duplicate or unknown key (at any depth), a record its guard does not accept, a
 * number `JSON.parse` might round, one rule violation, a byte that is not UTF-8 — makes it give
 * up, and the caller validates the whole document with `Export.validate` for the exact report.
 * "Valid" here means what `Export.validate` would say (the same header and shape checks, every
 * field's guard being sound, and the same `RuleChecker` calls in the same order; see
 * `test/documentStream.test.ts`), and that `JSON.parse` dropped no duplicate key and rounded no
 * number.
 */
import { Export, Policy, Records } from "@coaching/core"
import { recheck } from "./checkers.js"
import { keysAccepted } from "./guard.js"
import { type FieldGuard, fieldGuards } from "./guards.js"
import { decode } from "./utf8.js"

const enum S {
  Start,
  KeyOrEnd,
  KeyOnly,
  Key,
  Colon,
  Value,
  ArrayOpen,
  ElementOrEnd,
  ElementOnly,
  Element,
  AfterElement,
  AfterValue,
  Done,
  Failed
}

const BOM = [0xef, 0xbb, 0xbf] as const
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9

/** The record kind of each of the document's arrays (`people` → `person`, …), from the one table of kinds. */
const kindOfKey: ReadonlyMap<string, Records.Kind> = new Map(Records.kinds.map((kind) => [Records.table[kind].key, kind]))

/**
 * Collects the bytes of one JSON value (a container, a string or a bare literal), counting its
 * keys (`colons`) and noting a number that needs the exact check (see `countKeys` in
 * `jsonScan.ts`, which applies the same rule to an NDJSON line).
 */
class ValueBytes {
  private pieces: Array<Uint8Array> = []
  private depth = 0
  private inString = false
  private escape = false
  private bare = false
  /** The keys in the value's text: every `:` outside a string follows one. */
  colons = 0
  /** A number with an exponent or 16 characters or more: JSON.parse may round it. */
  suspicious = false
  private run = 0

  /** Starts at `buf[i]` (not whitespace). */
  start(first: number): void {
    this.pieces = []
    this.depth = 0
    this.inString = false
    this.escape = false
    this.bare = false
    this.colons = 0
    this.suspicious = false
    this.run = 0
    // A container or a string is scanned to its closing byte; anything else (a number, true,
    // false, null — or junk, which JSON.parse then refuses) ends at the next delimiter.
    this.bare = first !== 123 && first !== 91 && first !== 34
  }

  /**
   * Scans from `i`; returns the index just past the value's end in `buf` when it ends there
   * (the value's bytes are then `text()`), or -1 if it goes on in the next chunk.
   */
  scan(buf: Uint8Array, i: number): number {
    const n = buf.length
    const from = i
    if (this.bare) {
      while (i < n) {
        const c = buf[i]!
        if (c === 44 || c === 93 || c === 125 || isSpace(c)) {
          this.pieces.push(buf.subarray(from, i))
          return i
        }
        if (c <= 57 ? ++this.run >= 16 : (c === 101 || c === 69) && this.run > 0) this.suspicious = true
        i++
      }
      this.pieces.push(Buffer.from(buf.subarray(from, n)))
      return -1
    }
    let depth = this.depth
    let inString = this.inString
    if (this.escape && i < n) {
      // The previous chunk ended on a backslash: this byte is escaped.
      this.escape = false
      i++
    }
    const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
    while (i < n) {
      if (inString) {
        // Most bytes are inside strings: find the closing quote with the native search — the first
        // quote not escaped by an odd run of backslashes since the string (or this chunk) began.
        let close = bytes.indexOf(34, i)
        while (close !== -1) {
          let k = close - 1
          while (k >= i && bytes[k] === 92) k--
          if ((close - 1 - k) % 2 === 0) break
          close = bytes.indexOf(34, close + 1)
        }
        if (close === -1) {
          // An odd run of backslashes at the chunk's end escapes the next chunk's first byte.
          let k = n - 1
          while (k >= i && bytes[k] === 92) k--
          if ((n - 1 - k) % 2 === 1) this.escape = true
          i = n
          break
        }
        inString = false
        i = close + 1
        if (depth === 0) {
          this.pieces.push(buf.subarray(from, i))
          return i
        }
        continue
      }
      const c = buf[i]!
      if (c === 34) (inString = true), (this.run = 0)
      else if (c === 123 || c === 91) depth++
      else if (c === 125 || c === 93) {
        depth--
        if (depth === 0) {
          this.pieces.push(buf.subarray(from, i + 1))
          return i + 1
        }
      } else if (c === 58) this.colons++
      else if (c <= 32 || c === 44) this.run = 0
      else if (c <= 57) {
        // A digit, sign or point (nothing else below '9' is JSON outside a string).
        if (++this.run >= 16) this.suspicious = true
      } else if (c === 101 || c === 69) {
        if (this.run > 0) this.suspicious = true
      } else this.run = 0
      i++
    }
    this.depth = depth
    this.inString = inString
    // Copy: the value goes on in the next chunk, and a reader may reuse this one.
    this.pieces.push(Buffer.from(buf.subarray(from, n)))
    return -1
  }

  /** The value's text, or `undefined` if its bytes are not UTF-8. */
  text(): string | undefined {
    const bytes = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces)
    this.pieces = []
    return decode(bytes)
  }
}

/** The streaming check of one JSON export document. */
export class DocumentStream {
  private state = S.Start
  private readonly fields: ReadonlyArray<FieldGuard> = fieldGuards()
  private fieldIndex = -1
  private field: FieldGuard | undefined
  private key: Array<number> = []
  private readonly value = new ValueBytes()
  private policy: unknown = undefined
  private rules: Export.RuleChecker | undefined
  private element = 0
  private bom = 0
  private position = 0
  private valueStarted = false
  /** Records checked so far. */
  records = 0

  /** Whether it gave up (the caller must validate the whole document). */
  get failed(): boolean {
    return this.state === S.Failed
  }

  /** Whether the document ended and everything in it was valid. */
  get valid(): boolean {
    return this.state === S.Done && this.fields.every((f, i) => f.optional || i <= this.fieldIndex)
  }

  /** The granularity reports kept as recorded (another checker's), for a valid document. */
  get keptAsRecorded(): ReadonlyArray<Export.KeptReports> {
    return this.rules?.keptAsRecorded.keptAsRecorded ?? []
  }

  private fail(): void {
    this.state = S.Failed
    this.rules = undefined
  }

  /** Takes the next chunk. */
  push(chunk: Uint8Array): void {
    let i = 0
    const n = chunk.length
    while (i < n && this.state !== S.Failed) {
      const c = chunk[i]!
      switch (this.state) {
        case S.Start:
          // A byte-order mark (EF BB BF), possibly cut across chunks, is skipped; a partial one is junk.
          if (this.bom > 0 && this.bom < 3) {
            if (c === BOM[this.bom]) this.bom++, i++
            else this.fail()
          } else if (this.position + i === 0 && c === BOM[0]) {
            this.bom = 1
            i++
          } else if (isSpace(c)) i++
          else if (c === 123) (this.state = S.KeyOrEnd), i++
          else this.fail()
          break
        case S.KeyOrEnd:
        case S.KeyOnly:
          if (isSpace(c)) i++
          else if (c === 34) (this.state = S.Key), (this.key = []), i++
          else this.fail()
          break
        case S.Key:
          if (c === 34) (this.state = S.Colon), i++
          else if (c === 92 || c < 0x20 || c > 0x7e || this.key.length > 64) this.fail()
          else this.key.push(c), i++
          break
        case S.Colon:
          if (isSpace(c)) i++
          else if (c === 58) i++, this.openField()
          else this.fail()
          break
        case S.Value:
        case S.Element:
          i = this.continueValue(chunk, i)
          break
        case S.ArrayOpen:
          if (isSpace(c)) i++
          else if (c === 91) (this.state = S.ElementOrEnd), i++, this.startArray()
          else this.fail()
          break
        case S.ElementOrEnd:
        case S.ElementOnly:
          if (isSpace(c)) i++
          else if (c === 93 && this.state === S.ElementOrEnd) (this.state = S.AfterValue), i++
          else if (c === 93 || c === 44 || c === 58) this.fail()
          else this.value.start(c), (this.state = S.Element), (i = this.continueValue(chunk, i))
          break
        case S.AfterElement:
          if (isSpace(c)) i++
          else if (c === 44) (this.state = S.ElementOnly), i++
          else if (c === 93) (this.state = S.AfterValue), i++
          else this.fail()
          break
        case S.AfterValue:
          if (isSpace(c)) i++
          else if (c === 44) (this.state = S.KeyOnly), i++
          else if (c === 125) (this.state = S.Done), i++
          else this.fail()
          break
        case S.Done:
          if (isSpace(c)) i++
          else this.fail()
          break
      }
    }
    this.position += n
  }

  /** After `"key":` — the key must be the next field in canonical order (optional ones may be skipped). */
  private openField(): void {
    const name = String.fromCharCode(...this.key)
    let next = this.fieldIndex + 1
    while (next < this.fields.length && this.fields[next]!.name !== name) {
      if (!this.fields[next]!.optional) return this.fail()
      next++
    }
    if (next >= this.fields.length) return this.fail()
    this.fieldIndex = next
    this.field = this.fields[next]!
    if (this.field.isArray) {
      this.state = S.ArrayOpen
    } else {
      this.state = S.Value
      this.valueStarted = false
    }
  }

  private startArray(): void {
    this.element = 0
    if (this.rules === undefined) {
      this.rules = new Export.RuleChecker((this.policy as Policy.Policy | undefined) ?? Policy.defaultPolicy, Number.POSITIVE_INFINITY, recheck())
    }
  }

  /** Scans a scalar field's value or an array element from `buf[i]`; returns where to go on. */
  private continueValue(buf: Uint8Array, i: number): number {
    if (this.state === S.Value && !this.valueStarted) {
      while (i < buf.length && isSpace(buf[i]!)) i++
      if (i >= buf.length) return i
      this.value.start(buf[i]!)
      this.valueStarted = true
    }
    const end = this.value.scan(buf, i)
    if (end === -1) return buf.length
    const text = this.value.text()
    let parsed: unknown
    try {
      if (text === undefined) throw new Error("not UTF-8")
      parsed = JSON.parse(text)
    } catch {
      this.fail()
      return end
    }
    const field = this.field!
    // Accepted only if the guard accepts it, no key was dropped as a duplicate and no number rounded.
    keysAccepted.count = 0
    if (!field.guard(parsed) || this.value.suspicious || keysAccepted.count !== this.value.colons) {
      this.fail()
      return end
    }
    if (this.state === S.Value) {
      if (field.name === "policy") this.policy = parsed
      this.state = S.AfterValue
      return end
    }
    const rules = this.rules!
    // The guard accepted it, so it is a record of that kind (a rejected one ended the fast path above).
    const kind = kindOfKey.get(field.name)
    if (kind !== undefined) rules.record(kind, parsed as Records.RecordOf<typeof kind>, `$.${field.name}[${this.element}]`)
    this.element++
    this.records++
    if (rules.violations.length > 0) this.fail()
    else this.state = S.AfterElement
    return end
  }
}
