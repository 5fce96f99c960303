/**
 * Flattens a Schema issue tree into `{ path, kind, message }` leaves, with JSON paths
 * (`$.journeys[0].events[3].at`), so that every violation can be reported, not only the first.
 */
import { SchemaIssue } from "effect"

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

/** Flattens an issue tree; `root` prefixes every path. */
export const issuesOf = (issue: SchemaIssue.Issue, root = "$"): Array<FlatIssue> => {
  const out: Array<FlatIssue> = []
  const walk = (node: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>): void => {
    switch (node._tag) {
      case "Pointer":
        return walk(node.issue, [...path, ...node.path])
      case "Composite":
        return node.issues.forEach((child) => walk(child, path))
      case "Encoding":
        return walk(node.issue, path)
      case "AnyOf": {
        // A tagged union whose tag matched reports the matching member's issues; otherwise no member fits.
        if (node.issues.length === 1) return walk(node.issues[0]!, path)
        out.push({ path: jsonPath(path, root), kind: "variant", message: messageOf(node) })
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
  return out
}
