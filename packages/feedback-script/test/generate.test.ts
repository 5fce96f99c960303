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
  renderScript,
  type ScriptLine
} from "../src/index.js"
import { demoCommands, demoCycle, MEETING, refusalOf, runCommands, scriptOf } from "./support.js"

const texts = (lines: ReadonlyArray<ScriptLine>) => lines.map((l) => l.text)

describe("generateFeedbackScript: structure", () => {
  const script = scriptOf({ cycle: demoCycle(), style: "directive", teacherName: "Ada" }, { meetingDate: MEETING })

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
    const revise = {
      _tag: "AgreeActionStep",
      cycleId: "cycle-1",
      by: "c-grace",
      actionStep: { id: "cycle-1-step-2", text: "Say 'Show me' and wait until every whiteboard is up.", whyItWorks: "You see every answer at once." }
    }
    const cycle = runCommands([...demoCommands.slice(0, 5), revise]).cycles[0]!
    const revised = scriptOf({ cycle, style: "directive" }, { meetingDate: MEETING })
    expect(revised.actionStep.actionStep.id).toBe("cycle-1-step-2")
    expect(revised.actionStep.step.text).toBe("Your action step is to say 'Show me' and wait until every whiteboard is up.")
    expect(renderScript(revised)).not.toContain("pause for five seconds")
  })
})

describe("generateFeedbackScript: style changes the script", () => {
  const of = (style: "directive" | "balanced" | "facilitative") => scriptOf({ cycle: demoCycle(), style, teacherName: "Ada" }, { meetingDate: MEETING })

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
    expect(scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, style: "facilitative" }).style).toBe("facilitative")
    const error = refusalOf({ cycle: demoCycle() }, { meetingDate: MEETING })
    expect(error).toBeInstanceOf(InvalidScriptInput)
    expect(error).toMatchObject({ code: "INVALID_INPUT", path: "options.style" })
  })
})

describe("precise praise", () => {
  it("names the moment (where) and quotes the strength that says what the students did", () => {
    const { praise } = scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING })
    expect(praise.moments.map((m) => [m.where, m.namesEffect])).toEqual([
      ["Year 8 science, period 5 (Thursday P5)", true],
      ["Year 8 science, period 2 (Tuesday P2)", true]
    ])
    expect(praise.lines[0]!.text).toBe(
      "In Year 8 science, period 5 (Thursday P5), I saw this: ‘Named three students who had started the task, and the rest followed.’"
    )
    for (const line of praise.lines) {
      expect(line.text).not.toMatch(/great|good|excellent|outstanding|well done/i)
    }
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
    const directive = scriptOf({ cycle: onlyNew, style: "directive" }, { meetingDate: MEETING })
    expect(directive.praise.moments).toEqual([{ visitId: "v-late", where: "Year 9 maths", strength: "Wrote the date and title on the board before the bell.", namesEffect: false }])
    expect(directive.praise.lines.map((l) => l.kind)).toEqual(["say", "direction", "say"])
    expect(directive.warnings.map((w) => w.code)).toEqual(["PRAISE_EFFECT_MISSING"])
    const facilitative = scriptOf({ cycle: onlyNew, style: "facilitative" }, { meetingDate: MEETING })
    expect(facilitative.praise.lines[1]).toEqual({ kind: "ask", text: "What did the students do straight after that?" })
  })

  it("leaves out a strength written as a judgement, and says so", () => {
    const cycle = demoCycle()
    const judged: Cycle.CycleState = {
      ...cycle,
      visits: cycle.visits.map((v, i) => (i === 1 ? { ...v, visit: { ...v.visit, strengths: ["An outstanding lesson.", ...v.visit.strengths] } } : v))
    }
    const script = scriptOf({ cycle: judged, style: "directive" }, { meetingDate: MEETING })
    expect(script.praise.moments.map((m) => m.strength)).not.toContain("An outstanding lesson.")
    expect(script.warnings).toEqual([
      { code: "JUDGEMENT_IN_RECORD", message: "A strength noted in Year 8 science, period 5 (Thursday P5) uses judgement language (‘outstanding’), so the script leaves it out of the praise." }
    ])
  })

  it("with no strengths noted, tells the coach to add one (never falls back to generic praise)", () => {
    const cycle = demoCycle()
    const bare: Cycle.CycleState = { ...cycle, visits: cycle.visits.map((v) => ({ ...v, visit: { ...v.visit, strengths: [] } })) }
    const script = scriptOf({ cycle: bare, style: "balanced", teacherName: "Ada" }, { meetingDate: MEETING })
    expect(script.praise.moments).toEqual([])
    expect(script.praise.lines).toEqual([
      { kind: "direction", text: "No strengths were noted on the visits. Before the meeting, add one precise moment: what Ada did, where, and what the students did next." }
    ])
    expect(script.warnings.map((w) => w.code)).toEqual(["NO_STRENGTHS_RECORDED"])
  })
})

