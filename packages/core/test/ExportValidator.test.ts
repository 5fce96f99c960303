/**
 * The export validator's rules, each over the cases that tell it apart (issue 19: a mutation run of
 * `Export.ts` found them unstated): what is not an export and how its header is described; a
 * record whose shape is invalid stands in for its own kind only, and only once its id can be
 * read; duplicates and references of every kind, named with their path and a sentence; the
 * group cycle's shared focus; the export's own playbooks; recorded granularity reports kept as
 * recorded; the violation budget; the NDJSON variant's lines; the canonical order; `decode`'s
 * refusal.
 */
import { Clock, Effect, Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Access, type Commands, Cycle, type Events, Export, Granularity, Playbook, Time, Transfer } from "../src/index.js"
import { storeWith } from "./store-support.js"
import { coachId, contextAt, demo, HOUR, person, records, relationship, run, RUNS, T0, teacherId } from "./support.js"

const codesAt = (report: Export.Report) => report.violations.map((v) => `${v.code} ${v.path}`)
const linesOf = (report: Export.Report) => report.violations.map((v) => `${v.line} ${v.code} ${v.path}`)
const header = { format: Export.FORMAT, version: Export.VERSION }
const { events } = run(demo)
/** The demo export (records sorted: people, relationships, one journey) as plain JSON, ready to damage. */
const demoJson = () => JSON.parse(Export.encode(Export.make({ people: records.people, relationships: records.relationships, journeys: [{ teacherId, events }] })))
const ndjsonOf = (doc: Export.ExportDocument) => [...Export.encodeNdjson(doc)]
const line = (value: unknown) => JSON.stringify(value)

/** Runs commands one hour apart from `T0` with these playbooks; fails on the first rejection. */
const runWith = (commands: ReadonlyArray<unknown>, playbooks: ReadonlyArray<Playbook.Playbook>) => {
  let journey = Cycle.initialState
  const decided: Array<Events.JourneyEvent> = []
  commands.forEach((command, i) => {
    const decision = Cycle.decide(journey, command, { ...contextAt(T0 + i * HOUR), playbooks })
    if (Result.isFailure(decision)) throw new Error(`command ${i} rejected: ${decision.failure.code}`)
    decided.push(...decision.success)
    journey = Cycle.replay(decision.success, journey)
  })
  return decided
}

describe("what is not an export is named at its root, and a wrong header is described, never dumped", () => {
  it.each([["a string", "coaching-export"], ["a number", 42], ["true", true], ["nothing", undefined], ["null", null], ["an array", [header]]])("%s is NOT_AN_EXPORT at $", (_, input) => {
    const report = Export.validate(input)
    expect(report).toEqual({ valid: false, violations: [{ path: "$", code: "NOT_AN_EXPORT", message: "Expected a JSON object with format \"coaching-export\"." }] })
  })

  it.each([
    [undefined, "nothing"],
    [null, "null"],
    ["csv", "\"csv\""],
    [2, "2"],
    [Number.POSITIVE_INFINITY, "a number too large to represent"],
    [[1, 2], "an array"],
    [{ name: "coaching-export" }, "an object"],
    ["x".repeat(500), JSON.stringify("x".repeat(500)).slice(0, 200)]
  ])("a format of %j is described as %s; so is a version", (value, described) => {
    const format = Export.validate(value === undefined ? {} : { format: value, version: 1 })
    expect(format.violations).toStrictEqual([{ path: "$.format", code: "NOT_AN_EXPORT", message: `Expected format "coaching-export", got ${described}.` }])
    const version = Export.validate(value === undefined ? { format: Export.FORMAT } : { format: Export.FORMAT, version: value })
    expect(version.violations).toStrictEqual([{ path: "$.version", code: "UNSUPPORTED_VERSION", message: `This library reads version 1 of the format; the file says ${described}.` }])
  })

  it("a document's violations carry no line number; the NDJSON variant's carry theirs", () => {
    const json = demoJson()
    json.people[0].grade = "good"
    json.journeys[0].events[5].meeting.reps = []
    for (const input of [json, { format: Export.FORMAT, version: 2 }, "text"]) {
      const report = Export.validate(input)
      expect(report.violations.length).toBeGreaterThan(0)
      for (const v of report.violations) expect(Object.keys(v)).toEqual(["path", "code", "message"])
    }
    const ndjson = Export.validateNdjson([line({ _tag: "header", format: Export.FORMAT, version: 2 })].join("\n"))
    expect(ndjson.violations).toStrictEqual([{ path: "$.version", code: "UNSUPPORTED_VERSION", message: "This library reads version 1 of the format; the file says 2.", line: 1 }])
  })
})

