import { project } from "../../vitest.shared.ts"

// The bin tests spawn `node dist/bin.js`; a cold process with effect loaded takes ~0.3 s.
// In-process validation gets the granularity checker from the setup file (see test/support/granularity.ts).
export default project("cli", { testTimeout: 120_000, setupFiles: ["test/support/granularity.ts"] })
