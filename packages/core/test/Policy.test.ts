import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Export, Policy, Time } from "../src/index.js"
import { RUNS } from "./support.js"

describe("Policy", () => {
  it("defaults: follow-up 1–84 days (warn past 28), at least 1 rep, 7–10 the target, report groups of at least 5", () => {
    expect(Policy.defaultPolicy).toEqual({
      followUp: { minDays: 1, recommendedMaxDays: 28, maxDays: 84 },
      rehearsal: { minReps: 1, targetMin: 7, targetMax: 10 }
    })
    expect(Result.getOrThrow(Policy.make())).toEqual(Policy.defaultPolicy)
    expect(Policy.minGroupSize(Policy.defaultPolicy)).toBe(5)
    expect(Policy.calibrationOf(Policy.defaultPolicy)).toBe("recorded")
    expect(Policy.minGroupSize(Result.getOrThrow(Policy.make({ reports: { minGroupSize: 8 } })))).toBe(8)
  })

  it("given a policy written before reports existed, when it is decoded, then it is valid and reports use groups of 5", () => {
    const old = { followUp: { minDays: 1, recommendedMaxDays: 28, maxDays: 84 }, rehearsal: { minReps: 1, targetMin: 7, targetMax: 10 } }
    const decoded = Policy.decode(old)
    expect(Result.getOrThrow(decoded)).toEqual(old)
    expect(Policy.minGroupSize(Result.getOrThrow(decoded))).toBe(5)
    // and an export whose header holds such a policy still validates
    const doc = { ...JSON.parse(Export.encode(Export.make({}))), policy: old }
    expect(Export.validate(doc)).toEqual({ valid: true, violations: [] })
    expect(Export.validate({ ...doc, policy: { ...old, reports: { minGroupSize: 1 } } }).violations.map((v) => v.path)).toEqual(["$.policy.reports.minGroupSize"])
  })

  it.each([
    [{ followUp: { recommendedMaxDays: 90 } }, "$.followUp"],
    [{ followUp: { minDays: 0 } }, "$.followUp"],
    [{ followUp: { maxDays: 2.5 } }, "$.followUp.maxDays"],
    [{ rehearsal: { minReps: 0 } }, "$.rehearsal.minReps"],
    [{ rehearsal: { targetMin: 12 } }, "$.rehearsal"],
    [{ reports: { minGroupSize: 2 } }, "$.reports.minGroupSize"],
    [{ reports: { minGroupSize: 5.5 } }, "$.reports.minGroupSize"]
  ])("an invalid policy %j is an INVALID_POLICY at %s", (input, path) => {
    const result = Policy.make(input as Policy.PolicyInput)
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isFailure(result)) {
      expect(result.failure.code).toBe("INVALID_POLICY")
      expect(result.failure.path).toBe(path)
      expect(result.failure.message).toContain(path)
    }
  })

  it("decode rejects unknown fields and non-objects", () => {
    expect(Result.isFailure(Policy.decode({ ...Policy.defaultPolicy, grades: true }))).toBe(true)
    expect(Result.isFailure(Policy.decode("strict"))).toBe(true)
  })

  it("adviseDue classifies a due date against the day it is set", () => {
    const day = "2026-11-02" as Time.CalendarDate
    const at = (n: number) => Policy.adviseDue(Policy.defaultPolicy, day, Time.addDays(day, n))
    expect([at(0), at(1), at(28), at(29), at(84), at(85)]).toEqual(["too-soon", "ok", "ok", "beyond-recommended", "beyond-recommended", "too-late"])
  })

  it("adviseReps reports against the target", () => {
    const at = (n: number) => Policy.adviseReps(Policy.defaultPolicy, n)
    expect([at(0), at(1), at(6), at(7), at(10), at(11)]).toEqual(["below-minimum", "below-target", "below-target", "on-target", "on-target", "above-target"])
  })

  it("adviseDue agrees with daysBetween for any pair of days (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -400, max: 400 }), (start, offset) => {
        const from = Time.addDays("1900-01-01" as Time.CalendarDate, start)
        const due = Time.addDays(from, offset)
        expect(Time.daysBetween(from, due)).toBe(offset)
        const advice = Policy.adviseDue(Policy.defaultPolicy, from, due)
        expect(advice === "too-soon").toBe(offset < 1)
        expect(advice === "too-late").toBe(offset > 84)
      }),
      { numRuns: RUNS }
    )
  })
})
