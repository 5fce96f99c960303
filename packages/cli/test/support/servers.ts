/**
 * Servers the CLI tests start: a PostgreSQL database of a test file's own (created before, dropped
 * after), and `coaching serve` processes.
 */
import { type ChildProcess, spawn } from "node:child_process"
import pg from "pg"
import { bin } from "./bin.js"

/** The server `COACHING_PG_URL` names (the local one, trust auth, by default). */
export const adminUrl = process.env["COACHING_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** A database named for this process on that server: its URL, and `create` / `drop`. */
export const scratchDatabase = (prefix: string) => {
  const database = `${prefix}_${process.pid}_${Date.now().toString(36)}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  return {
    url: Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString(),
    create: () => admin(`CREATE DATABASE ${database}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  }
}

/** Starts `coaching serve …args`; resolves with the URL it prints once it listens. `started` gets the process at once. */
export const startServe = (args: ReadonlyArray<string>, started: (server: ChildProcess) => void): Promise<string> =>
  new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [bin, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] })
    started(server)
    let out = ""
    let err = ""
    server.stdout!.on("data", (chunk) => {
      out += String(chunk)
      const url = /at (http:\/\/[^\s]+) \(/.exec(out)?.[1]
      if (url !== undefined) resolve(url)
    })
    server.stderr!.on("data", (chunk) => (err += String(chunk)))
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}${err}`)))
  })
