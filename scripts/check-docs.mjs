// Every exported name of every package's public source has a doc comment: an `export` line in
// packages/*/src (not src/internal) must follow a `*/` line (a JSDoc block), or sit inside a
// re-export list whose statement has one.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"

const root = new URL("..", import.meta.url).pathname
const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (name !== "internal" && name !== "data") walk(path)
    } else if (/\.ts$/.test(name) && !name.endsWith(".d.ts")) files.push(path)
  }
}
for (const pkg of readdirSync(join(root, "packages"))) {
  try { walk(join(root, "packages", pkg, "src")) } catch { /* no src */ }
}
const missing = []
for (const file of files) {
  const lines = readFileSync(file, "utf8").split("\n")
  lines.forEach((line, i) => {
    if (!/^export\s+(?!\*\s+from|\{[^}]*\}\s+from|default\s)/.test(line) && !/^export\s+\*\s+as\s/.test(line)) return
    let j = i - 1
    while (j >= 0 && lines[j].trim().startsWith("//")) j--
    if (j < 0 || !lines[j].trim().endsWith("*/")) missing.push(`${relative(root, file)}:${i + 1}: ${line.trim().slice(0, 80)}`)
  })
}
for (const m of missing) console.log(`no doc comment: ${m}`)
console.log(`doc comments: ${files.length} files checked, ${missing.length} exports without a doc comment`)
process.exit(missing.length > 0 ? 1 : 0)
