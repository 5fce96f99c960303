import preact from "@preact/preset-vite"
import { defineConfig } from "vite"

/** The web UI's build: `src/ui` to `dist/`, served by `npm start` beside the API. */
export default defineConfig({
  root: "src/ui",
  plugins: [preact()],
  resolve: { conditions: ["source", "browser", "module", "import", "default"] },
  build: { outDir: "../../dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 }
})
