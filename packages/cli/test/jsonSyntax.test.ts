/**
 * The syntax locator: it finds an error exactly when `JSON.parse` fails, points at the place,
 * and survives inputs `JSON.parse`'s messages do not locate (and 100 000 levels of nesting).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { locateSyntaxError, positionOf } from "../src/internal/jsonSyntax.js"
import { RUNS } from "./support/fixtures.js"

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** JSON texts with one character inserted, deleted or replaced. */
const damaged = fc
  .tuple(fc.json({ maxDepth: 4 }), fc.nat(), fc.constantFrom("insert", "delete", "replace"), fc.constantFrom(..."{}[],:\"\\ 0-.eE+tfnux\n\t\u0001"))
  .map(([text, at, how, ch]) => {
    const i = text.length === 0 ? 0 : at % text.length
    return how === "insert" ? text.slice(0, i) + ch + text.slice(i) : how === "delete" ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i + 1)
  })

describe("locateSyntaxError", () => {
  it("reports a problem exactly when JSON.parse fails", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 4 }), damaged, fc.string({ maxLength: 20 })), (text) => {
        expect(locateSyntaxError(text) === undefined).toBe(parses(text))
      }),
      { numRuns: RUNS * 10 }
    )
  })

  it("points at the offending character", () => {
    expect(locateSyntaxError("{\"a\": x}")).toEqual({ offset: 6, message: "Unexpected 'x': expected a value" })
    expect(locateSyntaxError("[1, 2,]")).toEqual({ offset: 6, message: "Unexpected ']': expected a value" })
    expect(locateSyntaxError("{\"a\" 1}")).toEqual({ offset: 5, message: "Unexpected '1': expected ':' after the property name" })
    expect(locateSyntaxError("{\"a\": 1 \"b\": 2}")).toEqual({ offset: 8, message: "Unexpected '\"': expected ',' or '}'" })
    expect(locateSyntaxError("{\"a\": tru}")).toEqual({ offset: 6, message: "Unexpected 'tru': expected true" })
    expect(locateSyntaxError("{\"a\": 01}")?.offset).toBe(7)
    expect(locateSyntaxError("\"abc")).toEqual({ offset: 0, message: "Unterminated string: no closing quote (is the file truncated?)" })
    expect(locateSyntaxError("{\"a\": [1, 2")).toEqual({ offset: 11, message: "Unexpected end of input: expected ',' or ']' (is the file truncated?)" })
    expect(locateSyntaxError("{} {}")).toEqual({ offset: 3, message: "Unexpected '{' after the end of the JSON value" })
    expect(locateSyntaxError("\"a\u0001\"")?.message).toContain("control character U+0001")
    expect(locateSyntaxError("")).toEqual({ offset: 0, message: "Unexpected end of input: expected a value (is the file truncated?)" })
  })

  it("walks 100 000 levels of nesting without recursion", () => {
    const n = 100_000
    expect(locateSyntaxError("[".repeat(n) + "]".repeat(n))).toBeUndefined()
    expect(locateSyntaxError("[".repeat(n) + "]".repeat(n - 1))?.message).toContain("Unexpected end of input")
    expect(locateSyntaxError("{\"a\":".repeat(n) + "1" + "}".repeat(n))).toBeUndefined()
  })
})

describe("positionOf", () => {
  it("counts lines and columns from 1", () => {
    const text = "ab\ncd\r\nef"
    expect(positionOf(text, 0)).toEqual({ line: 1, column: 1 })
    expect(positionOf(text, 2)).toEqual({ line: 1, column: 3 })
    expect(positionOf(text, 3)).toEqual({ line: 2, column: 1 })
    expect(positionOf(text, 8)).toEqual({ line: 3, column: 2 })
  })
})
