/**
 * What a piece of record text says, read with the lint's word lists: the judgement words in
 * it, whether it names a specific moment, whether it says what the students did. Shared by
 * `lintFeedback` and the script generator (which ranks strengths as precise praise with it).
 */
import { lists } from "./data.js"
import { quotations, type Range, readable } from "./lintText.js"
import { type Match, matchAll, overlapsAny, startingIn } from "./patterns.js"

const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end

/**
 * The judgement matches in `plain` (text with quoted speech blanked): grading words, an
 * evaluative adjective said of the lesson or the teacher, a lesson given a number; not a
 * student's grade or score. Left to right, without overlaps.
 */
export const judgementMatches = (plain: string): ReadonlyArray<Match> => {
  const except = matchAll(lists.judgementExcept, plain)
  const found = [
    ...matchAll(lists.judgement, plain),
    ...matchAll(lists.judgementCapitals, plain),
    ...matchAll(lists.judgementAdjective, plain),
    ...matchAll(lists.judgementVerdict, plain),
    ...matchAll(lists.judgementRating, plain)
  ]
    .filter((m) => !overlapsAny(except, m.start, m.end))
    .sort((a, b) => a.start - b.start || b.end - a.end)
  const out: Array<Match> = []
  for (const m of found) if (out.length === 0 || !overlaps(m, out[out.length - 1]!)) out.push(m)
  return out
}

/** The judgement words in record text, as written ("weak lesson", "outstanding"). */
export const judgementIn = (text: string): ReadonlyArray<string> => {
  const plain = readable(text, quotations(text))
  return judgementMatches(plain).map((m) => text.slice(m.start, m.end))
}

/** Numbers that name a class or a year ("Year 9s", "8R", "set 2") say nothing about a moment. */
const classNumbers = /\b(?:year|set|group|form|room|ks)\s*\d+\w*|\b\d{1,2}[A-Za-z]{1,2}\d?\b/giu

/**
 * Whether `range` of a text names a specific moment: a time or sequence word, a count, an
 * observable action, or a quotation. `concrete` are the text's matches of the concrete list.
 */
export const momentIn = (plain: string, quotes: ReadonlyArray<Range>, concrete: ReadonlyArray<Match>, range: Range): boolean =>
  startingIn(concrete, range.start, range.end).length > 0 ||
  startingIn(quotes, range.start, range.end).length > 0 ||
  /\d/u.test(plain.slice(range.start, range.end).replace(classNumbers, ""))

/** Whether a strength note names a specific moment (a time, a count, a quotation, what was done). */
export const namesMoment = (text: string): boolean => {
  const quotes = quotations(text)
  const plain = readable(text, quotes)
  return momentIn(plain, quotes, matchAll(lists.concreteReference, plain), { start: 0, end: text.length })
}

/** Whether a strength note says what the students did: a student word and an observable action. */
export const namesEffect = (text: string): boolean => {
  const plain = readable(text, quotations(text))
  return matchAll(lists.studentWords, plain, 1).length > 0 && matchAll(lists.studentActions, plain, 1).length > 0
}
