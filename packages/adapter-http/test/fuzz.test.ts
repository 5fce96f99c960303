/**
 * Fuzz: bad requests generated from the server's own `/openapi.json` — every operation, with
 * malformed JSON, wrong content types, bodies of the wrong shape, wrong-typed and unknown fields,
 * invalid ids in the path, garbage in the query, wrong methods, unknown routes, oversized bodies,
 * missing and unknown tokens. Every answer must be a 4xx with a JSON body naming a stable code
 * and a path; never a 5xx; the server stays up; and the store is byte for byte what it was.
 */
import { Server } from "@coaching/adapter-http"
import { Access, Demo, Granularity, Journeys, Memory, Store } from "@coaching/core"
import { Effect, Exit, Layer, Option, Scope } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const COACH = "fuzz-coach"
const LEAD = "fuzz-lead"
const STORE = "fuzz-store"
const MAX_BODY = 64 * 1024
const COUNT = 1200

let store: Store.CoachingStoreService
let url = ""
let scope: Scope.Closeable

beforeAll(async () => {
  store = Memory.make()
  const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll })
  await Effect.runPromise(Effect.gen(function*() {
    const { people, relationships } = Demo.records()
    for (const person of people) yield* store.records("person").put(person)
    yield* store.records("person").put({ id: "l-lead", name: "Lena", roles: ["lead"] } as never)
    for (const relationship of relationships) yield* store.records("relationship").put(relationship)
    const grace = Access.principal("coach", Demo.people.coachId)
    for (const command of Demo.cycleCommands("2099-01-01").slice(0, 3)) yield* journeys.execute(grace, Demo.people.teacherId, command)
  }))
  scope = await Effect.runPromise(Scope.make())
  const server = await Effect.runPromise(Scope.provide(
    Server.start({
      port: 0,
      maxBodySize: MAX_BODY as never,
      checkActionStep: Granularity.acceptAll,
      authenticate: Server.staticTokens({
        [COACH]: { _tag: "Person", principal: Access.principal("coach", Demo.people.coachId) },
        [LEAD]: { _tag: "Person", principal: Access.principal("lead", "l-lead") },
        [STORE]: { _tag: "Store" }
      })
    }, Layer.succeed(Store.CoachingStore, store)),
    scope
  ))
  url = server.url
})
afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))

/** A small seeded generator, so a failure is reproducible. */
const prng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}

interface Operation {
  readonly method: string
  readonly path: string
  readonly pathParams: ReadonlyArray<string>
  readonly queryParams: ReadonlyArray<string>
  readonly body: { readonly required: ReadonlyArray<string>; readonly properties: ReadonlyArray<string> } | undefined
  readonly secured: boolean
}

interface BadRequest {
  readonly what: string
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
}

const badIds = ["%20", "-leading-dash", "a".repeat(200), "%C3%A9t%C3%A9", "..%2F..%2Fetc", "%00", "a%20b", "%F0%9F%98%80", "semi;colon", "quote%22s"]
/** Values that are wrong for a query parameter, by what the parameter holds. */
const badQuery = (name: string, op: Operation): ReadonlyArray<string> =>
  name === "limit" || (name === "after" && op.pathParams.includes("streamId"))
    ? ["-1", "abc", "1.5", "99999999999", "%00", "", "1e3"]
    : name === "open"
    ? ["maybe", "1", "TRUE", ""]
    : name === "followUpDueBefore" || name === "today"
    ? ["2026-13-45", "tomorrow", "2026-02-30", "26-11-11", ""]
    : name === "cursor"
    ? ["garbage", "c1.%25%25", "c1.eyJ9", ""]
    : ["%20", "-leading", "a".repeat(200), "%00", "a%20b", "%C3%A9", ""]
const wrongValues: ReadonlyArray<unknown> = [42, -1, true, null, [], [1, 2], {}, { nested: { deeper: [null] } }, 1e308]

const fill = (op: Operation, params: Record<string, string>) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? (name === "kind" ? "person" : name === "streamId" ? `journey-${Demo.people.teacherId}` : Demo.people.teacherId))

const tokenFor = (op: Operation) => (op.path.startsWith("/store") ? STORE : op.path.startsWith("/reports") ? LEAD : COACH)

