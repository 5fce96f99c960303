/**
 * The default playbook's sub-steps are action steps a coach can hand over as they stand: every
 * one passes the granularity check (with and without the playbook's technique names), and so
 * does each technique's routine (its sub-steps joined, which the checker offers as a suggestion).
 */
import { Playbook } from "@coaching/core"
import { describe, expect, it } from "vitest"
import { checkActionStep, type GranularityOptions, makeChecker } from "../src/index.js"
import { routineOf } from "../src/internal/suggest.js"

const techniques = Playbook.defaultPlaybook.strands.flatMap((strand) => strand.techniques.map((technique) => ({ strand, technique })))
const asOption: NonNullable<GranularityOptions["techniques"]> = techniques.map(({ strand, technique: t }) => ({
  name: t.title,
  area: strand.area,
  id: t.id,
  ...(t.subSteps === undefined ? {} : { subSteps: t.subSteps })
}))
const checkers = { default: (text: string) => checkActionStep(text), playbook: makeChecker({ techniques: asOption }) }

describe("the default playbook", () => {
  it("has at least 40 techniques over the six strands, each with 2–5 sub-steps and a one-line why-it-works", () => {
    expect(techniques.length).toBeGreaterThanOrEqual(40)
    expect(Playbook.defaultPlaybook.strands.map((s) => s.area)).toEqual(
      expect.arrayContaining(["behaviour", "questioning", "explanation", "modelling", "practice", "feedback", "relationships"])
    )
    for (const { technique } of techniques) {
      expect(technique.subSteps?.length ?? 0, technique.id).toBeGreaterThanOrEqual(2)
      expect(technique.subSteps?.length ?? 0, technique.id).toBeLessThanOrEqual(5)
      expect(technique.whyItWorks, technique.id).toMatch(/^[^\n]{10,140}$/)
    }
  })

  it("every sub-step passes the granularity check", () => {
    const results: Array<{ readonly id: string; readonly step: string; readonly checker: string; readonly findings: ReadonlyArray<string> }> = []
    let count = 0
    for (const { technique } of techniques) {
      for (const step of technique.subSteps ?? []) {
        count++
        for (const [name, check] of Object.entries(checkers)) {
          const report = check(step)
          if (!report.granular) results.push({ id: technique.id, step, checker: name, findings: report.findings.map((f) => f.code) })
        }
      }
    }
    expect(results).toEqual([])
    expect(count).toBeGreaterThanOrEqual(80)
  })

  it("every technique's routine (its sub-steps joined) passes the check too", () => {
    const failing = techniques
      .map(({ technique }) => ({ id: technique.id, routine: routineOf(technique.subSteps ?? []) }))
      .filter(({ routine }) => !checkers.playbook(routine).granular || !checkers.default(routine).granular)
    expect(failing).toEqual([])
  })
})
