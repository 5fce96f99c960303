/**
 * The client adapter: a remote coaching server used exactly like a local store.
 * `layerHttp({ baseUrl, token })` provides core's `CoachingStore` (the store routes, for a store
 * token) and the command service `Journeys` (the journey routes, for a person's token), both
 * speaking the one contract in `Api`.
 *
 * Commands are safe to retry: each carries a client-chosen id, and the client sends the same id
 * again when the connection fails before the answer arrives; the server answers a repeated id
 * with the first result and appends once.
 *
 * @since 0.1.0
 */
import { Cycle, Errors, type Events, Export, type Ids, Journeys, Records, Store, Transfer } from "@coaching/core"
import { Context, Effect, Layer, Option, Result, Schedule } from "effect"
import { FetchHttpClient, HttpClientRequest } from "effect/http"
import { HttpApiClient, HttpApiMiddleware } from "effect/http-api"
import * as Api from "./Api.js"

/** The HTTP status of each error tag of the contract (`Api.statusOf`), for apps that show errors by status. @since 0.3.0 */
export const statusOf: typeof Api.statusOf = Api.statusOf

/** Where the server is and how to sign in. @since 0.1.0 */
export interface Options {
  /** The server's base URL, e.g. `http://127.0.0.1:8787`. */
  readonly baseUrl: string
  /** A bearer token (`coaching tokens create`): a store token for `CoachingStore`, a person's for `Journeys`. */
  readonly token: string
  /** How many times a request is sent again after a connection failure (default 3). */
  readonly retries?: number
}

type ApiClient = HttpApiClient.ForApi<typeof Api.Api>

/** The typed client of the contract, with the token attached to every request. @since 0.1.0 */
export const makeApiClient = (options: Options): Effect.Effect<ApiClient> =>
  HttpApiClient.make(Api.Api, { baseUrl: options.baseUrl }).pipe(
    Effect.provide(
      Layer.mergeAll(
        FetchHttpClient.layer,
        HttpApiMiddleware.layerClient(Api.Authentication, ({ next, request }) => next(HttpClientRequest.bearerToken(request, options.token)))
      )
    )
  )

// ---------------------------------------------------------------------------------------------
// Wire errors → core's errors
// ---------------------------------------------------------------------------------------------

const invalidCodes: ReadonlySet<string> = new Set(Store.invalidInputCodes)
const storeCodes: ReadonlySet<string> = new Set(Store.storeErrorCodes)

const unavailable = (message: string, code: Store.StoreError["code"] = "STORE_UNAVAILABLE") => new Store.StoreError({ code, message })

/** A failure of a store route as core's store errors. */
const storeError = (error: unknown): Store.InvalidInput | Store.VersionConflict | Store.StoreError => {
  const e = error as { readonly _tag?: string }
  if (e instanceof Api.RequestInvalid) {
    return new Store.InvalidInput({ code: invalidCodes.has(e.code) ? e.code as Store.InvalidInput["code"] : "INVALID_QUERY", path: e.path, message: e.message })
  }
  if (e instanceof Api.Conflict) {
    return new Store.VersionConflict({ code: "VERSION_CONFLICT", streamId: e.streamId, expected: e.expected, actual: e.actual, message: e.message })
  }
  if (e instanceof Api.Unavailable) return unavailable(e.message, storeCodes.has(e.code) ? e.code as Store.StoreError["code"] : "STORE_FAILURE")
  if (e instanceof Api.Unauthenticated || e instanceof Api.Denied) return unavailable(`The server refused the token: ${e.message}`)
  return unavailable(`The coaching server could not be reached or answered oddly: ${describe(error)}`)
}

/** A failure of a journey route as core's command-service errors. */
const journeyError = (error: unknown): Journeys.ExecuteError => {
  if (error instanceof Api.Refused) return error.error
  if (error instanceof Api.Denied || error instanceof Api.Unauthenticated) return new Errors.AccessDenied({ code: "ACCESS_DENIED", message: error.message })
  if (error instanceof Api.RequestInvalid && !invalidCodes.has(error.code)) {
    return new Errors.InvalidCommand({ code: "INVALID_COMMAND", path: error.path, message: error.message })
  }
  return storeError(error)
}

const describe = (error: unknown): string => {
  const e = error as { readonly _tag?: string; readonly message?: string }
  return `${e?._tag ?? "Error"}: ${e?.message ?? String(error)}`.slice(0, 300)
}

/** Connection failures (no answer at all) are sent again; answers, even errors, are not. */
const isTransport = (error: unknown): boolean => (error as { readonly _tag?: string })?._tag === "HttpClientError"

const retrying = (retries: number) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.retry(effect, { while: isTransport, times: retries, schedule: Schedule.exponential("50 millis") })

// ---------------------------------------------------------------------------------------------
// The store port over HTTP
// ---------------------------------------------------------------------------------------------

const notFound = (error: unknown): boolean => error instanceof Api.NotFound

/** The kinds the store routes carry: records and settings (a server's own tokens and receipts stay on it). */
const routeKinds: ReadonlyArray<string> = [...Records.recordKinds, "setting"]
const isRecordKind = (kind: Store.StoredKind): kind is Exclude<Store.StoredKind, Records.InternalKind> => routeKinds.includes(kind)

