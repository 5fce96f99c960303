/**
 * The shape of a piece of feedback text, as the lint reads it: quoted speech (what someone
 * said is never read as the coach's own words), sentences with their offsets, and list items
 * (numbered, lettered or bulleted). Every helper is linear in the length of the text.
 */

/** A `[start, end)` range of the text. */
export interface Range {
  readonly start: number
  readonly end: number
}

/** One sentence: its range and its text. */
export interface Sentence extends Range {
  readonly text: string
}

const closers: Readonly<Record<string, string>> = { "\"": "\"", "“": "”\"", "‘": "’'", "'": "'’", "«": "»" }
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c)
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c)
/** How far a quotation may run before the lint stops looking for its end (keeps the scan linear). */
const MAX_QUOTE = 400

/**
 * The ranges of quoted speech: an opening quote at the start or after a space, bracket, colon or
 * dash, followed by a non-space; the matching closing quote on the same line, after a non-space
 * and not inside a word (so "Sam's" and "don't" never close a quotation).
 */
export const quotations = (text: string): ReadonlyArray<Range> => {
  const out: Array<Range> = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    const close = closers[c]
    if (close === undefined) continue
    const before = text[i - 1]
    if (!(i === 0 || isSpace(before) || "([{:—–-".includes(before!))) continue
    if (isSpace(text[i + 1])) continue
    const limit = Math.min(text.length, i + MAX_QUOTE)
    for (let j = i + 2; j < limit; j++) {
      const d = text[j]!
      if (d === "\n") break
      if (close.includes(d) && !isSpace(text[j - 1]) && !isWordChar(text[j + 1])) {
        out.push({ start: i, end: j + 1 })
        i = j
        break
      }
    }
  }
  return out
}

/**
 * The text the word lists are matched on: quoted speech blanked out (same length, so offsets
 * stay true) and curly apostrophes made straight ("how’d" reads as "how'd").
 */
export const readable = (text: string, quotes: ReadonlyArray<Range>): string => {
  const straight = text.replace(/’/gu, "'")
  const pieces: Array<string> = []
  let at = 0
  for (const q of quotes) {
    pieces.push(straight.slice(at, q.start), " ".repeat(q.end - q.start))
    at = q.end
  }
  pieces.push(straight.slice(at))
  return pieces.join("")
}

/** A list marker: "1." / "1)" / "(a)" / "a)" / "-" / "*" / "•" at the start of a line or after a space or colon. */
const marker = /(?<=^|[\s:])(?<!\b(?:rep|step|question|q|period|p|year|target|page|no|number|level|grade|set|group|table|room|lesson|part|day|week|term|unit|chapter|task|item|section|slide|exercise|activity|paper|mark|marks|score|out of)[ \t])(?:\(?(?:\d{1,2}|[a-h])\)|\d{1,2}\.(?!\d)|[-*•·])(?=\s+\S)/gimu

/** One list item: where its marker starts, where its words start, and its end. */
export interface ListItem extends Range {
  readonly marker: string
  readonly body: Range
}

/** Whether position `i` starts a line (only spaces or tabs before it on its line). */
const atLineStart = (text: string, i: number): boolean => {
  for (let k = i - 1; k >= 0; k--) {
    const c = text[k]
    if (c === "\n") return true
    if (c !== " " && c !== "\t") return false
  }
  return true
}

/** The ordinal of a numbered or lettered marker ("3." → 3, "(b)" → 2), 0 for a bullet. */
const ordinal = (m: string): number => {
  const digits = /\d+/u.exec(m)
  if (digits !== null) return Number(digits[0])
  const letter = /[a-h]/u.exec(m)
  return letter === null ? 0 : letter[0].charCodeAt(0) - 96
}

/**
 * The lists of a text, each with two or more items: numbered ("1." "2)"), lettered ("(a)" "b)")
 * or bulleted ("-" "*" "•"). Numbers and letters must run in order from 1 or a; bullets must all
 * start a line, or follow a colon on one line ("For next week: - a - b"). An item runs to the
 * next marker of its list or the end of its line, so items may share a line ("(a) greet (b) narrate").
 */
