/**
 * Two gaps the `analyse.ts` survivor work found in the analyser (docs/testing.md, "What the
 * `analyse.ts` survivor work found in the analyser"), mended with RULES_VERSION 3 and stated here
 * as rules:
 * - a step whose only verb is an empty verb ("do", "go", "try", "have", "give") with nothing after
 *   it but a pronoun ("it", "that", "this"), a dangling "to", "a go", "for it" or a filler names no
 *   move: `NOT_AN_ACTION`, and it is never offered as a suggestion;
 * - "be" with a degree word before its adjective ("very", "really", "so" …) is `VAGUE`, as "be"
 *   with the adjective alone is.
 */
import { describe, expect, it } from "vitest"
import { checkActionStep } from "../src/index.js"
import { emptyComplements, emptyVerbs, verbPhrases } from "../src/internal/lexicon.js"
import { candidates, expectNotAnAction, foundWords as found } from "./analyseSupport.js"


/** The report of a step that names no action: `NOT_AN_ACTION` on the whole text, nothing else. */
const noAction = (text: string) => ({ granular: false, score: 0, findings: [{ code: "NOT_AN_ACTION", span: [0, text.length] }], suggestions: [] })

describe("a step whose only verb is an empty verb with no complement names no action", () => {
  it.each(["Try to.", "Try.", "Do it.", "Go.", "Give it a go.", "Have a go."])("%s is NOT_AN_ACTION", (text) => {
    expect(checkActionStep(text)).toMatchObject(noAction(text))
    expect(found(text)).toEqual([`NOT_AN_ACTION ${text}`])
  })

  it.each(["do", "go", "try", "have", "give"].flatMap((verb) => ["", " it", " that", " this"].map((rest) => `${verb[0]!.toUpperCase()}${verb.slice(1)}${rest}.`)))(
    "every empty verb alone or with only \"it\", \"that\" or \"this\" after it: %s is NOT_AN_ACTION",
    (text) => {
      expect(found(text)).toEqual([`NOT_AN_ACTION ${text}`])
    }
  )

  it.each(["Just do it.", "Do it now.", "Do it again.", "Go again.", "Go for it.", "Go to it.", "Give that a go.", "Do this, please."])(
    "a filler, a dangling \"to\", \"a go\" or \"for it\" is no complement either: %s is NOT_AN_ACTION",
    (text) => {
      expect(found(text)).toEqual([`NOT_AN_ACTION ${text}`])
    }
  )

  it("the same verbs with a move after them are granular, as before", () => {
    expect(found("Do it.")).toEqual(["NOT_AN_ACTION Do it."])
    for (const text of ["Do a countdown from five before you speak.", "Go to the back of the room and wait.", "Do it with the back row.", "Do the register.", "Give it a go: pause three seconds."]) {
      expect(checkActionStep(text), text).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })
    }
    expect(found("Try to.")).toEqual(["NOT_AN_ACTION Try to."])
    const trying = "Try pausing for three seconds after the question."
    expect(checkActionStep(trying)).toMatchObject({ granular: false, score: 0.45, suggestions: ["Pause for three seconds after the question."] })
    expect(found(trying)).toEqual(["HEDGED Try"])
  })

  it("every clause empty is one empty step, not a bundle; one move beside an empty clause is still a step", () => {
    expect(found("Do it. Go.")).toEqual(["NOT_AN_ACTION Do it. Go."])
    expect(found("Try it, then do it.")).toEqual(["NOT_AN_ACTION Try it, then do it."])
    expect(found("When the bell goes, do it.")).toEqual(["NOT_AN_ACTION When the bell goes, do it."])
    expect(found("Pause three seconds, then do it.")).toEqual([])
    expect(found("Name a student. Try.")).toEqual([])
  })

  it("an empty clause ends at its joining word: empty clauses joined by \"and\" are one empty step", () => {
    // the word that joins two clauses is no complement of the first ("Do it and go." names no move)
    expectNotAnAction(["Do it and go.", "Go and do it.", "Try it and do it."])
    expect(found("Do it and name a student.")).toEqual([])
  })

  it("no multi-word verb starts with an empty verb and goes on with an empty complement (so a clause headed by one is never empty)", () => {
    // emptyClause reads the words after the head's first word; for "give out", "try out", "go through"
    // the second word is no empty complement, so a multi-word head never makes a clause empty
    const multi = [...verbPhrases.any.byFirst.values()].flat().map((p) => p.words)
    const starting = multi.filter((words) => words.length > 1 && emptyVerbs.has(words[0]!))
    expect(starting.length).toBeGreaterThan(0)
    for (const words of starting) expect(emptyComplements.has(words[1]!), words.join(" ")).toBe(false)
  })

  it("a hedged empty step is NOT_AN_ACTION too, and is not offered again without its hedge", () => {
    for (const [text, hedge] of [["Maybe try to.", "Maybe"], ["Perhaps do it.", "Perhaps"], ["Maybe just go for it.", "Maybe"]] as const) {
      expect(checkActionStep(text), text).toMatchObject({ granular: false, score: 0, suggestions: [] })
      expect(found(text), text).toEqual([`HEDGED ${hedge}`, `NOT_AN_ACTION ${text}`])
    }
  })

  it("an empty single step of a bundle is never suggested, though the bundle is split into it", () => {
    expect(candidates("Name a student, and also try it.")).toEqual(["Name a student.", "Try it."])
    expect(checkActionStep("Name a student, and also try it.").suggestions).toEqual(["Name a student."])
    expect(candidates("Pause three seconds. Also, do it.")).toEqual(["Pause three seconds.", "Do it."])
    expect(checkActionStep("Pause three seconds. Also, do it.").suggestions).toEqual(["Pause three seconds."])
  })
})

describe("\"be\" with a degree word before its adjective is VAGUE, like \"be\" with the adjective alone", () => {
  it("\"Be very patient.\" and \"Be really calm.\" are VAGUE like \"Be patient.\"", () => {
    expect(found("Be patient.")).toEqual(["VAGUE Be patient"])
    expect(found("Be very patient.")).toEqual(["VAGUE Be very patient"])
    expect(found("Be really calm.")).toEqual(["VAGUE Be really calm"])
    expect(checkActionStep("Be very patient.")).toMatchObject({ granular: false, score: 0.3 })
  })

  // "more", "much", "even", "a bit", "a lot", "a little" and "far" were skipped already (analyseRulesC.test.ts)
  it.each(["very", "really", "so", "extra", "quite", "super", "too", "rather", "fairly", "extremely"])("\"Be %s patient.\" is VAGUE on the whole phrase", (degree) => {
    const text = `Be ${degree} patient.`
    expect(found(text)).toEqual([`VAGUE Be ${degree} patient`])
    expect(checkActionStep(text)).toMatchObject({ granular: false, score: 0.3 })
  })

  it("a degree word before a concrete \"be\" (silent, still, quiet, ready) leaves it concrete", () => {
    expect(found("Be very calm.")).toEqual(["VAGUE Be very calm"])
    for (const text of ["Be very quiet.", "Be really still.", "Be so quiet.", "Be quite ready."]) expect(found(text), text).toEqual([])
  })
})
