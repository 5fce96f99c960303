/**
 * The backend over HTTP (provisional: plain fetch against the wire contract until the generated
 * client of @coaching/adapter-http is wired in).
 */
import { Cycle, type Events } from "@coaching/core"
import { ApiError, type Backend, ConnectionLost, type JourneyRead } from "./backend.js"

/** A demo sign-in the `npm start` server offers (only when it runs the demo school). */
export interface DemoSignIn {
  readonly name: string
  readonly role: string
  readonly about: string
  readonly token: string
}

const call = async <A>(token: string | undefined, method: string, path: string, body?: unknown): Promise<A> => {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {})
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {})
    })
  } catch {
    throw new ConnectionLost()
  }
  const text = await response.text()
  let json: any
  try {
    json = text === "" ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.code ?? `HTTP_${response.status}`, json?.path ?? path, json?.message ?? `The server answered ${response.status}.`)
  }
  return json as A
}

const readOf = (teacherId: string, version: number, stored: ReadonlyArray<{ readonly event: Events.JourneyEvent }>): JourneyRead => {
  const events = stored.map((s) => s.event)
  return { teacherId, version, events, journey: Cycle.replay(events) }
}

/** The demo school's sign-ins, or none. */
export const demoSignIns = (): Promise<ReadonlyArray<DemoSignIn>> => call<ReadonlyArray<DemoSignIn>>(undefined, "GET", "/demo/sign-ins")

/** A backend for one token. */
export const makeBackend = (token: string): Backend => ({
  me: () => call(token, "GET", "/me"),
  people: () => call(token, "GET", "/people"),
  playbooks: () => call(token, "GET", "/playbooks"),
  journey: async (teacherId) => {
    const v = await call<{ version: number; events: ReadonlyArray<{ event: Events.JourneyEvent }> }>(token, "GET", `/journeys/${encodeURIComponent(teacherId)}`)
    return readOf(teacherId, v.version, v.events)
  },
  execute: async (teacherId, command, commandId) => {
    const x = await call<{ version: number; advisories: ReadonlyArray<{ code: string; message: string }>; view: ReadonlyArray<{ event: Events.JourneyEvent }> }>(
      token, "POST", `/journeys/${encodeURIComponent(teacherId)}/commands`, { commandId, command })
    return { ...readOf(teacherId, x.version, x.view), advisories: x.advisories }
  },
  checkStep: (text) => call(token, "POST", "/granularity/check", { text }),
  script: (teacherId, cycleId) => call(token, "GET", `/journeys/${encodeURIComponent(teacherId)}/cycles/${encodeURIComponent(cycleId)}/script`),
  caseload: (coachId) => call(token, "GET", `/reports/caseload?coachId=${encodeURIComponent(coachId)}`),
  fidelity: () => call(token, "GET", "/reports/fidelity"),
  caseloads: () => call(token, "GET", "/reports/caseload"),
  cohorts: () => call(token, "GET", "/reports/cohort")
})
