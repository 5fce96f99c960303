// bench/store: appends/s and stream reads/s of the coaching store, side by side in one run —
// our memory and SQLite adapters, raw better-sqlite3 doing the same rows with the same
// transaction granularity and version check, and Emmett's SQLite event store on the same
// workload. Writes its section of docs/benchmarks.md, then runs postgres.mjs (the PostgreSQL
// adapter beside raw pg, its own section). Uses the built packages (npm run bench
// builds first); installs Emmett into bench/node_modules on first run (sqlite3 compiles, ~3 min).
//
//   node bench/store/run.mjs                                   (npm run bench builds the packages first)
//   BENCH_ROUNDS=1 BENCH_SCALE=0.1 node bench/store/run.mjs    (a quick look)
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { writeSection } from "../lib/report.mjs"

const benchDir = new URL("..", import.meta.url).pathname
const emmettDir = join(benchDir, "node_modules", "@event-driven-io", "emmett-sqlite")
if (!existsSync(emmettDir)) {
  console.log("installing the bench's own dependencies (Emmett SQLite; sqlite3 compiles, ~3 min)…")
  // emmett-sqlite 0.42.4 bundles emmett's core but declares it as a peer at a version the
  // registry may not have, and imports uuid and async-retry without declaring them.
  execFileSync("npm", ["install", "--prefix", benchDir, "--legacy-peer-deps", "--no-audit", "--no-fund", "--no-package-lock"], {
    stdio: "inherit",
    cwd: benchDir
  })
}

const { Cycle, Journeys } = await import("./core.mjs")
const { Effect, Exit, Option, Scope } = await import("effect")
const { SqliteStore, Sql } = await import("@coaching/adapter-sqlite")
const { MemoryStore } = await import("@coaching/adapter-memory")
const Database = createRequire(import.meta.url)("better-sqlite3")
const requireBench = createRequire(join(benchDir, "package.json"))
const emmett = await import(requireBench.resolve("@event-driven-io/emmett-sqlite"))

// ---------------------------------------------------------------------------------------------
// The workload: each stream is one teacher's journey of 10 events (the demo cycle, then three
// reflections), appended one event per transaction with the expected version, as commands do.
// ---------------------------------------------------------------------------------------------

const { EVENTS_PER_STREAM, decided } = await import("./workload.mjs")
const eventBytes = decided.reduce((n, e) => n + JSON.stringify(e).length, 0) / decided.length

const streamOf = (run, i) => `journey-t-${run}-${i}`

