/**
 * More of the lint's rules (`Lint.ts`, from lists of steps on): when a list spells out one
 * step, what inside a list belongs to the list's finding, when a later sentence or a joined
 * phrase adds a second action, which vague words are not about the follow-up, and how the
 * findings of a text are kept apart and ordered.
 */
import { describe, expect, it } from "vitest"
import { lintFeedback } from "../src/index.js"

const spanned = (text: string) => lintFeedback(text).map((f) => [f.code, text.slice(f.span[0], f.span[1])])

/** The one step of the README example, written as a list of its parts. */
const routine = "1. pose the question\n2. pause for five seconds\n3. name a student"

describe("a list after 'Your action step:'", () => {
  it("spells out one step when its parts, on their own lines, make one routine", () => {
    expect(spanned(`Your action step:\n${routine}`)).toEqual([])
    expect(spanned("Your action step:\n- pose the question\n- pause for five seconds\n- name a student")).toEqual([])
  })

  it("is one step even when the granularity checker has another concern about it (a hedge)", () => {
    expect(spanned("Your action step:\n1. Try to pose the question\n2. Pause for five seconds\n3. Name a student")).toEqual([])
  })

  it("is several steps when its parts are separate techniques, however each part ends", () => {
    for (const [text, second] of [
      ["Your action step:\n1. Use cold call\n2. Use mini whiteboards", "2. Use mini whiteboards"],
      ["Your action step:\n1. Use cold call.\n2. Use mini whiteboards.", "2. Use mini whiteboards."],
      ["Your action step:\n1. Use cold call...\n2. Mini whiteboards...", "2. Mini whiteboards..."]
    ] as const) {
      expect(spanned(text), text).toEqual([["MULTIPLE_ACTION_STEPS", second]])
    }
  })

  it("is several steps when one part itself names two techniques: the words inside a part are read as written", () => {
    const text = "Your action step:\n1. Narrate the first three, praise effort.\n2. Pause."
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "2. Pause."]])
  })

  it("is judged on the list's own parts, not on the sentences around it", () => {
    expect(spanned(`You use cold call and mini whiteboards well. Your action step:\n${routine}`)).toEqual([])
  })

  it("must end just before the list: a step named earlier, with words after it, does not make the list one step", () => {
    const text = `Action step: pause.\n${routine}`
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "2. pause for five seconds"]])
  })
})

describe("a list of timed notes", () => {
  it("is notes only when every item opens with a time: one step among them makes it a list of steps", () => {
    expect(spanned("- 09:05 do now on the board\n- Cold call the back row")).toEqual([["MULTIPLE_ACTION_STEPS", "- Cold call the back row"]])
  })
})

describe("what a list of steps takes in", () => {
  it("step statements inside the list's items are part of the list's one finding, not second steps of their own", () => {
    const text = "Action steps so far:\n1. Your action step is to pause after each question.\n2. Your action step is to narrate the first three students."
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "2. Your action step is to narrate the first three students."]])
  })

  it("an announcement of another step inside an item is part of the list's finding", () => {
    expect(spanned("Next steps:\n1. Wait time\n2. Also work on cold call")).toEqual([
      ["MULTIPLE_ACTION_STEPS", "Next steps:"],
      ["MULTIPLE_ACTION_STEPS", "2. Also work on cold call"]
    ])
  })
})

describe("several steps in an instruction", () => {
  it("an instruction that announces several steps is one finding, the announcement, not also a bundle", () => {
    const text = "I'd like you to use cold call and mini whiteboards, two things to practise."
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "two things to practise"]])
  })

  it("a step stated mid-sentence is an instruction: a second action joined to it is found", () => {
    const text = "In our meeting we agreed your action step is to pause after each question, and also use cold call."
    expect(spanned(text)).toEqual([["MULTIPLE_ACTION_STEPS", "and also"]])
  })

  it("a second action opening a sentence is found on a new line as on the same line", () => {
    for (const text of ["Pause after each question. Add in cold call.", "Pause after each question.\nAdd in cold call."]) {
      expect(spanned(text), text).toEqual([["MULTIPLE_ACTION_STEPS", "Add in"]])
    }
  })

  it("a joining word before the step statement adds nothing to the step", () => {
    expect(spanned("Plus, your target is to pause after each question.")).toEqual([])
  })

  it("the numbered parts of one routine ('step one of the routine …, step two …') are not several steps", () => {
    expect(spanned("Step one of the routine is to pose the question, step two is to pause.")).toEqual([])
  })

  it("a second step statement says it is a second action step", () => {
    const [f] = lintFeedback("Your action step is to pause. Your next step is to cold call.")
    expect(f!.message).toBe("A second action step: a feedback meeting agrees one granular step, rehearsed and followed up.")
  })
})

describe("a second change after the action step", () => {
  it("needs an instruction before it: 'Also, …' after no instruction, or opening the text, adds nothing", () => {
    expect(spanned("The starter ran well. Also, the students settled quickly.")).toEqual([])
    expect(spanned("Also, the students settled quickly.")).toEqual([])
  })

  it("a trailing 'too' is quoted and spanned without the marks that close the sentence, however many", () => {
    for (const text of ["Pause after each question. Narrate the first three students too.", "Pause after each question. Narrate the first three students too..."]) {
      const found = lintFeedback(text)
      expect(found.map((f) => [f.code, text.slice(f.span[0], f.span[1])]), text).toEqual([["MULTIPLE_ACTION_STEPS", "too"]])
      expect(found[0]!.message).toBe("\"too\" adds a second change after the action step; agree one granular step and keep the rest for later cycles.")
    }
  })
})

describe("vague timelines", () => {
  it("a vague word inside a phrase about the lesson ('later in the lesson') is not vague, even in a follow-up sentence", () => {
    expect(spanned("I'll watch you review the answers later in the lesson.")).toEqual([])
  })
})

describe("the findings of a text", () => {
  it("two rules that find the same words give one finding", () => {
    // "Another thing" both opens a sentence after the step and announces another step
    expect(spanned("Pause after each question. Another thing: narrate.")).toEqual([["MULTIPLE_ACTION_STEPS", "Another thing"]])
  })

  it("are ordered by where they start, even when they end together", () => {
    expect(spanned("Your teaching in that period was excellent.")).toEqual([
      ["JUDGEMENT_LANGUAGE", "teaching in that period was excellent"],
      ["GENERIC_PRAISE", "excellent"]
    ])
  })

  it("that start together are ordered by where they end, whichever rule found them", () => {
    expect(spanned("Excellent teaching.")).toEqual([["GENERIC_PRAISE", "Excellent"], ["JUDGEMENT_LANGUAGE", "Excellent teaching"]])
  })

  it("on the same words are ordered by code", () => {
    expect(spanned("Happy with the lesson?")).toEqual([["GENERIC_PRAISE", "Happy with the lesson"], ["OPEN_PROBE", "Happy with the lesson"]])
  })
})
