/**
 * More of the lint's rules (`Lint.ts`, up to the notes that are not steps): the shape of a
 * finding, which sentence a judgement's rewrite replaces, when a probe phrase is a probe, and
 * how an instruction is read for a second action or a bundle of techniques.
 */
import { describe, expect, it } from "vitest"
import { type LintFinding, lintFeedback } from "../src/index.js"

const spanned = (text: string) => lintFeedback(text).map((f) => [f.code, text.slice(f.span[0], f.span[1])])
const rewritten = (text: string, f: LintFinding) => text.slice(0, f.rewrite!.span[0]) + f.rewrite!.text + text.slice(f.rewrite!.span[1])
const only = (text: string, code: LintFinding["code"]) => {
  const found = lintFeedback(text).filter((f) => f.code === code)
  expect(found, text).toHaveLength(1)
  return found[0]!
}

describe("a finding", () => {
  it("with no rewrite to offer has no rewrite field at all, not an undefined one", () => {
    for (const text of ["Two targets for next week: wait time and praise.", "Your action step is to use cold call and mini whiteboards."]) {
      const [f] = lintFeedback(text)
      expect(Object.keys(f!).sort(), text).toEqual(["code", "message", "span"])
    }
  })
})

describe("judgement language", () => {
  it("that opens a sentence is rewritten with that sentence, wherever the sentence stands", () => {
    const first = "Outstanding lesson."
    expect(rewritten(first, only(first, "JUDGEMENT_LANGUAGE"))).toBe("When you [did …] in [the moment], the students [did …].")
    const second = "I watched period 2. Outstanding lesson."
    expect(rewritten(second, only(second, "JUDGEMENT_LANGUAGE"))).toBe("I watched period 2. When you [did …] in [the moment], the students [did …].")
  })
})

describe("open probes", () => {
  it("a probe phrase inside a statement is not a probe", () => {
    expect(spanned("I think it went well.")).toEqual([])
  })

  it("a question mark inside the sentence (an aside) does not make a statement a question", () => {
    expect(spanned("I think it went well (or did it?) overall.")).toEqual([])
  })

  it("whether a sentence is a question is its own ending, not the text's", () => {
    expect(spanned("I think it went well. Shall we look at the starter?")).toEqual([])
  })

  it("quoted words focus a probe on one moment", () => {
    expect(spanned("How did it go, saying \"stop\"?")).toEqual([])
    expect(spanned("How did it go, saying stop?")).toEqual([["OPEN_PROBE", "How did it go"]])
  })

  it("a sentence with a prompt and a question is one finding, about whichever comes first", () => {
    expect(spanned("Tell me about it: how did it go?")).toEqual([["OPEN_PROBE", "Tell me about it"]])
  })

  it("a probe in a later sentence is rewritten up to and including its question mark", () => {
    const text = "I saw the starter. How did it go?"
    const probe = only(text, "OPEN_PROBE")
    expect(text.slice(probe.rewrite!.span[0], probe.rewrite!.span[1])).toBe("How did it go?")
    expect(rewritten(text, probe)).toBe("I saw the starter. What did the students do when [the moment]?")
  })
})

describe("a second action added to an instruction", () => {
  it("is found in an instruction that is not the text's first sentence", () => {
    const text = "The starter ran well. I'd like you to pause after each question, and also start using cold call."
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "and also"]])
    expect(rewritten(text, lintFeedback(text)[0]!)).toBe("The starter ran well. I'd like you to pause after each question.")
  })

  it("is rewritten away keeping the step's own words, even ones that contain or are 'and', 'or', 'but'", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["I'd like you to pause and count to five, and also use cold call.", "I'd like you to pause and count to five."],
      ["I'd like you to wait at the door, and also greet each student.", "I'd like you to wait at the door."],
      ["I'd like you to stand by the board, and also narrate.", "I'd like you to stand by the board."]
    ]
    for (const [text, kept] of cases) expect(rewritten(text, only(text, "MULTIPLE_ACTION_STEPS"))).toBe(kept)
  })

  it("is rewritten away with the 'and' and the comma that joined it", () => {
    const text = "Pause after each question, and on top of that narrate."
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "on top of that"]])
    expect(rewritten(text, only(text, "MULTIPLE_ACTION_STEPS"))).toBe("Pause after each question.")
  })
})

describe("an instruction that bundles several techniques", () => {
  it.each([
    ["after a lead-in", "Your action step is to use cold call and mini whiteboards."],
    ["after a frame and a lead-in", "Going forward, I'd like you to use cold call and mini whiteboards."],
    ["after a frame", "Going forward, use cold call and mini whiteboards."],
    ["after two frames", "So, going forward, use cold call and mini whiteboards."]
  ])("is the step without its lead-in (%s)", (_, text) => {
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "use cold call and mini whiteboards"]])
  })

  it("a step written without a verb bundles when, read as 'Use …', the checker calls it compound", () => {
    expect(spanned("Action step: cold call and mini whiteboards.")).toEqual([["MULTIPLE_ACTION_STEPS", "cold call and mini whiteboards"]])
    // hedged as well as verbless ("try" names no technique): still a bundle
    expect(spanned("Your action step is to try cold call and mini whiteboards.")).toEqual([["MULTIPLE_ACTION_STEPS", "try cold call and mini whiteboards"]])
  })

  it("a verbless step that reads as one vague aim, not several techniques, is not a bundle", () => {
    expect(spanned("Action step: better questioning and behaviour.")).toEqual([])
  })

  it("a step with its own verb is judged as written, not read again as 'Use …'", () => {
    // the checker calls it unobservable, not compound; "Use think about …" would be compound
    expect(spanned("Your action step is to think about cold call and mini whiteboards.")).toEqual([])
  })
})

describe("a list of timed notes", () => {
  it("is not a list of steps: two-digit hours, ticked boxes however spaced", () => {
    expect(spanned("- 09:05 do now on the board\n- 09:20 cold call")).toEqual([])
    expect(spanned("- 10:15 do now on the board\n- 10:40 cold call")).toEqual([])
    expect(spanned("- [x]09:05 do now on the board\n- [ ]  09:20 cold call")).toEqual([])
  })

  it("needs the time to open each item: a time later in an item is part of a step", () => {
    expect(spanned("- Start the do now by 10:15\n- Cold call by 10:40")).toEqual([["MULTIPLE_ACTION_STEPS", "- Cold call by 10:40"]])
  })
})
