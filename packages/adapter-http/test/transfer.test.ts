// Whole-store moves over HTTP: `GET /store/export` and `POST /store/import` (a store token only),
// against real servers over SQLite files. An export read over HTTP is the store's canonical export;
// an import is validated, compared and written all or nothing, and a refusal changes nothing.
import { Client } from "@coaching/adapter-http"
import { SqliteStore } from "@coaching/adapter-sqlite"
import { Access, DemoSchool, Export, Store, Transfer } from "@coaching/core"
import { Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serverForTests, STORE_TOKEN } from "./support.js"

const tokens = {
  teacher: { _tag: "Person", principal: Access.principal("teacher", "t-ada") },
  coach: { _tag: "Person", principal: Access.principal("coach", "c-grace") },
  lead: { _tag: "Person", principal: Access.principal("lead", "l-mary") },
  admin: { _tag: "Person", principal: Access.principal("admin", "a-admin") }
} as const

const school = DemoSchool.school()
const canonical = Export.encode(school.document)

const dir = mkdtempSync(join(tmpdir(), "coaching-http-transfer-"))
let n = 0

/** A server over a new SQLite file (seeded with the demo school when asked), its store read directly beside it. */
const serverOver = async (seed: boolean) => {
  const filename = join(dir, `store-${++n}.db`)
  const layer = Layer.effect(
    Store.CoachingStore,
    Effect.gen(function*() {
      const store = yield* Store.CoachingStore
      if (seed) yield* Transfer.importDocument(store, JSON.parse(canonical))
      return store
    })
  ).pipe(Layer.provide(SqliteStore.layer({ filename })))
  const server = await serverForTests(layer, tokens)
  return { ...server, options: { baseUrl: server.url, token: STORE_TOKEN } }
}

let source: Awaited<ReturnType<typeof serverOver>>
let target: Awaited<ReturnType<typeof serverOver>>
beforeAll(async () => {
  source = await serverOver(true)
  target = await serverOver(false)
})
afterAll(async () => {
  await source.close()
  await target.close()
  rmSync(dir, { recursive: true, force: true })
})

const call = async (url: string, token: string | undefined, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {})
    },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {})
  })
  const text = await response.text()
  return { status: response.status, text, json: JSON.parse(text) as any }
}

const exportOf = (server: { readonly options: Client.Options }) =>
  Effect.runPromise(Effect.map(Client.exportDocument(server.options), Export.encode))

const importInto = (server: { readonly options: Client.Options }, document: unknown, onConflict?: "refuse" | "merge") =>
  Effect.runPromise(Effect.result(Client.importDocument(server.options, document, onConflict !== undefined ? { onConflict } : {})))

describe("GET /store/export", () => {
  it("answers the store's canonical export, byte for byte what `coaching export` writes", async () => {
    const r = await call(source.url, STORE_TOKEN, "GET", "/store/export")
    expect(r.status).toBe(200)
    expect(Export.encode(Export.make(r.json))).toBe(canonical)
    expect(await exportOf(source)).toBe(canonical)
  })
})

