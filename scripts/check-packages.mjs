// Runs publint on every publishable package (not the private examples) and fails on any error
// or warning.
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
  for (const message of messages) {
    problems++
    console.log(`${pkg.name}: [${message.type}] ${formatMessage(message, pkg) ?? message.code}`)
  }
  if (messages.length === 0) console.log(`${pkg.name}: ok`)
}
console.log(`publint: ${checked} packages checked, ${problems} problems`)
process.exit(problems > 0 ? 1 : 0)
