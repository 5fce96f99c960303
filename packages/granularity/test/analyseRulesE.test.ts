/**
 * The analyser's rules for the words it hands back (`internal/analyse.ts`): how a hedged step is
 * written again without its hedges, how each single step of a bundle is written as a sentence,
 * which techniques a step names and in which words, and where the whole-text patterns (a whole
 * approach, an aspiration) may match: at the start of a word, never inside quoted speech.
 * (Written for the mutation run, issue 19: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import { checkActionStep } from "../src/index.js"
import { analysed, candidates as singleSteps } from "./analyseSupport.js"

const codes = (text: string) => checkActionStep(text).findings.map((f) => f.code)
/** The checker's suggestions for a step whose only findings are hedges: the step without them. */
const unhedged = (text: string) => {
  expect(codes(text).every((c) => c === "HEDGED"), text).toBe(true)
  return checkActionStep(text).suggestions
}

describe("a hedged step is offered again without its hedges", () => {
  it("every hedge goes, wherever it stands, and the step's own words stay in order", () => {
    // the hedge found in the middle is reported before the one leading the step
    expect(checkActionStep("Try to pause five seconds if possible.").findings.map((f) => f.span)).toEqual([[26, 37], [0, 6]])
    expect(unhedged("Try to pause five seconds if possible.")).toEqual(["Pause five seconds."])
    expect(unhedged("Pause maybe five seconds.")).toEqual(["Pause five seconds."])
    expect(unhedged("Name a student, ideally one at the back.")).toEqual(["Name a student, one at the back."])
  })

  it("punctuation after a hedge stays with the word before it", () => {
    expect(unhedged("Pause five seconds if possible, then nod.")).toEqual(["Pause five seconds, then nod."])
  })

  it("commas, a \"to\" and joining words (\"and\", \"also\") left at the start by the hedges are dropped", () => {
    expect(unhedged("It might help to pause five seconds.")).toEqual(["Pause five seconds."])
    expect(unhedged("Maybe also pause five seconds.")).toEqual(["Pause five seconds."])
    expect(unhedged("If you can, it might help to pause five seconds.")).toEqual(["Pause five seconds."])
    expect(unhedged("If possible, perhaps, pause five seconds.")).toEqual(["Pause five seconds."])
    expect(unhedged("Ideally and where possible, pause five seconds.")).toEqual(["Pause five seconds."])
  })

  it("a hedge removed before a mark or the end takes the separator or joining word before it along", () => {
    expect(unhedged("Pause five seconds, if possible.")).toEqual(["Pause five seconds."])
    expect(unhedged("Explore, perhaps.")).toEqual(["Explore."])
    expect(unhedged("Pause five seconds; see if you can.")).toEqual(["Pause five seconds."])
    expect(unhedged("Pause five seconds and see if you can.")).toEqual(["Pause five seconds."])
    expect(unhedged("Pause, if you can, for five seconds.")).toEqual(["Pause, for five seconds."])
    expect(unhedged("Pause five seconds, if possible, then name a student.")).toEqual(["Pause five seconds, then name a student."])
  })

  it("a hedge that is a sentence of its own goes with its full stop", () => {
    expect(unhedged("Name a student. See if you can.")).toEqual(["Name a student."])
    expect(unhedged("Name a student. See if you can!!")).toEqual(["Name a student."])
    expect(unhedged("Name a student. See if you can. Pause for five seconds.")).toEqual(["Name a student. Pause for five seconds."])
    expect(unhedged("Say \"Well done.\" if possible.")).toEqual(["Say \"Well done.\""])
  })

  it("the edge is tidied also before a spaced mark or the end of an unfinished text, and only after the hedge's own sentence", () => {
    expect(unhedged("Pause five seconds, if possible .")).toEqual(["Pause five seconds."])
    expect(unhedged("Pause five seconds and see if you can")).toEqual(["Pause five seconds."])
    expect(unhedged("Name a student. Pause, if you can, for five seconds.")).toEqual(["Name a student. Pause, for five seconds."])
  })

  it("a space typed before a mark is closed up, the mark kept", () => {
    expect(unhedged("Maybe pause five seconds , then nod.")).toEqual(["Pause five seconds, then nod."])
  })

  it("an -ing form made its base form keeps the mark after it", () => {
    expect(unhedged("Try pausing, then name a student.")).toEqual(["Pause, then name a student."])
  })

  it("an -ing form left first becomes its base form; any other first word is kept as written", () => {
    expect(unhedged("Try pausing five seconds.")).toEqual(["Pause five seconds."])
    // also when the hedges before it leave a joining "and"
    expect(unhedged("Ideally and where possible, try pausing five seconds.")).toEqual(["Pause five seconds."])
    // the comma after the -ing form is not kept today (reported with the mutation run); the verb is the rule here
    expect(unhedged("Try pausing, then name a student.")[0]).toMatch(/^Pause\b/u)
    expect(unhedged("Maybe pause, then nod.")).toEqual(["Pause, then nod."])
    // "during" ends in -ing but is no verb: it stays
    expect(unhedged("Ideally, during the starter, cold call two students.")).toEqual(["During the starter, cold call two students."])
  })

  it("a step that is nothing but a hedge gets no step back", () => {
    // "Time" is read as the verb, "time permitting" as the hedge: nothing is left once it goes
    for (const text of ["Time permitting.", "Time permitting"]) {
      expect(codes(text), text).toEqual(["HEDGED"])
      expect(analysed(text).candidates, text).toEqual([])
    }
  })

  it("is a sentence: a capital first, separators at the end dropped, a full stop unless it already ends one", () => {
    expect(unhedged("Pause five seconds, if possible")).toEqual(["Pause five seconds."])
    expect(unhedged("Pause five seconds – if possible –")).toEqual(["Pause five seconds."])
    expect(unhedged("Maybe pause five seconds. Then nod")).toEqual(["Pause five seconds. Then nod."])
    expect(unhedged("Maybe say \"well done!\"")).toEqual(["Say \"well done!\""])
  })
})

