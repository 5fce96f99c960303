/**
 * Word lists from `src/data/*.json` compiled to regular expressions, once, at module load.
 * A pattern is a regular-expression source matched case-insensitively on word boundaries
 * (letters and digits); a space in a pattern matches any run of whitespace.
 */

/** Compiles a list of patterns into one global, case-insensitive, Unicode expression. */
export const compile = (patterns: ReadonlyArray<string>): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.map((p) => `(?:${p.replace(/ /g, "\\s+")})`).join("|")})(?![\\p{L}\\p{N}])`, "giu")

/** One match of a compiled list, with its span in the text. */
export interface Match {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** Every match of `re` in `text`, left to right, without overlaps. */
export const matchAll = (re: RegExp, text: string): ReadonlyArray<Match> => {
  const out: Array<Match> = []
  re.lastIndex = 0
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] })
  }
  return out
}

/** Whether `re` matches anywhere in `text`. */
export const test = (re: RegExp, text: string): boolean => {
  re.lastIndex = 0
  const found = re.test(text)
  re.lastIndex = 0
  return found
}
