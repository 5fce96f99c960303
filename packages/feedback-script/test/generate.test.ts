import { type Cycle, Granularity, Policy, Time } from "@coaching/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  CycleNotReady,
  FollowUpOutOfPolicy,
  generateFeedbackScript,
  InvalidScriptInput,
  lintFeedback,
  partOrder,
  parts,
  practiceSessionPartOrder,
  renderScript,
  type ScriptLine
} from "../src/index.js"
import { agreeStep, demoCommands, demoCycle, MEETING, meetingOf, practiceOf, refusalOf, runCommands, scriptOf, wordCount } from "./support.js"

const texts = (lines: ReadonlyArray<ScriptLine>) => lines.map((l) => l.text)

describe("generateFeedbackScript: structure", () => {
  const script = meetingOf({ cycle: demoCycle(), style: "directive", teacherName: "Ada" }, { meetingDate: MEETING })

  it("has the six parts in meeting order", () => {
    expect(parts(script).map((p) => p.part)).toEqual(partOrder)
    expect(partOrder).toEqual(["praise", "probe", "actionStep", "practise", "planAhead", "timeline"])
    expect(Object.keys(script).filter((k) => (partOrder as ReadonlyArray<string>).includes(k))).toEqual(partOrder)
  })

  it("defaults: en-GB, one-week follow-up, the policy's target minimum of reps", () => {
    expect(script.locale).toBe("en-GB")
    expect(script.timeline.followUpDue).toBe("2026-12-07")
    expect(script.timeline.days).toBe(7)
    expect(script.timeline.advice).toBe("ok")
    expect(script.practise.reps).toHaveLength(Policy.defaultPolicy.rehearsal.targetMin)
    expect(script.practise.maxReps).toBe(Policy.defaultPolicy.rehearsal.targetMax)
    expect(script.occasion).toBe("feedback-meeting")
    expect(script.warnings).toEqual([])
  })

  it("uses the cycle's one current action step and its leverage point", () => {
    expect(script.actionStep.actionStep).toEqual({
      id: "cycle-1-step-1",
      text: "Pose the question, pause for five seconds, then name a student to answer.",
      whyItWorks: "Every student has time to retrieve an answer before anyone is asked."
    })
    expect(script.actionStep.leveragePoint).toBe("Students get no thinking time between a question and the first answer.")
  })

  it("uses the latest revision when the step was revised before the meeting", () => {
    const revise = agreeStep("cycle-1-step-2", "Say 'Show me' and wait until every whiteboard is up.", "You see every answer at once.")
    const cycle = runCommands([...demoCommands.slice(0, 5), revise]).cycles[0]!
    const revised = meetingOf({ cycle, style: "directive" }, { meetingDate: MEETING })
    expect(revised.actionStep.actionStep!.id).toBe("cycle-1-step-2")
    expect(revised.actionStep.step.text).toBe("Your action step is to say 'Show me' and wait until every whiteboard is up.")
    expect(renderScript(revised)).not.toContain("pause for five seconds")
  })
})

