/**
 * The playbook: the school's shared catalogue of techniques, the reference point for action
 * steps. Schools bring their own; `defaultPlaybook` is a small one written by this project.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PlaybookId, TechniqueId } from "./Ids.js"
import { Area, Line, Note } from "./Text.js"

/** One technique: what the teacher does, optionally split into sub-steps. @since 0.1.0 */
export const Technique = Schema.Struct({
  id: TechniqueId,
  title: Line,
  description: Note,
  subSteps: Schema.optionalKey(Schema.Array(Line)),
  looksLike: Schema.optionalKey(Note),
  /** One line: how it helps students learn (the teacher's mental model of the technique). */
  whyItWorks: Schema.optionalKey(Line)
})
/** @since 0.1.0 */
export type Technique = typeof Technique.Type

/** A strand: the techniques of one area (questioning, behaviour, …). @since 0.1.0 */
export const Strand = Schema.Struct({
  area: Area,
  title: Line,
  techniques: Schema.Array(Technique)
})
/** @since 0.1.0 */
export type Strand = typeof Strand.Type

/** Each technique id once in a playbook: a duplicate, at its path, names where the first one is. */
const uniqueTechniques = (playbook: { readonly strands: ReadonlyArray<{ readonly techniques: ReadonlyArray<{ readonly id: string }> }> }) => {
  const first = new Map<string, string>()
  const duplicates: Array<{ readonly path: ReadonlyArray<PropertyKey>; readonly issue: string }> = []
  playbook.strands.forEach((strand, s) =>
    strand.techniques.forEach((technique, t) => {
      const seen = first.get(technique.id)
      if (seen === undefined) first.set(technique.id, `strands[${s}].techniques[${t}]`)
      else duplicates.push({ path: ["strands", s, "techniques", t, "id"], issue: `Technique ${technique.id} appears twice in this playbook (first at ${seen})` })
    })
  )
  return duplicates
}

/** A playbook: strands of techniques, each technique id once. @since 0.1.0 */
export const Playbook = Schema.Struct({
  id: PlaybookId,
  name: Line,
  strands: Schema.Array(Strand)
}).pipe(Schema.check(Schema.makeFilter(uniqueTechniques, { expected: "technique ids that are unique in the playbook" })))
/** @since 0.1.0 */
export type Playbook = typeof Playbook.Type

/** Finds a technique by id, with the area of its strand. @since 0.1.0 */
export const findTechnique = (
  playbook: Playbook,
  id: TechniqueId
): { readonly technique: Technique; readonly area: Area } | undefined => {
  for (const strand of playbook.strands) {
    const technique = strand.techniques.find((t) => t.id === id)
    if (technique) return { technique, area: strand.area }
  }
  return undefined
}

const t = (id: string, title: string, description: string, subSteps?: ReadonlyArray<string>): Technique => ({
  id: id as TechniqueId,
  title,
  description,
  ...(subSteps ? { subSteps } : {})
})

/** A small starter playbook written by this project (schools are expected to bring their own). @since 0.1.0 */
export const defaultPlaybook: Playbook = {
  id: "default" as PlaybookId,
  name: "Starter playbook",
  strands: [
    {
      area: "questioning",
      title: "Questioning",
      techniques: [
        t("wait-time", "Wait time", "Ask the question to everyone, hold a silent pause, then choose who answers.", [
          "Ask the question to the whole class",
          "Count five seconds in silence",
          "Name one student to answer"
        ]),
        t("cold-call", "Cold call", "Choose who answers rather than taking hands, so every student prepares an answer.", [
          "Say 'Hands down' and ask the question to everyone",
          "Pause for three seconds",
          "Name one student to answer"
        ]),
        t("follow-up-probe", "Follow-up probe", "After an answer, ask the same student one more 'why' or 'how do you know'.", [
          "Listen to the student's whole answer",
          "Ask the same student 'How do you know?'"
        ])
      ]
    },
    {
      area: "behaviour",
      title: "Behaviour and routines",
      techniques: [
        t("positive-narration", "Positive narration", "Describe aloud, by name, the students who are already following the instruction.", [
          "Give the instruction once",
          "Name two students who are already following it",
          "Say what each of them is doing"
        ]),
        t("entry-routine", "Entry routine", "Greet at the door and point to a written first task that students start in silence.", [
          "Stand at the door",
          "Greet each student by name",
          "Point to the written first task on the board"
        ])
      ]
    },
    {
      area: "explanation",
      title: "Explanation",
      techniques: [
        t("dual-coding", "Diagram while you explain", "Draw the diagram on the board step by step as you say each part.", [
          "Draw the first part of the diagram on the board",
          "Name that part aloud as you draw it",
          "Add the next part"
        ]),
        t("check-for-understanding", "Show-me boards", "Ask every student to write an answer on a mini whiteboard and hold it up on a signal.", [
          "Ask one question to the whole class",
          "Say 'Show me' after ten seconds",
          "Read every board before you move on"
        ])
      ]
    },
    {
      area: "modelling",
      title: "Modelling",
      techniques: [
        t("think-aloud", "Think aloud", "Solve one example under the visualiser while saying each decision aloud.", [
          "Put one example under the visualiser",
          "Solve it one line at a time",
          "Say each decision aloud as you make it"
        ])
      ]
    },
    {
      area: "practice",
      title: "Practice",
      techniques: [
        t("we-do", "We do, you do", "Complete one example together before students try the next one alone.", [
          "Complete the first example with the class",
          "Ask a named student for each step",
          "Set the next example for students to try alone"
        ])
      ]
    }
  ]
}
