/**
 * The streaming fast path for JSON documents: "valid" only where `Export.validate` says valid,
 * whatever the chunking; it recognizes canonical exports (compact, pretty, with BOM, with a
 * policy); and anything unusual makes it give up, so the CLI's verdict stays core's.
 */
import { Export } from "@coaching/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { DocumentStream } from "../src/internal/documentStream.js"
import { validateBytes } from "../src/Validate.js"
import { asCore, EXPORT_RUNS, jsonText, plain } from "./support/fixtures.js"

/** Feeds `bytes` cut at the given points. */
const streamed = (bytes: Uint8Array, cuts: ReadonlyArray<number> = []): DocumentStream => {
  const stream = new DocumentStream()
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  let from = 0
  for (const p of [...points, bytes.length]) {
    stream.push(bytes.subarray(from, p))
    from = p
  }
  return stream
}
const bytesOf = (text: string) => Buffer.from(text, "utf8")
const cutsArb = fc.array(fc.nat(), { maxLength: 40 })

const base = plain(2, 2)
const policy = { followUp: { minDays: 2, recommendedMaxDays: 20, maxDays: 60 }, rehearsal: { minReps: 2, targetMin: 7, targetMax: 10 } }

describe("DocumentStream", () => {
  it("recognizes valid exports, however they are cut into chunks", () => {
    const texts = [
      jsonText(2, 2),
      JSON.stringify(base),
      `\uFEFF${JSON.stringify(base)}`,
      JSON.stringify({ format: base.format, version: base.version, policy, ...Object.fromEntries(Object.entries(base).slice(2)) }, null, "\t"),
      JSON.stringify(Export.make({ journeys: [] }))
    ]
    for (const text of texts) expect(Export.validate(JSON.parse(text.replace(/^\uFEFF/, ""))).valid).toBe(true)
    fc.assert(
      fc.property(fc.constantFrom(...texts), cutsArb, (text, cuts) => {
        const stream = streamed(bytesOf(text), cuts)
        expect(stream.failed).toBe(false)
        expect(stream.valid).toBe(true)
      }),
      { numRuns: EXPORT_RUNS / 5 }
    )
    expect(streamed(bytesOf(jsonText(2, 2))).records).toBe(10)
  })

  it("cuts anywhere, even inside escapes and multi-byte characters", () => {
    const doc = Export.make({ cohorts: [{ id: "c-1", name: "A \\\" quoted \\ name — é \u00e9 \ud83d\ude00 \\" }] as never })
    const bytes = bytesOf(JSON.stringify(doc))
    expect(Export.validate(JSON.parse(bytes.toString())).valid).toBe(true)
    for (let a = 0; a <= bytes.length; a++) {
      expect({ a, valid: streamed(bytes, [a]).valid }).toEqual({ a, valid: true })
      expect({ a, valid: streamed(bytes, [a, a + 1, a + 2]).valid }).toEqual({ a, valid: true })
    }
  })

  it("says valid only where Export.validate says valid (mutated documents, random chunks)", () => {
    const mutations: Array<(d: any) => void> = [
      (d) => (d.people[0].roles = ["grader"]),
      (d) => (d.people[3].extra = 1),
      (d) => d.journeys[0].events.splice(3, 1),
      (d) => (d.journeys[1].events[5].meeting.reps = []),
      (d) => (d.journeys[0].teacherId = "t-9"),
      (d) => (d.relationships[0].coachId = "t-2"),
      (d) => (d.people = [...d.people, d.people[0]]),
      (d) => (d.journeys = [d.journeys[0], d.journeys[0]]),
      (d) => (d.version = 2),
      (d) => (d.policy = { followUp: { minDays: 30, recommendedMaxDays: 28, maxDays: 84 }, rehearsal: { minReps: 1, targetMin: 7, targetMax: 10 } }),
      (d) => (d.cohorts[0].name = "Early-career teachers \"2026\" \\ \u00e9\u2014 \ud83d\ude00"),
      (d) => (d.journeys[0].events[1].at = "2026-02-30T09:00:00.000Z"),
      () => {}
    ]
    fc.assert(
      fc.property(fc.constantFrom(...mutations), fc.boolean(), cutsArb, (mutate, pretty, cuts) => {
        const doc = structuredClone(base)
        mutate(doc)
        const text = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc)
        const stream = streamed(bytesOf(text), cuts)
        const core = Export.validate(JSON.parse(text))
        if (stream.valid) expect(core.valid).toBe(true)
        if (core.valid) expect(stream.valid).toBe(true)
        const ours = validateBytes(bytesOf(text)).violations
        expect(asCore(ours)).toEqual(core.violations)
        // Every violation of a JSON document points at a line (and column).
        for (const v of ours) expect(v.line).toBeGreaterThanOrEqual(1)
      }),
      { numRuns: EXPORT_RUNS / 5 }
    )
  })

  it("gives up on anything it does not expect, and the whole-document check then decides", () => {
    const { journeys, people, ...rest } = base
    const reordered = JSON.stringify({ journeys, people, ...rest })
    const unusual = [
      reordered, // valid, keys out of the canonical order
      JSON.stringify(base).replace("{\"format\"", "{\"format\":\"coaching-export\",\"format\""), // a duplicate key
      JSON.stringify({ ...base, note: 1 }), // an unknown key
      `${JSON.stringify(base)} x`, // trailing junk
      JSON.stringify(base).slice(0, -1), // cut short
      "[]",
      "",
      JSON.stringify(base).replace("\"people\"", "\"peo\\u0070le\"") // an escaped key (same key to JSON.parse)
    ]
    for (const text of unusual) {
      const stream = streamed(bytesOf(text), [7, 100])
      expect({ text: text.slice(0, 40), valid: stream.valid }).toEqual({ text: text.slice(0, 40), valid: false })
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        continue
      }
      expect(asCore(validateBytes(bytesOf(text), { input: "json" }).violations)).toEqual(Export.validate(value).violations)
    }
    expect(validateBytes(bytesOf(reordered)).valid).toBe(true)
    // What JSON.parse hides is reported by the CLI, at the second key.
    expect(validateBytes(bytesOf(unusual[1]!)).violations[0]).toEqual({
      path: "$.format",
      code: "JSON_DUPLICATE_KEY",
      message: "The key \"format\" appears twice in this object; a reader would keep only one of the values. Keep one.",
      line: 1,
      column: unusual[1]!.indexOf("\"format\"", 2) + 1
    })
    // Half a byte-order mark is junk, wherever the chunks are cut.
    const half = Buffer.concat([Buffer.from([0xef, 0xbb]), bytesOf(JSON.stringify(base))])
    for (const cut of [0, 1, 2, 3]) expect(streamed(half, [cut]).valid).toBe(false)
    expect(validateBytes(half).violations[0]!.code).toBe("INPUT_INVALID_UTF8")
  })
})
