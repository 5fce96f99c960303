/**
 * The built `coaching` bin as a subprocess: every bad input of the issue (malformed JSON,
 * truncated NDJSON line, BOM, 0-byte file, unknown version, unknown fields, huge numbers,
 * deeply nested junk, missing file, directory), the three output formats, the exit codes
 * (0 valid, 1 invalid, 2 usage or I/O error), `--help` for every command, standard input.
 */
import { Export } from "@coaching/core"
import { makeChecker } from "@coaching/granularity"
import { existsSync, readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { spawnSync } from "node:child_process"
import { bin, ensureBuilt, runBin, tempDir } from "./support/bin.js"
import { adminUrl, scratchDatabase } from "./support/servers.js"
import { jsonText, ndjsonText, plain } from "./support/fixtures.js"

const tmp = tempDir()
beforeAll(() => ensureBuilt(), 300_000)
afterAll(() => tmp.cleanup())

const noCrash = (stderr: string) => {
  expect(stderr).not.toMatch(/RangeError|Maximum call stack|internal error|at .*\.js:\d+/)
}
/** The note after an import of the fixtures, whose granularity reports `Granularity.acceptAll` made (kept as recorded). */
const kept = (file: string, reports: number) =>
  `${file}: note: ${reports} granularity report${reports === 1 ? " was" : "s were"} kept as recorded, not recomputed: another checker than the CLI's made ${reports === 1 ? "it" : "them"} (@coaching/core/acceptAll: ${reports}).\n`
const asJson = (stdout: string) => JSON.parse(stdout) as { valid: boolean; input: string; violations: Array<{ code: string; path: string; line?: number; column?: number; message: string }> }

describe("valid exports", () => {
  it("a JSON document: exit 0 and a one-line verdict (its granularity reports recomputed by the CLI's checker)", () => {
    const text = jsonText(2, 2, makeChecker({}))
    const file = tmp.file("valid.json", text)
    const r = runBin(["validate", file])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`${file}: valid coaching export (JSON document, 10 records, ${Buffer.byteLength(text)} bytes).\n`)
    expect(r.stderr).toBe("")
  })

  it("an NDJSON stream is detected and valid", () => {
    const file = tmp.file("valid.ndjson", ndjsonText(3, 1))
    const r = runBin(["validate", file, "--format", "json"])
    expect(r.status).toBe(0)
    expect(asJson(r.stdout)).toMatchObject({ valid: true, input: "ndjson", violations: [], records: 14 })
  })

  it("standard input with -", () => {
    const r = runBin(["validate", "-", "--format", "json"], { input: ndjsonText(1, 1) })
    expect(r.status).toBe(0)
    expect(asJson(r.stdout)).toMatchObject({ file: "<stdin>", valid: true, input: "ndjson" })
  })

  it("a progress bar on stderr when stderr is a terminal (util-linux `script` gives it a pty)", () => {
    const file = tmp.file("tty.ndjson", ndjsonText(3, 1))
    const out = `${tmp.dir}/tty.out`
    // stdout goes to a file, so what `script` captures from the pty is stderr alone.
    const r = spawnSync("script", ["-qec", `${process.execPath} ${bin} validate ${file} > ${out}`, "/dev/null"], { encoding: "utf8" })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/\r\[#+\] +100% [\d.]+\/[\d.]+ MB {2}\d+ records {2}[\d.]+ MB\/s {2}ETA 0s/)
    expect(r.stdout.endsWith("\r\u001b[K")).toBe(true)
    expect(readFileSync(out, "utf8")).toContain("valid coaching export (NDJSON stream")
  })

  it("a JSON document on standard input: valid, and invalid with its violations", () => {
    expect(runBin(["validate", "-"], { input: jsonText(1, 1) }).status).toBe(0)
    const doc = plain(1, 1)
    doc.people[1].grade = "A"
    const text = JSON.stringify(doc)
    const r = runBin(["validate", "-", "--format", "json"], { input: text })
    expect(r.status).toBe(1)
    expect(asJson(r.stdout).violations).toEqual([
      { path: "$.people[1].grade", code: "SHAPE_UNKNOWN_FIELD", message: "Unknown field (not part of the format)", line: 1, column: text.indexOf("\"grade\"") + 1 }
    ])
  })

  it("no progress bar when stderr is not a terminal", () => {
    const file = tmp.file("quiet.ndjson", ndjsonText(2, 1))
    expect(runBin(["validate", file]).stderr).toBe("")
  })
})

describe("bad inputs", () => {
  it("malformed JSON: JSON_SYNTAX with line and column", () => {
    const file = tmp.file("malformed.json", "{\n  \"format\": \"coaching-export\",\n  \"version\": 1,\n  \"people\": [x]\n}\n")
    const r = runBin(["validate", file])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain(`${file}:4:14: JSON_SYNTAX at $: Not valid JSON at line 4, column 14: Unexpected 'x': expected a value.`)
    noCrash(r.stderr)
  })

  it("a JSON document cut short: the end of input is named", () => {
    const text = jsonText(1, 1)
    const file = tmp.file("cut.json", text.slice(0, Math.floor(text.length / 2)))
    const out = asJson(runBin(["validate", file, "--format", "json"]).stdout)
    expect(out.violations).toHaveLength(1)
    expect(out.violations[0]!.code).toBe("JSON_SYNTAX")
    expect(out.violations[0]!.message).toMatch(/Unexpected end of input|Unterminated string/)
    expect(out.violations[0]!.line).toBeGreaterThan(1)
  })

  it("a truncated NDJSON line: NDJSON_INVALID_JSON on that line", () => {
    const lines = ndjsonText(2, 1).trimEnd().split("\n")
    const last = lines.pop()!
    const file = tmp.file("truncated.ndjson", [...lines, last.slice(0, 200)].join("\n"))
    const r = runBin(["validate", file, "--format", "json"])
    expect(r.status).toBe(1)
    const out = asJson(r.stdout)
    expect(out.input).toBe("ndjson")
    expect(out.violations.map((v) => [v.code, v.line])).toEqual([["NDJSON_INVALID_JSON", lines.length + 1]])
  })

  it("a UTF-8 byte-order mark is accepted and stripped (JSON and NDJSON)", () => {
    const bom = "\uFEFF"
    expect(runBin(["validate", tmp.file("bom.json", bom + jsonText(1, 1))]).status).toBe(0)
    expect(runBin(["validate", tmp.file("bom.ndjson", bom + ndjsonText(1, 1))]).status).toBe(0)
  })

  it("bytes that are not UTF-8: INPUT_INVALID_UTF8 with line and column", () => {
    const text = jsonText(1, 1).replace("Teacher 1", "Teacher \u0001")
    const bytes = Buffer.from(text, "utf8")
    bytes[bytes.indexOf(1)] = 0xff
    const out = asJson(runBin(["validate", tmp.file("latin.json", bytes), "--format", "json"]).stdout)
    expect(out.violations).toHaveLength(1)
    expect(out.violations[0]).toMatchObject({ code: "INPUT_INVALID_UTF8" })
    expect(out.violations[0]!.line).toBe(text.slice(0, text.indexOf("\u0001")).split("\n").length)
  })

  it("a 0-byte file: NOT_AN_EXPORT, the file is empty", () => {
    const r = runBin(["validate", tmp.file("empty.json", "")])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain("NOT_AN_EXPORT at $: The file is empty (0 bytes).")
    const nd = runBin(["validate", tmp.file("empty.ndjson", ""), "--input", "ndjson"])
    expect(nd.status).toBe(1)
    expect(nd.stdout).toContain("NOT_AN_EXPORT")
  })

  it("an unknown format version: UNSUPPORTED_VERSION", () => {
    const doc = plain(1, 1)
    doc.version = 2
    const text = JSON.stringify(doc)
    const r = runBin(["validate", tmp.file("v2.json", text), "--format", "json"])
    expect(r.status).toBe(1)
    expect(asJson(r.stdout).violations).toEqual([
      { path: "$.version", code: "UNSUPPORTED_VERSION", message: "This library reads version 1 of the format; the file says 2.", line: 1, column: text.indexOf("\"version\"") + 1 }
    ])
    const nd = ndjsonText(1, 1).replace("\"version\":1", "\"version\":2")
    const out = asJson(runBin(["validate", tmp.file("v2.ndjson", nd), "--format", "json"]).stdout)
    expect(out.violations).toEqual([{ path: "$.version", code: "UNSUPPORTED_VERSION", message: "This library reads version 1 of the format; the file says 2.", line: 1 }])
  })

  it("unknown fields are rejected: SHAPE_UNKNOWN_FIELD at their path", () => {
    const doc = plain(2, 1)
    doc.people[2].grade = "outstanding"
    doc.journeys[1].events[3].extra = true
    doc.comment = "exported by hand"
    const r = runBin(["validate", tmp.file("unknown.json", JSON.stringify(doc)), "--format", "json"])
    expect(r.status).toBe(1)
    expect(asJson(r.stdout).violations.map((v) => `${v.code} ${v.path}`).sort()).toEqual([
      "SHAPE_UNKNOWN_FIELD $.comment",
      "SHAPE_UNKNOWN_FIELD $.journeys[1].events[3].extra",
      "SHAPE_UNKNOWN_FIELD $.people[2].grade"
    ])
    const nd = ndjsonText(1, 1).replace("{\"_tag\":\"person\",\"person\":{", "{\"_tag\":\"person\",\"note\":1,\"person\":{")
    const out = asJson(runBin(["validate", tmp.file("unknown.ndjson", nd), "--format", "json"]).stdout)
    expect(out.violations[0]).toMatchObject({ code: "SHAPE_UNKNOWN_FIELD", path: "$.note", line: 2 })
  })

  it("huge numbers are rejected, never rounded into range", () => {
    const doc = plain(1, 1)
    const text = JSON.stringify(doc)
      .replace("\"minutes\":12", "\"minutes\":1e400")
      .replace("\"minutes\":20", `"minutes":${"9".repeat(400)}`)
    const out = asJson(runBin(["validate", tmp.file("huge.json", text), "--format", "json"]).stdout)
    // One violation each, naming both checks of minutes (an integer; between 1 and 600).
    expect(out.violations.map((v) => `${v.code} ${v.path}: ${v.message}`)).toEqual([
      "SHAPE_INVALID_VALUE $.journeys[0].events[1].visit.minutes: Expected an integer and a value between 1 and 600",
      "SHAPE_INVALID_VALUE $.journeys[0].events[2].visit.minutes: Expected an integer and a value between 1 and 600"
    ])
    const version = runBin(["validate", tmp.file("huge-version.json", "{\"format\":\"coaching-export\",\"version\":1e400}"), "--format", "json"])
    expect(asJson(version.stdout).violations[0]!.message).toContain("a number too large to represent")
  })

  it("deeply nested junk (100 000 arrays) is reported, not a stack overflow", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000)
    const whole = runBin(["validate", tmp.file("deep.json", deep)])
    expect(whole.status).toBe(1)
    expect(whole.stdout).toContain("NOT_AN_EXPORT")
    noCrash(whole.stderr)
    const inFormat = runBin(["validate", tmp.file("deep-format.json", `{"format":${deep},"version":1}`), "--format", "json"])
    expect(asJson(inFormat.stdout).violations).toEqual([{ path: "$.format", code: "NOT_AN_EXPORT", message: "Expected format \"coaching-export\", got an array.", line: 1, column: 2 }])
    const doc = plain(1, 1)
    doc.people[1].areas = ["__DEEP__"] // l-mary, a lead: her record failing shape hides no rule
    const inPeople = runBin(["validate", tmp.file("deep-people.json", JSON.stringify(doc).replace("\"__DEEP__\"", deep)), "--format", "json"])
    expect(asJson(inPeople.stdout).violations.map((v) => `${v.code} ${v.path}`)).toEqual(["SHAPE_INVALID_TYPE $.people[1].areas[0]"])
    const objects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)
    const nd = `${ndjsonText(1, 1)}${objects}\n`
    const line = runBin(["validate", tmp.file("deep.ndjson", nd), "--format", "json"])
    expect(line.status).toBe(1)
    noCrash(line.stderr)
    // An unclosed nest: malformed JSON, located at the end of the input.
    const open = runBin(["validate", tmp.file("deep-open.json", "[".repeat(100_000)), "--format", "json"])
    expect(asJson(open.stdout).violations[0]).toMatchObject({ code: "JSON_SYNTAX", line: 1, column: 100_001 })
  })

  it("a missing file: exit 2 and one line on stderr", () => {
    const r = runBin(["validate", `${tmp.dir}/nope.json`])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toBe(`coaching: No such file: ${tmp.dir}/nope.json\n`)
  })

  it("a directory instead of a file: exit 2", () => {
    const r = runBin(["validate", tmp.dir])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`coaching: ${tmp.dir} is a directory, not an export file.\n`)
  })
})

