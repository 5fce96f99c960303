/**
 * What each finding says (`Findings.ts`): every code's sentence quotes the words it is about, with
 * the count or limit it names, in the report's spelling; and what the check says about input that
 * is not text. The corpus fingerprint pins the sentences the corpus happens to produce; these
 * state the rules for any words, count and limit.
 */
import { describe, expect, it } from "vitest"
import { findingCodes, message } from "../src/Findings.js"
import { checkActionStep } from "../src/index.js"

const wordCodes = ["VAGUE", "UNOBSERVABLE", "STUDENT_OUTCOME", "TOO_BROAD", "ASPIRATION", "HEDGED", "NOT_AN_ACTION"] as const

describe("the sentence of each finding", () => {
  it.each(wordCodes)("%s quotes the words it is about, the same in both spellings", (code) => {
    const gb = message(code, { words: "improve questioning" })
    expect(gb).toMatch(/^"improve questioning" [a-z]/u)
    expect(message(code, { words: "improve questioning" }, "en-US")).toBe(gb)
    // each code says something of its own
    expect(new Set(wordCodes.map((c) => message(c, { words: "x" }).replace("\"x\"", ""))).size).toBe(wordCodes.length)
  })

  it.each([
    ["VAGUE", "names an aim, not an action"],
    ["UNOBSERVABLE", "happens in the teacher's head"],
    ["STUDENT_OUTCOME", "says what students will do or be"],
    ["TOO_BROAD", "is a whole programme, approach or plan"],
    ["ASPIRATION", "names an end state"],
    ["HEDGED", "hedges the step"],
    ["NOT_AN_ACTION", "is not an action"]
  ] as const)("%s says why: %s", (code, why) => {
    expect(message(code, { words: "w" })).toContain(`"w" ${why}`)
  })

  it("collapses the quoted words' white space and cuts them after 57 characters when longer than 60", () => {
    expect(message("VAGUE", { words: "  pose \n the\t question  " })).toMatch(/^"pose the question" /u)
    const sixty = "a".repeat(60)
    expect(message("VAGUE", { words: sixty })).toMatch(new RegExp(`^"${sixty}" `, "u"))
    expect(message("VAGUE", { words: `${sixty}b` })).toMatch(new RegExp(`^"${"a".repeat(57)}…" `, "u"))
    // the length counted is after collapsing the white space
    expect(message("VAGUE", { words: `${"a".repeat(30)}     ${"a".repeat(29)}` })).toMatch(new RegExp(`^"${"a".repeat(30)} ${"a".repeat(29)}" `, "u"))
  })

  it("COMPOUND names how many steps (2 when not given) and says practise / practice by locale", () => {
    expect(message("COMPOUND", { words: "", count: 3 })).toBe("This bundles 3 separate steps; pick one to practise first (see the suggestions).")
    expect(message("COMPOUND", { words: "" }, "en-US")).toBe("This bundles 2 separate steps; pick one to practice first (see the suggestions).")
    expect(message("COMPOUND", { words: "" }, "en-GB")).toContain("practise")
  })

  it("MANY_MOVES names the number of moves (7 when not given)", () => {
    expect(message("MANY_MOVES", { words: "", count: 9 })).toBe("A routine of 9 moves is a lot to rehearse at once; rehearse it in parts first.")
    expect(message("MANY_MOVES", { words: "" })).toContain("A routine of 7 moves")
  })

  it("TOO_LONG names the limit (1000 when not given)", () => {
    expect(message("TOO_LONG", { words: "", limit: 20 })).toBe("The step is longer than 20 characters; a granular step fits in a sentence or two.")
    expect(message("TOO_LONG", { words: "" })).toContain("longer than 1000 characters")
  })

  it("NOT_AN_ACTION without words says the step is empty", () => {
    expect(message("NOT_AN_ACTION", { words: "" })).toBe("The action step is empty.")
    expect(message("NOT_AN_ACTION", { words: "Questioning." })).toBe("\"Questioning.\" is not an action: start with what the teacher does (\"Pose…\", \"Stand…\", \"Say…\").")
  })

  it("every code has a sentence of its own", () => {
    const sentences = findingCodes.map((c) => message(c, { words: "w", count: 3, limit: 5 }))
    expect(new Set(sentences).size).toBe(findingCodes.length)
    for (const s of sentences) expect(s.length).toBeGreaterThan(30)
  })
})

describe("the report's sentences", () => {
  it("carry the report's locale and limit", () => {
    const text = "Use cold calling and mini whiteboards."
    expect(checkActionStep(text, { locale: "en-US" }).findings[0]!.message).toContain("practice first")
    expect(checkActionStep(text, { maxLength: 10 }).findings[0]!.message).toContain("longer than 10 characters")
    expect(checkActionStep("Try to pause after each question.").findings).toEqual([
      { code: "HEDGED", message: "\"Try to\" hedges the step; agree it as something the teacher will do.", span: [0, 6] }
    ])
  })

  it.each([
    [null, "null"],
    [undefined, "undefined"],
    [42, "number"],
    [true, "boolean"],
    [{}, "an object"],
    [[], "an array"],
    [["Pose the question"], "an array"],
    [Symbol("x"), "symbol"],
    [() => "Pose", "function"],
    [10n, "bigint"]
  ])("a non-string (%s) is described in the finding: got %s", (value, described) => {
    expect(checkActionStep(value as unknown as string)).toEqual({
      granular: false,
      score: 0,
      findings: [{ code: "NOT_AN_ACTION", message: `The action step must be text; got ${described}.`, span: [0, 0] }],
      suggestions: []
    })
  })
})
