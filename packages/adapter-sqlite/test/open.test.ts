/**
 * Opening a file: migrations and the schema table, and every file the store must refuse — a
 * newer schema, a corrupt or foreign file, a file locked by another process — each with its own
 * typed error, never a crash and never a changed byte.
 */
import { Fixtures } from "@coaching/adapter-testkit"
import { Cycle, Store } from "@coaching/core"
import Database from "better-sqlite3"
import { Effect, Exit, Option } from "effect"
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { createInterface } from "node:readline"
import { afterEach, describe, expect, it } from "vitest"
import { Sql, SqliteStore } from "../src/index.js"
import { makeTempDir } from "./support.js"

const dirs: Array<string> = []
const fresh = (): string => {
  const dir = makeTempDir()
  dirs.push(dir)
  return join(dir, "coaching.db")
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const run = <A, E>(effect: Effect.Effect<A, E, import("effect").Scope.Scope>) => Effect.runPromise(Effect.scoped(effect))
const exitOf = <A, E>(effect: Effect.Effect<A, E, import("effect").Scope.Scope>) => Effect.runPromise(Effect.exit(Effect.scoped(effect)))
const failureOf = async <A, E>(effect: Effect.Effect<A, E, import("effect").Scope.Scope>): Promise<E> => {
  const exit = await exitOf(effect)
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason?._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const digest = (file: string): string =>
  [file, `${file}-wal`, `${file}-shm`]
    .map((f) => (existsSync(f) ? createHash("sha256").update(readFileSync(f)).digest("hex") : "-"))
    .join(" ")

/** A store file holding one demo journey; returns its cast. */
const seeded = async (filename: string) => {
  const who = Fixtures.cast()
  await run(Effect.gen(function*() {
    const store = yield* SqliteStore.make({ filename })
    yield* store.appendToJourney(Cycle.initialState, Fixtures.demoCycle(who).events)
  }))
  return who
}

describe("migrations", () => {
  it("creates the schema on a new file and records each migration once", async () => {
    const filename = fresh()
    await run(SqliteStore.make({ filename }))
    await run(SqliteStore.make({ filename }))
    const db = new Database(filename, { readonly: true })
    expect(db.prepare(Sql.raw.schemaRows).all()).toEqual(
      Sql.migrations.map((m) => ({ version: m.version, library: SqliteStore.LIBRARY }))
    )
    expect(db.pragma("application_id", { simple: true })).toBe(Sql.APPLICATION_ID)
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal")
    db.close()
  })

  it("upgrades a file of an older schema in place, keeping its data", async () => {
    const filename = fresh()
    const db = new Database(filename)
    SqliteStore.migrate(db, 1)
    db.close()
    const who = Fixtures.cast()
    const { events } = Fixtures.demoCycle(who)
    // Write version-1 rows with the version-1 statements, as an old release would have.
    const old = new Database(filename)
    events.forEach((e, i) => old.prepare(Sql.store.insertEvent).run(`journey-${who.teacherId}`, i + 1, JSON.stringify(e)))
    old.prepare(Sql.store.upsertStream).run({ streamId: `journey-${who.teacherId}`, version: events.length, teacherId: who.teacherId, coachId: who.coachId, open: 0, followUpDue: null })
    expect(old.prepare(Sql.open.schemaVersion).pluck().get()).toBe(1)
    old.close()
    const journey = await run(Effect.flatMap(SqliteStore.make({ filename }), (s) => s.loadJourney(who.teacherId)))
    expect(journey.version).toBe(7)
    expect(journey.cycles[0]!.stage).toBe("Secured")
    const after = new Database(filename, { readonly: true })
    expect(after.prepare(Sql.open.schemaVersion).pluck().get()).toBe(Sql.LATEST_VERSION)
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'streams_by_coach'`).pluck().get()).toBe("streams_by_coach")
    after.close()
  })

  it("two stores opening one new file at once migrate it exactly once", async () => {
    const filename = fresh()
    await run(Effect.all([SqliteStore.make({ filename }), SqliteStore.make({ filename })], { concurrency: "unbounded" }))
    const db = new Database(filename, { readonly: true })
    expect(db.prepare(Sql.raw.schemaRows).all()).toHaveLength(Sql.migrations.length)
    db.close()
  })

  it(":memory: works without a file", async () => {
    const version = await run(Effect.flatMap(SqliteStore.make({ filename: ":memory:" }), (s) => {
      const who = Fixtures.cast()
      return Effect.map(s.appendToJourney(Cycle.initialState, Fixtures.demoCycle(who).events), (j) => j.version)
    }))
    expect(version).toBe(7)
  })
})

describe("files the store refuses, unchanged", () => {
  it("a newer schema: STORE_NEWER_SCHEMA, and the file is untouched", async () => {
    const filename = fresh()
    const who = await seeded(filename)
    const db = new Database(filename)
    db.prepare(Sql.open.recordMigration).run(Sql.LATEST_VERSION + 7, new Date().toISOString(), "@coaching/adapter-sqlite@9.0.0")
    db.close()
    const before = digest(filename)
    const error = await failureOf(SqliteStore.make({ filename }))
    expect(error).toMatchObject({ _tag: "StoreError", code: "STORE_NEWER_SCHEMA" })
    expect((error as Store.StoreError).message).toContain(`schema version is ${Sql.LATEST_VERSION + 7}`)
    expect(digest(filename)).toBe(before)
    // The data is still there for the newer library: nothing was lost.
    const check = new Database(filename, { readonly: true })
    expect(check.prepare(Sql.raw.streamRows).all(`journey-${who.teacherId}`)).toHaveLength(7)
    check.close()
  })

  it("a file that is not a database: STORE_CORRUPT, untouched", async () => {
    const filename = fresh()
    writeFileSync(filename, "This is a lesson plan, not a database.\n".repeat(200))
    const before = digest(filename)
    expect(await failureOf(SqliteStore.make({ filename }))).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT" })
    expect(digest(filename)).toBe(before)
  })

  it("random bytes: STORE_CORRUPT, untouched", async () => {
    const filename = fresh()
    writeFileSync(filename, Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256)))
    const before = digest(filename)
    expect(await failureOf(SqliteStore.make({ filename }))).toMatchObject({ code: "STORE_CORRUPT" })
    expect(digest(filename)).toBe(before)
  })

  it("damaged pages: STORE_CORRUPT at open with checkAtOpen, and on read without it", async () => {
    const filename = fresh()
    const who = await seeded(filename)
    // Scribble over every page after the first (the schema page stays readable).
    const bytes = readFileSync(filename)
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65_536 : bytes.readUInt16BE(16)
    for (let i = pageSize; i < bytes.length; i++) bytes[i] = (i * 31) % 251
    writeFileSync(filename, bytes)
    const before = digest(filename)
    expect(await failureOf(SqliteStore.make({ filename, checkAtOpen: true }))).toMatchObject({ code: "STORE_CORRUPT" })
    const onRead = await failureOf(Effect.flatMap(SqliteStore.make({ filename }), (s) => s.loadJourney(who.teacherId)))
    expect(onRead).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT" })
    expect(digest(filename)).toBe(before)
  })

  it("a truncated file: STORE_CORRUPT, never a crash", async () => {
    const filename = fresh()
    const who = await seeded(filename)
    const bytes = readFileSync(filename)
    writeFileSync(filename, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const error = await failureOf(
      Effect.flatMap(SqliteStore.make({ filename, checkAtOpen: true }), (s) => s.loadJourney(who.teacherId))
    )
    expect(error).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT" })
  })

  it("another application's database: STORE_FOREIGN, untouched", async () => {
    const filename = fresh()
    const db = new Database(filename)
    db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    db.close()
    const before = digest(filename)
    const error = await failureOf(SqliteStore.make({ filename }))
    expect(error).toMatchObject({ code: "STORE_FOREIGN" })
    expect((error as Store.StoreError).message).toContain("invoices")
    expect(digest(filename)).toBe(before)
  })

  it("a folder that does not exist: STORE_UNAVAILABLE, with the operating system's reason", async () => {
    const filename = join(fresh(), "..", "no", "such", "folder", "coaching.db")
    const error = (await failureOf(SqliteStore.make({ filename }))) as Store.StoreError
    expect(error).toMatchObject({ code: "STORE_UNAVAILABLE" })
    expect(error.message).toBe(
      `The coaching store ${JSON.stringify(filename)} cannot be opened or written (while opening): the folder ${dirname(resolve(filename))} cannot be used (ENOENT: no such file or directory).`
    )
    expect(error.detail).toContain("the directory does not exist")
  })

  it("a folder where the file should be: STORE_UNAVAILABLE, saying so", async () => {
    const filename = fresh()
    mkdirSync(filename)
    const error = (await failureOf(SqliteStore.make({ filename }))) as Store.StoreError
    expect(error.message).toContain(`${filename} is a folder, not a database file`)
  })
})

/** Starts a process holding a lock on `filename`; resolves once it holds it. */
const holdLock = async (filename: string, mode: "write" | "exclusive") => {
  const child = spawn(process.execPath, [new URL("./fixtures/lock-holder.mjs", import.meta.url).pathname, filename, mode], {
    stdio: ["pipe", "pipe", "inherit"]
  })
  const lines = createInterface({ input: child.stdout! })
  await new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => line === "locked" && resolve())
    child.on("exit", (code) => reject(new Error(`lock holder exited with ${code}`)))
  })
  const exited = new Promise((resolve) => child.on("exit", resolve))
  return {
    release: async () => {
      child.stdin!.write("release\n")
      await exited
    },
    kill: () => child.kill("SIGKILL")
  }
}

describe("a file locked by another process", () => {
  it("a write waits for the busy timeout, fails with STORE_LOCKED writing nothing, and works once the lock is gone", async () => {
    const filename = fresh()
    const who = await seeded(filename)
    const lock = await holdLock(filename, "write")
    try {
      const outcome = await run(Effect.gen(function*() {
        const store = yield* SqliteStore.make({ filename, busyTimeoutMs: 300 })
        // Readers are not blocked in WAL mode.
        const journey = yield* store.loadJourney(who.teacherId)
        const more = Fixtures.reflections(who, 2)
        const started = Date.now()
        const locked = yield* Effect.flip(store.appendToJourney(journey, more))
        const waited = Date.now() - started
        yield* Effect.promise(() => lock.release())
        const after = yield* store.appendToJourney(journey, more)
        return { locked, waited, after }
      }))
      expect(outcome.locked).toMatchObject({ _tag: "StoreError", code: "STORE_LOCKED" })
      expect(outcome.waited).toBeGreaterThanOrEqual(250)
      expect(outcome.after.version).toBe(9)
    } finally {
      lock.kill()
    }
  })

  it("an exclusive lock: opening fails with STORE_LOCKED; the data is intact afterwards", async () => {
    const filename = fresh()
    const who = await seeded(filename)
    const lock = await holdLock(filename, "exclusive")
    try {
      expect(await failureOf(SqliteStore.make({ filename, busyTimeoutMs: 200 }))).toMatchObject({ code: "STORE_LOCKED" })
    } finally {
      await lock.release()
    }
    const journey = await run(Effect.flatMap(SqliteStore.make({ filename }), (s) => s.loadJourney(who.teacherId)))
    expect(journey.version).toBe(7)
  })
})

describe("stored rows damaged behind the store's back", () => {
  it("an event row that is not JSON is STORE_CORRUPT on read, with the stream and version", async () => {
    const filename = fresh()
    const who = await seeded(filename)
    const db = new Database(filename)
    db.prepare("UPDATE events SET data = '{\"_tag\":\"VisitRec' WHERE stream_id = ? AND version = 3").run(`journey-${who.teacherId}`)
    db.close()
    const error = await failureOf(Effect.flatMap(SqliteStore.make({ filename }), (s) => s.readStream(`journey-${who.teacherId}`)))
    expect(error).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT" })
    expect((error as Store.StoreError).message).toContain(`event 3 of stream journey-${who.teacherId}`)
    const ok = await run(Effect.flatMap(SqliteStore.make({ filename }), (s) => s.readStream(`journey-${who.teacherId}`, { after: 3 })))
    expect(Option.getOrThrow(ok).events).toHaveLength(4)
  })
})
