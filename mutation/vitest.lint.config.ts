import { config, scoped } from "./vitest.ts"

export default config(scoped("packages/feedback-script", "feedback-script", ["dist.test.ts"]))
