import { project } from "../../vitest.shared.ts"

export default project("adapter-sqlite", { testTimeout: 120_000 })
