/**
 * A full garbage collection on demand, for streaming validation: V8 lets dead records pile up in
 * the old generation until a limit it picks itself, so a stream whose live data is ~25 MiB
 * peaked anywhere between 136 and 190 MiB of RSS on 1 GB of NDJSON. Collecting every few dozen
 * MiB of input keeps the peak near the live size, for about 1% of the time. `--expose-gc` set at
 * run time makes `gc` visible in a new context; if that is refused, this does nothing.
 */
// `node:v8` and `node:vm` only when the first collection runs: `node:v8` loads Node's streams,
// a few ms of every fresh process, and a small export never collects.

let collect: (() => void) | undefined
let tried = false

/** Runs a full collection if the runtime allows one. */
export const collectGarbage = (): void => {
  if (!tried) {
    tried = true
    try {
      process.getBuiltinModule("node:v8").setFlagsFromString("--expose-gc")
      const gc: unknown = process.getBuiltinModule("node:vm").runInNewContext("gc")
      if (typeof gc === "function") collect = gc as () => void
    } catch {
      collect = undefined
    }
  }
  collect?.()
}
