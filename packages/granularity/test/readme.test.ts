import { readFileSync } from "node:fs"
import { format } from "node:util"
import { describe, expect, it } from "vitest"
import * as granularity from "../src/index.js"

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/gu)].map((m) => ({ lang: m[1], body: m[2]! }))

describe("README", () => {
  it("the example prints what the README says it prints", () => {
    const example = blocks.find((b) => b.lang === "js")
    const output = blocks.find((b) => b.lang === "text")
    expect(example?.body).toContain('from "@coaching/granularity"')
    const lines: Array<string> = []
    const code = example!.body.replace(/^import \{([^}]*)\} from "@coaching\/granularity"$/mu, "const {$1} = granularity")
    new Function("granularity", "console", code)(granularity, { log: (...args: Array<unknown>) => lines.push(format(...args)) })
    expect(lines.join("\n").trim()).toBe(output!.body.trim())
  })
})

describe("README: Versions", () => {
  it("the versions the example names are the ones @coaching/granularity/version gives", async () => {
    const { checkerVersion } = await import("@coaching/granularity/version")
    const example = blocks.find((b) => b.body.includes('from "@coaching/granularity/version"'))!.body
    const named = [...example.matchAll(/^(checkerVersion\(.*?\))\s+\/\/ "([^"]+)"/gmu)].map((m) => [m[1], m[2]])
    expect(named).toEqual([
      ["checkerVersion()", checkerVersion()],
      ['checkerVersion({ locale: "en-US" })', checkerVersion({ locale: "en-US" })]
    ])
    expect(checkerVersion({ locale: "en-US" })).toBe(granularity.makeChecker({ locale: "en-US" }).version)
  })
})
