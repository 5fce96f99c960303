import { config, scoped } from "./vitest.ts"

export default config(scoped("packages/adapter-sqlite", "adapter-sqlite", ["crash.test.ts"]))
