import { config, scoped } from "./vitest.ts"

// the local PostgreSQL (127.0.0.1:5432, trust auth); processes.test.ts spawns child processes that cannot see a mutant
export default config(scoped("packages/adapter-postgres", "adapter-postgres", ["processes.test.ts"]))
