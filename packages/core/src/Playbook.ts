/**
 * The playbook: the school's shared catalogue of techniques, the reference point for action
 * steps. Schools bring their own; `defaultPlaybook` is a small one written by this project.
 *
 * @since 0.1.0
 */
import { Result, Schema, SchemaIssue } from "effect"
import { InvalidPlaybookCsv, type PlaybookCsvProblem } from "./Errors.js"
import { PlaybookId, TechniqueId } from "./Ids.js"
import * as Csv from "./internal/csv.js"
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

const t = (id: string, title: string, description: string, subSteps: ReadonlyArray<string>, whyItWorks: string): Technique => ({
  id: id as TechniqueId,
  title,
  description,
  subSteps,
  whyItWorks
})

/**
 * The starter playbook written by this project: 51 techniques over seven strands (questioning;
 * behaviour and routines; explanation; modelling; practice; feedback and assessment;
 * relationships and culture). Each technique has 2–5 sub-steps that are themselves granular
 * action steps (`@coaching/granularity` checks every one in its tests) and a one-line reason it
 * helps students learn. Schools replace or extend it (`fromCsv`, or a JSON playbook).
 *
 * @since 0.1.0
 */
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
        ], "Every student has time to think of an answer before anyone is asked."),
        t("cold-call", "Cold call", "Choose who answers rather than taking hands, so every student prepares an answer.", [
          "Say 'Hands down' and ask the question to everyone",
          "Pause for three seconds",
          "Name one student to answer"
        ], "Anyone may be asked, so everyone gets an answer ready."),
        t("follow-up-probe", "Follow-up probe", "After an answer, ask the same student one more 'why' or 'how do you know'.", [
          "Listen to the student's whole answer",
          "Ask the same student 'How do you know?'"
        ], "Saying the reason out loud turns a guess into an explanation the class can check."),
        t("hinge-question", "Hinge question", "At the turning point of a lesson, one multiple-choice question that every student answers at once; the answers decide whether to move on.", [
          "Show one multiple-choice question on the board",
          "Ask every student to hold up fingers for their answer on your signal",
          "Count how many students chose each answer"
        ], "One look at every answer shows who is ready before the next idea builds on this one."),
        t("partner-talk", "Partner talk first", "Before anyone answers aloud, pairs say their answer to each other for a short, timed moment.", [
          "Ask the question to the whole class",
          "Say 'Tell your partner your answer in thirty seconds'",
          "Name one student to share what their partner said"
        ], "Every student says an answer, not only the one who is asked."),
        t("write-before-speaking", "Write before you speak", "Everyone writes an answer in silence before any answer is heard.", [
          "Ask the question to the whole class",
          "Give everyone one minute to write an answer in silence",
          "Name one student to read out what they wrote"
        ], "Writing first makes every student commit to an answer."),
        t("return-to-student", "Come back to the student", "When a student cannot answer, another student answers, then the first student says the answer.", [
          "Ask a second student the same question",
          "Turn back to the first student",
          "Ask the first student to say the answer in their own words"
        ], "The student who was stuck leaves the exchange having said a right answer."),
        t("build-the-answer", "Build on a partial answer", "A partly right answer is kept and improved by the same student, not replaced.", [
          "Repeat the student's answer back to them",
          "Ask them to add one subject word to it",
          "Write the improved answer on the board"
        ], "Students learn what a complete answer sounds like by finishing their own."),
        t("question-ladder", "Question ladder", "Questions on one idea that climb from recall to reasoning.", [
          "Write three questions on one idea, from recall to reasoning, in your plan",
          "Ask the recall question first",
          "Ask the reasoning question last"
        ], "Each answer gives students what they need for the next, harder question.")
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
        ], "Students hear what following the instruction looks like, without a telling-off."),
        t("entry-routine", "Entry routine", "Greet at the door and point to a written first task that students start in silence.", [
          "Stand at the door",
          "Greet each student by name",
          "Point to the written first task on the board"
        ], "Learning starts in the first minute, and every student knows what to do."),
        t("attention-signal", "Attention signal", "One signal, used the same way every time, to bring every student's attention to you.", [
          "Raise your hand and say 'Eyes on me in three, two, one'",
          "Stand still until every student is facing you",
          "Give the next instruction"
        ], "A signal students know saves time and means nobody misses the next instruction."),
        t("stepped-instructions", "Instructions in steps", "Short, numbered, visible instructions that say exactly what to do.", [
          "Say what to do in three short numbered steps",
          "Write the three steps on the board",
          "Ask one student to repeat the first step"
        ], "Students keep working because the steps stay in front of them."),
        t("scan-after-instruction", "Scan after an instruction", "After an instruction, look round the whole room before you do anything else.", [
          "Give the instruction from the front",
          "Look along each row for five seconds",
          "Walk to the desk of a student who has not started"
        ], "Students see that you check, so the instruction is followed by everyone."),
        t("quiet-correction", "Quiet correction", "Correct one student without stopping the lesson for everyone else.", [
          "Walk to the student's desk",
          "Point to the task on their page",
          "Walk away without speaking"
        ], "The student gets back to work and the rest of the class keeps learning."),
        t("timed-transition", "Timed transition", "A change of activity done the same way, against a short count.", [
          "Say which books to get out in one sentence",
          "Count down aloud from ten",
          "Start the next task when you reach zero"
        ], "Quick changes between tasks give students back minutes of learning."),
        t("calm-dismissal", "Calm dismissal", "The lesson ends on time and students leave in order.", [
          "Stop the lesson two minutes before the bell",
          "Ask students to stand behind their chairs in silence",
          "Dismiss one row at a time"
        ], "A calm end means the next lesson, yours or a colleague's, starts calm."),
        t("private-warning", "Private warning", "A consequence given quietly, at the desk, with the reason and what happens next.", [
          "Crouch beside the student's desk",
          "Say the rule and the consequence quietly in one sentence",
          "Move on to the next student"
        ], "The student can put things right without an audience to play to.")
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
        ], "Words and a picture together are easier to hold in mind than words alone."),
        t("check-for-understanding", "Show-me boards", "Ask every student to write an answer on a mini whiteboard and hold it up on a signal.", [
          "Ask one question to the whole class",
          "Say 'Show me' after ten seconds",
          "Read every board before you move on"
        ], "You see every student's answer at once, so you know what to explain again."),
        t("example-before-rule", "Example before the rule", "Students meet a concrete example first, then hear the rule it shows.", [
          "Show one concrete example on the board",
          "Ask a named student what they notice about it",
          "State the rule in one sentence"
        ], "A rule makes sense when students have already seen what it describes."),
        t("short-chunks", "Explain in short chunks", "An explanation cut into short pieces, with a question after each piece.", [
          "Explain one idea for no more than three minutes",
          "Ask one question about that idea",
          "Move on to the next idea"
        ], "Small pieces fit in working memory, and each question shows whether a piece landed."),
        t("key-word", "Teach the key word", "A new subject word is written, said by everyone and used in a sentence.", [
          "Write the new word on the board",
          "Say the word and ask the class to say it back",
          "Give one example sentence that uses the word"
        ], "Students who can say and use a word can read and write with it."),
        t("example-and-non-example", "Example and non-example", "Show a case that fits the idea beside one that looks similar but does not.", [
          "Show one example of the idea",
          "Show one case that looks similar but is not an example",
          "Ask a named student what makes the two different"
        ], "The difference shows students exactly where the edge of the idea is."),
        t("link-to-last-lesson", "Link to last lesson", "Start the new idea from what students learned last time.", [
          "Ask one question about last lesson's idea",
          "Write the answer on the board",
          "Point to that answer as you introduce the new idea"
        ], "New ideas stick when they hang on something students already know.")
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
        ], "Students hear the expert thinking that a finished answer hides."),
        t("model-with-checklist", "Model against a checklist", "Complete an example in front of the class, ticking off what a good answer needs.", [
          "Show a three-point checklist for the task",
          "Complete one example under the visualiser",
          "Tick each checklist point as your example meets it"
        ], "Students see what each point of the checklist looks like in real work."),
        t("faded-example", "Faded examples", "A full worked example, then the same kind of example with the last part left blank.", [
          "Show one fully worked example",
          "Show a second example with the last step left blank",
          "Ask students to write the blank step"
        ], "Students take over a little at a time while the example still holds them up."),
        t("compare-two-answers", "Compare two answers", "Two anonymous answers side by side; the class finds what makes one stronger.", [
          "Show two anonymous answers side by side under the visualiser",
          "Ask a named student which answer gives a reason",
          "Underline the part that makes the difference"
        ], "Comparing makes the feature of a strong answer easy to see."),
        t("write-it-live", "Write it live", "Write the start of an answer in front of the class, saying why you choose each word.", [
          "Write the first sentence of the answer in front of the class",
          "Say why you chose each key word",
          "Ask students to write the second sentence themselves"
        ], "Students see writing being built, not only the finished piece.")
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
        ], "Students try alone only once they have done the steps with support."),
        t("quiz-to-start", "Quiz to start", "A short quiz on earlier lessons as students arrive.", [
          "Put five short questions from earlier lessons on the board",
          "Give students five minutes to answer in silence",
          "Read out the answers for students to mark their own"
        ], "Pulling an answer from memory makes it easier to remember next time."),
        t("mixed-questions", "Mix in older questions", "Questions from earlier topics sit among today's questions.", [
          "Add two questions from an earlier topic to today's task",
          "Put them between today's questions"
        ], "Coming back to a topic after a gap makes it last."),
        t("silent-solo-practice", "Silent solo practice", "A stretch of practice done alone, in silence, against a visible timer.", [
          "Say 'Ten minutes, in silence, on your own'",
          "Start a timer on the board",
          "Walk the room in silence for the first two minutes"
        ], "Working alone shows each student, and you, what they can do without help."),
        t("check-as-you-circulate", "Check as you circulate", "While students practise, check answers in a planned order and note the common error.", [
          "Walk first to the students who struggled last lesson",
          "Tick one answer on each page",
          "Write the most common error on the board"
        ], "You find errors while there is still time in the lesson to fix them."),
        t("first-answer-check", "Check the first answer", "Check every student's first answer before they go on to the rest.", [
          "Set three questions on the same skill",
          "Check the first answer of every student",
          "Show a corrected example to the class before students go on"
        ], "Students do not practise the same mistake ten times."),
        t("explain-your-step", "Explain your step", "A student solves one step aloud and says why they did it.", [
          "Ask a student to solve one step aloud",
          "Ask them 'Why did you do that?'",
          "Ask the class to write that reason in their books"
        ], "Saying why a step works makes the method something students can use again.")
      ]
    },
    {
      area: "feedback",
      title: "Feedback and assessment",
      techniques: [
        t("exit-question", "Exit question", "One question on the lesson's idea, answered on paper before students leave.", [
          "Set one question on today's idea five minutes before the end",
          "Collect every answer as students leave",
          "Sort the answers into right and wrong before the next lesson"
        ], "The next lesson starts from what students actually learned."),
        t("whole-class-feedback", "Whole-class feedback", "Read the books, note the common errors, and fix them with the whole class.", [
          "Read the class's books and note the three most common errors",
          "Show the three errors on one slide at the start of the next lesson",
          "Give students ten minutes to correct their own work"
        ], "One explanation reaches every student who made the same mistake."),
        t("show-success", "Show what success looks like", "Before students write, they see what a good answer must include.", [
          "Write the three things an answer must include on the board",
          "Read one model answer aloud",
          "Point to where the model answer does each of the three"
        ], "Students aim better when they can see the target."),
        t("mark-in-the-lesson", "Mark in the lesson", "Mark a line of work at the desk while students practise.", [
          "Walk to a student's desk during practice",
          "Tick one correct line in their book",
          "Circle one error and say what to fix"
        ], "Feedback given in the moment is used in the moment."),
        t("redraft-time", "Time to redraft", "Lesson time for students to act on the feedback they were given.", [
          "Hand back marked work at the start of the lesson",
          "Give students ten minutes to fix the circled error",
          "Check three books before the next task"
        ], "Feedback only helps when students act on it."),
        t("partner-check", "Partner check", "Partners check each other's work against a short checklist.", [
          "Hand out a three-point checklist",
          "Ask students to swap books with the person beside them",
          "Ask each student to tick each point the other book meets"
        ], "Checking someone else's work against the points makes students notice them in their own."),
        t("self-mark", "Mark your own", "Students mark their own answers against the answers on the board.", [
          "Show the answers on the board",
          "Ask students to mark their own work in green pen",
          "Ask students with fewer than three right to raise a hand"
        ], "Students see at once which answers they need to look at again.")
      ]
    },
    {
      area: "relationships",
      title: "Relationships and culture",
      techniques: [
        t("name-the-action", "Name the action", "Praise that names the student, what they did and how it helped their work.", [
          "Say the student's name",
          "Say exactly what they did",
          "Say how it helped their work"
        ], "Students learn which actions to repeat, and praise keeps its value."),
        t("full-sentence-answers", "Full-sentence answers", "A short answer is asked for again as a full sentence, kindly and every time.", [
          "Ask the student to say their answer again as a full sentence",
          "Say 'Start with the words of the question'",
          "Thank the student once they say the full sentence"
        ], "Expecting more from every answer tells students you believe they can give it."),
        t("welcome-wrong-answers", "Welcome wrong answers", "A wrong answer is thanked and used to find where the thinking went wrong.", [
          "Thank the student for the answer",
          "Write the wrong answer on the board",
          "Ask the class to find the step where it goes wrong"
        ], "Students who are not afraid to be wrong say what they really think."),
        t("door-check-in", "Check in at the door", "A short personal word with one student before the lesson starts.", [
          "Choose one student to speak to before the lesson",
          "Ask them one question about something they care about",
          "Note their answer in your planner"
        ], "Students work harder for a teacher who knows them."),
        t("positive-call-home", "Positive call home", "A phone call to a family to say what their child did well this week.", [
          "Write down one thing a student did well this week",
          "Phone their home to read it out",
          "Tell the student you called"
        ], "Families and students hear that effort is noticed, which builds trust for harder calls."),
        t("steady-voice", "Steady voice", "When the room is loud, speak lower and stand still rather than louder.", [
          "Stand still at the front",
          "Lower your voice for the next sentence",
          "Pause until the room is silent before you go on"
        ], "A calm adult sets the tone of the room, and students lower their own voices."),
        t("use-names", "Use students' names", "Say a student's name, warmly, whenever you speak to them.", [
          "Say the student's name before each question you ask them",
          "Say the student's name when you thank them"
        ], "Hearing their name tells each student they are seen.")
      ]
    }
  ]
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/**
 * The columns of a playbook CSV, one technique a row (header names are matched ignoring case,
 * spaces and hyphens: "Why it works" is `why_it_works`). `area`, `id`, `title` and `description`
 * are required; `strand` (the strand's title, from its first row), `why_it_works`, `looks_like`
 * and `sub_step_1`, `sub_step_2`, … are optional. Rows of one area form one strand, in the order
 * the areas first appear.
 *
 * @since 0.2.0
 */
