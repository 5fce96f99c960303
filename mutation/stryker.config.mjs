// @ts-check
/**
 * StrykerJS over the modules whose rules matter most, one group at a time (`MUTATION_GROUP`).
 * Run through `npm run test:mutation [group…]` (scripts/mutation.mjs); see docs/testing.md.
 */
const groups = {
  // the rulebook
  rules: { vitest: "core", mutate: ["packages/core/src/Cycle.ts"] },
  // the export format and its validator, import/export over the port, the table of record kinds
  validator: { vitest: "core", mutate: ["packages/core/src/Export.ts", "packages/core/src/Transfer.ts", "packages/core/src/Records.ts"] },
  // the rights table and the programme policy
  policy: { vitest: "core", mutate: ["packages/core/src/Access.ts", "packages/core/src/Policy.ts"] },
  // the storage port, its memory primitives and the guards its append checks events with
  store: { vitest: "core", mutate: ["packages/core/src/Store.ts", "packages/core/src/Memory.ts", "packages/core/src/Guard.ts"] },
  // the granularity analyser
  granularity: { vitest: "granularity", mutate: ["packages/granularity/src/**/*.ts", "!packages/granularity/src/index.ts"] },
  // the feedback lint
  lint: { vitest: "lint", mutate: ["packages/feedback-script/src/Lint.ts", "packages/feedback-script/src/internal/lintText.ts"] },
  // the SQLite adapter's SQL
  sqlite: { vitest: "sqlite", mutate: ["packages/adapter-sqlite/src/Sql.ts"] },
  // the PostgreSQL adapter's SQL (needs the local PostgreSQL, as its tests do)
  postgres: { vitest: "postgres", mutate: ["packages/adapter-postgres/src/Sql.ts"] }
}

const name = process.env["MUTATION_GROUP"] ?? "policy"
const group = groups[/** @type {keyof typeof groups} */ (name)]
if (group === undefined) throw new Error(`MUTATION_GROUP: no group ${name}; one of ${Object.keys(groups).join(", ")}`)

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  // the vitest runner with its vitest 5 test selection fixed (see vitest5-runner.mjs and docs/testing.md)
  testRunner: "vitest5",
  plugins: ["@stryker-mutator/vitest-runner", "./mutation/vitest5-runner.mjs"],
  vitest: { configFile: `mutation/vitest.${group.vitest}.config.ts`, related: true },
  coverageAnalysis: "perTest",
  // a static mutant (a module-level constant or schema) reloads the code and reruns the group's whole
  // suite: minutes each on this machine, so they are left out unless MUTATION_STATIC=1
  ignoreStatic: process.env["MUTATION_STATIC"] !== "1",
  mutate: group.mutate,
  // only what the tests read is copied into the sandbox
  ignorePatterns: ["bench", "examples", "mutation/reports", "**/dist", "**/*.tsbuildinfo", "packages/cli", "packages/adapter-memory"],
  concurrency: Number(process.env["MUTATION_CONCURRENCY"] ?? 1),
  // the machine is shared: a mutant gets the dry run's time × 3 + 20 s before it counts as a timeout
  timeoutFactor: 3,
  timeoutMS: 20_000,
  // the first, coverage-recording run of a whole project: minutes under load
  dryRunTimeoutMinutes: 40,
  incremental: true,
  incrementalFile: `mutation/incremental/${name}.json`,
  reporters: ["clear-text", "progress-append-only", "json", "html"],
  jsonReporter: { fileName: `mutation/reports/${name}.json` },
  htmlReporter: { fileName: `mutation/reports/${name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true
}