describe("generateFeedbackScript: style changes the script", () => {
  const of = (style: "directive" | "balanced" | "facilitative") => meetingOf({ cycle: demoCycle(), style, teacherName: "Ada" }, { meetingDate: MEETING })

  it("directive: the coach says the three lines", () => {
    const { actionStep } = of("directive")
    expect(actionStep.notice).toEqual({ kind: "say", text: expect.stringMatching(/^I notice that /) })
    expect(actionStep.leverage).toEqual({ kind: "say", text: "Your leverage point, therefore, is: students get no thinking time between a question and the first answer." })
    expect(actionStep.step).toEqual({ kind: "say", text: "Your action step is to pose the question, pause for five seconds, then name a student to answer." })
    expect(texts(actionStep.lines).slice(0, 3)).toEqual([actionStep.notice.text, actionStep.leverage.text, actionStep.step.text])
    expect(actionStep.lines.some((l) => l.kind === "teacher" || l.kind === "listen-for")).toBe(false)
  })

  it("facilitative: the notice line is a question, the coach listens for the leverage point, the teacher states the step", () => {
    const { actionStep, planAhead, probe } = of("facilitative")
    expect(actionStep.notice.kind).toBe("ask")
    expect(actionStep.notice.text).toMatch(/What do you notice\?$/)
    expect(actionStep.leverage).toEqual({ kind: "listen-for", text: "Students get no thinking time between a question and the first answer." })
    expect(actionStep.step).toEqual({ kind: "teacher", text: "My action step is to pose the question, pause for five seconds, then name a student to answer." })
    const rendered = renderScript(of("facilitative"))
    expect(rendered).not.toContain("Your action step is to")
    expect(rendered).not.toContain("Your leverage point, therefore, is")
    expect(probe.questions).toHaveLength(3)
    expect(planAhead.lines.every((l) => l.kind !== "direction")).toBe(true)
    expect(planAhead.lines.filter((l) => l.kind === "ask")).toHaveLength(2)
  })

  it("capitalises a listened-for line only where the record's first word is all lower case (never turning \"rI\" into the grade \"RI\")", () => {
    const withLeverage = (text: string) => {
      const lp = { _tag: "IdentifyLeveragePoint", cycleId: "cycle-1", by: "c-grace", leveragePoint: { text, evidence: ["cycle-1-visit-1"] } }
      const cycle = runCommands([...demoCommands.slice(0, 3), lp, demoCommands[4]]).cycles[0]!
      return meetingOf({ cycle, style: "facilitative" }, { meetingDate: MEETING })
    }
    expect(withLeverage("students wait for the first answer.").actionStep.leverage.text).toBe("Students wait for the first answer.")
    expect(withLeverage("rI questions get no thinking time").actionStep.leverage.text).toBe("rI questions get no thinking time.")
    expect(withLeverage("iPad questions get no thinking time.").actionStep.leverage.text).toBe("iPad questions get no thinking time.")
    expect(withLeverage("r.I. questions get no thinking time.").actionStep.leverage.text).toBe("r.I. questions get no thinking time.")
    expect(withLeverage("e.g. questions get no thinking time.").actionStep.leverage.text).toBe("E.g. questions get no thinking time.")
    expect(lintFeedback(renderScript(withLeverage("r.I. questions get no thinking time")))).toEqual([])
    expect(lintFeedback(renderScript(withLeverage("rI questions get no thinking time")))).toEqual([])
  })

  it("balanced: the coach states what they noticed, asks for the leverage point, then names the step", () => {
    const { actionStep, probe } = of("balanced")
    expect(actionStep.notice.kind).toBe("say")
    const kinds = actionStep.lines.map((l) => l.kind)
    expect(kinds.slice(0, 5)).toEqual(["say", "ask", "listen-for", "say", "say"])
    expect(actionStep.step.text).toMatch(/^Your action step is to /)
    expect(probe.questions).toHaveLength(2)
  })

  it("the three styles give three different scripts, probing more the more facilitative", () => {
    const [d, b, f] = (["directive", "balanced", "facilitative"] as const).map(of)
    expect(new Set([d, b, f].map((s) => renderScript(s!))).size).toBe(3)
    expect(d!.probe.questions.length).toBeLessThan(b!.probe.questions.length)
    expect(b!.probe.questions.length).toBeLessThan(f!.probe.questions.length)
  })

  it("options.style overrides the relationship's style; with neither, a typed error names the field", () => {
    expect(meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, style: "facilitative" }).style).toBe("facilitative")
    const error = refusalOf({ cycle: demoCycle() }, { meetingDate: MEETING })
    expect(error).toBeInstanceOf(InvalidScriptInput)
    expect(error).toMatchObject({ code: "INVALID_INPUT", path: "options.style" })
  })
})

