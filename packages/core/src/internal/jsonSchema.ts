/**
 * A faithful JSON Schema (draft 2020-12) of a Schema's wire form, for `Export.jsonSchema()`.
 *
 * Why not effect's `Schema.toJsonSchemaDocument`: in effect 4.1 it drops a `pattern` whose
 * RegExp lacks the `u` flag (all of core's id, date and timestamp patterns) and writes
 * `additionalProperties: true`, while the validator rejects unknown fields. This walk of the
 * same AST keeps both. What JSON Schema cannot say is named in a `$comment` where it applies
 * (a real calendar date, policy ordering, …); only the validator checks it.
 *
 * Every validator must read the result alike (ajv, Python's `jsonschema`, …), so a check may
 * carry its own JSON Schema form under the `portable` annotation key: core's patterns use it to
 * avoid `$` (Python, Java and .NET let it match before a final newline) and `\d`, `\s`
 * (Unicode-wide in some engines). Lengths count code points, as JSON Schema does.
 */
import type { Schema } from "effect"
import { SchemaAST } from "effect"

/** A JSON Schema node. */
export type Node = { [key: string]: unknown }

/** The phrase every `$comment` starts with, naming who checks what the schema cannot. */
const checkedBy = "Also checked by the validator (Export.validate, coaching validate)"

/**
 * The annotation key under which a check gives its own JSON Schema keywords, written so that
 * every draft 2020-12 validator reads them the same way (the walker uses them as they are).
 */
export const portable = "coaching/jsonSchema"

/**
 * The portable JSON Schema of `^[first][allowed]{0,maxLength-1}$`: the first character by a
 * pattern anchored at the start only, every other one by a `not` of the characters outside
 * `allowed` (a search, read the same everywhere), and the length; no `$` anchor.
 */
export const slug = (first: string, allowed: string, maxLength: number): Node => ({
  pattern: `^[${first}]`,
  not: { pattern: `[^${allowed}]` },
  maxLength
})

const flatten = (checks: ReadonlyArray<SchemaAST.Check<any>>): Array<SchemaAST.Filter<any>> =>
  checks.flatMap((c) => (c._tag === "FilterGroup" ? flatten(c.checks) : [c]))

/** Adds a keyword, moving a second value for the same keyword into `allOf`. */
const put = (node: Node, key: string, value: unknown): void => {
  if (!(key in node)) {
    node[key] = value
    return
  }
  const allOf = (node["allOf"] as Array<Node> | undefined) ?? []
  node["allOf"] = [...allOf, { [key]: value }]
}

const applyChecks = (ast: SchemaAST.AST, node: Node): Node => {
  const comments: Array<string> = []
  const isArray = node["type"] === "array"
  let safeInteger = false
  for (const filter of flatten(ast.checks ?? [])) {
    const rep = filter.annotations?.["representation"] as { readonly id?: string; readonly payload?: any } | undefined
    const expected = filter.annotations?.expected
    const own = filter.annotations?.[portable] as Node | undefined
    if (own !== undefined) {
      Object.entries(own).forEach(([k, v]) => put(node, k, structuredClone(v)))
      continue
    }
    switch (rep?.id) {
      case "effect/schema/isPattern":
        // JSON Schema patterns are ECMA-262 regexes without flags; only "" and "u" mean the same.
        if (rep.payload.flags === "" || rep.payload.flags === "u") put(node, "pattern", rep.payload.source)
        else comments.push(`must match /${rep.payload.source}/${rep.payload.flags}`)
        break
      case "effect/schema/isMinLength":
        // JSON Schema counts a string's length in code points; isMinLength counts UTF-16 units.
        if (isArray) put(node, "minItems", rep.payload.minLength)
        else comments.push(`must have at least ${rep.payload.minLength} UTF-16 code units`)
        break
      case "effect/schema/isMaxLength":
        if (isArray) put(node, "maxItems", rep.payload.maxLength)
        else comments.push(`must have at most ${rep.payload.maxLength} UTF-16 code units`)
        break
      case "effect/schema/isMinCodePoints":
        put(node, "minLength", rep.payload.minCodePoints)
        break
      case "effect/schema/isMaxCodePoints":
        put(node, "maxLength", rep.payload.maxCodePoints)
        break
      case "effect/schema/isBetweenCodePoints":
        put(node, "minLength", rep.payload.minimum)
        put(node, "maxLength", rep.payload.maximum)
        break
      case "effect/schema/isInt":
        // A safe integer (Number.isSafeInteger), as the validator checks it: bounded both ways.
        node["type"] = "integer"
        safeInteger = true
        break
      case "effect/schema/isBetween":
        put(node, rep.payload.exclusiveMinimum === true ? "exclusiveMinimum" : "minimum", rep.payload.minimum)
        put(node, rep.payload.exclusiveMaximum === true ? "exclusiveMaximum" : "maximum", rep.payload.maximum)
        break
      case "effect/schema/isGreaterThanOrEqualTo":
        put(node, "minimum", rep.payload.minimum)
        break
      case "effect/schema/isGreaterThan":
        put(node, "exclusiveMinimum", rep.payload.exclusiveMinimum ?? rep.payload.minimum)
        break
      case "effect/schema/isLessThanOrEqualTo":
        put(node, "maximum", rep.payload.maximum)
        break
      case "effect/schema/isLessThan":
        put(node, "exclusiveMaximum", rep.payload.exclusiveMaximum ?? rep.payload.maximum)
        break
      default:
        comments.push(`must be ${expected ?? "valid (a check JSON Schema cannot express)"}`)
    }
  }
  if (safeInteger) {
    if (!("minimum" in node) && !("exclusiveMinimum" in node)) node["minimum"] = Number.MIN_SAFE_INTEGER
    if (!("maximum" in node) && !("exclusiveMaximum" in node)) node["maximum"] = Number.MAX_SAFE_INTEGER
  }
  if (comments.length > 0) node["$comment"] = `${checkedBy}: ${comments.join("; ")}.`
  return node
}

