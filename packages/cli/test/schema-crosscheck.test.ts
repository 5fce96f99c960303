/**
 * Issue 17, class 4: the published JSON Schema and the CLI agree. The same fixtures go through
 * ajv (draft 2020-12) and Python's `jsonschema` (an independent validator in another language,
 * with another regex engine: `re`, whose `$` matches before a final newline and whose `\d`, `\s`
 * are Unicode-wide) and must get identical verdicts, which must also be `coaching validate`'s
 * shape verdict. What JSON Schema cannot see is pinned as documented gaps, where both
 * validators accept and `coaching validate` refuses with the code named.
 */
import { Export, Time } from "@coaching/core"
import { Ajv2020 } from "ajv/dist/2020.js"
import { spawnSync } from "node:child_process"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { readsExactly } from "../src/internal/jsonScan.js"
import { validateBytes } from "../src/Validate.js"
import { runBin, tempDir } from "./support/bin.js"
import { EXPORT_RUNS, jsonText, ndjsonText, plain } from "./support/fixtures.js"

const schema = Export.jsonSchema()
const ajv = new Ajv2020({ allErrors: true, strict: true })
const ajvDocument = ajv.compile(schema)
const ajvLine = ajv.getSchema(`${Export.jsonSchemaId}#/$defs/ndjsonLine`)!

interface Case {
  readonly text: string
  readonly line?: boolean
}

