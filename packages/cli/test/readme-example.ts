import { Validate } from "@coaching/cli"
import { readFileSync } from "node:fs"

// The same verdict as `coaching validate`, in-process: the bytes of a JSON export or NDJSON stream.
export const check = (path: string) => {
  const outcome = Validate.validateBytes(readFileSync(path))
  for (const v of outcome.violations) console.log(`${path}:${v.line ?? ""} ${v.code} at ${v.path}: ${v.message}`)
  return outcome
}
