/**
 * The lint against the labelled feedback lines (`test/corpus/`): per family, accuracy and
 * recall on every split, printed and held above a floor. The first blind figures, measured
 * once after the rules were frozen, are recorded in `docs/feedback-lint.md`.
 */
import { describe, expect, it } from "vitest"
import { lintFeedback } from "../src/index.js"
import { evaluate, families, type Family, formatScores, lines } from "./corpus/evaluate.js"

describe("the labelled feedback lines", () => {
  it("cover every family on both sides, with unique ids", () => {
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length)
    for (const family of Object.keys(families) as ReadonlyArray<Family>) {
      for (const split of ["train", "blind"] as const) {
        const own = lines.filter((l) => l.family === family && l.split === split)
        expect(own.filter((l) => l.flag).length, `${family} ${split} flag`).toBeGreaterThanOrEqual(10)
        expect(own.filter((l) => !l.flag).length, `${family} ${split} no-flag`).toBeGreaterThanOrEqual(10)
      }
    }
  })

  it("are linted with accuracy ≥ 90 % and recall ≥ 85 % per family, on each split", () => {
    for (const split of ["train", "blind"] as const) {
      const scores = evaluate(lintFeedback, lines.filter((l) => l.split === split))
      console.log(`\n${formatScores(scores, `lintFeedback, ${split} split`)}\n`)
      for (const [family, s] of Object.entries(scores)) {
        for (const m of s.misses) console.log(`  miss ${m.line.id} (${m.line.flag ? "should flag" : "should not flag"}): ${JSON.stringify(m.line.text)}`)
        expect(s.accuracy, `${family} ${split} accuracy`).toBeGreaterThanOrEqual(0.9)
        expect(s.recall, `${family} ${split} recall`).toBeGreaterThanOrEqual(0.85)
      }
    }
  })

  it("counts a lint that flags nothing as failing (the measure can fail)", () => {
    const scores = evaluate(() => [], lines)
    for (const s of Object.values(scores)) {
      expect(s.recall).toBe(0)
      expect(s.accuracy).toBeLessThan(0.9)
    }
  })

  it("every rewrite the lint suggests, applied, removes a finding of its code", () => {
    for (const line of lines) {
      for (const finding of lintFeedback(line.text)) {
        if (finding.rewrite === undefined) continue
        const { span, text } = finding.rewrite
        expect(span[0] >= 0 && span[0] <= span[1] && span[1] <= line.text.length, line.id).toBe(true)
        const applied = line.text.slice(0, span[0]) + text + line.text.slice(span[1])
        const before = lintFeedback(line.text).filter((f) => f.code === finding.code).length
        const after = lintFeedback(applied).filter((f) => f.code === finding.code).length
        expect(after, `${line.id} ${finding.code}: ${applied}`).toBeLessThan(before)
      }
    }
  })
})
