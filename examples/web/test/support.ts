/**
 * The browser test's parts: the UI built once, the server started on a fresh SQLite file,
 * Debian's Chromium driven by playwright-core, axe-core run inside the page.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"
import { build } from "vite"
import { type Running, start } from "../src/server/App.js"

const here = resolve(import.meta.dirname, "..")

/** Builds the UI into a fresh folder. */
export const buildUi = async (): Promise<string> => {
  const outDir = mkdtempSync(join(tmpdir(), "coaching-ui-"))
  await build({ configFile: join(here, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true, sourcemap: false } })
  return outDir
}

/** Starts the app on a fresh database and a free port. */
export const startApp = async (ui: string): Promise<Running & { readonly dir: string }> => {
  const dir = mkdtempSync(join(tmpdir(), "coaching-web-"))
  const app = await start({ filename: join(dir, "coaching.db"), port: 0, host: "127.0.0.1", demo: true, ui })
  return { ...app, dir, close: async () => { await app.close(); rmSync(dir, { recursive: true, force: true }) } }
}

/** Chromium from Debian (installed by `.ci/run` when missing). */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"

/** Launches headless Chromium with the flags this closed network needs. */
export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  })

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

/** axe-core's serious and critical violations on the page as it is now. */
export const seriousViolations = async (page: Page): Promise<Array<string>> => {
  await page.addScriptTag({ content: axeSource })
  const result = await page.evaluate(async () => {
    const axe = (globalThis as any).axe
    const r = await axe.run(document, { resultTypes: ["violations"] })
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))
  }) as Array<{ id: string; impact: string; help: string; nodes: number }>
  return result.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.help} ×${v.nodes}`)
}

/**
 * Where the screenshots go: the README's `docs/screenshots/` with `UPDATE_SCREENSHOTS=1` (so a
 * plain `npm test` leaves the checkout as it was), else a temporary folder.
 */
export const SCREENSHOTS = process.env["UPDATE_SCREENSHOTS"] === "1"
  ? resolve(here, "../../docs/screenshots")
  : mkdtempSync(join(tmpdir(), "coaching-screenshots-"))
