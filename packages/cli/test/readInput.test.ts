/**
 * The reading loop on files (`checkInput`): a file validated as it is read — 64 KiB at a time,
 * with the reads taking turns in two buffers when nothing is kept — gets the report the same
 * bytes get in memory (`validateBytes`), for files of many chunks whose records and values cross
 * chunk boundaries at every kind of place, valid and broken, NDJSON and the JSON document.
 */
import { afterAll, describe, expect, it } from "vitest"
import { CHUNK_BYTES, checkInput, type InputSource } from "../src/internal/readInput.js"
import { validateBytes } from "../src/Validate.js"
import { tempDir } from "./support/bin.js"
import { jsonText, ndjsonText } from "./support/fixtures.js"

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const fileSource = (path: string, size: number): InputSource => ({ name: path, path, size, rereadable: true })

/** `checkInput` on a file holding `content`, with and without keeping the bytes, against `validateBytes`. */
const sameAsInMemory = async (name: string, content: string) => {
  const bytes = Buffer.from(content)
  const path = tmp.file(name, bytes)
  const expected = validateBytes(bytes)
  for (const keep of [false, true]) {
    const { outcome, bytes: kept } = await checkInput(fileSource(path, bytes.length), {}, keep)
    expect({ name, keep, outcome }).toEqual({ name, keep, outcome: expected })
    if (keep) expect(kept?.equals(bytes)).toBe(true)
  }
  return expected
}

describe("a file read in turns gets the in-memory report", () => {
  const nd = ndjsonText(30, 3)
  const doc = jsonText(30, 3)

  it("the inputs span many chunks", () => {
    expect(Buffer.byteLength(nd)).toBeGreaterThan(4 * CHUNK_BYTES)
    expect(Buffer.byteLength(doc)).toBeGreaterThan(4 * CHUNK_BYTES)
  })

  it("valid NDJSON and JSON documents, with records shifted across chunk boundaries", async () => {
    // Leading whitespace moves every record by a few bytes against the chunk boundaries.
    for (const shift of [0, 1, 7, 4093]) {
      const pad = " ".repeat(shift)
      expect((await sameAsInMemory(`valid-${shift}.json`, pad + doc)).valid).toBe(true)
      // NDJSON: blank lines before the header shift it the same way.
      expect((await sameAsInMemory(`valid-${shift}.ndjson`, "\n".repeat(shift) + nd)).valid).toBe(true)
    }
  })

  it("NDJSON and JSON documents broken late in the file (after many reused buffers)", async () => {
    const lastJourney = nd.lastIndexOf("{\"_tag\":\"journey\"")
    const brokenNd = nd.slice(0, lastJourney) + nd.slice(lastJourney).replace("\"teacherId\":", "\"teacherId\":7,\"x\":")
    const invalid = await sameAsInMemory("broken.ndjson", brokenNd)
    expect(invalid.valid).toBe(false)
    const at = doc.lastIndexOf("\"teacherId\":")
    const brokenDoc = doc.slice(0, at) + "\"teacherId\":7,\"x\":" + doc.slice(at + "\"teacherId\":".length)
    expect((await sameAsInMemory("broken.json", brokenDoc)).valid).toBe(false)
  })

  it("a key given twice and CRLF line ends in NDJSON", async () => {
    const dup = nd.replace("{\"_tag\":\"journey\",", "{\"_tag\":\"journey\",\"_tag\":\"journey\",")
    expect((await sameAsInMemory("dup.ndjson", dup)).violations.map((v) => v.code)).toContain("JSON_DUPLICATE_KEY")
    expect((await sameAsInMemory("crlf.ndjson", nd.replaceAll("\n", "\r\n"))).valid).toBe(true)
  })
})
