/**
 * Fast acceptance guards compiled from a Schema's AST. A guard answers one question, "does this
 * value certainly decode?", many times faster than a full Schema decode (no issue tree, no output
 * copy, no Effect), so a caller can skip the decode for well-formed values and decode (for the
 * error report) only the broken ones. The CLI's validator uses them on parsed export records, the
 * store's append on every event it writes.
 *
 * Soundness is the contract: `true` means `Schema.decodeUnknown(schema)(value,
 * { onExcessProperty: "error" })` succeeds. `false` promises nothing — the caller decodes with the
 * Schema and reports what it finds — so every AST node this compiler does not know compiles to
 * `false`. Filters effect describes (`isPattern`, `isBetween`, code point counts, …) are compiled
 * to direct predicates giving the same verdict; any other filter runs as the Schema's own.
 *
 * With `plainData`, a `true` also promises that `JSON.stringify(value)` is exactly the JSON of the
 * decoded value: every object is a plain object (or has a null prototype) whose keys are its own,
 * enumerable, string keys in the order of the schema's fields, and every array a plain array.
 * Without it, the guard is for values that came out of `JSON.parse`, which are all of that, and
 * soundness holds only for them: it does not look for symbol keys or inherited properties, which
 * the decode refuses or reads (give anything else to a `plainData` guard).
 *
 * @since 0.3.0
 */
import type { Schema } from "effect"
import { SchemaAST } from "effect"

/** A compiled guard. @since 0.3.0 */
export type Guard = (value: unknown) => boolean

/** How to compile. @since 0.3.0 */
export interface Options {
  /** Accept only plain data whose `JSON.stringify` is the decoded value's JSON (see the module). */
  readonly plainData?: boolean
}

/**
 * The own keys of every object a guard accepted, added up since the caller last set it to 0.
 * After a guard accepts a parsed value, this is the number of distinct keys in it: compared with
 * the number of keys in the text, it tells whether `JSON.parse` dropped a duplicate.
 *
 * @since 0.3.0
 */
export const keysAccepted = { count: 0 }

const never: Guard = () => false
const hasOwn = Object.prototype.hasOwnProperty
const emptyOptions = {}

/** Code points of `s`, counted as effect's filters count them (a lone surrogate is one), up to `limit`. */
const codePointsUpTo = (s: string, limit: number): number => {
  if (limit === 0) return 0
  let count = 0
  for (const _ of s) if (++count >= limit) break
  return count
}

const isNumberPayload = (u: unknown): u is number => typeof u === "number" && Number.isFinite(u)

/**
 * A direct predicate for a filter effect describes by its representation, giving the filter's own
 * verdict; `undefined` for any other filter (it then runs as the Schema's own `run`).
 */
const direct = (check: SchemaAST.Filter<any>): Guard | undefined => {
  const representation = (check.annotations as { readonly representation?: { readonly id?: unknown; readonly payload?: unknown } } | undefined)?.representation
  if (representation === undefined) return undefined
  const payload = representation.payload as Record<string, unknown> | null | undefined
  switch (representation.id) {
    case "effect/schema/isPattern": {
      if (typeof payload?.["source"] !== "string" || typeof payload["flags"] !== "string") return undefined
      const regExp = new RegExp(payload["source"], payload["flags"])
      if (regExp.global || regExp.sticky) return undefined
      return (value) => regExp.test(value as string)
    }
    case "effect/schema/isInt":
      return payload === null ? (value) => Number.isSafeInteger(value) : undefined
    case "effect/schema/isBetween": {
      const min = payload?.["minimum"]
      const max = payload?.["maximum"]
      if (!isNumberPayload(min) || !isNumberPayload(max) || Object.keys(payload!).length !== 2) return undefined
      // effect's Order.Number puts NaN below every number: NaN fails, as `>=` makes it.
      return (value) => (value as number) >= min && (value as number) <= max
    }
    case "effect/schema/isGreaterThanOrEqualTo": {
      const min = payload?.["minimum"]
      if (!isNumberPayload(min) || Object.keys(payload!).length !== 1) return undefined
      return (value) => (value as number) >= min
    }
    case "effect/schema/isBetweenCodePoints": {
      const min = payload?.["minimum"]
      const max = payload?.["maximum"]
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return undefined
      const lo = min as number
      const hi = max as number
      // A string of n UTF-16 units has between n/2 and n code points: count only when that decides nothing.
      return (value) => {
        const n = (value as string).length
        if (n <= hi && n >= 2 * lo) return true
        const count = codePointsUpTo(value as string, hi + 1)
        return count >= lo && count <= hi
      }
    }
    case "effect/schema/isMaxCodePoints": {
      const max = payload?.["maxCodePoints"]
      if (!Number.isSafeInteger(max)) return undefined
      const hi = max as number
      return (value) => (value as string).length <= hi || codePointsUpTo(value as string, hi + 1) <= hi
    }
    case "effect/schema/isMinCodePoints": {
      const min = payload?.["minCodePoints"]
      if (!Number.isSafeInteger(min)) return undefined
      const lo = min as number
      return (value) => (value as string).length >= 2 * lo || codePointsUpTo(value as string, lo) >= lo
    }
    default:
      return undefined
  }
}

