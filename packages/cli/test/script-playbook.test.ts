/**
 * `coaching script` and `coaching playbook` through the built bin: a meeting's script with the
 * rules' advisories in text and JSON (a facilitative meeting that agrees the step, rehearsal
 * below the target at the last meeting), read as the cycle's coach only; a school's playbook from
 * CSV with every problem named by row and column, the starter playbook as CSV, and storing a
 * playbook as a lead.
 */
import { Cycle, Demo, Export, type Ids, Playbook, Policy } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"
import { parse as parseCsv } from "csv-parse/sync"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ensureBuilt, runBin, tempDir } from "./support/bin.js"

const tmp = tempDir()
afterAll(() => tmp.cleanup())

/** A journey of the demo teacher from commands, an hour apart from 23 November 2026. */
const journeyOf = (commands: ReadonlyArray<unknown>) => {
  let journey = Cycle.initialState
  const events: Array<Cycle.Journey["cycles"][number]["visits"][number] | unknown> = []
  commands.forEach((command, i) => {
    const decision = Cycle.decide(journey, command, {
      policy: Policy.defaultPolicy,
      clock: () => Date.parse("2026-11-23T09:00:00.000Z") + i * 3_600_000,
      checkActionStep,
      people: Demo.directory()
    })
    if (Result.isFailure(decision)) throw new Error(decision.failure.message)
    events.push(...decision.success)
    journey = Cycle.replay(decision.success, journey)
  })
  return events as ReadonlyArray<Export.JourneyRecord["events"][number]>
}

const exportWith = (commands: ReadonlyArray<unknown>) => {
  const records = Demo.records()
  return Export.encode(
    Export.make({
      people: [...records.people, { id: "l-lead" as Ids.PersonId, name: "Lin", roles: ["lead"] }],
      relationships: records.relationships.map((r) => ({ ...r, style: "facilitative" as const })),
      playbooks: [Playbook.defaultPlaybook],
      journeys: [{ teacherId: Demo.people.teacherId, events: journeyOf(commands) }]
    })
  )
}

const demo = Demo.cycleCommands("2026-12-07")
let diagnosed = ""
let replanning = ""
beforeAll(() => {
  ensureBuilt()
  diagnosed = tmp.file("diagnosed.json", exportWith(demo.slice(0, 4)))
  const meeting = demo[5] as { meeting: { reps: ReadonlyArray<unknown> } }
  replanning = tmp.file(
    "replanning.json",
    exportWith([
      ...demo.slice(0, 5),
      { ...meeting, meeting: { ...meeting.meeting, reps: meeting.meeting.reps.slice(0, 2) } },
      { _tag: "RecordFollowUp", cycleId: "cycle-1", by: "c-grace", followUp: { minutes: 10, evidence: "Paused once, then took a hand up.", outcome: "partly" } }
    ])
  )
}, 300_000)

describe("coaching script", () => {
  it("prints a facilitative meeting's script that prompts for the step, with the advisories before the meeting", () => {
    const out = runBin(["script", diagnosed, "--teacher", "t-ada", "--meeting-date", "2026-11-30"])
    expect(out.stderr).toBe("")
    expect(out.status).toBe(0)
    expect(out.stdout).toMatch(/^Feedback meeting script: Ada\nMeeting: Monday 30 November 2026\. Style: facilitative\./)
    expect(out.stdout).toContain("Before the meeting\n   ! The step is agreed in this meeting, so coaches cannot calibrate it beforehand")
    expect(out.stdout).toContain("(STEP_NOT_CALIBRATED)")
    expect(out.stdout).toContain("Teacher: My action step is to …")
  })

  it("prints the script as JSON with its advisories, and the rehearsal below target at the last meeting", () => {
    const json = runBin(["script", replanning, "--teacher", "t-ada", "--meeting-date", "2026-11-24", "--format", "json"])
    expect(json.status).toBe(0)
    const { script, written } = JSON.parse(json.stdout)
    expect(written).toBe(true)
    expect(script.occasion).toBe("practice-session")
    expect(script.advisories).toEqual([
      { code: "REHEARSAL_BELOW_TARGET", message: "At the meeting on Monday 23 November: 2 rehearsal reps: the target is 7–10, with feedback after each.", recordedOn: "2026-11-23" }
    ])
    const text = runBin(["script", replanning, "--teacher", "t-ada", "--meeting-date", "2026-11-24"])
    expect(text.stdout).toContain("   ! At the meeting on Monday 23 November: 2 rehearsal reps: the target is 7–10, with feedback after each. (REHEARSAL_BELOW_TARGET)")
  })

  it("refuses with the script's own code, and reads only as a coach of the teacher", () => {
    const directive = runBin(["script", diagnosed, "--teacher", "t-ada", "--meeting-date", "2026-11-30", "--style", "directive", "--format", "json"])
    expect(directive.status).toBe(1)
    expect(JSON.parse(directive.stdout)).toMatchObject({ written: false, error: { code: "CYCLE_NOT_READY" } })
    expect(directive.stderr).toMatch(/^coaching: no script: CYCLE_NOT_READY: /)
    const lead = runBin(["script", diagnosed, "--teacher", "t-ada", "--meeting-date", "2026-11-30", "--as", "l-lead"])
    expect(lead.status).toBe(1)
    expect(lead.stderr).toContain("ACCESS_DENIED")
    expect(lead.stdout).toBe("")
    expect(runBin(["script", diagnosed, "--teacher", "t-nobody"]).stderr).toContain("NO_SUCH_JOURNEY")
    expect(runBin(["script", diagnosed, "--teacher", "t-ada", "--meeting-date", "30/11/2026"]).status).toBe(2)
  })
})

