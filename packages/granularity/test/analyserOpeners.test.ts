/**
 * Steps that open with a sequence or time word, a hedge, a place or time phrase, or a time or
 * condition clause before the verb, written with no comma after the opening, as coaches often write
 * them (docs/testing.md, "What the `analyse.ts` survivor work found in the analyser"). Mended with
 * RULES_VERSION 3 and stated here as rules: such a step is read as it is with the comma. Where both
 * forms are compared, they get the same verdict, score, findings and suggestions; the only
 * difference allowed is the comma itself, inside a finding's or a suggestion's words ("VAGUE In front
 * of them use cold call" against "VAGUE In front of them, use cold call"), so `sameWithComma` drops
 * commas from both before comparing. An opening with no step after it, a question and a pointer
 * ("see notes") stay `NOT_AN_ACTION`.
 */
import { describe, expect, it } from "vitest"
import { checkActionStep } from "../src/index.js"
import { expectNotAnAction, foundWords as found, granularReport as granular } from "./analyseSupport.js"


/** A report with the words of its findings and suggestions, commas dropped (the one difference a comma after the opening may make). */
const read = (text: string) => {
  const report = checkActionStep(text)
  const noCommas = (s: string) => s.replaceAll(",", "")
  return {
    granular: report.granular,
    score: report.score,
    findings: found(text).map(noCommas),
    suggestions: report.suggestions.map(noCommas)
  }
}

/** The report of `opening step` with no comma, after checking it equals the report of `opening, step`. */
const sameWithComma = (opening: string, step: string) => {
  const plain = read(`${opening} ${step}`)
  expect(plain, `"${opening} ${step}" as "${opening}, ${step}"`).toEqual(read(`${opening}, ${step}`))
  return plain
}

