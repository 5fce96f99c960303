// The streaming floor of bench/validate: the least any streaming validator of an export must do —
// read the file in 64 KiB chunks, cut it into records, `JSON.parse` each — and nothing else (no
// checks, no rules). NDJSON is cut at newlines; the JSON document by a minimal byte scanner
// (strings and escapes, nesting depth) at the elements of its top-level arrays, the records.
// Runs in a process of its own, like `coaching validate`; prints the records it parsed.
//
//   node bench/validate/floor.mjs <file> ndjson|json
import { closeSync, openSync, readSync } from "node:fs"

const [file, kind] = process.argv.slice(2)
const CHUNK = 64 * 1024
const fd = openSync(file, "r")
let records = 0
let pending = [] // pieces of a record that spans chunks
const parse = (buffer, start, end) => {
  let text
  if (pending.length === 0) text = buffer.toString("utf8", start, end)
  else {
    pending.push(buffer.subarray(start, end))
    text = Buffer.concat(pending).toString("utf8")
    pending = []
  }
  if (text.length > 0) {
    JSON.parse(text)
    records++
  }
}

if (kind === "ndjson") {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK)
    const n = readSync(fd, buffer, 0, CHUNK, null)
    if (n === 0) break
    let start = 0
    for (;;) {
      const nl = buffer.indexOf(10, start)
      if (nl === -1 || nl >= n) {
        if (start < n) pending.push(buffer.subarray(start, n))
        break
      }
      parse(buffer, start, nl)
      start = nl + 1
    }
  }
  if (pending.length > 0) parse(Buffer.alloc(0), 0, 0)
} else {
  // depth 1: inside the document object; depth 2: inside a top-level array, where records start.
  let depth = 0
  let inString = false
  let escape = false
  let recordStart = -1 // in the current chunk, or 0 when the record began in an earlier one
  let inRecord = false
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK)
    const n = readSync(fd, buffer, 0, CHUNK, null)
    if (n === 0) break
    recordStart = inRecord ? 0 : -1
    for (let i = 0; i < n; i++) {
      const c = buffer[i]
      if (inString) {
        if (escape) escape = false
        else if (c === 92) escape = true
        else if (c === 34) {
          inString = false
          if (inRecord && depth === 2) {
            parse(buffer, recordStart, i + 1)
            inRecord = false
          }
        }
        continue
      }
      if (c === 34) {
        if (!inRecord && depth === 2) {
          inRecord = true
          recordStart = i
        }
        inString = true
      } else if (c === 123 || c === 91) {
        if (!inRecord && depth === 2) {
          inRecord = true
          recordStart = i
        }
        depth++
      } else if (c === 125 || c === 93) {
        depth--
        if (inRecord && depth === 2) {
          parse(buffer, recordStart, i + 1)
          inRecord = false
        }
      }
    }
    if (inRecord) pending.push(buffer.subarray(recordStart, n))
  }
}
closeSync(fd)
console.log(JSON.stringify({ records }))
