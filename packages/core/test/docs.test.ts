/**
 * Documentation that cannot rot: every error code is listed in docs/errors.md, and the README's
 * example is examples/readme.ts verbatim, runs, and prints what the README shows.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { Cycle, Errors, Export, Store } from "../src/index.js"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")

describe("docs", () => {
  it("docs/errors.md lists every code the core can produce", () => {
    const doc = read("../../../docs/errors.md")
    const codes = [
      ...Errors.cycleErrorCodes,
      ...Export.exportErrorCodes,
      "VERSION_CONFLICT",
      "ACCESS_DENIED",
      ...Store.storeErrorCodes,
      ...Store.invalidInputCodes,
      ...Cycle.advisoryCodes,
      "PLAYBOOK_CSV_INVALID",
      ...Errors.playbookCsvProblemCodes
    ]
    expect(codes.filter((code) => !doc.includes(`\`${code}\``))).toEqual([])
  })

  it("the README example is examples/readme.ts, and it prints what the README shows", () => {
    const readme = read("../README.md")
    const source = read("../examples/readme.ts")
    expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(source)
    const shown = /It prints:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1]
    const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions", "source", "examples/readme.ts"], {
      cwd: new URL("..", import.meta.url),
      encoding: "utf8"
    })
    expect(out).toBe(shown)
  })
})