describe("reporting", () => {
  const broken = () => {
    const doc = plain(2, 1)
    doc.people[2].grade = "A"
    doc.journeys[0].events.splice(4, 1) // drop the action step: the meeting comes too early
    doc.journeys[1].events[1].visit.minutes = 0
    return JSON.stringify(doc, null, 2)
  }

  it("reports every violation, not only the first", () => {
    const out = asJson(runBin(["validate", tmp.file("broken.json", broken()), "--format", "json"]).stdout)
    expect(out.violations.length).toBeGreaterThanOrEqual(3)
    // Shape errors in one journey do not hide rule errors in another.
    expect(new Set(out.violations.map((v) => v.code))).toEqual(new Set(["SHAPE_UNKNOWN_FIELD", "SHAPE_INVALID_VALUE", "ACTION_STEP_MISSING"]))
  })

  it("--max-errors stops early and says so", () => {
    const r = runBin(["validate", tmp.file("broken2.json", broken()), "--max-errors", "1"])
    expect(r.status).toBe(1)
    const lines = r.stdout.trimEnd().split("\n")
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain("stopped after 1 violation (--max-errors); there may be more.")
  })

  it("--format github prints workflow annotations with file, line and column", () => {
    const lines = ndjsonText(1, 1).trimEnd().split("\n")
    lines[1] = lines[1]!.replace("\"roles\":[\"coach\"]", "\"roles\":[\"coach\"],\"grade\":\"A, then B\"")
    const file = tmp.file("gh.ndjson", `${lines.join("\n")}\n`)
    const r = runBin(["validate", file, "--format", "github"])
    expect(r.status).toBe(1)
    expect(r.stdout.split("\n")[0]).toBe(`::error file=${file},line=2,title=SHAPE_UNKNOWN_FIELD::$.person.grade: Unknown field (not part of the format)`)
    const syntax = runBin(["validate", tmp.file("gh.json", "{\n  \"format\": tru\n}"), "--format", "github"])
    expect(syntax.stdout.split("\n")[0]).toMatch(/^::error file=[^,]+gh\.json,line=2,col=13,title=JSON_SYNTAX::\$: Not valid JSON at line 2, column 13: Unexpected 'tru': expected true\./)
  })

  it("rule violations come from the decider, with their codes", () => {
    const doc = plain(1, 1)
    const meeting = doc.journeys[0].events[5]
    meeting.meeting.reps = []
    const out = asJson(runBin(["validate", tmp.file("reps.json", JSON.stringify(doc)), "--format", "json"]).stdout)
    expect(out.violations).toEqual([expect.objectContaining({ code: "REHEARSAL_TOO_FEW_REPS", path: "$.journeys[0].events[5]" })])
  })
})