describe("precise praise", () => {
  it("names the moment (where) and quotes the strength that says what the students did: one moment directive, two otherwise", () => {
    const { praise } = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING })
    expect(praise.moments.map((m) => [m.where, m.namesEffect, m.namesMoment])).toEqual([["Year 8 science, period 5 (Thursday P5)", true, true]])
    expect(praise.lines[0]!.text).toBe(
      "In Year 8 science, period 5 (Thursday P5), I saw this: ‘Named three students who had started the task, and the rest followed.’"
    )
    for (const line of praise.lines) {
      expect(line.text).not.toMatch(/great|good|excellent|outstanding|well done/i)
    }
    const balanced = meetingOf({ cycle: demoCycle(), style: "balanced" }, { meetingDate: MEETING }).praise
    expect(balanced.moments.map((m) => [m.where, m.namesEffect, m.namesMoment])).toEqual([
      ["Year 8 science, period 5 (Thursday P5)", true, true],
      ["Year 8 science, period 2 (Tuesday P2)", true, true]
    ])
  })

  it("ranks a strength that names a moment and a student effect above warm but empty notes, whatever their order", () => {
    const cycle = demoCycle()
    const strengths = [
      "Great rapport with the class.",
      "The class clearly enjoyed the lesson.",
      "Wrote the date and title on the board before the bell.",
      "After you counted down from three, every student had a pen down and eyes on you."
    ]
    // the most recent visit holds the empty notes first: recency alone would put them on top
    const noted: Cycle.CycleState = {
      ...cycle,
      visits: cycle.visits.map((v, i) => ({ ...v, visit: { ...v.visit, strengths: i === cycle.visits.length - 1 ? strengths : [] } }))
    }
    const { praise } = meetingOf({ cycle: noted, style: "balanced" }, { meetingDate: MEETING })
    expect(praise.moments.map((m) => m.strength)).toEqual([
      "After you counted down from three, every student had a pen down and eyes on you.",
      "Wrote the date and title on the board before the bell."
    ])
    const directive = meetingOf({ cycle: noted, style: "directive" }, { meetingDate: MEETING })
    expect(directive.praise.moments.map((m) => m.strength)).toEqual(["After you counted down from three, every student had a pen down and eyes on you."])
    // alone, the warm note is used, with the direction to add what the students did
    const only: Cycle.CycleState = { ...noted, visits: noted.visits.map((v) => ({ ...v, visit: { ...v.visit, strengths: v.visit.strengths.length > 0 ? ["Great rapport with the class."] : [] } })) }
    const alone = meetingOf({ cycle: only, style: "directive" }, { meetingDate: MEETING })
    expect(alone.praise.moments).toMatchObject([{ strength: "Great rapport with the class.", namesEffect: false, namesMoment: false }])
    expect(alone.warnings.map((w) => w.code)).toEqual(["PRAISE_EFFECT_MISSING"])
  })

  it("warns and asks for the effect when a strength does not say what the students did", () => {
    const visit = {
      _tag: "RecordVisit",
      cycleId: "cycle-1",
      by: "c-grace",
      visit: { id: "v-late", minutes: 10, context: "Year 9 maths", evidence: [], strengths: ["Wrote the date and title on the board before the bell."], candidates: [] }
    }
    const base = demoCommands.slice(0, 5)
    const cycle = runCommands([base[0], visit, ...base.slice(1)]).cycles[0]!
    // Only the new visit's strength: drop the demo's strengths by using a cycle whose visits have none.
    const onlyNew: Cycle.CycleState = { ...cycle, visits: cycle.visits.map((v) => (v.visit.id === "v-late" ? v : { ...v, visit: { ...v.visit, strengths: [] } })) }
    const directive = meetingOf({ cycle: onlyNew, style: "directive" }, { meetingDate: MEETING })
    expect(directive.praise.moments).toEqual([
      { visitId: "v-late", where: "Year 9 maths", strength: "Wrote the date and title on the board before the bell.", namesEffect: false, namesMoment: true }
    ])
    expect(directive.praise.lines.map((l) => l.kind)).toEqual(["say", "direction", "say"])
    expect(directive.warnings.map((w) => w.code)).toEqual(["PRAISE_EFFECT_MISSING"])
    const facilitative = meetingOf({ cycle: onlyNew, style: "facilitative" }, { meetingDate: MEETING })
    expect(facilitative.praise.lines[1]).toEqual({ kind: "ask", text: "What did the students do straight after that?" })
  })

  it("leaves out a strength written as a judgement, and says so", () => {
    const cycle = demoCycle()
    const judged: Cycle.CycleState = {
      ...cycle,
      visits: cycle.visits.map((v, i) => (i === 1 ? { ...v, visit: { ...v.visit, strengths: ["An outstanding lesson.", ...v.visit.strengths] } } : v))
    }
    const script = meetingOf({ cycle: judged, style: "directive" }, { meetingDate: MEETING })
    expect(script.praise.moments.map((m) => m.strength)).not.toContain("An outstanding lesson.")
    expect(script.warnings).toEqual([
      { code: "JUDGEMENT_IN_RECORD", message: "A strength noted in Year 8 science, period 5 (Thursday P5) uses judgement language (‘outstanding’), so the script leaves it out of the praise." }
    ])
  })

  it("with no strengths noted, tells the coach to add one (never falls back to generic praise)", () => {
    const cycle = demoCycle()
    const bare: Cycle.CycleState = { ...cycle, visits: cycle.visits.map((v) => ({ ...v, visit: { ...v.visit, strengths: [] } })) }
    const script = meetingOf({ cycle: bare, style: "balanced", teacherName: "Ada" }, { meetingDate: MEETING })
    expect(script.praise.moments).toEqual([])
    expect(script.praise.lines).toEqual([
      { kind: "direction", text: "No strengths were noted on the visits. Before the meeting, add one precise moment: what Ada did, where, and what the students did next." }
    ])
    expect(script.warnings.map((w) => w.code)).toEqual(["NO_STRENGTHS_RECORDED"])
  })
})

