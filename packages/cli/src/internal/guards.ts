/**
 * The compiled acceptance guards for the export document and for one NDJSON line, with the
 * fast calendar checks standing in for core's `Date` round trips. Built once, on first use.
 */
import { Export, Time } from "@coaching/core"
import type { SchemaAST } from "effect"
import { compile, compileAst, type Guard } from "./guard.js"
import { isCanonicalTimestamp, isRealDate } from "./time.js"

const filterExpecting = (ast: SchemaAST.AST, expected: string): SchemaAST.Filter<any> | undefined =>
  ast.checks?.find((c): c is SchemaAST.Filter<any> => c._tag === "Filter" && c.annotations?.expected === expected)

/** Core's "real instant" and "real date" filters, mapped to their fast equivalents. */
export const replacements = (): Map<SchemaAST.Filter<any>, Guard> => {
  const map = new Map<SchemaAST.Filter<any>, Guard>()
  const instant = filterExpecting(Time.Timestamp.ast, "a real calendar instant")
  const date = filterExpecting(Time.CalendarDate.ast, "a real calendar date")
  if (instant) map.set(instant, isCanonicalTimestamp)
  if (date) map.set(date, isRealDate)
  return map
}

let cached: { readonly document: Guard; readonly line: Guard } | undefined

/** The guards `Export.validate` / `Export.NdjsonValidator` accept as `accepts`. */
export const accepts = (): { readonly document: Guard; readonly line: Guard } => {
  if (cached === undefined) {
    const map = replacements()
    cached = { document: compile(Export.ExportDocument, map), line: compile(Export.NdjsonLine, map) }
  }
  return cached
}

/** A top-level field of the export document, for the streaming check. */
export interface FieldGuard {
  readonly name: string
  /** An array field: `guard` checks one element. */
  readonly isArray: boolean
  readonly optional: boolean
  readonly guard: Guard
}

let fields: ReadonlyArray<FieldGuard> | undefined

/**
 * The export document's top-level fields in their canonical order, each with a guard: for the
 * array fields (`people`, …, `journeys`) the guard of one element, for the others (`format`,
 * `version`, `policy`) the field's own. An array with checks of its own gets a guard that
 * always answers false (the streaming check then leaves the document to the full decode).
 */
export const fieldGuards = (): ReadonlyArray<FieldGuard> => {
  if (fields === undefined) {
    const map = replacements()
    const ast = Export.ExportDocument.ast
    const list: Array<FieldGuard> = []
    if (ast._tag === "Objects") {
      for (const ps of ast.propertySignatures) {
        const type = ps.type
        const isArray = type._tag === "Arrays"
        const element = isArray && type.elements.length === 0 && type.rest.length === 1 && type.checks === undefined ? type.rest[0] : undefined
        list.push({
          name: String(ps.name),
          isArray,
          optional: type.context?.isOptional === true,
          guard: isArray ? (element ? compileAst(element, map) : () => false) : compileAst(type, map)
        })
      }
    }
    fields = list
  }
  return fields
}