describe("usage", () => {
  it("--help for every command, exit 0", () => {
    for (const args of [["--help"], ["validate", "--help"], ["schema", "--help"], ["lint-step", "--help"], ["export", "--help"], ["import", "--help"]]) {
      const r = runBin(args)
      expect(r.status).toBe(0)
      expect(r.stdout).toMatch(/USAGE/)
    }
    expect(runBin(["validate", "--help"]).stdout).toContain("--max-errors")
  })

  it("usage errors exit 2: unknown flag, bad value, missing argument, bad --max-errors, no command", () => {
    const file = tmp.file("u.json", jsonText(1, 1))
    for (const args of [["validate", file, "--nope"], ["validate", file, "--format", "xml"], ["validate"], ["validate", file, "--max-errors", "0"], ["frobnicate"], []]) {
      const r = runBin(args)
      expect({ args, status: r.status }).toEqual({ args, status: 2 })
    }
    expect(runBin(["validate", file, "--format", "xml"]).stderr).toContain("xml")
  })

  it("a reader that stops early ends the output quietly (no EPIPE stack trace)", () => {
    // `true` exits without reading, so every write of the bin meets a closed pipe.
    const closed = spawnSync("sh", ["-c", `${process.execPath} ${bin} schema | true`], { encoding: "utf8" })
    expect(closed.stderr).toBe("")
    const head = spawnSync("sh", ["-c", `${process.execPath} ${bin} schema | head -1`], { encoding: "utf8" })
    expect(head.stdout).toBe("{\n")
    expect(head.stderr).toBe("")
  })

  it("--version prints the version", () => {
    const r = runBin(["--version"])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain("0.1.0")
  })

  it("--input forces the variant", () => {
    const r = runBin(["validate", tmp.file("forced.json", ndjsonText(1, 1)), "--input", "json", "--format", "json"])
    expect(r.status).toBe(1)
    expect(asJson(r.stdout).violations[0]).toMatchObject({ code: "JSON_SYNTAX", line: 2 })
  })
})

