// bench/reports: all three reports (fidelity, the lead's caseload summary, cohort insight) built
// from 1 000 000 events by the reports' projection (Reports.evolve, one event at a time), side by
// side with a pass that only counts the events, over the same input in the same run; and the cost
// of one more event once a million are folded. Writes its section of docs/benchmarks.md.
//
//   node bench/reports/run.mjs                        (npm run bench builds the packages first)
//   BENCH_EVENTS=100000 node bench/reports/run.mjs    (a quick look)
import { spawnSync } from "node:child_process"
import { loadavg } from "node:os"
import { fileURLToPath } from "node:url"
import { writeSection } from "../lib/report.mjs"

// A million parsed events need a bigger heap, and rounds start from a collected heap.
if (globalThis.gc === undefined) {
  const child = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", fileURLToPath(import.meta.url)], { stdio: "inherit" })
  process.exit(child.status ?? 1)
}

const { Access, Caseload, CohortInsight, DemoSchool, Export, Fidelity, Reports } = await import("@coaching/core")
const { Result } = await import("effect")

const TARGET = Number(process.env.BENCH_EVENTS ?? 1_000_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const load = loadavg()[0].toFixed(1)

// ---------------------------------------------------------------------------------------------
// The input: a synthetic school (every event decided by the rules), copied under new ids until
// it holds TARGET events, as the NDJSON lines of an export (one journey a line).
// ---------------------------------------------------------------------------------------------

const t0 = performance.now()
const base = DemoSchool.synthetic({ seed: 2026, coaches: 20, teachersPerCoach: 25, cyclesPerTeacher: 5, cohorts: 4, prefix: "b" })
const baseLines = [...Export.encodeNdjson(base.document)]
const baseEvents = base.document.journeys.reduce((n, j) => n + j.events.length, 0)
const copies = Math.ceil(TARGET / baseEvents)
const copy = (line, k) => line.replaceAll("\"b-", `"b${k}-`)
const header = baseLines[0]
const records = []
const journeys = []
for (let k = 0; k < copies + 1; k++) {
  for (const line of baseLines.slice(1)) (line.startsWith("{\"_tag\":\"journey\"") ? journeys : records).push({ k, line: copy(line, k) })
}
// the last copy is kept apart: the "one more event" input
const extra = journeys.filter((j) => j.k === copies).map((j) => j.line)
const lines = [header, ...records.filter((r) => r.k < copies).map((r) => r.line), ...journeys.filter((j) => j.k < copies).map((j) => j.line)]
const events = copies * baseEvents
console.log(`input: ${events.toLocaleString("en")} events (${copies} copies of a ${baseEvents.toLocaleString("en")}-event school), ${(lines.reduce((n, l) => n + l.length, 0) / 2 ** 20).toFixed(0)} MiB of NDJSON, built in ${((performance.now() - t0) / 1000).toFixed(0)} s`)

// ---------------------------------------------------------------------------------------------
// The passes
// ---------------------------------------------------------------------------------------------

/** Reads every line and counts the events: the baseline. */
const countPass = (input) => {
  let n = 0
  for (const text of input) {
    const line = JSON.parse(text)
    if (line._tag === "journey") n += line.journey.events.length
  }
  return n
}

/** Reads every line, folds every event into the reports' state, then builds all three reports. */
const reportPass = (input) => {
  const state = Reports.initial()
  const doc = { people: [], cohorts: [], relationships: [], playbooks: [] }
  let policy
  for (const text of input) {
    const line = JSON.parse(text)
    switch (line._tag) {
      case "journey": {
        const teacherId = line.journey.teacherId
        for (const event of line.journey.events) Reports.evolve(state, { teacherId, event })
        break
      }
      case "header":
        policy = line.policy
        break
      case "person":
        doc.people.push(line.person)
        break
      case "cohort":
        doc.cohorts.push(line.cohort)
        break
      case "relationship":
        doc.relationships.push(line.relationship)
        break
      case "playbook":
        doc.playbooks.push(line.playbook)
        break
    }
  }
  const context = { records: doc, ...(policy !== undefined ? { policy } : {}) }
  const lead = Access.principal("lead", "b0-lead")
  return {
    state,
    fidelity: Result.getOrThrow(Fidelity.report(state, context, lead)),
    caseload: Result.getOrThrow(Caseload.summary(state, context, lead, { today: "2027-06-01" })),
    cohort: Result.getOrThrow(CohortInsight.report(state, context, lead))
  }
}

const time = (f) => {
  const t = process.hrtime.bigint()
  const out = f()
  return { seconds: Number(process.hrtime.bigint() - t) / 1e9, out }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const gc = () => globalThis.gc?.()

// Warm-up on a tenth, then rounds taking turns.
countPass(lines.slice(0, Math.ceil(lines.length / 10)))
reportPass(lines.slice(0, Math.ceil(lines.length / 10)))
const counted = []
const reported = []
let last
for (let round = 0; round < ROUNDS; round++) {
  gc()
  const c = time(() => countPass(lines))
  if (c.out !== events) throw new Error(`counted ${c.out}, expected ${events}`)
  counted.push(c.seconds)
  gc()
  const r = time(() => reportPass(lines))
  if (Reports.events(r.out.state) !== events) throw new Error("the reports folded a different number of events")
  reported.push(r.seconds)
  last = r.out
  console.log(`round ${round + 1}: count ${c.seconds.toFixed(2)} s, reports ${r.seconds.toFixed(2)} s`)
}

// The same over events already in memory (no JSON): the fold alone against a loop that counts.
const parsed = lines.filter((l) => l.startsWith("{\"_tag\":\"journey\"")).map((l) => JSON.parse(l).journey)
const memCount = []
const memFold = []
for (let round = 0; round < ROUNDS; round++) {
  memCount.push(time(() => { let n = 0; for (const j of parsed) for (const e of j.events) if (e._tag !== "") n++; return n }).seconds)
  memFold.push(time(() => { const s = Reports.initial(); for (const j of parsed) for (const event of j.events) Reports.evolve(s, { teacherId: j.teacherId, event }); return s }).seconds)
}

// One more event: the marginal cost of folding events into the state of a million, against
// folding the same events into an empty state (O(1): the two should match).
const extraJourneys = extra.map((l) => JSON.parse(l).journey)
const extraEvents = extraJourneys.reduce((n, j) => n + j.events.length, 0)
const foldInto = (state) => {
  gc()
  return time(() => { for (const j of extraJourneys) for (const event of j.events) Reports.evolve(state, { teacherId: j.teacherId, event }) }).seconds
}
// taking turns, each after a full collection (a major GC of a big heap inside one measurement is not the fold's cost)
const empties = []
const fulls = []
for (let i = 0; i < 5; i++) {
  empties.push(foldInto(Reports.initial()))
  fulls.push(foldInto(last.state))
}
const intoEmpty = median(empties)
const intoFull = median(fulls)
const countOne = median([0, 1, 2].map(() => time(() => { let n = 0; for (const j of extraJourneys) for (const e of j.events) if (e._tag !== "") n++; return n }).seconds))

const c = median(counted)
const r = median(reported)
const ratio = r / c
const mc = median(memCount)
const mf = median(memFold)
const ns = (s, n) => `${((s * 1e9) / n).toFixed(0)} ns`
const heap = process.memoryUsage().heapUsed / 2 ** 20
const programme = last.fidelity.programme
const summary = programme.suppressed ? "programme hidden" : `programme: ${programme.figures.teachers.toLocaleString("en")} teachers, ${programme.figures.cycles.started.toLocaleString("en")} cycles`

const markdown = `
All three reports — fidelity, the lead's caseload summary, cohort insight — built from
${events.toLocaleString("en")} events by the reports' projection (\`Reports.evolve\`, one event at a time, then the three
reports read from its state), side by side in one run with a pass that only counts the same events. The input
is an export's NDJSON lines in memory (${copies} copies, under new ids, of a ${baseEvents.toLocaleString("en")}-event synthetic school from
\`DemoSchool.synthetic\`, every event decided by the rules): both passes parse every line, as a server or the CLI
must. Medians of ${ROUNDS} rounds taking turns after a warm-up. ${summary}.

Load average when the run started: ${load} (other work shares the machine; the ratios are what to read).

| pass over ${events.toLocaleString("en")} events | time | per event |
|---|---:|---:|
| count the events (parse every line) | ${c.toFixed(2)} s | ${ns(c, events)} |
| **all three reports** (parse every line, fold every event, read the reports) | ${r.toFixed(2)} s | ${ns(r, events)} |
| **ratio reports / count** (target ≤ 3×) | **${ratio.toFixed(2)}×** | |
| events already in memory: a loop that counts them | ${mc.toFixed(3)} s | ${ns(mc, events)} |
| events already in memory: the fold alone | ${mf.toFixed(3)} s | ${ns(mf, events)} |

The fold alone costs ${(mf / mc).toFixed(0)}× a bare counting loop over objects already in memory (a loop that does nothing
but count is not a pass any source can feed); against reading the events it adds ${(((r - c) / c) * 100).toFixed(0)} %.

One more event (O(1)): folding ${extraEvents.toLocaleString("en")} further events into the state of ${events.toLocaleString("en")} costs
${ns(intoFull, extraEvents)} an event, against ${ns(intoEmpty, extraEvents)} into an empty state (counting them: ${ns(countOne, extraEvents)}); medians of 5 turns,
each after a full collection.
Heap after the run: ${heap.toFixed(0)} MiB.
`
console.log(markdown)
writeSection("reports", "Reports: fidelity, caseload and cohort insight from 1 000 000 events", markdown)
