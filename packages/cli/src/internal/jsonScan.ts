/**
 * A second look at JSON text that `JSON.parse` accepted, for what the parse hides, and where
 * things are:
 *
 * - a key twice in one object (`JSON.parse` keeps the last one silently): `JSON_DUPLICATE_KEY`;
 * - a number the parse rounds (`600.00000000000000001` reads as 600, `1e-400` as 0):
 *   `JSON_INEXACT_NUMBER`;
 * - the line and column of JSON paths (`$.people[3].name`), so that a JSON document's
 *   violations point at their line as NDJSON's do.
 *
 * It walks UTF-8 bytes once, without recursion (100 000 nested arrays are fine). Only the paths
 * asked for are located: a trie of them is followed down the document, and subtrees no path
 * enters are only scanned for the two problems above.
 */
import { Export } from "@coaching/core"
import { Buffer } from "node:buffer"

/** A problem the parse hid. */
export interface Problem {
  readonly path: string
  readonly code: "JSON_DUPLICATE_KEY" | "JSON_INEXACT_NUMBER"
  readonly message: string
  readonly line: number
  readonly column: number
}

/** A 1-based line and column (columns count UTF-16 code units, as JavaScript strings do). */
export interface Position {
  readonly line: number
  readonly column: number
}

/** The codes of `Problem`. */
export const scanCodes = ["JSON_DUPLICATE_KEY", "JSON_INEXACT_NUMBER"] as const

type Segment = string | number

/** The segments of a JSON path as core writes them (`$`, `.name`, `[3]`, `["a key"]`), or undefined. */
export const parsePath = (path: string): Array<Segment> | undefined => {
  if (!path.startsWith("$")) return undefined
  const out: Array<Segment> = []
  let i = 1
  while (i < path.length) {
    if (path[i] === ".") {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i + 1))
      if (!m) return undefined
      out.push(m[0])
      i += 1 + m[0].length
    } else if (path[i] === "[" && path[i + 1] === "\"") {
      // A JSON string, then `]`: find its closing quote (not escaped).
      let j = i + 2
      while (j < path.length && path[j] !== "\"") j += path[j] === "\\" ? 2 : 1
      try {
        out.push(JSON.parse(path.slice(i + 1, j + 1)) as string)
      } catch {
        return undefined
      }
      if (path[j + 1] !== "]") return undefined
      i = j + 2
    } else if (path[i] === "[") {
      const m = /^\[(\d+)\]/.exec(path.slice(i))
      if (!m) return undefined
      out.push(Number(m[1]))
      i += m[0].length
    } else return undefined
  }
  return out
}

interface Node {
  readonly children: Map<Segment, Node>
  /** Where the value (for an object member: its key) starts, once the scan reached it. */
  at: Position | undefined
}

const newNode = (): Node => ({ children: new Map(), at: undefined })

const forget = (node: Node): void => {
  node.at = undefined
  node.children.forEach(forget)
}

/** The decimal value of a JSON number token (or `String(number)`), normalized: sign, significant digits, exponent. */
const decimal = (text: string): string => {
  let s = text.toLowerCase()
  const negative = s.startsWith("-")
  if (negative) s = s.slice(1)
  const [mantissa = "", e = "0"] = s.split("e")
  const [whole = "", fraction = ""] = mantissa.split(".")
  let digits = whole + fraction
  let exponent = BigInt(e.replace("+", "")) + BigInt(whole.length)
  const lead = digits.length - digits.replace(/^0+/, "").length
  digits = digits.slice(lead).replace(/0+$/, "")
  exponent -= BigInt(lead)
  return digits === "" ? "0" : `${negative ? "-" : ""}0.${digits}e${exponent}`
}

/**
 * Whether `JSON.parse` reads a number token as exactly the value it writes (the shortest form
 * that round-trips). `0.1` is exact in this sense; `600.00000000000000001` is not. A token too
 * large for a double is left to the field's own check (it is reported there as out of range).
 */
export const readsExactly = (token: string): boolean => {
  if (token.length <= 15 && !/[eE]/.test(token)) return true
  const value = Number(token)
  return !Number.isFinite(value) || decimal(token) === decimal(String(value))
}

const NEWLINE = 10
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9

/**
 * Scans one JSON value that `JSON.parse` accepted (UTF-8 bytes, no byte-order mark). Returns
 * the problems found (at most `maxProblems`) and, for each path of `locate`, the position of
 * the deepest part of it that exists (a missing field points at its object).
 */
