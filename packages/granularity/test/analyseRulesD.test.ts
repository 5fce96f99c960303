/**
 * The analyser's rules (`internal/analyse.ts`) about who a clause is about and what it is pinned
 * to: when a student subject makes a sentence (a student outcome) and when it stays a noun
 * phrase, what anchors a single named technique to a moment, how a word-list phrase is matched
 * (the longest, then the one spelt as written), the report for a text that is not an action, and
 * which findings and candidates the analysis hands back. Digits and the anchoring words are read
 * from the tokens, not from the tagger's tags, so a tagger swapped in at the `Tagger` seam
 * (docs/decisions/0003) cannot lose them.
 * (Written for the mutation run, issue 19: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import { check } from "../src/Checker.js"
import { checkActionStep, makeChecker } from "../src/index.js"
import { lexiconTagger, type Tagger } from "../src/internal/tagger.js"
import { analysed, found } from "./analyseSupport.js"
import { compromiseTagger } from "./compare/compromiseTagger.js"

/** The lexicon tagger, except that it tags no token as a number (a general tagger may call "9" a noun). */
const noNumbers: Tagger = { name: "lexicon without numbers", tag: (text, tokens) => lexiconTagger.tag(text, tokens).map((pos) => (pos === "num" ? "noun" : pos)) }
/** The sentence of a NOT_AN_ACTION finding quoting `words`. */
const notAnAction = (words: string) => `"${words}" is not an action: start with what the teacher does ("Pose…", "Stand…", "Say…").`

describe("a student subject with a verb is a student outcome, not a step for the teacher", () => {
  it("the subject may follow a number, a determiner or an adjective", () => {
    for (const text of ["Two students hand out the books.", "Reluctant students write first.", "The boys sit at the front."]) {
      expect(found(text), text).toEqual([["STUDENT_OUTCOME", text.slice(0, -1)]])
    }
  })

  it("a student noun counts whether the list has it in the plural (boys) or only in the singular (pairs)", () => {
    for (const text of ["The boys sit at the front.", "Pairs discuss the question."]) {
      expect(found(text), text).toEqual([["STUDENT_OUTCOME", text.slice(0, -1)]])
    }
  })

  it("a class named by its year is a subject, in digits or in words, and the word after the number is its verb", () => {
    for (const text of ["Year 9 complete the quiz in silence.", "Year nine complete the quiz in silence."]) {
      expect(found(text), text).toEqual([["STUDENT_OUTCOME", text.slice(0, -1)]])
    }
  })

  it("the verb may be in the past tense", () => {
    expect(found("The class finished the task.")).toEqual([["STUDENT_OUTCOME", "The class finished the task"]])
  })

  it("needs no full stop after the verb", () => {
    for (const text of ["Students sit", "Students set"]) expect(found(text), text).toEqual([["STUDENT_OUTCOME", text]])
  })

  it("an -ing form after the subject is not its verb: \"Students working in silence.\" is not an action", () => {
    expect(found("Students working in silence.")).toEqual([["NOT_AN_ACTION", "Students working in silence."]])
  })

  it("a number after the verb does not matter: \"Students write 5 sentences.\"", () => {
    expect(found("Students write 5 sentences.")).toEqual([["STUDENT_OUTCOME", "Students write 5 sentences"]])
  })
})

describe("\"set\" after a student subject: a class when a number follows, else a verb", () => {
  it("\"Year 9 set 2\" and \"Year 9 set four\" name a class: not an action, not a student outcome", () => {
    for (const text of ["Year 9 set 2", "Year 9 set four"]) expect(found(text), text).toEqual([["NOT_AN_ACTION", text]])
  })

  it("\"set\" followed by anything else is the verb, also right after the year's number", () => {
    for (const text of ["Students set their own targets.", "Year 9 set their own targets."]) {
      expect(found(text), text).toEqual([["STUDENT_OUTCOME", text.slice(0, -1)]])
    }
  })
})

