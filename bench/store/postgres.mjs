// bench/store, PostgreSQL: appends/s and stream reads/s of our PostgreSQL adapter beside raw `pg`
// calls doing the same rows with the same transaction and version check, side by side in one run
// (interleaved block by block), with 1, 4 and 16 concurrent writers. Writes its own section of
// docs/benchmarks.md. Runs after the SQLite part of bench/store (run.mjs imports it), or alone:
//
//   node bench/store/postgres.mjs                                  (after npm run build)
//   BENCH_ROUNDS=1 BENCH_SCALE=0.2 node bench/store/postgres.mjs   (a quick look)
//
// The server is the one COACHING_PG_URL names (default: the local one, trust auth); the bench
// creates a database of its own and drops it at the end.
import { loadavg } from "node:os"
import pg from "pg"
import { writeSection } from "../lib/report.mjs"

const { Cycle, Journeys } = await import("./core.mjs")
const { Effect, Exit, Option, Scope } = await import("effect")
const { PgStore, Sql } = await import("@coaching/adapter-postgres")

const adminUrl = process.env.COACHING_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
/** A fraction of the full workload, for a quick look; the figures need 1. */
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const WRITERS = [1, 4, 16]
const POOL = 16

// ---------------------------------------------------------------------------------------------
// The workload of the SQLite part: each stream is one teacher's journey of 10 events (the demo
// cycle, then three reflections), appended one event per transaction with the expected version.
// ---------------------------------------------------------------------------------------------

const { EVENTS_PER_STREAM, decided } = await import("./workload.mjs")
const eventOf = (stream, e) => (decided[e]._tag === "CycleStarted" ? { ...decided[e], teacherId: `t-${stream}` } : decided[e])
const streamOf = (key) => `journey-t-${key}`

const admin = async (sql) => {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}
const database = `coaching_bench_${process.pid}`
const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString()

/** Runs `work(i)` for i in [from, to) on `writers` concurrent loops (i taken in turn). */
const concurrently = async (writers, from, to, work) => {
  let next = from
  await Promise.all(Array.from({ length: writers }, async () => {
    for (let i = next++; i < to; i = next++) await work(i)
  }))
}

// ---------------------------------------------------------------------------------------------
// Contenders: setup(schema) → { append(keys), read(keys), close() }; keys are stream keys, each
// taken by one writer at a time (its 10 events in order), `writers` at once.
// ---------------------------------------------------------------------------------------------

/**
 * Our store through the port, as the command service appends: the journey folded with the new
 * event, its index row (`Journeys.indexOf`), then `append` with the journey's version as the
 * expected one (Schema validation, JSON, the locked version check in one transaction); and
 * `readStream` (JSON parse, tag check) — `writers` fibres at once in one Effect program.
 */
const adapter = async (schema) => {
  const scope = Effect.runSync(Scope.make())
  const store = await Effect.runPromise(Scope.provide(scope)(PgStore.make({ url, schema, poolSize: POOL })))
  const appendStream = (key) =>
    Effect.gen(function*() {
      let journey = Cycle.initialState
      for (let e = 0; e < EVENTS_PER_STREAM; e++) {
        const event = eventOf(key, e)
        const next = Cycle.replay([event], journey)
        yield* store.append(streamOf(key), [event], { expected: journey.version === 0 ? "no-stream" : journey.version, index: Journeys.indexOf(next) })
        journey = next
      }
    })
  const readStream = (key) =>
    Effect.map(store.readStream(streamOf(key)), (slice) => {
      if (Option.getOrThrow(slice).events.length !== EVENTS_PER_STREAM) throw new Error(`read ${key}`)
    })
  return {
    append: (keys, writers) => Effect.runPromise(Effect.forEach(keys, appendStream, { concurrency: writers, discard: true })),
    read: (keys, writers) => Effect.runPromise(Effect.forEach(keys, readStream, { concurrency: writers, discard: true })),
    close: () => Effect.runPromise(Scope.close(scope, Exit.void))
  }
}

/** Raw `pg`: the same tables, statements (Sql.ts), transaction per append and version check, by hand. */
const raw = async (schema) => {
  const pool = PgStore.makePool({ url, schema, poolSize: POOL })
  await PgStore.migrate(pool, schema)
  const q = (name, values) => ({ name, text: Sql.store[name], values })
  const appendOne = async (streamId, expected, json, teacherId) => {
    const client = await pool.connect()
    try {
      await client.query("BEGIN")
      const actual = (await client.query(q("lockStream", [streamId]))).rows[0]?.version ?? 0
      if (actual !== expected) throw new Error(`conflict on ${streamId}`)
      await client.query(q("insertEvents", [streamId, actual, [json]]))
      await client.query(q("upsertStream", [streamId, actual + 1, teacherId, "c-grace", true, null]))
      await client.query("COMMIT")
    } catch (error) {
      await client.query("ROLLBACK")
      throw error
    } finally {
      client.release()
    }
  }
  const appendStream = async (key) => {
    for (let e = 0; e < EVENTS_PER_STREAM; e++) await appendOne(streamOf(key), e, JSON.stringify(eventOf(key, e)), `t-${key}`)
  }
  const readStream = async (key) => {
    const rows = (await pool.query(q("readStream", [streamOf(key), 0]))).rows
    const events = rows.map((r) => JSON.parse(r.data))
    if (events.length !== EVENTS_PER_STREAM) throw new Error(`read ${key}`)
  }
  return {
    append: (keys, writers) => concurrently(writers, 0, keys.length, (i) => appendStream(keys[i])),
    read: (keys, writers) => concurrently(writers, 0, keys.length, (i) => readStream(keys[i])),
    close: () => pool.end()
  }
}

