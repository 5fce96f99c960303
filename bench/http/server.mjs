// One server of bench/http, in its own process: `ours` (the adapter's Server over a memory store)
// or `bare` (a plain node:http handler making the same command-service calls over the same kind of
// store). Prints its port on the first stdout line. Both know the same tokens: token-i is teacher i.
import { createServer } from "node:http"

const mode = process.argv[2]
const TEACHERS = Number(process.env["BENCH_TEACHERS"] ?? 50)
const { Access, Granularity, Journeys, Memory, Store } = await import("@coaching/core")
const { Effect, Layer, Option } = await import("effect")

const store = Memory.make()
const teacherId = (i) => `t-${i}`
await Effect.runPromise(Effect.gen(function*() {
  for (let i = 0; i < TEACHERS; i++) yield* store.records("person").put({ id: teacherId(i), name: `Teacher ${i}`, roles: ["teacher"] })
}))
const principals = new Map(Array.from({ length: TEACHERS }, (_, i) => [`token-${i}`, Access.principal("teacher", teacherId(i))]))

if (mode === "ours") {
  const { Server } = await import("@coaching/adapter-http")
  const authenticate = (token) => Effect.succeed(principals.has(token) ? Option.some({ _tag: "Person", principal: principals.get(token) }) : Option.none())
  const server = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const s = yield* Server.start({ port: 0, authenticate, checkActionStep: Granularity.acceptAll }, Layer.succeed(Store.CoachingStore, store))
    console.log(new URL(s.url).port)
    return yield* Effect.never
  })))
  void server
} else {
  // The same calls the route makes: load (reads); execute, then the principal's view (appends).
  const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll })
  const send = (res, status, body) => {
    const text = JSON.stringify(body)
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
    res.end(text)
  }
  const server = createServer((req, res) => {
    const principal = principals.get((req.headers.authorization ?? "").replace(/^Bearer /, ""))
    if (principal === undefined) return send(res, 401, { code: "UNAUTHENTICATED" })
    const match = /^\/journeys\/([^/]+)(\/commands)?$/.exec(req.url ?? "")
    if (!match) return send(res, 404, { code: "ROUTE_NOT_FOUND" })
    const id = match[1]
    if (req.method === "GET" && !match[2]) {
      Effect.runPromise(journeys.load(principal, id)).then(
        (view) => send(res, 200, { teacherId: view.teacherId, version: view.version, events: view.events }),
        (e) => send(res, 403, { code: e.code ?? "ERROR" })
      )
      return
    }
    const chunks = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      let body
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
      } catch {
        return send(res, 400, { code: "INVALID_JSON" })
      }
      Effect.runPromise(Effect.gen(function*() {
        const executed = yield* journeys.executeUnknown(principal, id, body.command)
        const view = yield* journeys.load(principal, id)
        return { teacherId: id, events: executed.events, version: executed.version, advisories: executed.advisories, view: view.events }
      })).then((out) => send(res, 200, out), (e) => send(res, 422, { code: e.code ?? "ERROR" }))
    })
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, "127.0.0.1", () => console.log(server.address().port))
}