describe("a malformed record stands in for its own kind, once its id can be read", () => {
  // well-formed records of each kind, all with the id "x-same" (ids of every kind share one pattern)
  const wellFormed = {
    person: person("x-same", "teacher"),
    cohort: { id: "x-same", name: "ECTs" },
    relationship: relationship("x-same", coachId, "t-other"),
    playbook: { id: "x-same", name: "Ours", strands: [] }
  } as const
  type Kind = keyof typeof wellFormed
  const kinds = Object.keys(wellFormed) as Array<Kind>
  const key = { person: "people", cohort: "cohorts", relationship: "relationships", playbook: "playbooks" } as const
  /** A record of `kind` that fails its shape (an unknown field), carrying a coach and a teacher too. */
  const malformed = (kind: Kind) => ({ ...wellFormed[kind], coachId, teacherId: "t-other", grade: "none" })
  const document = (entries: ReadonlyArray<readonly [Kind, unknown]>) => {
    const doc: Record<string, unknown> = { ...header, people: [...records.people], cohorts: [], relationships: [...records.relationships], playbooks: [], journeys: [] }
    for (const [kind, value] of entries) (doc[key[kind]] as Array<unknown>).push(value)
    return doc
  }
  const ndjson = (entries: ReadonlyArray<readonly [Kind, unknown]>) =>
    [line({ _tag: "header", ...header }), ...records.people.map((p) => line({ _tag: "person", person: p })), ...entries.map(([kind, value]) => line({ _tag: kind, [kind]: value }))].join("\n")

  it.each(kinds)("a malformed %s followed by a well-formed one with the same id: DUPLICATE_ID at the second (JSON and NDJSON)", (kind) => {
    const entries = [[kind, malformed(kind)], [kind, wellFormed[kind]]] as const
    const doc = Export.validate(document(entries))
    const at = kind === "person" ? records.people.length + 1 : kind === "relationship" ? records.relationships.length + 1 : 1
    const name = kind[0]!.toUpperCase() + kind.slice(1)
    expect(doc.violations).toContainEqual({ path: `$.${key[kind]}[${at}].id`, code: "DUPLICATE_ID", message: `${name} x-same appears twice.` })
    expect(doc.violations.filter((v) => v.code === "DUPLICATE_ID")).toHaveLength(1)
    const lines = Export.validateNdjson(ndjson(entries))
    expect(lines.violations.filter((v) => v.code === "DUPLICATE_ID")).toEqual([
      { path: `$.${kind}.id`, code: "DUPLICATE_ID", message: `${name} x-same appears twice.`, line: records.people.length + 3 }
    ])
  })

  it.each(kinds.flatMap((a) => kinds.filter((b) => b !== a).map((b) => [a, b] as const)))("a malformed %s does not stand in for a %s with its id", (a, b) => {
    const entries = [[a, malformed(a)], [b, wellFormed[b]]] as const
    for (const report of [Export.validate(document(entries)), Export.validateNdjson(ndjson(entries))]) {
      expect(report.violations.length).toBeGreaterThan(0)
      expect(report.violations.every((v) => v.code === "SHAPE_UNKNOWN_FIELD")).toBe(true)
    }
  })

  it("a malformed relationship whose coach or teacher cannot be read stands in for nothing", () => {
    for (const damage of [{ coachId: 42 }, { teacherId: null }, { coachId: undefined }]) {
      const entries = [["relationship", { ...malformed("relationship"), ...damage }], ["relationship", wellFormed.relationship]] as const
      for (const report of [Export.validate(document(entries)), Export.validateNdjson(ndjson(entries))]) {
        expect(report.violations.map((v) => v.code)).not.toContain("DUPLICATE_ID")
        expect(report.valid).toBe(false)
      }
    }
  })

  it("records that are not even objects, or have no readable id, are reported and stand in for nothing", () => {
    for (const value of [null, 42, "x-same", [], { name: "no id" }, { id: 7, coachId, teacherId }]) {
      for (const kind of kinds) {
        const report = Export.validate(document([[kind, value]]))
        expect(report.valid).toBe(false)
        expect(report.violations.every((v) => v.code.startsWith("SHAPE_"))).toBe(true)
        const lines = Export.validateNdjson(ndjson([[kind, value]]))
        expect(lines.violations.every((v) => v.code.startsWith("SHAPE_") && v.line === records.people.length + 2)).toBe(true)
      }
    }
    // a relationship with no readable id grants nothing: the journey's events by its coach are RELATIONSHIP_MISSING
    const json = demoJson()
    json.relationships = json.relationships.map((r: { id: string; coachId: string; teacherId: string }) => (r.teacherId === teacherId && r.coachId === coachId ? { ...r, id: 7 } : r))
    expect(codesAt(Export.validate(json))).toContain(`RELATIONSHIP_MISSING $.journeys[0].events[1]`)
  })

  it("a malformed relationship between a coach and a teacher still grants the coach the teacher's journey; a malformed person keeps their roles", () => {
    const json = demoJson()
    const rel = json.relationships.findIndex((r: { teacherId: string; coachId: string }) => r.teacherId === teacherId && r.coachId === coachId)
    json.relationships[rel].style = "bossy"
    const coach = json.people.findIndex((p: { id: string }) => p.id === coachId)
    json.people[coach].name = 42
    const teacher = json.people.findIndex((p: { id: string }) => p.id === teacherId)
    json.people[teacher].roles = ["teacher", "grader"]
    const people = [[coach, `SHAPE_INVALID_TYPE $.people[${coach}].name`], [teacher, `SHAPE_NO_MATCHING_VARIANT $.people[${teacher}].roles[1]`]] as const
    expect(codesAt(Export.validate(json))).toEqual([...[...people].sort((a, b) => a[0] - b[0]).map(([, v]) => v), `SHAPE_NO_MATCHING_VARIANT $.relationships[${rel}].style`])
  })

  it("a list that is not a list is one shape violation; the other lists are still checked", () => {
    const json = demoJson()
    json.cohorts = "none"
    json.playbooks = { id: "ours" }
    json.journeys[0].events[5].meeting.reps = []
    expect(codesAt(Export.validate(json))).toEqual(["SHAPE_INVALID_TYPE $.cohorts", "SHAPE_INVALID_TYPE $.playbooks", "REHEARSAL_TOO_FEW_REPS $.journeys[0].events[5]"])
  })
})