describe("a short prepositional phrase after the student subject is skipped to find the verb", () => {
  it("the verb or auxiliary may come within five words after the preposition", () => {
    for (const text of ["The students at the back sit down.", "The students in set 4 are silent."]) {
      expect(found(text), text).toEqual([["STUDENT_OUTCOME", text.slice(0, -1)]])
    }
  })

  it("a verb six words after the preposition is too far: the text is not an action", () => {
    const text = "The students at the back of the room sit down."
    expect(found(text)).toEqual([["NOT_AN_ACTION", text]])
  })

  it("the word right after the preposition is its object, even when it could be a verb (\"in set 4\")", () => {
    expect(found("The students in set 4")).toEqual([["NOT_AN_ACTION", "The students in set 4"]])
    expect(checkActionStep("Greet the class at the door, then the students in set 4.").findings).toEqual([])
  })

  it("a word after \"the\" is not a verb (\"the May mocks\")", () => {
    expect(found("The students in the May mocks.")).toEqual([["NOT_AN_ACTION", "The students in the May mocks."]])
  })

  it("the search stops at the end of the clause: a verb after the comma belongs to the next step", () => {
    expect(checkActionStep("Cold call the class, then the students at the back, then praise the first answer.").findings).toEqual([])
  })

  it("only a preposition is skipped: after \"who\" the subject has no verb of its own", () => {
    const text = "Pupils who finish early read a book."
    expect(found(text)).toEqual([["NOT_AN_ACTION", text]])
  })
})

describe("a student noun that is not a subject", () => {
  it("a student noun alone on a line is not the subject of the next line's verb", () => {
    expect(checkActionStep("The students\nGreet each one at the door.").findings).toEqual([])
  })

  it("a student noun ending the text, with no full stop, is the object of the verb before it", () => {
    expect(checkActionStep("Greet each student at the door, then the class").findings).toEqual([])
  })
})

describe("a single named technique is an aim (VAGUE) unless something pins it to a moment", () => {
  it("\"Use cold call\" alone is VAGUE, with or without a full stop", () => {
    expect(found("Use cold call.")).toEqual([["VAGUE", "Use cold call"]])
    expect(found("Use cold call")).toEqual([["VAGUE", "Use cold call"]])
  })

  it.each([
    ["quoted speech", "Use cold call with \"Hands down\"."],
    ["a number", "Use cold call 3 times."],
    ["a condition", "Use cold call if nobody answers."],
    ["\"each\"", "Use cold call for each question."],
    ["\"after\"", "Use cold call after a wrong answer."],
    ["\"before\"", "Use cold call before the answer."],
    ["\"until\"", "Use cold call until the bell."]
  ])("%s pins it: %s is granular", (_, text) => {
    expect(checkActionStep(text)).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })
  })

  it("a finding outside the technique's clause, before or after it, does not excuse it", () => {
    expect(found("Use cold call. Maybe.")).toEqual([["HEDGED", "Maybe"], ["VAGUE", "Use cold call"]])
    expect(found("Maybe. Use cold call.")).toEqual([["HEDGED", "Maybe"], ["VAGUE", "Use cold call"]])
  })
})

describe("digits and anchoring words are read from the tokens, whatever the tagger says", () => {
  it("a digit pins a named technique even when the tagger does not tag it as a number", () => {
    expect(check("Use cold call 3 times.", undefined, noNumbers)).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })
  })

  it("a digit after a student subject is skipped to its verb, and \"set\" before a digit names a class, whatever the tagger", () => {
    const foundWithoutNumbers = (text: string) => check(text, undefined, noNumbers).findings.map((f) => [f.code, text.slice(f.span[0], f.span[1])])
    expect(foundWithoutNumbers("Year 9 complete the quiz in silence.")).toEqual([["STUDENT_OUTCOME", "Year 9 complete the quiz in silence"]])
    expect(foundWithoutNumbers("Year 9 set 2")).toEqual([["NOT_AN_ACTION", "Year 9 set 2"]])
  })

  it("\"until\" pins a named technique also with the compromise tagger, which reads it as a preposition", () => {
    for (const text of ["Use cold call until the bell.", "Give praise until the bell."]) {
      expect(check(text, undefined, compromiseTagger), text).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })
    }
  })
})

