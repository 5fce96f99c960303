/**
 * The analyser's rules for one clause (`internal/analyse.ts`): which word heads a clause, where
 * the object of its verb ends and when that object is concrete, which "more"/"better" is a habit
 * to change, when "by …ing" and "to <verb>" give the means, and how a clause is judged a move or
 * a unit. Rules that hold whatever tagger reads the words are checked with a tagger swapped in,
 * as `docs/decisions/0003` allows (a general tagger reads "cold" as an adjective, "to" otherwise).
 * (Written for the mutation run, issue 19: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import { checkActionStep } from "../src/index.js"
import { analyse } from "../src/internal/analyse.js"
import { lexiconTagger, type Pos, type Tagger } from "../src/internal/tagger.js"
import { found } from "./analyseSupport.js"


/** The lexicon tagger, except that the words given (by their lower-case form) get the tag given. */
const retagged = (tags: Readonly<Record<string, Pos>>): Tagger => ({
  name: "retagged",
  tag: (text, tokens) => lexiconTagger.tag(text, tokens).map((pos, i) => tags[tokens[i]!.norm] ?? pos)
})

/** The analysis with a tagger: findings as `[code, words]`, and the techniques named. */
const analysedWith = (tagger: Tagger, text: string) => {
  const a = analyse(text, tagger, undefined)
  return { findings: a.findings.map((f) => [f.code, text.slice(f.span[0], f.span[1])]), named: a.named.map((n) => n.id) }
}

describe("which word heads a clause", () => {
  it("an unknown word followed by its object (a determiner, a pronoun, a number or quoted words) is read as an imperative", () => {
    for (const text of ["Flick the lights.", "Flick them off.", "Flick 5 times.", "Holler 'pens down'."]) expect(found(text), text).toEqual([])
  })

  it("…only when it is a plain word of three or more letters a–z (not \"Don't\", not \"Écoutez\")", () => {
    for (const text of ["Don't you dare shout.", "Écoutez the audio."]) expect(found(text), text).toEqual([["NOT_AN_ACTION", text]])
  })

  it("…and only when the object follows on the same line", () => {
    expect(found("Flick\nthe lights.")).toEqual([["NOT_AN_ACTION", "Flick\nthe lights."]])
  })

  it("after an additive, an -ing verb starts a step of its own, suggested in its base form", () => {
    const text = "Name a student, as well as tightening the routine."
    expect(found(text)).toEqual([["COMPOUND", "Name a student, as well as tightening the routine"]])
    expect(analyse(text, lexiconTagger, undefined).candidates.map((c) => c.text)).toEqual(["Name a student.", "Tighten the routine."])
  })

  it("…but an -ing word the lexicon does not know as a verb, or a past participle, is part of the object", () => {
    expect(found("Set homework as well as evening reading.")).toEqual([])
    expect(found("Collect the homework as well as marked books.")).toEqual([])
  })

  it("a multi-word verb that ends its clause is read whole (\"…, then feed back\" names feedback)", () => {
    const text = "Circulate during the task, then feed back."
    expect(found(text)).toEqual([])
    expect(analyse(text, lexiconTagger, undefined).named.map((n) => n.id)).toEqual(["circulation", "whole-class-feedback"])
  })
})

describe("which word heads a clause, whatever the tagger says", () => {
  it("a digit never heads a clause, even one a tagger calls a verb", () => {
    expect(analysedWith(retagged({ "5": "verb" }), "5 minutes.").findings).toEqual([["NOT_AN_ACTION", "5 minutes."]])
  })

  it("a word the tagger reads as a base verb heads its clause, even one the lexicon does not know", () => {
    const gauge = retagged({ gauge: "verb" })
    expect(analysedWith(gauge, "Gauge the room.").findings).toEqual([])
    // and after "to" it is the purpose that makes "use cold call" a move
    expect(analysedWith(gauge, "Use cold call to gauge understanding.").findings).toEqual([])
    expect(found("Use cold call to gauge understanding.")).toEqual([["VAGUE", "Use cold call to gauge understanding"]])
  })

  it("…and is known by its lemma (\"Praising effort\" read as a verb names praise)", () => {
    expect(analysedWith(retagged({ praising: "verb" }), "Praising effort.")).toEqual({ findings: [["VAGUE", "Praising effort"]], named: ["praise"] })
  })

  it("a word the tagger does not read as a verb heads a clause only when it starts a multi-word verb", () => {
    expect(analysedWith(retagged({ pause: "noun" }), "Pause five seconds.").findings).toEqual([["NOT_AN_ACTION", "Pause five seconds."]])
    // a general tagger reads "cold" as an adjective: "cold call" is still the verb
    expect(analysedWith(retagged({ cold: "adj" }), "Cold call the back row.")).toEqual({ findings: [], named: ["cold-call"] })
  })
})

