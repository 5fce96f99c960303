/**
 * The compiled acceptance guards for the export document and for one NDJSON line. Built once,
 * on first use. (Core's calendar checks are fast themselves, so every filter runs as core's.)
 */
import { Export } from "@coaching/core"
import { compile, compileAst, type Guard } from "./guard.js"

let cached: { readonly document: Guard; readonly line: Guard } | undefined

/** The guards `Export.validate` / `Export.NdjsonValidator` accept as `accepts`. */
export const accepts = (): { readonly document: Guard; readonly line: Guard } => {
  if (cached === undefined) {
    cached = { document: compile(Export.ExportDocument), line: compile(Export.NdjsonLine) }
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
          guard: isArray ? (element ? compileAst(element) : () => false) : compileAst(type)
        })
      }
    }
    fields = list
  }
  return fields
}
