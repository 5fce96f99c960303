/**
 * Issue 17, classes 3 and 7 (shape gaps; errors a person can act on), through the built
 * `coaching` bin as a subprocess, with property tests where the class is open-ended (any
 * duplicate key, any blank text, any input character echoed). Class 4 (the JSON Schema and
 * the CLI agree) is `schema-crosscheck.test.ts`.
 */
import { Events, Text } from "@coaching/core"
import { spawnSync } from "node:child_process"
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Output from "../src/Output.js"
import { inputErrorCodes, validateBytes } from "../src/Validate.js"
import { bin, ensureBuilt, runBin, tempDir } from "./support/bin.js"
import { EXPORT_RUNS, jsonText, ndjsonText, plain, RUNS } from "./support/fixtures.js"

const tmp = tempDir()
beforeAll(() => ensureBuilt(), 300_000)
afterAll(() => tmp.cleanup())

interface Violation {
  readonly code: string
  readonly path: string
  readonly message: string
  readonly line?: number
  readonly column?: number
}
const validate = (name: string, content: string | Uint8Array, ...flags: Array<string>) => {
  const r = runBin(["validate", tmp.file(name, content), "--format", "json", ...flags])
  expect(r.stderr).toBe("")
  return { status: r.status, ...(JSON.parse(r.stdout) as { valid: boolean; input: string; violations: Array<Violation> }) }
}
/** The 1-based line of the first occurrence of `needle` after `after` in `text`. */
const lineOf = (text: string, needle: string, after = 0): number => text.slice(0, text.indexOf(needle, after)).split("\n").length
const pretty = (doc: unknown) => JSON.stringify(doc, null, 2)
const lines = () => ndjsonText(1, 1).trimEnd().split("\n")

