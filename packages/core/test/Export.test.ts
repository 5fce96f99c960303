/**
 * The export format: canonical encoding, shape and rule validation reporting every violation,
 * and mutated exports (an event dropped, events reordered, a date moved back, rehearsal
 * removed, a due date past policy) reported with the right code at the right path.
 */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it as vitestIt } from "vitest"
import { Cycle, type Events, Export, Guard, People, Policy, Time } from "../src/index.js"
import * as JsonSchemaWalk from "../src/internal/jsonSchema.js"
import { contextAt, demo, DAY, HOUR, run, RUNS, T0, TIMEOUT } from "./support.js"

const TEACHER = "t-ada"
const COACH = "c-grace"
const people = [
  { id: TEACHER, name: "Ada", roles: ["teacher"] },
  { id: COACH, name: "Grace", roles: ["coach"] }
] as never
const relationships = [{ id: "rel-1", coachId: COACH, teacherId: TEACHER, style: "directive", status: "active", since: "2026-09-01" }] as never

const docOf = (events: ReadonlyArray<Events.JourneyEvent>): Export.ExportDocument =>
  // No events, no journey: a journey is its event log (an empty one is EMPTY_JOURNEY).
  Export.make({ people, relationships, journeys: events.length === 0 ? [] : [{ teacherId: TEACHER as never, events }] })
/** The export as plain JSON, ready to mutate. */
const jsonOf = (events: ReadonlyArray<Events.JourneyEvent>) => JSON.parse(Export.encode(docOf(events)))
const codesAt = (report: Export.Report) => report.violations.map((v) => `${v.code} ${v.path}`)

// ---------------------------------------------------------------------------------------------
// Valid journeys: 1–3 cycles, each walked through the diagram with random choices, strictly
// increasing times (1 hour to 3 days apart), due dates within policy.
// ---------------------------------------------------------------------------------------------

const cyclePlan = fc.record({
  visits: fc.integer({ min: 1, max: 3 }),
  reps: fc.integer({ min: 1, max: 10 }),
  due: fc.integer({ min: 1, max: 84 }),
  detours: fc.array(fc.constantFrom("partly", "not-yet", "not-seen", "extend", "reflect", "revise"), { maxLength: 3 }),
  end: fc.constantFrom("secured", "secured", "closed")
})
const journeyPlan = fc.record({ cycles: fc.array(cyclePlan, { minLength: 1, maxLength: 3 }), gaps: fc.array(fc.integer({ min: HOUR, max: 3 * DAY }), { minLength: 80, maxLength: 80 }) })

type JourneyPlan = typeof journeyPlan extends fc.Arbitrary<infer A> ? A : never

