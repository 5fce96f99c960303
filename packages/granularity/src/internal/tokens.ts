/**
 * Tokenizer: words, numbers and punctuation with their character spans in the original text,
 * quoted speech collapsed into one opaque token (what the teacher *says* is never parsed as
 * the step itself), hyphenated words split into parts marked as joined.
 */
import { normalise, singular } from "./lexicon.js"

/** One token; `start`/`end` are UTF-16 offsets into the original text. */
export interface Token {
  readonly kind: "word" | "number" | "punct" | "speech"
  readonly text: string
  readonly start: number
  readonly end: number
  /** Lower-case, en-GB spelling (empty for speech). */
  readonly norm: string
  /** `norm`, singular (for matching nouns). */
  readonly key: string
  /** Joined to the previous word by a hyphen ("think-pair-share"). */
  readonly joined: boolean
  /** A line break lies between this token and the previous one. */
  readonly newline: boolean
}

const pattern = /(\p{N}+(?:[.,:]\p{N}+)*)|([\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*)|(\S)/gu
const openers = new Set(["\"", "“", "'", "‘", "«"])
const closerOf: Record<string, ReadonlyArray<string>> = {
  "\"": ["\""],
  "“": ["”", "\""],
  "'": ["'", "’"],
  "‘": ["’", "'"],
  "«": ["»"]
}
const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c)
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c)

interface Raw {
  kind: "word" | "number" | "punct"
  text: string
  start: number
  end: number
}

/** Splits a text into tokens. Linear in the length of the text. */
export const tokenize = (text: string): ReadonlyArray<Token> => {
  const raw: Array<Raw> = []
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const kind = m[1] !== undefined ? "number" : m[2] !== undefined ? "word" : "punct"
    raw.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length })
  }
  const out: Array<Token> = []
  let i = 0
  while (i < raw.length) {
    const r = raw[i]!
    if (r.kind === "punct" && openers.has(r.text) && isOpening(text, r)) {
      const close = findClose(text, raw, i)
      if (close !== undefined) {
        const last = raw[close]!
        out.push(make("speech", text.slice(r.start, last.end), r.start, last.end, "", false, text, out))
        i = close + 1
        continue
      }
    }
    // an infix hyphen joins two words: drop it and mark the next word as joined
    if (r.kind === "punct" && (r.text === "-" || r.text === "‐") && i > 0 && i + 1 < raw.length) {
      const prev = raw[i - 1]!
      const next = raw[i + 1]!
      if (prev.end === r.start && next.start === r.end && prev.kind !== "punct" && next.kind !== "punct") {
        out.push(make(next.kind, next.text, next.start, next.end, normalise(next.text.toLowerCase().replace(/’/g, "'")), true, text, out))
        i += 2
        continue
      }
    }
    const norm = r.kind === "punct" ? r.text : normalise(r.text.toLowerCase().replace(/’/g, "'"))
    out.push(make(r.kind, r.text, r.start, r.end, norm, false, text, out))
    i++
  }
  return out
}

const make = (
  kind: Token["kind"],
  t: string,
  start: number,
  end: number,
  norm: string,
  joined: boolean,
  text: string,
  out: ReadonlyArray<Token>
): Token => {
  const prevEnd = out.length > 0 ? out[out.length - 1]!.end : 0
  const newline = out.length > 0 && /[\n\r\u2028\u2029]/u.test(text.slice(prevEnd, start))
  return { kind, text: t, start, end, norm, key: kind === "word" ? singular(norm.replace(/'s$/u, "")) : norm, joined, newline }
}

/** An opening quote: at the start or after a space or bracket, and followed by a non-space. */
const isOpening = (text: string, r: Raw): boolean => {
  const before = text[r.start - 1]
  const after = text[r.end]
  if (isSpace(after)) return false
  if (r.text === "'" || r.text === "’") return isSpace(before) || before === "(" || before === "[" || before === ":"
  return true
}

/** The index of the matching closing quote, if the quote closes before the text ends. */
const findClose = (text: string, raw: ReadonlyArray<Raw>, open: number): number | undefined => {
  const closers = closerOf[raw[open]!.text] ?? []
  for (let j = open + 1; j < raw.length; j++) {
    const r = raw[j]!
    if (r.kind !== "punct" || !closers.includes(r.text)) continue
    const before = text[r.start - 1]
    const after = text[r.end]
    // a closing quote follows a non-space and is not inside a word (so "don't" never closes)
    if (!isSpace(before) && !isWordChar(after)) return j
  }
  return undefined
}
