import { suite } from "@coaching/adapter-testkit"
import { SqliteStore } from "../src/index.js"
import { fileLayer } from "./support.js"

// On a real file, with a second connection checking what was really stored.
suite("sqlite file", fileLayer(), { capabilities: { raw: true } })

// A private in-memory database (":memory:"), new for every test.
suite("sqlite :memory:", SqliteStore.layer({ filename: ":memory:" }))
