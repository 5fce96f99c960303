// Emits a package's declarations with tsc, one .d.ts per module, into dist/ (run from the package
// folder, after tsup). tsup's bundled .d.ts (rollup-plugin-dts) drops the value half of a namespace
// member that is both a value and a type (`Time.CalendarDate` the schema vs the type), so the
// published types would lose every schema. Workspace dependencies resolve to their built dist
// types (no `source` condition), so one package's types never inline another's.
import { execFileSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const dir = process.cwd()
mkdirSync(join(dir, "build"), { recursive: true })
const config = join(dir, "build", "tsconfig.dts.json")
writeFileSync(
  config,
  JSON.stringify({
    extends: "../tsconfig.json",
    compilerOptions: {
      composite: false,
      incremental: false,
      declaration: true,
      emitDeclarationOnly: true,
      declarationMap: false,
      customConditions: [],
      resolveJsonModule: true,
      rootDir: "../src",
      outDir: "../dist"
    },
    include: ["../src"],
    exclude: [],
    references: []
  })
)
const tsc = join(new URL("..", import.meta.url).pathname, "node_modules", "typescript", "bin", "tsc")
execFileSync(process.execPath, [tsc, "-p", config], { stdio: "inherit", cwd: dir })
