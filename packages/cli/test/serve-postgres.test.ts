/**
 * Two server instances, one PostgreSQL store: two `coaching serve --store postgres:URL` processes
 * on two ports over one database (as N instances behind a load balancer run), commands for the
 * same teachers sent to both, interleaved and racing; every journey then reads the same through
 * either instance, and the store's export validates.
 */
import { Demo, Export, type Ids, Time } from "@coaching/core"
import type { ChildProcess } from "node:child_process"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ensureBuilt, runBin, tempDir } from "./support/bin.js"
import { scratchDatabase, startServe as serve } from "./support/servers.js"

const { create, drop, url } = scratchDatabase("coaching_serve")
const store = `postgres:${url}`

const tmp = tempDir()
const coachId = "c-grace"
const teachers = ["t-1", "t-2", "t-3", "t-4"]
const who = (teacherId: string, cycleId = "cycle-1") => ({ teacherId: teacherId as Ids.PersonId, coachId: coachId as Ids.PersonId, cycleId: cycleId as Ids.CycleId })
const servers: Array<ChildProcess> = []
let urls: Array<string> = []
let token = ""

/** Starts `coaching serve` on a free port over the PostgreSQL store. */
const startServe = () => serve(["--store", store, "--port", "0"], (server) => servers.push(server))

beforeAll(async () => {
  ensureBuilt()
  await create()
  // the school: one coach and four teachers she coaches, imported as an operator would
  const records = teachers.map((t) => Demo.records(who(t)))
  const people = [...new Map(records.flatMap((r) => r.people).map((p) => [p.id, p])).values()]
  const doc = Export.encode(Export.make({ people, relationships: records.flatMap((r) => r.relationships) }))
  const imported = runBin(["import", tmp.file("school.json", doc), "--to", store])
  expect(imported.status, imported.stderr).toBe(0)
  const made = runBin(["tokens", "create", "--role", "coach", "--person", coachId, "--store", store])
  expect(made.status, made.stderr).toBe(0)
  token = made.stdout.trim()
  urls = await Promise.all([startServe(), startServe()])
}, 300_000)

afterAll(async () => {
  for (const server of servers) server.kill("SIGKILL")
  tmp.cleanup()
  await drop()
}, 60_000)

let commandCounter = 0
const send = async (base: string, teacherId: string, command: unknown, commandId = `cmd-${++commandCounter}`) => {
  const request = () =>
    fetch(`${base}/journeys/${teacherId}/commands`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ commandId, command })
    })
  // a kept-alive connection closed while a slow machine waited: the same id is safe to send again
  const response = await request().catch(request)
  return { status: response.status, json: await response.json() as any }
}

const read = async (base: string, teacherId: string) => {
  const response = await fetch(`${base}/journeys/${teacherId}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, text: await response.text() }
}

describe("two `coaching serve` instances over one PostgreSQL database", () => {
  it("both listen on their own port over the same store", () => {
    expect(urls).toHaveLength(2)
    expect(urls[0]).not.toBe(urls[1])
    for (const u of urls) expect(u).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it("a whole cycle per teacher, each command sent to the other instance than the last, all teachers at once", async () => {
    const due = Time.addDays(Time.today(), 7)
    await Promise.all(teachers.map(async (teacherId, t) => {
      const commands = Demo.cycleCommands(due, who(teacherId))
      for (const [k, command] of commands.entries()) {
        const r = await send(urls[(k + t) % 2]!, teacherId, command)
        expect(r.status, `${teacherId} command ${k}: ${JSON.stringify(r.json)}`).toBe(200)
        expect(r.json.version).toBe(k + 1)
      }
    }))
  }, 120_000)

  it("the same command id sent to the other instance is answered with the first result and appended once", async () => {
    const command = { _tag: "StartCycle", cycleId: "cycle-2", by: coachId, teacherId: "t-1", coachId, follows: "cycle-1" }
    const first = await send(urls[0]!, "t-1", command, "retry-across-instances")
    expect(first.status, JSON.stringify(first.json)).toBe(200)
    const again = await send(urls[1]!, "t-1", command, "retry-across-instances")
    expect(again.status).toBe(200)
    expect(again.json.version).toBe(first.json.version)
    expect(again.json.events).toEqual(first.json.events)
    expect(JSON.parse((await read(urls[1]!, "t-1")).text).version).toBe(first.json.version)
  }, 60_000)

  it("racing starts for one teacher on both instances: exactly one opens a cycle, the other is refused by the rules", async () => {
    for (const teacherId of teachers.slice(1)) {
      const start = (cycleId: string) => ({ _tag: "StartCycle", cycleId, by: coachId, teacherId, coachId, follows: "cycle-1" })
      const [a, b] = await Promise.all([send(urls[0]!, teacherId, start("cycle-2a")), send(urls[1]!, teacherId, start("cycle-2b"))])
      expect([a.status, b.status].sort(), `${teacherId}: ${JSON.stringify([a.json, b.json])}`).toEqual([200, 422])
      const loser = a.status === 422 ? a : b
      expect(loser.json.code).toBe("OPEN_CYCLE_EXISTS")
    }
  }, 60_000)

  it("every journey reads the same through either instance, and the store's export validates", async () => {
    for (const teacherId of teachers) {
      const [a, b] = await Promise.all(urls.map((u) => read(u, teacherId)))
      expect(a!.status).toBe(200)
      expect(a!.text).toBe(b!.text)
      const journey = JSON.parse(a!.text) as { version: number; events: Array<{ version: number; event: { _tag: string } }> }
      // one full cycle (7 events) and one more start; versions 1..n with no gap and no repeat
      expect(journey.version).toBe(8)
      expect(journey.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
      expect(journey.events.filter((e) => e.event._tag === "CycleStarted")).toHaveLength(2)
    }
    const exported = tmp.file("export.json", runBin(["export", "--from", store]).stdout)
    const validated = runBin(["validate", exported])
    expect(validated.status, validated.stdout + validated.stderr).toBe(0)
  }, 60_000)
})