describe("practise", () => {
  it("the coach models the step once, then a rep tally: a scenario and one feedback line per rep, never the whole step again", () => {
    const { practise } = meetingOf({ cycle: demoCycle(), style: "directive", teacherName: "Ada" }, { meetingDate: MEETING })
    expect(practise.step).toBe("pose the question, pause for five seconds, then name a student to answer")
    expect(practise.stepParts).toEqual(["pose the question", "pause for five seconds", "name a student to answer"])
    expect(practise.lines[0]).toEqual({
      kind: "direction",
      text: "Model it once, part by part: ‘pose the question’, ‘pause for five seconds’ and ‘name a student to answer’."
    })
    expect(practise.reps.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(practise.reps.map((r) => r.feedback)).toEqual([
      "Feedback: ‘pose the question’.",
      "Feedback: ‘pause for five seconds’.",
      "Feedback: ‘name a student to answer’.",
      "Feedback: ‘pose the question’.",
      "Feedback: ‘pause for five seconds’.",
      "Feedback: ‘name a student to answer’.",
      "Feedback: ‘pose the question’."
    ])
    for (const rep of practise.reps) expect(rep.scenario).not.toContain("pose the question")
    const text = renderScript(meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING }))
    expect(text.match(/pause for five seconds, then name a student/g)).toHaveLength(1)
  })

  it("chooses scenarios that fit the strand of the step's technique", () => {
    const questioning = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING }).practise
    expect(questioning.area).toBe("questioning")
    expect(questioning.reps.map((r) => r.scenario)).toContain("Someone calls out during the pause.")
    // an attention signal (behaviour): students who keep talking, never a student answering early
    const signal = agreeStep("cycle-1-step-2", "Announce 'Stop, then look at me', then wait until every face is on you.", "Everyone hears the instruction.", {
      techniqueId: "positive-narration"
    })
    const behaviour = meetingOf({ cycle: runCommands([...demoCommands.slice(0, 5), signal]).cycles[0]!, style: "directive" }, { meetingDate: MEETING }).practise
    expect(behaviour.area).toBe("behaviour")
    expect(behaviour.reps.map((r) => r.scenario)).toContain("Two of us keep chatting after your signal.")
    for (const rep of behaviour.reps) expect(rep.scenario).not.toMatch(/answer|question|pause/i)
  })

  it("never splits quoted speech: a step that says to announce 'Stop, then look at me' keeps the whole quotation in one part", () => {
    const signal = agreeStep("cycle-1-step-2", "Announce 'Stop, then look at me', then wait until every face is on you.", "Everyone hears it.")
    const cycle = runCommands([...demoCommands.slice(0, 5), signal]).cycles[0]!
    const { practise } = meetingOf({ cycle, style: "directive" }, { meetingDate: MEETING })
    expect(practise.stepParts).toEqual(["announce 'Stop, then look at me'", "wait until every face is on you"])
    expect(practise.reps[0]!.feedback).toBe("Feedback: ‘announce 'Stop, then look at me'’.")
    const curly = { ...signal, actionStep: { ...signal.actionStep, id: "cycle-1-step-3", text: "Say “Pens down; eyes on me — now”, then count down from three." } }
    const quoted = meetingOf({ cycle: runCommands([...demoCommands.slice(0, 5), curly]).cycles[0]!, style: "directive" }, { meetingDate: MEETING })
    expect(quoted.practise.stepParts).toEqual(["say “Pens down; eyes on me — now”", "count down from three"])
  })

  it("plans the reps asked for within the policy's target, and refuses a count outside it", () => {
    const ten = meetingOf({ cycle: demoCycle(), style: "balanced" }, { meetingDate: MEETING, reps: 10 })
    expect(ten.practise.reps).toHaveLength(10)
    for (const reps of [6, 11]) {
      expect(refusalOf({ cycle: demoCycle(), style: "balanced" }, { meetingDate: MEETING, reps })).toMatchObject({ code: "INVALID_INPUT", path: "options.reps" })
    }
    const policy = Policy.make({ rehearsal: { targetMin: 3, targetMax: 12 } })
    if (Result.isFailure(policy)) throw new Error("policy")
    const long = meetingOf({ cycle: demoCycle(), style: "balanced" }, { meetingDate: MEETING, policy: policy.success, reps: 12 })
    expect(long.practise.reps.map((r) => r.scenario.endsWith("(again)"))).toEqual([...Array(10).fill(false), true, true])
  })

  it("spells the verb for the locale", () => {
    const gb = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING })
    const us = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, locale: "en-US" })
    expect(gb.practise.title).toBe("Practise")
    expect(us.practise.title).toBe("Practice")
  })
})

