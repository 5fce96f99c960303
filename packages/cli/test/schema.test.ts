/**
 * The JSON Schema `coaching schema` prints (core's `Export.jsonSchema()`), checked with ajv
 * (draft 2020-12) against the same valid and invalid fixtures as `coaching validate`, so a
 * pipeline without TypeScript gets the same shape verdicts; and the few checks JSON Schema
 * cannot express, pinned as documented gaps.
 */
import { Export } from "@coaching/core"
import { Ajv2020 } from "ajv/dist/2020.js"
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { validateBytes } from "../src/Validate.js"
import { ndjsonText, plain, RUNS } from "./support/fixtures.js"

const ajv = new Ajv2020({ allErrors: true, strict: true })
const schema = Export.jsonSchema()
const ajvDocument = ajv.compile(schema)
const ajvLine = ajv.getSchema(`${Export.jsonSchemaId}#/$defs/ndjsonLine`)!
const ours = (value: unknown) => validateBytes(Buffer.from(JSON.stringify(value)), { input: "json" })

type Doc = ReturnType<typeof plain>
/** Shape violations JSON Schema can express: ajv and `coaching validate` must both refuse them. */
const shapeFixtures: Record<string, (d: Doc) => void> = {
  "missing field": (d) => delete d.people[0].name,
  "unknown top-level field": (d) => (d.comment = "hand-edited"),
  "unknown nested field": (d) => (d.journeys[0].events[0].grade = "A"),
  "wrong type": (d) => (d.people[0].roles = "coach"),
  "unknown role": (d) => (d.people[0].roles = ["grader"]),
  "no roles": (d) => (d.people[0].roles = []),
  "id with a space": (d) => (d.people[0].id = "grace hopper"),
  "timestamp not canonical": (d) => (d.journeys[0].events[0].at = "2026-09-07T09:00:00Z"),
  "date not YYYY-MM-DD": (d) => (d.relationships[0].since = "1 Sep 2026"),
  "minutes zero": (d) => (d.journeys[0].events[1].visit.minutes = 0),
  "minutes fractional": (d) => (d.journeys[0].events[1].visit.minutes = 12.5),
  "minutes over 600": (d) => (d.journeys[0].events[1].visit.minutes = 601),
  "blank text": (d) => (d.people[0].name = "   "),
  "line over 500 characters": (d) => (d.cohorts[0].name = "x".repeat(501)),
  "unknown event tag": (d) => (d.journeys[0].events[0]._tag = "CycleGraded"),
  "unknown outcome": (d) => (d.journeys[0].events[6].followUp.outcome = "outstanding"),
  "span of three": (d) => (d.journeys[0].events[4].actionStep.granularity.findings = [{ code: "X", message: "m", span: [0, 1, 2] }]),
  "score above 1": (d) => (d.journeys[0].events[4].actionStep.granularity.score = 2),
  "wrong version": (d) => (d.version = 2),
  "wrong format": (d) => (d.format = "csv")
}

describe("the JSON Schema", () => {
  it("is a valid draft 2020-12 schema (ajv strict mode compiles it)", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema")
    expect(ajv.validateSchema(schema)).toBe(true)
  })

  it("accepts the valid fixtures: the document and every NDJSON line", () => {
    const doc = plain(2, 2)
    expect(ajvDocument(doc)).toBe(true)
    expect(ours(doc).valid).toBe(true)
    for (const line of ndjsonText(2, 2).trimEnd().split("\n")) expect(ajvLine(JSON.parse(line))).toBe(true)
  })

  for (const [name, change] of Object.entries(shapeFixtures)) {
    it(`refuses, like coaching validate: ${name}`, () => {
      const doc = plain(1, 1)
      change(doc)
      expect(ajvDocument(doc)).toBe(false)
      const verdict = ours(doc)
      expect(verdict.valid).toBe(false)
      expect(verdict.violations[0]!.code).toMatch(/^SHAPE_|^NOT_AN_EXPORT$|^UNSUPPORTED_VERSION$/)
    })
  }

  it("is never stricter than the validator: whatever the Schema decodes, ajv accepts", () => {
    const base = plain(1, 1)
    const texts = ["Ada", " x ", "é", "", "2026-09-07", "2026-09-07T09:00:00.000Z", "t-1", "secured", "directive"]
    fc.assert(
      fc.property(fc.constantFrom("people", "cohorts", "relationships"), fc.constantFrom(...texts), fc.constantFrom("id", "name", "since", "style"), (key, text, field) => {
        const doc = structuredClone(base)
        const record = doc[key][0]
        if (record && field in record) record[field] = text
        if (Result.isSuccess(Schema.decodeUnknownResult(Export.ExportDocument)(doc, { onExcessProperty: "error" }))) expect(ajvDocument(doc)).toBe(true)
      }),
      { numRuns: RUNS }
    )
  })

  it("documents what JSON Schema cannot check: ajv accepts these, coaching validate refuses them", () => {
    const gaps: Record<string, [(d: Doc) => void, string]> = {
      "a date that does not exist": [(d) => (d.journeys[0].events[5].meeting.followUpDue = "2026-02-30"), "SHAPE_INVALID_VALUE"],
      "an instant that does not exist": [(d) => (d.journeys[0].events[0].at = "2026-02-30T09:00:00.000Z"), "SHAPE_INVALID_VALUE"],
      "a policy out of order": [(d) => (d.policy = { followUp: { minDays: 30, recommendedMaxDays: 28, maxDays: 84 }, rehearsal: { minReps: 1, targetMin: 7, targetMax: 10 } }), "SHAPE_INVALID_VALUE"],
      "a rule of the cycle (no rehearsal)": [(d) => (d.journeys[0].events[5].meeting.reps = []), "REHEARSAL_TOO_FEW_REPS"]
    }
    for (const [name, [change, code]] of Object.entries(gaps)) {
      const doc = plain(1, 1)
      change(doc)
      expect({ name, ajv: ajvDocument(doc) }).toEqual({ name, ajv: true })
      expect({ name, codes: ours(doc).violations.map((v) => v.code) }).toEqual({ name, codes: [code] })
    }
    const text = JSON.stringify(schema)
    expect(text).toContain("Also checked by the validator (Export.validate, coaching validate): must be a real calendar date.")
    expect(text).toContain("Also checked by the validator (Export.validate, coaching validate): must be 1 ≤ minDays ≤ recommendedMaxDays ≤ maxDays.")
  })

  it("keeps core's id pattern and refuses unknown fields everywhere (what effect's own JSON Schema export loses)", () => {
    const text = JSON.stringify(schema)
    expect(schema.$id).toBe("urn:coaching:export:1")
    expect(text).toContain("\"pattern\":\"^[A-Za-z0-9]\",\"not\":{\"pattern\":\"[^A-Za-z0-9_.:-]\"},\"maxLength\":128")
    expect(text).toContain("\"additionalProperties\":false")
    expect(text).not.toContain("\"additionalProperties\":true")
  })
})
