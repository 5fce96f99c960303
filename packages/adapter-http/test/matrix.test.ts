/**
 * The authorisation matrix (OWASP API1, broken object-level authorisation): every role × every
 * endpoint × own / another's resource, against a real server. For each cell it asserts the
 * status, that no body ever carries anything of a record the principal may not read (markers
 * planted in the journeys), that a denied read answers exactly as a read of something that does
 * not exist, and that a denied write changes nothing.
 */
import { Server } from "@coaching/adapter-http"
import { Access, Granularity, Journeys, Memory, type People, Playbook, Store } from "@coaching/core"
import { Effect, Exit, Layer, Option, Scope } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

// t-own is coached by c-with; t-other by c-other. Every other principal is a stranger to t-other.
const ids = { tOwn: "t-own", tOther: "t-other", cWith: "c-with", cWithout: "c-without", cOther: "c-other", lead: "l-lead", admin: "a-admin" }
const people: ReadonlyArray<People.Person> = [
  { id: ids.tOwn, name: "Owen Own", roles: ["teacher"] },
  { id: ids.tOther, name: "Olive Other", roles: ["teacher"] },
  { id: ids.cWith, name: "Carla With", roles: ["coach"], areas: ["questioning"] },
  { id: ids.cWithout, name: "Colin Without", roles: ["coach"], areas: ["questioning"] },
  { id: ids.cOther, name: "Cora Other", roles: ["coach"], areas: ["questioning"] },
  { id: ids.lead, name: "Lena Lead", roles: ["lead"] },
  { id: ids.admin, name: "Adam Admin", roles: ["admin"] }
] as never
const relationship = (coachId: string, teacherId: string): People.Relationship => ({
  id: `rel-${coachId}-${teacherId}`,
  coachId,
  teacherId,
  style: "directive",
  status: "active",
  since: "2025-09-01"
}) as never
const relationships = [relationship(ids.cWith, ids.tOwn), relationship(ids.cOther, ids.tOther)]

// What each journey holds that only its teacher and their coach may read.
const OTHER_SECRETS = ["SECRET-OTHER-NOTES", "SECRET-OTHER-REFLECTION"]
const OWN_SECRETS = ["SECRET-OWN-NOTES", "SECRET-OWN-REFLECTION"]

type Role = "teacher" | "coachWith" | "coachWithout" | "lead" | "admin" | "anonymous"
const roles: ReadonlyArray<Role> = ["teacher", "coachWith", "coachWithout", "lead", "admin", "anonymous"]
const principals: Record<Exclude<Role, "anonymous">, Access.Principal> = {
  teacher: Access.principal("teacher", ids.tOwn),
  coachWith: Access.principal("coach", ids.cWith),
  coachWithout: Access.principal("coach", ids.cWithout),
  lead: Access.principal("lead", ids.lead),
  admin: Access.principal("admin", ids.admin)
}
const tokenOf = (role: Role) => (role === "anonymous" ? undefined : `token-${role}`)

/** Whose resource a request is about: own (t-own, c-with, their relationship) or another's (t-other, …), or a ghost. */
type Target = "own" | "other" | "ghost"
const teacherOf = (t: Target) => (t === "own" ? ids.tOwn : t === "other" ? ids.tOther : "t-ghost")
const coachOf = (t: Target) => (t === "own" ? ids.cWith : t === "other" ? ids.cOther : "c-ghost")
const relOf = (t: Target) => (t === "own" ? `rel-${ids.cWith}-${ids.tOwn}` : t === "other" ? `rel-${ids.cOther}-${ids.tOther}` : "rel-ghost")

let counter = 0
const fresh = (prefix: string) => `${prefix}-${++counter}`

interface Request {
  readonly method: "GET" | "POST" | "PUT"
  readonly path: string
  readonly body?: unknown
}

