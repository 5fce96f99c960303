import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// Two entries: the checker, and `@coaching/granularity/version` (its version without its rules).
export default defineConfig(packageConfig({ entry: ["src/index.ts", "src/Version.ts"] }))
