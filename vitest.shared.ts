import { defineProject } from "vitest/config"

/**
 * The settings every test project shares: tests in `test/`, workspace packages resolved to
 * their TypeScript sources (the `source` export condition), so a change in `@coaching/core` is
 * seen by every package's tests without a rebuild.
 */
const conditions = ["source", "module", "node", "default"]

export const project = (name: string, options: { readonly testTimeout?: number; readonly setupFiles?: ReadonlyArray<string> } = {}) =>
  defineProject({
    // Vitest also hands these to Node (`--conditions`) for the packages it does not transform: an
    // "import" condition there makes `require()` load a package's ESM build (pg's `require("pg-pool")`
    // then gets a module namespace, not the class). Imports get "import" anyway.
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      ...(options.setupFiles !== undefined ? { setupFiles: [...options.setupFiles] } : {}),
      // the deep property run (COACHING_PROPERTY_RUNS, 10 000 a property) gets ten minutes a test
      testTimeout: options.testTimeout ?? (process.env["COACHING_PROPERTY_RUNS"] !== undefined ? 600_000 : 30_000)
    }
  })
