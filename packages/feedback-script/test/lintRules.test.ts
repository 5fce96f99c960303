/**
 * The lint's rules (`Lint.ts`) stated over their range rather than by one example each: what
 * every finding says about its own words, how findings are ordered and kept apart, when a
 * probe is open, and how far a rewrite reaches.
 */
import { describe, expect, it } from "vitest"
import { type LintFinding, lintFeedback } from "../src/index.js"

const spanned = (text: string) => lintFeedback(text).map((f) => [f.code, text.slice(f.span[0], f.span[1])])
const rewritten = (text: string, f: LintFinding) => text.slice(0, f.rewrite!.span[0]) + f.rewrite!.text + text.slice(f.rewrite!.span[1])

/** Texts that between them give every kind of finding. */
const samples = [
  "Great lesson! How do you think it went? It was outstanding. Your targets are: wait time and praise. I'll pop in soon.",
  "The class was buzzing and the lesson was outstanding.",
  "Focus on the pause this week. Also, get the do now on the board before they arrive.",
  "I'd like you to pause after each question, and also start using cold call.",
  "Your action step is to use cold call and mini whiteboards.",
  "Two targets for next week: wait time and praise.",
  "Next steps:\n1. Wait time\n2. Cold call\n3. Exit tickets",
  "Your action step is to pause. Your second action step is to narrate.",
  "I'll come back sometime soon.",
  "So, how'd that go for you?"
]

describe("what a finding says", () => {
  it("quotes the words of its own span (every finding that quotes words)", () => {
    let quoting = 0
    for (const text of samples) {
      for (const f of lintFeedback(text)) {
        if (!f.message.startsWith("\"")) continue
        quoting++
        expect(f.message, text).toMatch(new RegExp(`^"${text.slice(f.span[0], f.span[1]).replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}" `, "u"))
      }
    }
    expect(quoting).toBeGreaterThan(10)
  })

  it.each([
    ["JUDGEMENT_LANGUAGE", "It was outstanding.", "\"outstanding\" grades the lesson or the teacher; say what happened and what the students did instead."],
    ["GENERIC_PRAISE", "Great lesson!", "\"Great lesson\" praises nothing in particular; name the moment, what the teacher did and what the students did."],
    ["OPEN_PROBE", "How did it go?", "\"How did it go\" asks about the whole lesson; probe one moment instead (what did the students do when …?)."],
    ["VAGUE_TIMELINE", "I'll pop in soon.", "\"soon\" sets no date; agree the day the coach will come back to see the step."],
    ["MULTIPLE_ACTION_STEPS", "Two targets for next week: wait time and praise.", "\"Two targets\" announces several steps; a feedback meeting agrees one granular step."],
    ["MULTIPLE_ACTION_STEPS", "Your action step is to use cold call and mini whiteboards.", "This instruction bundles several techniques; agree one granular step and keep the rest for later cycles."],
    ["MULTIPLE_ACTION_STEPS", "Pause after each question. Also, narrate.", "\"Also\" adds a second change after the action step; agree one granular step and keep the rest for later cycles."],
    ["MULTIPLE_ACTION_STEPS", "I'd like you to pause after each question, and also start using cold call.", "\"and also\" adds a second action to the action step; agree one granular step and keep the rest for later cycles."],
    ["MULTIPLE_ACTION_STEPS", "- Cold call\n- Mini whiteboards\n- Praise effort", "A list of 3 items is 3 action steps; a feedback meeting agrees one granular step, rehearsed and followed up."]
  ])("%s: %s", (code, text, message) => {
    expect(lintFeedback(text).filter((f) => f.code === code).map((f) => f.message)).toEqual([message])
  })

  it("a non-string names what it got", () => {
    for (const [value, got] of [[null, "null"], [undefined, "undefined"], [42, "number"], [{}, "object"], [true, "boolean"], [["x"], "object"]] as const) {
      expect(lintFeedback(value as unknown as string)).toEqual([{ code: "NOT_TEXT", message: `Expected the feedback as a string, got ${got}.`, span: [0, 0] }])
    }
  })
})

