/**
 * The handlers of the contract's `app` group: who am I, the staff directory, playbooks, the
 * granularity check, feedback scripts and reports. Every one asks core's rights first; reports
 * are core's (aggregates only for a lead; a coach's own caseload), computed from the store.
 */
import { Access, Caseload, CohortInsight, Cycle, Fidelity, type Granularity, Journeys, Playbook, type Policy, Reports, Store, Time, Transfer } from "@coaching/core"
import { generateFeedbackScript, renderScript } from "@coaching/feedback-script"
import { Effect, Option, Result } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import * as Api from "../Api.js"

/** What the app handlers need of the server's options. */
export interface AppOptions {
  readonly checkActionStep: Granularity.Checker
  readonly policy?: Policy.Policy
}

type Wire = Api.RequestInvalid | Api.Denied | Api.NotFound | Api.Unprocessable | Api.Unavailable

const denied = (path: string, message: string) => new Api.Denied({ code: "ACCESS_DENIED", path, message })

/** The person behind the token (a store token opens no app route). */
const person = (path: string) =>
  Effect.flatMap(Api.CurrentCaller, (caller) =>
    caller._tag === "Person"
      ? Effect.succeed(caller.principal)
      : Effect.fail(denied(path, "A store token opens the store routes only; use a person's token.")))

/** Core's failures as wire errors of the app routes. */
const wire = (path: string) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, Wire, R> =>
  Effect.mapError(effect, (error): Wire => {
    const e = error as { readonly _tag?: string; readonly code?: string; readonly message?: string; readonly path?: string }
    if (e._tag === "AccessDenied") return denied(path, e.message ?? "Not allowed.")
    if (e._tag === "InvalidInput" || e._tag === "InvalidCommand") {
      return new Api.RequestInvalid({ code: e.code ?? "INVALID_REQUEST", path: e.path ?? path, message: e.message ?? "The request is not valid." })
    }
    if (error instanceof Store.StoreError) return new Api.Unavailable({ code: error.code, path, message: error.message })
    return new Api.Unavailable({ code: "STORE_FAILURE", path, message: "The server could not complete the request." })
  })

const fromAnswer = <A>(answer: Result.Result<A, { readonly message: string }>, path: string) =>
  Result.isSuccess(answer) ? Effect.succeed(answer.success) : Effect.fail(denied(path, answer.failure.message))

const today = Effect.map(Effect.clockWith((clock) => clock.currentTimeMillis), (ms) => Time.dateOf(Time.timestampFromMillis(ms)!))

const dayParam = (value: string | undefined, path: string) =>
  value === undefined
    ? today
    : Time.isRealDate(value)
    ? Effect.succeed(value as Time.CalendarDate)
    : Effect.fail(new Api.RequestInvalid({ code: "INVALID_QUERY", path, message: `${path} must be a calendar date like 2026-11-29.` }))

