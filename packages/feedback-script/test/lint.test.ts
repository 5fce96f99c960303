import { describe, expect, it } from "vitest"
import { type LintCode, lintFeedback, renderScript } from "../src/index.js"
import { demoCycle, MEETING, scriptOf } from "./support.js"

const codes = (text: string): ReadonlyArray<LintCode> => lintFeedback(text).map((f) => f.code)
const spanned = (text: string) => lintFeedback(text).map((f) => [f.code, text.slice(f.span[0], f.span[1])])

describe("lintFeedback", () => {
  it("accepts feedback that follows the habits", () => {
    const text = [
      "When you named the three students who had started, the rest of the room began within seconds.",
      "What did the students at the back do after your second question?",
      "I notice that answers came from the same two volunteers. Your leverage point, therefore, is: thinking time after a question.",
      "Your action step is to pose the question, pause for five seconds, then name a student.",
      "I will come back on Monday 7 December, period 2, to see it."
    ].join(" ")
    expect(lintFeedback(text)).toEqual([])
  })

  it.each([
    ["That was an outstanding lesson.", "outstanding"],
    ["Overall a good lesson with some nice moments.", "good lesson"],
    ["This requires improvement before the review.", "requires improvement"],
    ["The questioning was inadequate.", "inadequate"],
    ["I'd call it satisfactory.", "satisfactory"],
    ["Your practice meets expectations.", "meets expectations"],
    ["Graded as 2 on the form.", "Graded as 2"],
    ["Grade 3 for behaviour.", "Grade 3"],
    ["A weak lesson.", "weak lesson"]
  ])("judgement language: %s", (text, word) => {
    expect(spanned(text)).toContainEqual(["JUDGEMENT_LANGUAGE", word])
  })

  it("does not mistake ordinary words for judgement", () => {
    expect(codes("A good moment: the students answered in full sentences after you modelled one.")).toEqual([])
    expect(codes("Standing at the door, you greeted each student by name.")).toEqual([])
  })

  it.each([
    "Great lesson!",
    "Well done, really good.",
    "Lovely. Keep it up.",
    "Even better if you had more time.",
    "WWW: a calm room. EBI: more stretch."
  ])("generic praise: %s", (text) => {
    expect(codes(text)).toContain("GENERIC_PRAISE")
  })

  it("praise with a concrete reference is precise, not generic", () => {
    expect(codes("Great moment when you waited five seconds and Sam answered in full.")).toEqual([])
    expect(codes("Well done on the entry routine: the class started the task in under a minute.")).toEqual([])
    expect(codes("Brilliant: “Who can improve Jo's answer?” got three hands.")).toEqual([])
  })

  it.each([
    ["How do you think it went?", "How do you think it went"],
    ["So, how did the lesson go?", "how did the lesson go"],
    ["How do you feel the lesson went?", "How do you feel the lesson went"],
    ["What went well?", "What went well"],
    ["Any thoughts?", "Any thoughts"]
  ])("open probe: %s", (text, span) => {
    expect(spanned(text)).toContainEqual(["OPEN_PROBE", span])
  })

  it("a focused probe is not an open probe", () => {
    expect(codes("How did the students at the back respond to your first question?")).toEqual([])
    expect(codes("How long did everyone else have to think before the first answer?")).toEqual([])
  })

  it("more than one action step: two statements, a list, or a step that bundles another", () => {
    expect(spanned("Your action step is to pause. Your next step is to cold call.")).toEqual([["MULTIPLE_ACTION_STEPS", "Your next step is"]])
    expect(codes("Your action steps are: wait time, cold call and scaffolding.")).toContain("MULTIPLE_ACTION_STEPS")
    expect(codes("Two targets for next week: wait time and praise.")).toContain("MULTIPLE_ACTION_STEPS")
    expect(spanned("Your action step is to pause for five seconds and also use elaborative questions.")).toEqual([
      ["MULTIPLE_ACTION_STEPS", "and also"]
    ])
    expect(spanned("Your action step is to pause; also cold call.")).toEqual([["MULTIPLE_ACTION_STEPS", "also"]])
    expect(codes("Action step: narrate the first three students as well as praise effort.")).toEqual(["MULTIPLE_ACTION_STEPS"])
  })

  it("one routine of micro-steps is one action step", () => {
    expect(codes("Your action step is to pose the question, pause for five seconds, then name a student.")).toEqual([])
    expect(codes("The students did the starter as well as the plenary.")).toEqual([])
  })

  it.each([
    ["I'll pop in soon to see how it's going.", "soon"],
    ["We can review it at some point.", "at some point"],
    ["I'll come back in a few weeks.", "in a few weeks"],
    ["Let's check in later.", "later"],
    ["I'll visit next term.", "next term"]
  ])("vague timeline: %s", (text, vague) => {
    expect(spanned(text)).toEqual([["VAGUE_TIMELINE", vague]])
  })

  it("a follow-up with a day or date is not vague; vague words away from a follow-up are not flagged", () => {
    expect(codes("I'll come back on Tuesday, period 3, to see it.")).toEqual([])
    expect(codes("I'll pop in on 14/12 to see it.")).toEqual([])
    expect(codes("I'll come back next week, soon after the mock exams, on Thursday.")).toEqual([])
    expect(codes("Ask the question and, as soon as you have asked, count five seconds in your head.")).toEqual([])
    expect(codes("Later in the lesson, the students wrote a paragraph.")).toEqual([])
  })

  it("finds every problem, ordered by position, with spans inside the text", () => {
    const text = "Great lesson! How do you think it went? It was outstanding. Your targets are: wait time and praise. I'll pop in soon."
    const findings = lintFeedback(text)
    expect(findings.map((f) => f.code)).toEqual(["GENERIC_PRAISE", "OPEN_PROBE", "JUDGEMENT_LANGUAGE", "MULTIPLE_ACTION_STEPS", "VAGUE_TIMELINE"])
    for (const f of findings) {
      expect(f.span[0]).toBeGreaterThanOrEqual(0)
      expect(f.span[1]).toBeGreaterThan(f.span[0])
      expect(f.span[1]).toBeLessThanOrEqual(text.length)
      expect(f.message.length).toBeGreaterThan(20)
    }
    expect(findings.map((f) => text.slice(f.span[0], f.span[1]))).toEqual(["Great lesson", "How do you think it went", "outstanding", "Your targets", "soon"])
  })

  it("is case-insensitive and matches across line breaks", () => {
    expect(codes("REQUIRES\nIMPROVEMENT")).toEqual(["JUDGEMENT_LANGUAGE"])
    expect(codes("how DO you think it went")).toEqual(["OPEN_PROBE"])
  })

  it("a non-string from a JavaScript caller is one NOT_TEXT finding, not a throw", () => {
    for (const value of [undefined, null, 42, { text: "hi" }]) {
      expect(lintFeedback(value as unknown as string)).toEqual([{ code: "NOT_TEXT", message: expect.stringContaining("Expected the feedback as a string"), span: [0, 0] }])
    }
    expect(lintFeedback("")).toEqual([])
  })

  it("lints long text in linear time (no pathological backtracking)", () => {
    const text = "Your action step is to pause. ".repeat(20_000) + "a ".repeat(50_000)
    const findings = lintFeedback(text)
    expect(findings.filter((f) => f.code === "MULTIPLE_ACTION_STEPS")).toHaveLength(19_999)
  })

  it("reads what the coach wrote, not what someone said: quoted speech is never judged", () => {
    expect(codes("You said 'Good, now tell me why' after Sam's answer.")).toEqual([])
    expect(codes("She wrote “a weak acid” on the board.")).toEqual([])
    expect(codes("She called it a weak lesson.")).toEqual(["JUDGEMENT_LANGUAGE"])
  })

  it("finds the families issue 15 names: grades, warm but empty praise, casual open probes, steps across sentences, lists", () => {
    expect(spanned("I'd rate the lesson 7 out of 10.")).toEqual([["JUDGEMENT_LANGUAGE", "rate the lesson 7"]])
    expect(spanned("Your questioning was terrible today.")).toEqual([["JUDGEMENT_LANGUAGE", "questioning was terrible"]])
    expect(codes("Three students scored 10 out of 10 on the quiz.")).toEqual([])
    expect(spanned("The kids clearly love being in your room.")).toEqual([["GENERIC_PRAISE", "clearly love being"]])
    expect(codes("The class loved the experiment, and every group recorded three readings.")).toEqual([])
    expect(spanned("So, how'd that go for you?")).toEqual([["OPEN_PROBE", "how'd that go"]])
    expect(codes("How did it feel to hold the silence for five full seconds?")).toEqual([])
    expect(spanned("Focus on the pause this week. Also, get the do now on the board before they arrive.")).toEqual([["MULTIPLE_ACTION_STEPS", "Also"]])
    expect(spanned("Next steps:\n1. Wait time\n2. Cold call\n3. Exit tickets")).toEqual([
      ["MULTIPLE_ACTION_STEPS", "Next steps:"],
      ["MULTIPLE_ACTION_STEPS", "2. Cold call"]
    ])
    expect(codes("Your action step: 1. pose the question 2. pause for five seconds 3. name a student.")).toEqual([])
    expect(spanned("I'll swing by at some point to see how it's going.")).toEqual([["VAGUE_TIMELINE", "at some point"]])
    expect(codes("At some point in the starter, three students stopped writing.")).toEqual([])
  })

  it("suggests a rewrite where one exists; applying it removes the finding", () => {
    const cases: ReadonlyArray<readonly [string, LintCode, string]> = [
      ["I'd like you to pause after each question, and also start using cold call.", "MULTIPLE_ACTION_STEPS", "I'd like you to pause after each question."],
      ["Focus on the pause. On top of that, narrate who is ready.", "MULTIPLE_ACTION_STEPS", "Focus on the pause."],
      ["I'll pop in sometime soon to see it.", "VAGUE_TIMELINE", "I'll pop in on [day], period [n] to see it."],
      ["How did it go?", "OPEN_PROBE", "What did the students do when [the moment]?"],
      ["The students were buzzing today.", "GENERIC_PRAISE", "When you [did …] in [the moment], the students [did …]."],
      ["That was a weak lesson.", "JUDGEMENT_LANGUAGE", "When you [did …] in [the moment], the students [did …]."]
    ]
    for (const [text, code, rewritten] of cases) {
      const finding = lintFeedback(text).find((f) => f.code === code)!
      expect(finding.rewrite, text).toBeDefined()
      const { span, text: replacement } = finding.rewrite!
      const applied = text.slice(0, span[0]) + replacement + text.slice(span[1])
      expect(applied).toBe(rewritten)
      expect(codes(applied)).not.toContain(code)
    }
    // a list of steps keeps its first item; a plural announcement has no rewrite to offer
    const list = lintFeedback("* Cold call\n* Mini whiteboards\n* Praise effort")[0]!
    expect(list.rewrite).toEqual({ span: [11, 46], text: "" })
    expect(lintFeedback("Two targets for next week: wait time and praise.")[0]!.rewrite).toBeUndefined()
  })

  it("finds nothing in the generated scripts of every style and locale", () => {
    for (const style of ["directive", "balanced", "facilitative"] as const) {
      for (const locale of ["en-GB", "en-US"] as const) {
        const script = scriptOf({ cycle: demoCycle(), style, teacherName: "Ada" }, { meetingDate: MEETING, locale })
        for (const format of ["text", "markdown"] as const) expect(lintFeedback(renderScript(script, format))).toEqual([])
      }
    }
  })
})