describe("the findings of a text", () => {
  it("are ordered by where they start, then where they end", () => {
    for (const text of samples) {
      const spans = lintFeedback(text).map((f) => f.span)
      const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1])
      expect(spans, text).toEqual(sorted)
    }
    expect(spanned("The class was buzzing and the lesson was outstanding.")).toEqual([["GENERIC_PRAISE", "was buzzing"], ["JUDGEMENT_LANGUAGE", "outstanding"]])
  })

  it("the same words in two places are two findings", () => {
    expect(spanned("Great lesson! Great lesson!")).toEqual([["GENERIC_PRAISE", "Great lesson"], ["GENERIC_PRAISE", "Great lesson"]])
    const [a, b] = lintFeedback("Great lesson! Great lesson!")
    expect(a!.span).not.toEqual(b!.span)
  })

  it("each later sentence that adds a change after the action step is one finding, rewritten away whole", () => {
    const text = "Pause after each question. Also, narrate. Also, praise."
    const findings = lintFeedback(text)
    expect(findings.map((f) => [f.code, text.slice(f.span[0], f.span[1])])).toEqual([["MULTIPLE_ACTION_STEPS", "Also"], ["MULTIPLE_ACTION_STEPS", "Also"]])
    expect(findings.map((f) => rewritten(text, f))).toEqual(["Pause after each question. Also, praise.", "Pause after each question. Also, narrate."])
  })
})

describe("open probes", () => {
  it.each([
    "How did it go?",
    "How did it go",
    "Ask: how did it go",
    "So, ask them how did it go",
    "Then how did it go.",
    "Well, how did it go?",
    "How did it go on Monday?",
    "How did it go for Year 9?",
    "How did it go in Maths?"
  ])("%s: an open probe (in a question, or leading the note)", (text) => {
    expect(spanned(text).map(([code]) => code)).toEqual(["OPEN_PROBE"])
  })

  it.each([
    ["mid-sentence, not a question", "I wonder how it went."],
    ["naming a student", "How did it go with Sam?"],
    ["naming a person", "How did it go, Mr Smith?"],
    ["with quoted words", "How did it go when you said \"stop\"?"],
    ["after other words, without a question mark", "Tell me how did it go with the starter"]
  ])("%s is not an open probe: %s", (_, text) => {
    expect(spanned(text).map(([code]) => code)).not.toContain("OPEN_PROBE")
  })

  it("its rewrite replaces the whole question, keeping its question mark's place", () => {
    const text = "So, how did it go?  Then talk."
    const probe = lintFeedback(text).find((f) => f.code === "OPEN_PROBE")!
    expect(text.slice(probe.rewrite!.span[0], probe.rewrite!.span[1])).toBe("So, how did it go?")
    expect(rewritten(text, probe)).toBe("What did the students do when [the moment]?  Then talk.")
  })
})

describe("vague timelines", () => {
  it("one vague stretch is rewritten whole; vague words apart are not joined", () => {
    const together = "I'll come back sometime soon."
    const [a] = lintFeedback(together)
    expect(together.slice(a!.span[0], a!.span[1])).toBe("sometime")
    expect(rewritten(together, a!)).toBe("I'll come back on [day], period [n].")
    const apart = "I'll come back soon to see it, sometime."
    const [b] = lintFeedback(apart)
    expect(apart.slice(b!.rewrite!.span[0], b!.rewrite!.span[1])).toBe("soon")
  })

  it("is about the sentence that sets the follow-up: a date in it, or no follow-up, means no finding", () => {
    expect(spanned("I'll be back soon. Next week sometime.")).toEqual([["VAGUE_TIMELINE", "soon"]])
    expect(spanned("I'll come back soon, on Monday 7 December.")).toEqual([])
    expect(spanned("The students settled soon after.")).toEqual([])
  })
})
