/**
 * Core's test double for the storage port: core's own in-memory primitives
 * (`Memory.primitives`, the one implementation `@coaching/adapter-memory` also uses), with
 * call counts, a `beforeAppend` hook that lets a test slip a concurrent write in between a load
 * and an append, and raw access that bypasses core's validation (to damage stored data).
 */
import { Effect, Option } from "effect"
import { Demo, type Events, Granularity, Journeys, Memory, type People, Store } from "../src/index.js"

export interface TestPrimitives extends Store.Primitives {
  readonly calls: { append: number; read: number; writeBatch: number; other: number }
  /** Called before each append reaches the store (inside the same synchronous step). */
  beforeAppend: ((request: Store.AppendRequest) => void) | undefined
  /** Writes straight to the store, unvalidated: JSON text as given. */
  readonly raw: {
    readonly append: (streamId: string, events: ReadonlyArray<string>, index?: Store.StreamIndex) => void
    readonly putRecord: (kind: Store.RecordKind, id: string, json: string) => void
    readonly events: (streamId: string) => ReadonlyArray<string>
    readonly index: (streamId: string) => Store.StreamIndex | undefined
  }
}

const emptyIndex: Store.StreamIndex = { teacherId: undefined, coachId: undefined, open: false, followUpDue: undefined }

export const testPrimitives = (): TestPrimitives => {
  const inner = Memory.primitives()
  const calls = { append: 0, read: 0, writeBatch: 0, other: 0 }
  const count = <A extends Array<unknown>, R>(key: keyof typeof calls, f: (...args: A) => R) => (...args: A): R => {
    calls[key]++
    return f(...args)
  }
  const self: TestPrimitives = {
    calls,
    beforeAppend: undefined,
    append: (request) =>
      Effect.suspend(() => {
        calls.append++
        self.beforeAppend?.(request)
        return inner.append(request)
      }),
    read: count("read", inner.read),
    listStreams: count("other", inner.listStreams),
    putRecord: count("other", inner.putRecord),
    getRecord: inner.getRecord,
    listRecords: inner.listRecords,
    writeBatch: count("writeBatch", inner.writeBatch),
    raw: {
      append: (streamId, events, index = emptyIndex) => Effect.runSync(inner.append({ streamId, expected: "any", events, index })),
      putRecord: (kind, id, json) => Effect.runSync(inner.putRecord({ kind, id, json, refs: [] })),
      events: (streamId) => Option.match(Effect.runSync(inner.read(streamId, 0)), { onNone: () => [], onSome: (s) => s.events }),
      index: (streamId) =>
        Effect.runSync(inner.listStreams({ teacherId: undefined, coachId: undefined, open: undefined, followUpDueBefore: undefined, after: undefined, limit: 1000 }))
          .find((s) => s.streamId === streamId)
    }
  }
  return self
}

/** A store over test primitives, with the people and relationships given registered. */
export const storeWith = (records: { readonly people?: ReadonlyArray<People.Person>; readonly relationships?: ReadonlyArray<People.Relationship> } = Demo.records()) =>
  Effect.gen(function*() {
    const primitives = testPrimitives()
    const store = Store.make(primitives)
    for (const person of records.people ?? []) yield* store.records("person").put(person)
    for (const relationship of records.relationships ?? []) yield* store.records("relationship").put(relationship)
    primitives.calls.other = 0
    return { primitives, store, journeys: Journeys.make(store, { checkActionStep: Granularity.acceptAll }) }
  })

/** A reflection event as JSON text, for writes slipped in by a "concurrent" writer. */
export const reflectionJson = (id: string, at = "2026-03-02T09:00:00.000Z", cycleId: string | undefined = "cycle-1"): string =>
  JSON.stringify({ _tag: "ReflectionAdded", ...(cycleId !== undefined ? { cycleId } : {}), at, by: "t-ada", reflection: { id, text: "Noted." } } satisfies Record<string, unknown> as unknown as Events.JourneyEvent)
