import { project } from "../../vitest.shared.ts"

export default project("example-web", { testTimeout: 240_000 })