describe("class 3: shape gaps", () => {
  it("a key given twice: JSON_DUPLICATE_KEY at its path, on the second key's line and column (JSON and NDJSON)", () => {
    const text = jsonText(1, 1).replace("\"name\": \"Teacher 1\",", "\"name\": \"Teacher 1\",\n      \"name\": \"Teacher One\",")
    const out = validate("dup.json", text)
    expect(out.status).toBe(1)
    const second = text.indexOf("\"name\": \"Teacher One\"")
    expect(out.violations).toEqual([
      {
        path: "$.people[2].name",
        code: "JSON_DUPLICATE_KEY",
        message: "The key \"name\" appears twice in this object; a reader would keep only one of the values. Keep one.",
        line: lineOf(text, "\"name\": \"Teacher One\""),
        column: second - text.lastIndexOf("\n", second)
      }
    ])
    const nd = lines()
    nd[3] = nd[3]!.replace("\"name\":\"Teacher 1\"", "\"name\":\"Teacher 1\",\"name\":\"T\"")
    const ndOut = validate("dup.ndjson", `${nd.join("\n")}\n`)
    expect(ndOut.violations.map((v) => [v.code, v.path, v.line])).toEqual([["JSON_DUPLICATE_KEY", "$.person.name", 4]])
    // A duplicate top-level key of the document, and one deep inside an event.
    const deep = jsonText(1, 1).replace("\"outcome\": \"secured\"", "\"outcome\": \"secured\", \"outcome\": \"secured\"")
    expect(validate("dup-deep.json", deep).violations.map((v) => [v.code, v.path])).toEqual([["JSON_DUPLICATE_KEY", "$.journeys[0].events[6].followUp.outcome"]])
  })

  it("text made only of invisible or control characters is blank (zero-width spaces, BOM, NUL, word joiner, …)", () => {
    const doc = plain(1, 1)
    doc.people[2].name = "\u200B\u200D\u2060\uFEFF"
    doc.cohorts[0].name = "\u0000\u00A0\u3164"
    const text = pretty(doc)
    const out = validate("blank.json", text)
    expect(out.violations.filter((v) => v.code === "SHAPE_INVALID_VALUE").map((v) => [v.path, v.message, v.line])).toEqual([
      ["$.people[2].name", "Expected text that is not blank (at least one visible character)", lineOf(text, "\"name\": \"\u200B")],
      ["$.cohorts[0].name", "Expected text that is not blank (at least one visible character)", lineOf(text, "\"name\": \"\\u0000")]
    ])
    const nd = lines()
    // Mary, a lead nobody refers to: her record failing hides nothing else.
    nd[2] = nd[2]!.replace("\"Mary Somerville\"", "\"\\u200b\\u200b\"")
    expect(validate("blank.ndjson", `${nd.join("\n")}\n`).violations.map((v) => [v.code, v.path, v.line])).toEqual([["SHAPE_INVALID_VALUE", "$.person.name", 3]])
  })

  it("a number that only rounds into range is refused (600.00000000000000001 minutes), never rounded; 600.0 is 600", () => {
    const text = jsonText(1, 1).replace("\"minutes\": 12,", "\"minutes\": 600.00000000000000001,")
    const out = validate("round.json", text)
    expect(out.status).toBe(1)
    expect(out.violations).toEqual([
      {
        path: "$.journeys[0].events[1].visit.minutes",
        code: "JSON_INEXACT_NUMBER",
        message: "The number 600.00000000000000001 is not held exactly: it reads as 600. Write it with at most 17 significant digits.",
        line: lineOf(text, "600.00000000000000001"),
        column: text.indexOf("600.00000000000000001") - text.lastIndexOf("\n", text.indexOf("600.00000000000000001"))
      }
    ])
    const nd = lines().join("\n").replace("\"minutes\":12", "\"minutes\":600.00000000000000001").replace("\"score\":1", "\"score\":1e-400")
    expect(validate("round.ndjson", `${nd}\n`).violations.map((v) => [v.code, v.path])).toEqual([
      ["JSON_INEXACT_NUMBER", "$.journey.events[1].visit.minutes"],
      ["JSON_INEXACT_NUMBER", "$.journey.events[4].actionStep.granularity.score"]
    ])
    expect(validate("exact.json", jsonText(1, 1).replace("\"minutes\": 12,", "\"minutes\": 600.0,")).status).toBe(0)
    // Out of range and rounded: one violation, the field's own.
    const both = validate("both.json", jsonText(1, 1).replace("\"minutes\": 12,", "\"minutes\": 9007199254740993,"))
    expect(both.violations.map((v) => [v.code, v.path])).toEqual([["SHAPE_INVALID_VALUE", "$.journeys[0].events[1].visit.minutes"]])
  })

  it("a relationship whose coach is its teacher, and a technique id twice in one playbook", () => {
    const doc = plain(1, 1)
    doc.relationships[0].coachId = doc.relationships[0].teacherId
    doc.playbooks[0].strands[1].techniques[0].id = "wait-time"
    const text = pretty(doc)
    const out = validate("self.json", text)
    expect(out.violations.filter((v) => v.code === "SHAPE_INVALID_VALUE")).toEqual([
      {
        path: "$.relationships[0].coachId",
        code: "SHAPE_INVALID_VALUE",
        message: "The coach is the teacher (t-1): a teacher is never their own coach",
        line: lineOf(text, "\"coachId\": \"t-1\""),
        column: 7
      },
      {
        path: "$.playbooks[0].strands[1].techniques[0].id",
        code: "SHAPE_INVALID_VALUE",
        message: "Technique wait-time appears twice in this playbook (first at strands[0].techniques[0])",
        line: lineOf(text, "\"id\": \"wait-time\"", text.indexOf("\"id\": \"wait-time\"") + 1),
        column: 15
      }
    ])
  })
})