/** Every endpoint, as a request about a target made by a role; `write` marks the ones that change state. */
const endpoints: ReadonlyArray<{ readonly name: string; readonly write?: boolean; readonly perTarget: boolean; readonly request: (role: Role, t: Target) => Request }> = [
  { name: "GET /journeys/:teacherId", perTarget: true, request: (_r, t) => ({ method: "GET", path: `/journeys/${teacherOf(t)}` }) },
  {
    name: "POST /journeys/:teacherId/commands",
    write: true,
    perTarget: true,
    request: (role, t) => {
      const by = role === "anonymous" ? ids.tOwn : principals[role].personId
      const command = role === "teacher"
        ? { _tag: "AddReflection", by, reflection: { id: fresh("refl"), text: "A note of mine." } }
        : { _tag: "RecordVisit", cycleId: t === "own" ? "cycle-own" : "cycle-other", by, visit: { id: fresh("visit"), minutes: 10, context: "Year 7", evidence: ["Waited three seconds."], strengths: [], candidates: [] } }
      return { method: "POST", path: `/journeys/${teacherOf(t)}/commands`, body: { commandId: fresh("cmd"), command } }
    }
  },
  { name: "GET /journeys?teacherId", perTarget: true, request: (_r, t) => ({ method: "GET", path: `/journeys?teacherId=${teacherOf(t)}` }) },
  { name: "GET /records/person/:id", perTarget: true, request: (_r, t) => ({ method: "GET", path: `/records/person/${teacherOf(t)}` }) },
  {
    name: "PUT /records/person/:id",
    write: true,
    perTarget: true,
    request: (_r, t) => ({ method: "PUT", path: `/records/person/${teacherOf(t)}`, body: { record: { id: teacherOf(t), name: "Renamed", roles: ["teacher"] } } })
  },
  { name: "GET /records/relationship/:id", perTarget: true, request: (_r, t) => ({ method: "GET", path: `/records/relationship/${relOf(t)}` }) },
  { name: "GET /records/relationship?ref", perTarget: true, request: (_r, t) => ({ method: "GET", path: `/records/relationship?ref=${teacherOf(t)}` }) },
  { name: "GET /records/cohort/:id", perTarget: false, request: () => ({ method: "GET", path: "/records/cohort/co-ect" }) },
  { name: "GET /records/playbook/:id", perTarget: false, request: () => ({ method: "GET", path: "/records/playbook/pb-school" }) },
  { name: "GET /reports/caseload?coachId", perTarget: true, request: (_r, t) => ({ method: "GET", path: `/reports/caseload?coachId=${coachOf(t)}&today=2026-11-11` }) },
  { name: "GET /reports/fidelity", perTarget: false, request: () => ({ method: "GET", path: "/reports/fidelity" }) },
  { name: "GET /reports/cohort", perTarget: false, request: () => ({ method: "GET", path: "/reports/cohort" }) },
  { name: "GET /store/streams/:streamId", perTarget: true, request: (_r, t) => ({ method: "GET", path: `/store/streams/journey-${teacherOf(t)}` }) },
  { name: "POST /granularity/check", perTarget: false, request: () => ({ method: "POST", path: "/granularity/check", body: { text: "Pose the question, pause five seconds, then name a student." } }) },
  { name: "GET /store/export", perTarget: false, request: () => ({ method: "GET", path: "/store/export" }) },
  {
    name: "POST /store/import",
    write: true,
    perTarget: false,
    request: () => ({
      method: "POST",
      path: "/store/import",
      body: { document: { format: "coaching-export", version: 1, people: [{ id: "t-planted", name: "Planted", roles: ["teacher"] }] }, onConflict: "merge" }
    })
  }
]

