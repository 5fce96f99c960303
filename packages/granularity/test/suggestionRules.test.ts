/**
 * The rules of suggestions (`internal/suggest.ts`) over their range: how a playbook's sub-steps
 * become one routine, at most four suggestions, none longer than the check's limit, none twice.
 */
import { describe, expect, it } from "vitest"
import { checkActionStep } from "../src/index.js"
import { routineOf } from "../src/internal/suggest.js"

describe("routineOf: sub-steps as one routine", () => {
  it.each([
    [[], ""],
    [[""], ""],
    [[" . ", " ;, "], ""],
    [["pause."], "Pause."],
    [["Pause", "Name a student"], "Pause, then name a student."],
    [["Pause;", " name a student, ", "thank them."], "Pause, name a student, then thank them."],
    [["x", "", "y"], "X, then y."],
    [["a", "then b"], "A, then b."],
    [["a", "Then b"], "A, then b."],
    [["a", "then  b"], "A, then b."],
    [["Open the book", "count, then name"], "Open the book, then count, then name."]
  ])("%j → %j", (subSteps, routine) => {
    expect(routineOf(subSteps)).toBe(routine)
  })

  it("lowers a later step's first letter only in a capitalised word, not an acronym", () => {
    expect(routineOf(["Open the book", "TV on", "PE kit out"])).toBe("Open the book, TV on, then PE kit out.")
    expect(routineOf(["Open the book", "TVs on"])).toBe("Open the book, then TVs on.")
    expect(routineOf(["Open the book", "Ask"])).toBe("Open the book, then ask.")
    expect(routineOf(["Open the book", "É"])).toBe("Open the book, then É.")
  })

  it("raises the first step's first letter, leaving anything else as written", () => {
    expect(routineOf(["ask Sam"])).toBe("Ask Sam.")
    expect(routineOf(["'go' is said"])).toBe("'go' is said.")
    expect(routineOf(["élan"])).toBe("Élan.")
  })

  it("ends with a full stop unless it already ends a sentence, quote or not", () => {
    expect(routineOf(["Ask why?"])).toBe("Ask why?")
    expect(routineOf(["Say 'go!'"])).toBe("Say 'go!'")
    expect(routineOf(["Ask “why?”"])).toBe("Ask “why?”")
    expect(routineOf(["Say 'go'"])).toBe("Say 'go'.")
    expect(routineOf(["Stop!"])).toBe("Stop!")
    expect(routineOf(["Ask why? Then wait"])).toBe("Ask why? Then wait.")
  })
})

describe("suggestions for a bundle", () => {
  const techniques = ["cold calling", "mini whiteboards", "think-pair-share", "exit tickets", "wait time"]
  const bundle = `Use ${techniques.slice(0, -1).join(", ")} and ${techniques[techniques.length - 1]}.`
  /** Each technique's own concrete step, in the bundle's order. */
  const own = techniques.map((t) => checkActionStep(`Use ${t}.`).suggestions[0]!)

  it("are the techniques' concrete steps in order, at most four", () => {
    expect(own.every((s) => s !== undefined && s.length > 0)).toBe(true)
    expect(new Set(own).size).toBe(techniques.length)
    const report = checkActionStep(bundle)
    expect(report.findings.map((f) => f.code)).toEqual(["COMPOUND"])
    expect(report.suggestions).toEqual(own.slice(0, 4))
    // four techniques: all four
    expect(checkActionStep(`Use ${techniques.slice(1, 4).join(", ")} and ${techniques[4]}.`).suggestions).toEqual(own.slice(1))
  })

  it("leave out any step longer than the check's limit (the next one takes its place)", () => {
    const lengths = [...new Set(own.map((s) => s.length))].sort((a, b) => a - b)
    for (const limit of lengths.flatMap((n) => [n - 1, n]).filter((n) => n >= bundle.length)) {
      const expected = own.filter((s) => s.length <= limit).slice(0, 4)
      expect(checkActionStep(bundle, { maxLength: limit }).suggestions, String(limit)).toEqual(expected)
    }
  })

  it("never repeat a step, whatever the case it is written in", () => {
    const step = own[0]!
    expect(checkActionStep("Use cold call and cold calling.").suggestions).toEqual([step])
    expect(checkActionStep("Use Cold Calling, and use cold calling, and mini whiteboards.").suggestions).toEqual([step, own[1]])
  })
})
