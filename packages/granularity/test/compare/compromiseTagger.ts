/**
 * A tagger built on `compromise` (general-purpose part-of-speech tagging), for comparing it with
 * the hand-kept lexicon (docs/decisions/0003-granularity-language.md). It answers the same
 * questions as `lexiconTagger` — which word can start an imperative, which is a noun … — from
 * compromise's tags; everything else in the checker (the domain word lists) stays the same.
 * compromise is a devDependency only.
 */
import nlp from "compromise"
import type { Pos, Tagger } from "../../src/internal/tagger.js"

interface Term {
  readonly text: string
  readonly tags: ReadonlyArray<string>
  readonly offset: { readonly start: number; readonly length: number }
}

const fromTags = (tags: ReadonlySet<string>): Pos => {
  if (tags.has("Gerund")) return "verb-ing"
  if (tags.has("Modal") || tags.has("Copula") || tags.has("Auxiliary")) return "aux"
  if (tags.has("Imperative") || tags.has("Infinitive")) return "verb"
  if (tags.has("PastTense") || tags.has("Participle")) return "verb-ed"
  if (tags.has("PresentTense")) return "verb-s"
  if (tags.has("Verb")) return "verb"
  if (tags.has("Determiner")) return "det"
  if (tags.has("Pronoun")) return "pron"
  if (tags.has("Conjunction")) return "conj"
  if (tags.has("Preposition")) return "prep"
  if (tags.has("Value") || tags.has("Cardinal") || tags.has("Ordinal")) return "num"
  if (tags.has("Adverb")) return "adv"
  if (tags.has("Adjective")) return "adj"
  if (tags.has("Noun")) return "noun"
  return "unknown"
}

/** compromise's reading of each token (by character offset). */
export const compromiseTagger: Tagger = {
  name: "compromise",
  tag: (text, tokens) => {
    const sentences = nlp(text).json({ offset: true, terms: { offset: true } }) as ReadonlyArray<{ readonly terms: ReadonlyArray<Term> }>
    const terms = sentences.flatMap((s) => s.terms)
    const tags: Array<Pos> = []
    let k = 0
    for (const token of tokens) {
      if (token.kind === "speech") {
        tags.push("speech")
        continue
      }
      if (token.kind === "punct") {
        tags.push("punct")
        continue
      }
      while (k < terms.length && terms[k]!.offset.start + terms[k]!.offset.length <= token.start) k++
      const term = terms[k]
      const pos = term && term.offset.start <= token.start ? fromTags(new Set(term.tags)) : "unknown"
      // compromise reads "present tense" for a sentence-initial imperative it did not catch
      tags.push(pos === "verb-s" && !token.norm.endsWith("s") ? "verb" : token.kind === "number" ? "num" : pos)
    }
    return tags
  }
}
