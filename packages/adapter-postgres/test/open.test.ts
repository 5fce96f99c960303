/**
 * Opening a store: migrations and the schema table, the pool size, and every store the adapter
 * must refuse — an unreachable server, a missing database, a newer schema, another
 * application's tables, bad options — each with its own typed error, never a crash and never a
 * changed row.
 */
import { Fixtures } from "@coaching/adapter-testkit"
import { Ids, Store } from "@coaching/core"
import { Effect, Exit, Option, type Scope } from "effect"
import { describe, expect, it } from "vitest"
import { PgStore, Sql } from "../src/index.js"
import { admin, connect, testDatabase, urlOf } from "./support.js"

const db = testDatabase("open")
let schemas = 0
const freshSchema = () => `o${++schemas}`

const run = <A, E>(effect: Effect.Effect<A, E, Scope.Scope>) => Effect.runPromise(Effect.scoped(effect))
const failureOf = async <A, E>(effect: Effect.Effect<A, E, Scope.Scope>): Promise<E> => {
  const exit = await Effect.runPromise(Effect.exit(Effect.scoped(effect)))
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason?._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

/** Every row of every table in a schema, as text: what "nothing changed" compares. */
const snapshot = async (schema: string): Promise<string> => {
  const client = await connect(db.url, schema)
  try {
    const tables = (await client.query<{ table_name: string }>(Sql.open.tables, [schema])).rows.map((r) => r.table_name)
    const out: Array<string> = []
    for (const table of tables) {
      const rows = (await client.query(`SELECT * FROM ${table} ORDER BY 1`)).rows
      out.push(`${table}: ${JSON.stringify(rows)}`)
    }
    return out.join("\n")
  } finally {
    await client.end()
  }
}

const seed = (schema: string) =>
  run(Effect.gen(function*() {
    const store = yield* PgStore.make({ url: db.url, schema })
    const who = Fixtures.cast()
    const events = Fixtures.demoCycle(who).events
    yield* store.append(Ids.journeyStreamId(who.teacherId), events, { expected: "no-stream", index: Fixtures.indexAfter(events) })
    return who
  }))

describe("migrations", () => {
  it("creates the schema on a new database schema and records each migration once", async () => {
    const schema = freshSchema()
    await run(PgStore.make({ url: db.url, schema }))
    await run(PgStore.make({ url: db.url, schema }))
    const client = await connect(db.url, schema)
    const rows = (await client.query(Sql.raw.schemaRows)).rows
    await client.end()
    expect(rows).toEqual(Sql.migrations.map((m) => ({ version: m.version, library: PgStore.LIBRARY })))
  })

  it("upgrades a store of an older schema in place, keeping its data", async () => {
    const schema = freshSchema()
    const pool = PgStore.makePool({ url: db.url, schema })
    await PgStore.migrate(pool, schema, 1)
    await pool.end()
    const client = await connect(db.url, schema)
    await client.query(`INSERT INTO streams (stream_id, version, teacher_id, open) VALUES ('journey-t-old', 1, 't-old', true)`)
    await client.query(`INSERT INTO events (stream_id, version, data) VALUES ('journey-t-old', 1, $1)`, [
      JSON.stringify({ _tag: "CycleStarted", cycleId: "cy-old", at: "2026-03-02T09:00:00.000Z", by: "c-old", teacherId: "t-old", coachId: "c-old" })
    ])
    await client.end()
    const slice = await run(Effect.gen(function*() {
      const store = yield* PgStore.make({ url: db.url, schema })
      return yield* store.readStream("journey-t-old")
    }))
    expect(Option.getOrThrow(slice).version).toBe(1)
    const after = await connect(db.url, schema)
    expect((await after.query(Sql.raw.schemaRows)).rows.map((r) => r.version)).toEqual([1, 2])
    await after.end()
  })

  it("several processes' worth of pools opening one new schema at once migrate it once", async () => {
    const schema = freshSchema()
    await Promise.all(Array.from({ length: 4 }, () => run(PgStore.make({ url: db.url, schema, poolSize: 1 }))))
    const client = await connect(db.url, schema)
    expect((await client.query(Sql.raw.schemaRows)).rows.map((r) => r.version)).toEqual(Sql.migrations.map((m) => m.version))
    await client.end()
  })
})

describe("stores it refuses, changing nothing", () => {
  it("a store of a newer schema → STORE_NEWER_SCHEMA", async () => {
    const schema = freshSchema()
    await seed(schema)
    const client = await connect(db.url, schema)
    await client.query(`INSERT INTO coaching_schema (version, applied_at, library) VALUES ($1, now(), 'a newer library')`, [Sql.LATEST_VERSION + 1])
    await client.end()
    const before = await snapshot(schema)
    const error = await failureOf(PgStore.make({ url: db.url, schema }))
    expect(error).toBeInstanceOf(Store.StoreError)
    expect(error.code).toBe("STORE_NEWER_SCHEMA")
    expect(error.message).toContain(`schema version is ${Sql.LATEST_VERSION + 1}`)
    expect(await snapshot(schema)).toBe(before)
  })

  it("another application's tables → STORE_FOREIGN", async () => {
    const schema = freshSchema()
    const client = await connect(db.url, "public")
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.query(`CREATE TABLE ${schema}.invoices (id serial PRIMARY KEY, amount numeric)`)
    await client.query(`INSERT INTO ${schema}.invoices (amount) VALUES (12.5)`)
    await client.end()
    const before = await snapshot(schema)
    const error = await failureOf(PgStore.make({ url: db.url, schema }))
    expect(error.code).toBe("STORE_FOREIGN")
    expect(error.message).toContain("invoices")
    expect(await snapshot(schema)).toBe(before)
  })

  it("an unreachable server → STORE_UNAVAILABLE, without the password", async () => {
    const error = await failureOf(PgStore.make({ url: "postgres://coach:s3cret@127.0.0.1:1/coaching", connectTimeoutMs: 2000 }))
    expect(error.code).toBe("STORE_UNAVAILABLE")
    expect(error.message).toContain("cannot be reached")
    expect(error.message).toContain("127.0.0.1:1")
    expect(`${error.message} ${error.detail}`).not.toContain("s3cret")
  })

  it("a database that does not exist → STORE_UNAVAILABLE naming it", async () => {
    const error = await failureOf(PgStore.make({ url: urlOf("coaching_no_such_database") }))
    expect(error.code).toBe("STORE_UNAVAILABLE")
    expect(error.message).toContain("coaching_no_such_database")
    expect((await admin(`SELECT 1 FROM pg_database WHERE datname = 'coaching_no_such_database'`)).length).toBe(0)
  })

  it("bad options → STORE_UNAVAILABLE naming the option, before connecting", async () => {
    const cases: Array<[Partial<PgStore.Options>, string]> = [
      [{ url: "mysql://127.0.0.1/x" }, "option url"],
      [{ url: "postgres://[bad" }, "option url"],
      [{ schema: "Robert'); DROP TABLE students;--" }, "option schema"],
      [{ poolSize: 0 }, "option poolSize"],
      [{ poolSize: 2.5 }, "option poolSize"],
      [{ connectTimeoutMs: -1 }, "option connectTimeoutMs"]
    ]
    for (const [options, path] of cases) {
      const error = await failureOf(PgStore.make({ url: db.url, ...options }))
      expect(error.code, path).toBe("STORE_UNAVAILABLE")
      expect(error.message).toContain(path)
    }
  })

  it("a server that goes away under an open store → STORE_UNAVAILABLE on the next call, then it recovers", async () => {
    const schema = freshSchema()
    const applicationName = `coaching-test-${schema}`
    await run(Effect.gen(function*() {
      const store = yield* PgStore.make({ url: db.url, schema, applicationName })
      yield* store.listStreams()
      // The server ends every connection of this store (as a restart or failover does).
      yield* Effect.promise(() => admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [applicationName]))
      const first = yield* Effect.exit(store.listStreams())
      if (Exit.isFailure(first)) {
        const reason = first.cause.reasons.find((r) => r._tag === "Fail")
        expect(reason?._tag === "Fail" && (reason.error as Store.StoreError).code).toBe("STORE_UNAVAILABLE")
      }
      // The pool opens new connections: the store works again.
      expect((yield* store.listStreams()).items).toEqual([])
    }))
  })
})

describe("the pool", () => {
  it("opens at most poolSize connections, however many fibers write at once", async () => {
    const schema = freshSchema()
    const applicationName = `coaching-pool-${schema}`
    const peak = await run(Effect.gen(function*() {
      const store = yield* PgStore.make({ url: db.url, schema, poolSize: 3, applicationName })
      let most = 0
      const count = Effect.promise(async () => {
        const rows = await admin<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [applicationName])
        most = Math.max(most, rows[0]!.n)
      })
      const writers = Array.from({ length: 12 }, (_, w) => {
        const who = Fixtures.cast()
        const events = Fixtures.demoCycle(who).events
        return store.append(Ids.journeyStreamId(who.teacherId), events, { expected: "no-stream", index: Fixtures.indexAfter(events) }).pipe(
          Effect.andThen(w % 3 === 0 ? count : Effect.void)
        )
      })
      yield* Effect.all(writers, { concurrency: "unbounded" })
      yield* count
      const listed = yield* store.listStreams()
      expect(listed.items).toHaveLength(12)
      return most
    }))
    expect(peak).toBeGreaterThan(0)
    expect(peak).toBeLessThanOrEqual(3)
  })
})