describe("cross-record rules of every kind, each with its path and a sentence", () => {
  it("duplicates, unknown people and cohorts, roles and a second journey", () => {
    const doc = {
      ...header,
      people: [person("c-a", "coach"), person("t-a", "teacher"), person("t-b", "teacher")],
      cohorts: [{ id: "k-1", name: "ECTs" }, { id: "k-1", name: "ECTs again" }],
      relationships: [
        relationship("r-1", "c-a", "t-a", { cohortId: "k-1" as never }),
        relationship("r-1", "c-a", "t-b"),
        relationship("r-2", "t-b", "c-a", { cohortId: "k-9" as never }),
        relationship("r-3", "c-none", "t-none")
      ],
      playbooks: [{ id: "p-1", name: "Ours", strands: [] }, { id: "p-1", name: "Ours again", strands: [] }],
      journeys: [{ teacherId: "t-b", events: [] }, { teacherId: "t-b", events: [] }, { teacherId: "c-a", events: [] }]
    }
    const expected = [
      { path: "$.cohorts[1].id", code: "DUPLICATE_ID", message: "Cohort k-1 appears twice." },
      { path: "$.relationships[1].id", code: "DUPLICATE_ID", message: "Relationship r-1 appears twice." },
      { path: "$.relationships[2].coachId", code: "ROLE_MISMATCH", message: "Person t-b is not a coach." },
      { path: "$.relationships[2].teacherId", code: "ROLE_MISMATCH", message: "Person c-a is not a teacher." },
      { path: "$.relationships[2].cohortId", code: "UNKNOWN_COHORT", message: "Cohort k-9 is not in the export." },
      { path: "$.relationships[3].coachId", code: "UNKNOWN_PERSON", message: "Person c-none is not in the export's people." },
      { path: "$.relationships[3].teacherId", code: "UNKNOWN_PERSON", message: "Person t-none is not in the export's people." },
      { path: "$.playbooks[1].id", code: "DUPLICATE_ID", message: "Playbook p-1 appears twice." },
      { path: "$.journeys[0].events", code: "EMPTY_JOURNEY", message: "Teacher t-b's journey has no events; a journey is its event log, so leave it out until something is recorded." },
      { path: "$.journeys[1].teacherId", code: "DUPLICATE_JOURNEY", message: "Teacher t-b has two journeys; one stream per teacher." },
      { path: "$.journeys[1].events", code: "EMPTY_JOURNEY", message: "Teacher t-b's journey has no events; a journey is its event log, so leave it out until something is recorded." },
      { path: "$.journeys[2].teacherId", code: "ROLE_MISMATCH", message: "Person c-a is not a teacher." },
      { path: "$.journeys[2].events", code: "EMPTY_JOURNEY", message: "Teacher c-a's journey has no events; a journey is its event log, so leave it out until something is recorded." }
    ]
    expect(Export.validate(doc)).toStrictEqual({ valid: false, violations: expected })
    // the same records as NDJSON lines: the same violations, at the record's line
    const lines = [line({ _tag: "header", ...header }), ...(["person", "cohort", "relationship", "playbook", "journey"] as const).flatMap((kind) =>
      (doc[({ person: "people", cohort: "cohorts", relationship: "relationships", playbook: "playbooks", journey: "journeys" } as const)[kind]] as ReadonlyArray<unknown>).map((value) => line({ _tag: kind, [kind]: value }))
    )]
    const ndjson = Export.validateNdjson(lines.join("\n"))
    expect(ndjson.violations.map((v) => [v.code, v.message])).toEqual(expected.map((v) => [v.code, v.message]))
    expect(ndjson.violations.map((v) => v.line)).toEqual([6, 8, 9, 9, 9, 10, 10, 12, 13, 14, 14, 15, 15])
  })

  it("a person appearing twice is named", () => {
    const json = demoJson()
    json.people.push({ ...json.people[0] })
    expect(Export.validate(json).violations).toEqual([{ path: `$.people[${json.people.length - 1}].id`, code: "DUPLICATE_ID", message: `Person ${json.people[0].id} appears twice.` }])
  })
})