describe("practise", () => {
  it("the coach models once, then a rehearsal plan with a scenario from the step and feedback after each rep", () => {
    const { practise } = scriptOf({ cycle: demoCycle(), style: "directive", teacherName: "Ada" }, { meetingDate: MEETING })
    expect(practise.lines[0]).toEqual({
      kind: "direction",
      text: "Model the step once while Ada watches for each part: ‘pose the question’, ‘pause for five seconds’ and ‘name a student to answer’."
    })
    expect(practise.reps.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(practise.reps[0]!.scenario).toBe("To me, as if I were the class: pose the question, pause for five seconds, then name a student to answer.")
    for (const rep of practise.reps) {
      expect(rep.scenario).toContain("pose the question, pause for five seconds, then name a student to answer")
      expect(rep.feedback).toMatch(/^Feedback on ‘(pose the question|pause for five seconds|name a student to answer)’/)
    }
  })

  it("plans the reps asked for within the policy's target, and refuses a count outside it", () => {
    const ten = scriptOf({ cycle: demoCycle(), style: "balanced" }, { meetingDate: MEETING, reps: 10 })
    expect(ten.practise.reps).toHaveLength(10)
    for (const reps of [6, 11]) {
      expect(refusalOf({ cycle: demoCycle(), style: "balanced" }, { meetingDate: MEETING, reps })).toMatchObject({ code: "INVALID_INPUT", path: "options.reps" })
    }
    const policy = Policy.make({ rehearsal: { targetMin: 3, targetMax: 12 } })
    if (Result.isFailure(policy)) throw new Error("policy")
    const long = scriptOf({ cycle: demoCycle(), style: "balanced" }, { meetingDate: MEETING, policy: policy.success, reps: 12 })
    expect(long.practise.reps.map((r) => r.scenario.endsWith("(again)"))).toEqual([...Array(10).fill(false), true, true])
  })

  it("spells the verb for the locale", () => {
    const gb = scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING })
    const us = scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, locale: "en-US" })
    expect(gb.practise.title).toBe("Practise")
    expect(us.practise.title).toBe("Practice")
    expect(texts(gb.practise.lines)).toContain("Watch me do it once, then it is your turn to practise it.")
    expect(texts(us.practise.lines)).toContain("Watch me do it once, then it is your turn to practice it.")
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
    const gb = scriptOf({ cycle, style: "facilitative" }, { meetingDate: MEETING })
    const us = scriptOf({ cycle, style: "facilitative" }, { meetingDate: MEETING, locale: "en-US" })
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
    const script = scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-12-28") })
    expect(script.timeline.lines[0]!.text).toBe("I will come back on Monday 4 January 2027 to see the step in your lesson.")
  })
})