describe("POST /store/import", () => {
  it("moves a school from one server to another, and export → import → export is identical", async () => {
    const moved = await importInto(target, JSON.parse(await exportOf(source)))
    expect(moved._tag).toBe("Success")
    if (moved._tag !== "Success") return
    expect(moved.success).toEqual({
      playbooks: school.document.playbooks.length,
      people: school.document.people.length,
      cohorts: school.document.cohorts.length,
      relationships: school.document.relationships.length,
      journeys: school.document.journeys.length,
      events: school.document.journeys.reduce((sum, j) => sum + j.events.length, 0),
      unchanged: 0
    })
    expect(await exportOf(target)).toBe(canonical)
    // the same export again: everything is already there, nothing is written
    const again = await importInto(target, JSON.parse(canonical))
    expect(again._tag === "Success" && again.success.unchanged).toBe(
      school.document.playbooks.length + school.document.people.length + school.document.cohorts.length +
        school.document.relationships.length + school.document.journeys.length + (school.document.policy !== undefined ? 1 : 0)
    )
    expect(again._tag === "Success" && again.success.events).toBe(0)
  })

  it("refuses a conflicting record with every conflict listed and writes nothing; merges only when asked", async () => {
    const edited = JSON.parse(canonical)
    const i = edited.people.findIndex((p: { id: string }) => p.id === "t-ada")
    edited.people[i].name = "Ada Renamed"
    const before = await exportOf(source)
    const refused = await importInto(source, edited)
    expect(refused._tag).toBe("Failure")
    if (refused._tag !== "Failure") return
    expect(refused.failure).toBeInstanceOf(Transfer.ImportRefused)
    expect((refused.failure as Transfer.ImportRefused).code).toBe("IMPORT_CONFLICT")
    expect((refused.failure as Transfer.ImportRefused).violations.map((v) => v.path)).toEqual([`$.people[${i}]`])
    expect(await exportOf(source)).toBe(before)
    // the wire body: a JSON 422 with the code, the path and every violation
    const wire = await call(source.url, STORE_TOKEN, "POST", "/store/import", { document: edited })
    expect(wire.status).toBe(422)
    expect(wire.json).toMatchObject({ _tag: "ImportRefused", code: "IMPORT_CONFLICT", path: "payload.document" })
    expect(wire.json.violations).toHaveLength(1)
    // merged on request, after which the whole store still validates
    const merged = await importInto(source, edited, "merge")
    expect(merged._tag === "Success" && merged.success.people).toBe(1)
    const after = await exportOf(source)
    expect(after).toContain("Ada Renamed")
    expect(Export.validate(JSON.parse(after)).violations).toEqual([])
  })

  it("refuses a document that is not a valid export with every violation and its path, and writes nothing", async () => {
    const broken = JSON.parse(canonical)
    const journey = broken.journeys[0]
    journey.events = journey.events.slice(1) // the cycle's start is gone
    broken.people.push({ id: "t-new", name: "New", roles: ["teacher"] })
    const empty = await serverOver(false)
    try {
      const r = await call(empty.url, STORE_TOKEN, "POST", "/store/import", { document: broken })
      expect(r.status).toBe(422)
      expect(r.json).toMatchObject({ _tag: "ImportRefused", code: "INVALID_EXPORT", path: "payload.document" })
      expect(r.json.violations.length).toBeGreaterThan(0)
      expect(r.json.violations[0].path).toMatch(/^\$\.journeys\[0\]\.events/)
      const viaClient = await importInto(empty, broken)
      expect(viaClient._tag === "Failure" && viaClient.failure).toBeInstanceOf(Export.InvalidExport)
      for (const bad of [null, 42, "not an export", [], {}]) {
        const b = await call(empty.url, STORE_TOKEN, "POST", "/store/import", { document: bad })
        expect(b.status, JSON.stringify(bad)).toBe(422)
        expect(b.json.code).toBe("INVALID_EXPORT")
      }
      // nothing was written by any of them
      const after = await call(empty.url, STORE_TOKEN, "GET", "/store/export")
      expect(after.json.people).toEqual([])
      expect(after.json.journeys).toEqual([])
    } finally {
      await empty.close()
    }
  })

  it("refuses a malformed request with a JSON 400 naming the field", async () => {
    const unknownField = await call(target.url, STORE_TOKEN, "POST", "/store/import", { document: {}, replace: true })
    expect(unknownField.status).toBe(400)
    expect(unknownField.json.path).toBe("payload.replace")
    const wrongOption = await call(target.url, STORE_TOKEN, "POST", "/store/import", { document: {}, onConflict: "overwrite" })
    expect(wrongOption.status).toBe(400)
    expect(wrongOption.json.path).toBe("payload.onConflict")
    const notJson = await call(target.url, STORE_TOKEN, "POST", "/store/import", "{ not json")
    expect(notJson.status).toBe(400)
    expect(notJson.json.code).toBe("INVALID_JSON")
  })
})

describe("who may move a whole store", () => {
  it("a person's token never exports or imports (403), no token is a 401, and nothing is written", async () => {
    const before = await exportOf(source)
    for (const token of [...Object.keys(tokens), undefined]) {
      const read = await call(source.url, token, "GET", "/store/export")
      expect(read.status, String(token)).toBe(token === undefined ? 401 : 403)
      expect(read.text).not.toContain("t-ada")
      const write = await call(source.url, token, "POST", "/store/import", { document: JSON.parse(canonical), onConflict: "merge" })
      expect(write.status, String(token)).toBe(token === undefined ? 401 : 403)
      expect(write.json.code).toBe(token === undefined ? "UNAUTHENTICATED" : "ACCESS_DENIED")
    }
    expect(await exportOf(source)).toBe(before)
  })
})