const literalType = (value: unknown): string | undefined =>
  typeof value === "string" ? "string" : typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : value === null ? "null" : undefined

const go = (ast: SchemaAST.AST): Node => {
  switch (ast._tag) {
    case "String":
      return applyChecks(ast, { type: "string" })
    case "Number":
      return applyChecks(ast, { type: "number" })
    case "Boolean":
      return applyChecks(ast, { type: "boolean" })
    case "Null":
      return { type: "null" }
    case "Literal":
      return applyChecks(ast, { ...(literalType(ast.literal) ? { type: literalType(ast.literal) } : {}), const: ast.literal })
    case "Objects": {
      const properties: Record<string, Node> = {}
      const required: Array<string> = []
      for (const ps of ast.propertySignatures) {
        const name = String(ps.name)
        properties[name] = go(ps.type)
        if (ps.type.context?.isOptional !== true) required.push(name)
      }
      // The validator decodes with `onExcessProperty: "error"`: an unknown field is a violation.
      const node: Node = { type: "object", properties, required, additionalProperties: false }
      if (ast.indexSignatures.length > 0) {
        node["additionalProperties"] = true
        node["$comment"] = `${checkedBy}: the keys and values of a record.`
      }
      return applyChecks(ast, node)
    }
    case "Arrays": {
      const node: Node = { type: "array" }
      const rest = ast.rest[0]
      if (ast.rest.length === 1 && rest !== undefined && ast.elements.every((e) => e === rest && e.context?.isOptional !== true)) {
        // A non-empty array (`[X, ...X[]]`): `items` with `minItems`.
        return applyChecks(ast, { ...node, items: go(rest), ...(ast.elements.length > 0 ? { minItems: ast.elements.length } : {}) })
      }
      if (ast.elements.length > 0) {
        node["prefixItems"] = ast.elements.map(go)
        node["minItems"] = ast.elements.filter((e) => e.context?.isOptional !== true).length
      }
      if (ast.rest.length === 0) node["items"] = false
      else if (ast.rest.length === 1) node["items"] = go(ast.rest[0]!)
      else node["$comment"] = `${checkedBy}: the elements after a rest element.`
      return applyChecks(ast, node)
    }
    case "Union": {
      if (ast.types.every((t) => t._tag === "Literal")) {
        const values = ast.types.map((t) => (t as SchemaAST.Literal).literal)
        const types = new Set(values.map(literalType))
        return applyChecks(ast, { ...(types.size === 1 && [...types][0] ? { type: [...types][0] } : {}), enum: values })
      }
      return applyChecks(ast, { anyOf: ast.types.map(go) })
    }
    default:
      return { $comment: `${checkedBy}: a ${ast._tag} value.` }
  }
}

/** The JSON Schema of a Schema's encoded side: the JSON the validator reads. */
export const of = (schema: Schema.Top): Node => go(SchemaAST.toEncoded(schema.ast))
