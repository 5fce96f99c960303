// Runs publint on every publishable package (not the private examples) and fails on any error
// or warning; and checks that no built file imports effect's barrel (`"effect"`, which loads every
// effect module: tsup.base.ts's effectModules rewrites such imports into imports of the modules).
import { readdirSync, readFileSync, existsSync } from "node:fs"
import { join } from "node:path"
import { publint } from "publint"
import { formatMessage } from "publint/utils"

const root = new URL("..", import.meta.url).pathname
let problems = 0
let checked = 0
for (const name of readdirSync(join(root, "packages")).sort()) {
  const dir = join(root, "packages", name)
  if (!existsSync(join(dir, "package.json"))) continue
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  if (pkg.private) continue
  const { messages } = await publint({ pkgDir: dir, level: "warning", strict: true })
  checked++
  const before = problems
  for (const message of messages) {
    problems++
    console.log(`${pkg.name}: [${message.type}] ${formatMessage(message, pkg) ?? message.code}`)
  }
  for (const file of readdirSync(join(dir, "dist"), { recursive: true }).map(String).filter((f) => /\.c?js$/.test(f))) {
    if (/(?:\bfrom|\bimport\s*\(?|\brequire\s*\()\s*["']effect["']/.test(readFileSync(join(dir, "dist", file), "utf8"))) {
      problems++
      console.log(`${pkg.name}: dist/${file} imports effect's barrel ("effect"), which loads every effect module`)
    }
  }
  if (problems === before) console.log(`${pkg.name}: ok`)
}
console.log(`check-packages: ${checked} packages checked, ${problems} problems`)
process.exit(problems > 0 ? 1 : 0)
