/**
 * Text fields of the record. Person-written text is bounded and never blank, so that an empty
 * note, a note of zero-width spaces or a megabyte paste is rejected at the boundary with a path,
 * not stored. Lengths count Unicode code points, as JSON Schema does (an emoji is one).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { portable, slug } from "./internal/jsonSchema.js"

/**
 * The code points that show nothing by themselves, as the body of a regular-expression
 * character class (read with the `u` flag): controls (C0, DEL, C1), every Unicode space,
 * Unicode's default-ignorable code points (zero-width space and joiners, bidirectional marks,
 * word joiner, soft hyphen, variation selectors, tag characters, fillers, …), the blank
 * braille pattern and unpaired surrogates. Written with `\uXXXX` escapes and literal
 * characters only, so that JavaScript and Python read the class the same way.
 *
 * @since 0.1.0
 */
export const invisibleClass =
  "\\u0000-\\u0020\\u007F-\\u00A0\\u00AD\\u034F\\u061C\\u115F\\u1160\\u1680\\u17B4\\u17B5\\u180B-\\u180F" +
  "\\u2000-\\u200F\\u2028-\\u202F\\u205F-\\u206F\\u2800\\u3000\\u3164\\uD800-\\uDFFF\\uFE00-\\uFE0F\\uFEFF\\uFFA0" +
  "\\uFFF0-\\uFFFB\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0000}-\u{E0FFF}"

const visible = new RegExp(`[^${invisibleClass}]`, "u")

/** Whether a text shows nothing: empty, or only spaces, controls and invisible characters. @since 0.1.0 */
export const isBlank = (text: string): boolean => !visible.test(text)

/**
 * The check that a text is not blank; its JSON Schema is a pattern any draft 2020-12 validator
 * reads alike. It stops the checks after it, so a blank text is one violation, not two.
 */
const notBlank = Schema.makeFilter(
  (s: string) => !isBlank(s),
  { expected: "text that is not blank (at least one visible character)", [portable]: { pattern: visible.source } },
  true
)

/** A short line (1–500 characters, not blank): titles, names, reasons. @since 0.1.0 */
export const Line = Schema.String.pipe(Schema.check(notBlank, Schema.isBetweenCodePoints(1, 500)))

/** A note (1–10 000 characters, not blank): evidence, what was said, reflections. @since 0.1.0 */
export const Note = Schema.String.pipe(Schema.check(notBlank, Schema.isBetweenCodePoints(1, 10_000)))

/** A whole number of minutes, 1–600. @since 0.1.0 */
export const Minutes = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 600 })))

/** A slug naming a playbook area (`questioning`, `behaviour`, …). @since 0.1.0 */
export const Area = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z][a-z0-9-]{0,47}$/, {
      expected: "an area slug like questioning",
      [portable]: slug("a-z", "a-z0-9-", 48)
    })
  )
)
/** @since 0.1.0 */
export type Area = typeof Area.Type
