import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// Two entries: the library (`import { Cli } from "@coaching/cli"`) and the `coaching` bin, whose
// output keeps the `#!/usr/bin/env node` line of `src/bin.ts` (tsup preserves a leading shebang
// and marks the file executable). The bin loads the full CLI with a dynamic import, and a plain
// `coaching validate` runs `dist/validate.js` instead, built after this by tsup.validate.config.ts.
export default defineConfig(packageConfig({ entry: ["src/index.ts", "src/bin.ts"] }))
