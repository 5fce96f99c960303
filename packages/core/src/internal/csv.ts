/**
 * A small RFC 4180 CSV reader and writer: comma-separated cells, double-quoted cells that may
 * hold commas, quotes (doubled) and line breaks, CRLF or LF line ends, an optional UTF-8 byte
 * order mark. The reader never throws: a malformed file is a list of problems naming the row.
 */

/** One record of the file: its 1-based row (as a spreadsheet numbers it) and its cells. */
export interface CsvRecord {
  readonly row: number
  readonly cells: ReadonlyArray<string>
}

/** A syntax problem: where it is and what is wrong. */
export interface CsvSyntaxProblem {
  readonly row: number
  readonly message: string
}

/** Reads CSV text into records; blank lines are skipped (their row numbers still count). */
export const parse = (text: string): { readonly records: ReadonlyArray<CsvRecord>; readonly problems: ReadonlyArray<CsvSyntaxProblem> } => {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: Array<CsvRecord> = []
  const problems: Array<CsvSyntaxProblem> = []
  let row = 1
  let i = 0
  const n = input.length
  while (i < n) {
    const startRow = row
    const cells: Array<string> = []
    let cell = ""
    let quoted = false
    let ended = false
    let bad = false
    while (i < n && !ended) {
      const c = input[i]!
      if (quoted) {
        if (c === "\"") {
          if (input[i + 1] === "\"") {
            cell += "\""
            i += 2
          } else {
            quoted = false
            i++
            // after a closing quote only a comma or a line end may follow
            const next = input[i]
            if (next !== undefined && next !== "," && next !== "\n" && next !== "\r" && !bad) {
              problems.push({ row: startRow, message: `A quoted cell is followed by ${JSON.stringify(next)}; after the closing quote only a comma or the line end may come (write a quote inside a cell as "").` })
              bad = true
            }
          }
        } else {
          if (c === "\n") row++
          cell += c
          i++
        }
      } else if (c === "\"") {
        if (cell.length > 0 && !bad) {
          problems.push({ row: startRow, message: "A quote in the middle of an unquoted cell: quote the whole cell and double the quote (\"\")." })
          bad = true
        }
        quoted = true
        i++
      } else if (c === ",") {
        cells.push(cell)
        cell = ""
        i++
      } else if (c === "\r" || c === "\n") {
        i += c === "\r" && input[i + 1] === "\n" ? 2 : 1
        row++
        ended = true
      } else {
        cell += c
        i++
      }
    }
    if (quoted) {
      problems.push({ row: startRow, message: "A quoted cell is never closed: a closing double quote is missing." })
      bad = true
    }
    cells.push(cell)
    if (cells.length === 1 && cells[0]!.trim() === "" ) continue
    if (!bad) records.push({ row: startRow, cells })
  }
  return { records, problems }
}

const needsQuotes = /[",\r\n]|^\s|\s$/

/** Writes records as CSV (CRLF line ends, cells quoted only where they must be). */
export const write = (rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  rows.map((cells) => cells.map((c) => (needsQuotes.test(c) ? `"${c.replace(/"/g, "\"\"")}"` : c)).join(",")).join("\r\n") + "\r\n"
