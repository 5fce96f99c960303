/**
 * Runs the BUILT bin (`node packages/cli/dist/bin.js`) as a subprocess. `npm test` builds every
 * package first; when this file finds `dist/bin.js` missing or older than a source file (a
 * direct `npx vitest run --project cli` after an edit), it builds the package (and core and
 * granularity, adapter-sqlite, feedback-script and adapter-http, whose `dist` the bin imports, if theirs is stale) before the first test.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const here = new URL("../..", import.meta.url).pathname
export const packageDir = here.endsWith("/") ? here.slice(0, -1) : here
export const bin = join(packageDir, "dist", "bin.js")

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name)
    return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }, 0)

const stale = (pkg: string, output: string): boolean => !existsSync(output) || newest(join(pkg, "src")) > statSync(output).mtimeMs

/** The package's own build (tsup, then its declarations), as `npm run build` runs it. */
const build = (dir: string): void => {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: dir, stdio: "ignore" })
}

/** Builds core and this package when their `dist` is missing or older than their sources. */
export const ensureBuilt = (): void => {
  for (const dependency of ["core", "granularity", "adapter-sqlite", "feedback-script", "adapter-http", "adapter-postgres"]) {
    const dir = join(packageDir, "..", dependency)
    if (stale(dir, join(dir, "dist", "index.js"))) build(dir)
  }
  if (stale(packageDir, bin)) build(packageDir)
}

/** What a run printed and returned. */
export interface BinResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node dist/bin.js ...args` (optionally feeding `input` on stdin). */
export const runBin = (args: ReadonlyArray<string>, options: { readonly input?: string | Uint8Array; readonly env?: Record<string, string> } = {}): BinResult => {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input: options.input ?? "",
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A temporary folder, removed by the returned `cleanup`. */
export const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "coaching-cli-"))
  return {
    dir,
    file: (name: string, content: string | Uint8Array) => {
      const path = join(dir, name)
      writeFileSync(path, content)
      return path
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}
