/** docs/errors.md lists every stable code the package produces: script errors, warnings, lint codes. */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { lintCodes, scriptErrorCodes, type WarningCode } from "../src/index.js"

/** Every warning code (the record makes the compiler check the list is complete). */
const warnings: Readonly<Record<WarningCode, true>> = {
  FOLLOW_UP_BEYOND_RECOMMENDED: true,
  ACTION_STEP_NOT_GRANULAR: true,
  NO_STRENGTHS_RECORDED: true,
  PRAISE_EFFECT_MISSING: true,
  NO_EVIDENCE_NOTES: true,
  JUDGEMENT_IN_RECORD: true,
  PREVIOUS_CYCLE_MISSING: true
}

describe("docs", () => {
  it("docs/errors.md lists every script error, warning and lint code", () => {
    const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8")
    const codes = [...scriptErrorCodes, ...Object.keys(warnings), ...lintCodes]
    expect(codes.filter((code) => !doc.includes(`\`${code}\``))).toEqual([])
  })
})
