/**
 * Small text helpers that turn record text (free text a coach typed) into parts of a sentence,
 * without changing its words.
 */
import type { Locale } from "../Script.js"
import { localeWords } from "./data.js"
import { quotations } from "./lintText.js"

/** Collapses every run of whitespace (newlines included) to one space and trims. */
export const collapse = (text: string): string => text.replace(/\s+/gu, " ").trim()

/** The text without trailing full stops (a clause to continue a sentence with). */
export const stripEnd = (text: string): string => collapse(text).replace(/[\s.]+$/u, "")

/**
 * Lower-cases the first letter when it starts an ordinary capitalised word ("Pose" → "pose"),
 * but leaves "I", acronyms ("PE") and non-letters alone.
 */
export const lowerFirst = (text: string): string => {
  const match = /^(\p{Lu})(\p{Ll})/u.exec(text)
  return match ? match[1]!.toLowerCase() + text.slice(match[1]!.length) : text
}

/**
 * Upper-cases the first letter when the first word has no capital in it ("pose" → "Pose"), but
 * leaves mixed-case words as typed ("iPad", "rI", "r.I."), so no new word — an "RI" grade — is made.
 */
export const upperFirst = (text: string): string => {
  const match = /^(\p{Ll})[^\s\p{Lu}]*(?!\S)/u.exec(text)
  return match ? match[1]!.toUpperCase() + text.slice(match[1]!.length) : text
}

/** A clause taken from record text: trimmed, no trailing full stop, first word lower-cased. */
export const clause = (text: string): string => lowerFirst(stripEnd(text))

/** The action step as a verb phrase to follow "to": "To pose …" and "Pose …" both give "pose …". */
export const stepPhrase = (text: string): string => lowerFirst(stripEnd(text).replace(/^to\s+/iu, ""))

/** Record text quoted with the locale's quotation marks. */
export const quote = (text: string, locale: Locale): string =>
  `${localeWords[locale].quoteOpen}${collapse(text)}${localeWords[locale].quoteClose}`

/**
 * The parts of a routine of micro-steps, split where the step itself pauses
 * ("pose the question, pause for five seconds, then name a student" → three parts).
 * Quoted speech is never split: "announce 'Stop, then look at me', then wait" is two parts,
 * the first with its whole quotation. A step with no such pause is one part.
 */
export const stepParts = (phrase: string): ReadonlyArray<string> => {
  // quoted speech masked with a letter-free placeholder, so no split point falls inside it
  let plain = ""
  let at = 0
  for (const q of quotations(phrase)) {
    plain += phrase.slice(at, q.start) + "_".repeat(q.end - q.start)
    at = q.end
  }
  plain += phrase.slice(at)
  const pieces: Array<string> = []
  let from = 0
  for (const m of plain.matchAll(/\s*[,;]\s*|\s+[–—-]\s+|\s+then\s+/giu)) {
    pieces.push(phrase.slice(from, m.index))
    from = m.index + m[0].length
  }
  pieces.push(phrase.slice(from))
  const parts = pieces.map((p) => p.replace(/^(?:and\s+then|and|then)\s+/iu, "").trim()).filter((p) => p.length > 0)
  return parts.length > 1 ? parts.slice(0, 6) : [phrase]
}

/** Fills `{name}` slots from `values`, then the locale's spellings (`{practise}`, `{behaviour}`, …). */
export const fill = (template: string, locale: Locale, values: Readonly<Record<string, string>> = {}): string => {
  const words = localeWords[locale] as unknown as Readonly<Record<string, string>>
  return template.replace(/\{([A-Za-z]+)\}/g, (slot, name: string) => values[name] ?? words[name] ?? slot)
}

/** "a", "a and b", "a, b and c". */
export const list = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`
