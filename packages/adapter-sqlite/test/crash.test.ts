/**
 * Crash safety with real processes: a child appends in a loop and prints each acknowledged
 * append; the parent SIGKILLs it at a random moment, 20 rounds on one file. After every kill the
 * file passes `PRAGMA integrity_check`, every acknowledged event is there, and no append is
 * half there. Then two processes write one stream at once through expected versions.
 */
import Database from "better-sqlite3"
import { type ChildProcess, spawn } from "node:child_process"
import { rmSync } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Sql } from "../src/index.js"
import { eventAt, STREAM } from "./fixtures/crash-events.js"
import { bundleChild, makeTempDir } from "./support.js"

const ROUNDS = 20
const BATCH = 5
let childFile = ""
let dir: string

beforeAll(async () => {
  dir = makeTempDir()
  childFile = await bundleChild("append-child")
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Writer {
  readonly child: ChildProcess
  readonly acks: Array<number>
  readonly firstAck: Promise<void>
  readonly exited: Promise<number | null>
}

const startWriter = (filename: string, writer: string, appends = 1_000_000): Writer => {
  const child = spawn(process.execPath, [childFile, filename, writer, String(BATCH), String(appends)], { stdio: ["ignore", "pipe", "pipe"] })
  const acks: Array<number> = []
  let stderr = ""
  child.stderr!.on("data", (d) => (stderr += String(d)))
  const firstAck = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^ack (\d+)$/.exec(line)
      if (m) {
        acks.push(Number(m[1]))
        resolve()
      }
    })
    child.on("exit", (code) => acks.length === 0 && reject(new Error(`writer exited (${code}) before any append: ${stderr}`)))
  })
  // "close" comes after stdout is drained, so every ack the child wrote has been counted.
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)))
  return { child, acks, firstAck, exited }
}

/** Everything on disk, read through a fresh connection (which recovers the WAL like a restart). */
const inspect = (filename: string) => {
  const db = new Database(filename, { readonly: false })
  try {
    const integrity = db.prepare(Sql.raw.integrityCheck).pluck().all() as Array<string>
    const rows = db.prepare(Sql.raw.streamRows).all(STREAM) as Array<{ version: number; json: string }>
    const stream = db.prepare(Sql.raw.streamRow).get(STREAM) as { version: number } | undefined
    return { integrity, rows, streamVersion: stream?.version ?? 0 }
  } finally {
    db.close()
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("crash safety", () => {
  it(`survives ${ROUNDS} SIGKILLs at random moments: integrity ok, every acknowledged event present, no partial append`, async () => {
    const filename = join(dir, "crash.db")
    let acknowledged = 0
    let survived = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const w = startWriter(filename, "w")
      await w.firstAck
      await sleep(Math.floor(Math.random() * 120))
      w.child.kill("SIGKILL")
      expect(await w.exited).toBe(null)
      acknowledged = Math.max(acknowledged, ...w.acks)
      const { integrity, rows, streamVersion } = inspect(filename)
      expect(integrity, `round ${round}`).toEqual(["ok"])
      // Every acknowledged event is there…
      expect(rows.length, `round ${round}: ${rows.length} rows, ${acknowledged} acknowledged`).toBeGreaterThanOrEqual(acknowledged)
      // …exactly once per version, each the event written at that version…
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1))
      rows.forEach((r) => expect(JSON.parse(r.json)).toEqual(eventAt(r.version, "w")))
      // …and appends are whole: the first append holds 1 event, every later one BATCH.
      expect((rows.length - 1) % BATCH, `round ${round}: ${rows.length} rows`).toBe(0)
      expect(streamVersion).toBe(rows.length)
      survived++
    }
    expect(survived).toBe(ROUNDS)
    console.log(`crash safety: ${survived}/${ROUNDS} rounds survived, ${acknowledged} events acknowledged`)
  }, 60_000)

  it("two processes appending to one stream with expected versions: nothing lost, nothing duplicated", async () => {
    const filename = join(dir, "two-writers.db")
    const appends = 40
    const writers = [startWriter(filename, "a", appends), startWriter(filename, "b", appends)]
    const codes = await Promise.all(writers.map((w) => w.exited))
    expect(codes).toEqual([0, 0])
    const { integrity, rows } = inspect(filename)
    expect(integrity).toEqual(["ok"])
    // One writer created the stream (1 event); every other append added BATCH events.
    expect(rows.length).toBe(1 + (2 * appends - 1) * BATCH)
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1))
    const byWriter = { a: 0, b: 0 }
    for (const r of rows.slice(1)) {
      const event = JSON.parse(r.json) as { reflection: { id: string } }
      const [, who, version] = /^r-(a|b)-(\d+)$/.exec(event.reflection.id)!
      expect(Number(version)).toBe(r.version)
      byWriter[who as "a" | "b"]++
    }
    expect(byWriter.a + byWriter.b).toBe((2 * appends - 1) * BATCH)
    expect(byWriter.a).toBeGreaterThan(0)
    expect(byWriter.b).toBeGreaterThan(0)
  }, 60_000)
})
