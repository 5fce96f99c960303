/**
 * The second look at parsed JSON (`internal/jsonScan.ts`): duplicate keys and rounded numbers
 * found at their path, line and column; the line and column of any JSON path; and the quick
 * key count the fast paths compare with the guard's.
 */
import { Export } from "@coaching/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { countKeys, parsePath, readsExactly, scan } from "../src/internal/jsonScan.js"
import { RUNS } from "./support/fixtures.js"

const bytes = (text: string) => Buffer.from(text, "utf8")

/** Every path of a JSON value (core's notation), with the text its position must start with. */
const pathsOf = (value: unknown, path: Array<string | number> = []): Array<[string, string]> => {
  const here: Array<[string, string]> = []
  if (Array.isArray(value)) value.forEach((v, i) => here.push([Export.pathOf([...path, i]), JSON.stringify(v)[0]!], ...pathsOf(v, [...path, i])))
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) here.push([Export.pathOf([...path, k]), JSON.stringify(k)], ...pathsOf(v, [...path, k]))
  }
  return here
}

/** The text at a 1-based line and column (columns in UTF-16 units). */
const at = (text: string, line: number, column: number): string => text.split("\n")[line - 1]!.slice(column - 1)

describe("scan", () => {
  it("finds a duplicate key at its path, line and column (the second one), at any depth", () => {
    const text = "{\n  \"a\": 1,\n  \"b\": [\n    { \"c\": 1, \"c\": 2 }\n  ],\n  \"a\": 3\n}"
    expect(scan(bytes(text)).problems.map(({ code, column, line, path }) => ({ code, path, line, column }))).toEqual([
      { code: "JSON_DUPLICATE_KEY", path: "$.b[0].c", line: 4, column: 15 },
      { code: "JSON_DUPLICATE_KEY", path: "$.a", line: 6, column: 3 }
    ])
    // Escaped keys are the same key once decoded.
    expect(scan(bytes("{\"ab\":1,\"a\\u0062\":2}")).problems.map((p) => p.path)).toEqual(["$.ab"])
  })

  it("finds numbers JSON.parse rounds, and leaves the others", () => {
    const text = "[600.00000000000000001, 1e-400, 0.1, 600, 1e21, 0.30000000000000004, 12345678901234567890, 1e400]"
    expect(scan(bytes(text)).problems.map((p) => p.message)).toEqual([
      "The number 600.00000000000000001 is not held exactly: it reads as 600. Write it with at most 17 significant digits.",
      "The number 1e-400 is not held exactly: it reads as 0. Write it with at most 17 significant digits.",
      "The number 12345678901234567890 is not held exactly: it reads as 12345678901234567000. Write it with at most 17 significant digits."
    ])
  })

  it("any number JavaScript writes reads exactly; more digits than a double holds never do", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 9 }), (x, digit) => {
        const written = JSON.stringify(x)
        expect(readsExactly(written)).toBe(true)
        // Past 17 significant digits (a zero has none: 0.000…01 is just a small number).
        if (!/e/.test(written) && x !== 0) expect(readsExactly(`${written}${written.includes(".") ? "" : "."}${"0".repeat(20)}${digit}`)).toBe(false)
      }),
      { numRuns: RUNS }
    )
  })

  it("locates every path of any JSON value, compact or pretty, and finds no problem in what JSON.stringify writes", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent)
        const paths = pathsOf(value)
        const { positions, problems } = scan(bytes(text), [...paths.map(([p]) => p), "$"])
        expect(problems).toEqual([])
        expect(positions.get("$")).toEqual({ line: 1, column: 1 })
        for (const [path, start] of paths) {
          const position = positions.get(path)!
          expect({ path, text: at(text, position.line, position.column).slice(0, start.length) }).toEqual({ path, text: start })
        }
      }),
      { numRuns: RUNS }
    )
  })

  it("a key repeated anywhere in any JSON object is found at its path", () => {
    const objects = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 5 })
    fc.assert(
      fc.property(objects, fc.nat(), fc.jsonValue({ maxDepth: 1 }), fc.boolean(), (object, which, extra, pretty) => {
        const keys = Object.keys(object)
        const key = keys[which % keys.length]!
        const inner = JSON.stringify(object, null, pretty ? 2 : undefined)
        // `{"outer": {<members>, "<key>": <extra>}}`
        const text = `{"outer": ${inner.slice(0, -1)}${inner.length > 2 ? "," : ""} ${JSON.stringify(key)}: ${JSON.stringify(extra)}}}`
        expect(JSON.parse(text)).toBeTruthy()
        expect(scan(bytes(text)).problems.map((p) => [p.code, p.path])).toEqual([["JSON_DUPLICATE_KEY", Export.pathOf(["outer", key])]])
      }),
      { numRuns: RUNS }
    )
  })

  it("a missing field points at its object; a repeated key's value is the one JSON.parse keeps", () => {
    const text = "{\n  \"people\": [\n    {\n      \"name\": \"A\",\n      \"name\": \"\"\n    }\n  ]\n}"
    const { positions } = scan(bytes(text), ["$.people[0].id", "$.people[0].name", "$.nothing.here"])
    expect(positions.get("$.people[0].id")).toEqual({ line: 3, column: 5 })
    expect(positions.get("$.people[0].name")).toEqual({ line: 5, column: 7 })
    expect(positions.get("$.nothing.here")).toEqual({ line: 1, column: 1 })
  })

  it("columns count UTF-16 units, as the rest of the CLI does", () => {
    const text = "{\"é😀\": 1, \"k\": 2}"
    expect(scan(bytes(text), ["$.k"]).positions.get("$.k")).toEqual({ line: 1, column: text.indexOf("\"k\"") + 1 })
  })

  it("does not recurse: 100 000 nested arrays", () => {
    const deep = `${"[".repeat(100_000)}1.00000000000000000001${"]".repeat(100_000)}`
    expect(scan(bytes(deep)).problems.map((p) => p.code)).toEqual(["JSON_INEXACT_NUMBER"])
  })
})

describe("parsePath", () => {
  it("reads core's paths back", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.nat())), (segments) => {
        expect(parsePath(Export.pathOf(segments))).toEqual(segments)
      }),
      { numRuns: RUNS }
    )
  })
})

describe("countKeys", () => {
  it("counts the keys of any JSON text, or asks for a closer look at a long or exponent number", () => {
    const keys = (value: unknown): number =>
      Array.isArray(value)
        ? value.reduce((n: number, v) => n + keys(v), 0)
        : typeof value === "object" && value !== null
        ? Object.values(value).reduce((n: number, v) => n + 1 + keys(v), 0)
        : 0
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined)
        const counted = countKeys(bytes(text))
        if (/[0-9.+-]{16}|[0-9][eE]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, "\"\""))) expect(counted).toBe(-1)
        else expect(counted).toBe(keys(value))
      }),
      { numRuns: RUNS }
    )
    expect(countKeys(bytes("{\"a\":1,\"a\":2}"))).toBe(2)
    expect(countKeys(bytes("{\"t\":true,\"f\":false,\"e\":\"1e5\"}"))).toBe(3)
    expect(countKeys(bytes("[1e5]"))).toBe(-1)
    expect(countKeys(bytes("[1234567890123456]"))).toBe(-1)
  })
})
