/**
 * The README cannot rot: its TypeScript example is `readme-example.ts` and runs; every command
 * of its shell example runs against the built bin with the exit code the README's table gives.
 */
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, expect, it } from "vitest"
import { ensureBuilt, runBin, tempDir } from "./support/bin.js"
import { makeChecker } from "@coaching/granularity"
import { jsonText, ndjsonText, plain } from "./support/fixtures.js"

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
const tmp = tempDir()
beforeAll(() => ensureBuilt(), 300_000)
afterAll(() => tmp.cleanup())

it("the README's TypeScript example is this file and runs", async () => {
  const example = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8")
  expect(readme).toContain(example.trim())
  const { check } = await import("./readme-example.js")
  expect(check(tmp.file("ok.json", jsonText(1, 1))).valid).toBe(true)
  const doc = plain(1, 1)
  doc.people[0].grade = "A"
  expect(check(tmp.file("graded.json", JSON.stringify(doc))).violations.map((v) => v.code)).toEqual(["SHAPE_UNKNOWN_FIELD"])
})

it("every command of the README's shell example runs", () => {
  const block = /## Example\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1]
  expect(block).toBeDefined()
  tmp.file("export.json", jsonText(1, 2))
  tmp.file("export.ndjson", ndjsonText(2, 1))
  for (const line of block!.trim().split("\n")) {
    const args = line.replace(/^coaching /, "").match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, "").replace(/^(export\.(json|ndjson)|coaching-export\.schema\.json)$/, `${tmp.dir}/$1`))
    const r = runBin(args)
    expect({ line, status: r.status, stderr: r.stderr }).toEqual({ line, status: 0, stderr: "" })
  }
})

it("the README's sample outputs are what the bin prints", () => {
  const malformed = tmp.file("export.json", "{\n  \"format\": \"coaching-export\",\n  \"version\": 1,\n  \"people\": [x]\n}\n")
  const out = runBin(["validate", malformed]).stdout.replaceAll(tmp.dir + "/", "")
  expect(readme).toContain(out.trim())
})

it("the README's NDJSON sample is what the bin prints", () => {
  // an app's export: its granularity reports are @coaching/granularity's, which the CLI recomputes
  const lines = ndjsonText(1, 1, makeChecker({})).trimEnd().split("\n").map((l) => JSON.parse(l))
  lines[2].person.grade = "A"
  lines.at(-1).journey.events[5].meeting.reps = []
  tmp.file("export.ndjson", lines.map((l) => JSON.stringify(l)).join("\n") + "\n")
  const out = runBin(["validate", `${tmp.dir}/export.ndjson`]).stdout.replaceAll(tmp.dir + "/", "")
  expect(readme).toContain(out.trim())
})
