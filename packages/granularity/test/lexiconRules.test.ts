/**
 * The lexicon's rules of English word forms (`internal/lexicon.ts`), word by word: en-US -ize and
 * -yze spellings made en-GB, plurals made singular, inflected verbs brought back to the verb the
 * lexicon lists, the inflection a form shows, and how a phrase list is split and indexed.
 * (Written for the mutation run: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import { normalise, phraseSet, singular, verbForm, verbLemma } from "../src/internal/lexicon.js"

describe("normalise: en-US -ize and -yze spellings become en-GB -ise and -yse", () => {
  it.each([
    ["organize", "organise"], ["organizes", "organises"], ["organized", "organised"], ["organizing", "organising"],
    ["organization", "organisation"], ["organizations", "organisations"], ["organizer", "organiser"], ["organizers", "organisers"],
    ["analyze", "analyse"], ["paralyzed", "paralysed"], ["catalyzing", "catalysing"]
  ])("%s → %s", (us, gb) => {
    expect(normalise(us)).toBe(gb)
  })

  it("only an -ize ending that closes the word is respelled: 'citizen', 'citizenship' and 'prizewinner' are kept", () => {
    for (const w of ["citizen", "citizens", "citizenship", "prizewinner"]) expect(normalise(w), w).toBe(w)
  })

  it("words whose -ize is not the en-US ending are kept: prize, seize, maize, baize, capsize, oversized", () => {
    for (const w of ["prize", "prizes", "seize", "seized", "maize", "baize", "capsize", "oversized"]) expect(normalise(w), w).toBe(w)
  })
})

describe("singular: a plural made singular by rule", () => {
  it.each([
    // -s
    ["steps", "step"], ["questions", "question"], ["names", "name"],
    // -ies → -y, but a four-letter -ies word only loses its s
    ["activities", "activity"], ["strategies", "strategy"], ["ties", "tie"], ["pies", "pie"],
    // -ches, -shes, -xes, -zes and -sses lose -es
    ["churches", "church"], ["dishes", "dish"], ["boxes", "box"], ["buzzes", "buzz"], ["glasses", "glass"],
    // -ches inside a word (orchestra, chess) does not count: only the final s goes
    ["orchestras", "orchestra"], ["chessboards", "chessboard"]
  ])("%s → %s", (plural, one) => {
    expect(singular(plural)).toBe(one)
  })

  it("irregular plurals take their listed singular: criteria, children, people, analyses", () => {
    expect(["criteria", "children", "people", "analyses"].map(singular)).toEqual(["criterion", "child", "person", "analysis"])
  })

  it("words that only look plural are kept: listed ones (does, this, always), -ss, -us, -is, possessive 's, three letters or fewer", () => {
    for (const w of ["does", "this", "always", "boss", "address", "campus", "status", "basis", "thesis", "sam's", "teacher's", "gas", "abs"]) {
      expect(singular(w), w).toBe(w)
    }
  })
})

describe("verbLemma: an inflected form back to the verb the lexicon lists", () => {
  it.each([
    // base form
    ["name", "name"],
    // -ing: the stem, the stem with e, the stem with a doubled consonant undone
    ["asking", "ask"], ["naming", "name"], ["planning", "plan"], ["stopping", "stop"], ["tapping", "tap"],
    // -ied → -y
    ["clarified", "clarify"], ["simplified", "simplify"], ["tried", "try"],
    // -ed: the stem, the stem with e, the stem with a doubled consonant undone
    ["asked", "ask"], ["named", "name"], ["planned", "plan"], ["stopped", "stop"],
    // -ies → -y
    ["clarifies", "clarify"], ["tries", "try"],
    // -es: without -es (watch-es) or without -s (name-s)
    ["watches", "watch"], ["fixes", "fix"], ["passes", "pass"], ["names", "name"],
    // -s
    ["asks", "ask"]
  ])("%s → %s", (form, lemma) => {
    expect(verbLemma(form)).toBe(lemma)
  })

  it("a final consonant is dropped only when it is doubled: 'planting' and 'planted' are not forms of 'plan'", () => {
    expect(verbLemma("planting")).toBeUndefined()
    expect(verbLemma("planted")).toBeUndefined()
    expect(verbLemma("seeding")).toBeUndefined()
  })

  it("a word of four letters ending -ing, or three ending -ed, is no inflection: 'bing' and 'bed' are not forms of 'be'", () => {
    for (const w of ["bing", "king", "wing", "bed", "led"]) expect(verbLemma(w), w).toBeUndefined()
  })

  it("only the listed endings are taken off: a word that merely starts with a verb is not a form of it", () => {
    for (const w of ["planet", "pint", "bee"]) expect(verbLemma(w), w).toBeUndefined()
  })
})

describe("verbForm: the inflection a verb form shows, by its ending", () => {
  it.each([
    ["name", "name", "base"], ["naming", "name", "ing"], ["named", "name", "ed"], ["names", "name", "s"],
    // the ending decides, not the start
    ["edits", "edit", "s"],
    // a form with none of the endings (an irregular past) is read as past
    ["ran", "run", "ed"]
  ] as const)("%s (of %s) → %s", (form, lemma, inflection) => {
    expect(verbForm(form, lemma)).toBe(inflection)
  })
})

describe("phraseSet: phrases split into words and indexed by their first word", () => {
  it("splits on runs of spaces and hyphens, drops empty pieces, and normalises each word", () => {
    const set = phraseSet([["Think-pair‐share", 1], ["  hand   out ", 2], ["-organize - groups-", 3]])
    expect([...set.byFirst.keys()]).toEqual(["think", "hand", "organise"])
    expect(set.byFirst.get("think")).toEqual([{ words: ["think", "pair", "share"], value: 1 }])
    expect(set.byFirst.get("hand")).toEqual([{ words: ["hand", "out"], value: 2 }])
    expect(set.byFirst.get("organise")).toEqual([{ words: ["organise", "groups"], value: 3 }])
  })

  it("skips a phrase with no words in it", () => {
    const set = phraseSet([["", 1], [" - ", 2], ["go", 3]])
    expect([...set.byFirst.entries()]).toEqual([["go", [{ words: ["go"], value: 3 }]]])
  })

  it("a phrase whose first word is plural is found under its singular too; any other phrase once, under its first word", () => {
    const plural = phraseSet([["questions to ask", 1]])
    expect([...plural.byFirst.keys()]).toEqual(["questions", "question"])
    expect(plural.byFirst.get("question")).toEqual([{ words: ["questions", "to", "ask"], value: 1 }])
    const single = phraseSet([["hand out", 1]])
    expect([...single.byFirst.entries()]).toEqual([["hand", [{ words: ["hand", "out"], value: 1 }]]])
  })

  it("under each first word the longer phrases come first; phrases of one length keep their order", () => {
    const set = phraseSet([["cold", 1], ["cold call", 2], ["cold call them now", 3], ["cold water", 4], ["cold hands warm", 5]])
    expect(set.byFirst.get("cold")!.map((p) => p.value)).toEqual([3, 5, 2, 4, 1])
  })
})
