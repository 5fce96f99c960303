/**
 * The HTTP contract, in one file that the server (`Server`) and the client (`Client`) both
 * import: every route, what it accepts, what it answers and how it fails. `/openapi.json` is
 * generated from it.
 *
 * Two surfaces share the contract:
 * - **the app surface** (`/journeys`, `/people`, `/reports`, …) for people: every route runs as
 *   the token's principal (a person acting in one role) through core's rights (`Access.can`);
 * - **the store surface** (`/store/…`): the storage port's primitives, for a trusted service
 *   holding a store token (the HTTP client adapter, a replica). It is the database over HTTP: a
 *   person's token never opens it.
 *
 * Every failure is a JSON body `{ _tag, code, path, message }` with a stable `code` (listed in
 * `docs/errors.md`) and the `path` of the field (or the route) it is about.
 *
 * @since 0.1.0
 */
import { Access, Caseload, CohortInsight, Cycle, Errors, Events, Fidelity, Granularity, People, Playbook, Store } from "@coaching/core"
import { Context, Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiMiddleware, HttpApiSchema, HttpApiSecurity, OpenApi } from "effect/http-api"

// ---------------------------------------------------------------------------------------------
// Errors on the wire: one class per status, each with a stable code and a path
// ---------------------------------------------------------------------------------------------

const errorFields = {
  /** A stable code (docs/errors.md). */
  code: Schema.String,
  /** The field (`payload.events[0].at`, `params.teacherId`) or the route the error is about. */
  path: Schema.String,
  /** A sentence for people. */
  message: Schema.String
}

/** The request is malformed: bad JSON, a wrong type, an unknown field, an invalid id or query (400). @since 0.1.0 */
export class RequestInvalid extends Schema.TaggedError<RequestInvalid>()("RequestInvalid", errorFields, { httpApiStatus: 400 }) {}

/** No credentials, or credentials the server does not know (401). @since 0.1.0 */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", errorFields, { httpApiStatus: 401 }) {}

/** The principal may not do this (403). A denied read never says whether the thing exists. @since 0.1.0 */
export class Denied extends Schema.TaggedError<Denied>()("Denied", errorFields, { httpApiStatus: 403 }) {}

/** Nothing there (404): an unknown route, or a record the principal may read but that is not stored. @since 0.1.0 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", errorFields, { httpApiStatus: 404 }) {}

/** An append expected another stream version; nothing was written (409). @since 0.1.0 */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", {
  ...errorFields,
  streamId: Schema.String,
  expected: Schema.Union([Schema.Number, Schema.Literals(["no-stream", "any"])]),
  actual: Schema.Number
}, { httpApiStatus: 409 }) {}

/** The rulebook refused the command (422); `error` is core's typed error. Nothing was appended. @since 0.1.0 */
export class Refused extends Schema.TaggedError<Refused>()("Refused", {
  ...errorFields,
  error: Errors.CycleError
}, { httpApiStatus: 422 }) {}

/** The request is understood but cannot be answered as things stand, e.g. a script for a cycle not ready for one (422). @since 0.1.0 */
export class Unprocessable extends Schema.TaggedError<Unprocessable>()("Unprocessable", errorFields, { httpApiStatus: 422 }) {}

/** The store behind the server failed (503); `code` is the store's (`STORE_LOCKED`, …). @since 0.1.0 */
export class Unavailable extends Schema.TaggedError<Unavailable>()("Unavailable", errorFields, { httpApiStatus: 503 }) {}

// ---------------------------------------------------------------------------------------------
// Who is calling
// ---------------------------------------------------------------------------------------------

/**
 * Who a request runs as: a person acting in one role (the app surface), or a trusted service
 * holding a store token (the store surface only).
 *
 * @since 0.1.0
 */
export type Caller =
  | { readonly _tag: "Person"; readonly principal: Access.Principal }
  | { readonly _tag: "Store" }

/** The caller of the current request (provided by `Authentication`). @since 0.1.0 */
export class CurrentCaller extends Context.Service<CurrentCaller, Caller>()("@coaching/adapter-http/CurrentCaller") {}

/** Bearer-token authentication: every route but `/health` needs it. @since 0.1.0 */
export class Authentication extends HttpApiMiddleware.Service<Authentication, { provides: CurrentCaller; requires: never }>()(
  "@coaching/adapter-http/Authentication",
  { requiredForClient: true, security: { bearer: HttpApiSecurity.bearer }, error: Unauthenticated }
) {}

/** Turns the framework's request-decoding failures into `RequestInvalid` bodies with a path. @since 0.1.0 */
export class Validation extends HttpApiMiddleware.Service<Validation>()("@coaching/adapter-http/Validation", {
  error: RequestInvalid
}) {}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