describe("locale", () => {
  it("writes dates, quotation marks and spellings per locale", () => {
    const behaviour = {
      _tag: "IdentifyLeveragePoint",
      cycleId: "cycle-1",
      by: "c-grace",
      leveragePoint: { text: "Instructions are repeated while students talk.", evidence: ["cycle-1-visit-1"], area: "behaviour" }
    }
    const commands = [...demoCommands.slice(0, 3), behaviour, demoCommands[4]]
    const cycle = runCommands(commands).cycles[0]!
    const gb = meetingOf({ cycle, style: "facilitative" }, { meetingDate: MEETING })
    const us = meetingOf({ cycle, style: "facilitative" }, { meetingDate: MEETING, locale: "en-US" })
    expect(gb.probe.area).toBe("behaviour")
    expect(gb.probe.questions[2]).toBe("What behaviour did you want to see in that moment, and how would the students know?")
    expect(us.probe.questions[2]).toBe("What behavior did you want to see in that moment, and how would the students know?")
    expect(renderScript(gb)).toContain("Follow-up: Monday 7 December 2026")
    expect(renderScript(us)).toContain("Follow-up: Monday, December 7, 2026")
    expect(gb.timeline.lines[0]!.text).toContain("I suggest Monday 7 December:")
    expect(us.timeline.lines[0]!.text).toContain("I suggest Monday, December 7:")
    expect(gb.praise.lines[0]!.text).toContain("‘Named three students")
    expect(us.praise.lines[0]!.text).toContain("“Named three students")
  })

  it("adds the year to a date in another year than the meeting", () => {
    const script = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-12-28") })
    expect(script.timeline.lines[0]!.text).toBe("I will come back on Monday 4 January 2027 to see the step in your lesson.")
  })
})

describe("timeline and policy", () => {
  const input = { cycle: demoCycle(), style: "directive" as const }

  it("warns past the recommended maximum, inside the maximum", () => {
    const script = meetingOf(input, { meetingDate: MEETING, followUpDays: 35 })
    expect(script.timeline).toMatchObject({ followUpDue: "2027-01-04", days: 35, advice: "beyond-recommended" })
    expect(script.warnings.map((w) => w.code)).toEqual(["FOLLOW_UP_BEYOND_RECOMMENDED"])
    expect(script.timeline.lines.at(-1)).toEqual({
      kind: "direction",
      text: "The follow-up is 35 days after the meeting, beyond the recommended 28: a shorter gap keeps the step in focus."
    })
    expect(meetingOf(input, { meetingDate: MEETING, followUpDays: 28 }).warnings).toEqual([])
  })

  it("refuses past the maximum and before the minimum, as typed errors", () => {
    const late = refusalOf(input, { meetingDate: MEETING, followUpDays: 85 })
    expect(late).toBeInstanceOf(FollowUpOutOfPolicy)
    expect(late).toMatchObject({ _tag: "FollowUpOutOfPolicy", code: "FOLLOW_UP_DUE_TOO_LATE", days: 85 })
    expect(meetingOf(input, { meetingDate: MEETING, followUpDays: 84 }).timeline.days).toBe(84)
    expect(refusalOf(input, { meetingDate: MEETING, followUpDays: 0 })).toMatchObject({ code: "FOLLOW_UP_DUE_TOO_SOON", days: 0 })
  })

  it("keeps the one-week default inside a stricter policy", () => {
    const policy = Policy.make({ followUp: { minDays: 1, recommendedMaxDays: 5, maxDays: 10 } })
    if (Result.isFailure(policy)) throw new Error("policy")
    const script = meetingOf(input, { meetingDate: MEETING, policy: policy.success })
    expect(script.timeline.days).toBe(5)
    expect(script.warnings).toEqual([])
  })

  it("rejects an invalid policy with the path of the field", () => {
    const policy = { followUp: { minDays: 5, recommendedMaxDays: 2, maxDays: 10 }, rehearsal: Policy.defaultPolicy.rehearsal }
    const error = refusalOf(input, { meetingDate: MEETING, policy })
    expect(error).toMatchObject({ code: "INVALID_INPUT" })
    expect((error as InvalidScriptInput).path).toMatch(/^options\.policy\.followUp/)
  })
})

