import type { Options } from "tsup"

/**
 * The tsup settings every package shares: ESM only, `.d.ts` bundled, Node 20 target, and
 * declarations resolved against built dependencies (`customConditions: []` turns off the
 * `source` condition the typecheck uses), so one package's types never inline another's.
 */
export const packageConfig = (options: Options = {}): Options => ({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false, customConditions: [] } },
  clean: true,
  sourcemap: true,
  target: "node20",
  ...options
})
