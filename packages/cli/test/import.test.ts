/**
 * Issue 17, the classes left after the shape and error fixes, through the built `coaching` bin
 * as a subprocess:
 * 1. import never leaves a store its own export rejects (conflicts refused whole with every
 *    conflicting record listed, or merged with --merge after which the store still validates;
 *    the policy kept; no journey silently dropped);
 * 2. validation recomputes recorded granularity reports of the CLI's checker version, and the
 *    verdict of reports that name no checker; reports of other checkers are kept and counted;
 * 5. stored data is checked on the way out (STORE_CORRUPT with stream and version; export never
 *    leaves anything out; a 0-byte or missing store is never created).
 * The open-ended property (any export the command service produces imports and re-exports
 * identically, policy included) is core's `Import.test.ts`.
 */
import { SqliteStore } from "@coaching/adapter-sqlite"
import { Export, Policy } from "@coaching/core"
import { checkerVersion, makeChecker } from "@coaching/granularity"
import { Effect } from "effect"
import { existsSync, statSync, writeFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ensureBuilt, runBin, tempDir } from "./support/bin.js"
import { jsonText, makeExport, ndjsonText, plain } from "./support/fixtures.js"

const tmp = tempDir()
beforeAll(() => ensureBuilt(), 300_000)
afterAll(() => tmp.cleanup())

const db = (name: string) => `${tmp.dir}/${name}.db`
const pretty = (doc: unknown) => JSON.stringify(doc, null, 2)
const exported = (store: string) => {
  const r = runBin(["export", "--from", store])
  expect(r.status).toBe(0)
  return r.stdout
}
/** Runs SQL against a store file directly (damage a test inflicts), through the adapter's own opening. */
const sql = (file: string, statement: string, ...params: Array<unknown>) => {
  const database = Effect.runSync(SqliteStore.openDatabase({ filename: file }))
  try {
    database.prepare(statement).run(...params)
  } finally {
    database.close()
  }
}