export const csvColumns = ["area", "strand", "id", "title", "description", "why_it_works", "looks_like", "sub_step_1", "sub_step_2", "sub_step_3", "sub_step_4", "sub_step_5"] as const

/** The columns a playbook CSV must have. @since 0.2.0 */
export const requiredCsvColumns = ["area", "id", "title", "description"] as const

const subStepColumn = /^sub_step_([1-9][0-9]?)$/
const knownColumns: ReadonlySet<string> = new Set(["area", "strand", "id", "title", "description", "why_it_works", "looks_like"])
const normalise = (header: string): string => header.trim().toLowerCase().replace(/[\s-]+/g, "_")

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** Why a cell does not decode with its schema, as a sentence part ("" when it does). */
const cellProblem = (schema: Schema.Decoder<unknown>, value: string): string | undefined => {
  const decoded = Schema.decodeUnknownResult(schema)(value)
  return Result.isSuccess(decoded) ? undefined : formatter(decoded.failure.issue).issues[0]?.message ?? "is not valid"
}

/** A strand's title when the CSV gives none: the starter playbook's for that area, else the area in words. */
const defaultStrandTitle = (area: string): string =>
  defaultPlaybook.strands.find((s) => s.area === area)?.title ?? `${area.charAt(0).toUpperCase()}${area.slice(1).replace(/-/g, " ")}`

