// bench/journeys: what one command costs as a teacher's journey grows — `Journeys.execute` (an
// AddReflection by the teacher) at the end of a journey of 10, 1 000 and 10 000 events on SQLite,
// side by side in one run with raw better-sqlite3 appending the same rows (the event, the stream's
// index row, the expected-version check) in one transaction. Contenders take turns command by
// command; the figures are medians. Writes its section of docs/benchmarks.md.
//
//   node bench/journeys/run.mjs                       (npm run bench builds the packages first)
//   BENCH_COMMANDS=50 node bench/journeys/run.mjs     (a quick look)
import { mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { writeSection } from "../lib/report.mjs"

const { Access, Cycle, Demo, Granularity, Journeys } = await import("@coaching/core")
const { Effect, Exit, Scope } = await import("effect")
const { SqliteStore, Sql } = await import("@coaching/adapter-sqlite")
const Database = createRequire(import.meta.url)("better-sqlite3")

const SIZES = [10, 1_000, 10_000]
const COMMANDS = Number(process.env["BENCH_COMMANDS"] ?? 300)
const teacherId = Demo.people.teacherId
const teacher = Access.principal("teacher", teacherId)
const T0 = Date.parse("2026-01-05T09:00:00.000Z")
const at = (i) => new Date(T0 + i * 1000).toISOString()
const reflection = (i) => ({ _tag: "ReflectionAdded", at: at(i), by: teacherId, reflection: { id: `r-${i}`, text: "What I noticed in the lesson today." } })

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}
const run = (effect) => Effect.runPromise(effect)

/** A SQLite store holding a journey of `n` events, and the command service over it. */
const ours = async (n) => {
  const dir = mkdtempSync(join(tmpdir(), "bench-journeys-"))
  const scope = await run(Scope.make())
  const store = await run(Scope.provide(SqliteStore.make({ filename: join(dir, "c.db"), synchronous: "normal" }), scope))
  await run(Effect.gen(function*() {
    for (const p of Demo.records().people) yield* store.records("person").put(p)
    for (const r of Demo.records().relationships) yield* store.records("relationship").put(r)
    const events = Array.from({ length: n }, (_, i) => reflection(i))
    const journey = Cycle.replay(events, Cycle.emptyJourney(teacherId))
    yield* store.append(`journey-${teacherId}`, events, { expected: "no-stream", index: Journeys.indexOf(journey) })
  }))
  const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll })
  const index = { teacherId, coachId: undefined, open: false, followUpDue: undefined }
  let k = 0
  return {
    // the first command loads the journey (a cold start); the rest find it kept in memory
    command: () => run(journeys.execute(teacher, teacherId, { _tag: "AddReflection", by: teacherId, reflection: { id: `x-${k++}`, text: "More." } })),
    // the store's own append (core's validation + the adapter's transaction), as the service does it
    append: (version) => run(store.append(`journey-${teacherId}`, [reflection(version)], { expected: version, index })),
    close: async () => {
      await run(Scope.close(scope, Exit.void))
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Raw better-sqlite3: the same rows, the same version check, one transaction a command. */
const raw = (n) => {
  const dir = mkdtempSync(join(tmpdir(), "bench-journeys-raw-"))
  const db = new Database(join(dir, "c.db"))
  for (const pragma of Sql.pragmas("normal")) db.pragma(pragma.replace(/^PRAGMA /, ""))
  for (const m of Sql.migrations) for (const statement of m.statements) db.exec(statement)
  const streamId = `journey-${teacherId}`
  const version = db.prepare(Sql.store.streamVersion).pluck()
  const insert = db.prepare(Sql.store.insertEvent)
  const upsert = db.prepare(Sql.store.upsertStream)
  const append = db.transaction((json, expected) => {
    const actual = version.get(streamId) ?? 0
    if (actual !== expected) throw new Error("conflict")
    insert.run(streamId, actual + 1, json)
    upsert.run({ streamId, version: actual + 1, teacherId, coachId: null, open: 0, followUpDue: null })
  })
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(streamId, i + 1, JSON.stringify(reflection(i)))
    upsert.run({ streamId, version: n, teacherId, coachId: null, open: 0, followUpDue: null })
  })()
  let v = n
  return {
    command: async () => {
      append.immediate(JSON.stringify(reflection(v)), v)
      v++
    },
    close: async () => {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const time = async (f) => {
  const t = performance.now()
  await f()
  return performance.now() - t
}

const load = loadavg()[0].toFixed(2)
const rows = []
for (const n of SIZES) {
  const a = await ours(n) // commands
  const s = await ours(n) // store appends
  const b = raw(n)
  const cold = await time(a.command)
  await b.command()
  let version = n
  const ta = []
  const ts = []
  const tb = []
  for (let i = 0; i < COMMANDS; i++) {
    ta.push(await time(a.command))
    ts.push(await time(() => s.append(version++)))
    tb.push(await time(b.command))
  }
  await a.close()
  await s.close()
  await b.close()
  rows.push({ n, cold, command: median(ta), append: median(ts), raw: median(tb) })
  console.log(`${n} events: first command ${cold.toFixed(2)} ms; then a command ${median(ta).toFixed(3)} ms, a store append ${median(ts).toFixed(3)} ms, raw ${median(tb).toFixed(3)} ms`)
}

const base = rows[0].command
const table = [
  "| journey | first command (loads it) | a command, median | vs the 10-event command | store append, median | raw better-sqlite3, median | append / raw (speed) |",
  "|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map((r) =>
    `| ${r.n.toLocaleString("en-GB")} events | ${r.cold.toFixed(1)} ms | ${r.command.toFixed(3)} ms | ${(r.command / base).toFixed(2)}× | ${r.append.toFixed(3)} ms | ${r.raw.toFixed(3)} ms | ${(r.raw / r.append).toFixed(2)} |`
  )
]
writeSection(
  "journeys",
  "Command cost as a journey grows (`bench/journeys`)",
  `Load average at the start: ${load}. ${COMMANDS} commands a size, taking turns with raw better-sqlite3 (same rows, same version check, one \`BEGIN IMMEDIATE\` transaction a command, \`synchronous = NORMAL\` for both).

${table.join("\n")}

The command service keeps journeys in memory (\`Journeys.Options.cacheSize\`, default 1000) and
reads only the events after the version it holds, so after the first command (which loads the
whole stream) a command does not grow with the journey; \`Cycle.replay\` is linear. Targets: the
10 000-event command within 2× of the 10-event one; the store's append at 10 000 events ≥ 0.7 of
raw better-sqlite3 (a command adds the rights check, the people lookup and the decision on top).
Before this change (the issue's figures, measured by the session that filed it): 0.26 ms at 10
events, 7.6 ms at 1 000, 160 ms at 10 000; an append at 10 000 events at 0.22 of raw.`
)
