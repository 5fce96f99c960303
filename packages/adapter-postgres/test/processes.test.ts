/**
 * Many processes, one store: several writer processes (not fibres) run core's command service
 * against one PostgreSQL database, recording cycles for the same teachers, as server instances
 * behind a load balancer would. Afterwards, read straight from the database: every journey
 * replays through the decider (`Export.validate` of the whole store), no version holds two events
 * and every stream's versions run 1..n, single focus held after every event, and every append a
 * writer saw acknowledged is there, event for event. The second test SIGKILLs writers mid-run and
 * checks the same (an acknowledged append survives its writer; an unacknowledged one is whole or
 * absent; the survivors are not blocked by the dead writers' locks).
 */
import { Cycle, Demo, Export, type Events, Ids, Transfer } from "@coaching/core"
import { Effect } from "effect"
import { build } from "esbuild"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { isDeepStrictEqual } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { PgStore, Sql } from "../src/index.js"
import { connect, createDatabase, dropDatabase } from "./support.js"

const here = new URL(".", import.meta.url).pathname
// The child is bundled once (plain node then starts in a fraction of a second).
const childFile = join(here, "..", "build", "test-child", "writer.mjs")

beforeAll(async () => {
  mkdirSync(join(here, "..", "build", "test-child"), { recursive: true })
  await build({
    entryPoints: [join(here, "fixtures", "writer.ts")],
    outfile: childFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    conditions: ["source"],
    external: ["pg"],
    logLevel: "error",
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }
  })
}, 120_000)

const TEACHERS = Array.from({ length: 4 }, (_, i) => `t-many-${i}` as Ids.PersonId)
const COACHES = Array.from({ length: 3 }, (_, i) => `c-many-${i}` as Ids.PersonId)

interface Ack {
  readonly teacherId: Ids.PersonId
  readonly version: number
  readonly events: ReadonlyArray<Events.JourneyEvent>
}

interface Writer {
  readonly child: ChildProcess
  readonly acks: Array<Ack>
  /** What the writer printed last (`done {counts}`), if it finished. */
  done: string | undefined
  stderr: string
  readonly exited: Promise<number | null>
}

const startWriter = (url: string, writer: number, rounds: number): Writer => {
  const child = spawn(process.execPath, [childFile, url, String(writer), String(rounds), TEACHERS.join(","), COACHES.join(",")], {
    stdio: ["ignore", "pipe", "pipe"]
  })
  const w: Writer = { child, acks: [], done: undefined, stderr: "", exited: undefined as unknown as Promise<number | null> }
  child.stderr!.on("data", (d) => (w.stderr += String(d)))
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("ack ")) w.acks.push(JSON.parse(line.slice(4)) as Ack)
    else if (line.startsWith("done ")) w.done = line.slice(5)
  })
  // "close" comes after stdout is drained, so every ack the child wrote has been counted.
  ;(w as { exited: Promise<number | null> }).exited = new Promise((resolve) => child.on("close", (code) => resolve(code)))
  return w
}

/** A database with the people and relationships the writers act as (every coach coaches every teacher). */
const school = async () => {
  const db = await createDatabase("many")
  await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const store = yield* PgStore.make({ url: db.url })
    for (const teacherId of TEACHERS) {
      for (const coachId of COACHES) {
        const { people, relationships } = Demo.records({ teacherId, coachId, cycleId: "unused" as Ids.CycleId })
        for (const person of people) yield* store.records("person").put(person)
        for (const relationship of relationships) yield* store.records("relationship").put(relationship)
      }
    }
  })))
  return db
}

/** Everything the checks need, read straight from the database after the writers are gone. */
const inspect = async (url: string, acks: ReadonlyArray<Ack>) => {
  const client = await connect(url)
  try {
    const duplicates = (await client.query(Sql.raw.duplicateVersions)).rows
    const inconsistent = (await client.query(Sql.raw.inconsistentStreams)).rows
    const streams = new Map<string, Array<{ version: number; json: string }>>()
    for (const teacherId of TEACHERS) {
      streams.set(teacherId, (await client.query<{ version: number; json: string }>(Sql.raw.streamRows, [Ids.journeyStreamId(teacherId)])).rows)
    }
    // The whole store as an export, replayed through the decider by Export.validate.
    const doc = await Effect.runPromise(Effect.scoped(Effect.flatMap(PgStore.make({ url }), (store) => Transfer.exportDocument(store))))
    const report = Export.validate(JSON.parse(Export.encode(doc)))
    // Single focus after every event, not only at the end.
    const focus: Array<string> = []
    for (const [teacherId, rows] of streams) {
      let journey = Cycle.initialState
      for (const row of rows) {
        journey = Cycle.replay([JSON.parse(row.json) as Events.JourneyEvent], journey)
        const open = journey.cycles.filter((c) => !Cycle.isEnded(c)).length
        if (open > 1) focus.push(`${teacherId} has ${open} open cycles at version ${row.version}`)
      }
    }
    // Every acknowledged append, event for event, at the versions it was acknowledged with.
    const missing: Array<string> = []
    for (const ack of acks) {
      const rows = streams.get(ack.teacherId) ?? []
      ack.events.forEach((event, i) => {
        const version = ack.version - ack.events.length + 1 + i
        const row = rows[version - 1]
        if (row === undefined || row.version !== version) missing.push(`${ack.teacherId} v${version}: missing`)
        // The same event, whatever the order of its keys.
        else if (!isDeepStrictEqual(JSON.parse(row.json), JSON.parse(JSON.stringify(event)))) {
          missing.push(`${ack.teacherId} v${version}: another event is stored there`)
        }
      })
    }
    const events = [...streams.values()].reduce((n, rows) => n + rows.length, 0)
    return { duplicates, inconsistent, report, focus, missing, events, doc }
  } finally {
    await client.end()
  }
}