describe("coaching playbook", () => {
  it("prints the starter playbook as CSV that a strict parser reads, and reads it back: 51 techniques, every sub-step granular", () => {
    const csv = runBin(["playbook", "--starter", "--format", "csv"])
    expect(csv.status).toBe(0)
    const rows = parseCsv(csv.stdout, { columns: true, relax_column_count: false }) as Array<Record<string, string>>
    expect(rows).toHaveLength(51)
    expect(rows[0]).toMatchObject({ area: "questioning", id: "wait-time", sub_step_1: "Ask the question to the whole class" })
    const file = tmp.file("ours.csv", csv.stdout)
    const text = runBin(["playbook", file, "--id", "ours", "--name", "Our playbook"])
    expect(text.status).toBe(0)
    expect(text.stdout.split("\n")[0]).toBe(`${file}: valid playbook ours ("Our playbook"): 7 strands, 51 techniques, 150 sub-steps, 150 of 150 granular.`)
    const json = JSON.parse(runBin(["playbook", file, "--format", "json"]).stdout)
    expect(json).toMatchObject({ valid: true, techniques: 51, subSteps: 150, granularSubSteps: 150, notGranular: [] })
    expect(json.playbook.id).toBe("ours")
  })

  it("names the row and column of every problem in a bad CSV, and flags sub-steps that are not granular", () => {
    const bad = tmp.file("bad.csv", "area,id,title,description,sub_step_1\nquestioning,Bad Id,Title,D,\nquestioning,ok,,D,\n")
    const out = runBin(["playbook", bad])
    expect(out.status).toBe(1)
    expect(out.stdout).toContain(`${bad}:2: CSV_INVALID_CELL (column id): Row 2, column "id": `)
    expect(out.stdout).toContain(`${bad}:3: CSV_INVALID_CELL (column title): Row 3, column "title": this cell is required and is empty.`)
    expect(JSON.parse(runBin(["playbook", bad, "--format", "json"]).stdout).problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([[2, "id"], [3, "title"]])
    const coarse = tmp.file("coarse.csv", "area,id,title,description,sub_step_1,sub_step_2\nquestioning,q,Q,D,Improve questioning,Ask the question to the whole class\n")
    const flagged = runBin(["playbook", coarse])
    expect(flagged.status).toBe(0)
    expect(flagged.stdout).toContain("1 of 2 granular")
    expect(flagged.stdout).toContain(`  ! q: "Improve questioning" is not one granular action (VAGUE)`)
    const json = runBin(["playbook", tmp.file("pb.json", "{\"id\":\"x\",\"name\":\"X\",\"strands\":[{\"area\":\"Q\",\"title\":\"Q\",\"techniques\":[]}]}"), "--format", "json"])
    expect(json.status).toBe(1)
    expect(JSON.parse(json.stdout).problems[0]).toMatchObject({ code: "PLAYBOOK_INVALID", path: "$.strands[0].area" })
  })

  it("stores a playbook in a store as a lead, and refuses anyone else", () => {
    const db = `sqlite:${tmp.file("store.db", "")}`
    expect(runBin(["import", diagnosed, "--to", db]).status).toBe(0)
    const file = tmp.file("ours2.csv", "area,id,title,description,sub_step_1\nquestioning,pause-first,Pause first,Pause then choose.,Count five seconds in silence\n")
    const denied = runBin(["playbook", file, "--id", "ours", "--to", db, "--as", "c-grace"])
    expect(denied.status).toBe(2)
    expect(denied.stderr).toContain("ACCESS_DENIED")
    const stored = runBin(["playbook", file, "--id", "ours", "--to", db, "--as", "l-lead"])
    expect(stored.status).toBe(0)
    expect(stored.stderr).toContain("Stored playbook ours")
    const exported = JSON.parse(runBin(["export", "--from", db]).stdout)
    expect(exported.playbooks.map((p: { id: string }) => p.id).sort()).toEqual(["default", "ours"])
  })
})