describe("granularity", () => {
  const compound: Granularity.Checker = (text) => ({
    granular: false,
    score: 0.2,
    findings: [{ code: "COMPOUND", message: "Several techniques at once.", span: [0, text.length] }],
    suggestions: []
  })

  it("re-checks the current step with the checker given and warns when it is not granular", () => {
    const script = meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, checkActionStep: compound })
    expect(script.warnings).toEqual([
      { code: "ACTION_STEP_NOT_GRANULAR", message: "The granularity check does not see one granular teacher action in this step: Several techniques at once. Agree one granular step before the meeting." }
    ])
    expect(meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, checkActionStep: Granularity.acceptAll }).warnings).toEqual([])
  })

  it("mentions the override reason of a step agreed despite the check", () => {
    const step = agreeStep("cycle-1-step-1", "Pose, pause, name.", "Thinking time.", { override: { reason: "Rehearsed as one routine last term." } })
    const cycle = runCommands([...demoCommands.slice(0, 4), step], { checker: compound }).cycles[0]!
    const script = meetingOf({ cycle, style: "directive" }, { meetingDate: MEETING, checkActionStep: compound })
    expect(script.warnings.map((w) => w.message)).toEqual([
      "The granularity check does not see one granular teacher action in this step: Several techniques at once. It was agreed with an override: ‘Rehearsed as one routine last term.’."
    ])
  })

  it("by default checks with @coaching/granularity's checkActionStep, in the script's locale", () => {
    const bundle = agreeStep("cycle-1-step-1", "Allow pause time, use elaborative questioning and scaffold responses.", "More students think.", {
      override: { reason: "Agreed as a term's focus." }
    })
    const cycle = runCommands([...demoCommands.slice(0, 4), bundle], { checker: compound }).cycles[0]!
    const gb = meetingOf({ cycle, style: "directive" }, { meetingDate: MEETING })
    expect(gb.warnings.map((w) => w.code)).toEqual(["ACTION_STEP_NOT_GRANULAR"])
    expect(gb.warnings[0]!.message).toBe(
      "The granularity check does not see one granular teacher action in this step: This bundles 3 separate steps; pick one to practise first (see the suggestions)." +
        " Granular steps to choose from instead: ‘Ask the question to the whole class, count five seconds in silence, then name one student to answer.’," +
        " ‘Listen to the student's whole answer, then ask the same student 'How do you know?'’" +
        " and ‘Write the first words of the answer on the board as a sentence starter before students begin writing.’." +
        " It was agreed with an override: ‘Agreed as a term's focus.’."
    )
    const us = meetingOf({ cycle, style: "directive" }, { meetingDate: MEETING, locale: "en-US" })
    expect(us.warnings[0]!.message).toContain("pick one to practice first")
    // the demo's step is one routine of micro-steps: no warning
    expect(meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING }).warnings).toEqual([])
  })

  it("a checker that throws or returns garbage is a typed error, not a crash", () => {
    const throws = () => {
      throw new Error("boom")
    }
    expect(refusalOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, checkActionStep: throws })).toMatchObject({
      code: "INVALID_INPUT",
      path: "options.checkActionStep",
      message: "The granularity checker threw: boom."
    })
    expect(refusalOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, checkActionStep: () => ({ granular: "yes" }) })).toMatchObject({
      path: "options.checkActionStep"
    })
  })
})

describe("not ready, ended, bad input: typed errors, never a throw", () => {
  it("a cycle without a leverage point or an action step, or whose meeting was held, is not ready (as core's readyForMeeting says)", () => {
    for (const [n, missing] of [[1, "leveragePoint"], [3, "leveragePoint"], [4, "actionStep"], [6, "followUp"]] as const) {
      const error = refusalOf({ cycle: demoCycle(n), style: "directive" }, { meetingDate: MEETING })
      expect(error).toBeInstanceOf(CycleNotReady)
      expect(error).toMatchObject({ _tag: "CycleNotReady", code: "CYCLE_NOT_READY", missing })
      expect(error.message.length).toBeGreaterThan(20)
    }
  })

  it("an ended cycle gets no meeting", () => {
    expect(refusalOf({ cycle: demoCycle(7), style: "directive" }, { meetingDate: MEETING })).toMatchObject({ code: "CYCLE_ENDED" })
  })

  it("a meeting dated before the step was agreed is refused", () => {
    expect(refusalOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: "2026-11-22" })).toMatchObject({
      code: "MEETING_BEFORE_ACTION_STEP",
      path: "options.meetingDate"
    })
    expect(meetingOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-11-23") }).meetingDate).toBe("2026-11-23")
  })

  it.each([
    [{ meetingDate: "30/11/2026" }, "options.meetingDate"],
    [{ meetingDate: "2026-02-30" }, "options.meetingDate"],
    [{ meetingDate: "2026-11-30", locale: "fr-FR" }, "options.locale"],
    [{ meetingDate: "2026-11-30", style: "laissez-faire" }, "options.style"],
    [{ meetingDate: "2026-11-30", followUpDays: 2.5 }, "options.followUpDays"],
    [{ meetingDate: "2026-11-30", checkActionStep: "strict" }, "options.checkActionStep"],
    [{}, "options.meetingDate"],
    [null, "options"],
    ["2026-11-30", "options"]
  ])("options %j → INVALID_INPUT at %s", (options, path) => {
    const error = refusalOf({ cycle: demoCycle(), style: "directive" }, options)
    expect(error).toBeInstanceOf(InvalidScriptInput)
    expect(error).toMatchObject({ code: "INVALID_INPUT", path })
    expect(error.message).toContain(path)
  })

  it.each([
    [{ cycle: {} }, "input.cycle.id"],
    [{ cycle: null }, "input.cycle"],
    [undefined, "input"],
    [{ cycle: "cycle-1" }, "input.cycle"],
    [{ teacherName: "   " }, "input.teacherName"]
  ])("input %j → INVALID_INPUT at %s", (partial, path) => {
    const input = partial === undefined ? undefined : { cycle: demoCycle(), style: "directive", ...partial }
    expect(refusalOf(input, { meetingDate: MEETING })).toMatchObject({ code: "INVALID_INPUT", path })
  })

  it("names the path of a broken field deep in the cycle", () => {
    const cycle = demoCycle()
    const broken = { ...cycle, visits: [cycle.visits[0], { ...cycle.visits[1], visit: { ...cycle.visits[1]!.visit, context: "" } }] }
    const error = refusalOf({ cycle: broken, style: "directive" }, { meetingDate: MEETING })
    expect(error).toMatchObject({ code: "INVALID_INPUT", path: "input.cycle.visits[1].visit.context" })
  })
})