/** What an append expects the stream's version to be. @since 0.1.0 */
export const ExpectedVersion = Schema.Union([Schema.Int, Schema.Literals(["no-stream", "any"])])

/** One append of the store surface. @since 0.1.0 */
export const AppendPayload = Schema.Struct({
  expected: ExpectedVersion,
  events: Schema.Array(Events.JourneyEvent),
  index: Store.StreamIndexSchema
})

/** What an append did. @since 0.1.0 */
export const AppendResult = Schema.Struct({ streamId: Schema.String, previousVersion: Schema.Int, version: Schema.Int })

/** A stream's version and its events after the version asked for (as stored). @since 0.1.0 */
export const StreamRead = Schema.Struct({ version: Schema.Int, events: Schema.Array(Schema.Unknown) })

/** A stream as listed. @since 0.1.0 */
export const StreamSummary = Schema.Struct({
  streamId: Schema.String,
  version: Schema.Int,
  ...Store.StreamIndexSchema.fields
})

/** The kinds of records (`Store.StoredKind`: the record kinds, and `setting` for the store's policy since 0.3.0). @since 0.1.0 */
export const RecordKind = Schema.Literals(["person", "cohort", "relationship", "playbook", "setting"])

/** A stored record as listed by the store surface. @since 0.1.0 */
export const StoredRecord = Schema.Struct({ id: Schema.String, record: Schema.Unknown })

/** An all-or-nothing batch of the store surface. @since 0.1.0 */
export const BatchPayload = Schema.Struct({
  records: Schema.Array(Schema.Struct({ kind: RecordKind, record: Schema.Unknown })),
  appends: Schema.Array(Schema.Struct({ streamId: Schema.String, ...AppendPayload.fields }))
})

/** One stored event and its version. @since 0.1.0 */
export const StoredEvent = Schema.Struct({ version: Schema.Int, event: Events.JourneyEvent })

/** What a principal sees of a journey: the events they may read (the journey is their fold). @since 0.1.0 */
export const JourneyView = Schema.Struct({
  teacherId: Schema.String,
  version: Schema.Int,
  events: Schema.Array(StoredEvent)
})

/** A client-chosen id that makes a command safe to send again (1–128 letters, digits, `_ . : -`). @since 0.1.0 */
export const CommandId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)))

/** A command for one teacher's journey. @since 0.1.0 */
export const CommandPayload = Schema.Struct({
  commandId: CommandId,
  command: Schema.Unknown
})

/** A command for a group cycle, with each teacher's own reps for a group meeting. @since 0.1.0 */
export const GroupCommandPayload = Schema.Struct({
  commandId: CommandId,
  command: Schema.Unknown,
  repsByTeacher: Schema.optionalKey(Schema.Record(Schema.String, Schema.Array(Schema.Unknown)))
})

/** An advisory about what was recorded. @since 0.1.0 */
export const Advisory = Schema.Struct({ code: Schema.Literals(Cycle.advisoryCodes), message: Schema.String })

/** What a command did: the events appended, the version after them, advice and the principal's view. @since 0.1.0 */
export const Executed = Schema.Struct({
  teacherId: Schema.String,
  events: Schema.Array(Events.JourneyEvent),
  version: Schema.Int,
  advisories: Schema.Array(Advisory),
  /** The journey's events as the principal may read them after the command. */
  view: Schema.Array(StoredEvent)
})

/** Stream filters of `/journeys` and `/store/streams` (as query parameters). @since 0.1.0 */
const streamFilters = {
  teacherId: Schema.optionalKey(Schema.String),
  coachId: Schema.optionalKey(Schema.String),
  open: Schema.optionalKey(Schema.Literals(["true", "false"])),
  followUpDueBefore: Schema.optionalKey(Schema.String)
}

/** A page of journeys. @since 0.1.0 */
export const JourneyPage = Schema.Struct({ items: Schema.Array(StreamSummary), next: Schema.NullOr(Schema.String) })

/** `/health`'s answer. @since 0.1.0 */
export const Health = Schema.Struct({ status: Schema.Literal("ok") })

// ---------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------

/** What any authenticated route may answer besides its success. */
const failures = [RequestInvalid, Denied, NotFound, Conflict, Refused, Unavailable] as const

/** `/health` (no token needed). @since 0.1.0 */
export class SystemGroup extends HttpApiGroup.make("system", { topLevel: true }).add(
  HttpApiEndpoint.get("health", "/health", { success: Health })
) {}

