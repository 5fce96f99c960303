#!/usr/bin/env node
/**
 * The `coaching` executable: runs the CLI on the process arguments and exits with its code
 * (0 valid, 1 invalid, 2 usage or I/O error). It loads only what the command needs: a plain
 * `coaching validate` runs the lean validation bundle (`validate.js`, no command-line framework);
 * everything else, and any validate invocation that bundle leaves to it, the full CLI.
 */
import * as nodeModule from "node:module"
import { homedir } from "node:os"
import { isAbsolute, join } from "node:path"

/**
 * V8's compiled code for the bundles is kept on disk (Node's compile cache), so a start after the
 * first does not compile them again: a fifth of a small `coaching validate`'s time (docs/decisions/0009).
 * In the user's own cache folder, never the shared temporary folder, where another user could leave
 * compiled code for this one to run. NODE_COMPILE_CACHE (which Node reads itself) chooses another
 * folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off. A folder that cannot be made costs nothing, and a
 * Node without the API (before 22.1; the repository's machines still have 20) starts without it.
 */
const compileCache = (): void => {
  const env = process.env
  // a namespace import: a named one would fail to link where Node has no enableCompileCache
  const enable = (nodeModule as Partial<typeof nodeModule>).enableCompileCache
  if (enable === undefined || env["NODE_COMPILE_CACHE"] || env["NODE_DISABLE_COMPILE_CACHE"]) return
  try {
    const home = homedir()
    const bases = [
      env["XDG_CACHE_HOME"],
      process.platform === "win32" ? env["LOCALAPPDATA"] : home && join(home, process.platform === "darwin" ? "Library/Caches" : ".cache")
    ]
    // only an absolute folder (an empty HOME or a relative XDG_CACHE_HOME would put it in the current one)
    const base = bases.find((b) => b !== undefined && isAbsolute(b))
    if (base !== undefined) enable(join(base, "coaching", "compile-cache"))
  } catch {
    // no home folder: start without the cache
  }
}
compileCache()

const args = process.argv.slice(2)

/**
 * The lean `validate`: `validate.cjs`, built beside this file as its own bundle (CommonJS, which
 * a fresh process loads faster than ES modules); absent when this file runs from source.
 */
const lean = async (): Promise<number | undefined> => {
  let module: typeof import("./internal/leanValidate.js")
  try {
    module = nodeModule.createRequire(import.meta.url)("./validate.cjs") as typeof import("./internal/leanValidate.js")
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
  // effect's Effect module by its path: the barrel `"effect"` would load every effect module (docs/decisions/0009)
  const [{ run }, NodeServices, Effect] = await Promise.all([import("./Cli.js"), import("@effect/platform-node/NodeServices"), import("effect/Effect")])
  return Effect.runPromise(run(args).pipe(Effect.provide(NodeServices.layer)))
}

const code = (args[0] === "validate" ? await lean() : undefined) ?? await full()
// Let stdout drain before the process ends (process.exit could cut a long report short).
process.exitCode = code
