/** docs/errors.md lists every finding code the checker can return. */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { findingCodes } from "../src/index.js"

describe("docs", () => {
  it("docs/errors.md lists every finding code", () => {
    const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8")
    expect(findingCodes.filter((code) => !doc.includes(`| \`${code}\` |`))).toEqual([])
  })
})
