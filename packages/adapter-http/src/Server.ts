/**
 * The server: the routes of `Api` over any `CoachingStore` (memory, SQLite, PostgreSQL, …), with
 * core's rights applied to every route. The same routes serve a Node listener (`layer`,
 * 127.0.0.1 by default) and a Web-standard `(Request) => Promise<Response>` handler
 * (`webHandler`) for embedding in other frameworks.
 *
 * What the framework answers by default is overridden here: every 4xx and 5xx is a JSON body
 * with a stable `code` and a `path` (never an empty 400/404/413), unknown fields are refused,
 * bodies are limited (`maxBodySize`, 413), and a defect becomes a JSON 500 rather than a crash.
 *
 * @since 0.1.0
 */
import { Access, Caseload, CohortInsight, Cycle, Errors, type Events, Export, Fidelity, Granularity, type Ids, Journeys, Policy, Records, Reports, Store, Time, Transfer } from "@coaching/core"
import { lintFeedback } from "@coaching/feedback-script"
import { checkActionStep, makeChecker } from "@coaching/granularity"
import { NodeHttpServer } from "@effect/platform-node"
import { ByteSize, Cause, Context, Effect, Exit, Layer, Option, Redacted, Result, Schema, SchemaIssue, type Types } from "effect"
import { HttpRouter, HttpServer, HttpServerError, HttpServerRequest, HttpServerRespondable, HttpServerResponse } from "effect/http"
import { HttpApiBuilder, HttpApiMiddleware } from "effect/http-api"
import { createServer } from "node:http"
import * as Api from "./Api.js"
import { appLive } from "./internal/app.js"
import * as Docs from "./internal/docs.js"
import * as Receipts from "./internal/receipts.js"
import * as Tokens from "./Tokens.js"

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/**
 * Maps a bearer token to a caller, or `None` for a token the server does not know. Apps plug
 * their own sessions in here (e.g. their school's SSO); the default reads the store's tokens.
 *
 * @since 0.1.0
 */
export type Authenticate = (token: string) => Effect.Effect<Option.Option<Api.Caller>, Store.StoreError, Store.CoachingStore>

/** How the server runs. @since 0.1.0 */
export interface Options {
  /** Token → caller (default `Tokens.authenticate`: the store's hashed tokens; `staticTokens` for tests and demos). */
  readonly authenticate?: Authenticate
  /** The granularity checker of the command service (default `@coaching/granularity`'s). */
  readonly checkActionStep?: Granularity.Checker
  /** The programme's policy (default `Policy.defaultPolicy`). */
  readonly policy?: Policy.Policy
  /** The largest request body (default 4 MiB); a bigger one is a 413 `BODY_TOO_LARGE`. */
  readonly maxBodySize?: ByteSize.ByteSize
}

/** Options of the Node listener. @since 0.1.0 */
export interface ListenOptions extends Options {
  /** The port (default 8787; 0 picks a free one). */
  readonly port?: number
  /** The interface (default 127.0.0.1: loopback only). */
  readonly host?: string
}

/** The default request body limit. @since 0.1.0 */
export const DEFAULT_MAX_BODY_SIZE: ByteSize.ByteSize = ByteSize.mebibytes(4)

/** Tokens fixed in code (tests, demos): token → caller. @since 0.1.0 */
export const staticTokens = (tokens: Readonly<Record<string, Api.Caller>>): Authenticate => (token) =>
  Effect.succeed(Object.hasOwn(tokens, token) ? Option.some(tokens[token]!) : Option.none())

// ---------------------------------------------------------------------------------------------
// Errors → wire
// ---------------------------------------------------------------------------------------------

const isCycleError = Schema.is(Errors.CycleError)

/** Any failure of core, as the wire error of its status. @since 0.1.0 */
export const toWire = (error: unknown, path: string): Api.RequestInvalid | Api.Denied | Api.Conflict | Api.Refused | Api.Unavailable => {
  const e = error as { readonly _tag?: string; readonly code?: string; readonly message?: string; readonly path?: string }
  if (e instanceof Store.InvalidInput || e instanceof Errors.InvalidCommand) {
    return new Api.RequestInvalid({ code: e.code, path: e.path, message: e.message })
  }
  if (e instanceof Errors.AccessDenied) return new Api.Denied({ code: e.code, path, message: e.message })
  if (e instanceof Store.VersionConflict) {
    return new Api.Conflict({ code: e.code, path, message: e.message, streamId: e.streamId, expected: e.expected, actual: e.actual })
  }
  if (e instanceof Store.StoreError) return new Api.Unavailable({ code: e.code, path, message: e.message })
  if (isCycleError(e)) {
    return new Api.Refused({ code: e.code, path, message: e.message, error: e })
  }
  return new Api.Unavailable({ code: "STORE_FAILURE", path, message: "The server could not complete the request." })
}