const buildJourney = (plan: JourneyPlan) => {
  let journey = Cycle.initialState
  const events: Array<Events.JourneyEvent> = []
  let now = T0
  let n = 0
  const decide = (command: (now: number) => unknown) => {
    now += plan.gaps[n++ % plan.gaps.length]!
    const decision = Cycle.decide(journey, command(now), contextAt(now))
    if (Result.isFailure(decision)) throw new Error(`plan rejected: ${decision.failure.code} ${decision.failure.message}`)
    events.push(...decision.success)
    journey = Cycle.replay(decision.success, journey)
  }
  const dueIn = (now: number, days: number) => Time.addDays(Time.dateOf(Time.timestampFromMillis(now)!), days)
  plan.cycles.forEach((c, i) => {
    const cycleId = `c${i + 1}`
    const base = { cycleId, by: COACH }
    const previous = journey.cycles.at(-1)
    decide(() => ({ _tag: "StartCycle", ...base, teacherId: TEACHER, coachId: COACH, ...(previous?.stage === "Secured" ? { follows: previous.id } : {}) }))
    for (let v = 0; v < c.visits; v++) {
      decide(() => ({ _tag: "RecordVisit", ...base, visit: { id: `${cycleId}-v${v}`, minutes: 10, context: "Y10 history", evidence: ["First hand up answered."], strengths: ["Clear recap."], candidates: [] } }))
    }
    decide(() => ({ _tag: "IdentifyLeveragePoint", ...base, leveragePoint: { text: "No thinking time.", evidence: [`${cycleId}-v0`] } }))
    decide(() => ({ _tag: "AgreeActionStep", ...base, actionStep: { id: `${cycleId}-s0`, text: "Pose, pause five seconds, name a student.", whyItWorks: "Time to think." } }))
    const reps = Array.from({ length: c.reps }, (_, r) => ({ feedback: `Rep ${r + 1}: steady.` }))
    decide((t) => ({
      _tag: "HoldFeedbackMeeting",
      ...base,
      meeting: { minutes: 20, style: "balanced", parts: { praise: "p", probe: "q", problemAndStep: "s", practise: "r", planAhead: "a", timeline: "t" }, reps, whereUsed: "Y10", followUpDue: dueIn(t, c.due) }
    }))
    c.detours.forEach((d, k) => {
      if (d === "partly" || d === "not-yet") {
        decide(() => ({ _tag: "RecordFollowUp", ...base, followUp: { minutes: 10, evidence: "Partly seen.", outcome: d } }))
        if (k === 0) decide(() => ({ _tag: "AgreeActionStep", ...base, actionStep: { id: `${cycleId}-s${k + 1}`, text: "Pose, pause three seconds, name a student.", whyItWorks: "Shorter wait." } }))
        decide((t) => ({ _tag: "HoldPracticeSession", ...base, session: { minutes: 10, reps, followUpDue: dueIn(t, c.due) } }))
      } else if (d === "not-seen") {
        decide((t) => ({ _tag: "RecordFollowUp", ...base, followUp: { minutes: 5, evidence: "No questions this lesson.", outcome: "not-seen", nextDue: dueIn(t, 7) } }))
      } else if (d === "extend") {
        decide((t) => ({ _tag: "ExtendTimeline", ...base, followUpDue: dueIn(t, 10), reason: "Trip week." }))
      } else if (d === "reflect") {
        decide(() => ({ _tag: "AddReflection", cycleId, by: TEACHER, reflection: { id: `${cycleId}-r${k}`, text: "It felt long." } }))
      }
    })
    decide(() =>
      c.end === "secured"
        ? { _tag: "RecordFollowUp", ...base, followUp: { minutes: 10, evidence: "Pause held every time.", outcome: "secured" } }
        : { _tag: "CloseCycle", ...base, reason: "Timetable change." }
    )
  })
  return events
}

const journeys = journeyPlan.map(buildJourney)
const it = (name: string, fn: () => void) => vitestIt(name, fn, TIMEOUT)
const index = (events: ReadonlyArray<Events.JourneyEvent>, tag: Events.EventTag) => events.findIndex((e) => e._tag === tag)

describe("canonical encoding", () => {
  it("export → import → export is byte-identical, and the NDJSON variant carries the same records", () => {
    fc.assert(
      fc.property(journeys, (events) => {
        const text = Export.encode(docOf(events))
        const imported = Export.decode(text)
        expect(Result.isSuccess(imported)).toBe(true)
        expect(Export.encode(Result.getOrThrow(imported))).toBe(text)
        const lines = [...Export.encodeNdjson(docOf(events))]
        expect(lines).toHaveLength(1 + 2 + 1 + 1)
        expect(Export.validateNdjson(lines.join("\n")).violations).toEqual([])
      }),
      { numRuns: RUNS }
    )
  })

  it("make() sorts records, so the same data in any order encodes the same", () => {
    const { events } = run(demo)
    const a = Export.make({ people, relationships, journeys: [{ teacherId: TEACHER as never, events }] })
    const b = Export.make({ people: [...(people as Array<never>)].reverse(), relationships, journeys: [{ teacherId: TEACHER as never, events }] })
    expect(Export.encode(a)).toBe(Export.encode(b))
  })

  it("toJson is the canonical value as plain JSON: sorted like make(), decoded back to the same export, the text encode writes", () => {
    const { events } = run(demo)
    const doc = Export.make({ people: [...(people as Array<never>)].reverse(), relationships, journeys: [{ teacherId: TEACHER as never, events }] })
    const value = Export.toJson(doc)
    expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value)
    expect(`${JSON.stringify(value, null, 2)}\n`).toBe(Export.encode(doc))
    expect((value as { people: ReadonlyArray<{ id: string }> }).people.map((p) => p.id)).toEqual([COACH, TEACHER].sort())
    expect(Export.encode(Result.getOrThrow(Export.decode(value)))).toBe(Export.encode(doc))
  })
})

