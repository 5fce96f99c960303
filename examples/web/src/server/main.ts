/**
 * `npm start`: the coaching server on the embedded SQLite default (`./data/coaching.db`, seeded
 * with the demo school on first start) and the web UI, at http://127.0.0.1:4173 (`PORT`, `HOST`
 * to change). It prints the address and the demo sign-ins.
 *
 * The demo sign-ins are fresh random tokens for four demo people, made at each start and offered
 * by `/demo/sign-ins` to the sign-in page: a demo on a laptop, not a school's installation (run
 * `coaching serve` with `coaching tokens` for that). `COACHING_DEMO=0` turns them off.
 */
import { existsSync, mkdirSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { start } from "./App.js"

const here = dirname(fileURLToPath(import.meta.url))
const ui = resolve(here, "../../dist")
// after `npm install` alone the UI is not built yet: build it once (a few seconds)
if (!existsSync(join(ui, "index.html"))) {
  console.log("Building the web UI (first start)…")
  const { build } = await import("vite")
  await build({ configFile: resolve(here, "../../vite.config.ts"), logLevel: "warn" })
}

const base = process.env["INIT_CWD"] ?? process.cwd()
const file = resolve(base, process.env["COACHING_DB"] ?? "data/coaching.db")
mkdirSync(dirname(file), { recursive: true })

start({
  filename: file,
  port: Number(process.env["PORT"] ?? 4173),
  host: process.env["HOST"] ?? "127.0.0.1",
  demo: process.env["COACHING_DEMO"] !== "0",
  ui
}).then(
  (app) => {
    console.log(`Coaching is running at ${app.url} (store: ./${relative(base, file)}${app.seeded ? ", seeded with the demo school" : ""}).`)
    if (app.signIns.length > 0) {
      console.log("Demo sign-ins (on the sign-in page, or as bearer tokens):")
      for (const s of app.signIns) console.log(`  ${s.name.padEnd(6)} ${s.role.padEnd(8)} ${s.token}`)
    }
    console.log("Stop with Ctrl+C.")
    const stop = () => void app.close().then(() => process.exit(0))
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
  },
  (error: unknown) => {
    console.error(`The server did not start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
