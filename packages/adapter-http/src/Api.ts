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

/** An endpoint's summary and description, as `/openapi.json` and the `/docs` page show them. */
const doc = (summary: string, description: string) => OpenApi.annotations({ summary, description })

/** What any authenticated route may answer besides its success. */
const failures = [RequestInvalid, Denied, NotFound, Conflict, Refused, Unavailable] as const

/** `/health` (no token needed). @since 0.1.0 */
export class SystemGroup extends HttpApiGroup.make("system", { topLevel: true }).add(
  HttpApiEndpoint.get("health", "/health", { success: Health }).annotateMerge(doc("Is the server up?", "Answers `{ \"status\": \"ok\" }`. No token needed: for load balancers and uptime checks."))
).annotateMerge(OpenApi.annotations({ title: "System", description: "Health. The machine-readable contract is `/openapi.json`; this page is `/docs`." })) {}

/** The teachers' journeys: read, query, run a command. @since 0.1.0 */
export class JourneysGroup extends HttpApiGroup.make("journeys")
  .add(
    HttpApiEndpoint.get("list", "/journeys", {
      query: { ...streamFilters, limit: Schema.optionalKey(Schema.String), cursor: Schema.optionalKey(Schema.String) },
      success: JourneyPage,
      error: failures
    }).annotateMerge(doc("List the journeys you may read", "A teacher lists their own journey, a coach the journeys they coach (`coachId` defaults to theirs). Filters: `open`, `followUpDueBefore` (a date); pages of `limit` (at most 500) with the `next` cursor.")),
    HttpApiEndpoint.get("load", "/journeys/:teacherId", {
      params: { teacherId: Schema.String },
      success: JourneyView,
      error: failures
    }).annotateMerge(doc("Read a teacher's journey", "The events you may read, each with its version: a teacher their own (with reflections), their coach the cycle's events and the reflections of cycles they coach. A denied read answers exactly as a journey that does not exist (403).")),
    HttpApiEndpoint.post("execute", "/journeys/:teacherId/commands", {
      params: { teacherId: Schema.String },
      payload: CommandPayload,
      success: Executed,
      error: failures
    }).annotateMerge(doc("Run a command on a teacher's journey", "`command` is one of the commands listed under Commands below and in `docs/commands.md` (`_tag` names it); the rulebook decides it and the events are appended. `commandId` is yours to choose: send the same id again after a lost answer and you get the first result, appended once. A refusal is a 422 with core's error.")),
    HttpApiEndpoint.post("executeGroup", "/journeys/:teacherId/group-commands", {
      params: { teacherId: Schema.String },
      payload: GroupCommandPayload,
      success: Schema.Array(Executed),
      error: failures
    }).annotateMerge(doc("Run a group-cycle command", "A command for a group cycle, decided in every member's journey and appended to all of them or none; `repsByTeacher` gives each teacher's own rehearsal reps for a group meeting."))
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
    }).annotateMerge(doc("Append events to a stream", "The storage port's append, with the expected version checked by the store (409 on a conflict). Store token only.")),
    HttpApiEndpoint.get("read", "/store/streams/:streamId", {
      params: { streamId: Schema.String },
      query: { after: Schema.optionalKey(Schema.String) },
      success: StreamRead,
      error: failures
    }).annotateMerge(doc("Read a stream", "The stream's version and its events after `after`. Store token only.")),
    HttpApiEndpoint.get("listStreams", "/store/streams", {
      query: { ...streamFilters, after: Schema.optionalKey(Schema.String), limit: Schema.optionalKey(Schema.String) },
      success: Schema.Array(StreamSummary),
      error: failures
    }).annotateMerge(doc("List streams", "Stream summaries by teacher, coach, open cycle or follow-up date, `after` a stream id. Store token only.")),
    HttpApiEndpoint.put("putRecord", "/store/records/:kind/:id", {
      params: { kind: RecordKind, id: Schema.String },
      payload: Schema.Struct({ record: Schema.Unknown }),
      error: failures
    }).annotateMerge(doc("Store a record", "A person, cohort, relationship, playbook or the `policy` setting, validated. Store token only.")),
    HttpApiEndpoint.get("getRecord", "/store/records/:kind/:id", {
      params: { kind: RecordKind, id: Schema.String },
      success: Schema.Struct({ record: Schema.Unknown }),
      error: failures
    }).annotateMerge(doc("Read a record", "Store token only.")),
    HttpApiEndpoint.get("listRecords", "/store/records/:kind", {
      params: { kind: RecordKind },
      query: { ref: Schema.optionalKey(Schema.String), after: Schema.optionalKey(Schema.String), limit: Schema.optionalKey(Schema.String) },
      success: Schema.Array(StoredRecord),
      error: failures
    }).annotateMerge(doc("List records of a kind", "Optionally those referring to `ref`. Store token only.")),
    HttpApiEndpoint.post("writeBatch", "/store/batch", {
      payload: BatchPayload,
      error: failures
    }).annotateMerge(doc("Write records and appends all or nothing", "Store token only."))
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
    HttpApiEndpoint.get("me", "/me", { success: Me, error: appFailures }).annotateMerge(doc("Who am I?", "The person behind the token and the role they act in.")),
    HttpApiEndpoint.get("people", "/people", { success: Schema.Array(People.Person), error: appFailures }).annotateMerge(doc("The school's directory", "Names, roles and areas of every person; nothing of anyone's record.")),
    HttpApiEndpoint.get("playbooks", "/playbooks", { success: Schema.Array(Playbook.Playbook), error: appFailures }).annotateMerge(doc("The playbooks", "Techniques with their granular sub-steps, for choosing a leverage point and an action step.")),
    HttpApiEndpoint.post("checkStep", "/granularity/check", { payload: StepCheck, success: Granularity.GranularityReport, error: appFailures }).annotateMerge(doc("Check an action step's granularity", "The checker's report: granular or not, findings with spans, and suggestions. A thin client needs no language code of its own.")),
    HttpApiEndpoint.get("script", "/journeys/:teacherId/cycles/:cycleId/script", {
      params: { teacherId: Schema.String, cycleId: Schema.String },
      query: { style: Schema.optionalKey(People.Style), date: Schema.optionalKey(Schema.String) },
      success: ScriptView,
      error: appFailures
    }).annotateMerge(doc("A cycle's feedback script", "The feedback meeting script (or the practice-session script while re-planning) as text and as escaped HTML, for the cycle's coach.")),
    HttpApiEndpoint.get("fidelity", "/reports/fidelity", { success: Fidelity.Report, error: appFailures }).annotateMerge(doc("Fidelity report (a lead)", "Aggregates by coach and by cohort; groups smaller than the policy's minimum are hidden.")),
    HttpApiEndpoint.get("cohorts", "/reports/cohort", { success: CohortInsight.Report, error: appFailures }).annotateMerge(doc("Cohort insight (a lead)", "The most common leverage-point areas and techniques, by cohort; small groups hidden.")),
    HttpApiEndpoint.get("caseload", "/reports/caseload", {
      query: { coachId: Schema.optionalKey(Schema.String), today: Schema.optionalKey(Schema.String) },
      success: Caseload.Report,
      error: appFailures
    }).annotateMerge(doc("A coach's caseload", "A coach reads their own: follow-ups due and overdue, teachers not visited lately, open cycles, expertise fit."))
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
    }).annotateMerge(doc("List records", "People, cohorts, relationships or playbooks as your role may read them (a lead manages people, cohorts, relationships and playbooks; a person reads their own record and relationships).")),
    HttpApiEndpoint.get("get", "/records/:kind/:id", {
      params: { kind: AppRecordKind, id: Schema.String },
      success: RecordBody,
      error: failures
    }).annotateMerge(doc("Read a record", "A record you may not read answers exactly as one that does not exist (403).")),
    HttpApiEndpoint.put("put", "/records/:kind/:id", {
      params: { kind: AppRecordKind, id: Schema.String },
      payload: RecordBody,
      error: failures
    }).annotateMerge(doc("Add or change a record", "For the role that manages that kind (a lead or admin for people; a lead for cohorts, relationships and playbooks), validated."))
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
    }).annotateMerge(doc("Lint feedback wording", "Findings for judgement, generic praise, open probes, several steps at once and vague timelines, with spans."))
  )
  .middleware(Authentication)
  .annotateMerge(OpenApi.annotations({ title: "Tools", description: "The feedback lint." }))
{}

