// Retries are safe: a command carries a client-chosen id; sent again (after a timeout, or a
// connection cut after the server appended but before the client read the answer) it is answered
// with the first result and appended once.
import { Server } from "@coaching/adapter-http"
import { Access, Demo, Memory, Store } from "@coaching/core"
import { Effect, Exit, Layer, Option, Scope } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const COACH = "coach-token"
const grace = Access.principal("coach", Demo.people.coachId)
const streamId = `journey-${Demo.people.teacherId}`

/** Called after each successful batch write (a command's append and its receipt). */
let afterWrite: (() => void) | undefined
let store: Store.CoachingStoreService
let url = ""
let scope: Scope.Closeable

beforeAll(async () => {
  const memory = Memory.primitives()
  store = Store.make({
    ...memory,
    writeBatch: (batch) =>
      Effect.tap(memory.writeBatch(batch), () =>
        Effect.suspend(() => {
          const hook = afterWrite
          afterWrite = undefined
          // the append is done: cut the client off, and answer late, so the answer never arrives
          return hook === undefined ? Effect.void : Effect.andThen(Effect.sync(hook), Effect.sleep("300 millis"))
        }))
  })
  await Effect.runPromise(Effect.gen(function*() {
    for (const person of Demo.records().people) yield* store.records("person").put(person)
    for (const relationship of Demo.records().relationships) yield* store.records("relationship").put(relationship)
  }))
  scope = await Effect.runPromise(Scope.make())
  const server = await Effect.runPromise(Scope.provide(
    Server.start({ port: 0, authenticate: Server.staticTokens({ [COACH]: { _tag: "Person", principal: grace } }) }, Layer.succeed(Store.CoachingStore, store)),
    scope
  ))
  url = server.url
})
afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))

const send = async (commandId: string, command: unknown, signal?: AbortSignal) => {
  const response = await fetch(`${url}/journeys/${Demo.people.teacherId}/commands`, {
    method: "POST",
    headers: { authorization: `Bearer ${COACH}`, "content-type": "application/json" },
    body: JSON.stringify({ commandId, command }),
    ...(signal !== undefined ? { signal } : {})
  })
  return { status: response.status, json: await response.json() as any }
}

const eventCount = async () => {
  const slice = await Effect.runPromise(store.readStream(streamId))
  return Option.isNone(slice) ? 0 : slice.value.events.length
}

const commands = Demo.cycleCommands("2099-01-01")

describe("retries", () => {
  it("the connection is cut after the append, before the answer: the retry gets the first result, one event", async () => {
    const before = await eventCount()
    const abort = new AbortController()
    afterWrite = () => abort.abort()
    await expect(send("cmd-start-1", commands[0], abort.signal)).rejects.toThrow()
    expect(await eventCount()).toBe(before + 1) // the server appended

    const retried = await send("cmd-start-1", commands[0])
    expect(retried.status).toBe(200)
    expect(retried.json.version).toBe(before + 1)
    expect(retried.json.events.map((e: { _tag: string }) => e._tag)).toEqual(["CycleStarted"])
    expect(retried.json.view.length).toBe(before + 1)
    expect(await eventCount()).toBe(before + 1) // and appended once
  })

  it("a command sent twice in a row, or twice at once, is appended once and answered the same", async () => {
    const before = await eventCount()
    const first = await send("cmd-visit-1", commands[1])
    const second = await send("cmd-visit-1", commands[1])
    expect(first.status).toBe(200)
    expect(second.json).toEqual(first.json)
    const [a, b] = await Promise.all([send("cmd-visit-2", commands[2]), send("cmd-visit-2", commands[2])])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.json.events).toEqual(b.json.events)
    expect(a.json.version).toBe(b.json.version)
    expect(await eventCount()).toBe(before + 2)
  })

  it("the same id with another command is refused and changes nothing; a new id runs the command", async () => {
    const before = await eventCount()
    const reused = await send("cmd-visit-1", commands[3])
    expect(reused.status).toBe(400)
    expect(reused.json).toMatchObject({ code: "COMMAND_ID_REUSED", path: "payload.commandId" })
    expect(await eventCount()).toBe(before)
    const fresh = await send("cmd-lp-1", commands[3])
    expect(fresh.status).toBe(200)
    expect(await eventCount()).toBe(before + 1)
  })

  it("a refused command leaves no receipt and appends nothing: sent again, it is decided again", async () => {
    // the demo cycle started again is refused (its cycle id is taken)
    const before = await eventCount()
    const refused = await send("cmd-start-again", commands[0])
    expect(refused.status).toBe(422)
    expect(refused.json.error).toMatchObject({ code: "DUPLICATE_ID" })
    const again = await send("cmd-start-again", commands[0])
    expect(again.json).toEqual(refused.json)
    expect(await eventCount()).toBe(before)
  })
})