const onlyStore = (path: string) =>
  Effect.flatMap(Api.CurrentCaller, (caller) =>
    caller._tag === "Store"
      ? Effect.void
      : Effect.fail(new Api.Denied({ code: "ACCESS_DENIED", path, message: "The store routes need a store token (a trusted service), not a person's token." })))

const person = (path: string) =>
  Effect.flatMap(Api.CurrentCaller, (caller) =>
    caller._tag === "Person"
      ? Effect.succeed(caller.principal)
      : Effect.fail(new Api.Denied({ code: "ACCESS_DENIED", path, message: "A store token opens the store routes only; use a person's token." })))

const invalid = (code: string, path: string, message: string) => new Api.RequestInvalid({ code, path, message })

const wire = (path: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.mapError(effect, (e) => toWire(e, path))

const fromResult = <A>(result: Result.Result<A, Store.InvalidInput>, path: string) =>
  Result.isSuccess(result) ? Effect.succeed(result.success) : Effect.fail(toWire(result.failure, path))

/** A whole number from a query parameter in [min, max], or a `RequestInvalid` naming it. */
const intParam = (value: string | undefined, path: string, code: string, min: number, max: number) => {
  if (value === undefined) return Effect.succeed(undefined)
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN
  return Number.isSafeInteger(n) && n >= min && n <= max
    ? Effect.succeed(n)
    : Effect.fail(invalid(code, path, `${path} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value.slice(0, 40))}.`))
}

const boolParam = (value: "true" | "false" | undefined) => (value === undefined ? undefined : value === "true")

const parseJson = (json: string, what: string, path: string) =>
  Effect.try({
    try: () => JSON.parse(json) as unknown,
    catch: () => new Api.Unavailable({ code: "STORE_CORRUPT", path, message: `Stored data is damaged: ${what} is not JSON.` })
  })

const expectedOk = (expected: number | "no-stream" | "any", path: string) =>
  typeof expected === "number" && expected < 0
    ? Effect.fail(invalid("INVALID_EXPECTED_VERSION", path, `expected must be a whole number ≥ 0, "no-stream" or "any"; got ${expected}.`))
    : Effect.succeed(expected)

const streamFilter = (query: {
  readonly teacherId?: string
  readonly coachId?: string
  readonly open?: "true" | "false"
  readonly followUpDueBefore?: string
}) =>
  Effect.gen(function*() {
    const teacherId = query.teacherId === undefined ? undefined : yield* fromResult(Store.validateId(query.teacherId, "query.teacherId"), "query.teacherId")
    const coachId = query.coachId === undefined ? undefined : yield* fromResult(Store.validateId(query.coachId, "query.coachId"), "query.coachId")
    if (query.followUpDueBefore !== undefined && !Time.isRealDate(query.followUpDueBefore)) {
      return yield* invalid("INVALID_QUERY", "query.followUpDueBefore", "followUpDueBefore must be a calendar date like 2026-11-29.")
    }
    return { teacherId, coachId, open: boolParam(query.open), followUpDueBefore: query.followUpDueBefore }
  })

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

const SystemLive = HttpApiBuilder.group(Api.Api, "system", (handlers) =>
  Effect.succeed(handlers.handle("health", () => Effect.succeed({ status: "ok" as const }))))

const StoreLive = HttpApiBuilder.group(Api.Api, "store", (handlers) =>
  Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    const p = store.primitives
    return handlers
      .handle("append", ({ params, payload }) =>
        Effect.gen(function*() {
          yield* onlyStore("/store/streams")
          return yield* store.append(params.streamId, payload.events, { expected: payload.expected, index: payload.index }).pipe(wire("payload"))
        }))
      .handle("read", ({ params, query }) =>
        Effect.gen(function*() {
          yield* onlyStore("/store/streams")
          const id = yield* fromResult(Store.validateId(params.streamId, "params.streamId"), "params.streamId")
          const after = (yield* intParam(query.after, "query.after", "INVALID_VERSION", 0, Number.MAX_SAFE_INTEGER)) ?? 0
          const found = yield* p.read(id, after).pipe(wire(`/store/streams/${id}`))
          if (Option.isNone(found)) {
            return yield* new Api.NotFound({ code: "STREAM_NOT_FOUND", path: "params.streamId", message: `No stream ${id} is stored.` })
          }
          const events: Array<unknown> = []
          for (const json of found.value.events) events.push(yield* parseJson(json, `an event of ${id}`, "params.streamId"))
          return { version: found.value.version, events }
        }))
      .handle("listStreams", ({ query }) =>
        Effect.gen(function*() {
          yield* onlyStore("/store/streams")
          const filter = yield* streamFilter(query)
          const after = query.after === undefined ? undefined : yield* fromResult(Store.validateId(query.after, "query.after"), "query.after")
          const limit = (yield* intParam(query.limit, "query.limit", "INVALID_LIMIT", 1, Store.MAX_LIMIT + 1)) ?? Store.DEFAULT_LIMIT
          return yield* p.listStreams({ ...filter, after, limit }).pipe(wire("/store/streams"))
        }))
      .handle("putRecord", ({ params, payload }) =>
        Effect.gen(function*() {
          yield* onlyStore("/store/records")
          const stored = yield* fromResult(Store.storedValue(params.kind, payload.record), "payload.record")
          if (stored.id !== params.id) {
            return yield* invalid("INVALID_ID", "params.id", `The route names ${params.kind} ${params.id} but the record's id is ${stored.id}.`)
          }
          yield* p.putRecord(stored).pipe(wire("/store/records"))
        }))
      .handle("getRecord", ({ params }) =>
        Effect.gen(function*() {
          yield* onlyStore("/store/records")
          const id = yield* fromResult(Store.validateId(params.id, "params.id"), "params.id")
          const json = yield* p.getRecord(params.kind, id).pipe(wire("/store/records"))
          if (Option.isNone(json)) {
            return yield* new Api.NotFound({ code: "RECORD_NOT_FOUND", path: "params.id", message: `No ${params.kind} ${id} is stored.` })
          }
          return { record: yield* parseJson(json.value, `${params.kind} ${id}`, "params.id") }
        }))
      .handle("listRecords", ({ params, query }) =>
        Effect.gen(function*() {
          yield* onlyStore("/store/records")
          const ref = query.ref === undefined ? undefined : yield* fromResult(Store.validateId(query.ref, "query.ref"), "query.ref")
          const after = query.after === undefined ? undefined : yield* fromResult(Store.validateId(query.after, "query.after"), "query.after")
          const limit = (yield* intParam(query.limit, "query.limit", "INVALID_LIMIT", 1, Store.MAX_LIMIT + 1)) ?? Store.DEFAULT_LIMIT
          const rows = yield* p.listRecords({ kind: params.kind, ref, after, limit }).pipe(wire("/store/records"))
          const out: Array<{ id: string; record: unknown }> = []
          for (const row of rows) out.push({ id: row.id, record: yield* parseJson(row.json, `${params.kind} ${row.id}`, "query") })
          return out
        }))
      .handle("writeBatch", ({ payload }) =>
        Effect.gen(function*() {
          yield* onlyStore("/store/batch")
          const records: Array<Store.StoredRecord> = []
          for (const [i, r] of payload.records.entries()) {
            records.push(yield* fromResult(Store.storedValue(r.kind, r.record), `payload.records[${i}].record`))
          }
          const appends: Array<Store.AppendRequest> = []
          for (const [i, a] of payload.appends.entries()) {
            const streamId = yield* fromResult(Store.validateId(a.streamId, `payload.appends[${i}].streamId`), `payload.appends[${i}]`)
            const expected = yield* expectedOk(a.expected, `payload.appends[${i}].expected`)
            const events = yield* fromResult(Store.validateEvents(a.events), `payload.appends[${i}].events`)
            appends.push({ streamId, expected, events: events.map((e) => JSON.stringify(e)), index: a.index })
          }
          yield* p.writeBatch({ records, appends }).pipe(wire("/store/batch"))
        }))
  }))