describe("class 3, open-ended (in process: what the bin runs)", () => {
  const doc = plain(1, 1)
  /** Every object in the fixture, by path, with its keys. */
  const objects: Array<[Array<string | number>, Array<string>]> = []
  const walk = (value: unknown, path: Array<string | number>) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]))
    else if (typeof value === "object" && value !== null) {
      objects.push([path, Object.keys(value)])
      Object.entries(value).forEach(([k, v]) => walk(v, [...path, k]))
    }
  }
  walk(doc, [])

  it("a key repeated in any object of a valid export is reported at its path, compact or pretty", () => {
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.nat(), fc.boolean(), ([path, keys], which, indent) => {
        const key = keys[which % keys.length]!
        const copy = structuredClone(doc)
        const target = path.reduce((node: any, k) => node[k], copy)
        const marker = "__DUPLICATE__"
        target[marker] = 0
        const text = JSON.stringify(copy, null, indent ? 2 : undefined).replace(`"${marker}": 0`, `${JSON.stringify(key)}: ${JSON.stringify(target[key])}`).replace(`"${marker}":0`, `${JSON.stringify(key)}:${JSON.stringify(target[key])}`)
        const nd = validateBytes(Buffer.from(text), { input: "json" })
        expect(nd.violations.map((v) => [v.code, v.path])).toEqual([["JSON_DUPLICATE_KEY", `$${path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("")}.${key}`]])
      }),
      { numRuns: EXPORT_RUNS / 5 }
    )
  })

  const invisible = fc.array(fc.constantFrom(" ", "\t", "\n", "\u0000", "\u00A0", "\u00AD", "\u200B", "\u200D", "\u2028", "\u202E", "\u2060", "\u3000", "\u3164", "\uFE0F", "\uFEFF", "\u{E0020}"), { minLength: 1, maxLength: 8 })
  const textFields: Array<(d: any, s: string) => void> = [
    (d, s) => (d.people[0].name = s),
    (d, s) => (d.cohorts[0].name = s),
    (d, s) => (d.journeys[0].events[1].visit.context = s),
    (d, s) => (d.journeys[0].events[1].visit.evidence[0] = s),
    (d, s) => (d.journeys[0].events[3].leveragePoint.text = s),
    (d, s) => (d.journeys[0].events[5].meeting.parts.praise = s),
    (d, s) => (d.playbooks[0].strands[0].techniques[0].description = s)
  ]

  it("any text field made only of invisible characters is refused as blank (and one visible character is enough)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...textFields), invisible, fc.boolean(), (set, chars, withLetter) => {
        const copy = structuredClone(doc)
        set(copy, chars.join("") + (withLetter ? "x" : ""))
        const out = validateBytes(Buffer.from(JSON.stringify(copy)), { input: "json" })
        if (withLetter) expect(out.violations.filter((v) => v.code.startsWith("SHAPE_"))).toEqual([])
        else expect(out.violations.filter((v) => v.message.startsWith("Expected text that is not blank"))).toHaveLength(1)
      }),
      { numRuns: EXPORT_RUNS / 5 }
    )
  })
})

