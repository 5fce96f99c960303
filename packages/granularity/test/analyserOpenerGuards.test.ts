/**
 * The edges of the version-3 rules for openings written with no comma (analyserOpeners.test.ts
 * states the rules themselves): which word after an opening starts the step, and which openings,
 * subjects and verbs a time or condition clause may have. Written against the survivors of a
 * Stryker run over those rules (docs/testing.md); each case is a verdict a coach would give.
 */
import { describe, expect, it } from "vitest"
import { checkActionStep } from "../src/index.js"
import { expectNotAnAction, foundWords as found, granularReport as granular } from "./analyseSupport.js"

/** The whole report in words: verdict, score, findings, suggestions. */
const read = (text: string) => {
  const r = checkActionStep(text)
  return { granular: r.granular, score: r.score, findings: found(text), suggestions: r.suggestions }
}

/** Expects every text to be a granular step with nothing to report. */
const allGranular = (texts: ReadonlyArray<string>) => {
  for (const text of texts) expect(read(text), text).toEqual(granular)
}

describe("the step after a sequence word or a clause: a verb the tagger read as a noun", () => {
  it("a move verb alone after a clause that ends in an adjective is the step (\"When everyone is silent wait.\")", () => {
    allGranular(["When everyone is silent wait.", "Once they are ready pause.", "When the whole class is silent wait for the bell."])
  })

  it("after a lone sequence word, a verb followed by a pronoun, an object or speech is the step (\"Next praise them.\")", () => {
    allGranular(["Next praise them.", "Next give them a minute.", "Next say \"Pens down\".", "First say \"Pens down\"."])
  })

  it("after a phrase ending in a sequence word (\"At first\"), the step is read as after the phrase", () => {
    for (const text of ["At first stand at the door.", "At first, stand at the door."]) expect(read(text), text).toEqual(granular)
  })

  it("a sequence word before a noun phrase names no step (\"Next step of the lesson.\", \"Next time like a pro.\")", () => {
    expectNotAnAction(["Next step of the lesson.", "Next time like a pro."])
    // a verb read as a noun after "First" or "Next" is the step only before an object ("Next name a
    // student"); before a particle or a phrase it stays the noun ("the first hand up")
    expectNotAnAction(["First hand up after a second.", "Next hand up after a second."])
    expect(found("Maybe next time like a pro.")).toEqual(["HEDGED Maybe", "NOT_AN_ACTION Maybe next time like a pro."])
  })

  it("\"be\" after a joining sequence word is the step, judged as without it (\"Then be calm.\" is VAGUE)", () => {
    expect(found("Then be calm.")).toEqual(["VAGUE be calm"])
    expect(found("Then, be calm.")).toEqual(["VAGUE be calm"])
    expect(found("After the last two finished be calm.")).toEqual(["VAGUE be calm"])
  })

  it("after a place or time phrase, a light verb with its object is the step (\"During the plenary do a countdown from five.\")", () => {
    allGranular(["During the plenary do a countdown from five.", "Before the practical demonstrate lighting the Bunsen burner once while naming each step aloud."])
  })
})

describe("a hedge after an opening hedges the step; alone it is none", () => {
  it("\"After the last two talk you could wait.\" is the step \"After the last two talk wait.\", hedged", () => {
    for (const [text, hedge, step] of [
      ["After the last two talk you could wait.", "you could", "After the last two talk wait."],
      ["When they finish you could wait.", "you could", "When they finish wait."],
      ["When they finish maybe wait.", "maybe", "When they finish wait."]
    ] as const) {
      expect(read(text), text).toEqual({ granular: false, score: checkActionStep(text).score, findings: [`HEDGED ${hedge}`], suggestions: [step] })
    }
  })

  it("a hedge between a sequence word and students hedges their outcome (\"Maybe next students write a paragraph.\")", () => {
    expect(found("Maybe next students write a paragraph.")).toEqual(["HEDGED Maybe", "STUDENT_OUTCOME Maybe next students write a paragraph"])
  })

  it("a hedge with no step after the opening names no action (\"When they finish maybe.\")", () => {
    expect(found("When they finish maybe.")).toEqual(["HEDGED maybe", "NOT_AN_ACTION When they finish maybe."])
  })

  it("an opening hedge before a verb read as a noun keeps its suggestion (\"If possible greet students at the door.\")", () => {
    expect(read("If possible greet students at the door.")).toEqual({
      granular: false,
      score: checkActionStep("If possible greet students at the door.").score,
      findings: ["HEDGED If possible"],
      suggestions: ["Greet students at the door."]
    })
  })
})

describe("a time or condition clause before the step: its subject and its verb", () => {
  it("the subject may hold a determiner, a number, an adjective, a noun or an unknown word", () => {
    allGranular(["When the first group goes pause five seconds.", "When the buzzer goes stand at the door.", "When the whole class is silent wait."])
  })

  it("the clause's verb may be in any form, with a particle (\"When the bell finished wait.\", \"When the last two start talking wait for silence.\")", () => {
    allGranular(["When the task is set circulate the room.", "When they start talking stand at the door.", "When the bell finished wait.", "When the last two start talking wait for silence.", "When it gets loud point to the board.", "When they ask for help go to them."])
  })

  it("a verb after the clause's own verb starts the step, also when it has a particle or an object (\"…silent flick the lights\")", () => {
    allGranular(["When the class is silent flick the lights.", "When the class is silent set up the visualiser.", "When they are ready hand out the sheets."])
  })

  it("an empty verb after the clause names no move, with the comma or without (\"When they ask for help go.\")", () => {
    expectNotAnAction(["When they ask for help go.", "When the first group asks for help go.", "When the first group asks for help, go."])
  })

  it("what students do after the clause is no step of the teacher's (\"When the bell goes students line up.\")", () => {
    expectNotAnAction(["When the bell goes students line up.", "When the bell goes the students write.", "When they are working the students write.", "After you settle down the students write."])
  })
})

describe("bundles of noun phrases stay one unit", () => {
  it("\"Wait time, more praise and fewer sanctions.\" names no action and two vague aims, and is no compound", () => {
    expect(found("Wait time, more praise and fewer sanctions.")).toEqual(["NOT_AN_ACTION Wait time, more praise and fewer sanctions.", "VAGUE more", "VAGUE fewer"])
  })
})