describe("mutated exports are reported with the right code at the right path", () => {
  const property = (mutate: (json: any, events: ReadonlyArray<Events.JourneyEvent>) => string | undefined) =>
    fc.assert(
      fc.property(journeys, fc.nat(), (events, pick) => {
        const json = jsonOf(events)
        ;(json as { pick: number }).pick = pick
        const expected = mutate(json, events)
        delete (json as { pick?: number }).pick
        if (expected === undefined) return
        expect(codesAt(Export.validate(json))).toContain(expected)
      }),
      { numRuns: RUNS }
    )

  it("a date moved back → TIME_WENT_BACKWARDS at that event", () =>
    property((json, events) => {
      const i = 1 + (json.pick % (events.length - 1))
      json.journeys[0].events[i].at = new Date(Date.parse(events[i - 1]!.at) - DAY).toISOString()
      return `TIME_WENT_BACKWARDS $.journeys[0].events[${i}]`
    }))

  it("two events reordered → TIME_WENT_BACKWARDS at the later position", () =>
    property((json, events) => {
      const i = json.pick % (events.length - 1)
      const list = json.journeys[0].events
      ;[list[i], list[i + 1]] = [list[i + 1], list[i]]
      return `TIME_WENT_BACKWARDS $.journeys[0].events[${i + 1}]`
    }))

  it("rehearsal removed from the meeting → REHEARSAL_TOO_FEW_REPS at the meeting", () =>
    property((json, events) => {
      const i = index(events, "FeedbackMeetingHeld")
      json.journeys[0].events[i].meeting.reps = []
      return `REHEARSAL_TOO_FEW_REPS $.journeys[0].events[${i}]`
    }))

  it("a rep's feedback blanked → REP_WITHOUT_FEEDBACK at the meeting", () =>
    property((json, events) => {
      const i = index(events, "FeedbackMeetingHeld")
      json.journeys[0].events[i].meeting.reps[0].feedback = ""
      return `REP_WITHOUT_FEEDBACK $.journeys[0].events[${i}]`
    }))

  it("a due date past policy → FOLLOW_UP_DUE_TOO_LATE at the meeting", () =>
    property((json, events) => {
      const i = index(events, "FeedbackMeetingHeld")
      json.journeys[0].events[i].meeting.followUpDue = Time.addDays(Time.dateOf(events[i]!.at), 85 + (json.pick % 400))
      return `FOLLOW_UP_DUE_TOO_LATE $.journeys[0].events[${i}]`
    }))

  it("the meeting dropped → its first follow-up is FOLLOW_UP_BEFORE_MEETING", () =>
    property((json, events) => {
      const m = index(events, "FeedbackMeetingHeld")
      const f = events.findIndex((e, i) => i > m && e._tag === "FollowUpRecorded")
      if (f < 0 || events.slice(m, f).some((e) => e.cycleId !== events[m]!.cycleId)) return undefined
      json.journeys[0].events.splice(m, 1)
      return `FOLLOW_UP_BEFORE_MEETING $.journeys[0].events[${f - 1}]`
    }))

  it("the cycle start dropped → CYCLE_NOT_FOUND at the next event", () =>
    property((json) => {
      json.journeys[0].events.splice(0, 1)
      return "CYCLE_NOT_FOUND $.journeys[0].events[0]"
    }))

  it("the leverage point dropped → LEVERAGE_POINT_MISSING at the action step", () =>
    property((json, events) => {
      const lp = index(events, "LeveragePointIdentified")
      json.journeys[0].events.splice(lp, 1)
      return `LEVERAGE_POINT_MISSING $.journeys[0].events[${lp}]`
    }))

  it("a non-granular step without override → ACTION_STEP_NOT_GRANULAR", () =>
    property((json, events) => {
      const i = index(events, "ActionStepAgreed")
      json.journeys[0].events[i].actionStep.granularity = { granular: false, score: 0.1, findings: [], suggestions: [] }
      return `ACTION_STEP_NOT_GRANULAR $.journeys[0].events[${i}]`
    }))

  it("an event appended after the end → CYCLE_ENDED", () =>
    property((json, events) => {
      const last = events.at(-1)!
      json.journeys[0].events.push({ ...json.journeys[0].events[0], _tag: "CycleClosed", cycleId: last.cycleId, at: new Date(Date.parse(last.at) + HOUR).toISOString(), reason: "Late." })
      delete json.journeys[0].events.at(-1).teacherId
      delete json.journeys[0].events.at(-1).coachId
      return `CYCLE_ENDED $.journeys[0].events[${events.length}]`
    }))
})

