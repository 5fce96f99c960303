/**
 * `coaching report` and `coaching calendar` on the demo school, through the built bin: text
 * tables, JSON that matches the published schema (ajv), CSV that a strict parser reads back as a
 * rectangle (csv-parse), an iCalendar file that a maintained parser reads back (ical.js); the
 * same report from an export file and from a SQLite store; no teacher's id, name or reflection
 * in any lead report in any format; and the usage errors.
 */
import { Access, Caseload, CohortInsight, DemoSchool, Export, Fidelity, Reports } from "@coaching/core"
import { Result } from "effect"
import { Ajv2020 } from "ajv/dist/2020.js"
import { parse as parseCsv } from "csv-parse/sync"
import ICAL from "ical.js"
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bar, csvCell, render, sparkline } from "../src/ReportOutput.js"
import { ensureBuilt, runBin, tempDir } from "./support/bin.js"

const tmp = tempDir()
const demo = DemoSchool.school()
const today = demo.today
let file = ""
beforeAll(() => {
  ensureBuilt()
  file = tmp.file("demo.json", Export.encode(demo.document))
}, 300_000)
afterAll(() => tmp.cleanup())

/** Every teacher's id and name, and every reflection's text, in the demo school. */
const secrets = (() => {
  const teachers = new Set(demo.document.relationships.map((r) => r.teacherId as string))
  const out: Array<string> = []
  for (const p of demo.document.people) if (teachers.has(p.id)) out.push(p.id, p.name)
  for (const j of demo.document.journeys) for (const e of j.events) if (e._tag === "ReflectionAdded") out.push(e.reflection.text)
  return out
})()

/** The demo's reports computed in-process, as the bin computes them (the bin's own output is checked against these). */
const inProcess = (() => {
  const { context, state } = Reports.fromExport(demo.document)
  const lead = Access.principal("lead", demo.leadId)
  return {
    fidelity: Result.getOrThrow(Fidelity.report(state, context, lead)),
    cohort: Result.getOrThrow(CohortInsight.report(state, context, lead)),
    caseload: Result.getOrThrow(Caseload.summary(state, context, lead, { today })),
    own: (coachId: string) => Result.getOrThrow(Caseload.ofCoach(state, context, Access.principal("coach", coachId), { today }))
  }
})()

const ok = (args: ReadonlyArray<string>) => {
  const r = runBin(args)
  expect(r.stderr).toBe("")
  expect(r.status).toBe(0)
  return r.stdout
}