describe("determinism and purity", () => {
  it("the same input gives the same script, and the input is not changed", () => {
    const cycle = demoCycle()
    const snapshot = structuredClone(cycle)
    const a = generateFeedbackScript({ cycle, style: "balanced", teacherName: "Ada" }, { meetingDate: MEETING, locale: "en-US" })
    const b = generateFeedbackScript({ cycle: structuredClone(cycle), style: "balanced", teacherName: "Ada" }, { meetingDate: MEETING, locale: "en-US" })
    expect(a).toEqual(b)
    expect(cycle).toEqual(snapshot)
    if (Result.isFailure(a) || Result.isFailure(b)) throw new Error("refused")
    for (const format of ["text", "markdown", "html"] as const) expect(renderScript(a.success, format)).toBe(renderScript(b.success, format))
  })
})

describe("practice session after a follow-up that did not see the step secured", () => {
  const followUp = (outcome: "partly" | "not-yet") => ({
    _tag: "RecordFollowUp",
    cycleId: "cycle-1",
    by: "c-grace",
    followUp: { minutes: 15, evidence: "Paused after two of the three questions; named a student each time.", outcome }
  })
  // Meeting on day 0, follow-up two days later, script for the practice session on day 3.
  const replanning = (outcome: "partly" | "not-yet" = "partly", more: ReadonlyArray<unknown> = []) =>
    runCommands([...demoCommands.slice(0, 6), followUp(outcome), ...more], { step: 8 * 3_600_000 }).cycles[0]!
  const SESSION = Time.CalendarDate.make("2026-11-26")

  it("is its own short script: what the follow-up saw, the adjustment, rehearsal, the new date", () => {
    const cycle = replanning()
    expect(cycle.stage).toBe("Replanning")
    for (const style of ["directive", "balanced", "facilitative"] as const) {
      const script = practiceOf({ cycle, style, teacherName: "Ada" }, { meetingDate: SESSION })
      expect(parts(script).map((p) => p.part)).toEqual(practiceSessionPartOrder)
      expect(script.seen).toMatchObject({ on: "2026-11-25", outcome: "partly", evidence: "Paused after two of the three questions; named a student each time." })
      expect(script.seen.lines[0]).toEqual({
        kind: "say",
        text: "At the follow-up on Wednesday 25 November, the step was partly there. I saw: ‘Paused after two of the three questions; named a student each time.’"
      })
      expect(script.adjustment).toMatchObject({ revised: false, actionStep: { id: "cycle-1-step-1" } })
      expect(script.timeline.followUpDue).toBe("2026-12-03")
      const text = renderScript(script)
      expect(text.split("\n")[0]).toBe("Practice session script: Ada")
      // no second six-part meeting: no praise, no probe, no leverage point, no plan ahead
      expect(text).not.toMatch(/Precise praise|Probe|leverage point|Plan ahead/i)
      expect(wordCount(text)).toBeLessThan(300)
      expect(lintFeedback(text)).toEqual([])
    }
    const directive = practiceOf({ cycle, style: "directive" }, { meetingDate: SESSION })
    expect(texts(directive.adjustment.lines)).toEqual([
      "The step stays the same: pose the question, pause for five seconds, then name a student to answer.",
      "From the note above, name the one part that did not happen and the one change to it.",
      "Today we practise that part first, then the whole step."
    ])
    const us = practiceOf({ cycle, style: "directive" }, { meetingDate: SESSION, locale: "en-US" })
    expect(texts(us.adjustment.lines)).toContain("Today we practice that part first, then the whole step.")
    expect(us.practise.title).toBe("Practice")
  })

  it("states a step revised after the follow-up as the adjusted step", () => {
    const revise = agreeStep("cycle-1-step-2", "Pose the question, count five on your fingers, then name a student.", "The count keeps the pause.")
    const cycle = replanning("not-yet", [revise])
    const script = practiceOf({ cycle, style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-11-27") })
    expect(script.seen.outcome).toBe("not-yet")
    expect(script.seen.lines[0]!.text).toContain("the step was not there yet")
    expect(script.adjustment).toMatchObject({ revised: true, actionStep: { id: "cycle-1-step-2" } })
    expect(texts(script.adjustment.lines)[0]).toBe("The adjusted step: pose the question, count five on your fingers, then name a student.")
    expect(script.practise.stepParts).toEqual(["pose the question", "count five on your fingers", "name a student"])
    const facilitative = practiceOf({ cycle, style: "facilitative" }, { meetingDate: Time.CalendarDate.make("2026-11-27") })
    expect(facilitative.adjustment.lines.at(-1)).toEqual({ kind: "teacher", text: "My adjusted step is to pose the question, count five on your fingers, then name a student." })
  })

  it("warns about judgement language in the follow-up's evidence", () => {
    const judged = { ...followUp("not-yet"), followUp: { minutes: 10, evidence: "A weak lesson: took hands up again.", outcome: "not-yet" } }
    const cycle = runCommands([...demoCommands.slice(0, 6), judged], { step: 8 * 3_600_000 }).cycles[0]!
    const script = practiceOf({ cycle, style: "directive" }, { meetingDate: SESSION })
    expect(script.warnings).toEqual([
      { code: "JUDGEMENT_IN_RECORD", message: "The last follow-up's evidence uses judgement language (‘weak lesson’): reword it before the meeting." }
    ])
  })
})

describe("length: a script fits a short meeting", () => {
  it("the directive script of the demo cycle stays under 400 words", () => {
    const text = renderScript(meetingOf({ cycle: demoCycle(), style: "directive", teacherName: "Ada" }, { meetingDate: MEETING }))
    // what is said in the meeting: the notes for the coach before it are read beforehand
    expect(wordCount(text.slice(text.indexOf("1. Precise praise")))).toBeLessThan(400)
    // the rehearsal is a tally, not seven copies of the step
    expect(wordCount(text.slice(text.indexOf("4. Practise"), text.indexOf("5. Plan ahead")))).toBeLessThan(150)
  })

  it("counts words as a reader does", () => {
    expect(wordCount("")).toBe(0)
    expect(wordCount("  Coach: Your action step is to pose,\n pause — name.  ")).toBe(10)
  })
})

describe("playbook", () => {
  const lp = {
    _tag: "IdentifyLeveragePoint",
    cycleId: "cycle-1",
    by: "c-grace",
    leveragePoint: { text: "The first minutes of the lesson are spent waiting for everyone.", evidence: ["cycle-1-visit-1"] }
  }
  const step = agreeStep("cycle-1-step-1", "Greet at the door and point to the written first task.", "Everyone starts at once.", { techniqueId: "entry-routine" })
  const cycle = () => runCommands([...demoCommands.slice(0, 3), lp, step]).cycles[0]!

  it("takes the probe's area and the technique's name from the step's technique", () => {
    const script = meetingOf({ cycle: cycle(), style: "directive" }, { meetingDate: MEETING })
    expect(script.probe.area).toBe("behaviour")
    expect(script.actionStep.lines.at(-1)).toEqual({ kind: "direction", text: "Playbook technique: Entry routine." })
  })

  it("uses the school's own playbook when given", () => {
    const playbook = {
      id: "school",
      name: "Our playbook",
      strands: [{ area: "routines", title: "Routines", techniques: [{ id: "entry-routine", title: "Do Now at the door", description: "Greet, point, start." }] }]
    }
    const script = meetingOf({ cycle: cycle(), style: "directive" }, { meetingDate: MEETING, playbook: playbook as never })
    expect(script.probe.area).toBe("routines")
    expect(script.actionStep.lines.at(-1)).toEqual({ kind: "direction", text: "Playbook technique: Do Now at the door." })
    expect(refusalOf({ cycle: cycle(), style: "directive" }, { meetingDate: MEETING, playbook: { ...playbook, strands: "none" } })).toMatchObject({
      code: "INVALID_INPUT",
      path: "options.playbook.strands"
    })
  })

  it("falls back to questions that fit any area when the area is unknown", () => {
    const script = meetingOf({ cycle: cycle(), style: "balanced" }, { meetingDate: MEETING, playbook: { id: "empty", name: "Empty", strands: [] } as never })
    expect(script.probe.area).toBe("default")
    expect(script.probe.questions).toHaveLength(2)
    expect(script.actionStep.lines.some((l) => l.text.startsWith("Playbook technique"))).toBe(false)
  })
})