/** A server's own bookkeeping (tokens, receipts) stays on the server: the store routes do not carry it. */
const internalKind = (kind: string) =>
  unavailable(`The HTTP store keeps records only (${Records.recordKinds.join(", ")}); a server's ${kind} records stay on that server.`, "STORE_FAILURE")

/** The storage primitives over the store routes. @since 0.1.0 */
export const primitives = (client: ApiClient, options: Pick<Options, "retries"> = {}): Store.Primitives => {
  const retry = retrying(options.retries ?? 3)
  const appendBody = (request: Store.AppendRequest) => ({
    expected: request.expected,
    events: request.events.map((json) => JSON.parse(json)),
    index: request.index
  })
  return {
    append: (request) =>
      client.store.append({ params: { streamId: request.streamId }, payload: appendBody(request) }).pipe(
        retry,
        Effect.mapError(storeError),
        Effect.catchTag("InvalidInput", (e) => Effect.fail(unavailable(e.message, "STORE_FAILURE")))
      ),
    read: (streamId, after) =>
      client.store.read({ params: { streamId }, query: after > 0 ? { after: String(after) } : {} }).pipe(
        retry,
        Effect.map((r) => Option.some({ version: r.version, events: r.events.map((e) => JSON.stringify(e)) })),
        Effect.catchIf(notFound, () => Effect.succeed(Option.none())),
        Effect.mapError((e) => failStore(storeError(e)))
      ),
    listStreams: (filter) =>
      client.store.listStreams({
        query: {
          ...(filter.teacherId !== undefined ? { teacherId: filter.teacherId } : {}),
          ...(filter.coachId !== undefined ? { coachId: filter.coachId } : {}),
          ...(filter.open !== undefined ? { open: filter.open ? "true" as const : "false" as const } : {}),
          ...(filter.followUpDueBefore !== undefined ? { followUpDueBefore: filter.followUpDueBefore } : {}),
          ...(filter.after !== undefined ? { after: filter.after } : {}),
          limit: String(filter.limit)
        }
      }).pipe(
        retry,
        Effect.map((rows) => rows.map((r): Store.StreamSummary => ({ ...r, teacherId: r.teacherId, coachId: r.coachId, followUpDue: r.followUpDue }))),
        Effect.mapError((e) => failStore(storeError(e)))
      ),
    putRecord: (record) =>
      !isRecordKind(record.kind)
        ? Effect.fail(internalKind(record.kind))
        : client.store.putRecord({ params: { kind: record.kind, id: record.id }, payload: { record: JSON.parse(record.json) } }).pipe(
          retry,
          Effect.mapError((e) => failStore(storeError(e)))
        ),
    getRecord: (kind, id) =>
      !isRecordKind(kind) ? Effect.succeed(Option.none()) : client.store.getRecord({ params: { kind, id } }).pipe(
        retry,
        Effect.map((r) => Option.some(JSON.stringify(r.record))),
        Effect.catchIf(notFound, () => Effect.succeed(Option.none())),
        Effect.mapError((e) => failStore(storeError(e)))
      ),
    listRecords: (filter) =>
      !isRecordKind(filter.kind) ? Effect.succeed([]) : client.store.listRecords({
        params: { kind: filter.kind },
        query: {
          ...(filter.ref !== undefined ? { ref: filter.ref } : {}),
          ...(filter.after !== undefined ? { after: filter.after } : {}),
          limit: String(filter.limit)
        }
      }).pipe(
        retry,
        Effect.map((rows) => rows.map((r): Store.StoredRecord => ({ kind: filter.kind, id: r.id, json: JSON.stringify(r.record), refs: [] }))),
        Effect.mapError((e) => failStore(storeError(e)))
      ),
    writeBatch: (batch) =>
      batch.records.some((r) => !isRecordKind(r.kind)) ? Effect.fail(internalKind(batch.records.find((r) => !isRecordKind(r.kind))!.kind)) : client.store.writeBatch({
        payload: {
          records: batch.records.map((r) => ({ kind: r.kind as Exclude<Store.StoredKind, Records.InternalKind>, record: JSON.parse(r.json) })),
          appends: batch.appends.map((a) => ({ streamId: a.streamId, ...appendBody(a) }))
        }
      }).pipe(
        retry,
        Effect.mapError(storeError),
        Effect.catchTag("InvalidInput", (e) => Effect.fail(unavailable(e.message, "STORE_FAILURE")))
      )
  }
}

/** Core validated the input before the primitive ran, so a 400 here is the server disagreeing: a store failure. */
const failStore = (e: Store.InvalidInput | Store.VersionConflict | Store.StoreError): Store.StoreError =>
  e instanceof Store.StoreError ? e : unavailable(e.message, "STORE_FAILURE")

// ---------------------------------------------------------------------------------------------
// The command service over HTTP
// ---------------------------------------------------------------------------------------------

/** A fresh command id. */
const newCommandId = (): string => `cmd-${crypto.randomUUID()}`

