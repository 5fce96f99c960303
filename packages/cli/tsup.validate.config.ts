import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { defineConfig, type Options } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// effect's barrel re-exports each module as a namespace (`export * as Schema from "./Schema.js"`).
// Reached through `import { Schema } from "effect"`, esbuild keeps that namespace object whole, so
// every export of `Schema` and what they import stay in the bundle (crypto keys, network addresses,
// cookies, JSON Patch…: about 300 KB of the 427 KB the bundle was). This plugin rewrites our own
// sources' value imports from the barrel into the module imports they stand for
// (`import * as Schema from "effect/Schema"`), which esbuild tree-shakes like any module — the same
// bindings, so the same program (docs/decisions/0009, sixth pass).
const effectIndex = join(dirname(createRequire(import.meta.url).resolve("effect")), "index.js")
const barrel = new Map(
  [...readFileSync(effectIndex, "utf8").matchAll(/export \* as (\w+) from "\.\/([\w/]+)\.js"/g)].map((m) => [m[1], m[2]])
)

const effectModules: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "effect-modules",
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/][\w-]+[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8")
      const contents = source.replace(/import \{([^}]*)\} from "effect"/g, (_statement, names: string) => {
        const modules: Array<string> = []
        const rest: Array<string> = []
        for (const raw of names.split(",").map((n) => n.trim()).filter((n) => n !== "")) {
          if (raw.startsWith("type ")) continue
          const path = barrel.get(raw)
          if (path === undefined) rest.push(raw)
          else modules.push(`import * as ${raw} from "effect/${path}"`)
        }
        return [...modules, ...(rest.length > 0 ? [`import { ${rest.join(", ")} } from "effect"`] : [])].join("; ")
      })
      return { contents, loader: "ts" }
    })
  }
}

// `dist/validate.cjs`, the bin's lean `coaching validate` (src/internal/leanValidate.ts): core and
// effect bundled in and tree-shaken — core from its TypeScript source, so the modules validation
// never uses are left out — minified, as CommonJS (a fresh process loads it without starting the
// ES module loader), so that checking a small export costs little more than a bare `node` start
// (docs/decisions/0009). Built after tsup.config.ts, whose clean it must not race.
export default defineConfig(packageConfig({
  entry: { validate: "src/internal/leanValidate.ts" },
  format: ["cjs"],
  clean: false,
  sourcemap: false,
  minify: true,
  noExternal: [/^@coaching\/core$/, /^effect(\/|$)/],
  esbuildPlugins: [effectModules],
  esbuildOptions(options) {
    options.conditions = ["source"]
  }
}))