describe("class 1: import never leaves a store its own export rejects", () => {
  it("conflicts over people, cohorts, relationships, playbooks and journeys are refused whole, every one listed; the store is unchanged", () => {
    const store = `sqlite:${db("conflicts")}`
    expect(runBin(["import", tmp.file("c-base.json", jsonText(2, 1)), "--to", store]).status).toBe(0)
    const before = exported(store)
    const edited = plain(2, 1)
    edited.people.find((p: { id: string }) => p.id === "t-1").name = "Teacher One, renamed"
    edited.cohorts[0].name = "Another cohort"
    edited.relationships[1].style = "facilitative"
    edited.playbooks[0].name = "Our own playbook"
    edited.journeys[0].events[1].visit.context = "Year 9"
    edited.people.push({ id: "t-9", name: "Teacher Nine", roles: ["teacher"] })
    const r = runBin(["import", tmp.file("c-edited.json", pretty(edited)), "--to", store, "--format", "json"])
    expect(r.status).toBe(1)
    const out = JSON.parse(r.stdout) as { valid: boolean; violations: Array<{ code: string; path: string; message: string }> }
    expect(out.violations.map((v) => [v.code, v.path])).toEqual([
      ["IMPORT_CONFLICT", "$.people[2]"],
      ["IMPORT_CONFLICT", "$.cohorts[0]"],
      ["IMPORT_CONFLICT", "$.relationships[1]"],
      ["IMPORT_CONFLICT", "$.playbooks[0]"],
      ["IMPORT_CONFLICT", "$.journeys[0].events[1]"]
    ])
    expect(out.violations[0]!.message).toBe("Person t-1 differs from the store's in name; import with merge to replace it, or change its id.")
    expect(r.stderr).toBe(
      `coaching: import refused: the store already holds 5 records differently (--merge lets the export's records replace them); nothing was written to ${store}.\n`
    )
    expect(exported(store)).toBe(before)
  })

  it("identical records are not conflicts: the same export again, or one that holds part of the store, adds only what is new", () => {
    const store = `sqlite:${db("identical")}`
    expect(runBin(["import", tmp.file("i-one.json", jsonText(1, 1)), "--to", store]).status).toBe(0)
    const again = runBin(["import", tmp.file("i-one-again.json", jsonText(1, 1)), "--to", store])
    expect(again.status).toBe(0)
    expect(again.stdout).toBe(
      `Imported 0 people, 0 cohorts, 0 relationships, 0 playbooks, 0 journeys (0 events) into ${store}; 7 records were already there, unchanged.\n` +
        `${tmp.dir}/i-one-again.json: note: 1 granularity report was kept as recorded, not recomputed: another checker than the CLI's made it (@coaching/core/acceptAll: 1).\n`
    )
    const two = runBin(["import", tmp.file("i-two.json", jsonText(2, 1)), "--to", store])
    expect(two.status).toBe(0)
    expect(two.stdout).toContain("Imported 1 person, 0 cohorts, 1 relationship, 0 playbooks, 1 journey (7 events)")
    expect(exported(store)).toBe(jsonText(2, 1))
  })

  it("--merge replaces records and continues journeys; an import that would leave the store invalid is refused (IMPORT_INCONSISTENT)", () => {
    const store = `sqlite:${db("merge")}`
    const base = plain(1, 1)
    base.journeys[0].events = base.journeys[0].events.slice(0, 4)
    expect(runBin(["import", tmp.file("m-base.json", pretty(base)), "--to", store]).status).toBe(0)
    const later = plain(1, 1)
    later.cohorts[0].name = "Early-career teachers, second year"
    const refused = runBin(["import", tmp.file("m-later.json", pretty(later)), "--to", store, "--format", "json"])
    expect(refused.status).toBe(1)
    expect(JSON.parse(refused.stdout).violations.map((v: { path: string }) => v.path)).toEqual(["$.cohorts[0]", "$.journeys[0].events"])
    const merged = runBin(["import", tmp.file("m-later2.json", pretty(later)), "--to", store, "--merge"])
    expect(merged.status).toBe(0)
    expect(merged.stdout).toContain("Imported 0 people, 1 cohort, 0 relationships, 0 playbooks, 1 journey (3 events)")
    const after = exported(store)
    expect(after).toBe(Export.encode(Export.make(later)))
    expect(runBin(["validate", tmp.file("m-after.json", after)]).status).toBe(0)
    // t-1 made a lead only: their journey's teacher would no longer be a teacher.
    const demoted = Export.make({ people: [{ ...plain(1, 1).people.find((p: { id: string }) => p.id === "t-1"), roles: ["lead"] }] })
    const r = runBin(["import", tmp.file("m-demoted.json", Export.encode(demoted)), "--to", store, "--merge", "--format", "json"])
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout).violations.map((v: { code: string }) => v.code)).toContain("ROLE_MISMATCH")
    expect(r.stderr).toContain("coaching: import refused: IMPORT_INCONSISTENT: after it the store would not validate")
    expect(exported(store)).toBe(after)
  })

  it("the export's policy is kept: export → import → export is byte-identical with a policy (JSON and NDJSON)", () => {
    const doc = makeExport(2, 1)
    const policy = Policy.make({ followUp: { recommendedMaxDays: 35, maxDays: 100 }, reports: { minGroupSize: 6 } })
    const withPolicy = Export.make({ ...doc, policy: (policy as { success: Policy.Policy }).success })
    const text = Export.encode(withPolicy)
    const store = `sqlite:${db("policy")}`
    expect(runBin(["import", tmp.file("p.json", text), "--to", store]).status).toBe(0)
    expect(exported(store)).toBe(text)
    const nd = [...Export.encodeNdjson(withPolicy)].map((l) => `${l}\n`).join("")
    const ndStore = `sqlite:${db("policy-nd")}`
    expect(runBin(["import", tmp.file("p.ndjson", nd), "--to", ndStore]).status).toBe(0)
    expect(runBin(["export", "--from", ndStore, "--format", "ndjson"]).stdout).toBe(nd)
    // another policy over it is a conflict
    const other = JSON.parse(text)
    other.policy.followUp.maxDays = 90
    const r = runBin(["import", tmp.file("p-other.json", pretty(other)), "--to", store, "--format", "json"])
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout).violations).toEqual([
      { path: "$.policy", code: "IMPORT_CONFLICT", message: "The export's policy differs from the store's in followUp; a store keeps one policy." }
    ])
  })

  it("a journey with no events is refused (EMPTY_JOURNEY) by validate and import, never silently dropped", () => {
    const doc = plain(2, 1)
    doc.journeys[1].events = []
    const file = tmp.file("empty-journey.json", pretty(doc))
    const v = runBin(["validate", file, "--format", "json"])
    expect(v.status).toBe(1)
    expect(JSON.parse(v.stdout).violations.map((x: { code: string; path: string }) => [x.code, x.path])).toEqual([["EMPTY_JOURNEY", "$.journeys[1].events"]])
    const r = runBin(["import", file, "--to", `sqlite:${db("empty-journey")}`])
    expect(r.status).toBe(1)
    expect(existsSync(db("empty-journey"))).toBe(false)
  })
})