describe("the fast path gives the full path's verdict", () => {
  // Validation's fast path: a compiled guard in place of the Schema decode, and one `Cycle.checker`
  // per journey in place of `Cycle.check` per event. On valid exports and on exports with one
  // random change anywhere (a field replaced by junk, removed, or an unknown one added), the
  // report must be exactly the full path's, violations and all.
  const junk = fc.constantFrom<unknown>(null, true, 0, -0, 1, -1, 0.5, 601, 2 ** 53, "", " ", "x", "2026-02-30", "2026-02-29T10:00:00.000Z",
    "2026-09-07T24:00:00.000Z", "teacher", "coach", "secured", [], {}, [[]], "a".repeat(501), TEACHER, COACH, "c1", "c1-v0")
  type Path = Array<string | number>
  const paths = (value: unknown, prefix: Path = [], out: Array<Path> = []): Array<Path> => {
    out.push(prefix)
    if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out))
    else if (typeof value === "object" && value !== null) Object.entries(value).forEach(([k, v]) => paths(v, [...prefix, k], out))
    return out
  }
  const mutate = (root: any, path: Path, how: number, value: unknown): void => {
    if (path.length === 0) return
    const parent = path.slice(0, -1).reduce((node: any, key) => node[key], root)
    const key = path[path.length - 1]!
    if (how === 0) parent[key] = value
    else if (how === 1) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]
    else if (typeof parent[key] === "object" && parent[key] !== null && !Array.isArray(parent[key])) parent[key]["unexpected"] = value
    else parent[key] = value
  }
  const documentGuard = Guard.compile(Export.ExportDocument)
  const lineGuard = Guard.compile(Export.NdjsonLine)
  const ndjson = (json: unknown, accepts: boolean): Export.Report => {
    const validator = new Export.NdjsonValidator(accepts ? { accepts: { line: lineGuard } } : {})
    const doc = json as Record<string, Array<unknown>>
    const lines = [JSON.stringify({ _tag: "header", format: doc["format"], version: doc["version"] })]
    for (const [key, tag] of [["people", "person"], ["cohorts", "cohort"], ["relationships", "relationship"], ["playbooks", "playbook"], ["journeys", "journey"]] as const) {
      for (const record of Array.isArray(doc[key]) ? doc[key] : []) lines.push(JSON.stringify({ _tag: tag, [tag]: record }))
    }
    lines.forEach((line, i) => validator.line(line, i + 1))
    return validator.finish()
  }

  it("valid and mutated exports: the same report with and without the fast path (document and NDJSON)", () => {
    fc.assert(
      fc.property(journeys, fc.boolean(), fc.nat(), fc.nat(2), junk, (events, change, pick, how, value) => {
        const json = jsonOf(events)
        if (change) {
          const all = paths(json)
          mutate(json, all[pick % all.length]!, how, value)
        }
        const full = Export.validate(json)
        expect(Export.validate(json, { accepts: { document: documentGuard } })).toEqual(full)
        if (!change) expect(full).toEqual({ valid: true, violations: [] })
        expect(ndjson(json, true)).toEqual(ndjson(json, false))
      }),
      { numRuns: RUNS }
    )
  })

  it("one Cycle.checker for a whole journey says what Cycle.check says of each event", () => {
    fc.assert(
      fc.property(journeys, fc.nat(), fc.nat(2), junk, (events, pick, how, value) => {
        const json = jsonOf(events)
        const list = json.journeys[0].events
        const all = paths(list)
        mutate(list, all[pick % all.length]!, how, value)
        const context = { policy: Policy.defaultPolicy, people: People.directory({ people, relationships }) }
        const check = Cycle.checker(context)
        let journey = Cycle.initialState
        for (const event of list as Array<Events.JourneyEvent>) {
          if (typeof event !== "object" || event === null || typeof event._tag !== "string") continue
          let one: unknown
          try {
            one = Cycle.check(journey, event, context)
          } catch (error) {
            one = error
          }
          let many: unknown
          try {
            many = check(journey, event)
          } catch (error) {
            many = error
          }
          expect(many).toEqual(one)
          try {
            journey = Cycle.replay([event], journey)
          } catch {
            break
          }
        }
      }),
      { numRuns: RUNS }
    )
  })
})

