import { project } from "../../vitest.shared.ts"

export default project("adapter-postgres", { testTimeout: 120_000 })