describe("class 2: validation recomputes what it can", () => {
  const stamped = () => JSON.parse(Export.encode(makeExport(1, 1, makeChecker({})))) as ReturnType<typeof plain>
  const stepOf = (doc: ReturnType<typeof plain>) => doc.journeys[0].events.find((e: { _tag: string }) => e._tag === "ActionStepAgreed").actionStep

  it("records made with @coaching/granularity name its version and validate as they are", () => {
    const doc = stamped()
    expect(stepOf(doc).granularity).toMatchObject({ granular: true, checker: checkerVersion() })
    expect(runBin(["validate", tmp.file("stamped.json", pretty(doc))]).status).toBe(0)
  })

  it("a step's text edited under a report that still says granular: GRANULARITY_MISMATCH at the report (validate, NDJSON, import)", () => {
    const doc = stamped()
    stepOf(doc).text = "Improve questioning and behaviour management across the whole school."
    const file = tmp.file("edited-step.json", pretty(doc))
    const v = runBin(["validate", file, "--format", "json"])
    expect(v.status).toBe(1)
    const violations = JSON.parse(v.stdout).violations as Array<{ code: string; path: string; message: string }>
    expect(violations.map((x) => [x.code, x.path])).toEqual([["GRANULARITY_MISMATCH", "$.journeys[0].events[4].actionStep.granularity.granular"]])
    expect(violations[0]!.message).toContain("The report says granular; the checker says not granular")
    const nd = [...Export.encodeNdjson(doc)].map((l) => `${l}\n`).join("")
    const n = runBin(["validate", tmp.file("edited-step.ndjson", nd), "--format", "json"])
    expect(JSON.parse(n.stdout).violations.map((x: { code: string }) => x.code)).toEqual(["GRANULARITY_MISMATCH"])
    const r = runBin(["import", file, "--to", `sqlite:${db("edited-step")}`])
    expect(r.status).toBe(1)
    expect(existsSync(db("edited-step"))).toBe(false)
    // a score or a finding changed by hand is caught the same way
    const score = stamped()
    stepOf(score).granularity.score = 0.5
    expect(JSON.parse(runBin(["validate", tmp.file("edited-score.json", pretty(score)), "--format", "json"]).stdout).violations[0].path).toBe(
      "$.journeys[0].events[4].actionStep.granularity.score"
    )
  })

  /** The stamped export with every report's `checker` removed: reports as recorded before 0.3.0, or by a checker that names no version. */
  const unstamped = () => {
    const doc = stamped()
    for (const journey of doc.journeys) {
      for (const event of journey.events) {
        const step = event.actionStep ?? event.agreedStep?.actionStep
        if (step?.granularity !== undefined) delete step.granularity.checker
      }
    }
    return doc
  }
  const kept = (file: string, checker: string) =>
    `${file}: note: 1 granularity report was kept as recorded, not recomputed: another checker than the CLI's made it (${checker}: 1).\n`

  it("the issue's reproduction: a report that names no checker still says granular after the text was edited: GRANULARITY_MISMATCH (validate, NDJSON, import)", () => {
    const doc = unstamped()
    stepOf(doc).text = "Improve your questioning."
    const file = tmp.file("unstamped-edited.json", pretty(doc))
    const v = runBin(["validate", file, "--format", "json"])
    expect(v.status).toBe(1)
    const out = JSON.parse(v.stdout) as { violations: Array<{ code: string; path: string; message: string }>; keptAsRecorded: unknown }
    expect(out.violations.map((x) => [x.code, x.path])).toEqual([["GRANULARITY_MISMATCH", "$.journeys[0].events[4].actionStep.granularity.granular"]])
    expect(out.violations[0]!.message).toBe(
      `The recorded granularity report names no checker and says granular, but ${checkerVersion()} says the step's text is not granular (VAGUE). Was the text edited after it was checked? (A report recorded by a checker with a version is recomputed only by that version.)`
    )
    expect(out.keptAsRecorded).toEqual({ reports: 0, checkers: [] })
    const text = runBin(["validate", file])
    expect(text.status).toBe(1)
    expect(text.stdout).toContain(`GRANULARITY_MISMATCH at $.journeys[0].events[4].actionStep.granularity.granular: The recorded granularity report names no checker`)
    const nd = [...Export.encodeNdjson(doc)].map((l) => `${l}\n`).join("")
    const n = runBin(["validate", tmp.file("unstamped-edited.ndjson", nd), "--format", "json"])
    expect(n.status).toBe(1)
    expect(JSON.parse(n.stdout).violations.map((x: { code: string; path: string }) => [x.code, x.path])).toEqual([
      ["GRANULARITY_MISMATCH", "$.journey.events[4].actionStep.granularity.granular"]
    ])
    // into a new store: nothing created; into one that holds data: refused, the store unchanged
    expect(runBin(["import", file, "--to", `sqlite:${db("unstamped-new")}`]).status).toBe(1)
    expect(existsSync(db("unstamped-new"))).toBe(false)
    const store = `sqlite:${db("unstamped-held")}`
    expect(runBin(["import", tmp.file("unstamped-base.json", jsonText(2, 1)), "--to", store]).status).toBe(0)
    const before = exported(store)
    const r = runBin(["import", file, "--to", store, "--merge", "--format", "json"])
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout).violations.map((x: { code: string }) => x.code)).toEqual(["GRANULARITY_MISMATCH"])
    expect(r.stderr).toContain("is not a valid export; nothing was written")
    expect(exported(store)).toBe(before)
  })

  it("a report that names no checker and agrees with the CLI's checker passes; one with an override, or one that says not granular, is not second-guessed", () => {
    const agreed = tmp.file("unstamped-agreed.json", pretty(unstamped()))
    const v = runBin(["validate", agreed])
    expect(v.status).toBe(0)
    expect(v.stdout).toBe(`${agreed}: valid coaching export (JSON document, 7 records, ${statSync(agreed).size} bytes).\n`)
    expect(runBin(["import", agreed, "--to", `sqlite:${db("unstamped-agreed")}`]).status).toBe(0)
    // the same edit under an override: the step was agreed over the check anyway
    const overridden = unstamped()
    stepOf(overridden).text = "Improve your questioning."
    stepOf(overridden).override = { reason: "Ada asked to keep her own words for this step." }
    const o = runBin(["validate", tmp.file("unstamped-override.json", pretty(overridden)), "--format", "json"])
    expect(JSON.parse(o.stdout).violations.map((x: { code: string }) => x.code)).not.toContain("GRANULARITY_MISMATCH")
  })

  it("a report recorded by another checker or version is kept as recorded (not recomputed), and validate and import say so", () => {
    for (const checker of ["@coaching/granularity/0 en-GB", "my-school-checker 2"]) {
      const doc = stamped()
      const step = stepOf(doc)
      step.text = "Improve questioning and behaviour management across the whole school."
      step.granularity.checker = checker
      const file = tmp.file("other-version.json", pretty(doc))
      const v = runBin(["validate", file])
      expect({ checker, status: v.status }).toEqual({ checker, status: 0 })
      expect(v.stdout).toBe(`${file}: valid coaching export (JSON document, 7 records, ${statSync(file).size} bytes).\n${kept(file, checker)}`)
      const j = runBin(["validate", file, "--format", "json"])
      expect(JSON.parse(j.stdout)).toMatchObject({ valid: true, keptAsRecorded: { reports: 1, checkers: [{ checker, reports: 1 }] } })
      const target = `sqlite:${db(`other-version-${checker.length}`)}`
      const r = runBin(["import", file, "--to", target])
      expect(r.status).toBe(0)
      expect(r.stdout).toBe(`Imported 3 people, 1 cohort, 1 relationship, 1 playbook, 1 journey (7 events) into ${target}.\n${kept(file, checker)}`)
    }
  })
})

