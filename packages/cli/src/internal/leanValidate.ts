/**
 * `coaching validate` without the command-line framework: the bin's fast start. Built as its own
 * bundle (`dist/validate.js`, see tsup.config.ts) holding only what validation uses, so a CI job
 * checking a small export pays for a bare `node` start and little more (docs/decisions/0009).
 *
 * It takes the plain invocations — one file (or `-`), `--input`, `--max-errors`, `--format`, each
 * at most once, as `--flag value` or `--flag=value` — and a file it can stat. Anything else
 * (`--help`, an unknown flag, a bad value, a missing file) returns `undefined`, and the bin runs
 * the full CLI, whose help and usage errors are the reference.
 */
import { statSync, writeSync } from "node:fs"
import * as Output from "../Output.js"
import type { ValidateOptions } from "../Validate.js"
import { checkInput, InputFailure, type InputSource } from "./readInput.js"

/** A `validate` invocation the lean path handles. */
export interface Invocation {
  readonly file: string
  readonly input: "auto" | "json" | "ndjson"
  readonly format: Output.Format
  readonly maxErrors: number | undefined
}

const choices = {
  input: ["auto", "json", "ndjson"],
  format: ["text", "json", "github"]
} as const

/** The arguments after `validate`, or `undefined` when the full CLI should read them. */
export const parse = (args: ReadonlyArray<string>): Invocation | undefined => {
  const given = new Map<string, string>()
  const files: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "-" || !arg.startsWith("-")) {
      files.push(arg)
      continue
    }
    const eq = arg.indexOf("=")
    const name = eq === -1 ? arg : arg.slice(0, eq)
    if (name !== "--input" && name !== "--format" && name !== "--max-errors") return undefined
    if (given.has(name)) return undefined
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1)
    if (value === undefined) return undefined
    given.set(name, value)
  }
  if (files.length !== 1) return undefined
  const input = given.get("--input") ?? "auto"
  const format = given.get("--format") ?? "text"
  const max = given.get("--max-errors")
  if (!(choices.input as ReadonlyArray<string>).includes(input) || !(choices.format as ReadonlyArray<string>).includes(format)) return undefined
  if (max !== undefined && (!/^[1-9][0-9]{0,14}$/.test(max))) return undefined
  return { file: files[0]!, input: input as Invocation["input"], format: format as Output.Format, maxErrors: max === undefined ? undefined : Number(max) }
}

/** The input to read, or `undefined` when the file cannot be used (the full CLI says why). */
const sourceOf = (file: string): InputSource | undefined => {
  if (file === "-") return { name: Output.STDIN_NAME, path: undefined, size: undefined, rereadable: false }
  try {
    const info = statSync(file)
    if (info.isFile()) return { name: file, path: file, size: info.size, rereadable: true }
    if (info.isFIFO() || info.isCharacterDevice() || info.isSocket()) return { name: file, path: file, size: undefined, rereadable: false }
    return undefined
  } catch {
    return undefined
  }
}

/**
 * Writes the report to standard output without building `process.stdout` (a pipe's stream costs
 * a fresh process ~15 ms): straight to file descriptor 1, falling back to the stream if the
 * descriptor is non-blocking and full. A reader that closed the pipe early is not an error.
 */
const writeOut = (text: string): void => {
  const bytes = Buffer.from(text)
  let at = 0
  try {
    while (at < bytes.length) at += writeSync(1, bytes, at)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === "EPIPE") return
    if (code !== "EAGAIN") throw error
    process.stdout.on("error", () => undefined)
    process.stdout.write(bytes.subarray(at))
  }
}

/**
 * Runs `coaching validate` with the arguments after `validate`: the exit code (0 valid, 1
 * invalid, 2 unreadable), or `undefined` when the full CLI should run instead.
 */
export const main = async (args: ReadonlyArray<string>): Promise<number | undefined> => {
  const invocation = parse(args)
  if (invocation === undefined) return undefined
  const source = sourceOf(invocation.file)
  if (source === undefined) return undefined
  const options: ValidateOptions = { input: invocation.input, ...(invocation.maxErrors !== undefined ? { maxErrors: invocation.maxErrors } : {}) }
  try {
    const { outcome } = await checkInput(source, options, false)
    writeOut(Output.render(invocation.format, source.name, outcome))
    if (process.env["COACHING_REPORT_RSS"] === "1") process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS} KiB\n`)
    return outcome.valid ? 0 : 1
  } catch (error) {
    process.stderr.write(`coaching: ${error instanceof InputFailure ? error.message : `internal error: ${String(error)}`}\n`)
    return 2
  }
}
