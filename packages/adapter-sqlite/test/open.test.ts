/**
 * Opening a file: migrations and the schema table, and every file the store must refuse — a
 * newer schema, a corrupt or foreign file, a file locked by another process — each with its own
 * typed error, never a crash and never a changed byte.
 */
import { Fixtures } from "@coaching/adapter-testkit"
import { Access, Cycle, Granularity, Ids, Journeys, type People, Store } from "@coaching/core"
import Database from "better-sqlite3"
import { Effect, Exit, Option, Result } from "effect"
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

const streamOf = (who: Fixtures.Cast): string => Ids.journeyStreamId(who.teacherId)

/** Appends a fixture journey's events to a new stream. */
const appendNew = (store: Store.CoachingStoreService, who: Fixtures.Cast, events: ReadonlyArray<import("@coaching/core").Events.JourneyEvent>) =>
  store.append(streamOf(who), events, { expected: "no-stream", index: Fixtures.indexAfter(events) })

/** The stream of a cast as stored (fails the test if it does not exist). */
const slice = (store: Store.CoachingStoreService, who: Fixtures.Cast) => Effect.map(store.readStream(streamOf(who)), Option.getOrThrow)

/** A store file holding one demo journey; returns its cast. */
const seeded = async (filename: string) => {
  const who = Fixtures.cast()
  await run(Effect.gen(function*() {
    const store = yield* SqliteStore.make({ filename })
    yield* appendNew(store, who, Fixtures.demoCycle(who).events)
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

  it("each connection is set to write-ahead logging, and to the durability the `synchronous` option names", () => {
    expect(Sql.pragmas("full")).toEqual(["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"])
    expect(Sql.pragmas("normal")).toEqual(["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"])
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
    const stored = await run(Effect.flatMap(SqliteStore.make({ filename }), (s) => slice(s, who)))
    expect(stored.version).toBe(7)
    expect(Cycle.replay(stored.events.map((e) => e.event)).cycles[0]!.stage).toBe("Secured")
    const after = new Database(filename, { readonly: true })
    expect(after.prepare(Sql.open.schemaVersion).pluck().get()).toBe(Sql.LATEST_VERSION)
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'streams_by_coach'`).pluck().get()).toBe("streams_by_coach")
    after.close()
  })

  it("opens a schema-2 file written by the old release: migration 3 backfills the refs, and relationships are found by ref", async () => {
    const filename = fresh()
    const db = new Database(filename)
    SqliteStore.migrate(db, 2)
    db.close()
    // What the old release wrote: people and relationships in `records`, no refs anywhere.
    const who = { ...Fixtures.cast(), teacherId: Fixtures.uid("t-old") as Ids.PersonId }
    const second = { ...who, coachId: Fixtures.uid("c-old") as Ids.PersonId }
    const other = Fixtures.cast()
    const { people, relationships } = Fixtures.records(who, second, other)
    const since = "2025-09-01" as People.Relationship["since"]
    const old = new Database(filename)
    for (const [kind, value] of [
      ...people.map((p) => ["person", p] as const),
      ...relationships.map((r) => ["relationship", { ...r, since }] as const),
      ["cohort", { id: "ect-2026", name: "Early-career teachers 2026" }] as const
    ]) {
      old.prepare(Sql.store.putRecord).run(kind, value.id, JSON.stringify(value))
    }
    // A damaged row does not stop the upgrade (it stays STORE_CORRUPT on read).
    old.prepare(Sql.store.putRecord).run("relationship", "rel-damaged", "{\"coachId\":")
    expect(old.prepare(Sql.open.schemaVersion).pluck().get()).toBe(2)
    old.close()

    const found = await run(Effect.gen(function*() {
      const store = yield* SqliteStore.make({ filename })
      const byRef = (ref: string) => Effect.map(Store.listAll(store.records("relationship").list, { ref }), (rs) => rs.map((r) => r.id))
      const found = {
        teacher: yield* byRef(who.teacherId),
        firstCoach: yield* byRef(who.coachId),
        secondCoach: yield* byRef(second.coachId),
        otherTeacher: yield* byRef(other.teacherId)
      }
      // The command service finds the coach's relationship on the upgraded file and lets them record.
      const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll })
      const executed = yield* journeys.execute(Access.principal("coach", second.coachId), who.teacherId, {
        _tag: "StartCycle",
        cycleId: second.cycleId,
        by: second.coachId,
        teacherId: who.teacherId,
        coachId: second.coachId
      })
      const damaged = yield* Effect.flip(store.records("relationship").get("rel-damaged"))
      return { ...found, version: executed.version, damaged }
    }))
    const [first, secondRel, theOther] = relationships
    expect(found.teacher).toEqual([first!.id, secondRel!.id].sort())
    expect(found.firstCoach).toEqual([first!.id])
    expect(found.secondCoach).toEqual([secondRel!.id])
    expect(found.otherTeacher).toEqual([theOther!.id])
    expect(found.version).toBe(1)
    expect(found.damaged).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT" })

    // The backfill gives exactly the refs core computes for a relationship (Records.table.relationship.refs).
    const after = new Database(filename, { readonly: true })
    expect(after.prepare(Sql.open.schemaVersion).pluck().get()).toBe(3)
    for (const relationship of relationships) {
      const core = Result.getOrThrow(Store.storedRecord("relationship", { ...relationship, since })).refs
      expect(after.prepare(Sql.raw.recordRefs).pluck().all("relationship", relationship.id)).toEqual([...new Set(core)].sort())
    }
    expect(after.prepare(Sql.raw.recordRefs).pluck().all("relationship", "rel-damaged")).toEqual([])
    expect(after.prepare(Sql.raw.recordRefs).pluck().all("cohort", "ect-2026")).toEqual([])
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
      return Effect.map(appendNew(s, who, Fixtures.demoCycle(who).events), (r) => r.version)
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
    const onRead = await failureOf(Effect.flatMap(SqliteStore.make({ filename }), (s) => s.readStream(streamOf(who))))
    expect(onRead).toMatchObject({ _tag: "StoreError", code: "STORE_CORRUPT" })
    expect(digest(filename)).toBe(before)
  })

  it("a truncated file: STORE_CORRUPT, never a crash", async () => {
    const filename = fresh()
    const who = await seeded(filename)
    const bytes = readFileSync(filename)
    writeFileSync(filename, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const error = await failureOf(
      Effect.flatMap(SqliteStore.make({ filename, checkAtOpen: true }), (s) => s.readStream(streamOf(who)))
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
        const before = yield* slice(store, who)
        const more = Fixtures.reflections(who, 2)
        const append = store.append(streamOf(who), more, {
          expected: before.version,
          index: Fixtures.indexAfter([...before.events.map((e) => e.event), ...more])
        })
        const started = Date.now()
        const locked = yield* Effect.flip(append)
        const waited = Date.now() - started
        expect((yield* slice(store, who)).version).toBe(7)
        yield* Effect.promise(() => lock.release())
        const after = yield* append
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
    const stored = await run(Effect.flatMap(SqliteStore.make({ filename }), (s) => slice(s, who)))
    expect(stored.version).toBe(7)
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