describe("the decider's verdicts keep their place in the record", () => {
  const versioned = (version: string, granular: boolean): Granularity.Checker =>
    Object.assign((text: string): Granularity.GranularityReport => ({ ...Granularity.acceptAll(text), granular, score: granular ? 1 : 0.1 }), { version })
  const stepAt = events.findIndex((e) => e._tag === "ActionStepAgreed")
  /** The demo export with its step's recorded report naming `checker`. */
  const recordedBy = (checker: string | undefined) => {
    const json = demoJson()
    const step = json.journeys[0].events[stepAt].actionStep
    step.granularity = { ...Granularity.acceptAll(step.text), ...(checker !== undefined ? { checker } : {}) }
    return json
  }

  it("a recorded report its own checker now disagrees with is GRANULARITY_MISMATCH at the field inside the event", () => {
    const report = Export.validate(recordedBy("ours/1"), { recheck: [versioned("ours/1", false)] })
    expect(codesAt(report)).toEqual([`GRANULARITY_MISMATCH $.journeys[0].events[${stepAt}].actionStep.granularity.granular`])
    const unnamed = Export.validate(recordedBy(undefined), { recheck: [versioned("ours/1", false)] })
    expect(codesAt(unnamed)).toEqual([`GRANULARITY_MISMATCH $.journeys[0].events[${stepAt}].actionStep.granularity.granular`])
  })

  it("reports kept as recorded are counted by checker, only when rechecking, through JSON and NDJSON", () => {
    const json = recordedBy("theirs/2")
    const doc = Export.make(json)
    const text = ndjsonOf(doc).join("\n")
    expect(Export.validate(json)).toStrictEqual({ valid: true, violations: [] })
    expect(Export.validateNdjson(text)).toStrictEqual({ valid: true, violations: [] })
    for (const recheck of [[], [versioned("ours/1", true)]]) {
      expect(Export.validate(json, { recheck })).toStrictEqual({ valid: true, violations: [], keptAsRecorded: [{ checker: "theirs/2", reports: 1 }] })
      expect(Export.validateNdjson(text, { recheck })).toStrictEqual({ valid: true, violations: [], keptAsRecorded: [{ checker: "theirs/2", reports: 1 }] })
    }
    // a second journey whose step names the same checker counts twice; one naming another checker comes after it
    const second = (id: string, checker: string) => ({ ...json.journeys[0], teacherId: id, events: json.journeys[0].events.map((e: Record<string, unknown>) => e._tag === "ActionStepAgreed" ? { ...e, actionStep: { ...(e["actionStep"] as object), granularity: { ...Granularity.acceptAll("x"), checker } } } : e) })
    const three = { ...json, journeys: [...json.journeys, second("t-dual", "theirs/2"), second("t-other", "older/0")] }
    expect(Export.validate(three, { recheck: [] }).keptAsRecorded).toEqual([{ checker: "theirs/2", reports: 2 }, { checker: "older/0", reports: 1 }])
    // recomputed reports are not kept
    expect(Export.validate(recordedBy("ours/1"), { recheck: [versioned("ours/1", true)] })).toStrictEqual({ valid: true, violations: [], keptAsRecorded: [] })
  })

  it("with recheck, a report always says what was kept, even when validation stops at the header or the input is empty", () => {
    for (const input of ["text", { format: "csv" }]) {
      expect(Export.validate(input, { recheck: [] })).toMatchObject({ valid: false, keptAsRecorded: [] })
      expect(Export.validate(input)).not.toHaveProperty("keptAsRecorded")
    }
    for (const text of ["", line({ _tag: "header", format: "csv", version: 1 })]) {
      expect(Export.validateNdjson(text, { recheck: [] })).toMatchObject({ valid: false, keptAsRecorded: [] })
      expect(Export.validateNdjson(text)).not.toHaveProperty("keptAsRecorded")
    }
  })

  it("an export's own playbooks are the ones its techniques are checked against", () => {
    const ours: Playbook.Playbook = { id: "ours" as never, name: "Ours", strands: [{ area: "questioning", title: "Q", techniques: [{ id: "turn-and-talk" as never, title: "Turn and talk", description: "Pairs talk for thirty seconds." }] }] }
    const withTechnique = demo.map((command) => {
      const c = command as { _tag: string; actionStep?: object; leveragePoint?: { techniqueId?: string } }
      return c._tag === "AgreeActionStep"
        ? { ...c, actionStep: { ...c.actionStep, techniqueId: "turn-and-talk" } }
        : c.leveragePoint?.techniqueId !== undefined
        ? { ...c, leveragePoint: { ...c.leveragePoint, techniqueId: "turn-and-talk" } }
        : c
    })
    const decided = runWith(withTechnique, [ours])
    const doc = (playbooks: ReadonlyArray<Playbook.Playbook>) => Export.make({ people: records.people, relationships: records.relationships, playbooks, journeys: [{ teacherId, events: decided }] })
    expect(Export.validate(JSON.parse(Export.encode(doc([ours]))))).toEqual({ valid: true, violations: [] })
    expect(Export.validateNdjson(ndjsonOf(doc([ours])).join("\n"))).toEqual({ valid: true, violations: [] })
    // without them, the default playbook: the leverage point and the step name an unknown technique
    const cited = decided.flatMap((e, i) => (e._tag === "LeveragePointIdentified" || e._tag === "ActionStepAgreed" ? [`UNKNOWN_TECHNIQUE $.journeys[0].events[${i}]`] : []))
    expect(cited).toHaveLength(2)
    expect(codesAt(Export.validate(JSON.parse(Export.encode(doc([])))))).toEqual(cited)
  })
})

