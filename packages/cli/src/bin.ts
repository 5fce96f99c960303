#!/usr/bin/env node
/**
 * The `coaching` executable: runs the CLI on the process arguments and exits with its code
 * (0 valid, 1 invalid, 2 usage or I/O error). It loads only what the command needs: a plain
 * `coaching validate` runs the lean validation bundle (`validate.js`, no command-line framework);
 * everything else, and any validate invocation that bundle leaves to it, the full CLI.
 */
import { createRequire } from "node:module"

const args = process.argv.slice(2)

/**
 * The lean `validate`: `validate.cjs`, built beside this file as its own bundle (CommonJS, which
 * a fresh process loads faster than ES modules); absent when this file runs from source.
 */
const lean = async (): Promise<number | undefined> => {
  let module: typeof import("./internal/leanValidate.js")
  try {
    module = createRequire(import.meta.url)("./validate.cjs") as typeof import("./internal/leanValidate.js")
  } catch {
    return undefined
  }
  return module.main(args.slice(1))
}

/** The full CLI (effect/cli): every command, help, usage errors. */
const full = async (): Promise<number> => {
  // A reader that stops early (`coaching schema | head`) closes the pipe: stop quietly, no stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error
    process.exit(process.exitCode ?? 0)
  })
  const [{ run }, NodeServices, { Effect }] = await Promise.all([import("./Cli.js"), import("@effect/platform-node/NodeServices"), import("effect")])
  return Effect.runPromise(run(args).pipe(Effect.provide(NodeServices.layer)))
}

const code = (args[0] === "validate" ? await lean() : undefined) ?? await full()
// Let stdout drain before the process ends (process.exit could cut a long report short).
process.exitCode = code
