/**
 * The analyser's rules stated over their whole range, not by one example each: every threshold at
 * its boundary, every listed strong broad verb, every listed question start, every finding's weight.
 * (Written for the mutation run, issue 19: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import markers from "../src/lexicon/markers.json" with { type: "json" }
import verbs from "../src/lexicon/verbs.json" with { type: "json" }
import { checkActionStep, makeChecker, MAX_LENGTH } from "../src/index.js"

const codes = (text: string, options?: Parameters<typeof checkActionStep>[1]) => checkActionStep(text, options).findings.map((f) => f.code)
const capitalised = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`

/** One routine of `n` sequenced moves: "Pose the question, then pause five seconds, then …". */
const routine = (n: number) => {
  const moves = ["pose the question", "pause five seconds", "name a student", "listen to the answer", "write it on the board", "thank the student", "ask a second student", "point to the board", "nod"]
  return `${capitalised(moves.slice(0, n).join(", then "))}.`
}

describe("MANY_MOVES: a routine of more than six moves", () => {
  it.each([1, 2, 3, 4, 5, 6])("%i moves: no finding, granular with score 1", (n) => {
    expect(checkActionStep(routine(n))).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })
  })

  it.each([7, 8, 9])("%i moves: MANY_MOVES naming the count, advice only (granular, score 0.9)", (n) => {
    const text = routine(n)
    const report = checkActionStep(text)
    expect(report.granular).toBe(true)
    expect(report.score).toBe(0.9)
    expect(report.findings).toEqual([{ code: "MANY_MOVES", message: expect.stringContaining(`A routine of ${n} moves`) as unknown as string, span: [0, text.length] }])
  })
})

describe("TOO_BROAD: every strong broad verb in the lexicon", () => {
  const frames = ["{verb} your questioning.", "{verb} the seating plan for Year 9.", "{verb} how you use mini whiteboards in the starter."]
  it.each(markers.broad.strongVerbs)("%s yields TOO_BROAD on the verb itself, whatever its object", (verb) => {
    for (const frame of frames) {
      const text = frame.replace("{verb}", capitalised(verb))
      const report = checkActionStep(text)
      expect(report.granular, text).toBe(false)
      const broad = report.findings.filter((f) => f.code === "TOO_BROAD").map((f) => text.slice(f.span[0], f.span[1]).toLowerCase())
      expect(broad, text).toContain(verb)
    }
  })

  it("a concrete step with a move verb in the same frame has no TOO_BROAD (so the list is what decides)", () => {
    for (const text of ["Point to the seating plan for Year 9.", "Hand out the mini whiteboards in the starter."]) {
      expect(codes(text), text).not.toContain("TOO_BROAD")
    }
  })
})

describe("UNOBSERVABLE: every verb and phrase of the teacher's head in the lexicon", () => {
  const listed = [...new Set([...markers.unobservable.verbs, ...markers.unobservable.phrases])]
  it.each(listed)("%s yields UNOBSERVABLE on exactly those words", (words) => {
    const text = `${capitalised(words)} that the students are ready.`
    const report = checkActionStep(text)
    expect(report.granular, text).toBe(false)
    const unobservable = report.findings.filter((f) => f.code === "UNOBSERVABLE").map((f) => text.slice(f.span[0], f.span[1]).toLowerCase())
    expect(unobservable, text).toEqual([words])
  })

  it("no move verb is also in the teacher's head (a move of the same length never hides one)", () => {
    const key = (p: string) => p.toLowerCase().split(/[\s-]+/u).join(" ")
    const moves = new Set(verbs.move.map(key))
    expect(listed.map(key).filter((p) => moves.has(p))).toEqual([])
  })
})

describe("NOT_AN_ACTION: a question is not a step", () => {
  const step = "pause five seconds after each question"
  it.each(markers.questionStarts)("%s … ? is NOT_AN_ACTION, though the words name a granular step", (start) => {
    const text = `${capitalised(start)} you ${step}?`
    const report = checkActionStep(text)
    expect(report.granular).toBe(false)
    expect(report.score).toBe(0)
    expect(report.findings.map((f) => f.code)).toEqual(["NOT_AN_ACTION"])
    expect(report.findings[0]!.span).toEqual([0, text.length])
  })

  it("the same words as an instruction are granular, and a question mark alone does not make a question", () => {
    expect(checkActionStep(`${capitalised(step)}.`).granular).toBe(true)
    expect(checkActionStep(`${capitalised(step)}?`).granular).toBe(true)
    // a question start without the question mark is read as usual
    expect(codes(`When you pose a question, ${step}.`)).toEqual([])
  })
})