describe("every violation is reported, not only the first", () => {
  it("shape errors and rule errors in several places come back together", () => {
    const { events } = run(demo)
    const json = jsonOf(events)
    json.people[0].grade = "outstanding" // no grades: an unknown field
    json.journeys[0].events[1].visit.minutes = 0 // out of range
    delete json.journeys[0].events[3].leveragePoint.text // missing
    json.relationships[0].style = "bossy" // no such style
    const second = jsonOf(events).journeys[0]
    second.teacherId = "t-bob"
    second.events = second.events.map((e: { teacherId?: string }) => ("teacherId" in e ? { ...e, teacherId: "t-bob" } : e))
    second.events[5].meeting.reps = []
    json.journeys.push(second)
    json.people.push({ id: "t-bob", name: "Bob", roles: ["teacher"] })
    json.relationships.push({ id: "rel-bob", coachId: COACH, teacherId: "t-bob", style: "balanced", status: "active", since: "2026-09-01" })
    json.journeys.push({ teacherId: "t-carl", events: [] })
    const report = Export.validate(json)
    expect(report.valid).toBe(false)
    expect(codesAt(report)).toEqual(
      expect.arrayContaining([
        "SHAPE_UNKNOWN_FIELD $.people[0].grade",
        "SHAPE_INVALID_VALUE $.journeys[0].events[1].visit.minutes",
        "SHAPE_MISSING_FIELD $.journeys[0].events[3].leveragePoint.text",
        "SHAPE_NO_MATCHING_VARIANT $.relationships[0].style",
        "REHEARSAL_TOO_FEW_REPS $.journeys[1].events[5]",
        "UNKNOWN_PERSON $.journeys[2].teacherId",
        "EMPTY_JOURNEY $.journeys[2].events"
      ])
    )
    for (const v of report.violations) expect(v.message.length).toBeGreaterThan(5)
  })

  it("maxViolations caps the list", () => {
    const json = jsonOf(run(demo).events)
    json.people.forEach((p: { grade?: number }) => (p.grade = 1))
    json.journeys[0].events.forEach((e: { extra?: number }) => (e.extra = 1))
    expect(Export.validate(json).violations.length).toBeGreaterThan(5)
    expect(Export.validate(json, { maxViolations: 3 }).violations).toHaveLength(3)
  })

  it("cross-record rules: duplicate ids, unknown people, roles, missing relationships, duplicate journeys", () => {
    const json = jsonOf(run(demo).events)
    json.people.push({ ...json.people[0] })
    json.relationships = []
    json.journeys.push(json.journeys[0])
    json.people[1].roles = ["lead"] // people are sorted by id: [0] is the coach c-grace, [1] the teacher t-ada
    const report = Export.validate(json)
    expect(codesAt(report)).toEqual(
      expect.arrayContaining([
        "DUPLICATE_ID $.people[2].id",
        "ROLE_MISMATCH $.journeys[0].events[0]",
        "RELATIONSHIP_MISSING $.journeys[0].events[1]",
        "DUPLICATE_JOURNEY $.journeys[1].teacherId"
      ])
    )
  })
})

describe("one cause, one violation", () => {
  it("a malformed person gives its own shape violation, not one UNKNOWN_PERSON per reference", () => {
    const json = jsonOf(run(demo).events)
    json.people[1].name = 42 // the teacher t-ada: a number for a name
    json.people[0].roles = ["coach", "grader"] // the coach c-grace: no such role
    const report = Export.validate(json)
    expect(codesAt(report)).toEqual(["SHAPE_NO_MATCHING_VARIANT $.people[0].roles[1]", "SHAPE_INVALID_TYPE $.people[1].name"])
    // the NDJSON variant reads the same way
    const lines = [...Export.encodeNdjson(docOf(run(demo).events))].map((l) => JSON.parse(l))
    lines[2].person.name = 42
    const ndjson = Export.validateNdjson(lines.map((l) => JSON.stringify(l)).join("\n"))
    expect(ndjson.violations.map((v) => `${v.line} ${v.code} ${v.path}`)).toEqual(["3 SHAPE_INVALID_TYPE $.person.name"])
  })
})

