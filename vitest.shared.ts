import { defineProject } from "vitest/config"

/**
 * The settings every test project shares: tests in `test/`, workspace packages resolved to
 * their TypeScript sources (the `source` export condition), so a change in `@coaching/core` is
 * seen by every package's tests without a rebuild.
 */
export const project = (name: string, options: { readonly testTimeout?: number } = {}) =>
  defineProject({
    resolve: { conditions: ["source", "module", "node", "import", "default"] },
    ssr: { resolve: { conditions: ["source", "module", "node", "import", "default"]} },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      // the deep property run (COACHING_PROPERTY_RUNS, 10 000 a property) gets ten minutes a test
      testTimeout: options.testTimeout ?? (process.env["COACHING_PROPERTY_RUNS"] !== undefined ? 600_000 : 30_000)
    }
  })
