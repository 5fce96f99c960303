import type { Granularity } from "@coaching/core"
import { describe, expectTypeOf, it } from "vitest"
import { checkActionStep, type FindingCode, findingCodes, type GranularityOptions, type GranularityReport, makeChecker } from "../src/index.js"

// Checked by `tsc -b` (the test folder is part of the package's project) and by vitest's expectTypeOf.
const asChecker: Granularity.Checker = checkActionStep
const bound: Granularity.Checker = makeChecker({ locale: "en-US", maxLength: 500 })

describe("types", () => {
  it("checkActionStep is a core Granularity.Checker returning core's GranularityReport", () => {
    expectTypeOf(checkActionStep).toExtend<Granularity.Checker>()
    expectTypeOf(checkActionStep).returns.toEqualTypeOf<Granularity.GranularityReport>()
    expectTypeOf<GranularityReport>().toEqualTypeOf<Granularity.GranularityReport>()
    expectTypeOf(asChecker).toEqualTypeOf<Granularity.Checker>()
    expectTypeOf(bound).toEqualTypeOf<Granularity.Checker>()
    expectTypeOf(checkActionStep).parameter(1).toEqualTypeOf<GranularityOptions | undefined>()
  })

  it("FindingCode is the union of findingCodes", () => {
    expectTypeOf<FindingCode>().toEqualTypeOf<(typeof findingCodes)[number]>()
    expectTypeOf<"COMPOUND">().toExtend<FindingCode>()
    expectTypeOf<"NOT_A_CODE">().not.toExtend<FindingCode>()
    expectTypeOf<GranularityOptions["locale"]>().toEqualTypeOf<"en-GB" | "en-US" | undefined>()
  })
})