/**
 * Reads a playbook from CSV text (see `csvColumns`), with the playbook's `id` and `name`. Never
 * throws: a file that cannot be read as a playbook is an `InvalidPlaybookCsv` listing every
 * problem with its code, row (1 = the header row) and column.
 *
 * @since 0.2.0
 */
export const fromCsv = (text: string, options: { readonly id: string; readonly name: string }): Result.Result<Playbook, InvalidPlaybookCsv> => {
  const problems: Array<PlaybookCsvProblem> = []
  const fail = () =>
    Result.fail(
      new InvalidPlaybookCsv({
        code: "PLAYBOOK_CSV_INVALID",
        problems,
        message: `The playbook CSV has ${problems.length} problem${problems.length === 1 ? "" : "s"}; the first: ${problems[0]!.message}`
      })
    )
  if (typeof text !== "string") {
    problems.push({ code: "CSV_SYNTAX", message: "The playbook CSV must be text." })
    return fail()
  }
  const idProblem = cellProblem(PlaybookId, options?.id as string)
  if (idProblem !== undefined) problems.push({ code: "CSV_INVALID_OPTION", column: "id", message: `The playbook id ${JSON.stringify(options?.id)} is not valid: ${idProblem}.` })
  const nameProblem = cellProblem(Line, options?.name as string)
  if (nameProblem !== undefined) problems.push({ code: "CSV_INVALID_OPTION", column: "name", message: `The playbook name is not valid: ${nameProblem}.` })

  const { problems: syntax, records } = Csv.parse(text)
  for (const p of syntax) problems.push({ code: "CSV_SYNTAX", row: p.row, message: `Row ${p.row}: ${p.message}` })
  const header = records[0]
  if (header === undefined) {
    if (syntax.length === 0) problems.push({ code: "CSV_NO_HEADER", message: `The file is empty: the first row names the columns (${requiredCsvColumns.join(", ")}, …).` })
    return fail()
  }
  // the header: each known column once, the required ones present
  const columns = header.cells.map(normalise)
  const seen = new Map<string, number>()
  columns.forEach((name, i) => {
    const shown = header.cells[i]!.trim()
    if (!knownColumns.has(name) && !subStepColumn.test(name)) {
      problems.push({ code: "CSV_UNKNOWN_COLUMN", row: header.row, column: shown, message: `Row ${header.row}, column ${i + 1}: unknown column ${JSON.stringify(shown)}; the columns are ${csvColumns.join(", ")} (sub_step_6 and on are allowed too).` })
    } else if (seen.has(name)) {
      problems.push({ code: "CSV_DUPLICATE_COLUMN", row: header.row, column: shown, message: `Row ${header.row}, column ${i + 1}: column ${JSON.stringify(shown)} appears twice (first as column ${seen.get(name)! + 1}).` })
    } else {
      seen.set(name, i)
    }
  })
  for (const required of requiredCsvColumns) {
    if (!seen.has(required)) problems.push({ code: "CSV_MISSING_COLUMN", row: header.row, column: required, message: `Row ${header.row}: the required column ${JSON.stringify(required)} is missing.` })
  }
  if (problems.some((p) => p.code === "CSV_MISSING_COLUMN" || p.code === "CSV_DUPLICATE_COLUMN")) return fail()
  const subSteps = [...seen.entries()]
    .flatMap(([name, i]) => {
      const m = subStepColumn.exec(name)
      return m === null ? [] : [{ n: Number(m[1]), i }]
    })
    .sort((a, b) => a.n - b.n)

  const strands = new Map<string, { title: string | undefined; techniques: Array<Technique> }>()
  const firstRow = new Map<string, number>()
  const rows = records.slice(1)
  if (rows.length === 0 && !syntax.some((p) => p.row > header.row)) problems.push({ code: "CSV_NO_TECHNIQUES", row: header.row, message: "The file has a header row but no techniques: add one technique a row." })
  for (const record of rows) {
    const { cells, row } = record
    if (cells.length > columns.length) {
      problems.push({ code: "CSV_TOO_MANY_CELLS", row, message: `Row ${row} has ${cells.length} cells, more than the ${columns.length} columns of the header row (a comma inside a cell needs the cell in double quotes).` })
      continue
    }
    const cell = (name: string): string => {
      const i = seen.get(name)
      return i === undefined ? "" : (cells[i] ?? "").trim()
    }
    const shownName = (name: string) => header.cells[seen.get(name)!]!.trim()
    let ok = true
    const checked = (name: string, schema: Schema.Decoder<unknown>, required: boolean): string | undefined => {
      const value = cell(name)
      if (value === "") {
        if (required) {
          problems.push({ code: "CSV_INVALID_CELL", row, column: shownName(name), message: `Row ${row}, column ${JSON.stringify(shownName(name))}: this cell is required and is empty.` })
          ok = false
        }
        return undefined
      }
      const problem = cellProblem(schema, value)
      if (problem !== undefined) {
        problems.push({ code: "CSV_INVALID_CELL", row, column: shownName(name), message: `Row ${row}, column ${JSON.stringify(shownName(name))}: ${problem}.` })
        ok = false
        return undefined
      }
      return value
    }
    const area = checked("area", Area, true)
    const strandTitle = seen.has("strand") ? checked("strand", Line, false) : undefined
    const id = checked("id", TechniqueId, true)
    const title = checked("title", Line, true)
    const description = checked("description", Note, true)
    const whyItWorks = seen.has("why_it_works") ? checked("why_it_works", Line, false) : undefined
    const looksLike = seen.has("looks_like") ? checked("looks_like", Note, false) : undefined
    const steps: Array<string> = []
    for (const { n } of subSteps) {
      const step = checked(`sub_step_${n}`, Line, false)
      if (step !== undefined) steps.push(step)
    }
    if (id !== undefined) {
      const first = firstRow.get(id)
      if (first !== undefined) {
        problems.push({ code: "CSV_DUPLICATE_TECHNIQUE", row, column: shownName("id"), message: `Row ${row}, column ${JSON.stringify(shownName("id"))}: technique ${id} appears twice (first on row ${first}); each technique id once in a playbook.` })
        ok = false
      } else {
        firstRow.set(id, row)
      }
    }
    if (!ok || area === undefined || id === undefined || title === undefined || description === undefined) continue
    const strand = strands.get(area) ?? { title: undefined, techniques: [] }
    strands.set(area, strand)
    strand.title ??= strandTitle
    strand.techniques.push({
      id: id as TechniqueId,
      title,
      description,
      ...(steps.length > 0 ? { subSteps: steps } : {}),
      ...(looksLike !== undefined ? { looksLike } : {}),
      ...(whyItWorks !== undefined ? { whyItWorks } : {})
    })
  }
  if (problems.length > 0) return fail()
  return Result.succeed({
    id: options.id as PlaybookId,
    name: options.name,
    strands: [...strands.entries()].map(([area, s]) => ({ area, title: s.title ?? defaultStrandTitle(area), techniques: s.techniques }))
  })
}

/**
 * Writes a playbook as CSV in the columns `fromCsv` reads (with as many `sub_step_N` columns as
 * its longest technique needs, at least five): a school's starting point for its own playbook.
 * `fromCsv(toCsv(p), { id: p.id, name: p.name })` gives `p` back.
 *
 * @since 0.2.0
 */
export const toCsv = (playbook: Playbook): string => {
  const most = Math.max(5, ...playbook.strands.flatMap((s) => s.techniques.map((t) => t.subSteps?.length ?? 0)))
  const stepColumns = Array.from({ length: most }, (_, i) => `sub_step_${i + 1}`)
  const header = ["area", "strand", "id", "title", "description", "why_it_works", "looks_like", ...stepColumns]
  const rows = playbook.strands.flatMap((strand) =>
    strand.techniques.map((t) => [
      strand.area,
      strand.title,
      t.id,
      t.title,
      t.description,
      t.whyItWorks ?? "",
      t.looksLike ?? "",
      ...stepColumns.map((_, i) => t.subSteps?.[i] ?? "")
    ])
  )
  return Csv.write([header, ...rows])
}
