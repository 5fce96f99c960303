// Runs every benchmark: each folder bench/<name>/ with a run.mjs or run.ts, in name order
// (or only the names given as arguments). Each writes its own section of docs/benchmarks.md.
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"

const here = new URL(".", import.meta.url).pathname
const only = process.argv.slice(2)
for (const name of readdirSync(here).sort()) {
  if (name === "lib" || name === "node_modules" || (only.length > 0 && !only.includes(name))) continue
  const dir = join(here, name)
  const script = ["run.mjs", "run.ts"].map((f) => join(dir, f)).find((f) => existsSync(f))
  if (!script) continue
  console.log(`\n=== bench ${name} ===`)
  const args = script.endsWith(".ts") ? ["--import", "tsx", script] : [script]
  execFileSync(process.execPath, args, { stdio: "inherit", cwd: join(here, "..") })
}
