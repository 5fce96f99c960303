import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// The word lists in src/data/*.json are bundled into dist/index.js, so the published build
// needs no JSON import at run time.
const base = packageConfig()
export default defineConfig({
  ...base,
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false, customConditions: [], resolveJsonModule: true } }
})