export const listItems = (text: string): ReadonlyArray<ReadonlyArray<ListItem>> => {
  const lists: Array<Array<ListItem>> = []
  let run: Array<{ start: number; end: number; kind: string; marker: string }> = []
  const flush = () => {
    const bullets = run.length > 0 && ordinal(run[0]!.marker) === 0
    const placed = !bullets || run.every((m) => atLineStart(text, m.start)) || /:[ \t]*$/u.test(text.slice(Math.max(0, run[0]!.start - 3), run[0]!.start))
    if (run.length >= 2 && placed) {
      lists.push(run.map((m, k) => {
        const next = run[k + 1]
        const lineEnd = text.indexOf("\n", m.end)
        const end = next !== undefined && (lineEnd === -1 || next.start < lineEnd) ? next.start : lineEnd === -1 ? text.length : lineEnd
        const raw = text.slice(m.end, end)
        const bodyStart = m.end + (raw.length - raw.trimStart().length)
        return { start: m.start, end, marker: m.marker, body: { start: bodyStart, end: bodyStart + raw.trim().length } }
      }))
    }
    run = []
  }
  for (const m of text.matchAll(marker)) {
    const kind = /\d/u.test(m[0]) ? `n${m[0].replace(/\d+/u, "")}` : /[a-h]/u.test(m[0]) ? `l${m[0].replace(/[a-h]/u, "")}` : "b"
    const item = { start: m.index, end: m.index + m[0].length, kind, marker: m[0] }
    const last = run[run.length - 1]
    const n = ordinal(m[0])
    // items follow each other: nothing but the previous item's words and a line break between
    // them (numbered section headings with their content in between are not a list)
    const gap = last === undefined ? "" : text.slice(last.end, m.index)
    const apart = gap.split("\n").length > 2 || (gap.includes("\n") && gap.slice(gap.indexOf("\n")).trim().length > 0)
    if (last !== undefined && (last.kind !== kind || apart || (n > 0 && n !== ordinal(last.marker) + 1))) flush()
    if (run.length === 0 && n > 1) continue
    run.push(item)
  }
  flush()
  return lists
}

/**
 * Splits on sentence ends (`.`, `!`, `?` before a space or the end) and line breaks, keeping
 * offsets. A full stop inside quoted speech or after a list number ("1. pose …") ends nothing.
 */
export const sentences = (text: string, quotes: ReadonlyArray<Range>, items: ReadonlyArray<ReadonlyArray<ListItem>>): ReadonlyArray<Sentence> => {
  const out: Array<Sentence> = []
  const markers = new Set(items.flat().map((it) => it.start))
  // boundaries come in order, so one pointer walks the (sorted) quotations once
  let q = 0
  const inQuote = (i: number) => {
    while (q < quotes.length && quotes[q]!.end - 1 <= i) q++
    return q < quotes.length && quotes[q]!.start < i
  }
  const boundary = /[.!?]+(?=\s|$)|\n+/g
  let start = 0
  for (const m of text.matchAll(boundary)) {
    if (m[0][0] !== "\n" && inQuote(m.index)) continue
    // "1." of a list: the number starts a list item
    const numberStart = m[0] === "." ? /\d{1,2}$/u.exec(text.slice(Math.max(0, m.index - 2), m.index)) : null
    if (numberStart !== null && markers.has(m.index - numberStart[0].length)) continue
    const end = m.index + m[0].length
    if (text.slice(start, end).trim().length > 0) out.push({ start, end, text: text.slice(start, end) })
    start = end
  }
  if (text.slice(start).trim().length > 0) out.push({ start, end: text.length, text: text.slice(start) })
  return out
}

/** The range of a sentence without its leading space and trailing punctuation. */
export const core = (text: string, s: Range): Range => {
  const raw = text.slice(s.start, s.end)
  const lead = raw.length - raw.trimStart().length
  const trimmed = raw.trimEnd().replace(/[.!?…]+$/u, "")
  return { start: s.start + lead, end: s.start + Math.max(lead, trimmed.length) }
}