/**
 * The checkers an import recomputes recorded granularity reports with: the server's own and
 * `@coaching/granularity`'s in both spellings (as the CLI's `coaching import`).
 */
const recheckers = (options: Options): ReadonlyArray<Granularity.Checker> => [
  ...(options.checkActionStep !== undefined ? [options.checkActionStep] : []),
  makeChecker({}),
  makeChecker({ locale: "en-US" })
]

const transferLive = (options: Options) =>
  HttpApiBuilder.group(Api.Api, "transfer", (handlers) =>
    Effect.gen(function*() {
      const store = yield* Store.CoachingStore
      const recheck = recheckers(options)
      return handlers
        .handle("export", () =>
          Effect.gen(function*() {
            yield* onlyStore("/store/export")
            const doc = yield* Transfer.exportDocument(store).pipe(wire("/store/export"))
            // the canonical encoding (key order included), as `coaching export` writes it
            return Export.toJson(doc)
          }))
        .handle("import", ({ payload }) =>
          Effect.gen(function*() {
            yield* onlyStore("/store/import")
            return yield* Transfer.importDocument(store, payload.document, { onConflict: payload.onConflict ?? "refuse", recheck }).pipe(
              Effect.mapError((e) =>
                e instanceof Export.InvalidExport
                  ? new Api.ImportRefused({ code: "INVALID_EXPORT", path: "payload.document", message: e.message, violations: e.violations })
                  : e instanceof Transfer.ImportRefused
                  ? new Api.ImportRefused({ code: e.code, path: "payload.document", message: e.message, violations: e.violations })
                  : toWire(e, "/store/import")
              )
            )
          }))
    }))