/** One bad request for an operation: `kind` picks the mutation. */
const mutate = (op: Operation, random: () => number): BadRequest => {
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(random() * xs.length)]!
  const auth = { authorization: `Bearer ${tokenFor(op)}` }
  const json = { ...auth, "content-type": "application/json" }
  const path = fill(op, {})
  const kinds: Array<() => BadRequest> = [
    () => ({ what: "unknown route", method: op.method, path: `${path}/${pick(["x", "extra/deeper", "0"])}`, headers: json }),
    () => ({ what: "wrong method", method: pick(["PATCH", "DELETE", ...(op.method === "GET" ? ["POST"] : [])]), path: path.split("?")[0]!, headers: json, body: "{}" })
  ]
  if (op.secured) {
    kinds.push(
      () => ({ what: "no token", method: op.method, path, headers: { "content-type": "application/json" }, ...(op.body ? { body: "{}" } : {}) }),
      () => ({ what: "unknown token", method: op.method, path, headers: { authorization: `Bearer ${pick(["nope", "ct_x", "Bearer", "x".repeat(500)])}`, "content-type": "application/json" }, ...(op.body ? { body: "{}" } : {}) })
    )
  }
  for (const name of op.pathParams) {
    if (name === "kind") {
      kinds.push(() => ({ what: "unknown record kind", method: op.method, path: fill(op, { kind: pick(["token", "command", "journey", "people", "%00"]) }), headers: json, ...(op.body ? { body: JSON.stringify({ record: {} }) } : {}) }))
    } else {
      kinds.push(() => ({ what: `invalid ${name}`, method: op.method, path: fill(op, { [name]: pick(badIds) }), headers: json, ...(op.body ? { body: "{}" } : {}) }))
    }
  }
  for (const name of op.queryParams) {
    kinds.push(() => ({ what: `bad query ${name}`, method: op.method, path: `${path}?${name}=${pick(badQuery(name, op))}`, headers: auth }))
  }
  if (op.body !== undefined) {
    const body = op.body
    kinds.push(
      () => ({ what: "malformed JSON", method: op.method, path, headers: json, body: pick(["{", "{\"a\":", "[1,2", "nul", "{'single':1}", "\u0000", "{\"a\":1}}"]) }),
      () => ({ what: "wrong content type", method: op.method, path, headers: { ...auth, "content-type": pick(["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"]) }, body: "a=1" }),
      () => ({ what: "body of the wrong type", method: op.method, path, headers: json, body: JSON.stringify(pick([[], 1, "text", null, true])) }),
      () => ({ what: "empty object", method: op.method, path, headers: json, body: "{}" }),
      () => ({ what: "oversized body", method: op.method, path, headers: json, body: JSON.stringify({ pad: "x".repeat(MAX_BODY + 10) }) }),
      () => {
        const field = pick(body.properties.length > 0 ? body.properties : ["anything"])
        return { what: `wrong type at ${field}`, method: op.method, path, headers: json, body: JSON.stringify({ [field]: pick(wrongValues) }) }
      },
      () => ({
        what: "unknown field",
        method: op.method,
        path,
        headers: json,
        body: JSON.stringify({ ...Object.fromEntries(body.required.map((f) => [f, pick(wrongValues)])), grade: "outstanding" })
      })
    )
  }
  return pick(kinds)()
}

const operationsOf = (doc: any): Array<Operation> =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => {
        const params = (op.parameters ?? []) as Array<{ name: string; in: string }>
        const schema = op.requestBody?.content?.["application/json"]?.schema
        const resolved = schema?.$ref ? doc.components.schemas[String(schema.$ref).split("/").pop()!] : schema
        return {
          method: method.toUpperCase(),
          path,
          pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
          queryParams: params.filter((p) => p.in === "query").map((p) => p.name),
          body: resolved === undefined ? undefined : { required: resolved.required ?? [], properties: Object.keys(resolved.properties ?? {}) },
          secured: (op.security ?? doc.security ?? []).length > 0
        }
      }))

const snapshot = async () => {
  const streams = await Effect.runPromise(Store.listAll(store.listStreams))
  const parts: Array<string> = [JSON.stringify(streams)]
  for (const s of streams) parts.push(JSON.stringify(Option.getOrNull(await Effect.runPromise(store.readStream(s.streamId)))))
  for (const kind of Store.recordKinds) parts.push(JSON.stringify(await Effect.runPromise(Store.listAll(store.records(kind).list))))
  return parts.join("\n")
}

describe("fuzz", () => {
  it(`${COUNT} bad requests from /openapi.json: a JSON 4xx with a code and a path each, no 5xx, no change`, async () => {
    const doc = await (await fetch(`${url}/openapi.json`)).json()
    const operations = operationsOf(doc)
    expect(operations.length).toBeGreaterThanOrEqual(15)
    const before = await snapshot()
    const random = prng(20261202)
    const requests = Array.from({ length: COUNT }, (_, i) => mutate(operations[i % operations.length]!, random))
    const failures: Array<string> = []
    const statuses = new Map<number, number>()
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(requests.slice(i, i + 8).map(async (r) => {
        const response = await fetch(`${url}${r.path}`, { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) })
        const text = await response.text()
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        let body: { code?: unknown; path?: unknown; message?: unknown } | undefined
        try {
          body = JSON.parse(text)
        } catch {
          body = undefined
        }
        if (response.status < 400 || response.status >= 500) failures.push(`${r.what}: ${r.method} ${r.path.slice(0, 80)} → ${response.status} ${text.slice(0, 160)}`)
        else if (typeof body?.code !== "string" || typeof body.path !== "string" || typeof body.message !== "string") {
          failures.push(`${r.what}: ${r.method} ${r.path.slice(0, 80)} → ${response.status} without a JSON code/path: ${text.slice(0, 160)}`)
        }
      }))
    }
    expect(failures.slice(0, 20)).toEqual([])
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true)
    expect((await fetch(`${url}/health`)).status).toBe(200)
    expect(await snapshot()).toBe(before)
  }, 600_000)
})
