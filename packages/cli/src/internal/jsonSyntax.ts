/**
 * Where a JSON text stops being JSON. `JSON.parse` on Node 20 names the position only for some
 * errors ("Unexpected token 'x', "…" is not valid JSON" has none), so after a failed parse this
 * scanner walks the text once, without recursion (100 000 nested arrays are fine), and returns
 * the offset and a sentence for the first error. It runs only on failure: speed is secondary.
 */
import { Text } from "@coaching/core"

/** A syntax error: the UTF-16 offset in the text and what is wrong there. */
export interface SyntaxProblem {
  readonly offset: number
  readonly message: string
}

/** A 1-based line and column (columns count characters). */
export interface Position {
  readonly line: number
  readonly column: number
}

const ARRAY = 1
const OBJECT = 2

const invisible = new RegExp(`^[${Text.invisibleClass}]$`, "u")

/** The character at `i`, named: an invisible or control character by its code point, never raw. */
const describe = (text: string, i: number): string => {
  const c = text.codePointAt(i)!
  const ch = String.fromCodePoint(c)
  if (c === 10 || c === 13) return "end of line"
  if (c === 9) return "tab"
  const code = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`
  if (c === 0xfeff) return `byte-order mark ${code}`
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `control character ${code}`
  return invisible.test(ch) ? `invisible character ${code}` : `'${ch}'`
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

/** The first syntax error of `text`, or `undefined` if it is one valid JSON value. */
export const locateSyntaxError = (text: string): SyntaxProblem | undefined => {
  const n = text.length
  const stack: Array<number> = []
  let i = 0
  const skipWhitespace = () => {
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 9 || c === 10 || c === 13) i++
      else break
    }
  }
  const endOrUnexpected = (what: string): SyntaxProblem =>
    i >= n
      ? { offset: n, message: `Unexpected end of input: ${what} (is the file truncated?)` }
      : { offset: i, message: `Unexpected ${describe(text, i)}: ${what}` }

  /** Scans a string starting at the opening quote; returns a problem or advances `i`. */
  const string = (): SyntaxProblem | undefined => {
    const start = i
    i++
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 34) {
        i++
        return undefined
      }
      if (c < 0x20) return { offset: i, message: `Unexpected ${describe(text, i)} inside a string (escape it as \\u${c.toString(16).padStart(4, "0")})` }
      if (c === 92) {
        const e = text.charCodeAt(i + 1)
        if (e === 117) {
          for (let k = 2; k < 6; k++) {
            if (!isHex(text.charCodeAt(i + k))) return { offset: i, message: "Invalid \\u escape: expected four hex digits" }
          }
          i += 6
          continue
        }
        if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          i += 2
          continue
        }
        return i + 1 >= n ? { offset: n, message: "Unexpected end of input inside a string (is the file truncated?)" } : { offset: i, message: `Invalid escape \\${text[i + 1]}` }
      }
      i++
    }
    return { offset: start, message: "Unterminated string: no closing quote (is the file truncated?)" }
  }

  const number = (): SyntaxProblem | undefined => {
    const start = i
    if (text.charCodeAt(i) === 45) i++
    if (text.charCodeAt(i) === 48) {
      i++
    } else if (isDigit(text.charCodeAt(i))) {
      while (isDigit(text.charCodeAt(i))) i++
    } else {
      return i >= n ? endOrUnexpected("expected a digit") : { offset: start, message: "Invalid number" }
    }
    if (text.charCodeAt(i) === 46) {
      i++
      if (!isDigit(text.charCodeAt(i))) return endOrUnexpected("expected a digit after the decimal point")
      while (isDigit(text.charCodeAt(i))) i++
    }
    const e = text.charCodeAt(i)
    if (e === 101 || e === 69) {
      i++
      const sign = text.charCodeAt(i)
      if (sign === 43 || sign === 45) i++
      if (!isDigit(text.charCodeAt(i))) return endOrUnexpected("expected a digit in the exponent")
      while (isDigit(text.charCodeAt(i))) i++
    }
    return undefined
  }

  const keyword = (word: string): SyntaxProblem | undefined => {
    for (let k = 0; k < word.length; k++) {
      if (text.charCodeAt(i + k) !== word.charCodeAt(k)) {
        const token = /^[A-Za-z0-9_$]{1,20}/.exec(text.slice(i, i + 20))?.[0]
        if (token === undefined || i + k >= n) {
          i += k
          return endOrUnexpected(`expected ${word}`)
        }
        return { offset: i, message: `Unexpected '${token}': expected ${word}` }
      }
    }
    i += word.length
    return undefined
  }

  /** After `{` or `,` inside an object: a key, a colon. */
  const key = (): SyntaxProblem | undefined => {
    skipWhitespace()
    if (text.charCodeAt(i) !== 34) return endOrUnexpected("expected a property name in double quotes")
    const problem = string()
    if (problem) return problem
    skipWhitespace()
    if (text.charCodeAt(i) !== 58) return endOrUnexpected("expected ':' after the property name")
    i++
    return undefined
  }

  let expectValue = true
  for (;;) {
    skipWhitespace()
    if (expectValue) {
      if (i >= n) return endOrUnexpected("expected a value")
      const c = text.charCodeAt(i)
      let problem: SyntaxProblem | undefined
      if (c === 91) {
        i++
        skipWhitespace()
        if (text.charCodeAt(i) === 93) {
          i++
          expectValue = false
          continue
        }
        stack.push(ARRAY)
        continue
      } else if (c === 123) {
        i++
        skipWhitespace()
        if (text.charCodeAt(i) === 125) {
          i++
          expectValue = false
          continue
        }
        stack.push(OBJECT)
        problem = key()
        if (problem) return problem
        continue
      } else if (c === 34) problem = string()
      else if (c === 45 || isDigit(c)) problem = number()
      else if (c === 116) problem = keyword("true")
      else if (c === 102) problem = keyword("false")
      else if (c === 110) problem = keyword("null")
      else return endOrUnexpected("expected a value")
      if (problem) return problem
      expectValue = false
      continue
    }
    const top = stack.at(-1)
    if (top === undefined) {
      return i < n ? { offset: i, message: `Unexpected ${describe(text, i)} after the end of the JSON value` } : undefined
    }
    const c = text.charCodeAt(i)
    if (c === 44) {
      i++
      if (top === OBJECT) {
        const problem = key()
        if (problem) return problem
      }
      expectValue = true
      continue
    }
    if ((top === ARRAY && c === 93) || (top === OBJECT && c === 125)) {
      i++
      stack.pop()
      continue
    }
    return endOrUnexpected(top === ARRAY ? "expected ',' or ']'" : "expected ',' or '}'")
  }
}

/** The 1-based line and column of a UTF-16 offset (lines end at `\n`). */
export const positionOf = (text: string, offset: number): Position => {
  let line = 1
  let lineStart = 0
  let at = text.indexOf("\n")
  while (at !== -1 && at < offset) {
    line++
    lineStart = at + 1
    at = text.indexOf("\n", lineStart)
  }
  return { line, column: offset - lineStart + 1 }
}
