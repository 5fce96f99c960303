#!/usr/bin/env node
// The `coaching` command. This shim is committed (dist/ is not), so npm links the bin at install
// time even in a fresh clone, where dist/ does not exist yet (npm skips a bin whose file is
// missing, and `npx coaching` would then ask the registry). It runs the built CLI.
import { existsSync } from "node:fs"

const built = new URL("../dist/bin.js", import.meta.url)
if (!existsSync(built)) {
  console.error("coaching: the CLI is not built yet: run `npm run build` (or `npm test`) in the repository first.")
  process.exit(2)
}
await import(built.href)
