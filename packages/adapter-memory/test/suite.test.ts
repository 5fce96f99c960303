// test/suite.test.ts of your adapter
import { suite } from "@coaching/adapter-testkit"
import { MemoryStore } from "@coaching/adapter-memory"

suite("memory", MemoryStore.layer)
