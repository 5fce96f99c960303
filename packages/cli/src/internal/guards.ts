/**
 * The compiled acceptance guards for the export document and for one NDJSON line, with the
 * fast calendar checks standing in for core's `Date` round trips. Built once, on first use.
 */
import type { SchemaAST } from "effect"
import { compile, type Guard } from "./guard.js"
import { CalendarDate, ExportDocument, NdjsonLine, Timestamp } from "./schemas.js"
import { isCanonicalTimestamp, isRealDate } from "./time.js"

const filterExpecting = (ast: SchemaAST.AST, expected: string): SchemaAST.Filter<any> | undefined =>
  ast.checks?.find((c): c is SchemaAST.Filter<any> => c._tag === "Filter" && c.annotations?.expected === expected)

/** Core's "real instant" and "real date" filters, mapped to their fast equivalents. */
export const replacements = (): Map<SchemaAST.Filter<any>, Guard> => {
  const map = new Map<SchemaAST.Filter<any>, Guard>()
  const instant = filterExpecting(Timestamp.ast, "a real calendar instant")
  const date = filterExpecting(CalendarDate.ast, "a real calendar date")
  if (instant) map.set(instant, isCanonicalTimestamp)
  if (date) map.set(date, isRealDate)
  return map
}

let cached: { readonly document: Guard; readonly line: Guard } | undefined

/** The guards `Export.validate` / `Export.NdjsonValidator` accept as `accepts`. */
export const accepts = (): { readonly document: Guard; readonly line: Guard } => {
  if (cached === undefined) {
    const map = replacements()
    cached = { document: compile(ExportDocument, map), line: compile(NdjsonLine, map) }
  }
  return cached
}
