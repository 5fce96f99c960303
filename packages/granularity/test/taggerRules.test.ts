/**
 * The lexicon tagger's rules (`internal/tagger.ts`), stated word by word: which part of speech a
 * word gets from the word lists, from its neighbours and from its ending. The analyser reads a
 * step through these tags, so each rule here is one the checker's findings rest on.
 * (Written for the mutation run: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import { lexiconTagger } from "../src/internal/tagger.js"
import { tokenize } from "../src/internal/tokens.js"

/** Each token's text with its tag: `[["Pause", "verb"], [".", "punct"]]`. */
const tagged = (text: string) => {
  const tokens = tokenize(text)
  const tags = lexiconTagger.tag(text, tokens)
  return tokens.map((t, i) => [t.text, tags[i]])
}
/** The tag of the first token whose text is `word`. */
const tagOf = (text: string, word: string) => {
  const found = tagged(text).find(([t]) => t === word)
  if (found === undefined) throw new Error(`${word} is not a token of ${text}`)
  return found[1]
}

describe("tokens that are not words", () => {
  it("quoted speech, punctuation and digits keep their own tags, one tag per token", () => {
    expect(tagged("Say \"well done\" to 5 students.")).toEqual([
      ["Say", "verb"], ["\"well done\"", "speech"], ["to", "prep"], ["5", "num"], ["students", "noun"], [".", "punct"]
    ])
    expect(tagged("Pause, then nod!")).toEqual([["Pause", "verb"], [",", "punct"], ["then", "adv"], ["nod", "verb"], ["!", "punct"]])
  })
})

describe("function words", () => {
  it("\"have\" and \"need\" are main verbs, never auxiliaries, also in the middle of a sentence", () => {
    expect(tagged("Students have a go and need a pen.")).toEqual([
      ["Students", "noun"], ["have", "verb"], ["a", "det"], ["go", "noun"], ["and", "conj"], ["need", "verb"], ["a", "det"], ["pen", "noun"], [".", "punct"]
    ])
    expect(tagOf("They have time.", "have")).toBe("verb")
    expect(tagOf("They need time.", "need")).toBe("verb")
  })

  it("\"then\" and \"also\" are adverbs; the other conjunctions are conjunctions", () => {
    expect(tagged("Point, then nod; also wait.").filter(([, t]) => t !== "punct")).toEqual([
      ["Point", "verb"], ["then", "adv"], ["nod", "verb"], ["also", "adv"], ["wait", "verb"]
    ])
    for (const conj of ["and", "or", "but", "nor", "yet"]) expect(tagOf(`Point ${conj} nod.`, conj), conj).toBe("conj")
  })

  it("a subordinator (if, when, because, although, whether) is tagged sub", () => {
    for (const sub of ["if", "when", "because", "although", "whether", "unless"]) expect(tagOf(`Nod ${sub} they answer.`, sub), sub).toBe("sub")
  })

  it("a number word that is not also a determiner (eleven, twelve, twenty, hundred) is a number", () => {
    for (const n of ["eleven", "twelve", "twenty", "hundred"]) expect(tagOf(`Count ${n} books.`, n), n).toBe("num")
  })
})

describe("a closed-class word that is also a verb (\"be\", \"like\")", () => {
  it("is a verb where an imperative can start: first, after punctuation, after a conjunction", () => {
    expect(tagOf("Be calm.", "Be")).toBe("verb")
    expect(tagOf("Sit down. Be calm.", "Be")).toBe("verb")
    expect(tagOf("Sit down and be calm.", "be")).toBe("verb")
  })

  it("keeps its closed class anywhere else", () => {
    expect(tagOf("You will be ready.", "be")).toBe("aux")
    expect(tagOf("Stand like a statue.", "like")).toBe("prep")
    expect(tagOf("Students work like scientists.", "like")).toBe("prep")
  })
})

describe("verbs and nouns", () => {
  it("a known verb after a number or an adjective is a noun (\"two checks\", \"a useful check\")", () => {
    expect(tagOf("Give two checks.", "checks")).toBe("noun")
    expect(tagOf("Give 5 checks.", "checks")).toBe("noun")
    expect(tagOf("Give a useful check.", "check")).toBe("noun")
  })

  it("a verb joined by a hyphen to the verb before it is a noun (think-pair), but not when joined to another word (re-teach)", () => {
    expect(tagOf("Think-pair-share now.", "Think")).toBe("verb")
    expect(tagOf("Think-pair-share now.", "pair")).toBe("noun")
    expect(tagOf("Re-teach the rule.", "teach")).toBe("verb")
    expect(tagOf("Self-assess the work.", "assess")).toBe("verb")
  })

  it("a known verb in the -ed form is tagged verb-ed", () => {
    expect(tagged("Students checked the answers and named them.").map(([, t]) => t)).toEqual(
      ["noun", "verb-ed", "det", "noun", "conj", "verb-ed", "pron", "punct"]
    )
  })

  it("a known verb read as a noun is a noun even when the noun list lacks it (\"a scan\")", () => {
    expect(tagOf("Do a scan of the room.", "scan")).toBe("noun")
    expect(tagOf("Count the checks.", "checks")).toBe("noun")
  })
})

describe("words no list knows, read from their ending", () => {
  it("a word longer than four letters ending in -ly is an adverb; a four-letter one (July) is not", () => {
    expect(tagOf("Nod carefully.", "carefully")).toBe("adv")
    expect(tagOf("Read it warmly.", "warmly")).toBe("adv")
    expect(tagOf("Start in July.", "July")).toBe("unknown")
  })

  it("a word longer than four letters with an adjective ending (-ful, -ous, -ive …) is an adjective; a four-letter one (Eric) is not", () => {
    for (const adj of ["useful", "curious", "active", "readable", "visible", "formal", "public", "careless", "patient", "relevant"]) {
      expect(tagOf(`Give a ${adj} card.`, adj), adj).toBe("adj")
    }
    expect(tagOf("Praise Eric.", "Eric")).toBe("unknown")
  })

  it("a word longer than four letters ending in -ing is an -ing verb; a four-letter one (king) is not", () => {
    expect(tagOf("Stop fidgeting and doodling.", "fidgeting")).toBe("verb-ing")
    expect(tagOf("Stop fidgeting and doodling.", "doodling")).toBe("verb-ing")
    expect(tagOf("Draw the king.", "king")).toBe("unknown")
  })
})
