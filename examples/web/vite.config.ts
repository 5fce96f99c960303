import preact from "@preact/preset-vite"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

/** The web UI's build: `src/ui` to `dist/`, served by `npm start` beside the API. */
export default defineConfig({
  root: fileURLToPath(new URL("src/ui", import.meta.url)),
  plugins: [preact()],
  resolve: { conditions: ["source", "browser", "module", "import", "default"] },
  build: { outDir: fileURLToPath(new URL("dist", import.meta.url)), emptyOutDir: true, sourcemap: true }
})