const compileChecks = (checks: ReadonlyArray<SchemaAST.Check<any>>, ast: SchemaAST.AST): Array<Guard> =>
  checks.flatMap((check): Array<Guard> =>
    check._tag === "FilterGroup"
      ? compileChecks(check.checks, ast)
      : [direct(check) ?? ((value) => check.run(value, ast, emptyOptions) === undefined)]
  )

const withChecks = (ast: SchemaAST.AST, base: Guard): Guard => {
  if (ast.checks === undefined) return base
  const checks = compileChecks(ast.checks, ast)
  const count = checks.length
  if (count === 1) {
    const only = checks[0]!
    return (value) => base(value) && only(value)
  }
  return (value) => {
    if (!base(value)) return false
    for (let i = 0; i < count; i++) if (!checks[i]!(value)) return false
    return true
  }
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const compileObjects = (ast: SchemaAST.Objects, compile: (ast: SchemaAST.AST) => Guard, plain: boolean): Guard => {
  if (ast.indexSignatures.length > 0) return never
  const names: Array<string> = []
  const guards: Array<Guard> = []
  const optional: Array<boolean> = []
  for (const ps of ast.propertySignatures) {
    if (typeof ps.name !== "string") return never
    names.push(ps.name)
    guards.push(compile(ps.type))
    optional.push(ps.type.context?.isOptional === true)
  }
  if (names.length === 0) {
    return plain
      ? (value) => typeof value === "object" && value !== null && !Array.isArray(value) && isPlainObject(value) && Reflect.ownKeys(value).length === 0
      : (value) => value !== null && value !== undefined
  }
  const count = names.length
  if (plain) {
    const position = new Map(names.map((name, i) => [name, i]))
    return (value) => {
      if (typeof value !== "object" || value === null || Array.isArray(value) || !isPlainObject(value)) return false
      const record = value as Record<string, unknown>
      // Own enumerable keys, each a field, in the fields' order (the decoded value's key order).
      let next = 0
      let own = 0
      for (const key in record) {
        if (!hasOwn.call(record, key)) return false
        const at = position.get(key)
        if (at === undefined || at < next) return false
        for (let i = next; i < at; i++) if (!optional[i]) return false
        if (!guards[at]!(record[key])) return false
        next = at + 1
        own++
      }
      for (let i = next; i < count; i++) if (!optional[i]) return false
      // No symbol keys, no non-enumerable fields (the decode would see what JSON.stringify skips).
      if (Reflect.ownKeys(record).length !== own) return false
      keysAccepted.count += own
      return true
    }
  }
  const position = new Map(names.map((name, i) => [name, i]))
  const required = optional.filter((o) => !o).length
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false
    const record = value as Record<string, unknown>
    // One pass over the own enumerable keys: each must be a declared field (onExcessProperty:
    // "error") with a value its guard accepts; then every required field must have been seen (a
    // required field that is not an own enumerable key answers false, which is always sound).
    let own = 0
    let seen = 0
    // Keys usually come in the fields' order (an export is written so): try the field after the
    // last one first, a comparison of two interned strings, before the lookup by name.
    let next = 0
    for (const key in record) {
      if (!hasOwn.call(record, key)) continue
      const at = names[next] === key ? next : position.get(key)
      if (at === undefined || !guards[at]!(record[key])) return false
      next = at + 1
      if (!optional[at]) seen++
      own++
    }
    if (seen !== required) return false
    keysAccepted.count += own
    return true
  }
}

const compileArrays = (ast: SchemaAST.Arrays, compile: (ast: SchemaAST.AST) => Guard, plain: boolean): Guard => {
  if (ast.elements.some((e) => e.context?.isOptional === true) || ast.rest.length > 2) return never
  const isArray = plain
    ? (value: unknown): value is Array<unknown> => Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype
    : Array.isArray
  const elements = ast.elements.map(compile)
  const head = elements.length
  if (ast.rest.length === 0) {
    return (value) => {
      if (!isArray(value) || value.length !== head) return false
      for (let i = 0; i < head; i++) if (!elements[i]!(value[i])) return false
      return true
    }
  }
  const rest = compile(ast.rest[0]!)
  const tail = ast.rest.length === 2 ? compile(ast.rest[1]!) : undefined
  const min = head + (tail ? 1 : 0)
  return (value) => {
    if (!isArray(value) || value.length < min) return false
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
  // A union of literals without checks of their own: one set lookup (a member's check must still run).
  if (ast.types.every((t) => t._tag === "Literal" && t.checks === undefined)) {
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
 *
 * @since 0.3.0
 */
export const compile = (schema: Schema.Top, options?: Options): Guard => compileAst(schema.ast, options)

/** `compile` for an AST node (e.g. one field of a struct). @since 0.3.0 */
export const compileAst = (root: SchemaAST.AST, options?: Options): Guard => {
  const plain = options?.plainData === true
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
        return compileObjects(ast, go, plain)
      case "Arrays":
        return compileArrays(ast, go, plain)
      case "Union":
        return compileUnion(ast, go)
      default:
        return never
    }
  }
  return go(SchemaAST.toType(root))
}