describe("schema", () => {
  it("prints core's Export.jsonSchema() (draft 2020-12), or writes it with --out", () => {
    const r = runBin(["schema"])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`${JSON.stringify(Export.jsonSchema(), null, 2)}\n`)
    const schema = JSON.parse(r.stdout)
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema")
    const out = `${tmp.dir}/schema.json`
    expect(runBin(["schema", "--out", out]).status).toBe(0)
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(schema)
  })

  it("--out to a directory is an I/O error (exit 2)", () => {
    const r = runBin(["schema", "--out", tmp.dir])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("is a directory")
  })
})

describe("lint-step", () => {
  it("a granular step: exit 0 and the verdict", () => {
    const r = runBin(["lint-step", "Pose the question, pause for five seconds, then name a student to answer."])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^granular: one action a teacher can rehearse and use in the next lesson \(score [01]\.\d\d\)\n/)
  })

  it("a bundle: exit 1, findings with the words they are about, and suggestions", () => {
    const text = "Improve questioning and behaviour management across all lessons"
    const r = runBin(["lint-step", text])
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^not granular \(score/)
    expect(r.stdout).toContain("VAGUE at 0–7 \"Improve\"")
    expect(r.stdout).toContain("suggestions:")
  })

  it("--format json prints core's GranularityReport", () => {
    const r = runBin(["lint-step", "Improve questioning", "--format", "json"])
    expect(r.status).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(Object.keys(report).sort()).toEqual(["findings", "granular", "score", "suggestions"])
    expect(report.granular).toBe(false)
  })

  it("an empty step is not granular; a missing argument is a usage error", () => {
    expect(runBin(["lint-step", ""]).status).toBe(1)
    expect(runBin(["lint-step"]).status).toBe(2)
  })
})