describe("timeline and policy", () => {
  const input = { cycle: demoCycle(), style: "directive" as const }

  it("warns past the recommended maximum, inside the maximum", () => {
    const script = scriptOf(input, { meetingDate: MEETING, followUpDays: 35 })
    expect(script.timeline).toMatchObject({ followUpDue: "2027-01-04", days: 35, advice: "beyond-recommended" })
    expect(script.warnings.map((w) => w.code)).toEqual(["FOLLOW_UP_BEYOND_RECOMMENDED"])
    expect(script.timeline.lines.at(-1)).toEqual({
      kind: "direction",
      text: "The follow-up is 35 days after the meeting, beyond the recommended 28: a shorter gap keeps the step in focus."
    })
    expect(scriptOf(input, { meetingDate: MEETING, followUpDays: 28 }).warnings).toEqual([])
  })

  it("refuses past the maximum and before the minimum, as typed errors", () => {
    const late = refusalOf(input, { meetingDate: MEETING, followUpDays: 85 })
    expect(late).toBeInstanceOf(FollowUpOutOfPolicy)
    expect(late).toMatchObject({ _tag: "FollowUpOutOfPolicy", code: "FOLLOW_UP_DUE_TOO_LATE", days: 85 })
    expect(scriptOf(input, { meetingDate: MEETING, followUpDays: 84 }).timeline.days).toBe(84)
    expect(refusalOf(input, { meetingDate: MEETING, followUpDays: 0 })).toMatchObject({ code: "FOLLOW_UP_DUE_TOO_SOON", days: 0 })
  })

  it("keeps the one-week default inside a stricter policy", () => {
    const policy = Policy.make({ followUp: { minDays: 1, recommendedMaxDays: 5, maxDays: 10 } })
    if (Result.isFailure(policy)) throw new Error("policy")
    const script = scriptOf(input, { meetingDate: MEETING, policy: policy.success })
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
    const script = scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, checkActionStep: compound })
    expect(script.warnings).toEqual([
      { code: "ACTION_STEP_NOT_GRANULAR", message: "The granularity check does not see one granular teacher action in this step: Several techniques at once. Agree one granular step before the meeting." }
    ])
    expect(scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING, checkActionStep: Granularity.acceptAll }).warnings).toEqual([])
  })

  it("mentions the override reason of a step agreed despite the check", () => {
    const step = {
      _tag: "AgreeActionStep",
      cycleId: "cycle-1",
      by: "c-grace",
      actionStep: { id: "cycle-1-step-1", text: "Pose, pause, name.", whyItWorks: "Thinking time.", override: { reason: "Rehearsed as one routine last term." } }
    }
    const cycle = runCommands([...demoCommands.slice(0, 4), step], { checker: compound }).cycles[0]!
    const script = scriptOf({ cycle, style: "directive" }, { meetingDate: MEETING, checkActionStep: compound })
    expect(script.warnings.map((w) => w.message)).toEqual([
      "The granularity check does not see one granular teacher action in this step: Several techniques at once. It was agreed with an override: ‘Rehearsed as one routine last term.’."
    ])
  })

  it("by default checks with @coaching/granularity's checkActionStep, in the script's locale", () => {
    const bundle = {
      _tag: "AgreeActionStep",
      cycleId: "cycle-1",
      by: "c-grace",
      actionStep: {
        id: "cycle-1-step-1",
        text: "Allow pause time, use elaborative questioning and scaffold responses.",
        whyItWorks: "More students think.",
        override: { reason: "Agreed as a term's focus." }
      }
    }
    const cycle = runCommands([...demoCommands.slice(0, 4), bundle], { checker: compound }).cycles[0]!
    const gb = scriptOf({ cycle, style: "directive" }, { meetingDate: MEETING })
    expect(gb.warnings.map((w) => w.code)).toEqual(["ACTION_STEP_NOT_GRANULAR"])
    expect(gb.warnings[0]!.message).toBe(
      "The granularity check does not see one granular teacher action in this step: This bundles 3 separate steps; pick one to practise first (see the suggestions)." +
        " Single steps it could be split into: ‘Allow pause time.’, ‘Use elaborative questioning.’ and ‘Scaffold responses.’." +
        " It was agreed with an override: ‘Agreed as a term's focus.’."
    )
    const us = scriptOf({ cycle, style: "directive" }, { meetingDate: MEETING, locale: "en-US" })
    expect(us.warnings[0]!.message).toContain("pick one to practice first")
    // the demo's step is one routine of micro-steps: no warning
    expect(scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: MEETING }).warnings).toEqual([])
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
    expect(scriptOf({ cycle: demoCycle(), style: "directive" }, { meetingDate: Time.CalendarDate.make("2026-11-23") }).meetingDate).toBe("2026-11-23")
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
  it("opens the probe with what the follow-up saw", () => {
    const followUp = {
      _tag: "RecordFollowUp",
      cycleId: "cycle-1",
      by: "c-grace",
      followUp: { minutes: 15, evidence: "Paused after two of the three questions; named a student each time.", outcome: "partly" }
    }
    // Meeting on day 0, follow-up two days later, script for the practice session on day 3.
    const journey = runCommands([...demoCommands.slice(0, 6), followUp], { step: 8 * 3_600_000 })
    const cycle = journey.cycles[0]!
    expect(cycle.stage).toBe("Replanning")
    const script = scriptOf({ cycle, style: "balanced" }, { meetingDate: Time.CalendarDate.make("2026-11-26") })
    expect(script.occasion).toBe("practice-session")
    expect(script.probe.lines[0]).toEqual({
      kind: "say",
      text: "At the follow-up on Wednesday 25 November, the step was partly there. I saw: ‘Paused after two of the three questions; named a student each time.’"
    })
    expect(renderScript(script).split("\n")[0]).toBe("Practice session script")
    expect(lintFeedback(renderScript(script))).toEqual([])
  })
})