export const scan = (
  bytes: Uint8Array,
  locate: Iterable<string> = [],
  maxProblems = Number.POSITIVE_INFINITY,
  firstLine = 1
): { readonly problems: Array<Problem>; readonly positions: Map<string, Position> } => {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const root = newNode()
  const wanted: Array<[string, Array<Segment>]> = []
  for (const path of locate) {
    const segments = parsePath(path)
    if (segments === undefined) continue
    wanted.push([path, segments])
    let node = root
    for (const segment of segments) {
      let child = node.children.get(segment)
      if (child === undefined) node.children.set(segment, (child = newNode()))
      node = child
    }
  }
  const problems: Array<Problem> = []
  const n = buf.length
  let line = firstLine
  let lineStart = 0
  // Columns are counted forward from the last position on the same line (positions come in order).
  let lastOffset = 0
  let lastColumn = 1
  const positionOf = (offset: number): Position => {
    if (lastOffset < lineStart || lastOffset > offset) {
      lastOffset = lineStart
      lastColumn = 1
    }
    for (let k = lastOffset; k < offset; k++) {
      const b = buf[k]!
      if ((b & 0xc0) !== 0x80) lastColumn += b >= 0xf0 ? 2 : 1
    }
    lastOffset = offset
    return { line, column: lastColumn }
  }
  const segments: Array<Segment> = []
  const report = (code: Problem["code"], message: string, at: Position, path: ReadonlyArray<Segment>) => {
    if (problems.length < maxProblems) problems.push({ path: Export.pathOf(path), code, message, ...at })
  }

  interface Frame {
    readonly object: boolean
    readonly node: Node | undefined
    readonly keys: Set<string> | undefined
    index: number
  }
  const stack: Array<Frame> = []
  let i = 0
  const skipSpace = () => {
    while (i < n) {
      const c = buf[i]!
      if (c === NEWLINE) {
        line++
        lineStart = ++i
      } else if (c === 32 || c === 13 || c === 9) i++
      else break
    }
  }
  /** Skips a string from its opening quote; returns whether it held a backslash. */
  const skipString = (): boolean => {
    let escaped = false
    i++
    while (i < n) {
      const c = buf[i]!
      if (c === 34) {
        i++
        return escaped
      }
      if (c === 92) {
        escaped = true
        i += 2
      } else i++
    }
    return escaped
  }

  /** The node of the value about to be read, and where its position is taken (a member's key). */
  let node: Node | undefined = root
  let keyAt: Position | undefined
  for (;;) {
    // A value starts at i (after any whitespace).
    skipSpace()
    if (node !== undefined && node.at === undefined) node.at = keyAt ?? positionOf(i)
    keyAt = undefined
    const c = buf[i]
    if (c === 123 || c === 91) {
      const object = c === 123
      const frame: Frame = { object, node, keys: object ? new Set() : undefined, index: 0 }
      i++
      skipSpace()
      if (buf[i] === (object ? 125 : 93)) {
        i++
      } else {
        stack.push(frame)
        if (object) {
          if (!member(frame)) break
        } else {
          segments.push(0)
          node = frame.node?.children.get(0)
        }
        continue
      }
    } else if (c === 34) {
      skipString()
    } else {
      const start = i
      while (i < n && !isSpace(buf[i]!) && buf[i] !== 44 && buf[i] !== 93 && buf[i] !== 125) i++
      if (c === 45 || (c !== undefined && c >= 48 && c <= 57)) {
        const token = buf.toString("latin1", start, i)
        if (!readsExactly(token)) {
          const shown = token.length > 60 ? `${token.slice(0, 60)}…` : token
          report("JSON_INEXACT_NUMBER", `The number ${shown} is not held exactly: it reads as ${Number(token)}. Write it with at most 17 significant digits.`, positionOf(start), segments)
        }
      }
    }
    // After a value: the next element or member, or the end of containers.
    let done = false
    for (;;) {
      skipSpace()
      const frame = stack.at(-1)
      if (frame === undefined) {
        done = true
        break
      }
      segments.pop()
      const d = buf[i]
      i++
      if (d === 44) {
        if (frame.object) {
          if (!member(frame)) done = true
        } else {
          frame.index++
          segments.push(frame.index)
          node = frame.node?.children.get(frame.index)
        }
        break
      }
      // `}` or `]`: the container ends; it is a value of the level above.
      stack.pop()
    }
    if (done) break
  }

  /** Reads `"key":` after `{` or `,`, checks it is new in its object, and points `node` at the member. */
  function member(frame: Frame): boolean {
    skipSpace()
    if (buf[i] !== 34) return false
    const start = i
    const at = positionOf(start)
    const escaped = skipString()
    const raw = buf.toString("utf8", start + 1, i - 1)
    const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw
    skipSpace()
    i++ // the colon
    skipSpace()
    node = frame.node?.children.get(key)
    if (frame.keys!.has(key)) {
      report("JSON_DUPLICATE_KEY", `The key ${JSON.stringify(key)} appears twice in this object; a reader would keep only one of the values. Keep one.`, at, [...segments, key])
      // JSON.parse keeps the last value: positions under this key are the last one's.
      if (node !== undefined) forget(node)
    } else frame.keys!.add(key)
    segments.push(key)
    keyAt = at
    return true
  }

  const positions = new Map<string, Position>()
  for (const [path, segs] of wanted) {
    let at = root.at
    let walk: Node | undefined = root
    for (const segment of segs) {
      walk = walk?.children.get(segment)
      if (walk?.at === undefined) break
      at = walk.at
    }
    if (at !== undefined) positions.set(path, at)
  }
  return { problems, positions }
}

/**
 * The quick look taken at every record: how many keys its text has (every `:` outside a string
 * follows one), or -1 when a number in it needs the exact check (an exponent, or 16 characters
 * or more: shorter plain decimals always read exactly). Compared with the keys the compiled
 * guard counted in the parsed value, equal counts prove no key was dropped as a duplicate.
 */
export const countKeys = (buf: Uint8Array, from = 0, to = buf.length): number => {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  let keys = 0
  let run = 0
  let i = from
  while (i < to) {
    const c = bytes[i]!
    if (c === 34) {
      // Skip the string (most bytes are inside strings) with the native search: its closing quote
      // is the first quote after it not escaped by an odd run of backslashes.
      const open = i
      let close = bytes.indexOf(34, i + 1)
      for (;;) {
        if (close === -1 || close >= to) return keys
        let k = close - 1
        while (k > open && bytes[k] === 92) k--
        if ((close - 1 - k) % 2 === 0) break
        close = bytes.indexOf(34, close + 1)
      }
      i = close
      run = 0
    } else if (c === 58) keys++
    else if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43) {
      if (++run >= 16) return -1
    } else if (c === 101 || c === 69) {
      if (run > 0) return -1
    } else run = 0
    i++
  }
  return keys
}