/** The app group's handlers over the store in context. */
export const appLive = (options: AppOptions) =>
  HttpApiBuilder.group(Api.Api, "app", (handlers) =>
    Effect.gen(function*() {
      const store = yield* Store.CoachingStore
      const journeys = Journeys.make(store, {
        checkActionStep: options.checkActionStep,
        ...(options.policy !== undefined ? { policy: options.policy } : {})
      })
      const people = store.records("person")
      /** The principal, if registered in the role they act in; else a denial that says so. */
      const registered = (path: string) =>
        Effect.gen(function*() {
          const principal = yield* person(path)
          const found = yield* people.get(principal.personId).pipe(wire(path))
          if (Option.isNone(found) || !found.value.roles.includes(principal.role)) {
            return yield* denied(path, `${principal.personId} is not registered as a ${principal.role}.`)
          }
          return { principal, person: found.value }
        })
      const allowed = (principal: Access.Principal, action: Access.Action, path: string) => {
        const no = Access.check(principal, action)
        return no === undefined ? Effect.void : Effect.fail(denied(path, no.message))
      }
      /** The store as a report's input (every report computes from the events, aggregates only for a lead). */
      const reportInput = (path: string) =>
        Effect.map(
          Transfer.exportDocument(store, options.policy !== undefined ? { policy: options.policy } : {}).pipe(wire(path)),
          Reports.fromExport
        )
      return handlers
        .handle("me", () =>
          Effect.map(registered("/me"), ({ person, principal }) => ({ personId: principal.personId, role: principal.role, name: person.name })))
        .handle("people", () =>
          Effect.gen(function*() {
            const { principal } = yield* registered("/people")
            yield* allowed(principal, "people.read", "/people")
            return yield* Store.listAll(people.list).pipe(wire("/people"))
          }))
        .handle("playbooks", () =>
          Effect.gen(function*() {
            const { principal } = yield* registered("/playbooks")
            yield* allowed(principal, "playbooks.read", "/playbooks")
            const stored = yield* Store.listAll(store.records("playbook").list).pipe(wire("/playbooks"))
            return stored.length > 0 ? stored : [Playbook.defaultPlaybook]
          }))
        .handle("checkStep", ({ payload }) =>
          Effect.gen(function*() {
            yield* registered("/granularity/check")
            const report = yield* Effect.try({
              try: () => options.checkActionStep(payload.text),
              catch: () => new Api.Unavailable({ code: "CHECKER_FAILED", path: "payload.text", message: "The granularity checker failed on this text." })
            })
            return report
          }))
        .handle("script", ({ params, query }) =>
          Effect.gen(function*() {
            const path = `/journeys/${params.teacherId}/cycles/${params.cycleId}/script`
            const { principal } = yield* registered(path)
            const view = yield* journeys.load(principal, params.teacherId).pipe(wire(path))
            const cycle = Cycle.findCycle(view.journey, params.cycleId as never)
            if (cycle === undefined) {
              return yield* new Api.NotFound({ code: "CYCLE_NOT_FOUND", path: "params.cycleId", message: `${params.teacherId}'s journey has no cycle ${params.cycleId} that you may read.` })
            }
            const teacher = yield* people.get(params.teacherId).pipe(wire(path))
            const relationships = yield* Store.listAll(store.records("relationship").list, { ref: params.teacherId }).pipe(wire(path))
            const relationship = relationships.find((r) => r.coachId === cycle.coachId && r.teacherId === params.teacherId)
            const playbooks = yield* Store.listAll(store.records("playbook").list).pipe(wire(path))
            const meetingDate = yield* dayParam(query.date, "query.date")
            // a cycle continuing a secured cycle's leverage point opens from that cycle's secured step
            const continues = cycle.leveragePoint?.leveragePoint.continues
            const previous = continues === undefined ? undefined : Cycle.findCycle(view.journey, continues)
            const script = generateFeedbackScript(
              { cycle, ...(previous !== undefined ? { previous } : {}), style: relationship?.style, teacherName: Option.getOrUndefined(teacher)?.name },
              {
                meetingDate,
                ...(query.style !== undefined ? { style: query.style } : {}),
                ...(options.policy !== undefined ? { policy: options.policy } : {}),
                ...(playbooks[0] !== undefined ? { playbook: playbooks[0] } : {}),
                checkActionStep: options.checkActionStep
              }
            )
            if (Result.isFailure(script)) {
              return yield* new Api.Unprocessable({ code: script.failure.code, path: "path" in script.failure && typeof script.failure.path === "string" ? script.failure.path : "params.cycleId", message: script.failure.message })
            }
            return {
              teacherId: params.teacherId,
              cycleId: params.cycleId,
              text: renderScript(script.success, "text"),
              html: renderScript(script.success, "html")
            }
          }))
        .handle("fidelity", () =>
          Effect.gen(function*() {
            const { principal } = yield* registered("/reports/fidelity")
            yield* allowed(principal, "reports.read", "/reports/fidelity")
            const { context, state } = yield* reportInput("/reports/fidelity")
            return yield* fromAnswer(Fidelity.report(state, context, principal), "/reports/fidelity")
          }))
        .handle("cohorts", () =>
          Effect.gen(function*() {
            const { principal } = yield* registered("/reports/cohort")
            yield* allowed(principal, "reports.read", "/reports/cohort")
            const { context, state } = yield* reportInput("/reports/cohort")
            return yield* fromAnswer(CohortInsight.report(state, context, principal), "/reports/cohort")
          }))
        .handle("caseload", ({ query }) =>
          Effect.gen(function*() {
            const { principal } = yield* registered("/reports/caseload")
            const day = yield* dayParam(query.today, "query.today")
            // the rights first: nothing of the store is read for a request that will be refused
            const own = principal.role === "coach" || query.coachId !== undefined
            if (query.coachId !== undefined && query.coachId !== principal.personId) {
              return yield* denied("/reports/caseload", `${principal.personId}, acting as ${principal.role}, may read only their own caseload.`)
            }
            const no = own ? Access.check(principal, "caseload.read", { coachId: principal.personId }) : Access.check(principal, "reports.read")
            if (no !== undefined) return yield* denied("/reports/caseload", no.message)
            const { context, state } = yield* reportInput("/reports/caseload")
            const answer = own
              ? Caseload.ofCoach(state, context, Access.principal(principal.role, principal.personId), { today: day })
              : Caseload.summary(state, context, principal, { today: day })
            return yield* fromAnswer<Caseload.Report>(answer, "/reports/caseload")
          }))
    }))