/** The command service the server runs commands through. */
const journeysFor = (store: Store.CoachingStoreService, options: Options) =>
  Journeys.make(store, {
    checkActionStep: options.checkActionStep ?? checkActionStep,
    ...(options.policy !== undefined ? { policy: options.policy } : {})
  })

const executedWire = (teacherId: string, executed: Journeys.Executed, view: Journeys.JourneyView | undefined) => ({
  teacherId,
  events: executed.events,
  version: executed.version,
  advisories: executed.advisories,
  view: view?.events ?? []
})

const journeysLive = (options: Options) =>
  HttpApiBuilder.group(Api.Api, "journeys", (handlers) =>
    Effect.gen(function*() {
      const store = yield* Store.CoachingStore
      // commands write through a store that records their receipts with their appends
      const journeys = journeysFor(Receipts.recording(store), options)
      const relationships = store.records("relationship")
      const policy = options.policy ?? Policy.defaultPolicy
      const locked = Receipts.makeLocks()

      /**
       * Runs a command once per (person, command id): a repeated id is answered from its receipt
       * with the first result (the same events and version, advice recomputed, today's view).
       */
      const once = <E>(
        principal: Access.Principal,
        key: Receipts.ReceiptKey,
        path: string,
        run: Effect.Effect<ReadonlyArray<typeof Api.Executed.Type>, E>
      ) =>
        locked(
          key.id,
          Effect.gen(function*() {
            const prior = yield* Receipts.find(store, key.id).pipe(wire(path))
            if (Option.isNone(prior)) return yield* Effect.provideService(run, Receipts.PendingReceipt, key)
            const receipt = prior.value
            if (receipt.route !== key.route || receipt.teacherId !== key.teacherId || receipt.commandHash !== key.commandHash) {
              return yield* invalid(
                "COMMAND_ID_REUSED",
                "payload.commandId",
                "This command id was already used for another command: choose a new id for every command (the same id is for sending the same command again)."
              )
            }
            const out: Array<typeof Api.Executed.Type> = []
            for (const append of receipt.appends) {
              const teacherId = append.streamId.replace(/^journey-/, "")
              const slice = yield* store.readStream(append.streamId).pipe(wire(path))
              const before = Option.match(slice, { onNone: () => [], onSome: (s) => s.events.slice(0, append.previousVersion).map((e) => e.event) })
              const events = append.events as ReadonlyArray<Events.JourneyEvent>
              const advisories = Cycle.advise(Cycle.replay(before, Cycle.emptyJourney(teacherId as Ids.PersonId)), events, policy)
              const view = yield* viewAfter(principal, teacherId)
              out.push({ teacherId, events, version: append.previousVersion + events.length, advisories, view: view?.events ?? [] })
            }
            return out
          })
        )
      /** The view after a command, if the principal may still read the journey. */
      const viewAfter = (principal: Access.Principal, teacherId: string) =>
        Effect.option(journeys.load(principal, teacherId)).pipe(Effect.map(Option.getOrUndefined))
      return handlers
        .handle("load", ({ params }) =>
          Effect.gen(function*() {
            const principal = yield* person(`/journeys/${params.teacherId}`)
            const view = yield* journeys.load(principal, params.teacherId).pipe(wire(`/journeys/${params.teacherId}`))
            return { teacherId: view.teacherId, version: view.version, events: view.events }
          }))
        .handle("execute", ({ params, payload }) =>
          Effect.gen(function*() {
            const path = `/journeys/${params.teacherId}/commands`
            const principal = yield* person(path)
            const key = Receipts.keyOf(principal, payload.commandId, "execute", params.teacherId, payload.command)
            const [result] = yield* once(
              principal,
              key,
              path,
              Effect.gen(function*() {
                const executed = yield* journeys.executeUnknown(principal, params.teacherId, payload.command).pipe(wire(path))
                return [executedWire(params.teacherId, executed, yield* viewAfter(principal, params.teacherId))]
              })
            )
            return result!
          }))
        .handle("executeGroup", ({ params, payload }) =>
          Effect.gen(function*() {
            const path = `/journeys/${params.teacherId}/group-commands`
            const principal = yield* person(path)
            const key = Receipts.keyOf(principal, payload.commandId, "executeGroup", params.teacherId, [payload.command, payload.repsByTeacher])
            return yield* once(
              principal,
              key,
              path,
              Effect.gen(function*() {
                // The body is anything: parsed first (INVALID_COMMAND with the field's path), as execute does.
                const command = yield* Effect.fromResult(Cycle.parseCommand(payload.command)).pipe(wire(path))
                const all = yield* journeys.executeGroup(principal, params.teacherId, command, {
                  ...(payload.repsByTeacher !== undefined ? { repsByTeacher: payload.repsByTeacher as never } : {})
                }).pipe(wire(path))
                const out = []
                for (const executed of all) {
                  const teacherId = executed.journey.teacherId ?? params.teacherId
                  out.push(executedWire(teacherId, executed, yield* viewAfter(principal, teacherId)))
                }
                return out
              })
            )
          }))
        .handle("list", ({ query }) =>
          Effect.gen(function*() {
            const principal = yield* person("/journeys")
            const filter = yield* streamFilter(query)
            const limit = (yield* intParam(query.limit, "query.limit", "INVALID_LIMIT", 1, Store.MAX_LIMIT)) ?? Store.DEFAULT_LIMIT
            // A teacher lists their own journey, a coach the journeys they coach; nobody else reads journeys.
            const scoped = principal.role === "teacher"
              ? { ...filter, teacherId: principal.personId }
              : principal.role === "coach"
              ? { ...filter, coachId: principal.personId }
              : undefined
            const asked = principal.role === "teacher" ? filter.teacherId : filter.coachId
            if (scoped === undefined || (asked !== undefined && asked !== principal.personId)) {
              return yield* new Api.Denied({
                code: "ACCESS_DENIED",
                path: "/journeys",
                message: `${principal.personId}, acting as ${principal.role}, may list only the journeys they may read (their own, or those they coach).`
              })
            }
            const page = yield* store.listStreams({
              ...Object.fromEntries(Object.entries(scoped).filter(([, v]) => v !== undefined)),
              limit,
              ...(query.cursor !== undefined ? { cursor: query.cursor } : {})
            }).pipe(wire("/journeys"))
            const day = yield* today
            const items = []
            for (const item of page.items) {
              if (item.teacherId === undefined) continue
              const rels = yield* Store.listAll(relationships.list, { ref: item.teacherId }).pipe(wire("/journeys"))
              if (Access.can(principal, "journey.read", { teacherId: item.teacherId, relationships: rels, today: day })) items.push(item)
            }
            return { items, next: Option.getOrNull(page.next) }
          }))
    }))