/** The teachers' journeys: read, query, run a command. @since 0.1.0 */
export class JourneysGroup extends HttpApiGroup.make("journeys")
  .add(
    HttpApiEndpoint.get("list", "/journeys", {
      query: { ...streamFilters, limit: Schema.optionalKey(Schema.String), cursor: Schema.optionalKey(Schema.String) },
      success: JourneyPage,
      error: failures
    }),
    HttpApiEndpoint.get("load", "/journeys/:teacherId", {
      params: { teacherId: Schema.String },
      success: JourneyView,
      error: failures
    }),
    HttpApiEndpoint.post("execute", "/journeys/:teacherId/commands", {
      params: { teacherId: Schema.String },
      payload: CommandPayload,
      success: Executed,
      error: failures
    }),
    HttpApiEndpoint.post("executeGroup", "/journeys/:teacherId/group-commands", {
      params: { teacherId: Schema.String },
      payload: GroupCommandPayload,
      success: Schema.Array(Executed),
      error: failures
    })
  )
  .middleware(Authentication)
  .annotateMerge(OpenApi.annotations({ title: "Journeys", description: "A teacher's journey, as the principal may read and write it." }))
{}

/** The storage port's primitives, for a store token only. @since 0.1.0 */
export class StoreGroup extends HttpApiGroup.make("store")
  .add(
    HttpApiEndpoint.post("append", "/store/streams/:streamId", {
      params: { streamId: Schema.String },
      payload: AppendPayload,
      success: AppendResult,
      error: failures
    }),
    HttpApiEndpoint.get("read", "/store/streams/:streamId", {
      params: { streamId: Schema.String },
      query: { after: Schema.optionalKey(Schema.String) },
      success: StreamRead,
      error: failures
    }),
    HttpApiEndpoint.get("listStreams", "/store/streams", {
      query: { ...streamFilters, after: Schema.optionalKey(Schema.String), limit: Schema.optionalKey(Schema.String) },
      success: Schema.Array(StreamSummary),
      error: failures
    }),
    HttpApiEndpoint.put("putRecord", "/store/records/:kind/:id", {
      params: { kind: RecordKind, id: Schema.String },
      payload: Schema.Struct({ record: Schema.Unknown }),
      error: failures
    }),
    HttpApiEndpoint.get("getRecord", "/store/records/:kind/:id", {
      params: { kind: RecordKind, id: Schema.String },
      success: Schema.Struct({ record: Schema.Unknown }),
      error: failures
    }),
    HttpApiEndpoint.get("listRecords", "/store/records/:kind", {
      params: { kind: RecordKind },
      query: { ref: Schema.optionalKey(Schema.String), after: Schema.optionalKey(Schema.String), limit: Schema.optionalKey(Schema.String) },
      success: Schema.Array(StoredRecord),
      error: failures
    }),
    HttpApiEndpoint.post("writeBatch", "/store/batch", {
      payload: BatchPayload,
      error: failures
    })
  )
  .middleware(Authentication)
  .annotateMerge(OpenApi.annotations({ title: "Store", description: "The storage port over HTTP, for a store token (a trusted service)." }))
{}

/** Who the token belongs to: the person and the role they act in. @since 0.1.0 */
export const Me = Schema.Struct({ personId: Schema.String, role: People.Role, name: Schema.String })

/** A step to check: the text of an action step (at most 2 000 characters). @since 0.1.0 */
export const StepCheck = Schema.Struct({ text: Schema.String.pipe(Schema.check(Schema.isMaxLength(2_000))) })

/** A cycle's feedback script (a meeting, or a practice session in `Replanning`), as text and as escaped HTML. @since 0.1.0 */
export const ScriptView = Schema.Struct({ teacherId: Schema.String, cycleId: Schema.String, text: Schema.String, html: Schema.String })

/** What the app routes may answer besides their success. */
const appFailures = [RequestInvalid, Denied, NotFound, Unprocessable, Unavailable] as const

/**
 * What an app for people needs beyond journeys: who am I, the staff directory, the playbooks,
 * the granularity checker and the feedback script (so a thin client carries no language code),
 * and the reports (a coach's own caseload; a lead's aggregates).
 *
 * @since 0.1.0
 */
