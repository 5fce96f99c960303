/**
 * Two additions made for `@coaching/cli`: the `accepts` fast-path hook of `validate` and
 * `NdjsonValidator` (a sound guard skips the Schema decode; a `false` changes nothing), and
 * header messages that never serialize a nested value (deeply nested junk in `format` or
 * `version` used to overflow the stack in `JSON.stringify`).
 */
import { describe, expect, it } from "vitest"
import { Export } from "../src/index.js"

const empty = { format: "coaching-export", version: 1, people: [], cohorts: [], relationships: [], playbooks: [], journeys: [] }
const nested = (depth: number): unknown => JSON.parse("[".repeat(depth) + "]".repeat(depth))

describe("Export.validate accepts hook", () => {
  it("skips the Schema decode when the document check answers true", () => {
    let calls = 0
    const report = Export.validate(empty, { accepts: { document: () => (calls++, true) } })
    expect(calls).toBe(1)
    expect(report).toEqual({ valid: true, violations: [] })
  })

  it("still decodes and reports when the check answers false", () => {
    const broken = { ...empty, people: [{ id: "t-1", name: "Ada", roles: ["teacher"], grade: 3 }] }
    const report = Export.validate(broken, { accepts: { document: () => false } })
    expect(report.violations.map((v) => `${v.code} ${v.path}`)).toEqual(["SHAPE_UNKNOWN_FIELD $.people[0].grade"])
  })

  it("applies to NDJSON lines", () => {
    const seen: Array<unknown> = []
    const validator = new Export.NdjsonValidator({ accepts: { line: (value) => (seen.push(value), true) } })
    validator.line("{\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}", 1)
    validator.line("{\"_tag\":\"person\",\"person\":{\"id\":\"t-1\",\"name\":\"Ada\",\"roles\":[\"teacher\"]}}", 2)
    expect(validator.finish()).toEqual({ valid: true, violations: [] })
    expect(seen).toHaveLength(2)
  })

  it("an NDJSON line the check refuses is decoded and reported with its line", () => {
    const validator = new Export.NdjsonValidator({ accepts: { line: () => false } })
    validator.line("{\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}", 1)
    validator.line("{\"_tag\":\"person\",\"person\":{\"id\":\"t-1\",\"name\":\"Ada\",\"roles\":[]}}", 2)
    const report = validator.finish()
    expect(report.valid).toBe(false)
    expect(report.violations[0]).toMatchObject({ path: "$.person.roles[0]", line: 2 })
  })
})

describe("Export header messages", () => {
  it("deeply nested junk in format is reported, not a stack overflow", () => {
    const report = Export.validate({ format: nested(100_000) })
    expect(report.violations).toEqual([{ path: "$.format", code: "NOT_AN_EXPORT", message: "Expected format \"coaching-export\", got an array." }])
  })

  it("deeply nested junk in version is reported, not a stack overflow", () => {
    const report = Export.validate({ format: "coaching-export", version: { a: nested(100_000) } })
    expect(report.violations[0]).toMatchObject({ path: "$.version", code: "UNSUPPORTED_VERSION" })
    expect(report.violations[0]!.message).toContain("an object")
  })

  it("a number too large for a double is named as such", () => {
    const report = Export.validate(JSON.parse("{\"format\":\"coaching-export\",\"version\":1e400}"))
    expect(report.violations[0]!.message).toBe("This library reads version 1 of the format; the file says a number too large to represent.")
  })

  it("a plain wrong version is quoted", () => {
    const report = Export.validate({ ...empty, version: 2 })
    expect(report.violations).toEqual([
      { path: "$.version", code: "UNSUPPORTED_VERSION", message: "This library reads version 1 of the format; the file says 2." }
    ])
  })
})
