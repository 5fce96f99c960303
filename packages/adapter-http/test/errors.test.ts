// Bad input gets a 4xx with a JSON body naming the path and a stable code; never an empty body,
// never a 5xx, and the server stays up.
import { MemoryStore } from "@coaching/adapter-memory"
import { Access, Demo } from "@coaching/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serverForTests, STORE_TOKEN } from "./support.js"

const COACH = "coach-token"
let server: Awaited<ReturnType<typeof serverForTests>>

beforeAll(async () => {
  server = await serverForTests(
    MemoryStore.layer,
    { [COACH]: { _tag: "Person", principal: Access.principal("coach", Demo.people.coachId) } },
    { maxBodySize: 64 * 1024 as never }
  )
})
afterAll(() => server.close())

const send = async (method: string, path: string, init: { body?: string; token?: string; type?: string } = {}) => {
  const headers: Record<string, string> = {}
  if (init.token !== undefined) headers["authorization"] = `Bearer ${init.token}`
  if (init.body !== undefined) headers["content-type"] = init.type ?? "application/json"
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) })
  const text = await response.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json, text, type: response.headers.get("content-type") }
}

const expectError = (r: Awaited<ReturnType<typeof send>>, status: number, code: string, path?: string) => {
  expect(r.status, r.text).toBe(status)
  expect(r.type).toMatch(/application\/json/)
  expect(r.json?.code).toBe(code)
  expect(typeof r.json?.path).toBe("string")
  expect(typeof r.json?.message).toBe("string")
  if (path !== undefined) expect(r.json.path).toBe(path)
}

describe("error bodies", () => {
  it("/health answers without a token", async () => {
    const r = await send("GET", "/health")
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ status: "ok" })
  })

  it("an unknown route or method is a JSON 404 naming the path", async () => {
    expectError(await send("GET", "/nowhere"), 404, "ROUTE_NOT_FOUND", "/nowhere")
    expectError(await send("DELETE", "/journeys/t1", { token: COACH }), 404, "ROUTE_NOT_FOUND", "/journeys/t1")
  })

  it("no token, or an unknown one, is a JSON 401", async () => {
    expectError(await send("GET", "/journeys/t1"), 401, "UNAUTHENTICATED", "headers.authorization")
    expectError(await send("GET", "/journeys/t1", { token: "nope" }), 401, "UNAUTHENTICATED", "headers.authorization")
  })

  it("malformed JSON, a wrong type, an unknown field: a JSON 400 with the path", async () => {
    const path = "/store/streams/journey-t1"
    expectError(await send("POST", path, { token: STORE_TOKEN, body: "{not json" }), 400, "INVALID_JSON")
    const wrongType = await send("POST", path, { token: STORE_TOKEN, body: JSON.stringify({ expected: "soon", events: [], index: {} }) })
    expectError(wrongType, 400, "INVALID_REQUEST")
    expect(wrongType.json.path).toMatch(/^payload\./)
    const unknownField = await send("POST", "/journeys/t1/commands", { token: COACH, body: JSON.stringify({ commandId: "c1", command: {}, extra: 1 }) })
    expectError(unknownField, 400, "INVALID_REQUEST", "payload.extra")
  })

  it("an invalid id is a 400 naming it", async () => {
    expectError(await send("GET", "/store/streams/%20bad", { token: STORE_TOKEN }), 400, "INVALID_ID", "params.streamId")
  })

  it("a wrong content type is a JSON 4xx", async () => {
    const r = await send("POST", "/journeys/t1/commands", { token: COACH, body: "hello", type: "text/plain" })
    expect(r.status).toBeGreaterThanOrEqual(400)
    expect(r.status).toBeLessThan(500)
    expect(typeof r.json?.code).toBe("string")
    expect(typeof r.json?.path).toBe("string")
  })

  it("an oversized body is a JSON 413", async () => {
    const big = JSON.stringify({ commandId: "c1", command: { note: "x".repeat(200_000) } })
    expectError(await send("POST", "/journeys/t1/commands", { token: COACH, body: big }), 413, "BODY_TOO_LARGE")
  })

  it("a person's token never opens the store routes; a store token never the journeys", async () => {
    expectError(await send("GET", "/store/streams", { token: COACH }), 403, "ACCESS_DENIED")
    expectError(await send("GET", "/journeys/t1", { token: STORE_TOKEN }), 403, "ACCESS_DENIED")
  })

  it("serves /openapi.json", async () => {
    const r = await send("GET", "/openapi.json")
    expect(r.status).toBe(200)
    expect(r.json.openapi).toMatch(/^3\.1/)
    expect(Object.keys(r.json.paths)).toContain("/journeys/{teacherId}/commands")
  })
})

describe("the Web-standard handler", () => {
  it("serves the same routes as (Request) => Promise<Response>, with the same JSON errors", async () => {
    const { Server } = await import("@coaching/adapter-http")
    const { handler, dispose } = Server.webHandler({ authenticate: Server.staticTokens({}) }, MemoryStore.layer)
    try {
      const health = await handler(new Request("http://localhost/health"))
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: "ok" })
      const missing = await handler(new Request("http://localhost/nowhere"))
      expect(missing.status).toBe(404)
      expect(await missing.json()).toMatchObject({ code: "ROUTE_NOT_FOUND", path: "/nowhere" })
      const anonymous = await handler(new Request("http://localhost/journeys/t1"))
      expect(anonymous.status).toBe(401)
      expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" })
    } finally {
      await dispose()
    }
  })
})
