/**
 * UTF-8 helpers: bytes to text without silent replacement characters (a corrupt byte is a
 * finding, not a U+FFFD smuggled into the record), and where the first bad byte is.
 */
import { Buffer, isAscii, isUtf8 } from "node:buffer"

/** The text of valid UTF-8 bytes, or `undefined` if they are not valid UTF-8. */
export const decode = (bytes: Uint8Array): string | undefined => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (isAscii(buffer)) return buffer.toString("latin1")
  return isUtf8(buffer) ? buffer.toString("utf8") : undefined
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence (-1 if none). */
export const firstInvalidByte = (bytes: Uint8Array): number => {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80)
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800)
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000)
    else return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}

/** The 1-based line and column (in characters) of a byte offset in UTF-8 bytes valid before it. */
export const bytePosition = (bytes: Uint8Array, offset: number): { readonly line: number; readonly column: number } => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let line = 1
  let lineStart = 0
  let at = buffer.indexOf(10)
  while (at !== -1 && at < offset) {
    line++
    lineStart = at + 1
    at = buffer.indexOf(10, lineStart)
  }
  return { line, column: buffer.toString("utf8", lineStart, offset).length + 1 }
}

/**
 * What an input that is not UTF-8 text most likely is, from its first bytes, as a sentence
 * saying how to convert it (gzip, UTF-16, UTF-32); `undefined` when nothing is recognised.
 */
export const foreignEncoding = (head: Uint8Array): string | undefined => {
  const [a, b, c, d] = head
  const convert = (from: string) => `an export is UTF-8: convert it first, e.g. iconv -f ${from} -t UTF-8 export.json > export-utf8.json`
  if (a === 0x1f && b === 0x8b) {
    return "The input is gzip-compressed (it starts with the gzip signature 1F 8B): decompress it first, e.g. gunzip -c export.json.gz | coaching validate -"
  }
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) {
    return `The input is UTF-32 text (it starts with a UTF-32 byte-order mark); ${convert("UTF-32")}`
  }
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return `The input is UTF-16 text (it starts with a UTF-16 byte-order mark); ${convert("UTF-16")}`
  if (head.length < 4) return undefined
  // Without a byte-order mark: text in UTF-16 or UTF-32 has zero bytes beside every ASCII character.
  if (a !== 0 && b === 0 && c === 0 && d === 0) return `The input looks like UTF-32LE text (zero bytes after each character); ${convert("UTF-32LE")}`
  if (a === 0 && b === 0 && c === 0 && d !== 0) return `The input looks like UTF-32BE text (zero bytes before each character); ${convert("UTF-32BE")}`
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return `The input looks like UTF-16LE text (a zero byte after each character); ${convert("UTF-16LE")}`
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return `The input looks like UTF-16BE text (a zero byte before each character); ${convert("UTF-16BE")}`
  return undefined
}