describe("class 7: errors a person can act on", () => {
  // Every event tag, in the union's order (CycleStarted, VisitRecorded, …).
  const allowed = `one of ${Object.keys(Events.JourneyEvent.cases).join(", ")}`

  it("an unknown or missing event _tag says which tag was found and which are allowed (not a type dump)", () => {
    const doc = plain(1, 1)
    doc.journeys[0].events[0]._tag = "CycleGraded"
    delete doc.journeys[0].events[1]._tag
    const text = pretty(doc)
    const out = validate("tags.json", text)
    expect(out.violations.map((v) => [v.code, v.path, v.message, v.line])).toEqual([
      ["SHAPE_NO_MATCHING_VARIANT", "$.journeys[0].events[0]._tag", `Unknown _tag "CycleGraded": expected ${allowed}`, lineOf(text, "CycleGraded")],
      ["SHAPE_MISSING_FIELD", "$.journeys[0].events[1]._tag", `Missing _tag: expected ${allowed}`, lineOf(text, "{", text.indexOf("CycleGraded") + 1)]
    ])
    const nd = lines()
    nd[2] = nd[2]!.replace("\"_tag\":\"person\"", "\"_tag\":\"persons\"")
    expect(validate("tags.ndjson", `${nd.join("\n")}\n`).violations.map((v) => [v.path, v.message, v.line])).toEqual([
      ["$._tag", "Unknown _tag \"persons\": expected one of header, person, cohort, relationship, playbook, journey", 3]
    ])
  })

  it("one cause gives one violation per field", () => {
    const text = jsonText(1, 1).replace("\"minutes\": 12,", "\"minutes\": 1e400,").replace("\"name\": \"Teacher 1\"", "\"name\": \"\"")
    expect(validate("one.json", text).violations.filter((v) => v.code.startsWith("SHAPE_")).map((v) => [v.path, v.message])).toEqual([
      ["$.people[2].name", "Expected text that is not blank (at least one visible character)"],
      ["$.journeys[0].events[1].visit.minutes", "Expected an integer and a value between 1 and 600"]
    ])
  })

  it("a malformed person is one violation at its field, not an UNKNOWN_PERSON at every reference (JSON and NDJSON)", () => {
    const doc = plain(1, 1)
    const teacher = doc.people.findIndex((p: { id: string }) => p.id === "t-1")
    doc.people[teacher].name = 42 // the teacher of the journey, the relationship and the cohort
    const out = validate("malformed-person.json", pretty(doc))
    expect(out.violations.map((v) => [v.code, v.path])).toEqual([["SHAPE_INVALID_TYPE", `$.people[${teacher}].name`]])
    const nd = lines().map((l) => JSON.parse(l))
    const line = nd.findIndex((l) => l._tag === "person" && l.person.id === "t-1")
    nd[line].person.name = 42
    const ndOut = validate("malformed-person.ndjson", `${nd.map((l) => JSON.stringify(l)).join("\n")}\n`)
    expect(ndOut.violations.map((v) => [v.code, v.path, v.line])).toEqual([["SHAPE_INVALID_TYPE", "$.person.name", line + 1]])
  })

  it("a JSON document's violations have their line, so --format github annotates the right line", () => {
    const doc = plain(1, 1)
    doc.people[1].name = "x".repeat(501)
    doc.journeys[0].events[5].meeting.reps = []
    const text = pretty(doc)
    const file = tmp.file("lines.json", text)
    const meeting = text.indexOf("\"FeedbackMeetingHeld\"")
    const out = validate("lines.json", text)
    expect(out.violations.map((v) => [v.code, v.path, v.line, v.column])).toEqual([
      ["SHAPE_INVALID_VALUE", "$.people[1].name", lineOf(text, "xxxxx"), 7],
      ["REHEARSAL_TOO_FEW_REPS", "$.journeys[0].events[5]", lineOf(text, "{", meeting - 40), 9]
    ])
    const r = runBin(["validate", file, "--format", "github"])
    expect(r.status).toBe(1)
    expect(r.stdout.split("\n").slice(0, 2)).toEqual(
      out.violations.map((v) => `::error file=${file},line=${v.line},col=${v.column},title=${v.code}::${v.path}: ${Output.escapeData(v.message)}`)
    )
  })

  it("usage errors go to stderr: stdout stays empty (valid for a JSON reader: nothing) under --format json", () => {
    const file = tmp.file("usage.json", jsonText(1, 1))
    for (const args of [["validate", file, "--format", "json", "--nope"], ["validate", file, "--format", "json", "--max-errors", "0"], ["validate", "--format", "json"], ["frobnicate"], []]) {
      const r = runBin(args)
      expect({ args, status: r.status, stdout: r.stdout }).toEqual({ args, status: 2, stdout: "" })
      expect(r.stderr).toMatch(/USAGE/)
    }
    expect(runBin(["validate", file, "--format", "json", "--nope"]).stderr).toContain("Unrecognized flag: --nope")
    // Asked-for help is still on stdout.
    expect(runBin(["validate", "--help"]).stdout).toMatch(/USAGE/)
  })

  it("store errors keep the operating system's reason: a read-only folder, a missing folder", () => {
    // A folder others can enter, holding a read-only one (root ignores permissions: run as nobody).
    const dir = mkdtempSync(join(tmpdir(), "coaching-ro-"))
    try {
      chmodSync(dir, 0o755)
      const readOnly = join(dir, "read-only")
      mkdirSync(readOnly, { mode: 0o555 })
      chmodSync(readOnly, 0o555)
      const file = join(dir, "export.json")
      writeFileSync(file, jsonText(1, 1), { mode: 0o644 })
      const asUser = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
      const run = (...args: Array<string>) => spawnSync(asUser[0] ?? process.execPath, [...asUser.slice(1), ...(asUser.length > 0 ? [process.execPath] : []), bin, ...args], { encoding: "utf8" })
      const ro = run("import", file, "--to", `sqlite:${readOnly}/coaching.db`)
      expect(ro.status).toBe(2)
      expect(ro.stderr).toBe(
        `coaching: STORE_UNAVAILABLE: The coaching store "${readOnly}/coaching.db" cannot be opened or written (while opening): the folder ${readOnly} is read-only for this process (EACCES: permission denied); SQLite must create files in it.\n`
      )
      const missing = run("import", file, "--to", `sqlite:${dir}/no-such-folder/coaching.db`)
      expect(missing.stderr).toContain(`the folder ${dir}/no-such-folder cannot be used (ENOENT: no such file or directory)`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("gzip, UTF-16 and UTF-32 input get a hint, not a byte offset (file and standard input, JSON and NDJSON)", () => {
    const json = jsonText(1, 1)
    const utf16 = (text: string, bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, "utf16le")])
    const cases: Array<[string, Uint8Array, string]> = [
      ["export.json.gz", gzipSync(json), "The input is gzip-compressed (it starts with the gzip signature 1F 8B): decompress it first, e.g. gunzip -c export.json.gz | coaching validate -"],
      ["export.ndjson.gz", gzipSync(ndjsonText(1, 1)), "gzip-compressed"],
      ["utf16.json", utf16(json, true), "The input is UTF-16 text (it starts with a UTF-16 byte-order mark); an export is UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8 export.json > export-utf8.json"],
      ["utf16le.ndjson", utf16(ndjsonText(1, 1), false), "looks like UTF-16LE text"],
      ["utf16be.json", Buffer.from(utf16(json, false)).swap16(), "looks like UTF-16BE text"],
      ["utf32.json", Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("{}")]), "UTF-32"]
    ]
    for (const [name, bytes, hint] of cases) {
      const out = validate(name, bytes)
      expect({ name, status: out.status, codes: out.violations.map((v) => v.code) }).toEqual({ name, status: 1, codes: ["INPUT_INVALID_UTF8"] })
      expect(out.violations[0]!.message).toContain(hint)
    }
    // Whichever variant is asked for.
    expect(validate("gz.json", gzipSync(json), "--input", "ndjson").violations[0]!.message).toContain("gzip-compressed")
    expect(validate("u16.ndjson", utf16(json, true), "--input", "json").violations[0]!.message).toContain("UTF-16")
    const stdin = runBin(["validate", "-"], { input: gzipSync(json) })
    expect(stdin.stdout).toContain("gzip-compressed")
  })

  it("raw NUL, BOM and other invisible characters from the input are never echoed", () => {
    const header = "{\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}"
    const nd = `${header}\n\uFEFF{"_tag":"person"}\n{"_tag":"pers\u202Eon\\u0000"}\n{"_tag":"person","person":{"id":"a","name":"x","roles":["lead"],"gr\\u0000ade\uFEFF":1}}\n{"_tag":"cohort",\u0000}\n`
    const json = `{"format":"coaching-export","version":1,"people":[\uFEFF]}`
    for (const [name, content] of [["echo.ndjson", nd], ["echo.json", json]] as const) {
      for (const format of ["text", "json", "github"]) {
        const r = runBin(["validate", tmp.file(name, content), "--format", format])
        expect(r.status).toBe(1)
        const raw = r.stdout.replace(/\n/g, "")
        expect({ name, format, raw: [...raw].filter((c) => /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/u.test(c)) }).toEqual({ name, format, raw: [] })
      }
    }
    const text = runBin(["validate", tmp.file("echo2.ndjson", nd)]).stdout
    expect(text).toContain("Unknown _tag \"pers\\u202Eon\\u0000\"")
    expect(text).toContain("$.person[\"gr\\u0000ade\\uFEFF\"]")
    expect(runBin(["validate", tmp.file("echo2.json", json)]).stdout).toContain("Unexpected byte-order mark U+FEFF: expected a value")
  })

  it("never echoed, whatever the input (any string in any tag, key or value, every format)", () => {
    const nasty = fc.string({ unit: fc.constantFrom("a", "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u200B", "\u202E", "\u2028", "\uFEFF", "\uD800", "\u{E0041}", "\"", "\\") , maxLength: 8 })
    const header = "{\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}"
    fc.assert(
      fc.property(nasty, nasty, fc.constantFrom<"text" | "json" | "github">("text", "json", "github"), (a, b, format) => {
        const nd = `${header}\n{"_tag":${JSON.stringify(a)}}\n{"_tag":"cohort","cohort":{"id":"c","name":"x",${JSON.stringify(b || "k")}:${JSON.stringify(a)}}}\n${a}\n`
        const out = validateBytes(Buffer.from(nd), { input: "ndjson" })
        const printed = Output.render(format, "x.ndjson", out).replace(/\n/g, "")
        expect([...printed].filter((c) => c !== " " && Text.isBlank(c))).toEqual([])
      }),
      { numRuns: RUNS }
    )
  })

  it("a pretty-printed document whose first key is _tag is a JSON document (not NDJSON)", () => {
    const text = pretty({ _tag: "header", ...plain(1, 1) })
    const out = validate("tag-first.json", text)
    expect(out.input).toBe("json")
    expect(out.violations).toEqual([{ path: "$._tag", code: "SHAPE_UNKNOWN_FIELD", message: "Unknown field (not part of the format)", line: 2, column: 3 }])
    // NDJSON still is NDJSON, even with a broken header line.
    expect(validate("tag-first.ndjson", ndjsonText(1, 1)).input).toBe("ndjson")
    const broken = ndjsonText(1, 1).replace("\"version\":1}", "\"version\":1")
    expect(validate("broken-header.ndjson", broken).input).toBe("ndjson")
  })
})

describe("docs", () => {
  it("docs/errors.md and docs/cli.md list every code the CLI adds", () => {
    for (const doc of ["errors.md", "cli.md"]) {
      const text = readFileSync(new URL(`../../../docs/${doc}`, import.meta.url), "utf8")
      expect({ doc, missing: inputErrorCodes.filter((code) => !text.includes(`\`${code}\``)) }).toEqual({ doc, missing: [] })
    }
  })
})
