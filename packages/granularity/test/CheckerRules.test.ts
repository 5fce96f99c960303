/**
 * Rules of the public checker that the other tests leave unstated: how the `techniques` option is
 * read (what is skipped, which sub-steps a technique gets), how `checkerVersion` names options a
 * JavaScript caller may get wrong, and the report when reading the options throws.
 *
 * Every techniques list here is built inside its test: the checker keeps what it read from a list
 * per array, so a list shared between tests would be read once only.
 */
import { describe, expect, it } from "vitest"
import { checkActionStep, checkerVersion, type GranularityOptions, makeChecker, MAX_LENGTH, RULES_VERSION } from "../src/index.js"

type Techniques = NonNullable<GranularityOptions["techniques"]>

const bundle = "Use Stop and Jot and Bounce It in every discussion."
const stopAndJot = () => ["Say 'Pens up: stop and jot'", "Give everyone thirty seconds to write"]
const bounceIt = () => ["Say 'Bounce it on'", "Name a second student to build on the answer"]
const stopAndJotRoutine = "Say 'Pens up: stop and jot', then give everyone thirty seconds to write."
const bounceItRoutine = "Say 'Bounce it on', then name a second student to build on the answer."
const check = (techniques: Techniques, text: string) => makeChecker({ techniques })(text)
/** A function whose `name` is a technique name: it is not a technique object. */
const namedFunction = (name: string) => Object.defineProperty(() => undefined, "name", { value: name })

describe("the techniques option: what is read", () => {
  it("adds the school's own names and nothing else: a text naming none of them reads as without the list", () => {
    for (const text of ["Use s.", "Use mini whiteboards and s in every lesson.", "Use the s's and cold call.", "Use cold calling and mini whiteboards."]) {
      expect(check(["Bounce It"], text), text).toEqual(checkActionStep(text))
    }
  })

  it("skips an item that is neither a name nor an object with a name, and still reads the rest", () => {
    const junk = [42, null, undefined, true, {}, { name: 7 }, { name: "   " }, { area: "questioning" }, namedFunction("Bounce It")] as unknown as Techniques
    const alone = check(["Stop and Jot"], bundle)
    expect(check([...junk, "Stop and Jot"], bundle)).toEqual(alone)
    // the function named "Bounce It" was not read as that technique: with the name, the step is a bundle
    expect(alone.findings.map((f) => f.code)).not.toContain("COMPOUND")
    expect(check(["Stop and Jot", ...junk, { name: "Bounce It" }], bundle).findings.map((f) => f.code)).toContain("COMPOUND")
  })
})

describe("the techniques option: which sub-steps a technique gets", () => {
  it("builds each technique's step from its own sub-steps", () => {
    const report = check([{ name: "Stop and Jot", subSteps: stopAndJot() }, { name: "Bounce It", subSteps: bounceIt() }], "Use Stop and Jot and Bounce It.")
    expect(report.suggestions).toEqual([stopAndJotRoutine, bounceItRoutine])
  })

  it("ignores a sub-step list with any blank or non-text entry, keeping the step the technique has without it", () => {
    const without = check([{ name: "Stop and Jot" }, "Bounce It"], bundle)
    expect(without.suggestions).toEqual(["Use Bounce It in every discussion."])
    expect(check([{ name: "Stop and Jot", subSteps: stopAndJot() }, "Bounce It"], bundle).suggestions).toEqual([stopAndJotRoutine, "Use Bounce It in every discussion."])
    for (const bad of ["   ", "", 42, null]) {
      const report = check([{ name: "Stop and Jot", subSteps: [...stopAndJot(), bad as never] }, "Bounce It"], bundle)
      expect(report, String(bad)).toEqual(without)
    }
  })

  it("finds a playbook technique's sub-steps by its id for a technique the checker itself knows", () => {
    const lexicon = checkActionStep("Use cold call.").suggestions
    expect(lexicon).toHaveLength(1)
    expect(lexicon[0]).not.toBe(stopAndJotRoutine)
    expect(check([{ name: "Hot Seat", id: "cold-call", subSteps: stopAndJot() }], "Use cold call.").suggestions).toEqual([stopAndJotRoutine])
    // without an id, a technique of another name does not lend its sub-steps
    expect(check([{ name: "Hot Seat", subSteps: stopAndJot() }], "Use cold call.").suggestions).toEqual(lexicon)
  })

  it("a playbook id that is another name of a known technique lends its sub-steps, but the technique's own id comes first in either order", () => {
    const text = "Include more modelling."
    const thinkAloud = () => ({ name: "Think Aloud Routine", id: "think-aloud", subSteps: stopAndJot() })
    const modelling = () => ({ name: "I Do Routine", id: "modelling", subSteps: bounceIt() })
    expect(checkActionStep(text).suggestions).not.toContain(stopAndJotRoutine)
    expect(check([thinkAloud()], text).suggestions).toEqual([stopAndJotRoutine])
    expect(check([thinkAloud(), modelling()], text).suggestions).toEqual([bounceItRoutine])
    expect(check([modelling(), thinkAloud()], text).suggestions).toEqual([bounceItRoutine])
  })
})