/** The command service over the journey routes (the principal is the token's). @since 0.1.0 */
export const journeys = (client: ApiClient, options: Pick<Options, "retries"> = {}): Journeys.JourneysService => {
  const retry = retrying(options.retries ?? 3)
  const journeyOf = (teacherId: string, events: ReadonlyArray<{ readonly event: Events.JourneyEvent }>) =>
    Cycle.replay(events.map((e) => e.event), Cycle.emptyJourney(teacherId as Ids.PersonId))
  const executed = (r: typeof Api.Executed.Type): Journeys.Executed => {
    let view: Cycle.Journey | undefined
    return {
      events: r.events,
      version: r.version,
      advisories: r.advisories,
      get journey() {
        return view ??= journeyOf(r.teacherId, r.view)
      }
    }
  }
  // The server parses and checks every command: typed or not, it is sent as it is.
  const execute = (teacherId: string, command: unknown) => {
    const commandId = newCommandId()
    return client.journeys.execute({ params: { teacherId }, payload: { commandId, command } }).pipe(
      retry,
      Effect.map(executed),
      Effect.mapError(journeyError)
    )
  }
  return Journeys.Journeys.of({
    load: (_principal, teacherId) =>
      client.journeys.load({ params: { teacherId } }).pipe(
        retry,
        Effect.map((v): Journeys.JourneyView => ({
          teacherId: v.teacherId as Ids.PersonId,
          version: v.version,
          events: v.events,
          journey: journeyOf(v.teacherId, v.events)
        })),
        Effect.mapError((e) => journeyError(e) as Journeys.LoadError)
      ),
    execute: (_principal, teacherId, command) => execute(teacherId, command),
    executeUnknown: (_principal, teacherId, command) => execute(teacherId, command),
    executeGroup: (_principal, memberId, command, groupOptions = {}) => {
      const commandId = newCommandId()
      return client.journeys.executeGroup({
        params: { teacherId: memberId },
        payload: { commandId, command, ...(groupOptions.repsByTeacher !== undefined ? { repsByTeacher: groupOptions.repsByTeacher } : {}) }
      }).pipe(
        retry,
        Effect.map((all) => all.map(executed)),
        Effect.mapError(journeyError)
      )
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Whole-store moves over HTTP
// ---------------------------------------------------------------------------------------------

/**
 * The whole store behind the server as an export document (`GET /store/export`, a store
 * token), validated on arrival: what `coaching export` writes, from a remote server.
 *
 * @since 0.3.0
 */
export const exportDocument = (options: Options): Effect.Effect<Export.ExportDocument, Store.StoreError> =>
  Effect.gen(function*() {
    const client = yield* makeApiClient(options)
    const body = yield* client.transfer.export().pipe(retrying(options.retries ?? 3), Effect.mapError((e) => failStore(storeError(e))))
    const decoded = Export.decode(body)
    if (Result.isFailure(decoded)) {
      const first = decoded.failure.violations[0]
      return yield* unavailable(`The server's export does not validate${first !== undefined ? ` (${first.code} at ${first.path})` : ""}.`, "STORE_FAILURE")
    }
    return decoded.success
  })

/**
 * Imports an export into the store behind the server (`POST /store/import`, a store token), all
 * or nothing, as `Transfer.importDocument` does locally: `InvalidExport` for a document that does
 * not validate, `ImportRefused` for conflicts or a store that would not validate afterwards.
 * An import is not sent again after a lost connection (read the store to see whether it landed).
 *
 * @since 0.3.0
 */
export const importDocument = (
  options: Options,
  document: unknown,
  importOptions: Pick<Transfer.ImportOptions, "onConflict"> = {}
): Effect.Effect<Transfer.ImportSummary, Export.InvalidExport | Transfer.ImportRefused | Store.VersionConflict | Store.StoreError> =>
  Effect.gen(function*() {
    const client = yield* makeApiClient(options)
    return yield* client.transfer.import({
      payload: { document, ...(importOptions.onConflict !== undefined ? { onConflict: importOptions.onConflict } : {}) }
    }).pipe(
      Effect.mapError((e) => {
        if (e instanceof Api.ImportRefused) {
          return e.code === "IMPORT_CONFLICT" || e.code === "IMPORT_INCONSISTENT"
            ? new Transfer.ImportRefused({ code: e.code, message: e.message, violations: e.violations })
            : new Export.InvalidExport({ message: e.message, violations: e.violations })
        }
        const mapped = storeError(e)
        return mapped instanceof Store.InvalidInput ? unavailable(mapped.message, "STORE_FAILURE") : mapped
      })
    )
  })

/**
 * The HTTP adapter: `CoachingStore` (store routes) and `Journeys` (journey routes) of the server
 * at `baseUrl`, signed in with `token`.
 *
 * @since 0.1.0
 */
export const layerHttp = (options: Options): Layer.Layer<Store.CoachingStore | Journeys.Journeys> =>
  Layer.effectContext(
    Effect.map(makeApiClient(options), (client) =>
      Context.make(Store.CoachingStore, Store.make(primitives(client, options))).pipe(
        Context.add(Journeys.Journeys, journeys(client, options))
      ))
  )
