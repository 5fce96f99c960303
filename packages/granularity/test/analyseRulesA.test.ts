/**
 * How the analyser reads a step into sentences, parts and clauses (`internal/analyse.ts`:
 * `protect`, `readParts`, `readClauses`), stated rule by rule: which words inside a known phrase
 * never split it, where a sentence or a part ends (full stops, abbreviations, line breaks,
 * colons), what a fronted frame is, which words and marks separate clauses or add a step, and
 * when a technique name that looks like an imperative stays a noun phrase.
 * (Written for the mutation run, issue 19: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import { checkActionStep, makeChecker } from "../src/index.js"
import { candidates } from "./analyseSupport.js"

type Check = (text: string) => ReturnType<typeof checkActionStep>

/** Each finding as its code and the words it points at: `[["VAGUE", "Use cold call"]]`. */
const findings = (text: string, check: Check = checkActionStep) =>
  check(text).findings.map((f) => [f.code, text.slice(f.span[0], f.span[1])])
/** The analyser's candidate single steps: the groups of a bundle, or the step without its hedge. */
/** A step with no finding at all. */
const clean = (text: string) => expect(checkActionStep(text), text).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })

describe("a conjunction inside a known phrase never splits it", () => {
  it("\"then\" in the hedge \"now and then\" is part of the hedge, not a sequencer", () => {
    const text = "Now and then praise effort."
    expect(findings(text)).toEqual([["HEDGED", "Now and then"]])
    expect(candidates(text)).toEqual(["Praise effort."])
  })

  it("\"or\", \"plus\" and \"also\" inside a school's technique name keep the name whole", () => {
    const school = makeChecker({ techniques: ["Show or Tell", "Praise Plus Push", "Tell Me Also"] })
    // one technique put to use, with nothing concrete: an aim, flagged on the whole name
    for (const text of ["Use Show or Tell.", "Use Praise Plus Push.", "Use Tell Me Also."]) {
      expect(findings(text, school), text).toEqual([["VAGUE", text.slice(0, -1)]])
    }
  })
})

describe("sentences: full stops, abbreviations and line breaks", () => {
  it("the full stop of an abbreviation written against its word (e.g., i.e.) does not end the sentence", () => {
    clean("Praise effort, e.g. say \"well done\".")
  })

  it("a semicolon or exclamation mark after an abbreviation still ends the sentence", () => {
    for (const text of ["Hand out pens, rulers etc; use cold call.", "Hand out pens, rulers etc! Use cold call."]) {
      expect(findings(text).map(([code]) => code), text).toEqual(["COMPOUND"])
      expect(candidates(text), text).toEqual(["Hand out pens, rulers etc.", "Use cold call."])
    }
  })

  it("a full stop set apart from the abbreviation by a space ends the sentence", () => {
    const text = "Hand out pens, rulers etc . Use cold call."
    expect(findings(text)).toEqual([["COMPOUND", "Hand out pens, rulers etc . Use cold call"]])
    expect(candidates(text)).toEqual(["Hand out pens, rulers etc.", "Use cold call."])
  })

  it("punctuation before the first word (a leading ellipsis or full stop) is ignored", () => {
    clean("...Pause five seconds.")
    clean(". Pause five seconds.")
  })

  it("a line break ends a sentence even without a full stop", () => {
    const text = "Use cold call\nPraise effort"
    expect(findings(text)).toEqual([["COMPOUND", text]])
    expect(candidates(text)).toEqual(["Use cold call.", "Praise effort."])
  })

  it("a line on its own is not the object of the line before it", () => {
    expect(findings("Praise effort\nthe back row")).toEqual([["VAGUE", "Praise effort"]])
  })
})

describe("a colon: what follows spells out the step before it", () => {
  it("a technique spelt out after a colon is one step, also when the moves start on the next line", () => {
    clean("Use wait time: pause five seconds, then name a student.")
    clean("Use wait time:\nPause five seconds.")
  })

  it("a colon with nothing after it elaborates nothing", () => {
    expect(findings("Use cold call:")).toEqual([["VAGUE", "Use cold call"]])
  })

  it("a colon followed straight by a full stop elaborates nothing", () => {
    const text = "Use cold call: . Nod."
    expect(findings(text)).toEqual([["COMPOUND", text.slice(0, -1)]])
    expect(candidates(text)).toEqual(["Use cold call.", "Nod."])
  })

  it("the elaboration ends with its sentence or its line: a technique after it is a step of its own", () => {
    for (const text of ["Use wait time: pause. Use cold call.", "Use wait time: pause\nUse cold call."]) {
      expect(findings(text).map(([code]) => code), text).toEqual(["COMPOUND"])
      expect(candidates(text), text).toEqual(["Use wait time: pause.", "Use cold call."])
    }
  })

  it("the clauses before a colon are not an elaboration: two moments stay two steps", () => {
    const text = "Greet students at the door and in the plenary ask them one question: what did you learn?"
    expect(findings(text)).toEqual([["COMPOUND", "Greet students at the door and in the plenary ask them one question"]])
    expect(candidates(text)).toEqual(["Greet students at the door.", "In the plenary ask them one question."])
  })
})

