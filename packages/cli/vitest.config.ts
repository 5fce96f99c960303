import { project } from "../../vitest.shared.ts"

// The bin tests spawn `node dist/bin.js`; a cold process with effect loaded takes ~0.3 s.
export default project("cli", { testTimeout: 120_000 })
