import { Cycle, Demo, Policy } from "@coaching/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { checkActionStep, checkerVersion } from "../src/index.js"

const start = Date.UTC(2026, 10, 23, 9, 0, 0)
const context: Cycle.Context = { policy: Policy.defaultPolicy, clock: () => start, checkActionStep, people: Demo.directory() }

/** The demo cycle up to the leverage point: the journey stands at "Diagnosed". */
const diagnosed = (): Cycle.Journey => {
  let journey = Cycle.initialState
  for (const command of Demo.cycleCommands("2026-11-30").slice(0, 4)) {
    const decision = Cycle.decide(journey, command, context)
    if (Result.isFailure(decision)) throw new Error(decision.failure.message)
    journey = Cycle.replay(decision.success, journey)
  }
  return journey
}

const agree = (text: string, override?: { reason: string }) => ({
  _tag: "AgreeActionStep",
  cycleId: Demo.people.cycleId,
  by: Demo.people.coachId,
  actionStep: { id: `step-${text.length}`, text, whyItWorks: "Every student gets time to think.", ...(override ? { override } : {}) }
})

describe("checkActionStep as the cycle's checker", () => {
  it("lets a granular step through, with its report recorded", () => {
    const journey = diagnosed()
    expect(Cycle.findCycle(journey, Demo.people.cycleId)?.stage).toBe("Diagnosed")
    const decision = Cycle.decide(journey, agree("Pose the question, pause for five seconds, then name a student to answer."), context)
    expect(Result.isSuccess(decision)).toBe(true)
    const [event] = Result.getOrThrow(decision)
    expect(event?._tag).toBe("ActionStepAgreed")
    // the report names the checker that made it, so validation can recompute it (decision 0010)
    if (event?._tag === "ActionStepAgreed") {
      expect(event.actionStep.granularity).toEqual({ granular: true, score: 1, findings: [], suggestions: [], checker: checkerVersion() })
    }
  })

  it("rejects a bundle with ACTION_STEP_NOT_GRANULAR naming COMPOUND, and changes nothing", () => {
    const journey = diagnosed()
    const decision = Cycle.decide(journey, agree("Allow pause time, use elaborative questioning and scaffold responses."), context)
    expect(Result.isFailure(decision)).toBe(true)
    if (Result.isFailure(decision)) {
      expect(decision.failure.code).toBe("ACTION_STEP_NOT_GRANULAR")
      expect(decision.failure).toMatchObject({ _tag: "NotGranular", findings: ["COMPOUND"] })
      expect(decision.failure.message).toContain("separate steps")
    }
    expect(Cycle.findCycle(journey, Demo.people.cycleId)?.stage).toBe("Diagnosed")
  })

  it("accepts the same bundle with an override and a written reason, keeping the report", () => {
    const decision = Cycle.decide(
      diagnosed(),
      agree("Allow pause time, use elaborative questioning and scaffold responses.", { reason: "The teacher asked to rehearse the three together as one questioning sequence." }),
      context
    )
    expect(Result.isSuccess(decision)).toBe(true)
    const [event] = Result.getOrThrow(decision)
    if (event?._tag !== "ActionStepAgreed") throw new Error("expected ActionStepAgreed")
    expect(event.actionStep.override?.reason).toContain("rehearse")
    expect(event.actionStep.granularity.granular).toBe(false)
    expect(event.actionStep.granularity.suggestions).toHaveLength(3)
  })
})