/** The right that manages each record kind. */
const manage = { person: "people.manage", cohort: "cohorts.manage", relationship: "relationships.manage", playbook: "playbooks.manage" } as const

const today = Effect.map(Effect.clockWith((clock) => clock.currentTimeMillis), (ms) => Time.dateOf(Time.timestampFromMillis(ms)!))

const deny = (principal: Access.Principal, path: string, what: string) =>
  new Api.Denied({ code: "ACCESS_DENIED", path, message: `${principal.personId}, acting as ${principal.role}, may not ${what}.` })

/** The principal is a registered person holding the role they act in (as the command service checks). */
const registered = (store: Store.CoachingStoreService, principal: Access.Principal, path: string) =>
  Effect.gen(function*() {
    const person = yield* store.records("person").get(principal.personId).pipe(wire(path))
    if (Option.isNone(person) || !person.value.roles.includes(principal.role)) {
      return yield* new Api.Denied({ code: "ACCESS_DENIED", path, message: `${principal.personId} is not registered as a ${principal.role}: register the person with that role first.` })
    }
  })

const encoders = Object.fromEntries(
  Records.recordKinds.map((kind) => [kind, Schema.encodeSync(Records.table[kind].schema as unknown as Schema.Codec<unknown, unknown>)])
) as Record<Records.RecordKind, (a: unknown) => unknown>

