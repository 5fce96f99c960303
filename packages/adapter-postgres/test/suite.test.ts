import { suite } from "@coaching/adapter-testkit"
import { schemaLayer, testDatabase } from "./support.js"

// On the PostgreSQL server, each test in a new schema of this file's database, with a second
// connection checking what was really stored.
const db = testDatabase("suite")
suite("postgres", schemaLayer(db), { capabilities: { raw: true } })