describe("a group cycle has one shared focus across its members' journeys", () => {
  const coach = Access.principal("coach", "c-grace")
  const school = {
    people: [...records.people, person("t-bob", "teacher")],
    relationships: [...records.relationships, relationship("rel-bob", "c-grace", "t-bob")]
  }
  const group = { id: "g-ect", teacherIds: ["t-ada", "t-bob"] } as const
  const base = { cycleId: "g1", by: "c-grace" }
  const visit = (id: string): Commands.InputOf<"RecordVisit"> => ({ _tag: "RecordVisit", ...base, visit: { id, minutes: 15, context: "Y7 maths", evidence: ["First hand up after a second."], strengths: ["Calm start."], candidates: [] } })
  const step = (id: string, text: string): Commands.InputOf<"AgreeActionStep"> => ({ _tag: "AgreeActionStep", ...base, actionStep: { id, text, whyItWorks: "Everyone thinks first." } })
  const meeting: Commands.InputOf<"HoldFeedbackMeeting"> = {
    _tag: "HoldFeedbackMeeting",
    ...base,
    meeting: { minutes: 25, style: "directive", parts: { praise: "p", probe: "q", problemAndStep: "s", practise: "r", planAhead: "a", timeline: "t" }, reps: [{ feedback: "Slower." }], whereUsed: "Next lesson", followUpDue: "2026-03-16" }
  }
  const stages = ["started", "point", "step", "meeting", "after"] as const
  /**
   * The group's export (plain JSON, Ada's journey first) up to a stage: started with a visit each,
   * the shared leverage point, the shared step, the group meeting, then Ada alone practising a
   * new step after a partial follow-up.
   */
  const build = (upTo: typeof stages[number], facilitative = false) =>
    Effect.runPromise(Effect.gen(function*() {
      const { journeys, store } = yield* storeWith(school)
      let t = Date.parse("2026-03-09T09:00:00.000Z")
      const at = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provideService(effect, Clock.Clock, Time.clockAt(t += HOUR))
      yield* at(journeys.executeGroup(coach, "t-ada", { _tag: "StartCycle", ...base, teacherId: "t-ada", coachId: "c-grace", group }))
      yield* at(journeys.execute(coach, "t-ada", visit("v-ada")))
      yield* at(journeys.execute(coach, "t-bob", visit("v-bob")))
      const done = (stage: typeof stages[number]) => stages.indexOf(stage) > stages.indexOf(upTo)
      if (!done("point")) {
        const point: Commands.InputOf<"IdentifyLeveragePoint"> = { _tag: "IdentifyLeveragePoint", ...base, leveragePoint: { text: "Students get no thinking time after a question.", evidence: ["v-ada", "v-bob"], area: "questioning" } }
        yield* at(journeys.executeGroup(coach, "t-ada", point))
      }
      if (facilitative) {
        // the step is agreed in the meeting itself: it is the step of the meeting, at the meeting's instant
        const agreeStep = { actionStep: step("s1", "Pose the question, pause five seconds, then name a student.").actionStep, proposedBy: "c-grace" }
        yield* at(journeys.executeGroup(coach, "t-ada", { ...meeting, meeting: { ...meeting.meeting, style: "facilitative" }, agreeStep } as Commands.Input))
        return JSON.parse(Export.encode(yield* Transfer.exportDocument(store)))
      }
      if (!done("step")) yield* at(journeys.executeGroup(coach, "t-ada", step("s1", "Pose the question, pause five seconds, then name a student.")))
      if (!done("meeting")) yield* at(journeys.executeGroup(coach, "t-ada", meeting))
      if (!done("after")) {
        t += 2 * 24 * HOUR
        yield* at(journeys.execute(coach, "t-ada", { _tag: "RecordFollowUp", ...base, followUp: { minutes: 10, evidence: "Paused, then answered for them.", outcome: "partly" } }))
        yield* at(journeys.execute(coach, "t-ada", step("s2", "Pose the question, pause five seconds, then name a student; do not answer for them.")))
      }
      return JSON.parse(Export.encode(yield* Transfer.exportDocument(store)))
    }))
  const bobOf = (json: any) => {
    expect(json.journeys.map((j: { teacherId: string }) => j.teacherId)).toEqual(["t-ada", "t-bob"])
    return json.journeys[1].events as Array<any>
  }
  const eventOf = (json: any, tag: string) => bobOf(json).find((e) => e._tag === tag)

  it("at every stage, and with one member going on alone after the meeting, the export is valid", async () => {
    for (const stage of stages) expect(Export.validate(await build(stage))).toEqual({ valid: true, violations: [] })
  })

  it("each part of the focus edited apart in one member is GROUP_DIVERGED at that member, naming the part; a meeting later the same day or the members in another order are not", async () => {
    const json = await build("after")
    const diverged = (edit: (json: any) => void) => {
      const copy = structuredClone(json)
      edit(copy)
      return Export.validate(copy).violations
    }
    const message = (parts: string) => `Group g-ect's cycle g1 differs from t-ada's in its ${parts}: a group cycle has one shared focus.`
    expect(diverged((j) => (eventOf(j, "LeveragePointIdentified").leveragePoint.text = "Only Bob's."))).toEqual([
      { path: "$.journeys[1].teacherId", code: "GROUP_DIVERGED", message: message("leverage point") }
    ])
    expect(diverged((j) => (eventOf(j, "ActionStepAgreed").actionStep.text = "Pose the question, pause three seconds, then name a student."))).toEqual([
      { path: "$.journeys[1].teacherId", code: "GROUP_DIVERGED", message: message("action step") }
    ])
    expect(diverged((j) => {
      eventOf(j, "LeveragePointIdentified").leveragePoint.text = "Only Bob's."
      eventOf(j, "ActionStepAgreed").actionStep.text = "Pose the question, pause three seconds, then name a student."
    })).toEqual([{ path: "$.journeys[1].teacherId", code: "GROUP_DIVERGED", message: message("leverage point, action step") }])
    const moved = (hours: number) => (j: any) => {
      const held = eventOf(j, "FeedbackMeetingHeld")
      held.at = new Date(Date.parse(held.at) + hours * HOUR).toISOString()
    }
    expect(diverged(moved(24))).toEqual([{ path: "$.journeys[1].teacherId", code: "GROUP_DIVERGED", message: message("meeting day") }])
    expect(diverged(moved(0.5))).toEqual([])
    expect(diverged((j) => eventOf(j, "CycleStarted").group.teacherIds.reverse())).toEqual([])
  })

  it("a step agreed in the group's facilitative meeting is the meeting's step, shared like any other; so are the members", async () => {
    const json = await build("point", true)
    expect(Export.validate(json)).toEqual({ valid: true, violations: [] })
    const edited = structuredClone(json)
    eventOf(edited, "FeedbackMeetingHeld").agreedStep.actionStep.text = "Pose the question, pause three seconds, then name a student."
    expect(Export.validate(edited).violations).toEqual([
      { path: "$.journeys[1].teacherId", code: "GROUP_DIVERGED", message: "Group g-ect's cycle g1 differs from t-ada's in its action step: a group cycle has one shared focus." }
    ])
    const members = structuredClone(json)
    eventOf(members, "CycleStarted").group.teacherIds.push("t-other")
    expect(Export.validate(members).violations).toEqual([
      { path: "$.journeys[1].teacherId", code: "GROUP_DIVERGED", message: "Group g-ect's cycle g1 differs from t-ada's in its members: a group cycle has one shared focus." }
    ])
  })

  it("before its meeting, a group's step is not yet shared: only the leverage point is compared", async () => {
    const json = await build("step")
    eventOf(json, "ActionStepAgreed").actionStep.text = "Pose the question, pause three seconds, then name a student."
    expect(Export.validate(json)).toEqual({ valid: true, violations: [] })
  })
})

