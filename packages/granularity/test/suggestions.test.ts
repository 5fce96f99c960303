/**
 * Every suggestion the checker returns passes the checker itself — over the labelled corpus and
 * over arbitrary bundles, with and without a playbook's techniques — and where the playbook has
 * concrete sub-steps for a technique the step names, the suggestion is built from them.
 */
import { Playbook } from "@coaching/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { checkActionStep, type GranularityOptions, makeChecker } from "../src/index.js"
import concrete from "../src/lexicon/concrete-steps.json" with { type: "json" }
import techniques from "../src/lexicon/techniques.json" with { type: "json" }
import { corpus } from "./corpus/evaluate.js"

const runs = Number(process.env.COACHING_PROPERTY_RUNS ?? 200)

/** The default playbook's techniques as the `techniques` option (as an app passes its playbook). */
const playbookTechniques: NonNullable<GranularityOptions["techniques"]> = Playbook.defaultPlaybook.strands.flatMap((strand) =>
  strand.techniques.map((t) => ({ name: t.title, area: strand.area, id: t.id, ...(t.subSteps === undefined ? {} : { subSteps: t.subSteps }) }))
)
const checkers = {
  default: (text: string) => checkActionStep(text),
  playbook: makeChecker({ techniques: playbookTechniques }),
  short: makeChecker({ techniques: playbookTechniques, maxLength: 90 })
}

/** Every suggestion of `check` for `text`, each checked by the same checker. */
const expectSuggestionsPass = (check: (text: string) => ReturnType<typeof checkActionStep>, text: string) => {
  const report = check(text)
  if (report.granular) expect(report.suggestions, text).toEqual([])
  expect(report.suggestions.length, text).toBeLessThanOrEqual(4)
  expect(new Set(report.suggestions.map((s) => s.toLowerCase())).size, text).toBe(report.suggestions.length)
  for (const suggestion of report.suggestions) {
    const again = check(suggestion)
    expect(again.granular, `${JSON.stringify(text)} suggested ${JSON.stringify(suggestion)}: ${again.findings.map((f) => f.code)}`).toBe(true)
  }
  return report
}

const forms = techniques.techniques.flatMap((t) => t.forms.slice(0, 3))
const granularSteps = corpus.filter((e) => e.granular && typeof e.text === "string").map((e) => e.text as string)
const anyStep = corpus.filter((e) => typeof e.text === "string").map((e) => e.text as string)
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
const stripEnd = (s: string) => s.replace(/[.!?]+$/u, "")

/** Bundles as coaches write them: steps and technique names joined by commas, "and", "as well as", lists. */
const bundle = fc.oneof(
  fc
    .tuple(fc.array(fc.constantFrom(...forms), { minLength: 2, maxLength: 4 }), fc.constantFrom("Use ", "Allow ", "Try ", "Introduce ", "Improve ", "Plan every lesson with ", "Embed ", ""))
    .map(([names, verb]) => `${verb}${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}.`),
  fc
    .tuple(fc.constantFrom(...anyStep), fc.constantFrom(...anyStep), fc.constantFrom(" and also ", ", as well as ", "; plus ", ". Also, ", ", then "))
    .map(([a, b, glue]) => `${stripEnd(a)}${glue}${glue.startsWith(".") ? b : lowerFirst(b)}`),
  fc
    .tuple(fc.constantFrom(...granularSteps), fc.constantFrom(...forms), fc.constantFrom(" and use ", ", and try ", " plus "))
    .map(([a, name, glue]) => `${stripEnd(a)}${glue}${name}.`),
  fc.array(fc.constantFrom(...forms, "improve", "more", "fewer", "and", ",", "use", "every lesson", "try to", "become outstanding", "principles"), { minLength: 1, maxLength: 12 }).map((ws) => ws.join(" "))
)

describe("suggestions a coach can use", () => {
  it("every built-in concrete step passes the checker (with and without the playbook)", () => {
    for (const [id, step] of Object.entries(concrete.steps)) {
      for (const check of Object.values(checkers).slice(0, 2)) expect(check(step).granular, `${id}: ${step}`).toBe(true)
    }
    expect(Object.keys(concrete.steps).sort()).toEqual(techniques.techniques.map((t) => t.id).sort())
  })

  it("every suggestion for every corpus step passes the checker that made it", () => {
    let offered = 0
    for (const entry of corpus) {
      if (typeof entry.text !== "string") continue
      for (const check of Object.values(checkers)) offered += expectSuggestionsPass(check, entry.text).suggestions.length
    }
    expect(offered).toBeGreaterThan(300)
  })

  it("every suggestion for an arbitrary bundle passes the checker that made it", () => {
    fc.assert(
      fc.property(bundle, fc.constantFrom(...(Object.keys(checkers) as ReadonlyArray<keyof typeof checkers>)), (text, which) => {
        expectSuggestionsPass(checkers[which], text)
      }),
      { numRuns: runs }
    )
  })

  it("builds the suggestion from the playbook's sub-steps for a technique the step names", () => {
    const text = "Use cold call and show-me boards."
    expect(checkers.default(text).suggestions).toEqual([
      "Ask the question to everyone, pause, then name one student who has not put a hand up.",
      "Say 'Show me' and wait until every mini whiteboard is up before you read any answer."
    ])
    expect(checkers.playbook(text).suggestions).toEqual([
      "Say 'Hands down' and ask the question to everyone, pause for three seconds, then name one student to answer.",
      "Ask one question to the whole class, say 'Show me' after ten seconds, then read every board before you move on."
    ])
    // a playbook id that names a lexicon technique ("think-aloud" is modelling) finds its sub-steps too
    expect(checkers.playbook("Include more modelling.").suggestions).toEqual([
      "Put one example under the visualiser, solve it one line at a time, then say each decision aloud as you make it."
    ])
  })

  it("offers a concrete step for a vague or broad step that names a technique, and nothing where none is named", () => {
    expect(checkers.playbook("Improve your questioning across the department.").suggestions).toEqual([
      "Ask the question to the whole class, pause for five seconds, then name a student to answer."
    ])
    expect(checkActionStep("Become an outstanding teacher.").suggestions).toEqual([])
    expect(checkActionStep("Be more organised.").suggestions).toEqual([])
  })

  it("drops a sub-step routine that does not pass the check (a playbook's words are checked too)", () => {
    const vague = makeChecker({ techniques: [{ name: "Cold call", id: "cold-call", subSteps: ["Improve questioning", "Be more confident"] }] })
    expect(vague("Use cold call.").suggestions).toEqual(["Ask the question to everyone, pause, then name one student who has not put a hand up."])
    for (const bad of [[], [""], [42], ["x".repeat(300)]]) {
      expect(makeChecker({ techniques: [{ name: "Cold call", subSteps: bad as never }] })("Use cold call.").granular).toBe(false)
    }
  })
})
