import { config, scoped } from "./vitest.ts"

// crash.test.ts and journeys-processes.test.ts spawn child processes that cannot see a mutant;
// readme.test.ts compares a TypeScript file with the README, and Stryker's sandbox heads every
// TypeScript file with `// @ts-nocheck` (it tests the README, not the SQL)
export default config(scoped("packages/adapter-sqlite", "adapter-sqlite", ["crash.test.ts", "journeys-processes.test.ts", "readme.test.ts"]))