export class AppGroup extends HttpApiGroup.make("app")
  .add(
    HttpApiEndpoint.get("me", "/me", { success: Me, error: appFailures }),
    HttpApiEndpoint.get("people", "/people", { success: Schema.Array(People.Person), error: appFailures }),
    HttpApiEndpoint.get("playbooks", "/playbooks", { success: Schema.Array(Playbook.Playbook), error: appFailures }),
    HttpApiEndpoint.post("checkStep", "/granularity/check", { payload: StepCheck, success: Granularity.GranularityReport, error: appFailures }),
    HttpApiEndpoint.get("script", "/journeys/:teacherId/cycles/:cycleId/script", {
      params: { teacherId: Schema.String, cycleId: Schema.String },
      query: { style: Schema.optionalKey(People.Style), date: Schema.optionalKey(Schema.String) },
      success: ScriptView,
      error: appFailures
    }),
    HttpApiEndpoint.get("fidelity", "/reports/fidelity", { success: Fidelity.Report, error: appFailures }),
    HttpApiEndpoint.get("cohorts", "/reports/cohort", { success: CohortInsight.Report, error: appFailures }),
    HttpApiEndpoint.get("caseload", "/reports/caseload", {
      query: { coachId: Schema.optionalKey(Schema.String), today: Schema.optionalKey(Schema.String) },
      success: Caseload.Report,
      error: appFailures
    })
  )
  .middleware(Authentication)
  .annotateMerge(OpenApi.annotations({ title: "App", description: "Who am I, people, playbooks, the granularity check, feedback scripts and reports, each through core's rights." }))
{}

/** The kinds of records the app routes carry (a store's settings are the store routes' only). @since 0.1.0 */
export const AppRecordKind = Schema.Literals(["person", "cohort", "relationship", "playbook"])

/** A record as the app routes carry it (a person, cohort, relationship or playbook). @since 0.1.0 */
export const RecordBody = Schema.Struct({ record: Schema.Unknown })

/** A page of records. @since 0.1.0 */
export const RecordPage = Schema.Struct({ items: Schema.Array(Schema.Unknown), next: Schema.NullOr(Schema.String) })

/** People, cohorts, relationships and playbooks, as the principal may read and manage them. @since 0.1.0 */
export class RecordsGroup extends HttpApiGroup.make("records")
  .add(
    HttpApiEndpoint.get("list", "/records/:kind", {
      params: { kind: AppRecordKind },
      query: { ref: Schema.optionalKey(Schema.String), limit: Schema.optionalKey(Schema.String), cursor: Schema.optionalKey(Schema.String) },
      success: RecordPage,
      error: failures
    }),
    HttpApiEndpoint.get("get", "/records/:kind/:id", {
      params: { kind: AppRecordKind, id: Schema.String },
      success: RecordBody,
      error: failures
    }),
    HttpApiEndpoint.put("put", "/records/:kind/:id", {
      params: { kind: AppRecordKind, id: Schema.String },
      payload: RecordBody,
      error: failures
    })
  )
  .middleware(Authentication)
  .annotateMerge(OpenApi.annotations({ title: "Records", description: "People, cohorts, relationships and playbooks, through the rights table." }))
{}

/** The feedback lint, so a thin client needs no NLP code of its own (the granularity check is `/granularity/check`). @since 0.1.0 */
export class ToolsGroup extends HttpApiGroup.make("tools")
  .add(
    HttpApiEndpoint.post("lintFeedback", "/tools/feedback-lint", {
      payload: Schema.Struct({ text: Schema.String }),
      success: Schema.Struct({
        findings: Schema.Array(Schema.Struct({ code: Schema.String, message: Schema.String, span: Schema.Tuple([Schema.Int, Schema.Int]) }))
      }),
      error: failures
    })
  )
  .middleware(Authentication)
  .annotateMerge(OpenApi.annotations({ title: "Tools", description: "The feedback lint." }))
{}

/**
 * The whole API. Unknown fields are refused (not silently dropped), every decoding failure is
 * a `RequestInvalid` with a path.
 *
 * @since 0.1.0
 */
export class Api extends HttpApi.make("coaching")
  .add(SystemGroup)
  .add(JourneysGroup)
  .add(AppGroup)
  .add(RecordsGroup)
  .add(ToolsGroup)
  .add(StoreGroup)
  .middleware(Validation)
  .annotate(HttpApi.PayloadParseOptions, { onExcessProperty: "error", errors: "all" })
  .annotateMerge(OpenApi.annotations({
    title: "Coaching",
    description: "Instructional coaching records over HTTP: every route runs through core's rights (Access)."
  }))
{}

/** The OpenAPI 3.1 document of the API (served at `/openapi.json`). @since 0.1.0 */
export const openApi = (): OpenApi.OpenAPISpec => OpenApi.fromApi(Api)

/** The status of each error tag, for servers that build error bodies by hand. @since 0.1.0 */
export const statusOf = {
  RequestInvalid: 400,
  Unauthenticated: 401,
  Denied: 403,
  NotFound: 404,
  Conflict: 409,
  Refused: 422,
  Unprocessable: 422,
  Unavailable: 503
} as const

/** Core's `Access.Principal`, re-exported for servers mapping their own sessions. @since 0.1.0 */
export const Principal = Access.Principal