describe("the violation budget", () => {
  it("a rule checker never holds more than its budget, and says when it is full", () => {
    const rules = new Export.RuleChecker(undefined, 2)
    const someone = person("t-x", "teacher")
    rules.person(someone, "$.people[0]")
    rules.person(someone, "$.people[1]")
    expect([rules.violations.length, rules.full]).toEqual([1, false])
    rules.person(someone, "$.people[2]")
    expect([rules.violations.length, rules.full]).toEqual([2, true])
    rules.person(someone, "$.people[3]")
    expect(rules.violations.map((v) => v.path)).toEqual(["$.people[1].id", "$.people[2].id"])
    const unbounded = new Export.RuleChecker()
    for (let i = 0; i < 5; i++) unbounded.person(someone, `$.people[${i}]`)
    expect([unbounded.violations.length, unbounded.full]).toEqual([4, false])
  })

  it("an NDJSON validator is full once it has found the budget, counting shape and rule violations alike; the report keeps the first by line", () => {
    const lines = [
      line({ _tag: "header", ...header }),
      line({ _tag: "person", person: { ...person("t-x", "teacher"), grade: 1 } }), // shape
      line({ _tag: "person", person: person("t-x", "teacher") }), // rule: a duplicate of the malformed one
      line({ _tag: "person", person: { ...person("t-y", "teacher"), grade: 1 } }), // shape
      line({ _tag: "person", person: person("t-y", "teacher") }) // rule
    ]
    const fed = (max?: number) => {
      const validator = new Export.NdjsonValidator(max === undefined ? {} : { maxViolations: max })
      const full = lines.map((text, i) => {
        validator.line(text, i + 1)
        return validator.full
      })
      return { full, report: validator.finish() }
    }
    expect(fed(2)).toEqual({ full: [false, false, true, true, true], report: { valid: false, violations: expect.any(Array) } })
    expect(linesOf(fed(2).report)).toEqual(["2 SHAPE_UNKNOWN_FIELD $.person.grade", "3 DUPLICATE_ID $.person.id"])
    expect(fed(3).full).toEqual([false, false, false, true, true])
    expect(linesOf(fed(3).report)).toEqual(["2 SHAPE_UNKNOWN_FIELD $.person.grade", "3 DUPLICATE_ID $.person.id", "4 SHAPE_UNKNOWN_FIELD $.person.grade"])
    expect(fed().full).toEqual([false, false, false, false, false])
    expect(fed().report.violations).toHaveLength(4)
    // shape violations before the rules' own budget is used: still capped in the report
    const shapesFirst = [lines[0], lines[1], lines[3], line({ _tag: "relationship", relationship: relationship("r-1", "c-none", "t-none") })].join("\n")
    expect(linesOf(Export.validateNdjson(shapesFirst, { maxViolations: 2 }))).toEqual(["2 SHAPE_UNKNOWN_FIELD $.person.grade", "3 SHAPE_UNKNOWN_FIELD $.person.grade"])
    expect(linesOf(Export.validateNdjson(shapesFirst, { maxViolations: 3 }))).toEqual(["2 SHAPE_UNKNOWN_FIELD $.person.grade", "3 SHAPE_UNKNOWN_FIELD $.person.grade", "4 UNKNOWN_PERSON $.relationship.coachId"])
  })
})

