#!/usr/bin/env node
/**
 * The `coaching` executable: runs the CLI on the process arguments and exits with its code
 * (0 valid, 1 invalid, 2 usage or I/O error).
 */
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect } from "effect"
import { run } from "./Cli.js"

// A reader that stops early (`coaching schema | head`) closes the pipe: stop quietly, no stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error
  process.exit(process.exitCode ?? 0)
})

const code = await Effect.runPromise(run(process.argv.slice(2)).pipe(Effect.provide(NodeServices.layer)))
// Let stdout drain before the process ends (process.exit could cut a long report short).
process.exitCode = code
