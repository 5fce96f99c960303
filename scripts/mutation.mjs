#!/usr/bin/env node
/**
 * `npm run test:mutation [-- group… [--stryker-option …]]`: StrykerJS over one module group at a
 * time (all groups unless named), niced, in incremental mode, then a table of mutation scores per
 * file. Options after the groups go to Stryker (`--mutate <file>`: one file of the group).
 * Groups and settings: mutation/stryker.config.mjs. Not part of `npm test`; see docs/testing.md.
 *
 * Environment: MUTATION_CONCURRENCY (test runner processes, default 1),
 * MUTATION_STATIC=1 (also run static mutants: each reloads and reruns the group's whole suite),
 * COACHING_PROPERTY_RUNS (runs per property test, default 30 here: a surviving mutant runs every
 * test that covers it, property tests included; `npm test` runs 200, `test:deep` 10 000).
 */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const all = ["policy", "validator", "store", "rules", "granularity", "lint", "sqlite", "postgres"]
const argv = process.argv.slice(2)
// group names first; anything from the first `--option` on goes to Stryker as is
// (e.g. `-- validator --mutate packages/core/src/Transfer.ts`: one file of the group)
const firstOption = argv.findIndex((a) => a.startsWith("--"))
const args = firstOption === -1 ? argv : argv.slice(0, firstOption)
const strykerArgs = firstOption === -1 ? [] : argv.slice(firstOption)
const unknown = args.filter((g) => !all.includes(g))
if (unknown.length > 0) {
  console.error(`Unknown group(s) ${unknown.join(", ")}; the groups are ${all.join(", ")}.`)
  process.exit(2)
}
const groups = args.length > 0 ? args : all

/** Mutation score per file from a Stryker JSON report: detected / (detected + undetected), static and ignored left out. */
const scores = (group) => {
  const file = `${root}mutation/reports/${group}.json`
  if (!existsSync(file)) return []
  const report = JSON.parse(readFileSync(file, "utf8"))
  return Object.entries(report.files).map(([name, { mutants }]) => {
    const count = (...states) => mutants.filter((m) => states.includes(m.status)).length
    const detected = count("Killed", "Timeout")
    const undetected = count("Survived", "NoCoverage")
    return { group, name, detected, undetected, errors: count("RuntimeError", "CompileError"), ignored: count("Ignored"), score: (100 * detected) / Math.max(1, detected + undetected) }
  })
}

const rows = []
let failed = false
for (const group of groups) {
  const start = Date.now()
  console.log(`::: mutation group ${group}`)
  const run = spawnSync("nice", ["-n", "10", process.execPath, `${root}node_modules/@stryker-mutator/core/bin/stryker.js`, "run", "mutation/stryker.config.mjs", ...strykerArgs], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      MUTATION_GROUP: group,
      COACHING_PROPERTY_RUNS: process.env["COACHING_PROPERTY_RUNS"] ?? "30",
      COACHING_TEST_TIMEOUT: process.env["COACHING_TEST_TIMEOUT"] ?? "600000"
    }
  })
  const minutes = ((Date.now() - start) / 60_000).toFixed(1)
  console.log(`::: mutation group ${group} took ${minutes} min`)
  if (run.status !== 0) failed = true
  rows.push(...scores(group).map((row) => ({ ...row, minutes })))
}

console.log("\ngroup           file                                                  score  killed survived ignored")
for (const r of rows) {
  console.log(`${r.group.padEnd(15)} ${r.name.padEnd(52)} ${r.score.toFixed(1).padStart(6)} % ${String(r.detected).padStart(6)} ${String(r.undetected).padStart(8)} ${String(r.ignored).padStart(7)}`)
}
process.exit(failed ? 1 : 0)
