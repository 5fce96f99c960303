/**
 * `coaching serve` and `coaching tokens` through the built bin: a real SQLite file, a real server
 * process on 127.0.0.1, tokens created, used and revoked; and the committed bin shim that makes
 * `npx coaching` work in the repository.
 */
import { SqliteStore } from "@coaching/adapter-sqlite"
import { Demo } from "@coaching/core"
import { Effect } from "effect"
import { type ChildProcess, spawnSync } from "node:child_process"
import { readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bin, ensureBuilt, packageDir, runBin, tempDir } from "./support/bin.js"
import { startServe as serve } from "./support/servers.js"

const tmp = tempDir()
const db = join(tmp.dir, "coaching.db")
const store = `sqlite:${db}`
let server: ChildProcess | undefined

beforeAll(async () => {
  ensureBuilt()
  await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const s = yield* SqliteStore.make({ filename: db })
    const { people, relationships } = Demo.records()
    for (const person of people) yield* s.records("person").put(person)
    for (const relationship of relationships) yield* s.records("relationship").put(relationship)
  })))
}, 300_000)
afterAll(() => {
  server?.kill("SIGKILL")
  tmp.cleanup()
})

/** Starts `coaching serve` and resolves with the URL it prints. */
const startServe = (args: ReadonlyArray<string>): Promise<string> => serve(args, (started) => (server = started))

const get = async (url: string, token: string) => {
  const send = () => fetch(url, { headers: { authorization: `Bearer ${token}` } })
  // a kept-alive connection the server closed while the test waited on a slow bin run: send again
  const response = await send().catch(send)
  return { status: response.status, json: await response.json() as any }
}

describe("coaching tokens and coaching serve", () => {
  let coachToken = ""

  it("tokens create prints a new token once, for a registered person in that role", () => {
    const r = runBin(["tokens", "create", "--role", "coach", "--person", Demo.people.coachId, "--store", store])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^ct_[A-Za-z0-9_-]{43}\n$/)
    expect(r.stderr).toMatch(/token tok-[0-9a-f]{32} created .*shown only this once/)
    coachToken = r.stdout.trim()
    // Stored hashed: the token itself is nowhere in the file.
    expect(readFileSync(db).includes(Buffer.from(coachToken))).toBe(false)
  })

  it("tokens create refuses a person who does not hold the role, a missing --person, a bad store", () => {
    const notLead = runBin(["tokens", "create", "--role", "lead", "--person", Demo.people.coachId, "--store", store])
    expect(notLead.status).toBe(2)
    expect(notLead.stderr).toMatch(/registered as coach, not as a lead/)
    const nobody = runBin(["tokens", "create", "--role", "teacher", "--store", store])
    expect(nobody.status).toBe(2)
    expect(nobody.stderr).toMatch(/needs --person/)
    const unknownScheme = runBin(["tokens", "create", "--role", "store", "--store", "redis:x"])
    expect(unknownScheme.status).toBe(2)
    expect(unknownScheme.stderr).toMatch(/Unknown store "redis:"/)
  })

  it("serve answers with the token's rights, and a revoked token is refused from the next request", async () => {
    const url = await startServe(["--store", store, "--port", "0"])
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${url}/health`)).status).toBe(200)

    const journey = await get(`${url}/journeys/${Demo.people.teacherId}`, coachToken)
    expect(journey.status).toBe(200)
    expect(journey.json).toMatchObject({ teacherId: Demo.people.teacherId, version: 0, events: [] })
    expect((await get(`${url}/journeys/${Demo.people.teacherId}`, "ct_not-a-token")).status).toBe(401)

    const revoked = runBin(["tokens", "revoke", coachToken, "--store", store])
    expect(revoked.status, revoked.stderr).toBe(0)
    expect(revoked.stdout).toMatch(/token tok-[0-9a-f]{32} revoked/)
    const after = await get(`${url}/journeys/${Demo.people.teacherId}`, coachToken)
    expect(after.status).toBe(401)
    expect(after.json).toMatchObject({ code: "UNAUTHENTICATED", path: "headers.authorization" })

    const unknown = runBin(["tokens", "revoke", "tok-00000000000000000000000000000000", "--store", store])
    expect(unknown.status).toBe(1)
  }, 60_000)

  it("an export of the store holds no token", () => {
    const out = join(tmp.dir, "export.json")
    expect(runBin(["export", "--from", store, "--out", out]).status).toBe(0)
    const text = readFileSync(out, "utf8")
    expect(text).not.toMatch(/tok-|ct_|sha256/)
    expect(JSON.parse(text).people.length).toBe(Demo.records().people.length)
  })

  it("serve refuses a bad port or store with one line, exit 2", () => {
    const badPort = runBin(["serve", "--store", store, "--port", "70000"])
    expect(badPort.status).toBe(2)
    expect(badPort.stderr).toMatch(/--port must be from 0 to 65535/)
    const badStore = runBin(["serve", "--store", "nowhere"])
    expect(badStore.status).toBe(2)
    expect(badStore.stderr).toMatch(/names no store/)
  })
})

describe("the committed bin shim (npx coaching in the repository)", () => {
  it("package.json's bin is the committed, executable shim, and it runs the built CLI", () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"))
    expect(pkg.bin).toEqual({ coaching: "./bin/coaching.js" })
    const shim = join(packageDir, "bin", "coaching.js")
    expect(readFileSync(shim, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true)
    expect(statSync(shim).mode & 0o111).not.toBe(0)
    const r = spawnSync(process.execPath, [shim, "--help"], { encoding: "utf8" })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/serve/)
  })

  it("npx --no coaching --help runs the workspace's bin, never the registry", () => {
    const root = join(packageDir, "..", "..")
    const r = spawnSync("npx", ["--no", "--", "coaching", "--help"], { cwd: root, encoding: "utf8", env: { ...process.env, npm_config_offline: "true" } })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/USAGE\s+coaching <subcommand>/)
  })
})
