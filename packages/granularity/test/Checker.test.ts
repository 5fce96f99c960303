import { Granularity } from "@coaching/core"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { blockingCodes, checkActionStep, findingCodes, isBlocking, makeChecker, MAX_LENGTH } from "../src/index.js"

const codes = (text: string, options?: Parameters<typeof checkActionStep>[1]) => checkActionStep(text, options).findings.map((f) => f.code)
const decodeReport = Schema.decodeUnknownSync(Granularity.GranularityReport)

describe("routine vs bundle (the issue's examples)", () => {
  it.each([
    "Pose the question, pause five seconds, then name a student.",
    "Say 'Show me' and wait until every whiteboard is up.",
    "Stand at the door, greet each student by name and point to the task on the board.",
    "Hand out the mini whiteboards, pens and cloths before the starter begins."
  ])("one routine of sequenced micro-steps is granular: %s", (text) => {
    const report = checkActionStep(text)
    expect(report).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })
  })

  it("splits a bundle of techniques into single steps a coach can use: a concrete step for each technique", () => {
    const report = checkActionStep("Allow pause time, use elaborative questioning and scaffold responses.")
    expect(report.granular).toBe(false)
    expect(report.findings.map((f) => f.code)).toEqual(["COMPOUND"])
    // "Allow pause time." would itself be VAGUE: each part becomes a concrete step for its technique
    expect(report.suggestions).toEqual([
      "Ask the question to the whole class, count five seconds in silence, then name one student to answer.",
      "After a student answers, ask the same student 'How do you know?'",
      "Write the first words of the answer on the board as a sentence starter before students begin writing."
    ])
    for (const suggestion of report.suggestions) expect(checkActionStep(suggestion).granular, suggestion).toBe(true)
  })

  it("gives a concrete step for each habit of an elliptical bundle", () => {
    const report = checkActionStep("Give more praise and fewer sanctions.")
    expect(report.granular).toBe(false)
    expect(report.findings.map((f) => f.code)).toContain("COMPOUND")
    expect(report.suggestions).toEqual([
      "When a student follows the instruction, say their name and exactly what they did.",
      "Give a warning privately at the student's desk, then walk away."
    ])
  })

  it("keeps a routine whole inside a bundle, and splits the added step off", () => {
    const report = checkActionStep("Pose the question, pause, name a student, and also mark books using the new feedback codes.")
    expect(report.suggestions).toEqual(["Pose the question, pause, name a student.", "Mark books using the new feedback codes."])
  })

  it("splits concrete moves that belong to different moments of the lesson", () => {
    const report = checkActionStep("Stand at the door at the start and circulate during the independent task.")
    expect(report.granular).toBe(false)
    expect(report.suggestions).toEqual(["Stand at the door at the start.", "Circulate during the independent task."])
  })

  it("reads a technique spelt out after a colon as one step", () => {
    expect(checkActionStep("Use wait time: after every question, count five seconds before naming anyone.").granular).toBe(true)
  })

  it("does not parse quoted speech as the step", () => {
    expect(checkActionStep('Say "Pens down and eyes on me, and also improve your focus", then wait.').granular).toBe(true)
    expect(checkActionStep("Replace \"Do you understand?\" with \"Show me on your board\".").granular).toBe(true)
  })
})

describe("each finding code", () => {
  it.each([
    ["VAGUE", "Improve questioning."],
    ["VAGUE", "Be more assertive with Year 10."],
    ["UNOBSERVABLE", "Be aware of the students at the back."],
    ["UNOBSERVABLE", "Understand why the class loses focus."],
    ["STUDENT_OUTCOME", "Students will answer in full sentences."],
    ["TOO_BROAD", "Rewrite the Year 9 scheme of work."],
    ["HEDGED", "Try to pause after each question."],
    ["NOT_AN_ACTION", "Questioning."],
    ["NOT_AN_ACTION", "Why do you take hands up?"],
    ["COMPOUND", "Use cold calling and mini whiteboards."],
    ["TOO_BROAD", "Implement Rosenshine's principles of instruction."],
    ["TOO_BROAD", "Plan every lesson to include a retrieval starter and an exit ticket."],
    ["ASPIRATION", "Become an outstanding teacher."],
    ["ASPIRATION", "Get your lessons to good by Easter."]
  ] as const)("%s: %s", (code, text) => {
    const report = checkActionStep(text)
    expect(report.findings.map((f) => f.code)).toContain(code)
    expect(report.granular).toBe(false)
    expect(report.score).toBeLessThan(0.5)
    for (const f of report.findings) expect(f.message.length).toBeGreaterThan(10)
  })

  it("points the span at the words the finding is about", () => {
    const text = "Try to pause for five seconds after each question."
    const [f] = checkActionStep(text).findings
    expect(text.slice(f!.span[0], f!.span[1])).toBe("Try to")
  })

  it("suggests the step without its hedge", () => {
    expect(checkActionStep("Consider using mini whiteboards in the starter.").suggestions).toEqual(["Use mini whiteboards in the starter."])
    expect(checkActionStep("Try to pause for five seconds after each question.").suggestions).toEqual(["Pause for five seconds after each question."])
  })

  it("gives advice without blocking on a very long routine (MANY_MOVES)", () => {
    const report = checkActionStep("Stop, stand still, raise your hand, scan the room, count to three, say \"Thank you\", point to the board, then begin.")
    expect(report.findings.map((f) => f.code)).toEqual(["MANY_MOVES"])
    expect(report.granular).toBe(true)
    expect(report.score).toBeGreaterThanOrEqual(0.5)
  })
})