describe("playbook", () => {
  const lp = {
    _tag: "IdentifyLeveragePoint",
    cycleId: "cycle-1",
    by: "c-grace",
    leveragePoint: { text: "The first minutes of the lesson are spent waiting for everyone.", evidence: ["cycle-1-visit-1"] }
  }
  const step = {
    _tag: "AgreeActionStep",
    cycleId: "cycle-1",
    by: "c-grace",
    actionStep: { id: "cycle-1-step-1", text: "Greet at the door and point to the written first task.", whyItWorks: "Everyone starts at once.", techniqueId: "entry-routine" }
  }
  const cycle = () => runCommands([...demoCommands.slice(0, 3), lp, step]).cycles[0]!

  it("takes the probe's area and the technique's name from the step's technique", () => {
    const script = scriptOf({ cycle: cycle(), style: "directive" }, { meetingDate: MEETING })
    expect(script.probe.area).toBe("behaviour")
    expect(script.actionStep.lines.at(-1)).toEqual({ kind: "direction", text: "Playbook technique: Entry routine." })
  })

  it("uses the school's own playbook when given", () => {
    const playbook = {
      id: "school",
      name: "Our playbook",
      strands: [{ area: "routines", title: "Routines", techniques: [{ id: "entry-routine", title: "Do Now at the door", description: "Greet, point, start." }] }]
    }
    const script = scriptOf({ cycle: cycle(), style: "directive" }, { meetingDate: MEETING, playbook: playbook as never })
    expect(script.probe.area).toBe("routines")
    expect(script.actionStep.lines.at(-1)).toEqual({ kind: "direction", text: "Playbook technique: Do Now at the door." })
    expect(refusalOf({ cycle: cycle(), style: "directive" }, { meetingDate: MEETING, playbook: { ...playbook, strands: "none" } })).toMatchObject({
      code: "INVALID_INPUT",
      path: "options.playbook.strands"
    })
  })

  it("falls back to questions that fit any area when the area is unknown", () => {
    const script = scriptOf({ cycle: cycle(), style: "balanced" }, { meetingDate: MEETING, playbook: { id: "empty", name: "Empty", strands: [] } as never })
    expect(script.probe.area).toBe("default")
    expect(script.probe.questions).toHaveLength(2)
    expect(script.actionStep.lines.some((l) => l.text.startsWith("Playbook technique"))).toBe(false)
  })
})

