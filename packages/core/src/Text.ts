/**
 * Text fields of the record. Person-written text is trimmed-non-empty and bounded, so that a
 * blank note or a megabyte paste is rejected at the boundary with a path, not stored.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A short line (1–500 characters, not blank): titles, names, reasons. @since 0.1.0 */
export const Line = Schema.String.pipe(
  Schema.check(
    Schema.isMinLength(1),
    Schema.isMaxLength(500),
    Schema.makeFilter((s: string) => s.trim().length > 0, { expected: "text that is not blank" })
  )
)

/** A note (1–10 000 characters, not blank): evidence, what was said, reflections. @since 0.1.0 */
export const Note = Schema.String.pipe(
  Schema.check(
    Schema.isMinLength(1),
    Schema.isMaxLength(10_000),
    Schema.makeFilter((s: string) => s.trim().length > 0, { expected: "text that is not blank" })
  )
)

/** A whole number of minutes, 1–600. @since 0.1.0 */
export const Minutes = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 600 })))

/** A slug naming a playbook area (`questioning`, `behaviour`, …). @since 0.1.0 */
export const Area = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,47}$/, { expected: "an area slug like questioning" }))
)
/** @since 0.1.0 */
export type Area = typeof Area.Type
