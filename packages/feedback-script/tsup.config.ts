import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// - The word lists in src/data/*.json are bundled into dist/index.js: the build reads no JSON at
//   run time.
// - Declarations are checked against core's sources (the `source` condition): core's bundled
//   dist/index.d.ts keeps only the types of a namespace member that is both a value and a type
//   (e.g. `People.Style`), and this package uses core's schemas as values. `@coaching/*` stay
//   external (tsup externalises dependencies and peers), so none of core's types are inlined.
export default defineConfig(packageConfig({
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false, customConditions: ["source"], resolveJsonModule: true } }
}))
