import type { Options } from "tsup"

/**
 * The tsup settings every package shares: ESM only, Node 22 target (decision 0011), one bundled `index.js`.
 * Declarations are emitted by `scripts/dts.mjs` (tsc, one `.d.ts` per module) after tsup.
 */
export const packageConfig = (options: Options = {}): Options => ({
  entry: ["src/index.ts"],
  format: ["esm"],
  // declarations come from tsc (scripts/dts.mjs): tsup's bundled .d.ts drops namespace values
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node22",
  ...options
})
