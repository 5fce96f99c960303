/**
 * How the analyser reads one clause and groups clauses into single steps (`internal/analyse.ts`:
 * the leading hedges and fillers in front of a verb, a fronted phrase before it, a noun phrase
 * after a step, the technique a clause starts with, the moments of the lesson, a technique timed
 * against a routine, and what a colon spells out), stated rule by rule.
 * (Written for the mutation run, issue 19: each of these rules once changed without a test noticing.)
 */
import { describe, expect, it } from "vitest"
import { checkActionStep } from "../src/index.js"
import { candidates } from "./analyseSupport.js"

/** Each finding as its code and the words it spans: `["VAGUE Improve"]`. */
const found = (text: string, techniques?: ReadonlyArray<string>) =>
  checkActionStep(text, techniques ? { techniques } : undefined).findings.map((f) => `${f.code} ${text.slice(f.span[0], f.span[1])}`)
/** The single steps the analyser splits a step into (before any suggestion is built from them). */
/** A finding on the whole text. */
const whole = (code: string, text: string) => `${code} ${text}`

describe("leading hedges and fillers: the verb is found behind them", () => {
  it("a filler adverb before the verb is skipped (\"Just pause\", \"Quietly name a student\")", () => {
    for (const text of ["Just pause.", "Quietly name a student."]) expect(checkActionStep(text), text).toMatchObject({ granular: true, findings: [] })
  })

  it("at most eight leading fillers are skipped: behind a ninth the verb is not found", () => {
    const eight = "Just simply quickly quietly calmly silently slowly now name a student."
    const nine = "Just simply quickly quietly calmly silently slowly now immediately name a student."
    expect(found(eight)).toEqual([])
    expect(found(nine)).toEqual([whole("NOT_AN_ACTION", nine)])
  })

  it("\"remember to\" before a verb is skipped; \"remember\" as the verb is in the teacher's head", () => {
    expect(found("Remember to pause five seconds.")).toEqual([])
    expect(found("Pause and remember.")).toEqual(["UNOBSERVABLE remember", "COMPOUND Pause and remember"])
  })

  it("a step that ends on a filler or on \"remember\" without a full stop reads as the same step with one", () => {
    for (const text of ["Pause, then quickly", "Nod and quietly", "Pause and remember"]) {
      expect(checkActionStep(text), text).toEqual(checkActionStep(`${text}.`))
    }
    expect(found("Pause, then quickly")).toEqual([])
  })

  it("a hedge, \"where possible\" and the \"to\" after them are skipped together: the suggestion starts at the verb", () => {
    const text = "Try where possible to wait five seconds."
    expect(found(text)).toEqual(["HEDGED where possible", "HEDGED Try"])
    expect(checkActionStep(text).suggestions).toEqual(["Wait five seconds."])
  })

  it("a one-word hedge verb before an article or a number is the verb itself (\"Try the seating plan\")", () => {
    for (const text of ["Try the seating plan.", "Try a new seating plan.", "Consider 3 questions.", "Consider two questions."]) {
      expect(found(text), text).toEqual([])
    }
    // before a verb it is a hedge
    expect(found("Try to pause.")).toEqual(["HEDGED Try to"])
    expect(checkActionStep("Try to pause.").suggestions).toEqual(["Pause."])
  })

  it("a hedge of two words or more is a hedge even before an article (\"Have a go at the starter\")", () => {
    const text = "Have a go at the starter."
    expect(found(text)).toEqual(["HEDGED Have a go at", whole("NOT_AN_ACTION", text)])
  })

  it("a hedge verb with nothing after it in its clause is not reported as a hedge (\"Try.\", \"Explore.\")", () => {
    for (const text of ["Explore.", "Name a student. Try."]) expect(found(text), text).toEqual([])
    // "Try." alone names no move (analyserGaps.test.ts), but it is still not reported as a hedge
    expect(found("Try.")).toEqual([whole("NOT_AN_ACTION", "Try.")])
  })

  it("a hedge that ends a line stays with its line: the next line's verb is not read into it", () => {
    expect(candidates("Sit down, maybe\nImprove pace.")).toEqual(["Sit down, maybe.", "Improve pace."])
  })
})

describe("a clause that opens with a subordinator, a participle, an auxiliary or \"so\" modifies the step before it", () => {
  it.each(["when you explain", "designed for Year 9", "will help", "so students listen"])("\"Improve your pace, %s.\" is one vague aim", (tail) => {
    expect(found(`Improve your pace, ${tail}.`)).toEqual(["VAGUE Improve"])
  })
})

