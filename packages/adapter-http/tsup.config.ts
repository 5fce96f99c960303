import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

// `./Client` is its own entry: a browser app imports the client without the Node server
export default defineConfig(packageConfig({ entry: ["src/index.ts", "src/Client.ts"] }))
