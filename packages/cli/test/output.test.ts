/**
 * Rendering: the three formats, GitHub's escaping rules, and the progress bar's line.
 */
import { describe, expect, it } from "vitest"
import { render as renderProgress } from "../src/internal/progress.js"
import * as Output from "../src/Output.js"
import type { Outcome } from "../src/Validate.js"

const invalid: Outcome = {
  kind: "ndjson",
  valid: false,
  violations: [
    { path: "$.person.grade", code: "SHAPE_UNKNOWN_FIELD", message: "Unknown field (not part of the format)", line: 2 },
    { path: "$", code: "JSON_SYNTAX", message: "50% done,\nthen: broken", line: 3, column: 7 }
  ],
  truncated: false,
  bytes: 100,
  records: 3
}

describe("Output", () => {
  it("text: file:line:column CODE at path: sentence, then a summary", () => {
    expect(Output.text("x.ndjson", invalid)).toBe(
      "x.ndjson:2: SHAPE_UNKNOWN_FIELD at $.person.grade: Unknown field (not part of the format)\n" +
        "x.ndjson:3:7: JSON_SYNTAX at $: 50% done,\nthen: broken\n" +
        "x.ndjson: invalid (NDJSON stream): 2 violations.\n"
    )
  })

  it("github: escapes %, CR and LF in messages and also : and , in properties", () => {
    const lines = Output.github("dir:a,b.ndjson", invalid).split("\n")
    expect(lines[0]).toBe("::error file=dir%3Aa%2Cb.ndjson,line=2,title=SHAPE_UNKNOWN_FIELD::$.person.grade: Unknown field (not part of the format)")
    expect(lines[1]).toBe("::error file=dir%3Aa%2Cb.ndjson,line=3,col=7,title=JSON_SYNTAX::$: 50%25 done,%0Athen: broken")
    expect(Output.github(Output.STDIN_NAME, invalid).split("\n")[0]).toBe("::error line=2,title=SHAPE_UNKNOWN_FIELD::$.person.grade: Unknown field (not part of the format)")
  })

  it("json: one object with every violation", () => {
    expect(JSON.parse(Output.json("x", { ...invalid, truncated: true }))).toEqual({
      file: "x", input: "ndjson", valid: false, violations: invalid.violations, truncated: true, bytes: 100, records: 3,
      keptAsRecorded: { reports: 0, checkers: [] }
    })
  })

  it("reports kept as recorded (another checker made them): a note after the summary, a field in JSON, printable names", () => {
    const kept: Outcome = {
      ...invalid,
      valid: true,
      violations: [],
      keptAsRecorded: [{ checker: "my-school 2", reports: 3 }, { checker: "odd\u202Ename", reports: 1 }]
    }
    expect(Output.render("text", "x.ndjson", kept)).toBe(
      "x.ndjson: valid coaching export (NDJSON stream, 3 records, 100 bytes).\n" +
        "x.ndjson: note: 4 granularity reports were kept as recorded, not recomputed: another checker than the CLI's made them (my-school 2: 3, odd\\u202Ename: 1).\n"
    )
    expect(Output.keptNotice("x", { ...kept, keptAsRecorded: [{ checker: "a", reports: 1 }] })).toBe(
      "x: note: 1 granularity report was kept as recorded, not recomputed: another checker than the CLI's made it (a: 1).\n"
    )
    const many = [1, 2, 3, 4, 5].map((i) => ({ checker: `c${i}`, reports: 1 }))
    expect(Output.keptNotice("x", { ...kept, keptAsRecorded: many })).toContain("(c1: 1, c2: 1, c3: 1, and 2 other checkers).")
    expect(Output.keptNotice("x", { ...kept, keptAsRecorded: [] })).toBe("")
    expect(JSON.parse(Output.render("json", "x", kept)).keptAsRecorded).toEqual({
      reports: 4,
      checkers: [{ checker: "my-school 2", reports: 3 }, { checker: "odd\\u202Ename", reports: 1 }]
    })
    expect(Output.render("github", "x", { ...kept, valid: false, violations: invalid.violations }).trimEnd().split("\n").at(-1)).toContain("x: note: 4 granularity reports")
  })
})

describe("progress bar", () => {
  it("shows bytes, records, rate and ETA for a file of known size", () => {
    expect(renderProgress({ bytes: 250e6, total: 1000e6, records: 1234567, elapsedMs: 5000 }, 8)).toBe(
      "[##------]  25% 250.0/1000.0 MB  1,234,567 records  50.0 MB/s  ETA 15s"
    )
    expect(renderProgress({ bytes: 500e6, total: 1000e6, records: 1, elapsedMs: 100_000 }, 4)).toContain("ETA 1m40s")
  })

  it("has no ETA for standard input", () => {
    expect(renderProgress({ bytes: 2e6, total: undefined, records: 10, elapsedMs: 1000 })).toBe("2.0 MB  10 records  2.0 MB/s")
  })
})