const recordsLive = HttpApiBuilder.group(Api.Api, "records", (handlers) =>
  Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    /** Whether the principal may read this record (a manager any of its kind; a person their own record and relationships; everyone but admins the playbooks). */
    const mayRead = (principal: Access.Principal, kind: Records.RecordKind, record: { readonly id: string; readonly coachId?: string; readonly teacherId?: string }) =>
      Access.can(principal, manage[kind]) ||
      (kind === "person" && record.id === principal.personId) ||
      (kind === "relationship" && (record.coachId === principal.personId || record.teacherId === principal.personId)) ||
      (kind === "playbook" && Access.can(principal, "playbooks.read"))
    return handlers
      .handle("get", ({ params }) =>
        Effect.gen(function*() {
          const path = `/records/${params.kind}/${params.id}`
          const principal = yield* person(path)
          yield* registered(store, principal, path)
          const id = yield* fromResult(Store.validateId(params.id, "params.id"), "params.id")
          const found = yield* store.records(params.kind).get(id).pipe(wire(path))
          // A record one may not read answers exactly as a record that is not there: 403 either way.
          const readable = Option.isSome(found) && mayRead(principal, params.kind, found.value as never)
          const anyOfKind = Access.can(principal, manage[params.kind]) || (params.kind === "playbook" && Access.can(principal, "playbooks.read")) ||
            (params.kind === "person" && id === principal.personId)
          if (!readable && !(anyOfKind && Option.isNone(found))) return yield* deny(principal, path, `read ${params.kind} ${id}`)
          if (Option.isNone(found)) {
            return yield* new Api.NotFound({ code: "RECORD_NOT_FOUND", path: "params.id", message: `No ${params.kind} ${id} is stored.` })
          }
          return { record: encoders[params.kind](found.value) }
        }))
      .handle("put", ({ params, payload }) =>
        Effect.gen(function*() {
          const path = `/records/${params.kind}/${params.id}`
          const principal = yield* person(path)
          yield* registered(store, principal, path)
          if (!Access.can(principal, manage[params.kind])) return yield* deny(principal, path, `add or change ${params.kind} records`)
          const stored = yield* fromResult(Store.storedRecord(params.kind, payload.record), "payload.record")
          if (stored.id !== params.id) {
            return yield* invalid("INVALID_ID", "params.id", `The route names ${params.kind} ${params.id} but the record's id is ${stored.id}.`)
          }
          yield* store.primitives.putRecord(stored).pipe(wire(path))
        }))
      .handle("list", ({ params, query }) =>
        Effect.gen(function*() {
          const path = `/records/${params.kind}`
          const principal = yield* person(path)
          yield* registered(store, principal, path)
          const limit = (yield* intParam(query.limit, "query.limit", "INVALID_LIMIT", 1, Store.MAX_LIMIT)) ?? Store.DEFAULT_LIMIT
          if (query.ref !== undefined) yield* fromResult(Store.validateId(query.ref, "query.ref"), "query.ref")
          const all = Access.can(principal, manage[params.kind]) || (params.kind === "playbook" && Access.can(principal, "playbooks.read"))
          if (!all && params.kind === "person") {
            if (query.cursor !== undefined) return yield* invalid("INVALID_CURSOR", "query.cursor", "cursor must be a `next` value returned by the same list.")
            // one's own record only
            const self = yield* store.records("person").get(principal.personId).pipe(wire(path))
            return { items: Option.toArray(self).map(encoders.person), next: null }
          }
          if (!all && !(params.kind === "relationship" && (query.ref === undefined || query.ref === principal.personId))) {
            return yield* deny(principal, path, `list ${params.kind} records${query.ref !== undefined ? ` of ${query.ref}` : ""}`)
          }
          const ref = all ? query.ref : principal.personId
          const page = yield* store.records(params.kind).list({
            limit,
            ...(ref !== undefined ? { ref } : {}),
            ...(query.cursor !== undefined ? { cursor: query.cursor } : {})
          }).pipe(wire(path))
          return { items: page.items.map((r) => encoders[params.kind](r)), next: Option.getOrNull(page.next) }
        }))
  }))

const toolsLive = HttpApiBuilder.group(Api.Api, "tools", (handlers) =>
    Effect.succeed(
      handlers
        .handle("lintFeedback", ({ payload }) =>
          Effect.gen(function*() {
            yield* person("/tools/feedback-lint")
            return { findings: lintFeedback(payload.text).map((f) => ({ code: f.code, message: f.message, span: f.span })) }
          }))
    ))

