import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { checkActionStep, isBlocking } from "../src/index.js"

const runs = Number(process.env.COACHING_PROPERTY_RUNS ?? 200)

/** Granular steps by playbook area, written for this test. */
const byArea: Readonly<Record<string, ReadonlyArray<string>>> = {
  questioning: [
    "Pose the question to everyone, pause for five seconds, then name a student.",
    "After an answer, ask the same student \"How do you know?\"",
    "Say the question first and the name last.",
    "Take three answers to the same question before saying which is right."
  ],
  behaviour: [
    "Narrate two students by name who are already writing.",
    "Walk to the student's desk and give the redirection quietly.",
    "Stand still at the front and wait for silence before speaking.",
    "Give a warning privately at the desk, then walk away."
  ],
  explanation: [
    "Draw the diagram one part at a time, naming each part as you draw it.",
    "Write each new keyword on the board as you say it.",
    "Say each step of the method aloud while pointing to it on the slide."
  ],
  modelling: [
    "Solve one example under the visualiser, saying each decision aloud.",
    "Write the first sentence of the paragraph live on the board.",
    "Annotate the first line of the poem under the visualiser."
  ],
  routines: [
    "Stand at the door and greet each student by name.",
    "Count down from five, then wait until everyone is facing you.",
    "Dismiss the class one table at a time."
  ],
  feedback: [
    "Show one anonymous answer under the visualiser and mark it with the class.",
    "Say \"Show me\" and wait until every whiteboard is up.",
    "Read three books before the lesson and start with the most common error."
  ]
}
const areas = Object.keys(byArea)

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
const stripEnd = (s: string) => s.replace(/[.!?]+$/u, "")

/** Words the checker reacts to, to drive the analysis through its branches. */
const vocabulary = [
  "pose", "the", "question", "pause", "then", "name", "a", "student", "and", "also", "use", "cold", "call", "wait", "time",
  "improve", "questioning", "students", "will", "be", "more", "try", "to", "consider", "understand", "scheme", "of", "work",
  "whole-school", "as", "well", "as", "plus", "fewer", "sanctions", "praise", "at", "the", "door", "in", "plenary", "until",
  "every", "whiteboard", "is", "up", "say", "'Show me'", "\"Pens down\"", ",", ";", ":", ".", "?", "!", "—", "(", ")", "’", "'",
  "\"", "it", "them", "five", "seconds", "maybe", "if", "possible", "model", "scaffold", "responses", "behavior", "organize",
  "Year", "9", "set", "2", "be", "aware", "think-pair-share", "mini", "whiteboards", "homework", "phone", "home", "e.g.", "\n"
]

describe("properties", () => {
  it("never throws, for any string (unicode, control characters, lone surrogates, huge)", () => {
    const anyString = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.string({ unit: fc.constantFrom("\u0000", "\u0007", "\b", "\t", "\n", "\r", "\u2028", "\u200b", "\ufeff", "'", "\"", "“", "”", "-", ".", "a", " "), maxLength: 200 }),
      fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }).map((ws) => ws.join(" ")),
      fc.string({ minLength: 990, maxLength: 1010 }),
      fc.integer({ min: 1_000, max: 200_000 }).map((n) => "x".repeat(n))
    )
    fc.assert(
      fc.property(anyString, (text) => {
        const report = checkActionStep(text)
        expect(typeof report.granular).toBe("boolean")
        expect(report.score).toBeGreaterThanOrEqual(0)
        expect(report.score).toBeLessThanOrEqual(1)
      }),
      { numRuns: runs }
    )
  })

  it("granular is false exactly when a blocking finding is present, and spans lie inside the text", () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((ws) => ws.join(" ")),
      fc.string({ unit: "grapheme", maxLength: 120 }),
      fc.constantFrom(...Object.values(byArea).flat())
    )
    fc.assert(
      fc.property(text, (t) => {
        const report = checkActionStep(t)
        const blocking = report.findings.some((f) => isBlocking(f.code))
        expect(report.granular).toBe(!blocking)
        if (!report.granular) expect(report.score).toBeLessThan(0.5)
        for (const { span } of report.findings) {
          expect(Number.isInteger(span[0]) && Number.isInteger(span[1])).toBe(true)
          expect(0 <= span[0] && span[0] <= span[1] && span[1] <= t.length).toBe(true)
        }
      }),
      { numRuns: runs }
    )
  })

  it("each step of the area lists is granular on its own", () => {
    for (const step of Object.values(byArea).flat()) expect(checkActionStep(step), step).toMatchObject({ granular: true })
  })

  it("joining two granular steps from different playbook areas with \"and also\" is never granular", () => {
    const pair = fc
      .tuple(fc.constantFrom(...areas), fc.constantFrom(...areas), fc.nat(), fc.nat(), fc.constantFrom(" and also ", ", and also ", "; and also ", ". And also "))
      .filter(([a, b]) => a !== b)
    fc.assert(
      fc.property(pair, ([a, b, i, j, glue]) => {
        const first = byArea[a]![i % byArea[a]!.length]!
        const second = byArea[b]![j % byArea[b]!.length]!
        const joined = `${stripEnd(first)}${glue}${glue.startsWith(".") ? second : lowerFirst(second)}`
        const report = checkActionStep(joined)
        expect(report.granular, joined).toBe(false)
        expect(report.findings.map((f) => f.code), joined).toContain("COMPOUND")
        expect(report.suggestions.length, joined).toBeGreaterThanOrEqual(2)
      }),
      { numRuns: runs }
    )
  })
})
