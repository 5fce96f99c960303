import { config, scoped } from "./vitest.ts"

export default config(scoped("packages/core", "core", ["docs.test.ts"]))
