import { suite } from "@coaching/adapter-testkit"
import { MemoryStore } from "../src/index.js"

suite("memory", MemoryStore.layer)
