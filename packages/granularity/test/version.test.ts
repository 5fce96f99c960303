/**
 * The checker's version (issue 17, class 2): a report recorded by a checker names its version,
 * and validation recomputes only reports of exactly that version. So the version must change
 * whenever any report may change: this test pins `RULES_VERSION` to a fingerprint of every
 * report the corpus gets, in both spellings. A change to the lexicon or the analysis that moves
 * any verdict, score, finding, message or suggestion fails here until `RULES_VERSION` goes up
 * and the fingerprint below is updated with it (see docs/decisions/0010-import-and-stored-data.md).
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { checkActionStep, checkerVersion, makeChecker, RULES_VERSION } from "../src/index.js"

const corpus = JSON.parse(readFileSync(new URL("./corpus/action-steps.json", import.meta.url), "utf8")) as Array<{ readonly text: string }>

/**
 * Steps whose reports the corpus does not reach, each once changed by a new rules version:
 * version 2 stopped leaving a hedge's comma or joining word in the step offered without it;
 * version 3 reads an empty verb with no complement as no action, "be very/really …" as vague, and a
 * step after an opening written with no comma (a sequence word, a hedge, a place phrase, a clause)
 * as it reads it with the comma.
 */
const beyondCorpus = [
  "Pause five seconds, if possible.", "Name a student. See if you can.", "Try pausing, then name a student.",
  "Try to.", "Try.", "Do it.", "Go.", "Give it a go.", "Have a go.", "Maybe try to.", "Be very patient.", "Be really calm.",
  "If possible pause five seconds.", "Afterwards name a student.", "Firstly name a student.", "In front of them point to the board.",
  "During the plenary flick the lights.", "When the bell goes stand at the door.", "Use cold call, and next name a student.",
  "When they arrive, at the door greet each student and also use cold call.", "Afterwards, do it.", "Afterwards, see notes.",
  "Afterwards the students in the back row."
]

/** The rules version and the fingerprint of the reports (corpus and the steps above) it was released with. */
const pinned = { version: 3, fingerprint: "adc227b8a41062be" }

const fingerprint = (): string => {
  const hash = createHash("sha256")
  for (const locale of ["en-GB", "en-US"] as const) {
    const check = makeChecker({ locale })
    for (const text of [...corpus.map((e) => e.text), ...beyondCorpus]) hash.update(`${JSON.stringify(check(text))}\n`)
  }
  return hash.digest("hex").slice(0, 16)
}

describe("the checker's version", () => {
  it("RULES_VERSION is pinned to the reports of the corpus: a rules change without a new version fails", () => {
    expect(corpus.length).toBeGreaterThan(100)
    expect({ version: RULES_VERSION, fingerprint: fingerprint() }).toEqual(pinned)
  })

  it("names the rules version and every option that changes a report; equal options, equal versions", () => {
    expect(checkerVersion()).toBe(`@coaching/granularity/${RULES_VERSION} en-GB`)
    expect(checkActionStep.version).toBe(checkerVersion())
    expect(makeChecker({}).version).toBe(checkerVersion())
    expect(makeChecker({ locale: "en-US" }).version).toBe(`@coaching/granularity/${RULES_VERSION} en-US`)
    expect(makeChecker({ maxLength: 200 }).version).toBe(`@coaching/granularity/${RULES_VERSION} en-GB max=200`)
    const techniques = [{ name: "Cold call", area: "questioning", id: "cold-call", subSteps: ["Ask the whole class.", "Pause.", "Name one student."] }]
    const withTechniques = makeChecker({ techniques }).version!
    expect(withTechniques).toMatch(new RegExp(`^@coaching/granularity/${RULES_VERSION} en-GB techniques=[0-9a-f]{8}$`))
    expect(makeChecker({ techniques: structuredClone(techniques) }).version).toBe(withTechniques)
    expect(makeChecker({ techniques: [{ ...techniques[0]!, name: "Cold calling" }] }).version).not.toBe(withTechniques)
    // an invalid option is ignored by the check, so it is by the version too
    expect(makeChecker({ maxLength: -5, locale: "fr" as never }).version).toBe(checkerVersion())
  })
})