describe("coaching report", () => {
  it("fidelity as text: a table by coach and one by cohort, the programme first, small groups hidden", () => {
    const out = ok(["report", "fidelity", file])
    expect(out).toContain("By coach\n")
    expect(out).toContain("By cohort\n")
    expect(out).toMatch(/^teachers +16 +7 +hidden¹ +hidden¹ +5$/m)
    expect(out).toMatch(/^steps granular without override +97% █████████▊/m)
    expect(out).toContain("Early-career teachers 2026")
    expect(out).toContain("¹ fewer than 5 teachers")
  })

  it("caseload: a coach's own, teacher by teacher; the lead's summary without a teacher", () => {
    const own = ok(["report", "caseload", file, "--coach", "c-grace", "--today", today])
    expect(own).toContain("Caseload of Grace (c-grace) on 2026-11-11 — week 2026-11-09 to 2026-11-15")
    expect(own).toMatch(/^Ada +cycle-3 +Practising +2026-11-14 +this week/m)
    expect(own).toContain("Follow-ups due this week: 4   overdue: 0")
    expect(own).toMatch(/Minutes per week: [▁▂▃▄▅▆▇█]{12} /)
    const lead = ok(["report", "caseload", file, "--today", today])
    expect(lead).toMatch(/^Grace +6 +4 +0 +1 +6 +0 +0 +[▁▂▃▄▅▆▇█]{12} +0$/m)
    expect(lead).toMatch(/^Mo +2 +hidden¹/m)
  })

  it("cohort insight as text: questioning across the whole early-career cohort, rare areas hidden", () => {
    const out = ok(["report", "cohort", file])
    expect(out).toMatch(/Early-career teachers 2026 \(ect-2026\) — 10 teachers/)
    expect(out).toMatch(/^ {4}questioning +█+ +10 +17$/m)
    expect(out).toContain("New to the school 2026 (new-2026): hidden — fewer than 5 teachers.")
  })

  it("JSON matches the published schema (coaching schema --report), for each report and view", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true })
    const printed = JSON.parse(ok(["schema", "--report", "fidelity"]))
    expect(printed).toEqual(Fidelity.jsonSchema())
    expect(JSON.parse(ok(["report", "fidelity", file, "--format", "json"]))).toEqual(inProcess.fidelity)
    for (const [kind, report, schema] of [
      ["fidelity", inProcess.fidelity, Fidelity.jsonSchema()],
      ["cohort", inProcess.cohort, CohortInsight.jsonSchema()],
      ["caseload", inProcess.caseload, Caseload.jsonSchema()],
      ["caseload", inProcess.own("c-ravi"), Caseload.jsonSchema()]
    ] as const) {
      expect(schema["$id"]).toBe(`urn:coaching:report:${kind}:1`)
      const validate = ajv.getSchema(schema["$id"] as string) ?? ajv.compile(schema)
      const json = JSON.parse(render("json", report))
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
      expect(json).toMatchObject({ format: "coaching-report", report: kind, version: 1 })
      // and the schema can fail: an unknown field
      expect(validate({ ...json, grade: "A" })).toBe(false)
    }
    const validate = ajv.getSchema("urn:coaching:report:fidelity:1")!
    const programme = inProcess.fidelity.programme as Extract<Fidelity.Group, { suppressed: false }>
    expect(validate({ ...inProcess.fidelity, programme: { ...programme, figures: { ...programme.figures, actionSteps: { ...programme.figures.actionSteps, share: 1.5 } } } })).toBe(false)
  })

  it("CSV opens as a rectangle: a byte-order mark, CRLF, one header, every row as wide", () => {
    expect(ok(["report", "cohort", file, "--format", "csv"])).toBe(render("csv", inProcess.cohort))
    for (const report of [inProcess.fidelity, inProcess.cohort, inProcess.caseload, inProcess.own("c-grace")]) {
      const out = render("csv", report)
      expect(out.startsWith("\uFEFF")).toBe(true)
      expect(out.endsWith("\r\n")).toBe(true)
      expect(out.replace(/\r\n/g, "")).not.toMatch(/\n/)
      const rows = parseCsv(out, { bom: true, relax_column_count: false, skip_empty_lines: true }) as Array<Array<string>>
      expect(rows.length).toBeGreaterThan(2)
      for (const row of rows) expect(row.length).toBe(rows[0]!.length)
    }
    const fidelity = parseCsv(render("csv", inProcess.fidelity), { bom: true, columns: true }) as Array<Record<string, string>>
    expect(fidelity[0]).toMatchObject({ scope: "programme", status: "shown", teachers: "16", cycles_started: "37" })
    expect(fidelity.find((r) => r["id"] === "c-mo")).toMatchObject({ status: "hidden: fewer than 5 teachers", teachers: "" })
  })

  it("CSV cells: quotes, commas, newlines and would-be formulas are written so a spreadsheet shows them as text", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell("+1")).toBe("'+1")
    expect(csvCell("a, b")).toBe('"a, b"')
    expect(csvCell("two\nlines")).toBe('"two\nlines"')
    expect(csvCell(-3)).toBe("-3")
    expect(csvCell(2 / 3)).toBe("0.6667")
    expect(csvCell(null)).toBe("")
    expect(sparkline([0, 5, 10])).toBe("▁▅█")
    expect(bar(0.5, 4)).toBe("██  ")
    expect(bar(null, 3)).toBe("   ")
  })

  it("the same reports from a SQLite store as from the export file", () => {
    const db = `sqlite:${tmp.dir}/demo.db`
    expect(runBin(["import", file, "--to", db]).status).toBe(0)
    expect(JSON.parse(ok(["report", "fidelity", db, "--format", "json"]))).toEqual(inProcess.fidelity)
    expect(JSON.parse(ok(["report", "caseload", db, "--format", "json", "--today", today, "--coach", "c-ines"]))).toEqual(inProcess.own("c-ines"))
  })

  it("no lead report, in any format, holds a teacher's id or name or a reflection", () => {
    const outputs = [
      ok(["report", "caseload", file, "--today", today]),
      ...(["text", "json", "csv"] as const).flatMap((format) => [inProcess.fidelity, inProcess.cohort, inProcess.caseload].map((r) => render(format, r)))
    ]
    for (const out of outputs) {
      for (const secret of secrets) expect(out, secret).not.toMatch(new RegExp(`\\b${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`))
    }
    // a coach's own caseload does name their own teachers, and no one else's
    expect(inProcess.own("c-mo").teachers.map((t) => t.teacherId)).toEqual(["t-katherine", "t-linus"])
    expect(render("json", inProcess.own("c-mo"))).not.toContain("t-ada")
  })

  it("usage errors: exit 2 with one line — a coach who is nobody, cohort insight per coach, a bad day, a missing store; an invalid export: exit 1", () => {
    const nobody = runBin(["report", "caseload", file, "--coach", "c-nobody", "--today", today])
    expect(nobody.status).toBe(2)
    expect(nobody.stderr).toMatch(/^coaching: ACCESS_DENIED: c-nobody is not registered as a coach/)
    const perCoach = runBin(["report", "cohort", file, "--coach", "c-grace"])
    expect(perCoach.status).toBe(2)
    expect(perCoach.stderr).toMatch(/per cohort, not per coach/)
    const badDay = runBin(["report", "caseload", file, "--today", "2026-02-30"])
    expect(badDay.status).toBe(2)
    expect(badDay.stderr).toMatch(/--today must be a calendar date/)
    expect(runBin(["report", "fidelity", `sqlite:${tmp.dir}/missing.db`]).status).toBe(2)
    const broken = JSON.parse(Export.encode(demo.document))
    broken.journeys[0].events[5].meeting.reps = []
    const invalid = runBin(["report", "fidelity", tmp.file("broken.json", JSON.stringify(broken))])
    expect(invalid.status).toBe(1)
    expect(invalid.stdout).toContain("REHEARSAL_TOO_FEW_REPS")
    expect(invalid.stderr).toMatch(/is not a valid export; no report is read from it/)
  })
})