describe("a fronted phrase (\"During the plenary …\") before the verb", () => {
  it("the verb after a fronted phrase's noun, name, number or adjective is the step", () => {
    for (const text of [
      "During the plenary cold call the back row.",
      "In the hall wait by the door.",
      "During Macbeth read aloud.",
      "On slide 3 point to the diagram.",
      "During the practical hand out the goggles."
    ]) {
      expect(checkActionStep(text), text).toMatchObject({ granular: true, findings: [] })
    }
  })

  it("students after the fronted phrase make the step not an instruction", () => {
    const text = "During the plenary the students write a summary."
    expect(found(text)).toEqual([whole("NOT_AN_ACTION", text)])
  })

  it("only a known verb starts the clause: a name before an article does not (\"With Mr Okafor the class …\")", () => {
    const text = "With Mr Okafor the class reads aloud."
    expect(found(text)).toEqual([whole("NOT_AN_ACTION", text)])
  })

  it("takes its verb from its own clause only, not from the words before it or from the next line", () => {
    expect(found("Use cold call, in the plenary.")).toEqual([])
    expect(found("In the plenary\nImprove pace.")).toEqual(["VAGUE Improve"])
  })

  it("after \"and also\" it opens the added step, and so do words to say", () => {
    expect(candidates("Nod, and also after an answer, ask why.")).toEqual(["Nod.", "After an answer, ask why."])
    const text = "Nod, and also \"well done\", smile."
    expect(found(text)).toEqual(["COMPOUND Nod, and also \"well done\", smile"])
    expect(candidates(text)).toEqual(["Nod.", "\"well done\", smile."])
  })

  it("as a sentence of its own it does not anchor the sentence before (a bare technique stays vague)", () => {
    expect(found("Use cold call. In the plenary.")).toEqual(["VAGUE Use cold call"])
  })
})

describe("a noun phrase after a step", () => {
  it("in a new sentence it does not extend the step before it", () => {
    expect(found("Use mini whiteboards. Pens and cloths.")).toEqual(["VAGUE Use mini whiteboards"])
  })

  it("each technique of a list after \"use\" is a step of its own, with the verb supplied", () => {
    expect(candidates("Use cold call, wait time and mini whiteboards.")).toEqual(["Use cold call.", "Use wait time.", "Use mini whiteboards."])
  })

  it("a technique added with \"as well as\" or \"plus\" is a second step, whatever the verb before it", () => {
    for (const text of ["Name a student as well as wait time.", "Pause, plus wait time."]) {
      expect(checkActionStep(text).findings.map((f) => f.code), text).toEqual(["COMPOUND"])
    }
  })
})

describe("the technique a clause starts with, from the lexicon or the school's list", () => {
  it("a bare technique name is not an action, also when the school adds techniques of its own", () => {
    expect(found("Wait time.", ["Exit tickets"])).toEqual(["NOT_AN_ACTION Wait time."])
  })

  it("the longest name wins, whichever list it comes from", () => {
    // the lexicon's "say it again better" is longer than the school's "Say it again"
    expect(found("Say it again better.", ["Say it again"])).toEqual(["NOT_AN_ACTION Say it again better."])
    // the school's "Wait time routine" is longer than the lexicon's "wait time"
    expect(found("Wait time routine.", ["Wait time routine"])).toEqual(["NOT_AN_ACTION Wait time routine."])
  })
})

describe("moments of the lesson", () => {
  it("a step outside the lesson (home, homework) and a step in it are two steps", () => {
    expect(candidates("Phone home and name a student.")).toEqual(["Phone home.", "Name a student."])
    expect(candidates("Set homework, then pause five seconds.")).toEqual(["Set homework.", "Pause five seconds."])
  })
})

describe("a technique timed against the routine's moves", () => {
  it("belongs to the routine (\"… and use cold call after each answer\")", () => {
    expect(found("Name a student and use cold call after each answer.")).toEqual([])
  })

  it("a habit (\"more …\") never does, timed or not", () => {
    expect(found("Pose the question and give more praise after each answer.")).toEqual(["VAGUE more", "COMPOUND Pose the question and give more praise after each answer"])
  })

  it("the timing word must follow the technique's verb: a \"then\" before the verb times nothing", () => {
    expect(candidates("Name a student, then use cold call.")).toEqual(["Name a student.", "Use cold call."])
  })

  it("a student outcome timed inside the routine stays in it, and is reported on its own", () => {
    expect(found("Pose the question and students think before they answer.")).toEqual(["STUDENT_OUTCOME students think before they answer"])
  })

  it("a filler before a move's verb does not sequence it after a technique (\"… and immediately name …\")", () => {
    expect(candidates("Use cold call and immediately name a student.")).toEqual(["Use cold call.", "Immediately name a student."])
  })
})

describe("a colon: what follows it spells out the step before it", () => {
  it("only within its sentence: a technique in the next sentence is a step of its own", () => {
    expect(candidates("Use wait time: count to five. Use cold call.")).toEqual(["Use wait time: count to five.", "Use cold call."])
    expect(candidates("Stand at the door and greet each student. Questioning: use cold call.")).toEqual(["Stand at the door and greet each student.", "Use cold call."])
  })

  it("also when the step before the colon joined a routine from an earlier sentence", () => {
    expect(found("Pose the question. Use wait time: count to five, then use cold call.")).toEqual([])
  })
})
