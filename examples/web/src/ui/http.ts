/**
 * The backend over HTTP, through `@coaching/adapter-http`'s client (`Client.makeApiClient`): the
 * typed client generated from the one contract (`Api.ts`) the server serves. Failures come back
 * as the contract's errors (`{ code, path, message }`), a lost connection as `ConnectionLost`.
 */
import * as Client from "@coaching/adapter-http/Client"
import { Cycle, type Events } from "@coaching/core"
import { Effect } from "effect"
import { ApiError, type Backend, ConnectionLost, type JourneyRead } from "./backend.js"

/** A demo sign-in the `npm start` server offers (only when it runs the demo school). */
export interface DemoSignIn {
  readonly name: string
  readonly role: string
  readonly about: string
  readonly token: string
}

const statusOf: Readonly<Record<string, number>> = Client.statusOf

/** A contract error as an `ApiError`; anything without an answer (no connection) as `ConnectionLost`. */
const toError = (error: unknown): Error => {
  const e = error as { readonly _tag?: string; readonly code?: string; readonly path?: string; readonly message?: string }
  if (e?._tag !== undefined && statusOf[e._tag] !== undefined) {
    return new ApiError(statusOf[e._tag]!, e.code ?? e._tag, e.path ?? "", e.message ?? "The server refused the request.")
  }
  if (e?._tag === "HttpClientError") {
    const reason = (error as { readonly reason?: { readonly _tag?: string } }).reason?._tag
    if (reason === "TransportError" || reason === undefined) return new ConnectionLost()
  }
  return new ApiError(0, "UNEXPECTED_ANSWER", "", `The server's answer could not be read (${e?._tag ?? "error"}).`)
}

const run = <A>(effect: Effect.Effect<A, unknown>): Promise<A> =>
  Effect.runPromise(Effect.mapError(effect, toError)).catch((e: unknown) => {
    // Effect.runPromise rejects with the failure wrapped in a FiberFailure-like error; unwrap it
    const cause = (e as { readonly cause?: unknown })?.cause
    throw cause instanceof Error ? cause : e instanceof Error ? e : new ConnectionLost()
  })

const readOf = (teacherId: string, version: number, stored: ReadonlyArray<{ readonly event: Events.JourneyEvent }>): JourneyRead => {
  const events = stored.map((s) => s.event)
  return { teacherId, version, events, journey: Cycle.replay(events) }
}

/** The demo school's sign-ins, or none (served by the example's server, not part of the contract). */
export const demoSignIns = async (): Promise<ReadonlyArray<DemoSignIn>> => {
  const response = await fetch("/demo/sign-ins")
  return response.ok ? (await response.json()) as ReadonlyArray<DemoSignIn> : []
}

/** A backend for one token, on the server that served this page. */
export const makeBackend = (token: string): Backend => {
  const client = Effect.runSync(Effect.cached(Client.makeApiClient({ baseUrl: location.origin, token })))
  const call = <A>(f: (c: Effect.Success<typeof client>) => Effect.Effect<A, unknown>) => run(Effect.flatMap(client, f))
  return {
    me: () => call((c) => c.app.me()),
    people: () => call((c) => c.app.people()),
    playbooks: () => call((c) => c.app.playbooks()),
    journey: (teacherId) => call((c) => Effect.map(c.journeys.load({ params: { teacherId } }), (v) => readOf(teacherId, v.version, v.events))),
    execute: (teacherId, command, commandId) =>
      call((c) =>
        Effect.map(c.journeys.execute({ params: { teacherId }, payload: { commandId, command } }), (x) => ({
          ...readOf(teacherId, x.version, x.view),
          advisories: x.advisories
        }))
      ),
    checkStep: (text) => call((c) => c.app.checkStep({ payload: { text } })),
    script: (teacherId, cycleId) => call((c) => c.app.script({ params: { teacherId, cycleId }, query: {} })),
    caseload: (coachId) => call((c) => c.app.caseload({ query: { coachId } })) as Promise<any>,
    fidelity: () => call((c) => c.app.fidelity()),
    caseloads: () => call((c) => c.app.caseload({ query: {} })) as Promise<any>,
    cohorts: () => call((c) => c.app.cohorts())
  }
}