describe("an opening before the verb, with no comma, is read as with the comma", () => {
  it("a sequence or time word: the step after it is read (\"Afterwards name a student.\"), and alone it is no step", () => {
    const steps: ReadonlyArray<readonly [string, string]> = [
      ["Afterwards", "name a student."],
      ["Firstly", "name a student."],
      ["First", "name a student."],
      ["First of all", "name a student."],
      ["Secondly", "pause five seconds."],
      ["Next", "pause five seconds."],
      ["After that", "name a student."],
      ["Later on", "point to the board."],
      ["Lastly", "pause five seconds."],
      ["Today", "name a student."],
      ["Tomorrow", "stand at the door."],
      ["Next lesson", "greet each student at the door."]
    ]
    for (const [opening, step] of steps) expect(sameWithComma(opening, step), `${opening} ${step}`).toEqual(granular)
    // what the step after it reports is reported as without the opening
    expect(sameWithComma("Afterwards", "use cold call.").findings).toEqual(["VAGUE use cold call"])
    expect(sameWithComma("After that", "be more confident.").findings).toEqual(["VAGUE be more confident"])
    expect(sameWithComma("Today", "students will write a paragraph.").findings).toEqual(["STUDENT_OUTCOME students will write a paragraph"])
    // an adverb is the step's frame, as "Firstly, …" is; another opening is no part of the step
    expect(found("Firstly use cold call.")).toEqual(["VAGUE Firstly use cold call"])
    expect(found("Afterwards use cold call.")).toEqual(["VAGUE use cold call"])
    // alone, or before no verb, the opening names no action
    expectNotAnAction(["Afterwards.", "After that.", "Firstly.", "Next lesson.", "Tomorrow.", "Next question.", "First answer.", "Next visit to be confirmed."])
  })

  it("a sequence word after a joining word opens the next step: \"Use cold call, and next name a student.\" is two steps", () => {
    const text = "Use cold call, and next name a student."
    expect(found(text)).toEqual([`COMPOUND ${text.slice(0, -1)}`])
    expect(checkActionStep(text).suggestions.slice(1)).toEqual(["Name a student."])
    expect(sameWithComma("Use cold call, and next", "name a student.").findings).toEqual([`COMPOUND ${text.slice(0, -1).replaceAll(",", "")}`])
    expect(found("Name a student and next praise them.")).toEqual([])
  })

  it("a sequence or time word is never read as a verb itself (\"Afterwards the students in the back row.\" is no step)", () => {
    for (const text of ["Afterwards the students in the back row.", "Later the students in the back row.", "Today the starter went on too long."]) {
      expect(found(text), text).toEqual([`NOT_AN_ACTION ${text}`])
      const [opening, ...rest] = text.split(" ")
      sameWithComma(opening!, rest.join(" "))
    }
  })

  it("a hedge: HEDGED, and the step is offered without it (\"If possible pause five seconds.\")", () => {
    expect(sameWithComma("If possible", "pause five seconds.")).toEqual({ granular: false, score: 0.45, findings: ["HEDGED If possible"], suggestions: ["Pause five seconds."] })
    expect(sameWithComma("Where possible", "name a student.")).toEqual({ granular: false, score: 0.45, findings: ["HEDGED Where possible"], suggestions: ["Name a student."] })
    expect(sameWithComma("If possible", "wait.")).toEqual({ granular: false, score: 0.45, findings: ["HEDGED If possible"], suggestions: ["Wait."] })
    expect(sameWithComma("If needed", "pause for three seconds.").suggestions).toEqual(["Pause for three seconds."])
    expect(found("If possible.")).toEqual(["HEDGED If possible", "NOT_AN_ACTION If possible."])
  })

  it("a place or time phrase (\"During the plenary flick the lights.\"), and alone, or before students, it is no step", () => {
    const steps: ReadonlyArray<readonly [string, string]> = [
      ["In front of them", "point to the board."],
      ["During the plenary", "flick the lights."],
      ["After the bell", "stand at the door."],
      ["Before the task", "hand out the sheets."],
      ["At the door", "greet each student."]
    ]
    for (const [opening, step] of steps) expect(sameWithComma(opening, step), `${opening} ${step}`).toEqual(granular)
    expect(sameWithComma("In front of them", "use cold call.").findings).toEqual(["VAGUE In front of them use cold call"])
    expectNotAnAction(["In front of them.", "During the plenary.", "After the lesson.", "During the plenary the students write a summary."])
  })

  it("a time or condition clause (\"When the bell goes stand at the door.\"), and alone, or with its own verb last, it is no step", () => {
    const steps: ReadonlyArray<readonly [string, string]> = [
      ["When the bell goes", "stand at the door."],
      ["When they finish", "collect the books."],
      ["As soon as they sit down", "hand out the sheet."],
      ["Once everyone is silent", "begin the lesson."],
      ["If they finish early", "give them an extension."],
      ["Before they leave", "check their books."],
      ["Every time a student calls out", "pause for three seconds."],
      ["When they finish", "wait."]
    ]
    for (const [opening, step] of steps) expect(sameWithComma(opening, step), `${opening} ${step}`).toEqual(granular)
    expect(sameWithComma("When the bell goes", "try to pause five seconds.")).toEqual({
      granular: false,
      score: 0.45,
      findings: ["HEDGED try to"],
      suggestions: ["When the bell goes pause five seconds."]
    })
    expectNotAnAction(["When the bell goes.", "When students need help.", "When students ask for help.", "If students are off task.", "Until everyone is silent.", "When they ask students to discuss."])
  })

  it("a comma after a step that began after the opening does not turn the step into the opening's frame", () => {
    for (const text of [
      "When the bell goes stand at the door, facing the corridor.",
      "During the plenary flick the lights, so that everyone stops.",
      "In front of them point to the board, saying each word.",
      "Afterwards name a student, so that everyone listens.",
      "After that hand out the sheets, pens and rulers."
    ]) {
      expect(checkActionStep(text), text).toEqual(granular)
    }
    expect(found("If possible pause five seconds, so that everyone thinks.")).toEqual(["HEDGED If possible"])
    expect(checkActionStep("If possible pause five seconds, so that everyone thinks.").suggestions).toEqual(["Pause five seconds, so that everyone thinks."])
    // an opening that is all before the comma is still the frame
    expect(checkActionStep("When the timer ends, collect the books.")).toEqual(granular)
  })

  it("a frame before a fronted phrase stays in the step offered (\"When they arrive, at the door greet …\"), also with no comma", () => {
    for (const frame of ["When they arrive,", "When they arrive"]) {
      const text = `${frame} at the door greet each student and also use cold call.`
      expect(found(text), text).toEqual([`COMPOUND ${text.slice(0, -1)}`])
      expect(checkActionStep(text).suggestions[0], text).toBe(`${frame} at the door greet each student.`)
    }
  })
})

describe("what names no action after an opening still names none", () => {
  it("a pointer after an opening or a hedge is NOT_AN_ACTION, with or without the comma (\"Afterwards see notes.\")", () => {
    for (const [opening, rest] of [["Afterwards", "see notes."], ["When the bell goes", "see notes."], ["Next", "follow up on the seating plan."]] as const) {
      expect(sameWithComma(opening, rest).findings).toEqual([`NOT_AN_ACTION ${opening} ${rest}`])
    }
    expect(sameWithComma("Maybe", "see notes.")).toEqual({ granular: false, score: 0, findings: ["HEDGED Maybe", "NOT_AN_ACTION Maybe see notes."], suggestions: [] })
    expect(found("See notes.")).toEqual(["NOT_AN_ACTION See notes."])
    expect(found("Name a student. See notes.")).toEqual([])
  })

  it("an empty verb after an opening names no move, with or without the comma (\"Afterwards, do it.\")", () => {
    for (const [opening, rest] of [["Afterwards", "do it."], ["Next lesson", "do it."], ["When the bell goes", "do it."]] as const) {
      expect(sameWithComma(opening, rest).findings).toEqual([`NOT_AN_ACTION ${opening} ${rest}`])
    }
    expect(found("Afterwards, do it. Then name a student.")).toEqual([])
  })

  it("a question after an opening is NOT_AN_ACTION (\"Afterwards why do you always take hands up?\")", () => {
    expectNotAnAction([
      "Afterwards why do you always take hands up?",
      "Today why do you always take hands up?",
      "After the bell why do you always take hands up?",
      "Once everyone is silent why do you always take hands up?",
      "Afterwards, what should I do?",
      "When should I pause?"
    ])
  })
})
