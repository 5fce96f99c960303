/**
 * A demo cycle, written by this project: the commands that walk one teacher from the first
 * lesson visit to a secured action step. Used by the README, the quickstart and tests; handy
 * for trying an adapter or a UI.
 *
 * @since 0.1.0
 */
import type { Command } from "./Commands.js"
import type { CycleId, PersonId, RelationshipId } from "./Ids.js"
import { type Directory, directory as directoryOf, type Person, type Relationship } from "./People.js"
import type { CalendarDate } from "./Time.js"

/** Who the demo is about. @since 0.1.0 */
export interface DemoPeople {
  readonly teacherId: PersonId
  readonly coachId: PersonId
  readonly cycleId: CycleId
}

/** The default demo people. @since 0.1.0 */
export const people: DemoPeople = {
  teacherId: "t-ada" as PersonId,
  coachId: "c-grace" as PersonId,
  cycleId: "cycle-1" as CycleId
}

/**
 * The commands of one full cycle, in order: start, two visits, leverage point, action step,
 * feedback meeting with 8 reps, follow-up secured. `dueDate` is the follow-up due date
 * (`YYYY-MM-DD`), which must be within policy of the day the meeting is recorded.
 *
 * @since 0.1.0
 */
export const cycleCommands = (dueDate: string, who: DemoPeople = people): ReadonlyArray<Command> => {
  const { coachId, cycleId, teacherId } = who
  const v = (n: number) => `${cycleId}-visit-${n}`
  const asCommand = (c: unknown) => c as Command
  return [
    { _tag: "StartCycle", cycleId, by: coachId, teacherId, coachId },
    {
      _tag: "RecordVisit",
      cycleId,
      by: coachId,
      visit: {
        id: v(1),
        minutes: 12,
        context: "Year 8 science, period 2",
        timetableSlot: "Tuesday P2",
        evidence: ["Asked 'What is a cell wall for?' and took the first hand up after about one second."],
        strengths: ["Settled the class in under a minute with a written first task on the board."],
        candidates: ["Thinking time after questions"]
      }
    },
    {
      _tag: "RecordVisit",
      cycleId,
      by: coachId,
      visit: {
        id: v(2),
        minutes: 20,
        context: "Year 8 science, period 5",
        timetableSlot: "Thursday P5",
        evidence: ["Four questions in ten minutes; each answered by a volunteer within two seconds."],
        strengths: ["Named three students who had started the task, and the rest followed."],
        candidates: ["Thinking time after questions", "Cold call"]
      }
    },
    {
      _tag: "IdentifyLeveragePoint",
      cycleId,
      by: coachId,
      leveragePoint: {
        text: "Students get no thinking time between a question and the first answer.",
        evidence: [v(1), v(2)],
        area: "questioning",
        techniqueId: "wait-time"
      }
    },
    {
      _tag: "AgreeActionStep",
      cycleId,
      by: coachId,
      actionStep: {
        id: `${cycleId}-step-1`,
        text: "Pose the question, pause for five seconds, then name a student to answer.",
        whyItWorks: "Every student has time to retrieve an answer before anyone is asked.",
        techniqueId: "wait-time"
      }
    },
    {
      _tag: "HoldFeedbackMeeting",
      cycleId,
      by: coachId,
      meeting: {
        minutes: 20,
        style: "directive",
        parts: {
          praise: "When you named the three students who had started, the rest of the room began within seconds.",
          probe: "What did you notice about who answered your questions on Thursday?",
          problemAndStep: "Answers come from the same quick volunteers; pose, pause five seconds, then name a student.",
          practise: "Coach modelled once; the teacher rehearsed eight times with a question from Monday's plan.",
          planAhead: "Use it for the three hinge questions in Monday's lesson on cells.",
          timeline: "Coach visits period 2 next week."
        },
        reps: Array.from({ length: 8 }, (_, i) => ({ feedback: i < 7 ? `Rep ${i + 1}: count the pause on your fingers, not aloud.` : "Rep 8: secure — calm five-second pause." })),
        whereUsed: "Year 8 science, hinge questions",
        followUpDue: dueDate
      }
    },
    {
      _tag: "RecordFollowUp",
      cycleId,
      by: coachId,
      followUp: {
        minutes: 15,
        evidence: "Three questions posed to the room, five-second pauses, then a named student each time.",
        outcome: "secured"
      }
    }
  ].map(asCommand)
}

/**
 * The demo's people and their coaching relationship (directive, active since 1 September 2025),
 * which the rules need before the demo cycle can be recorded: register them in a store
 * (`store.records("person").put(...)`) or pass `directory()` to `Cycle.decide`.
 *
 * @since 0.2.0
 */
export const records = (who: DemoPeople = people): { readonly people: ReadonlyArray<Person>; readonly relationships: ReadonlyArray<Relationship> } => ({
  people: [
    { id: who.teacherId, name: who.teacherId === people.teacherId ? "Ada" : `Teacher ${who.teacherId}`, roles: ["teacher"] },
    { id: who.coachId, name: who.coachId === people.coachId ? "Grace" : `Coach ${who.coachId}`, roles: ["coach"], areas: ["questioning"] }
  ],
  relationships: [
    {
      id: `rel-${who.coachId}-${who.teacherId}` as RelationshipId,
      coachId: who.coachId,
      teacherId: who.teacherId,
      style: "directive",
      status: "active",
      since: "2025-09-01" as CalendarDate
    }
  ]
})

/** The demo's people and relationship as a `People.Directory` for `Cycle.decide`. @since 0.2.0 */
export const directory = (who: DemoPeople = people): Directory => directoryOf(records(who))
