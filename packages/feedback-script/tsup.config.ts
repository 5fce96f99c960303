import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// - The word lists in src/data/*.json are bundled into dist/index.js: the build reads no JSON at
//   run time.
// - Declarations come from tsc (scripts/dts.mjs), like every package's.
export default defineConfig(packageConfig())
