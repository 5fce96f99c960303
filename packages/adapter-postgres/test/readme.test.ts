import { readFileSync } from "node:fs"
import { expect, it } from "vitest"
import { testDatabase } from "./support.js"

const db = testDatabase("readme")

it("the README's example is this file and runs", async () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
  const example = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8")
  expect(readme).toContain(example.trim())
  process.env["DATABASE_URL"] = db.url
  const { journey } = await import("./readme-example.js")
  expect(journey.version).toBe(7)
  expect(journey.cycles[0]?.stage).toBe("Secured")
})
