/**
 * The web example's server: core's HTTP routes (`@coaching/adapter-http`) over a SQLite store,
 * the built UI as static files, and the demo sign-ins. One Node listener; `start` is what
 * `npm start` and the browser test both run.
 */
import { Server } from "@coaching/adapter-http"
import { SqliteStore } from "@coaching/adapter-sqlite"
import { Access, Store } from "@coaching/core"
import { checkActionStep } from "@coaching/granularity"
import { Effect, Layer, ManagedRuntime } from "effect"
import { randomBytes } from "node:crypto"
import { existsSync, readFileSync, statSync } from "node:fs"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize } from "node:path"
import { Readable } from "node:stream"
import { demoPeople, personId, seedIfEmpty } from "./seed.js"

/** How to start. */
export interface StartOptions {
  readonly filename: string
  readonly port: number
  readonly host: string
  /** Offer demo sign-ins (fresh tokens for four demo people). */
  readonly demo: boolean
  /** The built UI (`vite build` output). */
  readonly ui: string
}

/** A demo sign-in. */
export interface SignIn {
  readonly name: string
  readonly role: string
  readonly about: string
  readonly token: string
}

/** A running app. */
export interface Running {
  readonly url: string
  readonly seeded: boolean
  readonly signIns: ReadonlyArray<SignIn>
  readonly close: () => Promise<void>
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png"
}

const today = (): string => new Date().toISOString().slice(0, 10)

/** Starts the server; resolves when it listens. */
export const start = async (options: StartOptions): Promise<Running> => {
  const store = SqliteStore.layer({ filename: options.filename })
  const runtime = ManagedRuntime.make(store)
  const seeded = await runtime.runPromise(seedIfEmpty(today()))
  const names = await runtime.runPromise(Effect.gen(function*() {
    const s = yield* (yield* Store.CoachingStore).records("person").list({ limit: 1000 })
    return new Map(s.items.map((p) => [p.id as string, p.name]))
  }))
  const signIns: Array<SignIn> = options.demo
    ? demoPeople.filter((p) => names.has(p.personId)).map((p) => ({
      name: names.get(p.personId)!,
      role: p.role,
      about: p.about,
      token: `demo-${p.personId}-${randomBytes(12).toString("hex")}`
    }))
    : []
  const tokens = Object.fromEntries(signIns.map((s, i) => [s.token, {
    _tag: "Person" as const,
    principal: Access.principal(demoPeople[i]!.role, personId(demoPeople[i]!.personId))
  }]))
  const { handler, dispose } = Server.webHandler(
    { authenticate: Server.staticTokens(tokens), checkActionStep },
    Layer.succeedContext(await runtime.context())
  )
  const server = createServer((req, res) => {
    void serve(req, res, options, signIns, handler)
  })
  await new Promise<void>((ok, fail) => {
    server.once("error", fail)
    server.listen(options.port, options.host, () => ok())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`,
    seeded,
    signIns,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()))
      await dispose()
      await runtime.dispose()
    }
  }
}

const serve = async (
  req: IncomingMessage,
  res: ServerResponse,
  options: StartOptions,
  signIns: ReadonlyArray<SignIn>,
  handler: (request: Request) => Promise<Response>
): Promise<void> => {
  try {
    const url = new URL(req.url ?? "/", "http://localhost")
    if (req.method === "GET" && url.pathname === "/demo/sign-ins") {
      return json(res, 200, signIns)
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const file = staticFile(options.ui, url.pathname)
      if (file !== undefined) {
        res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" })
        res.end(req.method === "HEAD" ? undefined : readFileSync(file))
        return
      }
    }
    const request = new Request(new URL(url.pathname + url.search, `http://${req.headers.host ?? "localhost"}`), {
      method: req.method ?? "GET",
      headers: Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]])),
      ...(req.method !== "GET" && req.method !== "HEAD" ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {})
    } as RequestInit)
    const response = await handler(request)
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  } catch (error) {
    json(res, 500, { code: "INTERNAL", path: req.url ?? "/", message: "The server failed to answer; nothing was changed by this request." })
    console.error(error)
  }
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(JSON.stringify(body))
}

/** The UI file for a path: `/` → index.html; a file under the UI folder; nothing else. */
const staticFile = (root: string, pathname: string): string | undefined => {
  const rel = pathname === "/" ? "index.html" : normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, "")
  if (rel.startsWith("..")) return undefined
  const file = join(root, rel)
  return existsSync(file) && statSync(file).isFile() ? file : undefined
}
