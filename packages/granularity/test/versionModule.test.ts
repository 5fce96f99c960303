/**
 * `@coaching/granularity/version`: the version a checker with given options names, without the
 * lexicon and analysis (`coaching validate` asks it whether a recorded report is its checker's
 * to recompute, and most reports are another checker's). It must name exactly what the checker
 * records, for any options, and load nothing but itself.
 */
import * as Version from "@coaching/granularity/version"
import fc from "fast-check"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { checkActionStep, makeChecker, MAX_LENGTH, RULES_VERSION } from "../src/index.js"

const options = fc.record(
  {
    locale: fc.constantFrom("en-GB", "en-US", "fr-FR" as "en-GB"),
    maxLength: fc.oneof(fc.integer({ min: -5, max: 1200 }), fc.double(), fc.constant(Number.NaN)),
    techniques: fc.array(fc.oneof(fc.string(), fc.record({ name: fc.string(), area: fc.string() }, { requiredKeys: ["name"] })), { maxLength: 3 })
  },
  { requiredKeys: [] }
)

describe("@coaching/granularity/version", () => {
  it("names the version the checker with the same options records", () => {
    fc.assert(
      fc.property(options, (o) => {
        const checker = makeChecker(o)
        expect(Version.checkerVersion(o)).toBe(checker.version)
      }),
      { numRuns: 300 }
    )
  })

  it("the same constants as the checker, and the default checker's version", () => {
    expect(Version.RULES_VERSION).toBe(RULES_VERSION)
    expect(Version.MAX_LENGTH).toBe(MAX_LENGTH)
    expect(Version.checkerVersion()).toBe(checkActionStep.version)
    expect(Version.checkerVersion()).toBe(`@coaching/granularity/${RULES_VERSION} en-GB`)
  })

  it("imports nothing at run time (types only), so loading it never loads the rules", () => {
    const source = readFileSync(new URL("../src/Version.ts", import.meta.url), "utf8")
    const imports = source.split("\n").filter((line) => /^\s*(import|export)\b.*\bfrom\b/.test(line))
    expect(imports.length).toBeGreaterThan(0)
    for (const line of imports) expect(line).toMatch(/^import type /)
  })
})
