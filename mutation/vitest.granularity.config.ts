import { config, scoped } from "./vitest.ts"

export default config(scoped("packages/granularity", "granularity"))
