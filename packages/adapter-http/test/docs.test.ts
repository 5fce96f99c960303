// The human docs page beside `/openapi.json`: every route of the contract, each with a summary, as
// plain HTML that needs no token, no script and no download.
import { Api, Server } from "@coaching/adapter-http"
import { MemoryStore } from "@coaching/adapter-memory"
import { Memory, Store } from "@coaching/core"
import { Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serverForTests } from "./support.js"

let server: Awaited<ReturnType<typeof serverForTests>>
beforeAll(async () => {
  server = await serverForTests(Layer.sync(Store.CoachingStore, () => Memory.make()))
})
afterAll(() => server.close())

const spec = Api.openApi() as unknown as { paths: Record<string, Record<string, { summary?: string; description?: string; operationId: string }>> }
const operations = Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })))

describe("GET /docs", () => {
  it("every route of the contract has a summary and a description", () => {
    expect(operations.length).toBeGreaterThanOrEqual(26)
    expect(operations.filter(({ op }) => !op.summary || !op.description).map(({ method, path }) => `${method} ${path}`)).toEqual([])
  })

  it("is an HTML page, without a token, listing every route with its summary", async () => {
    const response = await fetch(`${server.url}/docs`)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toMatch(/^text\/html/)
    const html = await response.text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain("<html lang=\"en\">")
    expect(html).toContain("name=\"viewport\"")
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/i)
    expect(html).toContain("href=\"/openapi.json\"")
    for (const { path, method, op } of operations) {
      expect(html, `${method} ${path}`).toContain(`<span class="method">${method.toUpperCase()}</span> <code>${path}</code>`)
      expect(html, op.operationId).toContain(`id="${op.operationId}"`)
    }
    // the parts a newcomer needs before a first request
    for (const tag of ["StartCycle", "RecordVisit", "AgreeActionStep", "AddReflection"]) expect(html).toContain(`id="command-${tag}"`)
    for (const words of ["Authorization: Bearer", "coaching tokens create", "commandId", "\"code\"", "413"]) expect(html).toContain(words)
  })

  it("is the same page through the Web-standard handler (the routes are one)", async () => {
    const { handler, dispose } = Server.webHandler({ authenticate: Server.staticTokens({}) }, MemoryStore.layer)
    try {
      const viaWeb = await handler(new Request("http://embedded.test/docs"))
      expect(viaWeb.status).toBe(200)
      expect(await viaWeb.text()).toBe(await (await fetch(`${server.url}/docs`)).text())
    } finally {
      await dispose()
    }
  })
})