/** The expected status of each cell: role → [own, other] (or one status when the endpoint has no owner). */
const expected: Record<string, Record<Role, readonly [number, number] | number>> = {
  "GET /journeys/:teacherId": { teacher: [200, 403], coachWith: [200, 403], coachWithout: [403, 403], lead: [403, 403], admin: [403, 403], anonymous: [401, 401] },
  "POST /journeys/:teacherId/commands": { teacher: [200, 403], coachWith: [200, 403], coachWithout: [403, 403], lead: [403, 403], admin: [403, 403], anonymous: [401, 401] },
  "GET /journeys?teacherId": { teacher: [200, 403], coachWith: [200, 200], coachWithout: [200, 200], lead: [403, 403], admin: [403, 403], anonymous: [401, 401] },
  "GET /records/person/:id": { teacher: [200, 403], coachWith: [403, 403], coachWithout: [403, 403], lead: [200, 200], admin: [200, 200], anonymous: [401, 401] },
  "PUT /records/person/:id": { teacher: [403, 403], coachWith: [403, 403], coachWithout: [403, 403], lead: [204, 204], admin: [204, 204], anonymous: [401, 401] },
  "GET /records/relationship/:id": { teacher: [200, 403], coachWith: [200, 403], coachWithout: [403, 403], lead: [200, 200], admin: [403, 403], anonymous: [401, 401] },
  "GET /records/relationship?ref": { teacher: [200, 403], coachWith: [403, 403], coachWithout: [403, 403], lead: [200, 200], admin: [403, 403], anonymous: [401, 401] },
  "GET /records/cohort/:id": { teacher: 403, coachWith: 403, coachWithout: 403, lead: 200, admin: 403, anonymous: 401 },
  "GET /records/playbook/:id": { teacher: 200, coachWith: 200, coachWithout: 200, lead: 200, admin: 403, anonymous: 401 },
  "GET /reports/caseload?coachId": { teacher: [403, 403], coachWith: [200, 403], coachWithout: [403, 403], lead: [403, 403], admin: [403, 403], anonymous: [401, 401] },
  "GET /reports/fidelity": { teacher: 403, coachWith: 403, coachWithout: 403, lead: 200, admin: 403, anonymous: 401 },
  "GET /reports/cohort": { teacher: 403, coachWith: 403, coachWithout: 403, lead: 200, admin: 403, anonymous: 401 },
  "GET /store/streams/:streamId": { teacher: [403, 403], coachWith: [403, 403], coachWithout: [403, 403], lead: [403, 403], admin: [403, 403], anonymous: [401, 401] },
  "POST /granularity/check": { teacher: 200, coachWith: 200, coachWithout: 200, lead: 200, admin: 200, anonymous: 401 },
  "GET /store/export": { teacher: 403, coachWith: 403, coachWithout: 403, lead: 403, admin: 403, anonymous: 401 },
  "POST /store/import": { teacher: 403, coachWith: 403, coachWithout: 403, lead: 403, admin: 403, anonymous: 401 }
}

/** Who may read each journey's own secrets (reflections: the teacher and their coach). */
const mayReadOwn = (role: Role) => role === "teacher" || role === "coachWith"

let store: Store.CoachingStoreService
let url = ""
let scope: Scope.Closeable

beforeAll(async () => {
  store = Memory.make()
  const journeys = Journeys.make(store, { checkActionStep: Granularity.acceptAll })
  await Effect.runPromise(Effect.gen(function*() {
    for (const p of people) yield* store.records("person").put(p)
    for (const r of relationships) yield* store.records("relationship").put(r)
    yield* store.records("cohort").put({ id: "co-ect", name: "Early-career teachers" } as never)
    yield* store.records("playbook").put({ ...Playbook.defaultPlaybook, id: "pb-school" } as never)
    for (const [teacherId, coachId, cycleId, secrets] of [[ids.tOwn, ids.cWith, "cycle-own", OWN_SECRETS], [ids.tOther, ids.cOther, "cycle-other", OTHER_SECRETS]] as const) {
      const coach = Access.principal("coach", coachId)
      yield* journeys.execute(coach, teacherId, { _tag: "StartCycle", cycleId, by: coachId, teacherId, coachId })
      yield* journeys.execute(coach, teacherId, {
        _tag: "RecordVisit",
        cycleId,
        by: coachId,
        visit: { id: `${cycleId}-v1`, minutes: 15, context: "Year 8", evidence: [`${secrets[0]}: took the first hand up.`], strengths: [], candidates: [] }
      })
      yield* journeys.execute(Access.principal("teacher", teacherId), teacherId, {
        _tag: "AddReflection",
        cycleId,
        by: teacherId,
        reflection: { id: `${cycleId}-r1`, text: `${secrets[1]}: I rush to the first hand.` }
      })
    }
  }))
  scope = await Effect.runPromise(Scope.make())
  const tokens = Object.fromEntries(
    (Object.keys(principals) as Array<Exclude<Role, "anonymous">>).map((role) => [tokenOf(role)!, { _tag: "Person" as const, principal: principals[role] }])
  )
  const server = await Effect.runPromise(Scope.provide(
    Server.start({ port: 0, authenticate: Server.staticTokens(tokens), checkActionStep: Granularity.acceptAll }, Layer.succeed(Store.CoachingStore, store)),
    scope
  ))
  url = server.url
})
afterAll(() => Effect.runPromise(Scope.close(scope, Exit.void)))

