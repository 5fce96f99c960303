import { describe, expect, it } from "vitest"
import { checkActionStep, findingCodes } from "../src/index.js"
import { corpus, evaluate, formatScore } from "./corpus/evaluate.js"

const check = (text: unknown) => checkActionStep(text as string)

describe("the labelled corpus", () => {
  it("has at least 200 steps of both classes, covering every blocking finding code", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200)
    expect(corpus.filter((e) => e.granular).length).toBeGreaterThanOrEqual(100)
    expect(corpus.filter((e) => !e.granular).length).toBeGreaterThanOrEqual(100)
    const labelled = new Set(corpus.flatMap((e) => e.codes))
    for (const code of findingCodes.filter((c) => c !== "MANY_MOVES")) expect(labelled, code).toContain(code)
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length)
    for (const e of corpus) expect(e.granular === (e.codes.length === 0), e.id).toBe(true)
  })

  it("is checked with accuracy ≥ 95 % and recall ≥ 90 % for each class and each code", () => {
    const score = evaluate(check)
    console.log(`\n${formatScore(score, "granularity corpus (all splits)")}\n`)
    for (const split of ["dev", "holdout", "blind", "approach", "approach-blind"] as const) {
      console.log(`${formatScore(evaluate(check, corpus.filter((e) => e.split === split)), split).split("\n")[0]}`)
    }
    for (const e of score.errors) console.log(`  miss ${e.entry.id} (${e.why}): ${JSON.stringify(e.entry.text)}`)
    expect(score.accuracy).toBeGreaterThanOrEqual(0.95)
    expect(score.recallGranular).toBeGreaterThanOrEqual(0.9)
    expect(score.recallNotGranular).toBeGreaterThanOrEqual(0.9)
    for (const [code, c] of Object.entries(score.perCode)) expect(c.recall, code).toBeGreaterThanOrEqual(0.9)
  })

  it("counts a mislabelled checker as failing (the measure can fail)", () => {
    const acceptAll = evaluate(() => ({ granular: true, score: 1, findings: [], suggestions: [] }))
    expect(acceptAll.accuracy).toBeLessThan(0.95)
    expect(acceptAll.recallNotGranular).toBe(0)
  })
})
