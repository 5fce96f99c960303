/**
 * The root README's two embedding examples are this package's `src/main.ts` (the pure decider)
 * and `src/store.ts` (the command service on SQLite), and docs/effect.md's is `src/effect.ts`,
 * verbatim: the typecheck compiles them, and these tests check the pages still show them and run them.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"

const root = new URL("../../../", import.meta.url)
const readme = readFileSync(new URL("README.md", root), "utf8")
const source = (file: string) => readFileSync(new URL(`../src/${file}`, import.meta.url), "utf8")
/** The README's section under `heading`, up to the next `## `. */
const section = (heading: string) => {
  const start = readme.indexOf(`\n${heading}\n`)
  const end = readme.indexOf("\n## ", start + 1)
  return readme.slice(start, end === -1 ? undefined : end)
}
const run = (file: string) =>
  execFileSync(process.execPath, ["--import", "tsx", "--conditions", "source", `src/${file}`], {
    cwd: new URL("..", import.meta.url),
    encoding: "utf8"
  })

describe("README embedding example", () => {
  it("the README shows src/main.ts verbatim", () => {
    expect(/```ts\n([\s\S]*?)```/.exec(section("## Embedding"))?.[1]).toBe(source("main.ts"))
  })

  it("runs and prints what the README says it prints", () => {
    expect(run("main.ts")).toBe("CycleStarted\nrejected: FOLLOW_UP_BEFORE_MEETING\nrejected: OPEN_CYCLE_EXISTS\nrejected: UNKNOWN_PERSON\nObserving\n")
  }, 60_000)
})

describe("README: embedding with a store", () => {
  const text = section("## Embedding with a store")

  it("the README shows src/store.ts verbatim", () => {
    expect(/```ts\n([\s\S]*?)```/.exec(text)?.[1]).toBe(source("store.ts"))
  })

  it("runs on a SQLite file and prints what the README says it prints", () => {
    const shown = /It prints:\n\n```\n([\s\S]*?)```/.exec(text)?.[1]
    expect(shown).toContain("refused: ACTION_STEP_NOT_GRANULAR")
    expect(run("store.ts")).toBe(shown)
  }, 60_000)
})

describe("docs/effect.md", () => {
  const doc = readFileSync(new URL("docs/effect.md", root), "utf8")

  it("shows src/effect.ts verbatim", () => {
    expect(/```ts\n([\s\S]*?)```/.exec(doc)?.[1]).toBe(source("effect.ts"))
  })

  it("runs and prints what the page says it prints", () => {
    expect(run("effect.ts")).toBe(/It prints:\n\n```\n([\s\S]*?)```/.exec(doc)?.[1])
  }, 60_000)
})
