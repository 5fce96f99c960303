/**
 * More tokenizer rules (`internal/tokens.ts`), the edges `tokens.test.ts` leaves open: speech
 * that ends the text, words that are not quotes, speech is never a joined word, only a hyphen
 * joins, a joined word is normalised like any other, punctuation keeps its exact text, and only a
 * final possessive 's leaves a word's key.
 */
import { describe, expect, it } from "vitest"
import { tokenize } from "../src/internal/tokens.js"

const kinds = (text: string) => tokenize(text).map((t) => [t.kind, t.text])

describe("tokenize: speech", () => {
  it("a closing quote at the very end of the text still closes the speech", () => {
    expect(kinds("Say \"well done\"")).toEqual([["word", "Say"], ["speech", "\"well done\""]])
    expect(kinds("Say ‘go’")).toEqual([["word", "Say"], ["speech", "‘go’"]])
  })

  it("only a quotation mark can open speech: a word such as \"constructor\" or \"toString\" is just a word", () => {
    expect(kinds("Name the constructor.")).toEqual([["word", "Name"], ["word", "the"], ["word", "constructor"], ["punct", "."]])
    expect(kinds("Call toString, valueOf.")).toEqual([
      ["word", "Call"], ["word", "toString"], ["punct", ","], ["word", "valueOf"], ["punct", "."]
    ])
  })

  it("speech is never a word joined by a hyphen, even straight after one", () => {
    const tokens = tokenize("a well-\"done\" moment")
    expect(tokens.map((t) => [t.kind, t.text, t.joined])).toEqual([
      ["word", "a", false], ["word", "well", false], ["punct", "-", false], ["speech", "\"done\"", false], ["word", "moment", false]
    ])
  })
})

describe("tokenize: joins and normal forms", () => {
  it("only a hyphen joins two words: a slash or a dash between them is kept as punctuation", () => {
    for (const [text, mark] of [["pair/share", "/"], ["pages 3–5", "–"], ["before—after", "—"], ["Sam+Jo", "+"]] as const) {
      const tokens = tokenize(text)
      expect(tokens.some((t) => t.kind === "punct" && t.text === mark), text).toBe(true)
      expect(tokens.some((t) => t.joined), text).toBe(false)
    }
  })

  it("a joined word is normalised like any word: its curly apostrophe is made straight", () => {
    const last = tokenize("my mother-in-law’s car").find((t) => t.text === "law’s")!
    expect(last).toMatchObject({ joined: true, norm: "law's", key: "law" })
  })

  it("punctuation is its own norm and key, character for character: a stray curly apostrophe stays curly", () => {
    const apostrophe = tokenize("the students’ books").find((t) => t.kind === "punct")!
    expect([apostrophe.text, apostrophe.norm, apostrophe.key]).toEqual(["’", "’", "’"])
  })

  it("only a possessive 's at the end of a word leaves its key: O'Sullivan keeps the 's inside it", () => {
    expect(tokenize("Ask O'Sullivan and D’Souza").map((t) => t.key)).toEqual(["ask", "o'sullivan", "and", "d'souza"])
  })
})
