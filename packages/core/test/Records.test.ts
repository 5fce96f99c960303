/**
 * The one table of record kinds (`Records`): the NDJSON tags are exactly the five kinds, in
 * export order, and nothing else reads as a kind — not a document key, not an internal kind, not
 * an inherited property name, and not a non-string value that JavaScript would turn into a kind's
 * name (an NDJSON line's `_tag` is untrusted input: the CLI files a line under the kind it names).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Records } from "../src/index.js"
import { RUNS } from "./support.js"

describe("Records: the kinds", () => {
  it("the kinds are the five NDJSON tags, in export order, each with its document key; the record kinds are those less journeys", () => {
    expect(Records.kinds).toEqual(["person", "cohort", "relationship", "playbook", "journey"])
    expect(Records.kinds.map((kind) => Records.table[kind].key)).toEqual(["people", "cohorts", "relationships", "playbooks", "journeys"])
    expect(Records.recordKinds).toEqual(Records.kinds.filter((kind) => kind !== "journey"))
    for (const kind of Records.internalKinds) expect(Records.kinds).not.toContain(kind)
  })

  it("isKind is true for exactly the five kinds: any other string or any non-string is not a kind", () => {
    for (const kind of Records.kinds) expect({ kind, isKind: Records.isKind(kind) }).toEqual({ kind, isKind: true })
    const strings = ["", "people", "journeys", "header", "Person", "person ", "token", "command", "toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]
    for (const tag of strings) expect({ tag, isKind: Records.isKind(tag) }).toEqual({ tag, isKind: false })
    // values a property lookup would turn into "person": still not the tag "person"
    const coerced: ReadonlyArray<unknown> = [["person"], { toString: () => "person" }, [["journey"]], new String("cohort")]
    for (const tag of coerced) expect(Records.isKind(tag), String(tag)).toBe(false)
    for (const tag of [undefined, null, 0, 1, true, {}, []]) expect(Records.isKind(tag), String(tag)).toBe(false)
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...Records.kinds)), (tag) => {
        expect(Records.isKind(tag)).toBe((Records.kinds as ReadonlyArray<string>).includes(tag))
      }),
      { numRuns: RUNS }
    )
  })

  it("a stored relationship is indexed under its coach and its teacher; no other kind refers to people", () => {
    const relationship = { id: "r1", coachId: "c1", teacherId: "t1", style: "balanced", status: "active", since: "2026-01-05" } as never
    expect(Records.table.relationship.refs(relationship)).toEqual(["c1", "t1"])
    const others = { person: Records.table.person, cohort: Records.table.cohort, playbook: Records.table.playbook, journey: Records.table.journey }
    for (const [kind, entry] of Object.entries(others)) expect({ kind, refs: entry.refs({} as never) }).toEqual({ kind, refs: [] })
  })
})
