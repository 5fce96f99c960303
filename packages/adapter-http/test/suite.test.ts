// The same adapter suite as memory and SQLite, against the HTTP client and a real server on
// 127.0.0.1: once in front of the memory store, once in front of a SQLite file (whose rows the
// suite reads directly, so it checks what really arrived on disk through the wire).
import { MemoryStore } from "@coaching/adapter-memory"
import { suite } from "@coaching/adapter-testkit"
import { clientOver, clientOverSqliteFile } from "./support.js"

suite("http → memory", clientOver(MemoryStore.layer))

suite("http → sqlite file", clientOverSqliteFile(), { capabilities: { raw: true } })
