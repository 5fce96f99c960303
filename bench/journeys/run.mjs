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

const current = {
  ...(await import("@coaching/core")),
  ...(await import("effect")),
  SqliteStore: (await import("@coaching/adapter-sqlite")).SqliteStore
}
const { Sql } = await import("@coaching/adapter-sqlite")
const Database = createRequire(import.meta.url)("better-sqlite3")
// BENCH_BEFORE_ROOT: a checkout of an earlier commit with core and adapter-sqlite built (and its own
// node_modules), whose command service runs in the same rounds as "before" (its own copy of effect).
const beforeRoot = process.env["BENCH_BEFORE_ROOT"]
const before = beforeRoot === undefined ? undefined : {
  ...(await import(join(beforeRoot, "packages/core/dist/index.js"))),
  ...(await import(join(beforeRoot, "node_modules/effect/dist/index.js"))),
  SqliteStore: (await import(join(beforeRoot, "packages/adapter-sqlite/dist/index.js"))).SqliteStore
}
const BEFORE_COMMANDS = Number(process.env["BENCH_BEFORE_COMMANDS"] ?? 30)
const { Demo } = current

const SIZES = [10, 1_000, 10_000]
const COMMANDS = Number(process.env["BENCH_COMMANDS"] ?? 300)
const teacherId = Demo.people.teacherId
const T0 = Date.parse("2026-01-05T09:00:00.000Z")
const at = (i) => new Date(T0 + i * 1000).toISOString()
const reflection = (i) => ({ _tag: "ReflectionAdded", at: at(i), by: teacherId, reflection: { id: `r-${i}`, text: "What I noticed in the lesson today." } })

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}
/** A SQLite store holding a journey of `n` events, and the command service over it (of `lib`: this build's core, or the before one's). */
const ours = async (n, lib = current) => {
  const { Access, Cycle, Effect, Exit, Granularity, Journeys, Scope, SqliteStore } = lib
  const run = (effect) => Effect.runPromise(effect)
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
  const teacher = Access.principal("teacher", teacherId)
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

const load = loadavg().map((x) => x.toFixed(1)).join(" / ")
// Every size and contender is set up first; then they take turns command by command (all sizes in
// each round, after a warm-up round that is not counted), so the JIT and the machine's load fall on all alike.
const setups = []
for (const n of SIZES) {
  const a = await ours(n) // commands
  const s = await ours(n) // store appends
  const b = raw(n)
  const old = before === undefined ? undefined : await ours(n, before)
  const oldStore = before === undefined ? undefined : await ours(n, before) // the before build's store appends
  const cold = await time(a.command)
  const oldCold = old === undefined ? undefined : await time(old.command)
  await b.command()
  setups.push({ n, a, s, b, old, oldStore, cold, oldCold, version: n, oldVersion: n, ta: [], ts: [], tb: [], to: [], tos: [] })
}
// The order rotates from round to round: what runs right after a command finds the processor's caches
// cold and meets the garbage the command left (measured: ~10 µs on a 50 µs append), so no contender
// may always take that place.
for (let i = -1; i < COMMANDS; i++) {
  for (const x of setups) {
    const t = {}
    const turns = [
      () => time(x.a.command).then((ms) => (t.a = ms)),
      () => time(() => x.s.append(x.version++)).then((ms) => (t.s = ms)),
      () => time(x.b.command).then((ms) => (t.b = ms)),
      ...(x.old !== undefined && i < BEFORE_COMMANDS ? [() => time(x.old.command).then((ms) => (t.o = ms))] : []),
      ...(x.oldStore !== undefined ? [() => time(() => x.oldStore.append(x.oldVersion++)).then((ms) => (t.os = ms))] : [])
    ]
    const shift = (i + 1) % turns.length
    for (let k = 0; k < turns.length; k++) await turns[(k + shift) % turns.length]()
    const { a: ta, s: ts, b: tb, o: to, os: tos } = t
    if (i < 0) continue
    if (tos !== undefined) x.tos.push(tos)
    x.ta.push(ta)
    x.ts.push(ts)
    x.tb.push(tb)
    if (to !== undefined) x.to.push(to)
  }
}
const rows = []
for (const x of setups) {
  await x.a.close()
  await x.s.close()
  await x.b.close()
  await x.old?.close()
  await x.oldStore?.close()
  const beforeAppend = x.tos.length > 0 ? median(x.tos) : undefined
  rows.push({ n: x.n, cold: x.cold, command: median(x.ta), append: median(x.ts), raw: median(x.tb), before: x.to.length > 0 ? median(x.to) : undefined, beforeCold: x.oldCold, beforeAppend })
  console.log(`${x.n} events: first command ${x.cold.toFixed(2)} ms; then a command ${median(x.ta).toFixed(3)} ms, a store append ${median(x.ts).toFixed(3)} ms, raw ${median(x.tb).toFixed(3)} ms${x.to.length > 0 ? `, before ${median(x.to).toFixed(3)} ms, before's store append ${beforeAppend.toFixed(3)} ms` : ""}`)
}

const base = rows[0].command
const last = rows.at(-1)
const beforeLabel = process.env["BENCH_BEFORE_LABEL"] ?? "before"
const table = [
  `| journey | first command (loads it) | a command, median | vs the 10-event command |${before ? ` ${beforeLabel}: a command, median | ${beforeLabel} vs its 10-event command |` : ""} store append, median | raw better-sqlite3, median | append / raw (speed) |${before ? ` ${beforeLabel}: store append, median | ${beforeLabel}: append / raw (speed) |` : ""}`,
  `|---:|---:|---:|---:|${before ? "---:|---:|" : ""}---:|---:|---:|${before ? "---:|---:|" : ""}`,
  ...rows.map((r) =>
    `| ${r.n.toLocaleString("en-GB")} events | ${r.cold.toFixed(1)} ms | ${r.command.toFixed(3)} ms | **${(r.command / base).toFixed(2)}×** |${before ? ` ${r.before.toFixed(3)} ms | ${(r.before / rows[0].before).toFixed(2)}× |` : ""} ${r.append.toFixed(3)} ms | ${r.raw.toFixed(3)} ms | **${(r.raw / r.append).toFixed(2)}** |${before ? ` ${r.beforeAppend.toFixed(3)} ms | ${(r.raw / r.beforeAppend).toFixed(2)} |` : ""}`
  )
]
writeSection(
  "journeys",
  "Command cost as a journey grows (`bench/journeys`)",
  `Load average (1 / 5 / 15 min) at the start: ${load} (a shared machine). An AddReflection by the teacher through
\`Journeys.execute\` on SQLite, at the end of a journey of 10, 1 000 and 10 000 events. Every size and contender is set
up first, then they take turns command by command (all sizes in every round, after an uncounted warm-up round;
the order of the contenders rotates from round to round, because whatever runs right after a command finds the
caches cold and meets its garbage):
${COMMANDS} commands a size for this build${before ? ` (and ${COMMANDS} store appends for ${beforeLabel}'s store)` : ""} and for raw better-sqlite3 (same rows, same version check, one
\`BEGIN IMMEDIATE\` transaction a command, \`synchronous = NORMAL\` for both)${before ? `, and ${BEFORE_COMMANDS} a size for the command service of ${beforeLabel} (its own build and copy of effect, in the same process and rounds)` : ""}; medians.

${table.join("\n")}

The command service keeps journeys in memory (\`Journeys.Options.cacheSize\`, default 1000) and
reads only the events after the version it holds, so after the first command (which loads the
whole stream) a command does not grow with the journey; \`Cycle.replay\` is linear, and the duplicate check of a
reflection's id looks the id up in an index of the journey's reflections (it used to scan them all, so a command
at 10 000 reflections cost ~1.5× one at 10, and its scan cooled the caches for whatever ran next).
Targets: the 10 000-event command within 2× of the 10-event one — here ${(last.command / base).toFixed(2)}×${before ? ` (${beforeLabel}: ${(last.before / rows[0].before).toFixed(2)}×)` : ""};
the store's append at 10 000 events ≥ 0.7 of raw better-sqlite3 — here ${(last.raw / last.append).toFixed(2)}${before ? ` (${beforeLabel}: ${(last.raw / last.beforeAppend).toFixed(2)})` : ""}${last.raw / last.append >= 0.7 ? "" : " (not met)"}.
The store's append checks every event with a guard compiled from core's Schema (\`Guard\`, plain data only; the
Schema decode runs when the guard refuses, to name the bad field), checks the index row, encodes the events and runs
the adapter's transaction in one suspended Effect step (no generator); the adapter's own SQL is the raw one. The
"before" build runs with its own copy of effect in the same process, which slows both builds a little.
A command adds the rights check, the people lookup and the decision on top of the append.`
)
