// Bearer tokens stored hashed in the store: the server's default authentication.
import { Server, Tokens } from "@coaching/adapter-http"
import { MemoryStore } from "@coaching/adapter-memory"
import { Demo, Store, Transfer } from "@coaching/core"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"

describe("tokens", () => {
  it("a created token authenticates until revoked; only its hash is stored; exports never hold it", async () => {
    const program = Effect.gen(function*() {
      const store = yield* Store.CoachingStore
      for (const person of Demo.records().people) yield* store.records("person").put(person)
      for (const relationship of Demo.records().relationships) yield* store.records("relationship").put(relationship)
      const coach = yield* Tokens.create({ _tag: "Person", role: "coach", personId: Demo.people.coachId })
      const service = yield* Tokens.create({ _tag: "Store" })
      expect(coach.token).toMatch(/^ct_[A-Za-z0-9_-]{43}$/)
      expect(coach.id).toBe(Tokens.idOf(coach.token))

      const stored = Option.getOrThrow(yield* store.primitives.getRecord("token", coach.id))
      expect(stored).not.toContain(coach.token)
      expect(JSON.parse(stored)).toMatchObject({ grant: { _tag: "Person", role: "coach", personId: Demo.people.coachId } })

      expect(yield* Tokens.authenticate(coach.token)).toEqual(Option.some({ _tag: "Person", principal: { role: "coach", personId: Demo.people.coachId } }))
      expect(yield* Tokens.authenticate(service.token)).toEqual(Option.some({ _tag: "Store" }))
      expect(yield* Tokens.authenticate("ct_unknown")).toEqual(Option.none())
      expect(yield* Tokens.authenticate(coach.id)).toEqual(Option.none())

      const exported = JSON.stringify(yield* Transfer.exportDocument(store))
      expect(exported).not.toContain("tok-")

      // Served with the default authentication (the store's tokens).
      const server = yield* Server.start({ port: 0 }, Layer.succeed(Store.CoachingStore, store))
      const ask = (token: string) =>
        Effect.promise(() => fetch(`${server.url}/journeys/${Demo.people.teacherId}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status))
      expect(yield* ask(coach.token)).toBe(200)
      expect(yield* Tokens.revoke(coach.id)).toBe(true)
      expect(yield* ask(coach.token)).toBe(401)
      expect(yield* Tokens.revoke(service.token)).toBe(true)
      expect(yield* Tokens.authenticate(service.token)).toEqual(Option.none())
      expect(yield* Tokens.revoke("tok-00000000000000000000000000000000")).toBe(false)
    })
    await Effect.runPromise(Effect.scoped(program).pipe(Effect.provide(MemoryStore.layer)))
  })
})