// ---------------------------------------------------------------------------------------------
// Authentication, validation, error bodies
// ---------------------------------------------------------------------------------------------

const authenticationLive = (options: Options) =>
  Layer.effect(
    Api.Authentication,
    Effect.gen(function*() {
      const store = yield* Store.CoachingStore
      return Api.Authentication.of({
        bearer: (httpEffect, { credential }) =>
          Effect.gen(function*() {
            const token = Redacted.value(credential)
            const caller = token.length === 0
              ? Option.none()
              : yield* (options.authenticate ?? Tokens.authenticate)(token).pipe(
                Effect.provideService(Store.CoachingStore, store),
                Effect.mapError((e) => new Api.Unavailable({ code: e.code, path: "headers.authorization", message: e.message })),
                Effect.orDie
              )
            if (Option.isNone(caller)) {
              return yield* new Api.Unauthenticated({
                code: "UNAUTHENTICATED",
                path: "headers.authorization",
                message: token.length === 0 ? "This route needs a bearer token (Authorization: Bearer …)." : "The bearer token is not known (revoked, or never issued)."
              })
            }
            return yield* Effect.provideService(httpEffect, Api.CurrentCaller, caller.value)
          })
      })
    })
  )

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

const kindPath: Record<string, string> = { Params: "params", Query: "query", Headers: "headers", Payload: "payload", Body: "payload" }

const ValidationLive = HttpApiMiddleware.layerSchemaErrorTransform(Api.Validation, (error) => {
  const issues = formatIssues(error.cause.issue).issues
  const first = issues[0]
  const base = kindPath[error.kind] ?? "request"
  const path = first === undefined ? base : [base, ...(first.path ?? []).map((k) => (typeof k === "object" && k !== null && "key" in k ? k.key : k))]
    .reduce<string>((acc, k, i) => (i === 0 ? String(k) : typeof k === "number" ? `${acc}[${k}]` : `${acc}.${String(k)}`), "")
  const notJson = error.kind === "Body" || (first !== undefined && /valid JSON body/.test(first.message))
  return Effect.fail(
    new Api.RequestInvalid({
      code: notJson ? "INVALID_JSON" : "INVALID_REQUEST",
      path,
      message: first === undefined ? `The request's ${base} is not valid.` : `${path}: ${first.message}`
    })
  )
})

const statusCodes: Readonly<Record<number, readonly [string, string]>> = {
  400: ["INVALID_REQUEST", "The request is not valid."],
  401: ["UNAUTHENTICATED", "This route needs a bearer token."],
  403: ["ACCESS_DENIED", "Not allowed."],
  404: ["ROUTE_NOT_FOUND", "No route matches this method and path (see /openapi.json)."],
  405: ["METHOD_NOT_ALLOWED", "This route does not take this method (see /openapi.json)."],
  406: ["NOT_ACCEPTABLE", "The server answers JSON only."],
  408: ["REQUEST_TIMEOUT", "The request took too long."],
  413: ["BODY_TOO_LARGE", "The request body is larger than the server accepts."],
  415: ["UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json."],
  499: ["CLIENT_CLOSED", "The client closed the connection."],
  500: ["INTERNAL", "The server failed on this request; nothing was changed by it."],
  503: ["UNAVAILABLE", "The server is shutting down or unavailable."]
}

const emptyBody = (response: HttpServerResponse.HttpServerResponse): boolean =>
  response.body._tag === "Empty" ||
  (response.body._tag === "Uint8Array" && !/json/.test(response.headers["content-type"] ?? response.body.contentType ?? ""))

/** Every error answer as JSON `{ _tag, code, path, message }`: the framework's empty 4xx/5xx bodies are replaced. */
const ensureJsonError = (request: HttpServerRequest.HttpServerRequest, response: HttpServerResponse.HttpServerResponse) => {
  if (response.status < 400 || !emptyBody(response)) return response
  const [code, message] = statusCodes[response.status] ?? ["HTTP_ERROR", `HTTP ${response.status}.`]
  const path = new URL(request.url, "http://x").pathname
  return HttpServerResponse.jsonUnsafe({ _tag: "HttpError", code, path, message }, { status: response.status, headers: { "cache-control": "no-store" } })
}