const expectSound = (result: Awaited<ReturnType<typeof inspect>>, acks: number) => {
  expect(result.duplicates, "versions holding two events").toEqual([])
  expect(result.inconsistent, "streams whose versions are not 1..n").toEqual([])
  expect(result.report.violations, "the journeys replayed through the decider").toEqual([])
  expect(result.report.valid).toBe(true)
  expect(result.focus, "single focus after every event").toEqual([])
  expect(result.missing, "acknowledged appends").toEqual([])
  expect(result.events).toBeGreaterThanOrEqual(acks)
}

describe("many processes, one store", () => {
  it("4 writer processes running the command service on the same 4 teachers: every journey replays, one event per version, single focus, every acknowledged append there", async () => {
    const db = await school()
    try {
      const writers = Array.from({ length: 4 }, (_, w) => startWriter(db.url, w, 8))
      const codes = await Promise.all(writers.map((w) => w.exited))
      expect(codes, writers.map((w) => w.stderr).join("\n")).toEqual([0, 0, 0, 0])
      const acks = writers.flatMap((w) => w.acks)
      const result = await inspect(db.url, acks)
      expectSound(result, acks.length)
      // They really wrote the same teachers, and the rules really refused some starts (single focus).
      for (const w of writers) expect(w.acks.length, `writer ${writers.indexOf(w)}`).toBeGreaterThan(0)
      const refused = writers.map((w) => JSON.parse(w.done!) as { refused: Record<string, number> })
      const openExists = refused.reduce((n, r) => n + (r.refused["OPEN_CYCLE_EXISTS"] ?? 0), 0)
      expect(openExists).toBeGreaterThan(0)
      const secured = result.doc.journeys.flatMap((j) => j.events).filter((e) => e._tag === "FollowUpRecorded").length
      console.log(
        `many processes: 4 writers, ${acks.length} acknowledged commands, ${result.events} events in ${TEACHERS.length} journeys, ` +
          `${secured} cycles secured, ${openExists} starts refused (OPEN_CYCLE_EXISTS); refusals ${JSON.stringify(refused.map((r) => r.refused))}`
      )
    } finally {
      await dropDatabase(db.name)
    }
  }, 300_000)

  it("SIGKILL mid-run: 2 of 4 writers killed at random moments; the rest finish, and the store is as sound", async () => {
    const db = await school()
    try {
      const writers = Array.from({ length: 4 }, (_, w) => startWriter(db.url, w, w < 2 ? 1000 : 8))
      const killed = writers.slice(0, 2)
      await Promise.all(killed.map(async (w) => {
        // Mid-run: after a few acknowledged commands, at a random moment between two.
        while (w.acks.length < 3 && w.child.exitCode === null) await new Promise((r) => setTimeout(r, 20))
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 200)))
        w.child.kill("SIGKILL")
      }))
      const codes = await Promise.all(writers.map((w) => w.exited))
      expect(codes.slice(0, 2)).toEqual([null, null])
      // The survivors finish: a dead writer's open transaction and row locks died with its connections.
      expect(codes.slice(2), writers.map((w) => w.stderr).join("\n")).toEqual([0, 0])
      const acks = writers.flatMap((w) => w.acks)
      const result = await inspect(db.url, acks)
      expectSound(result, acks.length)
      console.log(
        `SIGKILL: killed writers after ${killed.map((w) => w.acks.length).join(" and ")} acknowledged commands; ` +
          `${acks.length} acknowledged in all, ${result.events} events stored, all present, journeys valid`
      )
    } finally {
      await dropDatabase(db.name)
    }
  }, 300_000)
})
