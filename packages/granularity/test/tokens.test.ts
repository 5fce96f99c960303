/**
 * How the analyser splits a step into tokens (`internal/tokens.ts`), rule by rule: words,
 * numbers and punctuation with their spans, quoted speech as one opaque token, hyphenated words
 * joined, line breaks noted, and each word's spelling-neutral, singular key.
 */
import { describe, expect, it } from "vitest"
import { tokenize } from "../src/internal/tokens.js"

const kinds = (text: string) => tokenize(text).map((t) => [t.kind, t.text])
const speech = (text: string) => tokenize(text).filter((t) => t.kind === "speech").map((t) => t.text)

describe("tokenize", () => {
  it("gives words, numbers and punctuation, each with its span in the text", () => {
    const text = "Pause 5 seconds, then name Sam."
    const tokens = tokenize(text)
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ["word", "Pause"], ["number", "5"], ["word", "seconds"], ["punct", ","], ["word", "then"], ["word", "name"], ["word", "Sam"], ["punct", "."]
    ])
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text)
  })

  it("reads numbers with their separators as one number, and apostrophes inside a word as part of it", () => {
    expect(kinds("1.5 and 3,000 at 9:05")).toEqual([["number", "1.5"], ["word", "and"], ["number", "3,000"], ["word", "at"], ["number", "9:05"]])
    expect(kinds("it's Sam’s")).toEqual([["word", "it's"], ["word", "Sam’s"]])
  })

  it("normalises a word to lower case, en-GB spelling and a straight apostrophe; its key is singular without 's", () => {
    const [a, b, c, d] = tokenize("Color Behaviors Sam’s students'")
    expect([a!.norm, a!.key]).toEqual(["colour", "colour"])
    expect([b!.norm, b!.key]).toEqual(["behaviours", "behaviour"])
    expect([c!.norm, c!.key]).toEqual(["sam's", "sam"])
    expect([d!.norm, d!.key]).toEqual(["students", "student"])
    // punctuation and numbers are their own norm and key
    expect(tokenize("3 ,").map((t) => [t.norm, t.key])).toEqual([["3", "3"], [",", ","]])
  })

  it("joins hyphenated words: the hyphen is dropped and the next word marked as joined", () => {
    expect(tokenize("think-pair-share").map((t) => [t.text, t.joined])).toEqual([["think", false], ["pair", true], ["share", true]])
    expect(tokenize("x‐y").map((t) => [t.text, t.joined])).toEqual([["x", false], ["y", true]])
    expect(tokenize("co-ordinate").map((t) => [t.norm, t.joined])).toEqual([["co", false], ["ordinate", true]])
    expect(tokenize("Year-9").map((t) => [t.kind, t.joined])).toEqual([["word", false], ["number", true]])
  })

  it("keeps a hyphen that does not join two words", () => {
    for (const text of ["a - b", "a -b", "a- b", "a-", "-a", "a-,", ",-a"]) {
      expect(tokenize(text).some((t) => t.text === "-"), text).toBe(true)
      expect(tokenize(text).some((t) => t.joined), text).toBe(false)
    }
  })

  it("notes a line break between a token and the one before it", () => {
    expect(tokenize("Colour\nthe\r\nboard now").map((t) => t.newline)).toEqual([false, true, true, false])
    expect(tokenize("\nStart").map((t) => t.newline)).toEqual([false])
    expect(tokenize("a\u2028b c\u2029d").map((t) => t.newline)).toEqual([false, true, false, true])
  })
})

describe("quoted speech is one token", () => {
  it.each([
    ["\"well done\"", "Say \"well done\" now"],
    ["“well done”", "Say “well done” now"],
    ["“well done\"", "Say “well done\" now"],
    ["‘well done’", "Say ‘well done’ now"],
    ["‘well done'", "Say ‘well done' now"],
    ["'well done'", "Say 'well done' now"],
    ["'well done’", "Say 'well done’ now"],
    ["«well done»", "Say «well done» now"]
  ])("%s", (quote, text) => {
    const tokens = tokenize(text)
    expect(tokens.map((t) => t.kind)).toEqual(["word", "speech", "word"])
    expect(tokens[1]).toMatchObject({ text: quote, start: 4, end: 4 + quote.length, norm: "", key: "" })
  })

  it("a straight single quote opens speech only at the start or after a space, ( [ or a colon", () => {
    expect(speech("'go' now")).toEqual(["'go'"])
    expect(speech("(‘go’) [‘c’] :'d' ('e') ['f']")).toEqual(["‘go’", "‘c’", "'d'", "'e'", "'f'"])
    expect(speech("x'go' y")).toEqual([])
    expect(speech("-'go' y")).toEqual([])
    // other quotes open anywhere
    expect(speech("x“go” y")).toEqual(["“go”"])
  })

  it("an opening quote followed by a space, or never closed, is punctuation", () => {
    expect(kinds("Say \" go\"")).toEqual([["word", "Say"], ["punct", "\""], ["word", "go"], ["punct", "\""]])
    expect(kinds("\"unclosed")).toEqual([["punct", "\""], ["word", "unclosed"]])
    expect(speech("Say “go’ now")).toEqual([])
  })

  it("a closing quote follows a non-space and is not inside a word", () => {
    expect(speech("Say 'don't' now")).toEqual(["'don't'"])
    expect(speech("'a'b' c")).toEqual(["'a'b'"])
    expect(speech("Say \"go \" now\" x")).toEqual(["\"go \" now\""])
    expect(speech("Say \"go\"2 x\" y")).toEqual(["\"go\"2 x\""])
  })
})
