/**
 * Round trips with arbitraries derived from the Schemas themselves (effect's own `Arbitrary`,
 * through `@effect/vitest`'s `it.prop`): decode(encode(x)) = x for every event, command and
 * export record, and strict decoding rejects any field the format does not have (no grades).
 */
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Result, Schema } from "effect"
import { Commands, Events, Export, People, Policy } from "../src/index.js"
import { RUNS } from "./support.js"

const runs = { arbitrary: { runs: RUNS } }
const roundTrip = <S extends Schema.Codec<any, any>>(schema: S, value: S["Type"]) => {
  const json = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value)))
  return Schema.decodeUnknownSync(schema)(json, { onExcessProperty: "error" })
}

describe("encode → JSON → decode is the identity", () => {
  it.prop("every journey event", [Events.JourneyEvent], ([event]) => {
    assert.deepStrictEqual(roundTrip(Events.JourneyEvent, event), event)
  }, runs)

  it.prop("every command", [Commands.Command], ([command]) => {
    assert.deepStrictEqual(roundTrip(Commands.Command, command), command)
  }, runs)

  it.prop("people and relationships", [People.Person, People.Relationship], ([person, relationship]) => {
    assert.deepStrictEqual(roundTrip(People.Person, person), person)
    assert.deepStrictEqual(roundTrip(People.Relationship, relationship), relationship)
  }, runs)

  it.prop("NDJSON lines", [Export.NdjsonLine], ([line]) => {
    assert.deepStrictEqual(roundTrip(Export.NdjsonLine, line), line)
  }, runs)

  // A policy's fields are ordered (min ≤ recommended ≤ max), so generate three sorted numbers.
  const sorted = (max: number) =>
    Arbitrary.all([0, 1, 2].map(() => Arbitrary.schema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: max })))))).pipe(
      Arbitrary.map((ns) => [...ns].sort((a, b) => a - b) as [number, number, number])
    )
  const policies = Arbitrary.all([sorted(3660), sorted(1000)]).pipe(
    Arbitrary.map(([[minDays, recommendedMaxDays, maxDays], [minReps, targetMin, targetMax]]) => ({
      followUp: { minDays, recommendedMaxDays, maxDays },
      rehearsal: { minReps, targetMin, targetMax }
    }))
  )
  it.prop("a policy that decodes re-encodes to itself", [policies], ([policy]) => {
    assert.deepStrictEqual(roundTrip(Policy.Policy, policy), policy)
  }, runs)
})

describe("no grades: strict decoding rejects any field the format does not define", () => {
  const smuggled = ["grade", "rating", "judgement", "score", "outstanding"]
  it.prop("an event with an extra field is refused, naming the field", [Events.JourneyEvent], ([event]) => {
    for (const key of smuggled) {
      const encoded = { ...Events.encode(event), [key]: 3 }
      const result = Schema.decodeUnknownResult(Events.JourneyEvent)(encoded, { onExcessProperty: "error" })
      assert.isTrue(Result.isFailure(result))
      assert.include(String(Result.isFailure(result) && result.failure.message), key)
    }
  }, runs)
})
