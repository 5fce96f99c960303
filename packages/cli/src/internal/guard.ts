/**
 * A fast acceptance guard compiled from a Schema's AST, for values that came out of
 * `JSON.parse`. It answers one question, "does this value certainly decode?", roughly ten
 * times faster than a full Schema decode (no issue tree, no output copy), so the validator can
 * skip the decode for well-formed records and decode (for the report) only the broken ones.
 *
 * Soundness is the contract: `true` means `Schema.decodeUnknown(schema)(value,
 * { onExcessProperty: "error" })` succeeds. `false` promises nothing — the caller decodes with
 * the Schema and reports what it finds — so every AST node this compiler does not know compiles
 * to `false`, and so does every value JSON cannot produce.
 */
import type { Schema } from "effect"
import { SchemaAST } from "effect"

/** A compiled guard. */
export type Guard = (value: unknown) => boolean

/**
 * The own keys of every object a guard accepted, added up since the caller last set it to 0.
 * After a guard accepts a parsed value, this is the number of distinct keys in it: compared
 * with the number of keys in the text, it tells whether `JSON.parse` dropped a duplicate.
 */
export const keysAccepted = { count: 0 }

const never: Guard = () => false
const hasOwn = Object.prototype.hasOwnProperty
const emptyOptions = {}

const compileChecks = (checks: ReadonlyArray<SchemaAST.Check<any>>, ast: SchemaAST.AST): Array<Guard> =>
  checks.flatMap((check): Array<Guard> =>
    check._tag === "FilterGroup" ? compileChecks(check.checks, ast) : [(value) => check.run(value, ast, emptyOptions) === undefined]
  )

const withChecks = (ast: SchemaAST.AST, base: Guard): Guard => {
  if (ast.checks === undefined) return base
  const checks = compileChecks(ast.checks, ast)
  const count = checks.length
  return (value) => {
    if (!base(value)) return false
    for (let i = 0; i < count; i++) if (!checks[i]!(value)) return false
    return true
  }
}

const compileObjects = (ast: SchemaAST.Objects, compile: (ast: SchemaAST.AST) => Guard): Guard => {
  if (ast.indexSignatures.length > 0) return never
  if (ast.propertySignatures.length === 0) return (value) => value !== null && value !== undefined
  const names: Array<string> = []
  const guards: Array<Guard> = []
  const optional: Array<boolean> = []
  for (const ps of ast.propertySignatures) {
    if (typeof ps.name !== "string") return never
    names.push(ps.name)
    guards.push(compile(ps.type))
    optional.push(ps.type.context?.isOptional === true)
  }
  const expected = new Set(names)
  const count = names.length
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false
    const record = value as Record<string, unknown>
    // onExcessProperty: "error" — every own key must be a declared field.
    let own = 0
    for (const key in record) {
      if (!hasOwn.call(record, key)) continue
      if (!expected.has(key)) return false
      own++
    }
    for (let i = 0; i < count; i++) {
      const name = names[i]!
      if (!hasOwn.call(record, name)) {
        if (optional[i]) continue
        return false
      }
      if (!guards[i]!(record[name])) return false
    }
    keysAccepted.count += own
    return true
  }
}

const compileArrays = (ast: SchemaAST.Arrays, compile: (ast: SchemaAST.AST) => Guard): Guard => {
  if (ast.elements.some((e) => e.context?.isOptional === true) || ast.rest.length > 2) return never
  const elements = ast.elements.map(compile)
  const head = elements.length
  if (ast.rest.length === 0) {
    return (value) => {
      if (!Array.isArray(value) || value.length !== head) return false
      for (let i = 0; i < head; i++) if (!elements[i]!(value[i])) return false
      return true
    }
  }
  const rest = compile(ast.rest[0]!)
  const tail = ast.rest.length === 2 ? compile(ast.rest[1]!) : undefined
  const min = head + (tail ? 1 : 0)
  return (value) => {
    if (!Array.isArray(value) || value.length < min) return false
    const end = tail ? value.length - 1 : value.length
    for (let i = 0; i < head; i++) if (!elements[i]!(value[i])) return false
    for (let i = head; i < end; i++) if (!rest(value[i])) return false
    return tail ? tail(value[end]) : true
  }
}

/** The literal a union member requires at `key`, if it is an object with a literal field there. */
const literalAt = (ast: SchemaAST.AST, key: string): SchemaAST.LiteralValue | undefined => {
  if (ast._tag !== "Objects") return undefined
  const ps = ast.propertySignatures.find((p) => p.name === key)
  return ps && ps.type._tag === "Literal" && ps.type.context?.isOptional !== true ? ps.type.literal : undefined
}

const compileUnion = (ast: SchemaAST.Union, compile: (ast: SchemaAST.AST) => Guard): Guard => {
  // Any member that accepts the value makes the union accept it (anyOf, the default mode).
  if (ast.options !== undefined && (ast.options as { readonly mode?: string }).mode === "oneOf") return never
  const members = ast.types.map(compile)
  if (ast.types.every((t) => t._tag === "Literal")) {
    const literals = new Set(ast.types.map((t) => (t as SchemaAST.Literal).literal))
    return (value) => literals.has(value as SchemaAST.LiteralValue)
  }
  // A tagged union: dispatch on `_tag`, as the Schema parser does with its sentinel index.
  const tags = ast.types.map((t) => literalAt(t, "_tag"))
  if (tags.every((t): t is string => typeof t === "string") && new Set(tags).size === tags.length) {
    const byTag = new Map(tags.map((t, i) => [t, members[i]!]))
    return (value) => {
      if (typeof value !== "object" || value === null) return false
      const guard = byTag.get((value as { readonly _tag?: unknown })._tag as string)
      return guard !== undefined && guard(value)
    }
  }
  return (value) => members.some((m) => m(value))
}

/**
 * Compiles a guard for a schema (its type side). Unknown node kinds, transformations and
 * declarations compile to a guard that always answers `false`, which is always sound.
 */
export const compile = (schema: Schema.Top): Guard => compileAst(schema.ast)

/** `compile` for an AST node (e.g. one field of a struct). */
export const compileAst = (root: SchemaAST.AST): Guard => {
  const cache = new Map<SchemaAST.AST, Guard>()
  const go = (ast: SchemaAST.AST): Guard => {
    const cached = cache.get(ast)
    if (cached) return cached
    // Recursive schemas are not supported; a placeholder makes a cycle answer false.
    cache.set(ast, never)
    const guard = ast.encoding !== undefined ? never : withChecks(ast, base(ast))
    cache.set(ast, guard)
    return guard
  }
  const base = (ast: SchemaAST.AST): Guard => {
    switch (ast._tag) {
      case "String":
        return (value) => typeof value === "string"
      case "Number":
        return (value) => typeof value === "number"
      case "Boolean":
        return (value) => typeof value === "boolean"
      case "Null":
        return (value) => value === null
      case "Literal": {
        const literal = ast.literal
        return (value) => value === literal
      }
      case "Objects":
        return compileObjects(ast, go)
      case "Arrays":
        return compileArrays(ast, go)
      case "Union":
        return compileUnion(ast, go)
      default:
        return never
    }
  }
  return go(SchemaAST.toType(root))
}