describe("matching a phrase of the word lists", () => {
  it("a technique name with a digit in it (\"tier 2 vocabulary\") is matched as the name", () => {
    expect(analysed("Use tier 2 vocabulary.").named).toEqual([{ id: "literacy", words: "tier 2 vocabulary" }])
  })

  it("the longest phrase wins, also when the text writes its first word in the plural", () => {
    const stars = makeChecker({
      techniques: [
        { name: "Stars", subSteps: ["Hand a star sticker to one student"] },
        { name: "Star of the Week", subSteps: ["Name one student as star of the week at the end of the lesson"] }
      ]
    })
    expect(stars("Use stars of the week.").suggestions).toEqual(["Name one student as star of the week at the end of the lesson."])
  })

  it("of two names of equal length, the one spelt as the text writes it wins, whichever the school lists first", () => {
    const steps = {
      Huddle: ["Gather the group in a circle for one minute"],
      Huddles: ["Stand the table groups up facing each other for one minute"]
    }
    const huddle = { name: "Huddle", subSteps: steps.Huddle }
    const huddles = { name: "Huddles", subSteps: steps.Huddles }
    for (const techniques of [[huddle, huddles], [huddles, huddle]]) {
      expect(makeChecker({ techniques })("Use huddles.").suggestions, techniques[0]!.name).toEqual(["Stand the table groups up facing each other for one minute."])
      expect(makeChecker({ techniques })("Use huddle.").suggestions, techniques[0]!.name).toEqual(["Gather the group in a circle for one minute."])
    }
  })

  it("a broad noun counts only near the verb's object: a phrase that runs past that window is not matched", () => {
    expect(found("Plan the seating before the lesson with the year group.")).toEqual([])
    expect(found("Plan the seating with the year group.")).toContainEqual(["TOO_BROAD", "year group"])
  })
})

describe("a text that is not an action", () => {
  it("a text with no letters: NOT_AN_ACTION over the text without its surrounding white space", () => {
    expect(checkActionStep("  42 ")).toEqual({ granular: false, score: 0, findings: [{ code: "NOT_AN_ACTION", message: notAnAction("42"), span: [2, 4] }], suggestions: [] })
    expect(analysed("  42 ")).toEqual({ findings: [{ code: "NOT_AN_ACTION", span: [2, 4], words: "42" }], candidates: [], named: [] })
  })

  it("a joining phrase alone (\" As well as \") is not an action, its words without the white space", () => {
    expect(checkActionStep(" As well as ").findings).toEqual([{ code: "NOT_AN_ACTION", message: notAnAction("As well as"), span: [1, 11] }])
    expect(analysed(" As well as ").findings).toEqual([{ code: "NOT_AN_ACTION", span: [1, 11], words: "As well as" }])
  })

  it("a blank text (which the checker answers itself) gives NOT_AN_ACTION over the empty span at 0", () => {
    expect(analysed(" \n ").findings).toEqual([{ code: "NOT_AN_ACTION", span: [0, 0], words: "" }])
  })

  it("a question or a pointer is spotted behind a bullet or a dash", () => {
    for (const text of ["- Do you pause after asking?", "• See notes from the meeting"]) expect(found(text), text).toEqual([["NOT_AN_ACTION", text]])
  })

  it("a list of technique names with no verb is not split into steps; each comparative inside it is still VAGUE", () => {
    const text = "Wait time, more praise and fewer sanctions."
    expect(found(text)).toEqual([["NOT_AN_ACTION", text], ["VAGUE", "more"], ["VAGUE", "fewer"]])
  })
})

describe("MANY_MOVES", () => {
  const moves = "Pose the question, then pause five seconds, then name a student, then listen to the answer, then write it on the board, then thank the student"

  it("counts the teacher's moves only: six moves and a student outcome in the routine are not too many", () => {
    const text = `${moves}, then the students write until the timer ends.`
    expect(found(text)).toEqual([["STUDENT_OUTCOME", "the students write until the timer ends"]])
  })

  it("quotes the routine without the white space around it", () => {
    const text = `${moves}, then nod.`
    expect(analysed(`  ${text}\n`).findings).toEqual([{ code: "MANY_MOVES", span: [2, 2 + text.length], words: text, count: 7 }])
  })
})

describe("candidates", () => {
  it("a step with no finding has none (there is nothing to suggest instead)", () => {
    expect(analysed("Use cold call 3 times.")).toEqual({ findings: [], candidates: [], named: [{ id: "cold-call", words: "cold call" }] })
  })
})
