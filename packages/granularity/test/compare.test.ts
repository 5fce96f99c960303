import { describe, expect, it } from "vitest"
import { check } from "../src/Checker.js"
import { compromiseTagger } from "./compare/compromiseTagger.js"
import { corpus, evaluate } from "./corpus/evaluate.js"

// The compromise-based tagger exists only for the language comparison in bench/granularity and
// docs/decisions/0003; this keeps it working (speed is measured by the benchmark, not here).
describe("the compromise comparison tagger", () => {
  it("reads imperatives, nouns and function words", () => {
    const text = "Name a student, then pause before the answer."
    const report = check(text, undefined, compromiseTagger)
    expect(report.granular).toBe(true)
    expect(check("Give more praise and fewer sanctions.", undefined, compromiseTagger).findings.map((f) => f.code)).toContain("COMPOUND")
  })

  it("scores the corpus with the same evaluation as the chosen lexicon", () => {
    const score = evaluate((t) => check(t, undefined, compromiseTagger), corpus.filter((e) => e.split === "blind"))
    expect(score.total).toBe(114)
    expect(score.accuracy).toBeGreaterThan(0.8)
  })
})
