// The app routes (who am I, people, playbooks, the granularity check, scripts, reports) over the
// demo school: each answers through core's rights, and the denials are tested as well as the answers.
import { MemoryStore } from "@coaching/adapter-memory"
import { Access, DemoSchool, Export, Store, Transfer } from "@coaching/core"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serverForTests } from "./support.js"

const tokens = {
  grace: { _tag: "Person", principal: Access.principal("coach", "c-grace") },
  ravi: { _tag: "Person", principal: Access.principal("coach", "c-ravi") },
  ada: { _tag: "Person", principal: Access.principal("teacher", "t-ada") },
  alan: { _tag: "Person", principal: Access.principal("teacher", "t-alan") },
  mary: { _tag: "Person", principal: Access.principal("lead", "l-mary") },
  ghost: { _tag: "Person", principal: Access.principal("coach", "c-nobody") },
  maryAsCoach: { _tag: "Person", principal: Access.principal("coach", "l-mary") }
} as const

const school = DemoSchool.school()
const seeded = Layer.effect(
  Store.CoachingStore,
  Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    yield* Transfer.importDocument(store, JSON.parse(Export.encode(school.document)))
    return store
  })
).pipe(Layer.provide(MemoryStore.layer))

let server: Awaited<ReturnType<typeof serverForTests>>
beforeAll(async () => {
  server = await serverForTests(seeded, tokens)
})
afterAll(() => server.close())

const get = async (token: keyof typeof tokens, path: string, init: { method?: string; body?: unknown } = {}) => {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {})
  })
  const text = await response.text()
  return { status: response.status, text, json: JSON.parse(text) as any }
}

const teacherIds = school.document.people.filter((p) => p.roles.includes("teacher")).map((p) => p.id)

describe("the app routes", () => {
  it("/me names the person behind the token, and refuses one who is not registered in that role", async () => {
    expect((await get("grace", "/me")).json).toEqual({ personId: "c-grace", role: "coach", name: "Grace" })
    expect((await get("ada", "/me")).json).toEqual({ personId: "t-ada", role: "teacher", name: "Ada" })
    for (const t of ["ghost", "maryAsCoach"] as const) {
      const r = await get(t, "/me")
      expect(r.status).toBe(403)
      expect(r.json.code).toBe("ACCESS_DENIED")
    }
  })

  it("/people and /playbooks answer every registered person", async () => {
    const people = await get("ada", "/people")
    expect(people.status).toBe(200)
    expect(people.json.map((p: { id: string }) => p.id)).toContain("c-grace")
    const playbooks = await get("grace", "/playbooks")
    expect(playbooks.status).toBe(200)
    expect(playbooks.json[0].strands.length).toBeGreaterThan(0)
    expect((await get("ghost", "/people")).status).toBe(403)
  })

  it("/granularity/check runs the server's checker, and refuses text over 2 000 characters", async () => {
    const broad = await get("grace", "/granularity/check", { method: "POST", body: { text: "Improve questioning." } })
    expect(broad.status).toBe(200)
    expect(broad.json.granular).toBe(false)
    expect(broad.json.findings.length).toBeGreaterThan(0)
    const fine = await get("grace", "/granularity/check", { method: "POST", body: { text: "Pose the question, pause for five seconds, then name a student to answer." } })
    expect(fine.json.granular).toBe(true)
    const long = await get("grace", "/granularity/check", { method: "POST", body: { text: "x".repeat(2_001) } })
    expect(long.status).toBe(400)
    expect(long.json.path).toBe("payload.text")
  })

  it("a cycle's script goes to its teacher and coach only; another teacher, a lead and an unknown cycle get no script", async () => {
    // Ivan's second cycle stops before the meeting: ready for a script
    const ivan = "/journeys/t-ivan/cycles/cycle-2/script?date=2026-11-12"
    const coach = await get("ravi", ivan)
    expect(coach.status, coach.text).toBe(200)
    expect(coach.json.text).toContain("Feedback meeting script: Ivan")
    expect(coach.json.html).toContain("<")
    for (const t of ["ada", "grace", "mary"] as const) {
      const r = await get(t, ivan)
      expect(r.status).toBe(403)
      expect(r.text).not.toContain("Ivan")
    }
    expect((await get("ravi", "/journeys/t-ivan/cycles/cycle-9/script")).json.code).toBe("CYCLE_NOT_FOUND")
    const practising = await get("grace", "/journeys/t-ada/cycles/cycle-3/script")
    expect(practising.status).toBe(422)
    expect(practising.json.code).toBe("CYCLE_NOT_READY")
  })

  it("reports: a lead reads aggregates with no teacher in them; a coach reads only their own caseload; a teacher none", async () => {
    for (const path of ["/reports/fidelity", "/reports/cohort", "/reports/caseload?today=2026-11-11"]) {
      const r = await get("mary", path)
      expect(r.status, r.text).toBe(200)
      for (const id of teacherIds) expect(r.text).not.toContain(`"${id}"`)
      expect(r.text).not.toContain("The pause felt long")
      for (const t of ["ada", "grace"] as const) {
        if (path.startsWith("/reports/caseload")) continue
        expect((await get(t, path)).status).toBe(403)
      }
    }
    const own = await get("grace", "/reports/caseload?coachId=c-grace&today=2026-11-11")
    expect(own.status).toBe(200)
    expect(own.json.view).toBe("coach")
    expect(own.json.teachers.map((t: { teacherId: string }) => t.teacherId)).toContain("t-ada")
    expect((await get("grace", "/reports/caseload?coachId=c-ravi")).status).toBe(403)
    expect((await get("ada", "/reports/caseload")).status).toBe(403)
    expect((await get("grace", "/reports/caseload?today=someday")).json.code).toBe("INVALID_QUERY")
  })

  it("a report request that will be refused reads nothing of the store: rights come first", async () => {
    let reads = 0
    const counted = Layer.effect(
      Store.CoachingStore,
      Effect.gen(function*() {
        const seededStore = yield* Store.CoachingStore
        const p = seededStore.primitives
        return Store.make({ ...p, listStreams: (filter) => Effect.suspend(() => (reads++, p.listStreams(filter))) })
      })
    ).pipe(Layer.provide(seeded))
    const counting = await serverForTests(counted, tokens)
    try {
      const ask = (token: keyof typeof tokens, path: string) =>
        fetch(`${counting.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)
      expect(await ask("ada", "/reports/fidelity")).toBe(403)
      expect(await ask("grace", "/reports/cohort")).toBe(403)
      expect(await ask("grace", "/reports/caseload?coachId=c-ravi")).toBe(403)
      expect(await ask("ada", "/reports/caseload")).toBe(403)
      expect(reads).toBe(0)
      // and an allowed one does read it
      expect(await ask("mary", "/reports/fidelity")).toBe(200)
      expect(reads).toBeGreaterThan(0)
    } finally {
      await counting.close()
    }
  })
})