describe("where the object of a verb ends, and when it is concrete", () => {
  it("an aim verb with an abstract object is VAGUE on the verb", () => {
    expect(found("Improve the walk to the board.")).toEqual([["VAGUE", "Improve"]])
  })

  it("the object ends at a comma, a subordinator or a conjunction: a concrete word after it does not count", () => {
    expect(found("Tighten the routine, pens down.")).toEqual([["VAGUE", "Tighten"]])
    expect(found("Improve the routine when the timer goes.")).toEqual([["VAGUE", "Improve"]])
    expect(found("Tighten the start so the question is on the board.")).toEqual([["VAGUE", "Tighten"]])
  })

  it("the object ends at \"to\" and \"by\", whatever the tagger calls them", () => {
    const loose = retagged({ to: "unknown", by: "unknown" })
    expect(analysedWith(loose, "Improve the walk to the board.").findings).toEqual([["VAGUE", "Improve"]])
    expect(analysedWith(loose, "Improve transitions by the door.").findings).toEqual([["VAGUE", "Improve"]])
  })

  it("quoted words are a concrete object: an aim verb with them is a move", () => {
    expect(found("Encourage 'please' and 'thank you'.")).toEqual([])
  })
})

describe("what counts as a comparative (a habit to change)", () => {
  it("a number before it makes a count, whatever the tagger calls the number; a number after it does not", () => {
    expect(found("Give 5 more minutes.")).toEqual([])
    expect(analysedWith(retagged({ "5": "unknown" }), "Give 5 more minutes.").findings).toEqual([])
    expect(found("Ask more 2-mark questions.")).toEqual([["VAGUE", "more"]])
  })

  it("\"no more\" and \"any more\" are not comparatives", () => {
    expect(found("Take questions until no more hands go up.")).toEqual([])
    expect(found("Ask whether there are any more questions.")).toEqual([])
  })
})

describe("the means of an aim: \"by …ing\"", () => {
  it("an aim with its means given is a move", () => {
    expect(found("Improve transitions by counting down from five.")).toEqual([])
  })

  it("\"by\" without an -ing verb is not a means", () => {
    expect(found("Improve transitions by Friday.")).toEqual([["VAGUE", "Improve"]])
  })

  it("a technique verb with a generic object is a move when the means are given", () => {
    expect(found("Praise effort.")).toEqual([["VAGUE", "Praise effort"]])
    expect(found("Praise effort by naming the strategy used.")).toEqual([])
  })
})

describe("the purpose of a technique put to use: \"to <verb>\"", () => {
  it("\"use <technique> to <verb> …\" is a move; \"to\" with no verb after it is not a purpose", () => {
    expect(found("Use cold call to check understanding.")).toEqual([])
    expect(found("Use cold call to the back row.")).toEqual([["VAGUE", "Use cold call to the back row"]])
  })

  it("a verb after \"to\" counts as the purpose in any form the tagger gives it (\"to be sure\")", () => {
    expect(found("Use mini whiteboards to be sure everyone has answered.")).toEqual([])
  })
})

describe("judging a clause that is not a verb", () => {
  it("a noun phrase alone is NOT_AN_ACTION, and VAGUE on a vague phrase it names", () => {
    const report = checkActionStep("Behaviour management.")
    expect(report.findings.map((f) => [f.code, f.span])).toEqual([["NOT_AN_ACTION", [0, 21]], ["VAGUE", [0, 20]]])
    expect(report.findings[1]!.message).toContain('"Behaviour management"')
  })

  it("a student outcome is a step of its own, not a move of the teacher's routine", () => {
    expect(found("Pose the question and students answer on whiteboards.")).toEqual([
      ["STUDENT_OUTCOME", "students answer on whiteboards"],
      ["COMPOUND", "Pose the question and students answer on whiteboards"]
    ])
  })
})

