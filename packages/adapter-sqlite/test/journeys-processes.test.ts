/**
 * The command service keeps journeys in memory; another PROCESS writing the same SQLite file
 * must never make it decide on a stale journey or lose an event. This process keeps the demo
 * teacher's journey cached while a child process (its own store and `Journeys`) appends to it:
 * before our next command (the kept journey catches up from the store), and between our
 * decision and our append (the expected-version append refuses, the service reloads and decides
 * again).
 */
import { Access, Demo, Granularity, Journeys, type Store } from "@coaching/core"
import Database from "better-sqlite3"
import { Effect, Exit, Scope } from "effect"
import { spawnSync } from "node:child_process"
import { rmSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Sql, SqliteStore } from "../src/index.js"
import { bundleChild, makeTempDir } from "./support.js"

let childFile = ""
const teacherId = Demo.people.teacherId
const teacher = Access.principal("teacher", teacherId)
const streamId = `journey-${teacherId}`
let dir: string

beforeAll(async () => {
  dir = makeTempDir()
  childFile = await bundleChild("journey-child")

}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The other process: one AddReflection through its own store and service; what it printed. */
const otherProcessAdds = (filename: string, reflectionId: string): string => {
  const r = spawnSync(process.execPath, [childFile, filename, reflectionId], { encoding: "utf8" })
  if (r.status !== 0) throw new Error(`the other process failed (${r.status}): ${r.stderr}`)
  return r.stdout.trim()
}

/** The reflection ids on disk, in version order (read through a connection of our own). */
const storedIds = (filename: string): Array<string> => {
  const db = new Database(filename, { readonly: true })
  try {
    const rows = db.prepare(Sql.raw.streamRows).all(streamId) as Array<{ version: number; json: string }>
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i + 1))
    return rows.map((r) => (JSON.parse(r.json) as { reflection: { id: string } }).reflection.id)
  } finally {
    db.close()
  }
}

/** A store on `filename` holding the demo people, and a cleanup. */
const openStore = async (filename: string) => {
  const scope = await Effect.runPromise(Scope.make())
  const store = await Effect.runPromise(Scope.provide(SqliteStore.make({ filename, busyTimeoutMs: 10_000 }), scope))
  await Effect.runPromise(Effect.gen(function*() {
    for (const p of Demo.records().people) yield* store.records("person").put(p)
    for (const r of Demo.records().relationships) yield* store.records("relationship").put(r)
  }))
  return { store, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

const reflect = (journeys: Journeys.JourneysService, id: string) =>
  Effect.runPromise(Effect.result(journeys.execute(teacher, teacherId, { _tag: "AddReflection", by: teacherId, reflection: { id, text: "Noticed today." } })))

describe("a journey kept in memory while another process writes the same file", () => {
  it("the next command catches up with the other process's events before deciding", async () => {
    const filename = join(dir, "catch-up.db")
    const { close, store } = await openStore(filename)
    const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll })
    try {
      expect(await reflect(journeys, "r-1")).toMatchObject({ _tag: "Success", success: { version: 1 } }) // now kept at version 1
      expect(otherProcessAdds(filename, "r-2")).toBe("ok 2")
      // Decided on the kept version 1 this would be accepted; caught up, r-2 is already recorded.
      expect(await reflect(journeys, "r-2")).toMatchObject({ _tag: "Failure", failure: { code: "DUPLICATE_ID" } })
      expect(await reflect(journeys, "r-3")).toMatchObject({ _tag: "Success", success: { version: 3 } })
      expect(storedIds(filename)).toEqual(["r-1", "r-2", "r-3"])
    } finally {
      await close()
    }
  }, 60_000)

  it("another process writes between our decision and our append: the expected version refuses it, the service decides again", async () => {
    const filename = join(dir, "race.db")
    const { close, store } = await openStore(filename)
    // The other process runs inside our append, after we decided on the kept journey and before our write.
    let raceWith: string | undefined
    const racing: Store.CoachingStoreService = {
      ...store,
      append: (id, events, options) =>
        Effect.suspend(() => {
          if (raceWith !== undefined) {
            expect(otherProcessAdds(filename, raceWith)).toMatch(/^ok \d+$/)
            raceWith = undefined
          }
          return store.append(id, events, options)
        })
    }
    const journeys = Journeys.make(racing, { checkActionStep: Granularity.acceptAll })
    try {
      expect(await reflect(journeys, "r-1")).toMatchObject({ _tag: "Success", success: { version: 1 } })
      // The same reflection id from both processes: exactly one is recorded, ours is refused after the retry.
      raceWith = "r-same"
      expect(await reflect(journeys, "r-same")).toMatchObject({ _tag: "Failure", failure: { code: "DUPLICATE_ID" } })
      // A different id: ours is decided again on the caught-up journey and lands after the other's.
      raceWith = "r-theirs"
      expect(await reflect(journeys, "r-ours")).toMatchObject({ _tag: "Success", success: { version: 4 } })
      expect(storedIds(filename)).toEqual(["r-1", "r-same", "r-theirs", "r-ours"])
      // The kept journey is the stored one: a load sees all four, in order.
      const view = await Effect.runPromise(journeys.load(teacher, teacherId))
      expect(view.version).toBe(4)
      expect(view.journey.reflections.map((r) => r.reflection.id)).toEqual(["r-1", "r-same", "r-theirs", "r-ours"])
    } finally {
      await close()
    }
  }, 60_000)
})