describe("TOO_LONG: the length limit, at its boundary", () => {
  const text = routine(3)

  it(`accepts exactly the limit (default ${MAX_LENGTH}) and reports one character more, spanning the excess`, () => {
    const atLimit = `${text} ${"x".repeat(MAX_LENGTH - text.length - 1)}`.slice(0, MAX_LENGTH)
    expect(atLimit.length).toBe(MAX_LENGTH)
    expect(codes(atLimit)).not.toContain("TOO_LONG")
    const over = `${atLimit}x`
    expect(checkActionStep(over).findings).toEqual([{ code: "TOO_LONG", message: expect.stringContaining(String(MAX_LENGTH)) as unknown as string, span: [MAX_LENGTH, MAX_LENGTH + 1] }])
  })

  it("honours any whole maxLength from 1 to the default, each at its boundary", () => {
    for (const limit of [1, 2, text.length - 1, text.length, text.length + 1, MAX_LENGTH]) {
      const report = checkActionStep(text, { maxLength: limit })
      if (text.length > limit) {
        expect(report.findings, String(limit)).toEqual([{ code: "TOO_LONG", message: expect.stringContaining(String(limit)) as unknown as string, span: [limit, text.length] }])
        expect(report).toMatchObject({ granular: false, score: 0.1 })
      } else {
        expect(report.granular, String(limit)).toBe(true)
      }
    }
  })

  it("falls back to the default for a maxLength outside 1 … the default, or not whole", () => {
    const long = `${text} ${"x".repeat(MAX_LENGTH)}`.slice(0, MAX_LENGTH + 1)
    for (const maxLength of [0, -1, MAX_LENGTH + 1, 10_000, 2.5, Number.POSITIVE_INFINITY]) {
      expect(checkActionStep(text, { maxLength }).granular, String(maxLength)).toBe(true)
      expect(checkActionStep(long, { maxLength }).findings[0]?.span, String(maxLength)).toEqual([MAX_LENGTH, MAX_LENGTH + 1])
    }
  })
})

describe("the score: the product of the findings' weights", () => {
  it.each([
    ["VAGUE", 0.3, "Improve questioning."],
    ["UNOBSERVABLE", 0.2, "Be aware of the students at the back."],
    ["STUDENT_OUTCOME", 0.2, "Students will answer in full sentences."],
    ["HEDGED", 0.45, "Try to pause after each question."],
    ["NOT_AN_ACTION", 0, "Questioning."],
    ["COMPOUND", 0.4, "Use cold calling and mini whiteboards."],
    ["ASPIRATION", 0.2, "Become an outstanding teacher."],
    ["MANY_MOVES", 0.9, routine(7)]
  ] as const)("one %s finding scores %d", (code, score, text) => {
    const report = checkActionStep(text)
    expect(report.findings.map((f) => f.code)).toEqual([code])
    expect(report.score).toBe(score)
  })

  it("two findings multiply", () => {
    const report = checkActionStep("Rewrite the Year 9 scheme of work.")
    expect(report.findings.map((f) => f.code)).toEqual(["TOO_BROAD", "TOO_BROAD"])
    expect(report.score).toBe(0.04)
  })
})

describe("a school's techniques: the limits on what is read", () => {
  const text = "Use Stop and Jot and Bounce It in every discussion."
  const steps = (n: number) => Array.from({ length: n }, (_, i) => `Say step ${i + 1} aloud`)
  const withSteps = (n: number) =>
    makeChecker({ techniques: [{ name: "Stop and Jot", area: "questioning", id: "stop-and-jot", subSteps: steps(n) }, { name: "Bounce It", area: "questioning" }] })

  it("builds a suggestion from up to 12 sub-steps, and ignores a longer list", () => {
    for (const n of [1, 12]) {
      const [first] = withSteps(n)(text).suggestions
      expect(first?.toLowerCase(), String(n)).toContain(`say step ${n} aloud`)
    }
    expect(withSteps(13)(text).suggestions).toEqual(["Use Bounce It in every discussion."])
  })

  it("reads technique names of up to 200 characters", () => {
    for (const [length, read] of [[200, true], [201, false]] as const) {
      const name = `Stop and Jot ${"q".repeat(300)}`.slice(0, length)
      const found = codes(`Use ${name} and Bounce It in every discussion.`, { techniques: [name, "Bounce It"] })
      expect(found.includes("COMPOUND"), String(length)).toBe(read)
    }
  })
})
