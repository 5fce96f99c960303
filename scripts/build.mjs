// Builds every workspace package in dependency order (npm's --workspaces runs them in folder
// order, which would build an adapter before the core it imports).
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, existsSync } from "node:fs"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const dirs = ["packages", "examples"].flatMap((d) =>
  existsSync(join(root, d)) ? readdirSync(join(root, d)).map((name) => join(root, d, name)) : [])
const pkgs = new Map()
for (const dir of dirs) {
  const file = join(dir, "package.json")
  if (!existsSync(file)) continue
  const pkg = JSON.parse(readFileSync(file, "utf8"))
  pkgs.set(pkg.name, { dir, pkg })
}
const order = []
const seen = new Set()
const visit = (name) => {
  if (seen.has(name) || !pkgs.has(name)) return
  seen.add(name)
  const { pkg } = pkgs.get(name)
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.devDependencies })) visit(dep)
  order.push(name)
}
for (const name of [...pkgs.keys()].sort()) visit(name)
for (const name of order) {
  const { dir, pkg } = pkgs.get(name)
  if (!pkg.scripts?.build) continue
  process.stdout.write(`build ${name}\n`)
  try {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" })
  } catch (error) {
    process.stdout.write(`${error.stdout ?? ""}${error.stderr ?? ""}`)
    process.stdout.write(`build of ${name} failed\n`)
    process.exit(1)
  }
}
