// Smoke-tests the packed tarballs the way a user gets them: `npm pack` every publishable package,
// install the tarballs (and effect from the registry) into a clean folder outside the workspace,
// typecheck a consumer with strict TypeScript against the published .d.ts files, run it, and run
// the installed `coaching` bin. Catches what the workspace hides: a runtime dependency left in
// devDependencies, a file missing from `files`, broken declarations, a bin without its shebang.
// The install is `--engine-strict`: on the Node running this (CI: the lowest supported, decision
// 0011) every package installed — ours, effect's, better-sqlite3, pg — must declare it supported.
import { execFileSync } from "node:child_process"
import { build } from "esbuild"
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const run = (cmd, args, cwd = work, options = {}) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options })
const step = (what) => console.log(`smoke: ${what}`)

const range = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).engines.node
const lowest = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(range)?.slice(1).map(Number)
const running = process.versions.node.split(".").map(Number)
const differs = lowest === undefined ? -1 : running.findIndex((n, i) => n !== lowest[i])
if (lowest === undefined || (differs !== -1 && running[differs] < lowest[differs])) {
  console.error(`smoke: FAILED — Node ${process.version} is outside the supported range ${range}; run it as \`scripts/with-node.sh npm run check:packages\``)
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), "coaching-smoke-"))
try {
  const tarballs = []
  for (const name of readdirSync(join(root, "packages")).sort()) {
    const dir = join(root, "packages", name)
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    if (pkg.private) continue
    const out = run("npm", ["pack", "--silent", "--pack-destination", work], dir).trim().split("\n").at(-1)
    tarballs.push(join(work, out))
  }
  step(`packed ${tarballs.length} packages`)

  const app = join(work, "app")
  cpSync(join(root, "examples", "quickstart", "src"), join(app, "src"), { recursive: true })
  // The README's "Embedding with a store" example, as a user copies it.
  cpSync(join(root, "examples", "embedding", "src", "store.ts"), join(app, "src", "store.ts"))
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "smoke-app", private: true, type: "module", allowScripts: { "better-sqlite3": true } }, null, 2)
  )
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023", "DOM"], // effect's own crypto declarations name CryptoKey (a DOM / Web Crypto type)
        module: "NodeNext",
        moduleResolution: "NodeNext",
        types: ["node"],
        strict: true,
        exactOptionalPropertyTypes: true,
        verbatimModuleSyntax: true,
        skipLibCheck: false,
        outDir: "out",
        rootDir: "src"
      },
      include: ["src"]
    })
  )
  // What the bundled .d.ts once lost: schemas are values inside the namespaces, not only types.
  writeFileSync(
    join(app, "src", "published.ts"),
    `import { Export, Policy, Time } from "@coaching/core"
import { MemoryStore } from "@coaching/adapter-memory"
import { PgStore } from "@coaching/adapter-postgres"
import type { SuiteOptions } from "@coaching/adapter-testkit"
import { checkActionStep, findingCodes } from "@coaching/granularity"
import { lintFeedback } from "@coaching/feedback-script"
import { Schema } from "effect"

const due: Time.CalendarDate = Time.CalendarDate.make("2026-11-30")
const policy: Policy.Policy = Schema.decodeUnknownSync(Policy.Policy)(Policy.defaultPolicy)
const options: Partial<SuiteOptions> = {}
console.log(JSON.stringify({
  due,
  maxDays: policy.followUp.maxDays,
  schema: Export.jsonSchema().$schema,
  memory: typeof MemoryStore.make,
  postgres: PgStore.describeUrl("postgres://coach:secret@db:5432/coaching"),
  granular: checkActionStep("Pose the question, pause five seconds, then name a student.").granular,
  codes: findingCodes.length > 0,
  lint: lintFeedback("Outstanding lesson!").length > 0,
  options: typeof options
}))
`
  )
  const started = Date.now()
  run("npm", ["install", "--engine-strict", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs, "effect@4.1.0", "@types/node@22"], app, { stdio: ["ignore", "pipe", "inherit"] })
  const onLowest = process.version === `v${lowest.join(".")}` ? ", the lowest supported" : `; the lowest supported is v${lowest.join(".")}`
  step(`installed the tarballs with --engine-strict in a clean folder on Node ${process.version}${onLowest} (${((Date.now() - started) / 1000).toFixed(1)} s)`)

  run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], app)
  step("the consumer typechecks against the published declarations (strict, skipLibCheck off)")

  const published = JSON.parse(run(process.execPath, ["out/published.js"], app))
  const expected = { due: "2026-11-30", maxDays: 84, schema: "https://json-schema.org/draft/2020-12/schema", memory: "function", postgres: "postgres://coach:***@db:5432/coaching", granular: true, codes: true, lint: true, options: "object" }
  if (JSON.stringify(published) !== JSON.stringify(expected)) throw new Error(`published.js printed ${JSON.stringify(published)}`)
  step("schemas, checker, lint, memory store and PostgreSQL adapter load from the tarballs")

  // An app that bundles core with esbuild (directly or through tsup) gets what it
  // uses, not every module of effect: the published files import effect by module (tsup.base.ts).
  const bundle = join(app, "bundle.mjs")
  const bundling = await build({
    stdin: { contents: `import { Cycle } from "@coaching/core"\nconsole.log(Cycle.emptyJourney("t-1").teacherId)\n`, resolveDir: app },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    outfile: bundle,
    logLevel: "silent"
  })
  if (bundling.warnings.length > 0) throw new Error(`esbuild warns when it bundles @coaching/core: ${bundling.warnings.map((w) => w.text).join("; ")}`)
  const bundled = readFileSync(bundle, "utf8")
  const unused = ["~effect/net/NetAddress", "~effect/crypto/Aead/Key", "~effect/http/Cookies", "~effect/SemVer"].filter((id) => bundled.includes(id))
  if (unused.length > 0) throw new Error(`an esbuild bundle of an app importing @coaching/core holds effect modules it never uses: ${unused.join(", ")}`)
  if (run(process.execPath, [bundle], app) !== "t-1\n") throw new Error("the esbuild bundle of core did not run")
  step(`an app bundling @coaching/core with esbuild gets ${Math.round(statSync(bundle).size / 1024)} KB, without effect's unused modules, and runs`)

  const readme = readFileSync(join(root, "README.md"), "utf8")
  const storeSection = readme.slice(readme.indexOf("\n## Embedding with a store\n"))
  const shown = /It prints:\n\n```\n([\s\S]*?)```/.exec(storeSection)?.[1]
  const exampleStarted = Date.now()
  const printed = run(process.execPath, ["out/store.js"], app)
  if (shown === undefined || printed !== shown) throw new Error(`the README's store example printed:\n${printed}\nnot what the README shows:\n${shown}`)
  step(`the README's "Embedding with a store" example runs from the tarballs and prints what the README shows (${((Date.now() - exampleStarted) / 1000).toFixed(1)} s)`)

  const db = join(app, "smoke.db")
  const first = run(process.execPath, ["out/main.js", db], app)
  const second = run(process.execPath, ["out/main.js", db], app)
  if (!/Secured/i.test(first) || !/cycle-2/.test(second)) throw new Error(`quickstart output unexpected:\n${first}\n---\n${second}`)
  step("the quickstart runs twice on SQLite from the tarballs (the second run continues the journey)")

  const bin = join(app, "node_modules", ".bin", "coaching")
  run(bin, ["--help"], app)
  const exported = join(app, "export.json")
  run(bin, ["export", "--from", `sqlite:${db}`, "--out", exported], app)
  run(bin, ["validate", exported], app)
  step("the installed coaching bin exports the quickstart's database and validates the export")
  console.log("smoke: ok")
} catch (error) {
  console.error(`smoke: FAILED — ${error.message}`)
  if (error.stdout) console.error(error.stdout)
  if (error.stderr) console.error(error.stderr)
  process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