describe("NDJSON lines", () => {
  const demoLines = () => ndjsonOf(Export.make({ people: records.people, relationships: records.relationships, journeys: [{ teacherId, events }] }))

  it("blank and whitespace-only lines are ignored; CRLF line ends are read", () => {
    const lines = demoLines()
    expect(Export.validateNdjson(["", "  \t", ...lines.flatMap((l) => [l, "   "])].join("\r\n"))).toEqual({ valid: true, violations: [] })
    expect(Export.validateNdjson(" \n\t\n")).toEqual({ valid: false, violations: [{ path: "$", code: "NOT_AN_EXPORT", message: "The input is empty: an export starts with a header line." }] })
  })

  it("the first line must be the header: any other record there is NOT_AN_EXPORT at its root, and nothing after it is read", () => {
    const lines = demoLines()
    for (const first of [lines[1]!, "null", "[1]", line({ format: Export.FORMAT, version: 1 })]) {
      expect(Export.validateNdjson([first, ...lines].join("\n")).violations).toStrictEqual([
        { path: "$", code: "NOT_AN_EXPORT", message: "The first line must be the header {\"_tag\":\"header\",\"format\":\"coaching-export\",\"version\":1}.", line: 1 }
      ])
    }
    expect(Export.validateNdjson([line({ _tag: "header", format: "csv" }), ...lines.slice(1)].join("\n")).violations).toStrictEqual([
      { path: "$.format", code: "NOT_AN_EXPORT", message: "Expected format \"coaching-export\", got \"csv\".", line: 1 }
    ])
  })

  it("a header whose shape is wrong is reported, then the records are checked under the default policy", () => {
    const lines = demoLines()
    const badHeader = line({ _tag: "header", ...header, grade: "none" })
    const journey = JSON.parse(lines.at(-1)!)
    journey.journey.events[5].meeting.reps = []
    const report = Export.validateNdjson([badHeader, ...lines.slice(1, -1), line(journey)].join("\n"))
    expect(linesOf(report)).toEqual(["1 SHAPE_UNKNOWN_FIELD $.grade", `${lines.length} REHEARSAL_TOO_FEW_REPS $.journey.events[5]`])
  })

  it("a second header, bad JSON and records out of order are named with their line", () => {
    const lines = demoLines()
    const n = lines.length
    const report = Export.validateNdjson([...lines, lines[0], "{ truncated", lines[1], "null", lines.at(-1)].join("\n"))
    expect(report.violations.map((v) => [v.line, v.code, v.path])).toEqual([
      [n + 1, "NDJSON_ORDER", "$"],
      [n + 2, "NDJSON_INVALID_JSON", "$"],
      [n + 3, "NDJSON_ORDER", "$"],
      [n + 3, "DUPLICATE_ID", "$.person.id"],
      [n + 4, "SHAPE_INVALID_TYPE", "$"],
      [n + 5, "DUPLICATE_JOURNEY", "$.journey.teacherId"]
    ])
    expect(report.violations[0]!.message).toBe("A second header line.")
    expect(report.violations[1]!.message).toMatch(new RegExp(`^Line ${n + 2} is not JSON: .`))
    expect(report.violations[2]!.message).toBe("A person line after journey lines; the order is header, people, cohorts, relationships, playbooks, journeys.")
  })

  it("fast acceptance checks that are absent or say no change nothing", () => {
    const json = demoJson()
    json.people[0].grade = 1
    const text = demoLines().join("\n")
    for (const accepts of [{}, { line: () => false }, { document: () => false }]) {
      expect(Export.validate(json, { accepts })).toEqual(Export.validate(json))
      expect(Export.validateNdjson(text, { accepts })).toEqual({ valid: true, violations: [] })
    }
  })
})

