import { project } from "../../vitest.shared.ts"

export default project("example-quickstart", { testTimeout: 60_000 })
