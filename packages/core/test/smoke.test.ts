import { describe, expect, it } from "vitest"
import { Cycle } from "../src/index.js"

describe("smoke", () => {
  it("starts empty", () => {
    expect(Cycle.initialState.version).toBe(0)
  })
})