describe("en-GB and en-US", () => {
  it.each([
    ["Narrate positive behaviour, use the seating plan and chunk instructions.", "Narrate positive behavior, use the seating plan and chunk instructions."],
    ["Have students practise the spelling three times, then show you.", "Have students practice the spelling three times, then show you."],
    ["Organise the pairs by reading them out from the seating plan.", "Organize the pairs by reading them out from the seating plan."],
    ["Realise that silence after a question is productive.", "Realize that silence after a question is productive."],
    ["Launch a mentoring programme for Year 7.", "Launch a mentoring program for Year 7."],
    ["Colour-code each step of the method on the board.", "Color-code each step of the method on the board."]
  ])("%s ≡ %s", (gb, us) => {
    expect(codes(us)).toEqual(codes(gb))
    expect(checkActionStep(us).granular).toBe(checkActionStep(gb).granular)
  })

  it("writes messages in the chosen spelling", () => {
    const gb = checkActionStep("Give more praise and fewer sanctions.").findings.find((f) => f.code === "COMPOUND")!.message
    const us = checkActionStep("Give more praise and fewer sanctions.", { locale: "en-US" }).findings.find((f) => f.code === "COMPOUND")!.message
    expect(gb).toContain("practise")
    expect(us).toContain("practice")
  })
})

describe("bad input never throws", () => {
  it("reports an empty or blank step as NOT_AN_ACTION", () => {
    for (const text of ["", " ", "\n\t  ", "\u00a0"]) {
      const report = checkActionStep(text)
      expect(report).toMatchObject({ granular: false, score: 0 })
      expect(report.findings).toEqual([{ code: "NOT_AN_ACTION", message: "The action step is empty.", span: [0, text.length] }])
    }
  })

  it("reports text over 1000 characters as TOO_LONG without reading it", () => {
    const step = "Pose the question, pause, then name a student. "
    const long = step.repeat(Math.ceil(1001 / step.length)).slice(0, 1001)
    const report = checkActionStep(long)
    expect(report.granular).toBe(false)
    expect(report.findings).toEqual([{ code: "TOO_LONG", message: expect.stringContaining("1000") as unknown as string, span: [1000, 1001] }])
    expect(checkActionStep(long.slice(0, 1000)).findings.map((f) => f.code)).not.toContain("TOO_LONG")
    expect(MAX_LENGTH).toBe(1000)
  })

  it("honours a lower maxLength and ignores invalid options", () => {
    const text = "Pose the question, pause five seconds, then name a student."
    expect(codes(text, { maxLength: 20 })).toEqual(["TOO_LONG"])
    for (const bad of [{ maxLength: -1 }, { maxLength: 5000 }, { maxLength: Number.NaN }, { locale: "fr" }, null, "x", 42] as const) {
      expect(checkActionStep(text, bad as never).granular).toBe(true)
    }
  })

  it("reports a non-string from a JavaScript caller as NOT_AN_ACTION with span [0, 0]", () => {
    for (const value of [null, undefined, 42, true, {}, [], ["Pose the question"], Symbol("x"), () => "Pose", 10n]) {
      const report = checkActionStep(value as unknown as string)
      expect(report.granular).toBe(false)
      expect(report.findings).toHaveLength(1)
      expect(report.findings[0]).toMatchObject({ code: "NOT_AN_ACTION", span: [0, 0] })
      expect(decodeReport(report)).toEqual(report)
    }
  })
})

describe("the report", () => {
  it("is core's GranularityReport, with codes from findingCodes", () => {
    for (const text of ["Pose, pause, name.", "Improve pace and use more praise.", "", "Students will listen."]) {
      const report = checkActionStep(text)
      expect(decodeReport(report)).toEqual(report)
      for (const f of report.findings) expect(findingCodes).toContain(f.code)
    }
  })

  it("marks every code but MANY_MOVES as blocking", () => {
    expect(blockingCodes).toEqual(findingCodes.filter((c) => c !== "MANY_MOVES"))
    expect(isBlocking("COMPOUND")).toBe(true)
    expect(isBlocking("MANY_MOVES")).toBe(false)
    expect(isBlocking("SOMETHING_ELSE")).toBe(false)
  })

  it("recognises a school's own technique names when given", () => {
    const text = "Use Stop and Jot and Bounce It in every discussion."
    expect(checkActionStep(text).findings.map((f) => f.code)).not.toContain("COMPOUND")
    const school = makeChecker({ techniques: ["Stop and Jot", { name: "Bounce It", area: "questioning" }] })
    const report = school(text)
    expect(report.findings.map((f) => f.code)).toContain("COMPOUND")
    // "Use Stop and Jot." names a technique with nothing concrete; without sub-steps it is not offered
    expect(report.suggestions).toEqual(["Use Bounce It in every discussion."])
    // with the playbook's sub-steps, the suggestion is built from them
    const withSteps = makeChecker({
      techniques: [
        { name: "Stop and Jot", area: "questioning", id: "stop-and-jot", subSteps: ["Say 'Pens up: stop and jot'", "Give everyone thirty seconds to write", "Ask two students to read theirs out"] },
        { name: "Bounce It", area: "questioning" }
      ]
    })
    expect(withSteps(text).suggestions).toEqual([
      "Say 'Pens up: stop and jot', give everyone thirty seconds to write, then ask two students to read theirs out.",
      "Use Bounce It in every discussion."
    ])
  })

  it("is pure: the same text gives the same report", () => {
    const text = "Tighten the entry routine, increase the ratio and give more precise praise."
    expect(checkActionStep(text)).toEqual(checkActionStep(text))
  })
})