describe("an additive word at the start of a sentence adds a step", () => {
  it("\"Additionally,\" starting a sentence makes what follows a separate step, without the word or its comma", () => {
    const text = "Ask a question. Additionally, point to the board."
    expect(findings(text)).toEqual([["COMPOUND", text.slice(0, -1)]])
    expect(candidates(text)).toEqual(["Ask a question.", "Point to the board."])
  })

  it("after the additive and its comma, a fronted adverb is the frame of the added step", () => {
    const text = "Use cold call. Additionally, quietly, point to the board."
    expect(candidates(text)).toEqual(["Use cold call.", "Quietly, point to the board."])
  })

  it("an additive with nothing after it adds nothing", () => {
    clean("Nod. Also")
    clean("Nod. Also,")
  })

  it("an additive followed by a bracket adds the bracketed step", () => {
    expect(candidates("Use cold call. Additionally (point to the board).")).toEqual(["Use cold call.", "Point to the board."])
  })
})

describe("a frame: a fronted phrase up to its comma", () => {
  it("a subordinate clause (\"When …,\") anchors the step it frames", () => {
    clean("When the timer ends, use cold call.")
  })

  it("a fronted adverb, subordinate clause or hedge frames only the first clause of its part", () => {
    expect(candidates("Quietly, use cold call and praise effort.")).toEqual(["Quietly, use cold call.", "Praise effort."])
    expect(candidates("When the timer ends, use cold call and praise effort.")).toEqual(["When the timer ends, use cold call.", "Praise effort."])
  })

  it("a fronted hedge (\"Time permitting,\") is a frame: dropping it leaves the step", () => {
    const text = "Time permitting, use cold call."
    expect(findings(text)).toEqual([["HEDGED", "Time permitting"]])
    expect(candidates(text)).toEqual(["Use cold call."])
  })

  it("a frame ends at its comma, not at a dash inside it", () => {
    clean("In PE - after the warm-up, use cold call.")
  })

  it("without a comma there is no frame, and the clause after a fronted phrase is still read", () => {
    clean("In the plenary use cold call")
    clean("In the plenary use cold call.")
  })

  it("a comma at the very end does not turn the whole step into a frame", () => {
    clean("In the plenary use cold call,")
  })
})

describe("clauses: separators and trailing marks", () => {
  it("a dash with space on both sides separates clauses", () => {
    const text = "Use cold call - praise effort."
    expect(findings(text)).toEqual([["COMPOUND", text.slice(0, -1)]])
    expect(candidates(text)).toEqual(["Use cold call.", "Praise effort."])
  })

  it("a dash attached to a word on one side is not a separator", () => {
    for (const text of ["Use cold call- praise effort.", "Use cold call -praise effort."]) {
      expect(findings(text), text).toEqual([["VAGUE", text.slice(0, -1)]])
      expect(candidates(text), text).toEqual([])
    }
  })

  it("a bullet dash before the first word is not part of the step", () => {
    expect(findings("- Use cold call.")).toEqual([["VAGUE", "Use cold call"]])
  })

  it("a trailing symbol or run of full stops is not part of the clause's words", () => {
    for (const text of ["Use cold call 👍", "Use cold call*.", "Use cold call...", "Use cold call*"]) {
      expect(findings(text), text).toEqual([["VAGUE", "Use cold call"]])
    }
  })
})

describe("conjunctions and additives inside a sentence", () => {
  it("\"or\" and \"but\" between two techniques split them into two steps", () => {
    for (const text of ["Use cold call or praise effort.", "Use cold call but praise effort."]) {
      expect(findings(text), text).toEqual([["COMPOUND", text.slice(0, -1)]])
      expect(candidates(text), text).toEqual(["Use cold call.", "Praise effort."])
    }
  })

  it("\"nor\" starts a clause: the verb after it is read (\"Neither shout nor use sarcasm\" is an action)", () => {
    clean("Neither shout nor use sarcasm.")
  })

  it("\"also\" after a comma adds a step", () => {
    const text = "Pause five seconds, also point to the board."
    expect(findings(text)).toEqual([["COMPOUND", text.slice(0, -1)]])
    expect(candidates(text)).toEqual(["Pause five seconds.", "Point to the board."])
  })

  it("\"too\" after a comma closes the clause before it: it adds no step to what follows", () => {
    clean("Use cold call, too, then nod.")
    expect(findings("Use cold call, too.")).toEqual([["VAGUE", "Use cold call, too"]])
  })

  it("\"and also,\" followed by a comma adds the step after the comma", () => {
    expect(candidates("Pause and also, point to the board.")).toEqual(["Pause.", "Point to the board."])
    expect(candidates("Nod and also, after an answer, ask why.")).toEqual(["Nod.", "After an answer, ask why."])
  })

  it("a fronted phrase after \"and also\" belongs to the added step", () => {
    const text = "Nod, and also after an answer, ask why."
    expect(findings(text)).toEqual([["COMPOUND", text.slice(0, -1)]])
    expect(candidates(text)).toEqual(["Nod.", "After an answer, ask why."])
  })

  it("\"and also\" with only a moment after it adds the moment to the clause before, not a step", () => {
    clean("Use cold call, and also in the plenary.")
  })
})

describe("a technique name that reads as an imperative (\"Model answers\")", () => {
  it("on its own in its sentence it is a noun phrase, not a step: the other sentence is the step", () => {
    clean("Model answers. Nod.")
    expect(findings("Model answers. Use cold call.")).toEqual([["VAGUE", "Use cold call"]])
  })

  it("beside a student outcome in its sentence it is still a noun phrase", () => {
    expect(findings("Model answers and students will listen.")).toEqual([["STUDENT_OUTCOME", "students will listen"]])
  })

  it("beside another verb clause in its sentence it is a verb: a step of its own", () => {
    const text = "Model answers and nod."
    expect(findings(text)).toEqual([["COMPOUND", text.slice(0, -1)]])
    expect(candidates(text)).toEqual(["Model answers.", "Nod."])
  })
})
