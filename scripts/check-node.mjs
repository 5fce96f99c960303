// The supported Node range is said once and repeated everywhere a user reads it; this check keeps
// the copies equal (decision 0011). The root package.json's `engines.node` (">=X.Y.Z") is the
// source. Then:
// - every package's and every example's package.json has exactly that `engines.node`;
// - every README (the root's and each package's) says "Node ≥ X.Y", and no README or docs page
//   names another lower bound ("Node ≥ 20", "Node >= 18") or another full version as the lowest;
// - every GitHub Actions `node-version:` in docs/ is that range;
// - CI runs on that lowest Node: .ci/run goes through scripts/with-node.sh, which fetches the
//   version the engines field names.
// With --running-lowest, also that this process runs on exactly that lowest version (CI passes it).
import { readdirSync, readFileSync, existsSync } from "node:fs"
import { join, relative } from "node:path"

const root = new URL("..", import.meta.url).pathname
const read = (path) => readFileSync(join(root, path), "utf8")
const problems = []
const checked = []

const range = JSON.parse(read("package.json")).engines?.node
const match = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(range ?? "")
if (!match) {
  console.log(`check-node: the root package.json's engines.node is ${JSON.stringify(range)}, not ">=X.Y.Z"`)
  process.exit(1)
}
const [, major, minor, patch] = match
const lowest = `${major}.${minor}.${patch}`
const shortForm = `${major}.${minor}`

const manifests = ["packages", "examples"].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(dir, name, "package.json")).filter((p) => existsSync(join(root, p)))
)
for (const path of manifests) {
  const engines = JSON.parse(read(path)).engines?.node
  checked.push(path)
  if (engines !== range) problems.push(`${path}: engines.node is ${JSON.stringify(engines)}, not "${range}"`)
}

const readmes = ["README.md", ...readdirSync(join(root, "packages")).map((name) => join("packages", name, "README.md"))]
  .filter((p) => existsSync(join(root, p)))
const docs = readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => join("docs", name))
const lineOf = (text, index) => text.slice(0, index).split("\n").length
for (const path of [...readmes, ...docs]) {
  const text = read(path)
  checked.push(path)
  if (readmes.includes(path) && !text.includes(`Node ≥ ${shortForm}`)) problems.push(`${path}: does not say "Node ≥ ${shortForm}"`)
  for (const m of text.matchAll(/\bNode(?:\.js)?\s*(?:≥|>=)\s*v?(\d+(?:\.\d+){0,2})/g)) {
    if (m[1] !== shortForm && m[1] !== lowest) problems.push(`${path}:${lineOf(text, m.index)}: "${m[0]}" is not Node ≥ ${shortForm}`)
  }
  // "Node 22.19.0" as the lowest / CI's version: any other full version of the same line is stale
  for (const m of text.matchAll(/\bNode(?:\.js)? v?(\d+)\.(\d+)\.(\d+)\b/g)) {
    if (m[1] === major && `${m[1]}.${m[2]}.${m[3]}` !== lowest) problems.push(`${path}:${lineOf(text, m.index)}: "${m[0]}" is not Node ${lowest}`)
  }
  for (const m of text.matchAll(/^\s*node-version:\s*(.*)$/gm)) {
    const value = m[1].trim().replace(/^(["'])(.*)\1$/, "$2")
    if (value !== range) problems.push(`${path}:${lineOf(text, m.index)}: the GitHub Actions node-version is ${m[1].trim()}, not "${range}"`)
  }
}
if (!/node-version:/.test(read("docs/cli.md"))) problems.push("docs/cli.md: the GitHub Actions step names no node-version")

const ci = read(".ci/run")
checked.push(".ci/run")
if (!/scripts\/with-node\.sh/.test(ci)) problems.push(".ci/run: does not run on the lowest supported Node (scripts/with-node.sh)")

if (process.argv.includes("--running-lowest") && process.version !== `v${lowest}`) {
  problems.push(`this check runs on Node ${process.version}, not on the lowest supported v${lowest}`)
}

for (const problem of problems) console.log(`node range: ${problem}`)
console.log(`node range: ${range} (lowest ${lowest}, running ${process.version}); ${checked.length} files checked, ${problems.length} problems`)
process.exit(problems.length > 0 ? 1 : 0)
