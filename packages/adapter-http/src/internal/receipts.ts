/**
 * Retry safety: every command carries a client-chosen id. The server runs it with a pending
 * receipt in context; the store the command service writes through turns the command's append
 * (or group batch) into one all-or-nothing batch that also writes the receipt (an internal record
 * of kind `"command"`: what was appended, where). A command sent again finds its receipt and is
 * answered with the first result, appended once. Sends of one id are serialised in the server.
 */
import { type Access, Store } from "@coaching/core"
import { Context, Effect, Option, Semaphore } from "effect"
import { createHash } from "node:crypto"

/** What identifies a command run: who sent it, its id, the route and the command itself. */
export interface ReceiptKey {
  readonly id: string
  readonly principal: Access.Principal
  readonly route: string
  readonly teacherId: string
  /** SHA-256 of the command's JSON: the same id with another command is refused. */
  readonly commandHash: string
}

/** A stored receipt: the key and each append the command made. */
export interface Receipt extends ReceiptKey {
  readonly appends: ReadonlyArray<{ readonly streamId: string; readonly previousVersion: number; readonly events: ReadonlyArray<unknown> }>
}

/** The receipt of the command being run by this fiber, if any. */
export const PendingReceipt = Context.Reference<ReceiptKey | undefined>("@coaching/adapter-http/PendingReceipt", { defaultValue: () => undefined })

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/** The key of a command: its receipt id is per person and command id. */
export const keyOf = (principal: Access.Principal, commandId: string, route: string, teacherId: string, command: unknown): ReceiptKey => ({
  id: `cmd-${sha256(`${principal.personId}\n${commandId}`).slice(0, 40)}`,
  principal,
  route,
  teacherId,
  commandHash: sha256(JSON.stringify(command) ?? "")
})

const previousOf = (expected: Store.ExpectedVersion): number => (typeof expected === "number" ? expected : 0)

const receiptRecord = (key: ReceiptKey, appends: ReadonlyArray<Store.AppendRequest>): Store.StoredRecord => {
  const receipt: Receipt = {
    ...key,
    appends: appends.map((a) => ({ streamId: a.streamId, previousVersion: previousOf(a.expected), events: a.events.map((e) => JSON.parse(e) as unknown) }))
  }
  return { kind: "command", id: key.id, json: JSON.stringify(receipt), refs: [] }
}

/** The store the command service writes through: a command's appends carry its receipt, atomically. */
export const recording = (store: Store.CoachingStoreService): Store.CoachingStoreService => {
  const p = store.primitives
  return Store.make({
    ...p,
    append: (request) =>
      Effect.flatMap(PendingReceipt, (key) => {
        if (key === undefined) return p.append(request)
        const previousVersion = previousOf(request.expected)
        return Effect.as(p.writeBatch({ records: [receiptRecord(key, [request])], appends: [request] }), {
          streamId: request.streamId,
          previousVersion,
          version: previousVersion + request.events.length
        })
      }),
    writeBatch: (batch) =>
      Effect.flatMap(PendingReceipt, (key) =>
        key === undefined || batch.appends.length === 0
          ? p.writeBatch(batch)
          : p.writeBatch({ records: [...batch.records, receiptRecord(key, batch.appends)], appends: batch.appends }))
  })
}

/** The receipt of a command already run, if any. */
export const find = (store: Store.CoachingStoreService, id: string) =>
  Effect.map(store.primitives.getRecord("command", id), (json) => Option.map(json, (j) => JSON.parse(j) as Receipt))

/** One permit per command id, so two sends of one command never both run it. */
export const makeLocks = () => {
  const held = new Map<string, { readonly semaphore: Semaphore.Semaphore; users: number }>()
  return <A, E, R>(id: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.suspend(() => {
      let entry = held.get(id)
      if (entry === undefined) held.set(id, entry = { semaphore: Semaphore.makeUnsafe(1), users: 0 })
      entry.users++
      const mine = entry
      return mine.semaphore.withPermit(effect).pipe(
        Effect.ensuring(Effect.sync(() => {
          if (--mine.users === 0) held.delete(id)
        }))
      )
    })
}
