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
      testTimeout: options.testTimeout ?? 30_000
    }
  })
