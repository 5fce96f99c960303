/**
 * The README's example is `examples/readme.ts`, verbatim, and the output the README shows is
 * what running it prints: the example cannot rot.
 */
import { readFileSync } from "node:fs"
import { afterEach, describe, expect, it, vi } from "vitest"

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8")
const block = (readme: string, name: string): string => {
  const match = new RegExp(`<!-- ${name}:start -->\\n\`\`\`[a-z]+\\n([\\s\\S]*?)\`\`\`\\n<!-- ${name}:end -->`).exec(readme)
  if (match === null) throw new Error(`README has no ${name} block`)
  return match[1]!
}

describe("README", () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it("shows examples/readme.ts verbatim", () => {
    expect(block(read("../README.md"), "example")).toBe(read("../examples/readme.ts"))
  })

  it("shows exactly what the example prints", async () => {
    const lines: Array<string> = []
    vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
      lines.push(args.map(String).join(" "))
    })
    await import("../examples/readme.js")
    expect(`${lines.join("\n")}\n`).toBe(block(read("../README.md"), "output"))
    expect(lines[0]!.split("\n")[0]).toBe("Feedback meeting script: Ada")
  })

  it("shows examples/method.ts verbatim, and exactly what it prints: a facilitative and a continuing cycle's script", async () => {
    expect(block(read("../README.md"), "method")).toBe(read("../examples/method.ts"))
    const lines: Array<string> = []
    vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
      lines.push(args.map(String).join(" "))
    })
    await import("../examples/method.js")
    const printed = `${lines.join("\n")}\n`
    expect(printed).toBe(block(read("../README.md"), "method-output"))
    expect(printed).toContain("Teacher: My action step is to …")
    expect(printed).toContain("Coach: You have secured ‘pose the question, pause for five seconds, then name a student to answer’. At the follow-up on Monday 23 November")
  })
})
