/**
 * The demo school the web UI starts with: core's `DemoSchool` (four coaches, sixteen teachers, a
 * lead and a term of cycles), plus Kit, a new teacher of Grace's with no cycle yet, so a coach
 * can walk a whole cycle from the first visit. Imported once, into an empty store.
 */
import { DemoSchool, Export, type Ids, Store, Transfer } from "@coaching/core"
import { Effect } from "effect"

/** The people the sign-in page offers, and what each shows. */
export const demoPeople = [
  { personId: "c-grace", role: "coach", about: "a coach with six teachers; Kit is new" },
  { personId: "t-kit", role: "teacher", about: "new this week: no cycle yet" },
  { personId: "t-ada", role: "teacher", about: "three cycles with Grace" },
  { personId: "l-mary", role: "lead", about: "reads the school's reports (aggregates only)" }
] as const

/** The demo school's export document (as JSON), with Kit added (relationship from `today`). */
export const demoDocument = (today: string): unknown => {
  const encoded = JSON.parse(Export.encode(DemoSchool.school().document)) as {
    people: Array<unknown>
    relationships: Array<unknown>
  }
  encoded.people.push({ id: "t-kit", name: "Kit", roles: ["teacher"] })
  encoded.relationships.push({ id: "rel-c-grace-t-kit", coachId: "c-grace", teacherId: "t-kit", style: "directive", status: "active", since: today })
  return encoded
}

/** Imports the demo school when the store holds no people yet; says whether it did. */
export const seedIfEmpty = (today: string) =>
  Effect.gen(function*() {
    const store = yield* Store.CoachingStore
    const people = yield* store.records("person").list({ limit: 1 })
    if (people.items.length > 0) return false
    yield* Transfer.importDocument(store, demoDocument(today))
    return true
  })

/** A person id, branded. */
export const personId = (id: string): Ids.PersonId => id as Ids.PersonId
