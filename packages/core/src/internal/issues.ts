/**
 * Flattens a Schema issue tree into `{ path, kind, message }` leaves, with JSON paths
 * (`$.journeys[0].events[3].at`), so that every violation can be reported, not only the first.
 */
import { type SchemaAST, SchemaIssue } from "effect"
import { invisibleClass } from "../Text.js"

/** The kind of a shape violation, mapped to a stable code by callers. */
export type IssueKind = "missing" | "unknown-field" | "type" | "value" | "variant"

/** One flattened issue. */
export interface FlatIssue {
  readonly path: string
  readonly kind: IssueKind
  readonly message: string
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** Renders a property path as a JSON path. */
export const jsonPath = (segments: ReadonlyArray<PropertyKey>, root = "$"): string =>
  segments.reduce<string>(
    (acc, key) =>
      typeof key === "number"
        ? `${acc}[${key}]`
        : typeof key === "string" && identifier.test(key)
        ? `${acc}.${key}`
        : `${acc}[${JSON.stringify(String(key))}]`,
    root
  )

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()
const messageOf = (issue: SchemaIssue.Issue): string => formatter(issue).issues[0]?.message ?? String(issue)

/** The `_tag` of each member, when every member of a union is an object with a literal `_tag`. */
const tagsOf = (ast: SchemaAST.Union): ReadonlyArray<string> | undefined => {
  const tags: Array<string> = []
  for (const member of ast.types) {
    const tag = member._tag === "Objects" ? member.propertySignatures.find((p) => p.name === "_tag")?.type : undefined
    if (tag?._tag !== "Literal" || typeof tag.literal !== "string") return undefined
    tags.push(tag.literal)
  }
  return tags
}

/** Shows a value found in the input, briefly and without its raw control or invisible characters. */
export const describeValue = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  switch (typeof value) {
    case "string": {
      const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value
      return JSON.stringify(shown).replace(invisible, (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)
    }
    case "number":
      return Number.isFinite(value) ? `the number ${value}` : "a number too large to represent"
    case "boolean":
      return String(value)
    case "object":
      return "an object"
    default:
      return typeof value
  }
}

/** Characters never echoed raw in a message: controls, invisible characters and unpaired surrogates (a space is fine). */
const invisible = new RegExp(`(?! )[${invisibleClass}]`, "gu")

const at = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let value = input
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** What is wrong with a value no member of a tagged union accepts: which `_tag` was found, which are allowed. */
const tagIssue = (tags: ReadonlyArray<string>, path: ReadonlyArray<PropertyKey>, root: string, input: unknown, hasInput: boolean): FlatIssue => {
  const allowed = `one of ${tags.join(", ")}`
  if (!hasInput) return { path: jsonPath(path, root), kind: "variant", message: `Expected an object whose _tag is ${allowed} (the _tag is missing or unknown)` }
  const value = at(input, path)
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { path: jsonPath(path, root), kind: "type", message: `Expected an object whose _tag is ${allowed}, got ${describeValue(value)}` }
  }
  if (!Object.hasOwn(value, "_tag")) return { path: jsonPath([...path, "_tag"], root), kind: "missing", message: `Missing _tag: expected ${allowed}` }
  return { path: jsonPath([...path, "_tag"], root), kind: "variant", message: `Unknown _tag ${describeValue((value as { _tag: unknown })._tag)}: expected ${allowed}` }
}

/** One violation per field: issues at the same path (an integer and in range, …) become one. */
const merge = (issues: ReadonlyArray<FlatIssue>): Array<FlatIssue> => {
  const byPath = new Map<string, Array<FlatIssue>>()
  for (const issue of issues) {
    const same = byPath.get(issue.path)
    if (same) same.push(issue)
    else byPath.set(issue.path, [issue])
  }
  return [...byPath.values()].map((same) => {
    const messages = [...new Set(same.map((i) => i.message))]
    if (messages.length === 1) return same[0]!
    const message = messages.every((m) => m.startsWith("Expected "))
      ? `Expected ${messages.map((m) => m.slice("Expected ".length)).join(" and ")}`
      : messages.join("; ")
    return { ...same[0]!, message }
  })
}

/**
 * Flattens an issue tree; `root` prefixes every path. With the decoded `input`, a value that no
 * member of a tagged union accepts is reported with the `_tag` it has and the ones allowed.
 * Several issues at one path are one violation.
 */
export const issuesOf = (issue: SchemaIssue.Issue, root = "$", ...input: [] | [unknown]): Array<FlatIssue> => {
  const out: Array<FlatIssue> = []
  const walk = (node: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>): void => {
    switch (node._tag) {
      case "Pointer":
        return walk(node.issue, [...path, ...node.path])
      case "Composite":
        return node.issues.forEach((child) => walk(child, path))
      case "Encoding":
        return walk(node.issue, path)
      case "Filter":
        // A check that names the fields at fault (a Pointer, or several in a Composite) reports there.
        if (node.issue._tag === "Pointer" || node.issue._tag === "Composite") return walk(node.issue, path)
        out.push({ path: jsonPath(path, root), kind: "value", message: messageOf(node) })
        return
      case "AnyOf": {
        // A tagged union whose tag matched reports the matching member's issues; otherwise no member fits.
        if (node.issues.length === 1) return walk(node.issues[0]!, path)
        const tags = node.issues.length === 0 ? tagsOf(node.ast) : undefined
        if (tags) out.push(tagIssue(tags, path, root, input[0], input.length > 0))
        else out.push({ path: jsonPath(path, root), kind: "variant", message: messageOf(node) })
        return
      }
      case "MissingKey":
        out.push({ path: jsonPath(path, root), kind: "missing", message: "Missing field" })
        return
      case "UnexpectedKey":
        out.push({ path: jsonPath(path, root), kind: "unknown-field", message: "Unknown field (not part of the format)" })
        return
      case "InvalidType":
        out.push({ path: jsonPath(path, root), kind: "type", message: messageOf(node) })
        return
      default:
        out.push({ path: jsonPath(path, root), kind: "value", message: messageOf(node) })
    }
  }
  walk(issue, [])
  return merge(out)
}