describe("judging a verb clause", () => {
  it("a move that starts with a verb of the teacher's head is not UNOBSERVABLE (\"think aloud\")", () => {
    expect(found("Think aloud as you solve the first problem.")).toEqual([])
  })

  it("\"ensure\" with a student subject is VAGUE and a STUDENT_OUTCOME, like \"make sure\"", () => {
    expect(found("Ensure all students are seated.")).toEqual([["VAGUE", "Ensure"], ["STUDENT_OUTCOME", "all students are seated"]])
    expect(found("Make sure all students are seated.")).toEqual([["VAGUE", "Make sure"], ["STUDENT_OUTCOME", "all students are seated"]])
  })

  it.each(["Be much firmer.", "Be even calmer.", "Be a bit firmer.", "Be a lot calmer.", "Be a little firmer.", "Be far clearer."])(
    "\"be\" with a degree word before a comparative is VAGUE on the whole phrase: %s",
    (text) => {
      expect(found(text)).toEqual([["VAGUE", text.slice(0, -1)]])
    }
  )

  it("\"be\" with nothing after its degree words is VAGUE on the comparative", () => {
    expect(found("Be a bit more")).toEqual([["VAGUE", "more"]])
  })

  it("\"be\" with a concrete word after a degree word, or with a word that only contains \"er\", is not vague", () => {
    expect(found("Be a silent presence at the door.")).toEqual([])
    expect(found("Be there at the door as they arrive.")).toEqual([])
  })

  it("a vague adverb is VAGUE, except in \"as … as\" and in \"well\" before another word", () => {
    expect(found("Explain the steps clearly as you write them.")).toEqual([["VAGUE", "clearly"]])
    expect(found("Model the first answer as clearly as you can.")).toEqual([])
    expect(found("Model the answer well.")).toEqual([["VAGUE", "well"]])
    expect(found("Say well done to the first three.")).toEqual([])
  })

  it("a broad noun counts only near the object of a broad verb, not in the next clause", () => {
    expect(found("Plan the seating, then read the behaviour policy aloud.")).toEqual([])
  })

  it("a technique spelt out after a colon is not a unit, even when what follows is no clause", () => {
    expect(found("Use cold call: the back row.")).toEqual([])
  })

  it("a technique verb with a generic object (a noun, \"your …\", after skipping a plain adverb) is a unit", () => {
    expect(found("Praise behaviour.")).toEqual([["VAGUE", "Praise behaviour"]])
    expect(found("Scaffold your questions.")).toEqual([["VAGUE", "Scaffold your questions"]])
    expect(found("Model aloud sentence starters.")).toEqual([["VAGUE", "Model aloud sentence starters"]])
  })
})

describe("a step without a closing full stop reads as with one", () => {
  it.each([
    ["Improve questioning", [["VAGUE", "Improve"]]],
    ["Praise more", [["VAGUE", "more"]]],
    ["Use cold call", [["VAGUE", "Use cold call"]]],
    ["Model the answer well", [["VAGUE", "well"]]],
    ["Circulate", []]
  ])("%s", (text, expected) => {
    expect(found(text)).toEqual(expected)
    expect(found(`${text}.`)).toEqual(expected)
  })
})

describe("a line break ends a clause: nothing in one line reaches into the next", () => {
  it("a multi-word verb does not run across it", () => {
    expect(analyse("Circulate, then feed\nback to the class.", lexiconTagger, undefined).named.map((n) => n.id)).toEqual(["circulation"])
  })

  it("\"by\" or \"to\" at the end of a line gives no means or purpose to its clause", () => {
    expect(found("Improve transitions by\ncounting down from five.")).toEqual([["VAGUE", "Improve"]])
    expect(found("Use cold call to\nname a student.")).toEqual([["COMPOUND", "Use cold call to\nname a student"]])
  })
})
