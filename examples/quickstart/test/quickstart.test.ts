import { Cycle, Ids } from "@coaching/core"
import { Effect } from "effect"
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { ada, run } from "../src/Quickstart.js"

const dir = mkdtempSync(join(tmpdir(), "coaching-quickstart-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("quickstart", () => {
  it("walks Ada through a full cycle, printing the script and the journey; a rerun continues the journey", async () => {
    const filename = join(dir, "first", "coaching.db")
    mkdirSync(join(dir, "first"), { recursive: true })
    const lines: Array<string> = []
    const first = await Effect.runPromise(run(filename, (l) => lines.push(l)))
    const text = lines.join("\n")
    expect(first.cycleId).toBe("cycle-1")
    expect(first.scriptPrinted).toBe(true)
    expect(first.journey.version).toBe(7)
    expect(first.journey.cycles[0]!.stage).toBe("Secured")
    // The real checker's verdict is recorded, and the real script is printed before the meeting.
    expect(first.journey.cycles[0]!.actionSteps[0]!.actionStep.granularity).toMatchObject({ granular: true })
    expect(text).toMatch(/Feedback meeting script: Ada[\s\S]*1\. Precise praise[\s\S]*6\. Set the timeline[\s\S]*recorded FeedbackMeetingHeld/)
    expect(text).toContain("Ada's journey — 7 events, 1 cycle(s):")

    const again: Array<string> = []
    const second = await Effect.runPromise(run(filename, (l) => again.push(l)))
    expect(second.cycleId).toBe("cycle-2")
    expect(second.journey.version).toBe(14)
    expect(second.journey.cycles.map((c) => [c.id, c.stage, c.follows])).toEqual([
      ["cycle-1", "Secured", undefined],
      ["cycle-2", "Secured", "cycle-1"]
    ])
    expect(again.join("\n")).toContain("starting cycle-2, following cycle-1")
    expect(Cycle.openCycle(second.journey)).toBeUndefined()
    expect(Ids.journeyStreamId(ada.id)).toBe("journey-t-ada")
  })

  it("runs as `npm run demo` does: a real process on ./data/quickstart.db under the folder it is run from", () => {
    const cwd = join(dir, "cli")
    mkdirSync(cwd, { recursive: true })
    // `npm run demo` runs the workspace's script in its own folder, with INIT_CWD = where it was typed.
    const pkg = new URL("..", import.meta.url).pathname
    const start = () =>
      execFileSync(process.execPath, ["--conditions=source", "--import", "tsx", "src/main.ts"], {
        cwd: pkg,
        env: { ...process.env, INIT_CWD: cwd },
        encoding: "utf8"
      })
    const out = start()
    expect(out).toContain("Coaching store: ./data/quickstart.db")
    expect(out).toContain("Ada's journey — 7 events")
    const rerun = start()
    expect(rerun).toContain("Ada's journey — 14 events, 2 cycle(s)")
    expect(rerun).toContain("follows cycle-1")
  })
})