/**
 * An import was refused and nothing was written (422): the document is not a valid export
 * (`INVALID_EXPORT`), the store holds records that differ (`IMPORT_CONFLICT`), or the store would
 * not validate afterwards (`IMPORT_INCONSISTENT`). `violations` lists every problem with its path
 * in the document.
 *
 * @since 0.3.0
 */
export class ImportRefused extends Schema.TaggedError<ImportRefused>()("ImportRefused", {
  ...errorFields,
  violations: Schema.Array(Schema.Struct({ path: Schema.String, code: Schema.String, message: Schema.String, line: Schema.optionalKey(Schema.Number) }))
}, { httpApiStatus: 422 }) {}

/** What `POST /store/import` takes: an export document (JSON) and what to do with records the store holds differently. @since 0.3.0 */
export const ImportPayload = Schema.Struct({
  /** The export document, as `GET /store/export` or `coaching export` writes it. */
  document: Schema.Unknown,
  /** `refuse` (default): any record the store holds differently refuses the whole import; `merge`: the document's replace them. */
  onConflict: Schema.optionalKey(Schema.Literals(["refuse", "merge"]))
})

/** What an import wrote: a count per kind, the events appended, and the records already held identically. @since 0.3.0 */
export const ImportSummary = Schema.Struct({
  playbooks: Schema.Int,
  people: Schema.Int,
  cohorts: Schema.Int,
  relationships: Schema.Int,
  journeys: Schema.Int,
  events: Schema.Int,
  unchanged: Schema.Int
})

/**
 * The whole store as an export document, and an export brought into the store all or nothing:
 * an operator's moves (backups, moving a school between servers), so for a store token only, as
 * the CLI's `coaching export` / `coaching import` are for whoever holds the database file.
 *
 * @since 0.3.0
 */
export class TransferGroup extends HttpApiGroup.make("transfer")
  .add(
    HttpApiEndpoint.get("export", "/store/export", { success: Schema.Unknown, error: failures }).annotateMerge(doc("Export the whole store", "The canonical export document (JSON), exactly what `coaching export` writes: the policy, every record and every journey. Store token only: an operator's backup, or a school moving servers.")),
    HttpApiEndpoint.post("import", "/store/import", { payload: ImportPayload, success: ImportSummary, error: [...failures, ImportRefused] }).annotateMerge(doc("Import an export, all or nothing", "The document is validated (every violation listed), compared with the store and written in one batch. A record the store holds differently refuses the whole import (`IMPORT_CONFLICT`) unless `onConflict` is `merge`; the store afterwards must validate as a whole. Store token only."))
  )
  .middleware(Authentication)
  .annotateMerge(OpenApi.annotations({
    title: "Transfer",
    description: "Export the whole store, or import an export all or nothing (validated, conflicts refused unless merged). A store token only."
  }))
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
  .add(TransferGroup)
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
  ImportRefused: 422,
  Unavailable: 503
} as const

/** Core's `Access.Principal`, re-exported for servers mapping their own sessions. @since 0.1.0 */
export const Principal = Access.Principal
