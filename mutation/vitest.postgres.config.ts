import { config, scoped } from "./vitest.ts"

// the local PostgreSQL (127.0.0.1:5432, trust auth); processes.test.ts spawns child processes that
// cannot see a mutant; readme.test.ts compares a TypeScript file with the README, and Stryker's
// sandbox heads every TypeScript file with `// @ts-nocheck` (it tests the README, not the SQL)
export default config(scoped("packages/adapter-postgres", "adapter-postgres", ["processes.test.ts", "readme.test.ts"]))
