import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import type { Options } from "tsup"

type Plugin = NonNullable<Options["esbuildPlugins"]>[number]

/**
 * What each name of effect's barrel (`effect/dist/index.js`) stands for: a module re-exported as a
 * namespace (`export * as Schema from "./Schema.js"`) or one export of a module
 * (`export { pipe, … } from "./Function.js"`).
 */
const barrelNames = (): Map<string, { readonly path: string; readonly namespace: boolean }> => {
  const index = readFileSync(join(dirname(createRequire(import.meta.url).resolve("effect")), "index.js"), "utf8")
  const names = new Map<string, { readonly path: string; readonly namespace: boolean }>()
  for (const m of index.matchAll(/export \* as (\w+) from "\.\/([\w/]+)\.js"/g)) names.set(m[1]!, { path: m[2]!, namespace: true })
  for (const m of index.matchAll(/export \{([^}]*)\} from "\.\/([\w/]+)\.js"/g)) {
    const list = m[1]!.replace(/\/\*[\s\S]*?\*\//g, "") // each name has its doc comment
    for (const name of list.split(",").map((n) => n.trim()).filter((n) => n !== "")) names.set(name, { path: m[2]!, namespace: false })
  }
  return names
}

/**
 * Our sources import effect the way its docs and our style do, `import { Schema } from "effect"`. In
 * the built files that import would load effect's barrel, which imports every one of its modules:
 * Node then loads all of them for an app that imports `@coaching/core` (about a quarter of the
 * import's instructions), and esbuild, which keeps a namespace reached through the barrel whole,
 * bundles every export of `Schema` with what they import (crypto keys, network addresses, cookies,
 * JSON Patch…, about half of an app's bundle). This plugin rewrites our sources' value imports from
 * the barrel into imports of the modules they stand for (`import * as Schema from "effect/Schema"`,
 * `import { pipe } from "effect/Function"`): the same bindings, so the same program
 * (docs/decisions/0009, sixth and seventh passes). A name it does not know stops the build.
 */
export const effectModules = (): Plugin => ({
  name: "effect-modules",
  setup(build) {
    const barrel = barrelNames()
    build.onLoad({ filter: /[\\/]packages[\\/][\w-]+[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8")
      const contents = source.replace(/import \{([^}]*)\} from "effect"/g, (statement, names: string) => {
        const imports: Array<string> = []
        for (const raw of names.split(",").map((n) => n.trim()).filter((n) => n !== "")) {
          if (raw.startsWith("type ")) continue
          const [name = "", alias = name] = raw.split(/\s+as\s+/)
          const found = barrel.get(name)
          if (found === undefined) throw new Error(`${args.path}: effect's barrel has no "${name}" the build knows (tsup.base.ts, effectModules)`)
          imports.push(found.namespace ? `import * as ${alias} from "effect/${found.path}"` : `import { ${name} as ${alias} } from "effect/${found.path}"`)
        }
        // as many lines as the statement had, so that source maps keep their lines
        return imports.join("; ") + "\n".repeat(statement.split("\n").length - 1)
      })
      return { contents, loader: "ts" }
    })
  }
})

/**
 * The tsup settings every package shares: ESM only, Node 22 target (decision 0011), one bundled `index.js`,
 * effect imported by module (`effectModules`). Declarations are emitted by `scripts/dts.mjs` (tsc, one
 * `.d.ts` per module) after tsup.
 */
export const packageConfig = (options: Options = {}): Options => ({
  entry: ["src/index.ts"],
  format: ["esm"],
  // declarations come from tsc (scripts/dts.mjs): tsup's bundled .d.ts drops namespace values
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node22",
  esbuildPlugins: [effectModules()],
  ...options
})
