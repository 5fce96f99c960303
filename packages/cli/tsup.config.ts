import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// Two entries: the library (`import { Cli } from "@coaching/cli"`) and the `coaching` bin, whose
// output keeps the `#!/usr/bin/env node` line of `src/bin.ts` (tsup preserves a leading shebang
// and marks the file executable).
export default defineConfig(packageConfig({ entry: ["src/index.ts", "src/bin.ts"] }))
