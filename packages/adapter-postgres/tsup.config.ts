import { defineConfig } from "tsup"
import { packageConfig } from "../../tsup.base.ts"

export default defineConfig(packageConfig())
