/** Helpers shared by the analyser's rule tests (`analyseRules*.test.ts`). */
import { expect } from "vitest"
import { checkActionStep } from "../src/index.js"
import { analyse } from "../src/internal/analyse.js"
import { lexiconTagger } from "../src/internal/tagger.js"

/** The analysis with the checker's own tagger and no school techniques. */
export const analysed = (text: string) => analyse(text, lexiconTagger, undefined)

/** The single steps a bundle splits into, as the analyser writes them (before they are checked). */
export const candidates = (text: string) => analysed(text).candidates.map((c) => c.text)

/** Each finding of the public check as `[code, the words it covers]`. */
export const found = (text: string) => checkActionStep(text).findings.map((f) => [f.code, text.slice(f.span[0], f.span[1])])

/** Each finding of the public check as one string, its code then its words: `"VAGUE Be patient"`. */
export const foundWords = (text: string) => found(text).map(([code, words]) => `${code} ${words}`)

/** The report of a granular step with nothing to say about it. */
export const granularReport = { granular: true, score: 1, findings: [], suggestions: [] }

/** Expects each text's one finding to be `NOT_AN_ACTION` over the whole text. */
export const expectNotAnAction = (texts: ReadonlyArray<string>) => {
  for (const text of texts) expect(foundWords(text), text).toEqual([`NOT_AN_ACTION ${text}`])
}
