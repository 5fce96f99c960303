/**
 * The list of test projects. `vitest.config.ts` imports it (vitest 5 no longer
 * reads a workspace file by itself).
 */
export const projects = [
  "examples/quickstart",
  "packages/adapter-sqlite",
  "packages/adapter-http",
  "packages/adapter-memory",
  "packages/adapter-postgres",
  "packages/cli",
  "packages/core",
  "examples/embedding",
  "examples/web",
  "packages/feedback-script",
  "packages/granularity"
]
