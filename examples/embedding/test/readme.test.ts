/**
 * The root README's embedding example is this package's `src/main.ts`, verbatim: the typecheck
 * compiles it, and this test checks the README still shows it and runs it.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"

const root = new URL("../../../", import.meta.url)
const source = readFileSync(new URL("../src/main.ts", import.meta.url), "utf8")

describe("README embedding example", () => {
  it("the README shows src/main.ts verbatim", () => {
    const readme = readFileSync(new URL("README.md", root), "utf8")
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf("## Embedding")))?.[1]
    expect(block).toBe(source)
  })

  it("runs and prints what the README says it prints", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions", "source", "src/main.ts"], {
      cwd: new URL("..", import.meta.url),
      encoding: "utf8"
    })
    expect(out).toBe("CycleStarted\nrejected: FOLLOW_UP_BEFORE_MEETING\nrejected: OPEN_CYCLE_EXISTS\nrejected: UNKNOWN_PERSON\nObserving\n")
  })
})
