// bench/http: reads (GET /journeys/:teacherId) and command appends (POST …/commands, a teacher's
// reflection) per second with p50/p99 latency under concurrent clients, on loopback. In one run,
// side by side and taking turns: the adapter's server (`ours`: HttpApi, bearer auth, validation,
// rights, receipts for retry safety) and a bare node:http handler making the same command-service
// calls over the same memory store (`bare`). Each server runs in its own process; the load comes
// from a bounded keep-alive client of our own in this process. Writes its section of docs/benchmarks.md.
//
//   node bench/http/run.mjs                          (npm run bench builds the packages first)
//   BENCH_REQUESTS=500 BENCH_ROUNDS=1 node bench/http/run.mjs   (a quick look)
import { spawn } from "node:child_process"
import { Agent, request } from "node:http"
import { loadavg } from "node:os"
import { writeSection } from "../lib/report.mjs"

const REQUESTS = Number(process.env["BENCH_REQUESTS"] ?? 2000)
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 16)
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3)
const TEACHERS = 50
const here = new URL(".", import.meta.url).pathname

const start = (mode) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${here}server.mjs`, mode], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, BENCH_TEACHERS: String(TEACHERS) } })
    child.stdout.once("data", (chunk) => resolve({ port: Number(String(chunk).trim()), stop: () => child.kill("SIGKILL") }))
    child.once("exit", (code) => reject(new Error(`${mode} server exited with ${code}`)))
  })

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
let seq = 0
const call = (port, method, path, token, body) =>
  new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body)
    const req = request({ host: "127.0.0.1", port, method, path, agent, headers: { authorization: `Bearer ${token}`, ...(text ? { "content-type": "application/json", "content-length": Buffer.byteLength(text) } : {}) } }, (res) => {
      res.resume()
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode}`))))
    })
    req.on("error", reject)
    req.end(text)
  })

const requestFor = (kind, i) => {
  const t = i % TEACHERS
  return kind === "read"
    ? ["GET", `/journeys/t-${t}`, `token-${t}`, undefined]
    : ["POST", `/journeys/t-${t}/commands`, `token-${t}`, { commandId: `c-${++seq}`, command: { _tag: "AddReflection", by: `t-${t}`, reflection: { id: `r-${seq}`, text: "What I noticed in the lesson today." } } }]
}

/** N requests with at most C in flight: throughput and latencies. */
const load = async (port, kind) => {
  const latencies = []
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const [method, path, token, body] = requestFor(kind, next++)
      const t = performance.now()
      await call(port, method, path, token, body)
      latencies.push(performance.now() - t)
    }
  }))
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]
  return { rps: REQUESTS / seconds, p50: q(0.5), p99: q(0.99) }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const loadAtStart = loadavg()[0].toFixed(2)
const servers = { ours: await start("ours"), bare: await start("bare") }
const results = { ours: { read: [], append: [] }, bare: { read: [], append: [] } }
try {
  // warm up both (JIT, the journeys kept in memory), then take turns round by round
  for (const mode of ["ours", "bare"]) {
    for (let i = 0; i < TEACHERS; i++) await call(servers[mode].port, ...requestFor("append", i))
    for (let i = 0; i < 200; i++) await call(servers[mode].port, ...requestFor("read", i))
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ["read", "append"]) {
      for (const mode of round % 2 === 0 ? ["ours", "bare"] : ["bare", "ours"]) {
        const r = await load(servers[mode].port, kind)
        results[mode][kind].push(r)
        console.log(`round ${round + 1} ${kind} ${mode}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`)
      }
    }
  }
} finally {
  servers.ours.stop()
  servers.bare.stop()
  agent.destroy()
}

const summary = (mode, kind) => {
  const rs = results[mode][kind]
  return { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)) }
}
const rows = ["read", "append"].map((kind) => ({ kind, ours: summary("ours", kind), bare: summary("bare", kind) }))
for (const r of rows) console.log(`${r.kind}: ratio ${(r.ours.rps / r.bare.rps).toFixed(2)} (ours ${r.ours.rps.toFixed(0)} req/s, bare ${r.bare.rps.toFixed(0)} req/s)`)

writeSection(
  "http",
  "HTTP server vs a bare node:http handler (`bench/http`)",
  `Load average at the start: ${loadAtStart}. ${REQUESTS} requests a measurement, ${CONCURRENCY} in flight (a keep-alive client of our own on 127.0.0.1, in the bench process; each server in its own process), ${ROUNDS} rounds taking turns; figures are the medians of the rounds. Reads: \`GET /journeys/:teacherId\` (a teacher's own journey); appends: \`POST /journeys/:teacherId/commands\` (an \`AddReflection\`), over ${TEACHERS} teachers on a memory store.

| request | ours req/s | ours p50 | ours p99 | bare req/s | bare p50 | bare p99 | ours / bare (throughput) |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.kind === "read" ? "read a journey" : "append a command"} | ${r.ours.rps.toFixed(0)} | ${r.ours.p50.toFixed(2)} ms | ${r.ours.p99.toFixed(2)} ms | ${r.bare.rps.toFixed(0)} | ${r.bare.p50.toFixed(2)} ms | ${r.bare.p99.toFixed(2)} ms | **${(r.ours.rps / r.bare.rps).toFixed(2)}** |`).join("\n")}

Both make the same command-service calls (\`Journeys.load\`; \`Journeys.execute\` then the principal's view).
On top, ours decodes and validates every request against the contract (unknown fields refused),
authenticates the bearer token, answers every error as JSON with a code and a path, encodes the
response through its schema, and writes each command's receipt in the same batch as its events
(retry safety); the bare handler does none of that. Target: ours ≥ 0.6 of the bare handler for
reads and appends.`
)
