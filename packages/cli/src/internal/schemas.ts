/**
 * Core's Schemas this package walks (`.ast`), typed as plain `Schema.Top`. The built
 * `@coaching/core` declarations export every Schema whose type has the same name (e.g.
 * `Export.ExportDocument`, `Time.Timestamp`) as a type only — a quirk of bundling `.d.ts`
 * files with `export * as` — although the values are there at run time. Going through this
 * module keeps this package's own declaration build working against built core.
 */
import { Export, Time } from "@coaching/core"
import type { Schema } from "effect"

const values = <K extends string>(namespace: object): Record<K, Schema.Top> => namespace as Record<K, Schema.Top>

/** The export document. */
export const ExportDocument = values<"ExportDocument">(Export).ExportDocument
/** One NDJSON line. */
export const NdjsonLine = values<"NdjsonLine">(Export).NdjsonLine
/** A canonical instant. */
export const Timestamp = values<"Timestamp">(Time).Timestamp
/** A calendar date. */
export const CalendarDate = values<"CalendarDate">(Time).CalendarDate
