/**
 * Test projects for mutation runs: the same per-package settings as `npm test`, narrowed to the
 * tests that exercise the mutated source (no tests that spawn a built `dist/` or a child process:
 * they cannot see a mutant and only cost time).
 */
import { defineConfig } from "vitest/config"
import { project } from "../vitest.shared.ts"
import "../vitest.config.ts" // the groupBy polyfill vitest 5's reporter needs on Node 20 (a no-op on 22)

/** One package's test project, rooted at its folder, leaving out `exclude` (paths under `test/`). */
export const scoped = (dir: string, name: string, exclude: ReadonlyArray<string> = []) => {
  const base = project(name, { testTimeout: 120_000 })
  return {
    ...base,
    root: new URL(`../${dir}`, import.meta.url).pathname,
    test: { ...base.test, exclude: ["**/node_modules/**", ...exclude.map((file) => `test/${file}`)] }
  }
}

/** A vitest config holding these projects. */
export const config = (...projects: Array<ReturnType<typeof scoped>>) => defineConfig({ test: { projects } })
