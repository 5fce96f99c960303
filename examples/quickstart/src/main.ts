/**
 * `npm run demo`: the terminal walk-through on `./data/quickstart.db` (or the file given as the first argument),
 * relative to the folder `npm start` was run from.
 */
import { Effect } from "effect"
import { mkdirSync } from "node:fs"
import { dirname, isAbsolute, relative, resolve } from "node:path"
import { run } from "./Quickstart.js"

const argument = process.argv[2] ?? "data/quickstart.db"
const base = process.env["INIT_CWD"] ?? process.cwd()
const file = resolve(base, argument)
mkdirSync(dirname(file), { recursive: true })
const label = isAbsolute(argument) ? argument : `./${relative(base, file)}`

Effect.runPromise(run(file, (line) => console.log(line), label)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`The quickstart stopped: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
