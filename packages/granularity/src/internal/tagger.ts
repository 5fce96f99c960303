/**
 * Part-of-speech reading of a step's tokens. The checker needs few distinctions: can this word
 * start an imperative (a base-form verb), is it a verb in another form, a noun, a function word.
 * `lexiconTagger` reads them from the hand-kept word lists and the word's neighbours; a tagger
 * built on a general POS library can be swapped in for comparison (see docs/decisions/0003).
 */
import {
  adverbs,
  auxiliaries,
  conjunctions,
  determiners,
  isBaseVerb,
  nouns,
  numbers,
  prepositions,
  pronouns,
  subordinators,
  verbForm,
  verbLemma
} from "./lexicon.js"
import type { Token } from "./tokens.js"

/** The parts of speech the checker distinguishes. */
export type Pos =
  | "verb" // base form: can start an imperative
  | "verb-ing"
  | "verb-ed"
  | "verb-s"
  | "aux"
  | "noun"
  | "adj"
  | "adv"
  | "det"
  | "pron"
  | "prep"
  | "conj"
  | "sub"
  | "num"
  | "unknown"
  | "punct"
  | "speech"

/** Tags the tokens of a text (one tag per token). */
export interface Tagger {
  readonly name: string
  readonly tag: (text: string, tokens: ReadonlyArray<Token>) => ReadonlyArray<Pos>
}

const closedClass = (w: string): Pos | undefined => {
  if (auxiliaries.has(w) && w !== "do" && w !== "have" && w !== "need") return "aux"
  if (determiners.has(w)) return numbers.has(w) ? "num" : "det"
  if (pronouns.has(w)) return "pron"
  if (conjunctions.has(w)) return w === "then" || w === "also" ? "adv" : "conj"
  if (subordinators.has(w)) return "sub"
  if (prepositions.has(w)) return "prep"
  if (numbers.has(w)) return "num"
  return undefined
}

/** The hand-kept lexicon tagger: word lists plus a few context rules. */
export const lexiconTagger: Tagger = {
  name: "lexicon",
  tag: (_text, tokens) => {
    const tags: Array<Pos> = []
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!
      if (t.kind === "speech") {
        tags.push("speech")
        continue
      }
      if (t.kind === "punct") {
        tags.push("punct")
        continue
      }
      if (t.kind === "number") {
        tags.push("num")
        continue
      }
      const w = t.norm
      const prev = tags[i - 1]
      const closed = closedClass(w)
      // "do"/"have" start imperatives; elsewhere closed-class words keep their class
      if (closed !== undefined && !(isBaseVerb(w) && (prev === undefined || prev === "punct" || prev === "conj"))) {
        tags.push(closed)
        continue
      }
      const lemma = verbLemma(w)
      // after a determiner, number or adjective, a verb-looking word is a noun ("the pause")
      const nominal = prev === "det" || prev === "num" || prev === "adj" || (prev === "verb" && t.joined)
      if (lemma !== undefined && !nominal) {
        const form = verbForm(w, lemma)
        tags.push(form === "base" ? "verb" : form === "ing" ? "verb-ing" : form === "ed" ? "verb-ed" : "verb-s")
        continue
      }
      if (lemma !== undefined || nouns.has(w) || nouns.has(t.key)) {
        tags.push("noun")
        continue
      }
      if (adverbs.has(w) || (w.endsWith("ly") && w.length > 4)) {
        tags.push("adv")
        continue
      }
      if (/(ful|ous|ive|able|ible|al|ic|less|ent|ant)$/u.test(w) && w.length > 4) {
        tags.push("adj")
        continue
      }
      if (w.endsWith("ing") && w.length > 4) {
        tags.push("verb-ing")
        continue
      }
      tags.push("unknown")
    }
    return tags
  }
}