const contenders = [["PostgreSQL adapter", adapter], ["raw pg", raw]]

// ---------------------------------------------------------------------------------------------

const time = async (f) => {
  const t = process.hrtime.bigint()
  await f()
  return Number(process.hrtime.bigint() - t) / 1e9
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const scaled = (n) => Math.max(4, Math.round(n * SCALE))

/**
 * For each number of writers: every round gives each contender a fresh schema, then the work is
 * cut into blocks and the contenders take turns block by block (rotating order), so the machine's
 * slow moments fall on both alike. Round 0 is a warm-up.
 */
const measure = async (writers, { streams, reads, blocks = 4 }) => {
  const results = Object.fromEntries(contenders.map(([name]) => [name, { append: [], read: [] }]))
  for (let round = 0; round < ROUNDS + 1; round++) {
    const open = []
    for (const [name, setup] of contenders) {
      const schema = `${name === "raw pg" ? "r" : "a"}_${writers}_${round}`
      open.push({ name, c: await setup(schema), append: 0, read: 0 })
    }
    const turns = (b) => open.map((_, i) => open[(i + b + round) % open.length])
    for (let b = 0; b < blocks; b++) {
      const keys = Array.from({ length: Math.floor(((b + 1) * streams) / blocks) - Math.floor((b * streams) / blocks) }, (_, i) => `${writers}-${round}-${Math.floor((b * streams) / blocks) + i}`)
      for (const o of turns(b)) o.append += await time(() => o.c.append(keys, writers))
    }
    for (let b = 0; b < blocks; b++) {
      const keys = Array.from({ length: Math.floor(reads / blocks) }, (_, i) => `${writers}-${round}-${(b * 7919 + i * 31) % streams}`)
      for (const o of turns(b)) o.read += await time(() => o.c.read(keys, writers))
    }
    for (const o of open) {
      await o.c.close()
      if (round === 0) continue // warm-up
      results[o.name].append.push((streams * EVENTS_PER_STREAM) / o.append)
      results[o.name].read.push((Math.floor(reads / blocks) * blocks) / o.read)
    }
  }
  return Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { append: median(r.append), read: median(r.read) }]))
}

const loadAtStart = loadavg()[0]
await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
await admin(`CREATE DATABASE ${database}`)
const settings = Object.fromEntries(
  (await admin(`SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'max_connections')`)).map((r) => [r.name, r.setting])
)
const figures = {}
try {
  for (const writers of WRITERS) {
    figures[writers] = await measure(writers, { streams: scaled(8 * Math.max(4, writers)), reads: scaled(100 * Math.max(4, writers)) })
    console.log(writers, figures[writers])
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
}

const fmt = (n) => Math.round(n).toLocaleString("en-GB")
const pct = (a, b) => `${Math.round((100 * a) / b)} %`
const rows = WRITERS.flatMap((w) =>
  contenders.map(([name]) => `| ${w} | ${name} | ${fmt(figures[w][name].append)} | ${fmt(figures[w][name].read)} |`)
)
const ratios = WRITERS.map((w) =>
  `| ${w} | ${pct(figures[w]["PostgreSQL adapter"].append, figures[w]["raw pg"].append)} | ${pct(figures[w]["PostgreSQL adapter"].read, figures[w]["raw pg"].read)} |`
)
const markdown = `
The workload of the SQLite part above — each stream one teacher's journey of ${EVENTS_PER_STREAM} events, appended
**one event per transaction with the expected version**; a read loads one whole stream — on PostgreSQL
${settings.server_version} on 127.0.0.1 (\`synchronous_commit = ${settings.synchronous_commit}\`, \`fsync = ${settings.fsync}\`: every
commit waits for the disk), with 1, 4 and 16 writers (and readers) at once, each on its own streams; pool of ${POOL}
connections for both. For each number of writers, each round gives both contenders a fresh schema and lets
them take turns block by block (rotating order); the figures are the median of ${ROUNDS} rounds after a warm-up.

- **PostgreSQL adapter** goes through the port as the command service does: the journey folded with the
  event and its index row (\`Journeys.indexOf\`), then \`append\` with the journey's version as the expected
  one (Schema validation of the event, JSON, then \`BEGIN\`, \`SELECT … FOR UPDATE\`, the check, the event
  insert, the index-row upsert, \`COMMIT\`), and \`readStream\` (one statement; JSON parse, tag check); the
  writers are fibres of one Effect program.
- **Raw pg** runs the same statements (from \`Sql.ts\`, prepared by name) in the same transaction with the
  same version check on a \`pg.Pool\` of the same size, without validation or Effect; a read parses the
  same JSON.

Load average when the run started: ${loadAtStart.toFixed(1)} (other work shares the machine; the ratios
are what to read).

| writers | store | appends / s | stream reads / s |
|---:|---|---:|---:|
${rows.join("\n")}

Ratios (target: the adapter ≥ 50 % of raw pg):

| writers | appends | stream reads |
|---:|---:|---:|
${ratios.join("\n")}
`
writeSection("store-postgres", "Coaching store: PostgreSQL adapter vs raw pg", markdown)
console.log(markdown)