describe("not an export", () => {
  vitestIt.each([
    ["null", null, "NOT_AN_EXPORT $"],
    ["an array", [], "NOT_AN_EXPORT $"],
    ["another format", { format: "csv", version: 1 }, "NOT_AN_EXPORT $.format"],
    ["a future version", { format: "coaching-export", version: 2 }, "UNSUPPORTED_VERSION $.version"]
  ])("%s", (_name, input, expected) => {
    expect(codesAt(Export.validate(input))).toEqual([expected])
  })

  it("decode refuses non-JSON text with a typed error", () => {
    const result = Export.decode("{ nope")
    expect(Result.isFailure(result) && result.failure._tag).toBe("InvalidExport")
  })
})

describe("NDJSON variant", () => {
  const lines = () => [...Export.encodeNdjson(docOf(run(demo).events))]

  it("reports line numbers, bad JSON, order and shape, and keeps going", () => {
    const l = lines()
    const journey = JSON.parse(l[4]!)
    journey.journey.events[5].meeting.reps = []
    const text = [l[0], l[3], l[1], "{ truncated", l[2], JSON.stringify(journey)].join("\n")
    const report = Export.validateNdjson(text)
    // line 2 is the relationship, before its people: both are unknown there
    expect(report.violations.map((v) => `${v.line} ${v.code}`)).toEqual([
      "2 UNKNOWN_PERSON",
      "2 UNKNOWN_PERSON",
      "3 NDJSON_ORDER",
      "4 NDJSON_INVALID_JSON",
      "5 NDJSON_ORDER",
      "6 REHEARSAL_TOO_FEW_REPS"
    ])
  })

  it("an empty input and a missing header are not exports", () => {
    expect(Export.validateNdjson("").violations.map((v) => v.code)).toEqual(["NOT_AN_EXPORT"])
    expect(Export.validateNdjson(lines().slice(1).join("\n")).violations.map((v) => v.code)).toEqual(["NOT_AN_EXPORT"])
  })
})

