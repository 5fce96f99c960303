// Writes one benchmark's results into its own section of docs/benchmarks.md, with the machine
// and the date, leaving the other benchmarks' sections as they are.
import { cpus, totalmem } from "node:os"
import { existsSync, readFileSync, writeFileSync } from "node:fs"

const file = new URL("../../docs/benchmarks.md", import.meta.url)
const header = `# Benchmarks

Written by \`npm run bench\` (each benchmark replaces its own section). Figures are ratios measured
in one run on one machine, because these machines are noisy; absolute numbers are for orientation.
`

/** The machine a run happened on, as one line. */
export const machine = () =>
  `${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`

/** Replaces (or appends) the section `name` of docs/benchmarks.md with `markdown`. */
export const writeSection = (name, title, markdown) => {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const body = `${start}\n## ${title}\n\nRun ${new Date().toISOString()} on ${machine()}.\n\n${markdown.trim()}\n${end}`
  let text = existsSync(file) ? readFileSync(file, "utf8") : header
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  text = i >= 0 && j > i ? text.slice(0, i) + body + text.slice(j + end.length) : `${text.trimEnd()}\n\n${body}\n`
  writeFileSync(file, text)
}
