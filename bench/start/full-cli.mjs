// The `coaching` bin as it was before the lean start (for bench/start's "before" column): the
// whole CLI — effect/cli, every command, core, the granularity checker — imported up front.
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cli } from "@coaching/cli"
import { Effect } from "effect"
import "@coaching/granularity"

process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error
  process.exit(process.exitCode ?? 0)
})
process.exitCode = await Effect.runPromise(Cli.run(process.argv.slice(2)).pipe(Effect.provide(NodeServices.layer)))