/** Python's verdicts, all cases in one run of `test/support/jsonschema_verdicts.py`. */
const python = (cases: ReadonlyArray<Case>): Array<boolean> => {
  const script = new URL("./support/jsonschema_verdicts.py", import.meta.url).pathname
  const r = spawnSync("python3", [script], { input: JSON.stringify({ schema, cases }), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`python3 ${script} failed (is Python's jsonschema installed? pip install jsonschema): ${r.error ?? ""}${r.stderr}`)
  return JSON.parse(r.stdout) as Array<boolean>
}
const ajvVerdict = (c: Case): boolean => (c.line ? ajvLine : ajvDocument)(JSON.parse(c.text)) as boolean

/** The codes that are a shape verdict (the rest are rules of the cycle or between records). */
const isShape = (code: string): boolean => /^(SHAPE_|JSON_|INPUT_|NDJSON_)/.test(code) || code === "NOT_AN_EXPORT" || code === "UNSUPPORTED_VERSION"
const header = "{\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}"
/** `coaching validate`'s shape verdict (what the bin runs, in process): the codes it refuses with. */
const cliCodes = (c: Case): Array<string> => {
  const bytes = Buffer.from(c.line ? `${header}\n${JSON.parse(c.text)._tag === "header" ? "" : c.text}\n` : c.text)
  return validateBytes(bytes, { input: c.line ? "ndjson" : "json" }).violations.map((v) => v.code).filter(isShape)
}

type Doc = ReturnType<typeof plain>
const doc = (change: (d: Doc) => void, text?: (t: string) => string): Case => {
  const d = plain(1, 1)
  change(d)
  const t = JSON.stringify(d, null, 2)
  return { text: text ? text(t) : t }
}
const mary = (d: Doc) => d.people[1] // a lead nobody refers to: changing her breaks no rule

/** Fixtures all three validators must agree on. */
const agreed: Record<string, readonly [Case, boolean]> = {
  "the valid export": [{ text: jsonText(1, 1) }, true],
  "every NDJSON line": [{ text: ndjsonText(1, 1).split("\n")[4]!, line: true }, true],
  "a missing field": [doc((d) => delete mary(d).name), false],
  "an unknown field": [doc((d) => (mary(d).grade = "A")), false],
  "a wrong type": [doc((d) => (mary(d).roles = "lead")), false],
  "an unknown event tag": [doc((d) => (d.journeys[0].events[0]._tag = "CycleGraded")), false],
  "an unknown NDJSON line tag": [{ text: "{\"_tag\":\"persons\"}", line: true }, false],
  "300 emoji in a name (300 code points, 600 UTF-16 units)": [doc((d) => (mary(d).name = "😀".repeat(300))), true],
  "500 emoji in a name": [doc((d) => (mary(d).name = "😀".repeat(500))), true],
  "501 emoji in a name": [doc((d) => (mary(d).name = "😀".repeat(501))), false],
  "a note of 10 000 emoji": [doc((d) => (d.journeys[0].events[1].visit.evidence[0] = "😀".repeat(10_000))), true],
  "combining marks count one code point each": [doc((d) => (mary(d).name = "e\u0301".repeat(250))), true],
  "an id with a final newline": [doc((d) => (mary(d).id = "l-mary\n")), false],
  "an id with a final CR LF": [doc((d) => (mary(d).id = "l-mary\r\n")), false],
  "an id of 128 characters": [doc((d) => (mary(d).id = "m".repeat(128))), true],
  "an id of 129 characters": [doc((d) => (mary(d).id = "m".repeat(129))), false],
  "an id starting with a dash": [doc((d) => (mary(d).id = "-mary")), false],
  "an area with a final newline": [doc((d) => (d.people[0].areas = ["questioning\n"])), false],
  "a date with a final newline": [doc((d) => (d.relationships[0].since = "2026-09-01\n")), false],
  "a date in Arabic-Indic digits": [doc((d) => (d.relationships[0].since = "٢٠٢٦-٠٩-٠١")), false],
  "a timestamp with a final newline": [doc((d) => (d.journeys[0].events[0].at = "2026-09-07T09:00:00.000Z\n")), false],
  "a timestamp with full-width digits": [doc((d) => (d.journeys[0].events[0].at = "２026-09-07T09:00:00.000Z")), false],
  "a name of zero-width spaces": [doc((d) => (mary(d).name = "\u200B\u200B")), false],
  "a name of a byte-order mark (JavaScript's \\s, not Python's)": [doc((d) => (mary(d).name = "\uFEFF")), false],
  "a name of information separators (Python's \\s, not JavaScript's)": [doc((d) => (mary(d).name = "\u001C\u001D\u001E\u001F")), false],
  "a name of tag characters": [doc((d) => (mary(d).name = "\u{E0041}\u{E0042}")), false],
  "a name of a lone surrogate": [doc((d) => (mary(d).name = "\uD800")), false],
  "a name with one visible character among invisible ones": [doc((d) => (mary(d).name = "\u200B.\u200B")), true],
  "minutes of 1e400": [doc(() => {}, (t) => t.replace("\"minutes\": 12", "\"minutes\": 1e400")), false],
  "minutes of 600.0": [doc(() => {}, (t) => t.replace("\"minutes\": 12", "\"minutes\": 600.0")), true],
  "an offset past the safe integers (2^53 + 1)": [doc((d) => (d.journeys[0].events[4].actionStep.granularity.findings = [{ code: "X", message: "m", span: ["BIG", 1] }]), (t) => t.replace("\"BIG\"", "9007199254740993")), false],
  "a score above 1": [doc((d) => (d.journeys[0].events[4].actionStep.granularity.score = 1.5)), false]
}

/** What JSON Schema cannot say (or a parser hides): both validators accept, coaching validate refuses with these codes. */
const gaps: Record<string, readonly [Case, string]> = {
  "a date that does not exist": [doc((d) => (d.relationships[0].since = "2026-02-30")), "SHAPE_INVALID_VALUE"],
  "a policy out of order": [doc((d) => (d.policy = { followUp: { minDays: 30, recommendedMaxDays: 28, maxDays: 84 }, rehearsal: { minReps: 1, targetMin: 7, targetMax: 10 } })), "SHAPE_INVALID_VALUE"],
  "a score of -0": [doc(() => {}, (t) => t.replace("\"score\": 1", "\"score\": -0")), "SHAPE_INVALID_VALUE"],
  "a coach who is the teacher": [doc((d) => (d.relationships[0].coachId = d.relationships[0].teacherId)), "SHAPE_INVALID_VALUE"],
  "a technique id twice in a playbook": [doc((d) => (d.playbooks[0].strands[1].techniques[0].id = "wait-time")), "SHAPE_INVALID_VALUE"],
  "a key twice (both parsers keep the last)": [doc(() => {}, (t) => t.replace("\"name\": \"Mary Somerville\"", "\"name\": \"\", \"name\": \"Mary Somerville\"")), "JSON_DUPLICATE_KEY"],
  "a number the parsers round into range": [doc(() => {}, (t) => t.replace("\"minutes\": 12", "\"minutes\": 600.00000000000000001")), "JSON_INEXACT_NUMBER"]
}

describe("ajv, Python's jsonschema and coaching validate agree", () => {
  it("on every fixture: identical verdicts, and the documented gaps are the only difference", () => {
    const named = [...Object.entries(agreed).map(([name, [c, expected]]) => ({ name, c, expected, gap: undefined as string | undefined })),
      ...Object.entries(gaps).map(([name, [c, code]]) => ({ name, c, expected: true, gap: code }))]
    const py = python(named.map((n) => n.c))
    named.forEach(({ c, expected, gap, name }, i) => {
      expect({ name, ajv: ajvVerdict(c), python: py[i] }).toEqual({ name, ajv: expected, python: expected })
      const codes = cliCodes(c)
      if (gap === undefined) expect({ name, cli: codes.length === 0 }).toEqual({ name, cli: expected })
      else expect({ name, cli: codes }).toEqual({ name, cli: [gap] })
    })
  })

  it("through the built bin too, for the cases this issue found (emoji, final newline, invisible text)", () => {
    const tmp = tempDir()
    try {
      for (const name of ["300 emoji in a name (300 code points, 600 UTF-16 units)", "an id with a final newline", "a name of zero-width spaces"]) {
        const [c, expected] = agreed[name]!
        expect({ name, status: runBin(["validate", tmp.file("case.json", c.text)]).status }).toEqual({ name, status: expected ? 0 : 1 })
      }
    } finally {
      tmp.cleanup()
    }
  })

  // Strings that tell regex engines and length counts apart, around valid values and after them.
  const unit = fc.constantFrom("a", "Z", "0", "9", "-", "_", ".", ":", "T", " ", "\n", "\r", "\t", "😀", "\u0301", "٣", "２", "\u00A0", "\u001C", "\u200B", "\u2028", "\uFEFF", "\u3164", "\u{E0041}", "\uD800", "é")
  const value = fc.tuple(
    fc.constantFrom("", "l-mary", "questioning", "2026-09-01", "2026-09-07T09:00:00.000Z", "Mary", "x".repeat(499), "m".repeat(127)),
    fc.string({ unit, maxLength: 6 }),
    fc.constantFrom("", "\n", "\r\n", " ", "😀")
  ).map(([base, middle, tail]) => base + middle + tail)
  const fields: Record<string, (d: Doc, s: string) => void> = {
    id: (d, s) => (mary(d).id = s),
    name: (d, s) => (mary(d).name = s),
    area: (d, s) => (d.people[0].areas = [s]),
    date: (d, s) => (d.relationships[0].since = s),
    timestamp: (d, s) => (d.journeys[0].events[0].at = s)
  }
  const numbers = fc.oneof(
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
    fc.constantFrom("1e400", "-1e400", "600.00000000000000001", "9007199254740993", "1.0", "600.0", "-0", "1e-400", "0.1", "6e2", "1E2", "0.99999999999999999")
  )

  it("on generated strings in id, text, area, date and timestamp fields, and generated numbers", () => {
    const strings = fc.sample(fc.tuple(fc.constantFrom(...Object.keys(fields)), value), { numRuns: EXPORT_RUNS, seed: 17 })
    const numeric = fc.sample(fc.tuple(fc.constantFrom("minutes", "score"), numbers), { numRuns: EXPORT_RUNS / 2, seed: 17 })
    const cases = [
      ...strings.map(([field, s]) => ({ what: `${field} ${JSON.stringify(s)}`, field, s, c: doc((d) => fields[field]!(d, s)) })),
      ...numeric.map(([field, token]) => ({
        what: `${field} ${token}`,
        field,
        s: token,
        c: doc(() => {}, (t) => t.replace(field === "minutes" ? "\"minutes\": 12" : "\"score\": 1", `"${field}": ${token}`))
      }))
    ]
    const py = python(cases.map((x) => x.c))
    cases.forEach(({ c, field, s, what }, i) => {
      const a = ajvVerdict(c)
      expect({ what, ajv: a }).toEqual({ what, ajv: py[i] })
      const codes = cliCodes(c)
      // The documented gaps: a real date or instant JSON Schema cannot check; a number the parsers round; -0.
      const shapedButUnreal = (field === "date" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s) && !Time.isRealDate(s)) ||
        (field === "timestamp" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z$/.test(s) && !Time.isCanonicalTimestamp(s))
      if (shapedButUnreal || (field === "score" && Object.is(Number(s), -0))) expect({ what, codes }).toEqual({ what, codes: ["SHAPE_INVALID_VALUE"] })
      else if (!readsExactly(s) && (field === "minutes" || field === "score") && a) expect({ what, codes }).toEqual({ what, codes: ["JSON_INEXACT_NUMBER"] })
      else expect({ what, cli: codes.length === 0 }).toEqual({ what, cli: a })
    })
  })
})