describe("a bundle's single steps are written as sentences", () => {
  it("a step added with an -ing form (\"as well as tightening…\") gets the verb's base form", () => {
    expect(singleSteps("Pause five seconds, as well as tightening the routine.")).toEqual(["Pause five seconds.", "Tighten the routine."])
  })

  it("a technique added without a verb borrows the verb before it, without the joining words", () => {
    expect(singleSteps("Use cold call and also more praise.")).toEqual(["Use cold call.", "Use more praise."])
    expect(singleSteps("Give praise and also more wait time.")).toEqual(["Give praise.", "Give more wait time."])
  })
})

describe("the techniques a step names", () => {
  it("a technique verb names its technique in all its words (\"Cold call\")", () => {
    expect(analysed("Cold call a student.").named).toEqual([{ id: "cold-call", words: "Cold call" }])
    expect(analysed("Pause five seconds and also dual code the diagram.").named).toEqual([{ id: "dual-coding", words: "dual code" }])
  })

  it("a verb that is no technique names none", () => {
    expect(analysed("Pause five seconds.").named).toEqual([])
    expect(analysed("Pause five seconds, then name a student.").named).toEqual([])
  })

  it("a technique named twice is listed once, in the words it was first named in; each single step lists its own", () => {
    const { named, candidates } = analysed("Use cold call and cold calling.")
    expect(named).toEqual([{ id: "cold-call", words: "cold call" }])
    expect(candidates.map((c) => c.techniques)).toEqual([[{ id: "cold-call", words: "cold call" }], [{ id: "cold-call", words: "cold calling" }]])
  })

  it("a single step that borrows a technique verb names only its own technique, not the verb's", () => {
    const { named, candidates } = analysed("Model the answer and more cold calling.")
    expect(named).toEqual([{ id: "modelling", words: "Model" }, { id: "cold-call", words: "cold calling" }])
    expect(candidates.map((c) => c.techniques)).toEqual([[{ id: "modelling", words: "Model" }], [{ id: "cold-call", words: "cold calling" }]])
  })
})

describe("whole approaches and aspirations are read outside quoted speech", () => {
  it("a whole approach after speech is found where it stands", () => {
    const text = "Say \"good morning\" and adopt a restorative approach."
    expect(checkActionStep(text).findings.map((f) => [f.code, f.span])).toEqual([["TOO_BROAD", [23, 51]]])
    expect(text.slice(23, 51)).toBe("adopt a restorative approach")
  })

  it("a whole approach inside speech is what the teacher says, not the step", () => {
    expect(checkActionStep("Say \"we follow a restorative approach\" at the door.")).toEqual({ granular: true, score: 1, findings: [], suggestions: [] })
  })
})

describe("whole approaches and aspirations start a word", () => {
  it("\"apply the same approach\" is a whole approach; inside \"reapply\" it is not", () => {
    expect(codes("Apply the same approach.")).toEqual(["TOO_BROAD"])
    expect(codes("Reapply the same approach.")).toEqual(["NOT_AN_ACTION"])
  })

  it("\"get good\" inside \"Target good behaviour\" is no aspiration", () => {
    expect(codes("Target good behaviour at the door.")).toEqual(["VAGUE"])
  })
})