const send = async (role: Role, request: Request) => {
  const token = tokenOf(role)
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(request.body !== undefined ? { "content-type": "application/json" } : {})
    },
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {})
  })
  return { status: response.status, text: await response.text() }
}

/** Everything stored, as text: a denied write must leave it byte for byte. */
const snapshot = async () => {
  const streams = await Effect.runPromise(Store.listAll(store.listStreams))
  const parts: Array<string> = []
  for (const s of streams) parts.push(JSON.stringify(Option.getOrNull(await Effect.runPromise(store.readStream(s.streamId)))))
  for (const kind of Store.recordKinds) parts.push(JSON.stringify(await Effect.runPromise(Store.listAll(store.records(kind).list))))
  return parts.join("\n")
}

describe("the authorisation matrix", () => {
  const cells: Array<{ endpoint: (typeof endpoints)[number]; role: Role; target: Target; status: number }> = []
  for (const endpoint of endpoints) {
    for (const role of roles) {
      const want = expected[endpoint.name]![role]
      if (endpoint.perTarget) {
        const [own, other] = want as readonly [number, number]
        cells.push({ endpoint, role, target: "own", status: own }, { endpoint, role, target: "other", status: other })
      } else {
        cells.push({ endpoint, role, target: "own", status: want as number })
      }
    }
  }

  it(`covers every endpoint × role × own/another's (${cells.length} cells)`, async () => {
    const failures: Array<string> = []
    for (const cell of cells) {
      const request = cell.endpoint.request(cell.role, cell.target)
      const before = cell.status >= 400 && cell.endpoint.write ? await snapshot() : undefined
      const response = await send(cell.role, request)
      const where = `${cell.endpoint.name} as ${cell.role} on ${cell.target}'s`
      if (response.status !== cell.status) failures.push(`${where}: status ${response.status}, expected ${cell.status}: ${response.text.slice(0, 200)}`)
      // nothing of another's record, ever; the own journey's secrets only to its teacher and coach
      for (const secret of [...OTHER_SECRETS, ...(mayReadOwn(cell.role) ? [] : OWN_SECRETS)]) {
        if (response.text.includes(secret)) failures.push(`${where}: the body holds ${secret}`)
      }
      // every error is JSON with a stable code and a path
      if (response.status >= 400) {
        const body = JSON.parse(response.text) as { code?: unknown; path?: unknown }
        if (typeof body.code !== "string" || typeof body.path !== "string") failures.push(`${where}: error body without code/path: ${response.text}`)
      }
      // a denied write changes nothing
      if (before !== undefined && (await snapshot()) !== before) failures.push(`${where}: a refused write changed the store`)
      // a denied read of another's resource answers as a read of one that does not exist
      if (cell.status === 403 && cell.target === "other" && request.method === "GET") {
        const ghost = await send(cell.role, cell.endpoint.request(cell.role, "ghost"))
        const norm = (text: string) =>
          [relOf("other"), relOf("ghost"), teacherOf("other"), teacherOf("ghost"), coachOf("other"), coachOf("ghost")]
            .reduce((acc, id) => acc.replaceAll(id, "X"), text)
        if (ghost.status !== response.status || norm(ghost.text) !== norm(response.text)) {
          failures.push(`${where}: a denied read differs from a read of nothing: ${response.status} ${response.text} vs ${ghost.status} ${ghost.text}`)
        }
      }
    }
    expect(failures).toEqual([])
  }, 300_000)
})