describe("import and export (sqlite:)", () => {
  const db = (name: string) => `${tmp.dir}/${name}.db`

  it("import then export gives back the same bytes (JSON and NDJSON)", () => {
    const file = tmp.file("round.json", jsonText(2, 2))
    const r = runBin(["import", file, "--to", `sqlite:${db("round")}`])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`Imported 4 people, 1 cohort, 2 relationships, 1 playbook, 2 journeys (28 events) into sqlite:${db("round")}.\n${kept(file, 4)}`)
    const out = `${tmp.dir}/round-back.json`
    const written = runBin(["export", "--from", `sqlite:${db("round")}`, "--out", out])
    expect(written.status).toBe(0)
    expect(written.stdout).toBe(`Exported 4 people, 2 journeys from sqlite:${db("round")} to ${out}.\n`)
    expect(readFileSync(out, "utf8")).toBe(jsonText(2, 2))
    const nd = runBin(["import", tmp.file("round.ndjson", ndjsonText(3, 1)), "--to", `sqlite:${db("round-nd")}`])
    expect(nd.status).toBe(0)
    const back = runBin(["export", "--from", `sqlite:${db("round-nd")}`, "--format", "ndjson"])
    expect(back.status).toBe(0)
    expect(back.stdout).toBe(ndjsonText(3, 1))
  })

  it("an invalid export is refused before the store is touched: no file is created", () => {
    const doc = plain(1, 1)
    doc.journeys[0].events[5].meeting.reps = []
    const r = runBin(["import", tmp.file("bad-import.json", JSON.stringify(doc)), "--to", `sqlite:${db("never")}`])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain("REHEARSAL_TOO_FEW_REPS")
    expect(r.stderr).toContain("import refused")
    expect(existsSync(db("never"))).toBe(false)
  })

  it("all or nothing: a journey the store holds differently refuses the whole import", () => {
    const store = `sqlite:${db("conflict")}`
    const one = runBin(["import", tmp.file("one.json", jsonText(1, 1)), "--to", store])
    expect(one.status).toBe(0)
    expect(one.stdout).toBe(`Imported 3 people, 1 cohort, 1 relationship, 1 playbook, 1 journey (7 events) into ${store}.\n${kept(`${tmp.dir}/one.json`, 1)}`)
    const before = runBin(["export", "--from", store]).stdout
    // one journey, and one person once the others are left out: the counts read in the singular
    const oneOut = `${tmp.dir}/one-back.json`
    expect(runBin(["export", "--from", store, "--out", oneOut]).stdout).toBe(`Exported 3 people, 1 journey from ${store} to ${oneOut}.\n`)
    const alone = `sqlite:${db("alone")}`
    expect(runBin(["import", tmp.file("alone.json", Export.encode(Export.make({ people: [plain(1, 1).people[0]] }))), "--to", alone]).status).toBe(0)
    expect(runBin(["export", "--from", alone, "--out", oneOut]).stdout).toBe(`Exported 1 person, 0 journeys from ${alone} to ${oneOut}.\n`)
    // t-1's journey differs (one more cycle); t-2 is new but must not be written either.
    const two = plain(2, 2)
    two.journeys = two.journeys.map((j: { events: Array<unknown> }, i: number) => (i === 0 ? j : { ...j, events: j.events.slice(0, 7) }))
    const r = runBin(["import", tmp.file("two.json", JSON.stringify(two)), "--to", store])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("the store already holds 1 record differently")
    expect(r.stderr).toContain("nothing was written")
    expect(runBin(["export", "--from", store]).stdout).toBe(before)
  })

  it("export never creates a store, and names what is wrong with a bad one", () => {
    const missing = runBin(["export", "--from", `sqlite:${db("missing")}`])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toBe(`coaching: No such file: ${db("missing")}\n`)
    expect(existsSync(db("missing"))).toBe(false)
    const junk = runBin(["export", "--from", `sqlite:${tmp.file("junk.db", "this is not a database, just text")}`])
    expect(junk.status).toBe(2)
    expect(junk.stderr).toContain("STORE_CORRUPT")
    // SQLite's own reason is kept, so the person knows what the file is not.
    expect(junk.stderr).toContain("file is not a database")
  })

  it("store locations other than sqlite:<path> and postgres:<url> are usage errors", () => {
    for (const location of ["mysql:db", "coaching.db", "sqlite:", "postgres:", "postgres:nonsense", "postgres://host-without-database"]) {
      const r = runBin(["export", "--from", location])
      expect({ location, status: r.status }).toEqual({ location, status: 2 })
      expect(r.stderr).toMatch(/sqlite:|postgres:/)
    }
    expect(runBin(["import", tmp.file("x.json", jsonText(1, 1)), "--to", "postgres://x"]).status).toBe(2)
  })
})

