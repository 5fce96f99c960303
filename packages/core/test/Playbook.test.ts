/**
 * Playbooks from CSV: the documented columns, every problem named by row and column, and the
 * starter playbook round-trips through CSV unchanged.
 */
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Errors, Playbook } from "../src/index.js"

const options = { id: "our-school", name: "Our school's playbook" }

const problemsOf = (text: string, opts: { readonly id: string; readonly name: string } = options) => {
  const result = Playbook.fromCsv(text, opts)
  if (Result.isSuccess(result)) throw new Error("expected the CSV to be refused")
  expect(result.failure).toBeInstanceOf(Errors.InvalidPlaybookCsv)
  expect(result.failure.code).toBe("PLAYBOOK_CSV_INVALID")
  return result.failure.problems.map(({ code, column, row }) => ({ code, row, column }))
}

describe("Playbook.fromCsv", () => {
  it("reads one technique a row, grouping rows into strands by area, in the order areas first appear", () => {
    const csv = [
      "Area,Strand,ID,Title,Description,Why it works,Sub step 1,Sub step 2,sub_step_3",
      "questioning,Questioning,pause-first,Pause first,\"Pause, then choose who answers.\",Everyone thinks.,Ask the question to the whole class,Count five seconds in silence,Name one student to answer",
      "routines,,line-up,Line up,Students line up in silence before entering.,,Stand at the door,Point to the line,",
      "questioning,Ignored title,say-why,\"Say \"\"why\"\"\",Ask the same student why.,,\"Ask the same student \"\"How do you know?\"\"\",,"
    ].join("\r\n")
    const result = Playbook.fromCsv(csv, options)
    expect(Result.isSuccess(result)).toBe(true)
    const playbook = Result.getOrThrow(result)
    expect(Schema.is(Playbook.Playbook)(playbook)).toBe(true)
    expect(playbook).toEqual({
      id: "our-school",
      name: "Our school's playbook",
      strands: [
        {
          area: "questioning",
          title: "Questioning",
          techniques: [
            {
              id: "pause-first",
              title: "Pause first",
              description: "Pause, then choose who answers.",
              whyItWorks: "Everyone thinks.",
              subSteps: ["Ask the question to the whole class", "Count five seconds in silence", "Name one student to answer"]
            },
            { id: "say-why", title: "Say \"why\"", description: "Ask the same student why.", subSteps: ["Ask the same student \"How do you know?\""] }
          ]
        },
        {
          area: "routines",
          title: "Routines",
          techniques: [{ id: "line-up", title: "Line up", description: "Students line up in silence before entering.", subSteps: ["Stand at the door", "Point to the line"] }]
        }
      ]
    })
  })

  it("round-trips the starter playbook through CSV (toCsv → fromCsv)", () => {
    const csv = Playbook.toCsv(Playbook.defaultPlaybook)
    expect(csv.split("\r\n")[0]).toBe("area,strand,id,title,description,why_it_works,looks_like,sub_step_1,sub_step_2,sub_step_3,sub_step_4,sub_step_5")
    const back = Playbook.fromCsv(csv, { id: Playbook.defaultPlaybook.id, name: Playbook.defaultPlaybook.name })
    expect(back).toEqual(Result.succeed(Playbook.defaultPlaybook))
    // with a byte-order mark and LF line ends, as spreadsheets save it
    expect(Playbook.fromCsv(`\uFEFF${csv.replace(/\r\n/g, "\n")}`, { id: "default", name: "Starter playbook" })).toEqual(Result.succeed(Playbook.defaultPlaybook))
  })

  it("names the row and column of every bad cell, and reports all of them", () => {
    const csv = [
      "area,id,title,description,sub_step_1",
      "Questioning!,ok-id,Title,Description,",
      "questioning,Bad Id,,Description,",
      "questioning,ok-id,Again,Description,",
      "questioning,other,Title,Description,too,many",
      `questioning,long,${"x".repeat(501)},Description,`
    ].join("\n")
    expect(problemsOf(csv)).toEqual([
      { code: "CSV_INVALID_CELL", row: 2, column: "area" },
      { code: "CSV_INVALID_CELL", row: 3, column: "id" },
      { code: "CSV_INVALID_CELL", row: 3, column: "title" },
      { code: "CSV_DUPLICATE_TECHNIQUE", row: 4, column: "id" },
      { code: "CSV_TOO_MANY_CELLS", row: 5, column: undefined },
      { code: "CSV_INVALID_CELL", row: 6, column: "title" }
    ])
    const result = Playbook.fromCsv(csv, options)
    expect(Result.isFailure(result) && result.failure.problems[1]!.message).toMatch(/^Row 3, column "id": /)
  })

  it("checks the header: required columns, unknown and repeated ones", () => {
    expect(problemsOf("area,id,title\nquestioning,a,A")).toEqual([{ code: "CSV_MISSING_COLUMN", row: 1, column: "description" }])
    expect(problemsOf("area,id,title,description,colour\nquestioning,a,A,D,red")).toEqual([{ code: "CSV_UNKNOWN_COLUMN", row: 1, column: "colour" }])
    expect(problemsOf("area,id,title,description,Title\nquestioning,a,A,D,B")).toEqual([{ code: "CSV_DUPLICATE_COLUMN", row: 1, column: "Title" }])
    expect(problemsOf("")).toEqual([{ code: "CSV_NO_HEADER", row: undefined, column: undefined }])
    expect(problemsOf("\n\n")).toEqual([{ code: "CSV_NO_HEADER", row: undefined, column: undefined }])
    expect(problemsOf("area,id,title,description\n")).toEqual([{ code: "CSV_NO_TECHNIQUES", row: 1, column: undefined }])
  })

  it("reports broken quoting with its row, counting the lines a quoted cell spans", () => {
    expect(problemsOf("area,id,title,description\nquestioning,a,\"A\nspread over two lines\",D\nquestioning,b,B\"x\",D")).toEqual([
      { code: "CSV_SYNTAX", row: 4, column: undefined }
    ])
    expect(problemsOf("area,id,title,description\nquestioning,a,\"never closed,D")).toEqual([{ code: "CSV_SYNTAX", row: 2, column: undefined }])
    expect(problemsOf("area,id,title,description\nquestioning,a,\"A\"B,D")).toEqual([{ code: "CSV_SYNTAX", row: 2, column: undefined }])
  })

  it("checks the playbook's id and name, and never throws on junk", () => {
    expect(problemsOf("area,id,title,description\nquestioning,a,A,D", { id: "Not An Id", name: " " })).toEqual([
      { code: "CSV_INVALID_OPTION", row: undefined, column: "id" },
      { code: "CSV_INVALID_OPTION", row: undefined, column: "name" }
    ])
    expect(Result.isFailure(Playbook.fromCsv(42 as never, options))).toBe(true)
    expect(Result.isFailure(Playbook.fromCsv("a", undefined as never))).toBe(true)
  })

  it("lists every problem code in Errors.playbookCsvProblemCodes", () => {
    expect([...Errors.playbookCsvProblemCodes].sort()).toEqual([
      "CSV_DUPLICATE_COLUMN",
      "CSV_DUPLICATE_TECHNIQUE",
      "CSV_INVALID_CELL",
      "CSV_INVALID_OPTION",
      "CSV_MISSING_COLUMN",
      "CSV_NO_HEADER",
      "CSV_NO_TECHNIQUES",
      "CSV_SYNTAX",
      "CSV_TOO_MANY_CELLS",
      "CSV_UNKNOWN_COLUMN"
    ])
  })
})
