import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// `dist/validate.cjs`, the bin's lean `coaching validate` (src/internal/leanValidate.ts): core and
// effect bundled in and tree-shaken — core from its TypeScript source, so the modules validation
// never uses are left out — minified, as CommonJS (a fresh process loads it without starting the
// ES module loader), so that checking a small export costs little more than a bare `node` start
// (docs/decisions/0009); effect by module, as every build (tsup.base.ts). Built after tsup.config.ts,
// whose clean it must not race.
export default defineConfig(packageConfig({
  entry: { validate: "src/internal/leanValidate.ts" },
  format: ["cjs"],
  clean: false,
  sourcemap: false,
  minify: true,
  noExternal: [/^@coaching\/core$/, /^effect(\/|$)/],
  esbuildOptions(options) {
    options.conditions = ["source"]
  }
}))