/** Times `f` (async), returns seconds. */
const time = async (f) => {
  const t = process.hrtime.bigint()
  await f()
  return Number(process.hrtime.bigint() - t) / 1e9
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// ---------------------------------------------------------------------------------------------
// Contenders. Each: setup(file) → { append(run, fromStream, toStream), read(run, streams, fromRead, toRead), close() }.
// ---------------------------------------------------------------------------------------------

/**
 * Our store through the port, as the command service appends: the journey folded with the new
 * event, its index row (`Journeys.indexOf`), then `append` with the journey's version as the
 * expected one (Schema validation, JSON, the version check in the adapter); and `readStream`.
 */
const ours = (makeStore) => async (file) => {
  const { store, close } = await makeStore(file)
  return {
    append: (run, from, to) =>
      Effect.runPromise(Effect.gen(function*() {
        for (let s = from; s < to; s++) {
          let journey = Cycle.initialState
          for (let e = 0; e < EVENTS_PER_STREAM; e++) {
            const event = decided[e]._tag === "CycleStarted" ? { ...decided[e], teacherId: `t-${run}-${s}` } : decided[e]
            const next = Cycle.replay([event], journey)
            yield* store.append(streamOf(run, s), [event], { expected: journey.version === 0 ? "no-stream" : journey.version, index: Journeys.indexOf(next) })
            journey = next
          }
        }
      })),
    read: (run, streams, from, to) =>
      Effect.runPromise(Effect.gen(function*() {
        let n = 0
        for (let r = from; r < to; r++) {
          const slice = yield* store.readStream(streamOf(run, r % streams))
          n += Option.getOrThrow(slice).events.length
        }
        if (n !== (to - from) * EVENTS_PER_STREAM) throw new Error(`read ${n} events`)
      })),
    close
  }
}

const sqliteOurs = (synchronous) =>
  ours(async (file) => {
    const scope = Effect.runSync(Scope.make())
    const store = await Effect.runPromise(Scope.provide(scope)(SqliteStore.make({ filename: file, synchronous })))
    return { store, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
  })

const memoryOurs = ours(async () => ({ store: MemoryStore.make(), close: async () => {} }))

/** Raw better-sqlite3: the same tables, rows, transaction per append and version check, by hand. */
const raw = (synchronous) => async (file) => {
  const db = new Database(file)
  db.pragma("journal_mode = WAL")
  db.pragma(`synchronous = ${synchronous === "full" ? "FULL" : "NORMAL"}`)
  SqliteStore.migrate(db)
  const version = db.prepare(Sql.store.streamVersion).pluck()
  const insert = db.prepare(Sql.store.insertEvent)
  const upsert = db.prepare(Sql.store.upsertStream)
  const readEvents = db.prepare(Sql.store.readEvents).pluck()
  const append = db.transaction((streamId, expected, json, teacherId) => {
    const actual = version.get(streamId) ?? 0
    if (actual !== expected) throw new Error(`conflict on ${streamId}`)
    insert.run(streamId, actual + 1, json)
    upsert.run({ streamId, version: actual + 1, teacherId, coachId: "c-grace", open: 1, followUpDue: null })
  })
  const read = db.transaction((streamId) => {
    const v = version.get(streamId)
    return v === undefined ? undefined : { version: v, events: readEvents.all(streamId, 0).map((j) => JSON.parse(j)) }
  })
  return {
    append: async (run, from, to) => {
      for (let s = from; s < to; s++) {
        for (let e = 0; e < EVENTS_PER_STREAM; e++) {
          const event = decided[e]._tag === "CycleStarted" ? { ...decided[e], teacherId: `t-${run}-${s}` } : decided[e]
          append.immediate(streamOf(run, s), e, JSON.stringify(event), `t-${run}-${s}`)
        }
      }
    },
    read: async (run, streams, from, to) => {
      let n = 0
      for (let r = from; r < to; r++) n += read(streamOf(run, r % streams)).events.length
      if (n !== (to - from) * EVENTS_PER_STREAM) throw new Error(`read ${n} events`)
    },
    close: async () => db.close()
  }
}

/** Emmett's SQLite event store (one singleton connection: its fastest configuration). */
const emmettStore = (synchronous) => async (file) => {
  // Emmett's own connection (node-sqlite3, WAL); synchronous is set on it before the store uses it.
  const connection = emmett.sqliteConnection({ fileName: file })
  await connection.command(`PRAGMA synchronous = ${synchronous === "full" ? "FULL" : "NORMAL"}`)
  const store = emmett.getSQLiteEventStore({
    fileName: file,
    schema: { autoMigration: "CreateOrUpdate" },
    connectionOptions: { singleton: true, connection }
  })
  const toEmmett = (e) => ({ type: e._tag, data: e })
  return {
    append: async (run, from, to) => {
      for (let s = from; s < to; s++) {
        for (let e = 0; e < EVENTS_PER_STREAM; e++) {
          const event = decided[e]._tag === "CycleStarted" ? { ...decided[e], teacherId: `t-${run}-${s}` } : decided[e]
          await store.appendToStream(streamOf(run, s), [toEmmett(event)], { expectedStreamVersion: BigInt(e) })
        }
      }
    },
    read: async (run, streams, from, to) => {
      let n = 0
      for (let r = from; r < to; r++) n += (await store.readStream(streamOf(run, r % streams))).events.length
      if (n !== (to - from) * EVENTS_PER_STREAM) throw new Error(`read ${n} events`)
    },
    close: async () => {
      await store.close?.()
      connection.close()
    }
  }
}

// ---------------------------------------------------------------------------------------------

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** A fraction of the full workload (streams and reads), for a quick look; the figures need 1. */
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const scaled = (n) => Math.max(5, Math.round(n * SCALE))
const loadAtStart = loadavg()[0]
const dir = mkdtempSync(join(tmpdir(), "coaching-bench-"))

/**
 * Runs the contenders side by side: each round opens one fresh file per contender, then the
 * workload is cut into blocks and the contenders take turns block by block (in rotating order),
 * so that the machine's slow moments fall on all of them alike. Round 0 is a warm-up.
 */
const measure = async (contenders, { streams, reads, blocks = 10 }) => {
  const results = Object.fromEntries(contenders.map(([name]) => [name, { append: [], read: [] }]))
  for (let round = 0; round < ROUNDS + 1; round++) {
    const open = []
    for (const [name, setup] of contenders) {
      const file = join(dir, `${name.replace(/\W+/g, "-")}-${round}.db`)
      open.push({ name, file, c: await setup(file), append: 0, read: 0 })
    }
    const turns = (b) => open.map((_, i) => open[(i + b + round) % open.length])
    for (let b = 0; b < blocks; b++) {
      const [from, to] = [Math.floor((b * streams) / blocks), Math.floor(((b + 1) * streams) / blocks)]
      for (const o of turns(b)) o.append += await time(() => o.c.append(round, from, to))
    }
    for (let b = 0; b < blocks; b++) {
      const [from, to] = [Math.floor((b * reads) / blocks), Math.floor(((b + 1) * reads) / blocks)]
      for (const o of turns(b)) o.read += await time(() => o.c.read(round, streams, from, to))
    }
    for (const o of open) {
      await o.c.close()
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${o.file}${suffix}`, { force: true })
      if (round === 0) continue // warm-up
      results[o.name].append.push((streams * EVENTS_PER_STREAM) / o.append)
      results[o.name].read.push(reads / o.read)
    }
  }
  return Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { append: median(r.append), read: median(r.read) }]))
}

const fmt = (n) => Math.round(n).toLocaleString("en-GB")
const pct = (a, b) => `${Math.round((100 * a) / b)} %`

console.log(`workload: ${EVENTS_PER_STREAM}-event journeys, ~${Math.round(eventBytes)} bytes of JSON per event`)
const normal = await measure(
  [
    ["memory adapter", () => memoryOurs()],
    ["SQLite adapter (normal)", sqliteOurs("normal")],
    ["raw better-sqlite3 (normal)", raw("normal")],
    ["Emmett SQLite (normal)", emmettStore("normal")]
  ],
  { streams: scaled(100), reads: scaled(3000) }
)
console.log(normal)
const full = await measure(
  [
    ["SQLite adapter (full)", sqliteOurs("full")],
    ["raw better-sqlite3 (full)", raw("full")],
    ["Emmett SQLite (full)", emmettStore("full")]
  ],
  { streams: scaled(15), reads: scaled(1000), blocks: 5 }
)
console.log(full)
rmSync(dir, { recursive: true, force: true })

const all = { ...normal, ...full }
const rows = Object.entries(all).map(([name, r]) => `| ${name} | ${fmt(r.append)} | ${fmt(r.read)} |`)
const ratio = (a, b, what) => pct(all[a][what], all[b][what])
const markdown = `
Each stream is one teacher's journey of ${EVENTS_PER_STREAM} events (the demo cycle, then three reflections;
~${Math.round(eventBytes)} bytes of JSON per event), appended **one event per transaction with the expected
version**, as the command service does; a read loads one whole stream. Each round gives every contender
a fresh file and lets them take turns block by block (a tenth of the work each, rotating order), so a
slow moment of the machine falls on all alike; the figures are the median of ${ROUNDS} rounds after a warm-up. "normal" / "full" is SQLite's
\`synchronous\` setting (WAL in every case): "full" waits for the disk on every commit (our adapter's
default, and Emmett's); "normal" survives a process crash but not necessarily a power cut.

- **Our adapters** go through the port as the command service does: the journey folded with the
  event and its index row (\`Journeys.indexOf\`), then \`append\` with the journey's version as the
  expected one (Schema validation of the event, JSON, expected-version check in one
  \`BEGIN IMMEDIATE\` transaction), and \`readStream\` (JSON parse, tag check), inside one Effect program.
- **Raw better-sqlite3** writes the same rows (an event row and the stream's index row, from the same
  prepared SQL) in the same \`BEGIN IMMEDIATE\` transaction with the same version check, without
  validation or Effect; a read parses the same JSON.
- **Emmett** is \`@event-driven-io/emmett-sqlite\` 0.42.4 (node-sqlite3) with one singleton connection,
  \`appendToStream(..., { expectedStreamVersion })\` and \`readStream\`.

Load average when the run started: ${loadAtStart.toFixed(1)} (other work shares the machine; the ratios
are what to read).

| store | appends / s | stream reads / s |
|---|---:|---:|
${rows.join("\n")}

Ratios (target: our SQLite adapter ≥ 50 % of raw better-sqlite3):

| | appends | stream reads |
|---|---:|---:|
| SQLite adapter / raw better-sqlite3, normal | ${ratio("SQLite adapter (normal)", "raw better-sqlite3 (normal)", "append")} | ${ratio("SQLite adapter (normal)", "raw better-sqlite3 (normal)", "read")} |
| SQLite adapter / raw better-sqlite3, full | ${ratio("SQLite adapter (full)", "raw better-sqlite3 (full)", "append")} | ${ratio("SQLite adapter (full)", "raw better-sqlite3 (full)", "read")} |
| SQLite adapter / Emmett SQLite, normal | ${ratio("SQLite adapter (normal)", "Emmett SQLite (normal)", "append")} | ${ratio("SQLite adapter (normal)", "Emmett SQLite (normal)", "read")} |
| SQLite adapter / Emmett SQLite, full | ${ratio("SQLite adapter (full)", "Emmett SQLite (full)", "append")} | ${ratio("SQLite adapter (full)", "Emmett SQLite (full)", "read")} |
| memory adapter / SQLite adapter, normal | ${ratio("memory adapter", "SQLite adapter (normal)", "append")} | ${ratio("memory adapter", "SQLite adapter (normal)", "read")} |
`
writeSection("store", "Coaching store: adapters vs raw better-sqlite3 vs Emmett", markdown)
console.log(markdown)

// The PostgreSQL adapter beside raw pg (its own section; `node bench/store/postgres.mjs` runs it alone).
await import("./postgres.mjs")
