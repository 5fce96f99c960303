/**
 * The compiled acceptance guard must be sound — `true` only for values the Schema decodes —
 * and, to be worth having, say `true` for valid exports. Validating through the CLI must give
 * core's verdict. (Core's own calendar checks are tested in packages/core/test/Time.test.ts.)
 */
import { Export, Time } from "@coaching/core"
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { compile } from "../src/internal/guard.js"
import { accepts } from "../src/internal/guards.js"
import { validateBytes } from "../src/Validate.js"
import { asCore, EXPORT_RUNS, ndjsonText, plain, RUNS } from "./support/fixtures.js"

const strict = { onExcessProperty: "error" } as const
const decodesDocument = (u: unknown) => Result.isSuccess(Schema.decodeUnknownResult(Export.ExportDocument)(u, strict))
const decodesLine = (u: unknown) => Result.isSuccess(Schema.decodeUnknownResult(Export.NdjsonLine)(u, strict))

/** Junk a mutation may put anywhere: wrong types, edge numbers, blank text, bad dates, nesting. */
const junk = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -0, 1, -1, 0.5, 601, 1e400, -1e400, 2 ** 53, "", " ", "\t\n", "x", "2026-02-30", "2026-02-29T10:00:00.000Z",
    "2028-02-29T10:00:00.000Z", "2026-13-01", "2026-09-07T24:00:00.000Z", "2026-09-07T09:00:00Z", "teacher", "coach", "secured", "header", [], {}, [[[]]],
    { _tag: "person" }, ["teacher"], "a".repeat(501), "t-1", "c-grace"),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 })
)

type Path = Array<string | number>
const paths = (value: unknown, prefix: Path = [], out: Array<Path> = []): Array<Path> => {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out))
  else if (typeof value === "object" && value !== null) Object.entries(value).forEach(([k, v]) => paths(v, [...prefix, k], out))
  return out
}

/** A copy of `root` with one change at `path`: replace, delete, or add an unknown field. */
const mutate = (root: unknown, path: Path, how: "replace" | "delete" | "add", value: unknown): unknown => {
  const copy = structuredClone(root) as any
  if (path.length === 0) return how === "replace" ? value : copy
  const parent = path.slice(0, -1).reduce((node: any, key) => node[key], copy)
  const key = path[path.length - 1]!
  if (how === "replace") parent[key] = value
  else if (how === "delete") Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]
  else if (typeof parent[key] === "object" && parent[key] !== null && !Array.isArray(parent[key])) parent[key]["unexpected"] = value
  else parent[key] = value
  return copy
}

const valid = plain(2, 2)
const validPaths = paths(valid)
const lines = ndjsonText(2, 1).trimEnd().split("\n").map((l) => JSON.parse(l))

describe("acceptance guard", () => {
  const guard = accepts()

  it("accepts the valid fixtures (document and every NDJSON line)", () => {
    expect(guard.document(valid)).toBe(true)
    for (const line of lines) expect(guard.line(line)).toBe(true)
  })

  it("is sound on mutated documents: true only where the Schema decodes", () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.constantFrom(...validPaths), fc.constantFrom("replace", "delete", "add"), junk, (path, how, value) => {
        const mutated = mutate(valid, path, how as "replace", value)
        if (guard.document(mutated)) {
          accepted++
          expect(decodesDocument(mutated)).toBe(true)
        }
      }),
      { numRuns: EXPORT_RUNS }
    )
    // Some mutations keep the document valid (a name replaced by another line, a field added to
    // nothing): without them this property would only ever see `false`.
    expect(accepted).toBeGreaterThan(0)
  })

  it("is sound on mutated NDJSON lines", () => {
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.constantFrom("replace", "delete", "add"), junk, fc.nat(), (line, how, value, pick) => {
        const all = paths(line)
        const mutated = mutate(line, all[pick % all.length]!, how as "replace", value)
        if (guard.line(mutated)) expect(decodesLine(mutated)).toBe(true)
      }),
      { numRuns: RUNS * 5 }
    )
  })

  it("agrees with the Schema on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(guard.document(value)).toBe(false)
        if (guard.line(value)) expect(decodesLine(value)).toBe(true)
      }),
      { numRuns: RUNS }
    )
  })

  it("compiles unknown AST nodes to false (sound by default)", () => {
    const declared = Schema.Struct({ when: Schema.Date })
    expect(compile(declared)({ when: new Date() })).toBe(false)
    expect(compile(Schema.Struct({ n: Schema.Number }))({ n: 1 })).toBe(true)
  })
})

describe("the CLI's verdict is core's verdict", () => {
  it("on mutated documents, validateBytes reports what Export.validate reports", () => {
    fc.assert(
      fc.property(fc.constantFrom(...validPaths), fc.constantFrom("replace", "delete", "add"), junk, (path, how, value) => {
        const mutated = mutate(valid, path, how as "replace", value)
        const text = JSON.stringify(mutated)
        if (text === undefined) return
        const ours = validateBytes(Buffer.from(text), { input: "json" })
        const core = Export.validate(JSON.parse(text))
        expect(asCore(ours.violations)).toEqual(core.violations)
      }),
      { numRuns: EXPORT_RUNS / 5 }
    )
  })
})
