/**
 * The one-line example of every public module in the README's module table: each line after a
 * `// Module` comment is shown there verbatim (a test checks), and the typecheck compiles them.
 */
import {
  Access,
  Calendar,
  Caseload,
  CohortInsight,
  Commands,
  Cycle,
  Demo,
  DemoSchool,
  Entities,
  Errors,
  Events,
  Export,
  Fidelity,
  Granularity,
  Guard,
  Ids,
  Journeys,
  Memory,
  People,
  Playbook,
  Policy,
  Records,
  Reports,
  Store,
  Text,
  Time,
  Transfer,
  validateExport
} from "@coaching/core"
import { Effect, Result, Schema } from "effect"

const { people, relationships } = Demo.records()
const context: Cycle.Context = { policy: Policy.defaultPolicy, clock: Date.now, checkActionStep: Granularity.acceptAll, people: People.directory({ people, relationships }) }
const journey = Cycle.emptyJourney(Ids.person("t-ada"))
const command: Commands.Input = { _tag: "StartCycle", cycleId: "cycle-1", by: "c-grace", teacherId: "t-ada", coachId: "c-grace" }
const today = Time.today()
const store = Memory.make()
const coach = Access.principal("coach", "c-grace")
const { document, leadId } = DemoSchool.school()
const { state, context: reports } = Reports.fromExport(document)
const lead = Access.principal("lead", leadId)
const caseload = Result.getOrThrow(Caseload.ofCoach(state, reports, coach, { today: DemoSchool.school().today }))

// Cycle
const decision = Cycle.decide(journey, command, context)
// Commands
const start: Commands.InputOf<"StartCycle"> = { _tag: "StartCycle", cycleId: "cycle-1", by: "c-grace", teacherId: "t-ada", coachId: "c-grace" }
// Access
const mayRecord = Access.can(coach, "journey.record", { teacherId: Ids.person("t-ada"), relationships, today })
// Journeys
const executed = Effect.flatMap(Journeys.Journeys, (journeys) => journeys.execute(coach, "t-ada", command))
// Store
const relationship = Store.relationshipBetween(store, "c-grace", "t-ada")
// Memory
const layer = Memory.layer
// Records
const kinds = Records.recordKinds
// Transfer
const exported = Transfer.exportDocument(store)
// Export
const json = Export.encode(Export.make({ people, relationships, journeys: [] }))
// validateExport
const report = validateExport(JSON.parse(json))
// Events
const event = Events.decodeUnknown({ _tag: "CycleClosed" })
// Entities
const isFollowUp = Schema.is(Entities.FollowUp)({ minutes: 10, evidence: "Saw it.", outcome: "secured" })
// People
const directory = People.directory({ people, relationships })
// Playbook
const wait = Playbook.findTechnique(Playbook.defaultPlaybook, Ids.technique("wait-time"))
// Granularity
const granularity: Granularity.Checker = Granularity.acceptAll
// Guard
const isEvent = Guard.compile(Events.JourneyEvent, { plainData: true })
// Policy
const policy = Policy.make({ followUp: { maxDays: 42 } })
// Reports
const reportState = Reports.fromExport(document).state
// Fidelity
const fidelity = Fidelity.report(state, reports, lead)
// Caseload
const mine = Caseload.ofCoach(state, reports, coach, { today })
// CohortInsight
const insight = CohortInsight.report(state, reports, lead)
// Calendar
const ics = Calendar.followUps(caseload, { stamp: Time.timestampFromMillis(Date.now())! })
// DemoSchool
const school = DemoSchool.synthetic({ seed: 7, coaches: 4, teachersPerCoach: 6, cyclesPerTeacher: 3 })
// Demo
const demoCommands = Demo.cycleCommands("2026-11-30")
// Errors
const codes = Errors.cycleErrorCodes
// Ids
const teacherId = Ids.person("t-ada")
// Time
const due = Time.addDays(Time.today(), 7)
// Text
const blank = Text.isBlank("\u200b ")

export const all = [
  decision, start, mayRecord, executed, relationship, layer, kinds, exported, report, event, isFollowUp, directory, wait, granularity, isEvent,
  policy, reportState, fidelity, mine, insight, ics, school, demoCommands, codes, teacherId, due, blank
]
