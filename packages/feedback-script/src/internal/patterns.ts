/**
 * Word lists from `src/data/*.json` compiled to regular expressions, once, at module load.
 * A pattern is a regular-expression source matched case-insensitively on word boundaries
 * (letters and digits, any script); a space in a pattern matches any run of whitespace.
 *
 * The boundary before a match is checked in code rather than with a look-behind: a leading
 * look-behind stops the engine from skipping ahead to a pattern's first letters and made
 * every scan about three times slower.
 */

/** Compiles a list of patterns into one global, Unicode expression, case-insensitive unless asked. */
export const compile = (patterns: ReadonlyArray<string>, caseSensitive = false): RegExp =>
  new RegExp(`(?:${patterns.map((p) => `(?:${p.replace(/ /g, "\\s+")})`).join("|")})(?![\\p{L}\\p{N}])`, caseSensitive ? "gu" : "giu")

/** One match of a compiled list, with its span in the text. */
export interface Match {
  readonly start: number
  readonly end: number
  readonly text: string
}

const wordChar = /[\p{L}\p{N}]/u

/** Whether position `i` of `text` starts a word (no letter or digit just before it). */
const atWordStart = (text: string, i: number): boolean => {
  if (i === 0) return true
  let code = text.charCodeAt(i - 1)
  if (code < 0x80) return !((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))
  if (code >= 0xdc00 && code <= 0xdfff && i >= 2) code = text.codePointAt(i - 2)!
  return !wordChar.test(String.fromCodePoint(code))
}

/** Every match of `re` in `text` that starts a word, left to right, without overlaps. */
export const matchAll = (re: RegExp, text: string, limit = Number.POSITIVE_INFINITY): ReadonlyArray<Match> => {
  const out: Array<Match> = []
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while (out.length < limit && (m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1
      continue
    }
    if (!atWordStart(text, m.index)) {
      re.lastIndex = m.index + 1
      continue
    }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] })
  }
  re.lastIndex = 0
  return out
}

/** Whether `re` matches anywhere in `text` at the start of a word. */
export const test = (re: RegExp, text: string): boolean => matchAll(re, text, 1).length > 0

/** The index of the first item (sorted by `start`) that starts at or after `at`: a binary search. */
export const firstFrom = (items: ReadonlyArray<{ readonly start: number }>, at: number): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (items[mid]!.start < at) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The items (sorted by `start`, as `matchAll` returns them) that start inside `[from, to)`. */
export const startingIn = <T extends { readonly start: number }>(items: ReadonlyArray<T>, from: number, to: number): ReadonlyArray<T> => {
  const out: Array<T> = []
  for (let i = firstFrom(items, from); i < items.length && items[i]!.start < to; i++) out.push(items[i]!)
  return out
}

/** Whether any of `ranges` (sorted by `start`, not overlapping each other) overlaps `[from, to)`. */
export const overlapsAny = (ranges: ReadonlyArray<{ readonly start: number; readonly end: number }>, from: number, to: number): boolean => {
  // the last range that starts before `to` is the only one that can reach into [from, to)
  const before = ranges[firstFrom(ranges, to) - 1]
  return before !== undefined && before.end > from
}