describe("JSON Schema", () => {
  type Node = { readonly [key: string]: unknown }
  const isNode = (u: unknown): u is Node => typeof u === "object" && u !== null && !Array.isArray(u)
  /** Every schema node below (and including) `node`, depth first. */
  const nodes = (node: unknown): Array<Node> =>
    Array.isArray(node) ? node.flatMap(nodes) : isNode(node) ? [node, ...Object.values(node).flatMap(nodes)] : []
  const props = (node: Node) => node["properties"] as Record<string, Node>
  /** The object schema whose `_tag` is the constant `tag` (an event or an NDJSON line). */
  const tagged = (root: Node, tag: string): Node => {
    const found = nodes(root).filter((n) => n["type"] === "object" && isNode(n["properties"]) && props(n)["_tag"]?.["const"] === tag)
    expect(found).toHaveLength(1)
    return found[0]!
  }
  /** The document's own schema, without the NDJSON line's under `$defs` (which repeats the events). */
  const body = ({ $defs: _, ...rest }: Export.JsonSchemaDocument): Node => rest
  const id = { pattern: "^[A-Za-z0-9]", not: { pattern: "[^A-Za-z0-9_.:-]" }, maxLength: 128 }
  const timestampPattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z"
  const datePattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"

  it("is a draft 2020-12 document with an $id, the export's top-level fields and the NDJSON line under $defs", () => {
    const doc = Export.jsonSchema()
    expect(doc.$schema).toBe("https://json-schema.org/draft/2020-12/schema")
    expect(doc.$id).toBe(Export.jsonSchemaId)
    expect(doc.$id).toBe("urn:coaching:export:1")
    expect(doc["type"]).toBe("object")
    expect(Object.keys(props(doc))).toEqual(["format", "version", "policy", "people", "cohorts", "relationships", "playbooks", "journeys"])
    expect(doc["required"]).toEqual(["format", "version", "people", "cohorts", "relationships", "playbooks", "journeys"])
    expect(props(doc)["format"]).toEqual({ type: "string", const: "coaching-export" })
    expect(props(doc)["version"]).toEqual({ type: "number", const: 1 })
    const line = doc.$defs.ndjsonLine
    expect((line["anyOf"] as Array<Node>).map((n) => props(n)["_tag"]!["const"])).toEqual(["header", "person", "cohort", "relationship", "playbook", "journey"])
    for (const tag of ["CycleStarted", "FeedbackMeetingHeld"]) tagged(body(doc), tag)
  })

  it("keeps the id, timestamp and calendar-date patterns, in a form every validator reads alike (no $, no \\d)", () => {
    const doc = Export.jsonSchema()
    const started = tagged(body(doc), "CycleStarted")
    expect(started["additionalProperties"]).toBe(false)
    expect(props(started)["cycleId"]).toMatchObject({ type: "string", ...id })
    expect(props(started)["teacherId"]).toMatchObject({ type: "string", ...id })
    expect(props(started)["at"]).toMatchObject({ type: "string", pattern: timestampPattern, maxLength: 24 })
    const relationship = tagged(doc.$defs.ndjsonLine, "relationship")
    expect(props(props(relationship)["relationship"]!)["since"]).toMatchObject({ type: "string", pattern: datePattern, maxLength: 10 })
    // A pattern says the shape; a real calendar date is only checked by validate, and says so.
    expect(props(props(relationship)["relationship"]!)["since"]!["$comment"]).toContain("must be a real calendar date")
    const patterns = nodes(doc).flatMap((n) => (typeof n["pattern"] === "string" ? [n["pattern"]] : []))
    for (const pattern of patterns) expect(() => new RegExp(pattern, "u")).not.toThrow()
    // `$` matches before a final newline in Python, Java and .NET; \d, \s and \w are Unicode-wide in some engines.
    expect(patterns.filter((p) => /\$|\\[dDsSwWbBZz]/.test(p))).toEqual([])
    const matches = (node: { pattern: string; not?: { pattern: string }; maxLength: number }, text: string) =>
      new RegExp(node.pattern, "u").test(text) && !(node.not && new RegExp(node.not.pattern, "u").test(text)) && [...text].length <= node.maxLength
    expect([matches(id, "c-grace"), matches(id, "grace hopper"), matches(id, "c-grace\n")]).toEqual([true, false, false])
    const timestamp = { pattern: timestampPattern, maxLength: 24 }
    expect([matches(timestamp, "2026-09-07T09:00:00.000Z"), matches(timestamp, "2026-09-07T09:00:00Z"), matches(timestamp, "2026-09-07T09:00:00.000Z\n")]).toEqual([true, false, false])
    const date = { pattern: datePattern, maxLength: 10 }
    expect([matches(date, "2026-09-01"), matches(date, "1 Sep 2026"), matches(date, "2026-09-01\n")]).toEqual([true, false, false])
  })

  it("counts string lengths in code points, as JSON Schema does (no UTF-16 length is left to a comment)", () => {
    const doc = Export.jsonSchema()
    const name = props(props(tagged(doc.$defs.ndjsonLine, "person"))["person"]!)["name"]!
    expect(name).toMatchObject({ type: "string", minLength: 1, maxLength: 500 })
    expect(JSON.stringify(doc)).not.toContain("UTF-16")
    const people = (name: string) => {
      const doc = jsonOf([])
      return Export.validate({ ...doc, people: [...doc.people, { id: "p", name, roles: ["lead"] }] }).valid
    }
    expect([people("😀".repeat(500)), people("😀".repeat(501)), people("\u200B\u2060\uFEFF"), people("\u0000")]).toEqual([true, false, false, false])
  })

  it("refuses unknown fields in every object, as validate does", () => {
    const doc = Export.jsonSchema()
    const objects = nodes(doc).filter((n) => n["type"] === "object")
    expect(objects.length).toBeGreaterThan(30)
    expect(objects.filter((n) => n["additionalProperties"] !== false)).toEqual([])
    expect(Export.validate({ ...jsonOf([]), comment: "hand-edited" }).violations.map((v) => v.code)).toEqual(["SHAPE_UNKNOWN_FIELD"])
  })

  it("is a fresh plain JSON value on every call", () => {
    const doc = Export.jsonSchema()
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc)
    ;(doc as { title?: unknown }).title = "changed"
    expect(Export.jsonSchema()["title"]).toBe("Coaching export (format \"coaching-export\", version 1)")
  })

  it("never refuses what the walker cannot express: a record's keys and an unknown value are left to validate", () => {
    const node = JsonSchemaWalk.of(Schema.Struct({ scores: Schema.Record(Schema.String, Schema.Number), extra: Schema.Unknown }))
    expect(node["additionalProperties"]).toBe(false)
    const properties = node["properties"] as Record<string, Node>
    expect(properties["scores"]).toMatchObject({ type: "object", additionalProperties: true })
    expect(properties["scores"]!["$comment"]).toContain("the keys and values of a record")
    expect(Object.keys(properties["extra"]!)).toEqual(["$comment"])
  })
})