/** Node's body reader fails with "maxBytes exceeded" past `MaxBodySize`: that is a 413, not a parse error. */
const tooLarge = (error: unknown): boolean => {
  if (!HttpServerError.isHttpServerError(error)) return false
  const reason = error.reason as { readonly _tag: string; readonly reason?: string; readonly cause?: unknown }
  return reason._tag === "RequestParseError" &&
    (reason.reason === "BodyTooLarge" || /maxBytes exceeded|too large/i.test(String((reason.cause as Error | undefined)?.message ?? "")))
}

const errorBodies = (maxBodySize: ByteSize.ByteSize) =>
  HttpRouter.middleware((httpEffect) =>
    // every error is answered here, so nothing is left for the framework's empty bodies
    Effect.gen(function*(): Effect.fn.Return<HttpServerResponse.HttpServerResponse, Types.unhandled, HttpServerRequest.HttpServerRequest> {
      const request = yield* HttpServerRequest.HttpServerRequest
      const exit = yield* Effect.exit(Effect.provideService(httpEffect, HttpServerRequest.MaxBodySize, maxBodySize))
      if (Exit.isSuccess(exit)) return ensureJsonError(request, exit.value)
      // a failure, or a defect the framework raised (Node's body reader dies past the size limit)
      const reason = exit.cause.reasons.find(Cause.isFailReason) ?? exit.cause.reasons.find(Cause.isDieReason)
      const error = reason === undefined ? undefined : reason._tag === "Fail" ? reason.error : reason._tag === "Die" ? reason.defect : undefined
      if (tooLarge(error)) return ensureJsonError(request, HttpServerResponse.empty({ status: 413 }))
      const response = HttpServerResponse.isHttpServerResponse(error)
        ? error
        : error !== undefined && HttpServerRespondable.isRespondable(error)
        ? yield* Effect.orElseSucceed(HttpServerRespondable.toResponse(error), () => HttpServerResponse.empty({ status: 500 }))
        : HttpServerResponse.empty({ status: exit.cause.reasons.length > 0 && exit.cause.reasons.every(Cause.isInterruptReason) ? 503 : 500 })
      return ensureJsonError(request, response)
    }), { global: true })

// ---------------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------------

/**
 * The routes (API, `/openapi.json`, the human docs page `/docs`, JSON error bodies) over the `CoachingStore` in context, to
 * serve with `HttpRouter.serve` or `HttpRouter.toWebHandler`.
 *
 * @since 0.1.0
 */
export const routes = (options: Options) =>
  Layer.mergeAll(
    HttpApiBuilder.layer(Api.Api, { openapiPath: "/openapi.json" }).pipe(
      Layer.provide([
        SystemLive,
        StoreLive,
        transferLive(options),
        journeysLive(options),
        recordsLive,
        toolsLive,
        appLive({ checkActionStep: options.checkActionStep ?? checkActionStep, ...(options.policy !== undefined ? { policy: options.policy } : {}) })
      ]),
      Layer.provide([authenticationLive(options), ValidationLive])
    ),
    HttpRouter.add("GET", "/docs", HttpServerResponse.html(docsPage())),
    errorBodies(options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE)
  )

let docs: string | undefined
/** The human docs page, rendered once from the contract's OpenAPI document. */
const docsPage = (): string => (docs ??= Docs.render(Api.openApi()))

/**
 * A Node HTTP listener serving the routes over the `CoachingStore` in context, on 127.0.0.1 by
 * default. Build it with `Layer.launch` (a process) or inside a scope (a test).
 *
 * @since 0.1.0
 */
export const layer = (options: ListenOptions) =>
  HttpRouter.serve(routes(options), { disableLogger: true, disableListenLog: true }).pipe(
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: options.port ?? 8787, host: options.host ?? "127.0.0.1" }))
  )

/**
 * Starts a Node listener over `store` inside the current scope (it stops when the scope closes)
 * and gives its base URL, e.g. `http://127.0.0.1:41234` (`port: 0` picks a free port).
 *
 * @since 0.1.0
 */
export const start = <E>(options: ListenOptions, store: Layer.Layer<Store.CoachingStore, E>) =>
  Effect.map(
    Layer.build(layer(options).pipe(Layer.provide(store))),
    (context) => ({ url: HttpServer.formatAddress(Context.get(context, HttpServer.HttpServer).address) })
  )

/**
 * A Web-standard handler `(Request) => Promise<Response>` from the same routes, over the store
 * that `store` provides; `dispose` closes it.
 *
 * @since 0.1.0
 */
export const webHandler = <E>(options: Options, store: Layer.Layer<Store.CoachingStore, E>) =>
  HttpRouter.toWebHandler(routes(options).pipe(Layer.provide([store, HttpServer.layerServices])), { disableLogger: true })
