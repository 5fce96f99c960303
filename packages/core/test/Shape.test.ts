/**
 * Shape gaps closed at the Schema (issue 17): text made only of invisible or control characters
 * is blank, a relationship's coach is never its teacher, a technique id is unique in its
 * playbook; and shape errors a person can act on: one violation per field, and a value no
 * event (or NDJSON line) accepts says which `_tag` it has and which are allowed.
 */
import fc from "fast-check"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Events, Export, People, Playbook, Text } from "../src/index.js"
import { RUNS } from "./support.js"

/** Code points of the invisible class, as [first, last] ranges. */
const invisibleRanges: ReadonlyArray<readonly [number, number]> = (() => {
  const chars = [...new RegExp(`[${Text.invisibleClass}]`, "u").source.slice(1, -1).replace(/\\u([0-9A-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))]
  const ranges: Array<readonly [number, number]> = []
  for (let i = 0; i < chars.length; i++) {
    const first = chars[i]!.codePointAt(0)!
    if (chars[i + 1] === "-") {
      ranges.push([first, chars[i + 2]!.codePointAt(0)!])
      i += 2
    } else ranges.push([first, first])
  }
  return ranges
})()
const invisibleChar = fc.constantFrom(...invisibleRanges).chain(([a, b]) => fc.integer({ min: a, max: b })).map((c) => String.fromCodePoint(c))
const isInvisible = (c: number) => invisibleRanges.some(([a, b]) => c >= a && c <= b)
const visibleChar = fc.integer({ min: 0x21, max: 0x10ffff }).filter((c) => !isInvisible(c)).map((c) => String.fromCodePoint(c))

const decodes = <S extends Schema.Top>(schema: S, value: unknown) =>
  Schema.decodeUnknownResult(schema as never)(value, { errors: "all", onExcessProperty: "error" })._tag === "Success"

describe("blank text", () => {
  it("the class covers the characters people paste by mistake", () => {
    for (const c of ["", " ", "\t\n", "\u00A0", "\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u3164", "\u2800", "\u{E0041}", "\uFE0F", "\u202E", "\u0000", "\uD800"]) {
      expect({ c, blank: Text.isBlank(c) }).toEqual({ c, blank: true })
    }
    for (const c of ["a", "é", "😀", "中", "٣", ".", "\u0301"]) expect({ c, blank: Text.isBlank(c) }).toEqual({ c, blank: false })
  })

  it("any text made only of invisible characters is blank, and a Line or Note refuses it", () => {
    fc.assert(
      // (A high surrogate then a low one is no longer invisible: together they are one character.)
      fc.property(fc.array(invisibleChar, { minLength: 0, maxLength: 20 }).filter((chars) => [...chars.join("")].every((c) => isInvisible(c.codePointAt(0)!))), (chars) => {
        const text = chars.join("")
        expect(Text.isBlank(text)).toBe(true)
        expect(decodes(Text.Line, text)).toBe(false)
        expect(decodes(Text.Note, text)).toBe(false)
      }),
      { numRuns: RUNS }
    )
  })

  it("one visible character anywhere makes the text not blank", () => {
    fc.assert(
      fc.property(fc.array(invisibleChar, { maxLength: 10 }), visibleChar, fc.nat(), (chars, visible, at) => {
        const text = [...chars.slice(0, at % (chars.length + 1)), visible, ...chars.slice(at % (chars.length + 1))].join("")
        expect(Text.isBlank(text)).toBe(false)
        expect(decodes(Text.Line, text)).toBe(true)
      }),
      { numRuns: RUNS }
    )
  })

  it("a length counts code points: 500 emoji are a Line, 501 are not", () => {
    expect(decodes(Text.Line, "😀".repeat(500))).toBe(true)
    expect(decodes(Text.Line, "😀".repeat(501))).toBe(false)
    expect(decodes(Text.Line, "e\u0301".repeat(250))).toBe(true)
  })
})

const exportWith = (parts: Partial<Record<"people" | "relationships" | "playbooks" | "journeys", ReadonlyArray<unknown>>>) => ({
  format: "coaching-export",
  version: 1,
  people: [
    { id: "t-1", name: "Ada", roles: ["teacher", "coach"] },
    { id: "c-1", name: "Grace", roles: ["coach"] }
  ],
  cohorts: [],
  relationships: [],
  playbooks: [],
  journeys: [],
  ...parts
})

describe("records the Schema refuses", () => {
  it("a relationship whose coach is its teacher", () => {
    const self = { id: "rel-1", coachId: "t-1", teacherId: "t-1", style: "balanced", status: "active", since: "2026-09-01" }
    expect(decodes(People.Relationship, self)).toBe(false)
    expect(decodes(People.Relationship, { ...self, coachId: "c-1" })).toBe(true)
    expect(Export.validate(exportWith({ relationships: [self] })).violations).toEqual([
      { path: "$.relationships[0].coachId", code: "SHAPE_INVALID_VALUE", message: "The coach is the teacher (t-1): a teacher is never their own coach" }
    ])
  })

  it("a technique id twice in one playbook, each duplicate at its path (across strands too)", () => {
    const playbook = structuredClone(Playbook.defaultPlaybook) as unknown as { strands: Array<{ techniques: Array<{ id: string }> }> }
    playbook.strands[0]!.techniques[2]!.id = "wait-time"
    playbook.strands[1]!.techniques[0]!.id = "wait-time"
    expect(decodes(Playbook.Playbook, playbook)).toBe(false)
    expect(Export.validate(exportWith({ playbooks: [playbook] })).violations).toEqual([
      {
        path: "$.playbooks[0].strands[0].techniques[2].id",
        code: "SHAPE_INVALID_VALUE",
        message: "Technique wait-time appears twice in this playbook (first at strands[0].techniques[0])"
      },
      {
        path: "$.playbooks[0].strands[1].techniques[0].id",
        code: "SHAPE_INVALID_VALUE",
        message: "Technique wait-time appears twice in this playbook (first at strands[0].techniques[0])"
      }
    ])
    // The same id in two playbooks is fine: ids are per playbook.
    expect(Export.validate(exportWith({ playbooks: [Playbook.defaultPlaybook, { ...Playbook.defaultPlaybook, id: "other" }] })).valid).toBe(true)
  })
})

describe("errors a person can act on", () => {
  const journey = (events: ReadonlyArray<unknown>) => exportWith({ journeys: [{ teacherId: "t-1", events }] })
  // Every event tag, in the union's order (CycleStarted, VisitRecorded, …).
  const allowed = `one of ${Object.keys(Events.JourneyEvent.cases).join(", ")}`

  it("an unknown, missing or non-string event _tag: the tag found and the tags allowed, not a type dump", () => {
    const report = Export.validate(journey([{ _tag: "CycleGraded", cycleId: "c" }, { cycleId: "c" }, "started", { _tag: 7 }]))
    expect(report.violations).toEqual([
      { path: "$.journeys[0].events[0]._tag", code: "SHAPE_NO_MATCHING_VARIANT", message: `Unknown _tag "CycleGraded": expected ${allowed}` },
      { path: "$.journeys[0].events[1]._tag", code: "SHAPE_MISSING_FIELD", message: `Missing _tag: expected ${allowed}` },
      { path: "$.journeys[0].events[2]", code: "SHAPE_INVALID_TYPE", message: `Expected an object whose _tag is ${allowed}, got "started"` },
      { path: "$.journeys[0].events[3]._tag", code: "SHAPE_NO_MATCHING_VARIANT", message: `Unknown _tag the number 7: expected ${allowed}` }
    ])
    expect(report.violations.map((v) => v.message).join("")).not.toContain("readonly")
  })

  it("an NDJSON line's _tag likewise, and the found tag is never echoed with raw control or invisible characters", () => {
    const header = "{\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}"
    const report = Export.validateNdjson(`${header}\n{"_tag":"persn\\u0000\\ufeff","person":{}}\n`)
    expect(report.violations).toEqual([
      {
        path: "$._tag",
        code: "SHAPE_NO_MATCHING_VARIANT",
        message: "Unknown _tag \"persn\\u0000\\uFEFF\": expected one of header, person, cohort, relationship, playbook, journey",
        line: 2
      }
    ])
  })

  it("one cause gives one violation per field", () => {
    const report = Export.validate(journey([{ ...visitEvent, visit: { ...visitEvent.visit, minutes: 1e400, context: "" } }]))
    expect(report.violations.filter((v) => v.code.startsWith("SHAPE_"))).toEqual([
      { path: "$.journeys[0].events[0].visit.minutes", code: "SHAPE_INVALID_VALUE", message: "Expected an integer and a value between 1 and 600" },
      { path: "$.journeys[0].events[0].visit.context", code: "SHAPE_INVALID_VALUE", message: "Expected text that is not blank (at least one visible character)" }
    ])
  })

  it("one violation per field, whatever the value: never two at the same path", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null), fc.constant(""), fc.constant("\u200B")), (value) => {
        const report = Export.validate(journey([{ ...visitEvent, visit: { ...visitEvent.visit, minutes: value, context: value } }]))
        const paths = report.violations.map((v) => v.path)
        expect(new Set(paths).size).toBe(paths.length)
      }),
      { numRuns: RUNS }
    )
  })
})

const visitEvent = Events.encode({
  _tag: "VisitRecorded",
  cycleId: "c-1",
  at: "2026-09-07T09:00:00.000Z",
  by: "c-1",
  visit: { id: "v-1", minutes: 20, context: "Year 8 maths", evidence: [], strengths: [], candidates: [] }
} as never) as { readonly visit: Record<string, unknown> }