describe("import and export (postgres:)", () => {
  // A database of this file's own on the server COACHING_PG_URL names (the local one by default).
  const { create, drop, url } = scratchDatabase("coaching_cli")
  beforeAll(create, 60_000)
  afterAll(drop, 60_000)
  const store = (schema: string) => `postgres:${url}?schema=${schema}`

  it("import then export gives back the same bytes (JSON and NDJSON), in stores side by side in one database", () => {
    const r = runBin(["import", tmp.file("pg-round.json", jsonText(2, 2)), "--to", store("round")])
    expect(r.stderr).toBe("")
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`Imported 4 people, 1 cohort, 2 relationships, 1 playbook, 2 journeys (28 events) into postgres:${url} (schema round).\n${kept(`${tmp.dir}/pg-round.json`, 4)}`)
    expect(runBin(["export", "--from", store("round")]).stdout).toBe(jsonText(2, 2))
    // The URL itself (postgres://…) names a store too.
    expect(runBin(["import", tmp.file("pg-round.ndjson", ndjsonText(3, 1)), "--to", `${url}?schema=round_nd`]).status).toBe(0)
    expect(runBin(["export", "--from", store("round_nd"), "--format", "ndjson"]).stdout).toBe(ndjsonText(3, 1))
  })

  it("moving a school from SQLite to PostgreSQL: export → import --to postgres: gives the same export", () => {
    const sqlite = `sqlite:${tmp.dir}/school.db`
    expect(runBin(["import", tmp.file("school.json", jsonText(3, 2)), "--to", sqlite]).status).toBe(0)
    const exported = `${tmp.dir}/school-export.json`
    expect(runBin(["export", "--from", sqlite, "--out", exported]).status).toBe(0)
    const moved = runBin(["import", exported, "--to", store("school")])
    expect(moved.status).toBe(0)
    expect(runBin(["export", "--from", store("school")]).stdout).toBe(readFileSync(exported, "utf8"))
    // The reports read a PostgreSQL store as they read a file.
    const report = runBin(["report", "fidelity", store("school"), "--format", "json"])
    expect(report.status).toBe(0)
    expect(report.stdout).toBe(runBin(["report", "fidelity", sqlite, "--format", "json"]).stdout)
  })

  it("all or nothing: an invalid export or a journey the store holds differently writes nothing", () => {
    const target = store("conflict")
    expect(runBin(["import", tmp.file("pg-one.json", jsonText(1, 1)), "--to", target]).status).toBe(0)
    const before = runBin(["export", "--from", target]).stdout
    // t-1's journey differs (one more cycle); t-2 is new but must not be written either.
    const two = plain(2, 2)
    two.journeys = two.journeys.map((j: { events: Array<unknown> }, i: number) => (i === 0 ? j : { ...j, events: j.events.slice(0, 7) }))
    const r = runBin(["import", tmp.file("pg-two.json", JSON.stringify(two)), "--to", target])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("the store already holds 1 record differently")
    const doc = plain(1, 1)
    doc.journeys[0].events[5].meeting.reps = []
    const bad = runBin(["import", tmp.file("pg-bad.json", JSON.stringify(doc)), "--to", target])
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain("REHEARSAL_TOO_FEW_REPS")
    expect(runBin(["export", "--from", target]).stdout).toBe(before)
  })

  it("an unreachable server or a missing database is a typed error (exit 2) that never shows the password", () => {
    const down = runBin(["export", "--from", "postgres:postgres://coach:s3cret@127.0.0.1:1/coaching"])
    expect(down.status).toBe(2)
    expect(down.stderr).toContain("STORE_UNAVAILABLE")
    expect(down.stderr).not.toContain("s3cret")
    const missing = runBin(["import", tmp.file("pg-missing.json", jsonText(1, 1)), "--to", `postgres:${adminUrl.replace(/\/[^/]*$/, "/coaching_no_such_db")}`])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain("coaching_no_such_db")
  })
})