describe("coaching calendar", () => {
  it("writes the coach's follow-ups as RFC 5545 that ical.js reads back: one all-day event per due follow-up", () => {
    const out = `${tmp.dir}/grace.ics`
    const r = runBin(["calendar", file, "--coach", "c-grace", "--today", today, "--out", out])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`Wrote 5 follow-ups of Grace to ${out}.\n`)
    const text = readFileSync(out, "utf8")
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/)
    const calendar = new ICAL.Component(ICAL.parse(text))
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0")
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//coaching//follow-ups//EN")
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v))
    expect(events.map((e) => [e.summary, e.startDate.toString(), e.startDate.isDate, e.endDate.toString()])).toEqual([
      ["Follow-up: Ada", "2026-11-14", true, "2026-11-15"],
      ["Follow-up: Barbara", "2026-11-13", true, "2026-11-14"],
      ["Follow-up: Claude", "2026-11-17", true, "2026-11-18"],
      ["Follow-up: Dorothy", "2026-11-14", true, "2026-11-15"],
      ["Follow-up: Edsger", "2026-11-13", true, "2026-11-14"]
    ])
    const barbara = events[1]!
    expect(barbara.uid).toBe("follow-up.t-barbara.cycle-2@coaching.local")
    expect(barbara.sequence).toBe(1) // her due date was set twice: the meeting, then a "not seen" follow-up
    expect(barbara.description).toBe("Action step: Pose the question, pause for five seconds, then name a student to answer.\nWhere: The next lesson with this class\nCycle cycle-2, follow-up due 2026-11-13.")
    // nothing of the record but the step: no reflection, no other coach's teacher
    for (const secret of ["Year 9 were out on a trip", "t-frances", "Frances"]) expect(text).not.toContain(secret)
  })

  it("an overdue follow-up is marked; long text is folded on UTF-8 boundaries and escaped", async () => {
    const { Calendar } = await import("@coaching/core")
    const caseload = inProcess.own("c-ines")
    const row = caseload.teachers.find((t) => t.openCycle?.due === "overdue")!
    expect(row.name).toBe("Margaret")
    const long = { ...caseload, teachers: [{ ...row, name: "Zoë; \"Ö\", a \\ teacher", openCycle: { ...row.openCycle!, actionStep: "é".repeat(120) } }] }
    const ics = Calendar.followUps(long, { stamp: "2026-11-11T08:00:00.000Z" as never })
    expect(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
    const [event] = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v))
    expect(event!.summary).toBe("Overdue follow-up: Zoë; \"Ö\", a \\ teacher")
    expect(event!.description).toContain("é".repeat(120))
    expect(ics).toContain("DTSTAMP:20261111T080000Z")
  })

  it("a missing --coach: exit 2", () => {
    expect(runBin(["calendar", file]).status).toBe(2)
  })
})
