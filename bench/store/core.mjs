// The core modules the store bench needs, from the built package, plus effect's Result.
export { Cycle, Demo, Granularity, Ids, Journeys, Policy, Store } from "@coaching/core"
export { Result } from "effect"