describe("class 5: stored data is checked on the way out", () => {
  const imported = (name: string) => {
    const file = db(name)
    expect(runBin(["import", tmp.file(`${name}.json`, jsonText(2, 1)), "--to", `sqlite:${file}`]).status).toBe(0)
    return file
  }

  it("an event row that is valid JSON but not a valid event: STORE_CORRUPT with its stream and version, not an internal error", () => {
    const file = imported("bad-event")
    const row = plain(2, 1).journeys[0].events[1]
    delete row.visit.minutes
    sql(file, "UPDATE events SET data = ? WHERE stream_id = 'journey-t-1' AND version = 2", JSON.stringify(row))
    const r = runBin(["export", "--from", `sqlite:${file}`])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toBe(
      `coaching: STORE_CORRUPT: Stored data is damaged: event 2 of stream journey-t-1 is not a valid journey event at event.visit.minutes: Missing field.\n`
    )
    // a field missing at the top: the read itself refuses it (report reads the store too)
    delete row.visit
    sql(file, "UPDATE events SET data = ? WHERE stream_id = 'journey-t-1' AND version = 2", JSON.stringify(row))
    const report = runBin(["report", "fidelity", `sqlite:${file}`])
    expect(report.status).toBe(2)
    expect(report.stderr).toContain("STORE_CORRUPT: Stored data is damaged: event 2 of stream journey-t-1 is not a valid journey event: its field visit is missing")
  })

  it("a missing or damaged index row: STORE_CORRUPT naming the stream; export never leaves a journey out", () => {
    const missing = imported("no-index-row")
    sql(missing, "DELETE FROM streams WHERE stream_id = 'journey-t-2'")
    const r = runBin(["export", "--from", `sqlite:${missing}`])
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: "" })
    expect(r.stderr).toContain("STORE_CORRUPT: Stored data is damaged: stream journey-t-2 holds events but has no index row")
    const noTeacher = imported("index-no-teacher")
    sql(noTeacher, "UPDATE streams SET teacher_id = NULL WHERE stream_id = 'journey-t-2'")
    const t = runBin(["export", "--from", `sqlite:${noTeacher}`])
    expect(t.status).toBe(2)
    expect(t.stderr).toContain("the index row of stream journey-t-2 names no teacher")
    const badDate = imported("index-bad-date")
    sql(badDate, "UPDATE streams SET follow_up_due = 'soon' WHERE stream_id = 'journey-t-1'")
    const d = runBin(["export", "--from", `sqlite:${badDate}`])
    expect(d.status).toBe(2)
    expect(d.stderr).toContain("the index row of stream journey-t-1 is not valid at index.followUpDue")
  })

  it("export --from (and report from) a 0-byte or missing file creates no store", () => {
    const zero = tmp.file("zero.db", "")
    for (const args of [["export", "--from", `sqlite:${zero}`], ["report", "fidelity", `sqlite:${zero}`]]) {
      const r = runBin(args)
      expect(r.status).toBe(2)
      expect(r.stderr).toBe(`coaching: ${zero} is empty (0 bytes), not a SQLite store; nothing was read or created.\n`)
      expect(statSync(zero).size).toBe(0)
    }
    const missing = db("never-created")
    expect(runBin(["export", "--from", `sqlite:${missing}`]).status).toBe(2)
    expect(existsSync(missing)).toBe(false)
    writeFileSync(zero, "")
  })
})

describe("NDJSON import keeps everything too", () => {
  it("a store holding part of an NDJSON export identically takes the rest", () => {
    const store = `sqlite:${db("nd-part")}`
    expect(runBin(["import", tmp.file("nd-1.ndjson", ndjsonText(1, 1)), "--to", store]).status).toBe(0)
    expect(runBin(["import", tmp.file("nd-3.ndjson", ndjsonText(3, 1)), "--to", store]).status).toBe(0)
    expect(runBin(["export", "--from", store, "--format", "ndjson"]).stdout).toBe(ndjsonText(3, 1))
  })
})