describe("checkerVersion: options from a JavaScript caller", () => {
  const base = `@coaching/granularity/${RULES_VERSION}`

  it("ignores options that are not an object (null, text, a function), as the check does", () => {
    const usLike = Object.assign(() => undefined, { locale: "en-US", maxLength: 200 })
    for (const options of [null, "en-US", 42, usLike]) {
      expect(checkerVersion(options as never), String(options)).toBe(`${base} en-GB`)
      expect(makeChecker(options as never).version, String(options)).toBe(`${base} en-GB`)
      expect(checkActionStep("x".repeat(MAX_LENGTH), options as never).findings.map((f) => f.code), String(options)).not.toContain("TOO_LONG")
    }
  })

  it("names max=<n> exactly when the check applies a lower limit than the default", () => {
    const text = "Pose the question, pause five seconds, then name a student."
    for (const [maxLength, named] of [
      [1, " max=1"],
      [2, " max=2"],
      [999, " max=999"],
      [MAX_LENGTH, ""],
      [MAX_LENGTH + 1, ""],
      [5000, ""],
      [0, ""],
      [2.5, ""],
      ["200", ""],
      [Number.NaN, ""]
    ] as const) {
      expect(checkerVersion({ maxLength: maxLength as number }), String(maxLength)).toBe(`${base} en-GB${named}`)
      const limited = checkActionStep(text.repeat(20), { maxLength: maxLength as number }).findings[0]
      expect(limited?.span[0], String(maxLength)).toBe(named === "" ? MAX_LENGTH : maxLength)
    }
  })

  it("treats an empty techniques list as no techniques", () => {
    expect(checkerVersion({ techniques: [] })).toBe(`${base} en-GB`)
    expect(makeChecker({ techniques: [] }).version).toBe(checkActionStep.version)
  })

  it("hashes the techniques as 32-bit FNV-1a of their JSON, always eight hex digits, so a recorded version stays valid", () => {
    // values computed independently of the checker; a change here orphans every recorded version
    expect(checkerVersion({ techniques: ["Stop and Jot"] })).toBe(`${base} en-GB techniques=ad78b6a1`)
    expect(checkerVersion({ techniques: ["T6"] })).toBe(`${base} en-GB techniques=0e74f4e3`)
  })
})

describe("a check whose options throw when read", () => {
  it("still returns a report: NOT_AN_ACTION over the whole text, quoting it, with no suggestions", () => {
    const throwing = {
      get name(): string {
        throw new Error("a getter that throws")
      }
    }
    const text = "  Pose the question.  "
    expect(checkActionStep(text, { techniques: [throwing] })).toEqual({
      granular: false,
      score: 0,
      findings: [
        {
          code: "NOT_AN_ACTION",
          message: "\"Pose the question.\" is not an action: start with what the teacher does (\"Pose…\", \"Stand…\", \"Say…\").",
          span: [0, text.length]
        }
      ],
      suggestions: []
    })
  })
})
