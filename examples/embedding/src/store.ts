import { SqliteStore } from "@coaching/adapter-sqlite"
import { Access, type Commands, Export, Journeys, Store, Time, Transfer, validateExport } from "@coaching/core"
import { generateFeedbackScript, parts } from "@coaching/feedback-script"
import { checkActionStep } from "@coaching/granularity"
import { Effect, Layer, Option } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

// One SQLite file, and the command service over it with the real granularity checker.
const filename = join(mkdtempSync(join(tmpdir(), "coaching-")), "coaching.db")
const services = Journeys.layer({ checkActionStep }).pipe(Layer.provideMerge(SqliteStore.layer({ filename })))

const program = Effect.gen(function*() {
  // Register the people and their coaching relationship first: the rules check who records what.
  const store = yield* Store.CoachingStore
  yield* store.records("person").put({ id: "c-grace", name: "Grace", roles: ["coach"], areas: ["questioning"] })
  yield* store.records("person").put({ id: "t-ada", name: "Ada", roles: ["teacher"] })
  yield* store.records("relationship").put({
    id: "rel-grace-ada", coachId: "c-grace", teacherId: "t-ada", style: "directive", status: "active", since: "2025-09-01"
  })
  const relationship = yield* Store.relationshipBetween(store, "c-grace", "t-ada")
  console.log("relationship:", Option.map(relationship, (r) => `${r.id}, ${r.style}`).pipe(Option.getOrElse(() => "none")))

  // Grace records Ada's cycle. Commands are typed: a misspelt field does not compile.
  const journeys = yield* Journeys.Journeys
  const grace = Access.principal("coach", "c-grace")
  const record = (command: Commands.Input) => journeys.execute(grace, "t-ada", command)
  const cycleId = "cycle-1", by = "c-grace"
  yield* record({ _tag: "StartCycle", cycleId, by, teacherId: "t-ada", coachId: by })
  yield* record({
    _tag: "RecordVisit", cycleId, by,
    visit: {
      id: "v1", minutes: 15, context: "Year 8 science",
      evidence: ["Asked four questions; the first hand up answered each within two seconds."],
      strengths: ["Named three students who had started the task, and the rest followed."],
      candidates: ["Thinking time after questions"]
    }
  })
  yield* record({
    _tag: "IdentifyLeveragePoint", cycleId, by,
    leveragePoint: { text: "Students get no thinking time between a question and the first answer.", evidence: ["v1"], area: "questioning" }
  })

  // A vague step is refused with a typed error (its code and the checker's findings); nothing is recorded.
  yield* record({
    _tag: "AgreeActionStep", cycleId, by, actionStep: { id: "s1", text: "Improve questioning.", whyItWorks: "Better questions." }
  }).pipe(
    Effect.catchTag("NotGranular", (refused) => Effect.sync(() => console.log("refused:", refused.code, refused.findings.join(", "))))
  )
  yield* record({
    _tag: "AgreeActionStep", cycleId, by,
    actionStep: {
      id: "s1", text: "Pose the question, pause for five seconds, then name a student to answer.",
      whyItWorks: "Every student has time to retrieve an answer before anyone is asked."
    }
  })

  // The feedback meeting's script, in the relationship's style, from the cycle as recorded.
  const today = Time.today()
  const before = yield* journeys.load(grace, "t-ada")
  const script = yield* Effect.fromResult(generateFeedbackScript(
    { cycle: before.journey.cycles[0]!, style: "directive", teacherName: "Ada" },
    { meetingDate: today }
  ))
  console.log("script:", parts(script).map((part) => part.title).join(" → "))

  yield* record({
    _tag: "HoldFeedbackMeeting", cycleId, by,
    meeting: {
      minutes: 20, style: "directive",
      parts: {
        praise: "When you named the three students who had started, the rest of the room began within seconds.",
        probe: "What did you notice about who answered your questions?",
        problemAndStep: "Pose the question, pause for five seconds, then name a student to answer.",
        practise: "Eight rehearsals with Monday's hinge questions.",
        planAhead: "Monday's three hinge questions.",
        timeline: "Grace visits next week."
      },
      reps: Array.from({ length: 8 }, (_, i) => ({ feedback: `Rep ${i + 1}: count the pause on your fingers.` })),
      whereUsed: "Year 8 science, hinge questions",
      followUpDue: Time.addDays(today, 7)
    }
  })
  yield* record({
    _tag: "RecordFollowUp", cycleId, by,
    followUp: { minutes: 15, evidence: "Three questions, a five-second pause, then a named student each time.", outcome: "secured" }
  })

  // Export everything and validate it as a CI pipeline would: shape and rules.
  const exported = yield* Transfer.exportDocument(store)
  const report = validateExport(JSON.parse(Export.encode(exported)))
  console.log("export:", report.valid ? "valid" : report.violations, `${exported.journeys[0]!.events.length} events`)

  // Read the journey back, as Ada (the record is hers).
  const ada = yield* journeys.load(Access.principal("teacher", "t-ada"), "t-ada")
  const cycle = ada.journey.cycles[0]!
  console.log("journey:", cycle.stage, "—", cycle.actionSteps.at(-1)?.actionStep.text)
})

await Effect.runPromise(program.pipe(Effect.provide(services)))