describe("canonical order", () => {
  const teacher = (id: string) => ({ teacherId: id as never, events })
  it("make() sorts journeys by teacher and records by id, whatever order they come in", () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), { minLength: 2, maxLength: 40 })
    fc.assert(
      fc.property(ids, (list) => {
        const sorted = [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        const doc = Export.make({ people: list.map((id) => person(id, "teacher")), cohorts: list.map((id) => ({ id, name: id })) as never, journeys: list.map(teacher) })
        expect(doc.people.map((p) => p.id)).toEqual(sorted)
        expect(doc.cohorts.map((c) => c.id)).toEqual(sorted)
        expect(doc.journeys.map((j) => j.teacherId)).toEqual(sorted)
      }),
      { numRuns: Math.min(RUNS, 50) }
    )
  })

  it("records sharing an id (a duplicate validate reports) keep the order they were given in", () => {
    const named = (name: string) => ({ ...person("t-same", "teacher"), name })
    expect(Export.make({ people: [named("A"), person("a-first", "coach"), named("B"), named("C")] }).people.map((p) => p.name)).toEqual(["a-first", "A", "B", "C"])
    expect(Export.make({ people: [named("C"), named("B"), named("A")] }).people.map((p) => p.name)).toEqual(["C", "B", "A"])
  })

  it("the NDJSON variant carries every kind of record, in export order, and reads back as the document", () => {
    const playbook = Playbook.defaultPlaybook
    const doc = Export.make({
      people: records.people,
      cohorts: [{ id: "k-2" as never, name: "Second" }, { id: "k-1" as never, name: "First" }],
      relationships: records.relationships,
      playbooks: [playbook],
      journeys: [{ teacherId, events }]
    })
    const lines = ndjsonOf(doc).map((l) => JSON.parse(l))
    expect(lines.map((l) => l._tag)).toEqual(["header", ...records.people.map(() => "person"), "cohort", "cohort", ...records.relationships.map(() => "relationship"), "playbook", "journey"])
    const back = { ...header, people: [] as Array<unknown>, cohorts: [] as Array<unknown>, relationships: [] as Array<unknown>, playbooks: [] as Array<unknown>, journeys: [] as Array<unknown> }
    const keys = { person: "people", cohort: "cohorts", relationship: "relationships", playbook: "playbooks", journey: "journeys" } as const
    for (const l of lines.slice(1)) back[keys[l._tag as keyof typeof keys]].push(l[l._tag])
    expect(back).toEqual(JSON.parse(Export.encode(doc)))
    expect(Export.validateNdjson(ndjsonOf(doc).join("\n"))).toEqual({ valid: true, violations: [] })
  })
})

describe("decode refuses an export whole, saying how many violations and the first", () => {
  it("text that is not JSON: one NOT_AN_EXPORT at the root", () => {
    const result = Export.decode("{ nope")
    if (Result.isSuccess(result)) throw new Error("expected a refusal")
    expect(result.failure.violations).toHaveLength(1)
    expect(result.failure.violations[0]).toMatchObject({ path: "$", code: "NOT_AN_EXPORT" })
    expect(result.failure.violations[0]!.message).toMatch(/^Not JSON: ./)
    expect(result.failure.message).toBe(result.failure.violations[0]!.message)
  })

  it("one violation, or several", () => {
    const one = Export.decode({ format: "csv" })
    expect(Result.isFailure(one) && one.failure.message).toBe("The export has 1 violation; the first: $.format: Expected format \"coaching-export\", got \"csv\".")
    const json = demoJson()
    json.people[0].grade = 1
    json.people[1].grade = 2
    const two = Export.decode(JSON.stringify(json))
    expect(Result.isFailure(two) && two.failure.message).toBe("The export has 2 violations; the first: $.people[0].grade: " + Export.validate(json).violations[0]!.message)
  })
})

describe("the published pieces", () => {
  it("the JSON Schema says it checks shape only and names the validator for the rules", () => {
    expect(Export.jsonSchema()["description"]).toContain("Export.validate")
  })
  it("pathOf writes a JSON path from the root `$` unless told another", () => {
    expect(Export.pathOf(["journeys", 0, "events", 3])).toBe("$.journeys[0].events[3]")
    expect(Export.pathOf(["cycle", "visits", 0], "input")).toBe("input.cycle.visits[0]")
  })
})
