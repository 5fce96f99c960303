/**
 * The bin's lean `coaching validate` (dist/validate.cjs, no command-line framework) against the
 * full CLI (effect/cli, as the bin was before): the same invocations print the same bytes on
 * stdout and stderr and exit with the same code, for valid and invalid inputs of both variants,
 * every format, flags in either form and order, standard input, and the invocations the lean
 * path leaves to the full CLI (help, unknown flags, bad values, missing files).
 */
import { makeChecker } from "@coaching/granularity"
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parse } from "../src/internal/leanValidate.js"
import { bin, ensureBuilt, packageDir, runBin, tempDir } from "./support/bin.js"
import { jsonText, ndjsonText, plain } from "./support/fixtures.js"

const tmp = tempDir()
beforeAll(() => ensureBuilt(), 300_000)
afterAll(() => tmp.cleanup())

/** The full CLI in a process of its own: `Cli.run` from the built library, as the old bin ran it. */
const runFull = (args: ReadonlyArray<string>, input = "") => {
  const script = `
    import * as NodeServices from "@effect/platform-node/NodeServices"
    import { Effect } from "effect"
    import { Cli } from ${JSON.stringify(join(packageDir, "dist", "index.js"))}
    process.exitCode = await Effect.runPromise(Cli.run(process.argv.slice(1)).pipe(Effect.provide(NodeServices.layer)))`
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script, ...args], { input, encoding: "utf8", cwd: packageDir })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("parse: what the lean path takes", () => {
  it("one file and the three flags, as --flag value or --flag=value, in any order", () => {
    expect(parse(["x.json"])).toEqual({ file: "x.json", input: "auto", format: "text", maxErrors: undefined })
    expect(parse(["--format=json", "-", "--max-errors", "3", "--input", "ndjson"])).toEqual({ file: "-", input: "ndjson", format: "json", maxErrors: 3 })
  })

  it("anything else is left to the full CLI", () => {
    for (
      const args of [[], ["a", "b"], ["x", "--help"], ["-h", "x"], ["x", "--nope"], ["x", "--format", "xml"], ["x", "--format"], ["x", "--max-errors", "0"], [
        "x",
        "--max-errors",
        "07"
      ], ["x", "--input", "json", "--input", "ndjson"], ["x", "--log-level", "info"], ["--", "x"]]
    ) {
      expect({ args, parsed: parse(args) }).toEqual({ args, parsed: undefined })
    }
  })
})

describe("the lean bin prints what the full CLI prints", () => {
  const invalid = (() => {
    const doc = plain(1, 1)
    doc.people[0].grade = "A"
    return JSON.stringify(doc)
  })()
  const cases: ReadonlyArray<{ readonly name: string; readonly content: string }> = [
    { name: "valid.json", content: jsonText(2, 2) },
    { name: "valid.ndjson", content: ndjsonText(2, 1) },
    { name: "invalid.json", content: invalid },
    { name: "invalid.ndjson", content: ndjsonText(2, 1).replace("\"version\":1", "\"version\":2").replace("\n", "\n{\"_tag\":\"person\"}\n") },
    { name: "malformed.json", content: "{\n  \"format\": \"coaching-export\",\n  \"people\": [x]\n}\n" },
    { name: "bom.json", content: `\uFEFF${jsonText(1, 1)}` },
    { name: "empty.json", content: "" }
  ]

  it("files, in every format and with --max-errors and --input", () => {
    const formats = [["--format=json"], ["--format", "github", "--max-errors", "1"], ["--input", "json"]]
    cases.forEach(({ content, name }, i) => {
      const file = tmp.file(name, content)
      for (const args of [["validate", file], ["validate", ...formats[i % formats.length]!, file]]) {
        expect({ args, ...runBin(args) }).toEqual({ args, ...runFull(args) })
      }
    })
  }, 600_000)

  it("standard input", () => {
    for (const { content } of cases.slice(0, 4)) {
      const args = ["validate", "-", "--format", "json"]
      expect(runBin(args, { input: content })).toEqual(runFull(args, content))
    }
  }, 300_000)

  it("what it leaves to the full CLI: help, usage errors, a missing file, a directory", () => {
    const file = tmp.file("u.json", jsonText(1, 1))
    for (const args of [["validate", "--help"], ["validate", file, "--nope"], ["validate", file, "--max-errors", "0"], ["validate", join(tmp.dir, "missing.json")], ["validate", tmp.dir]]) {
      expect({ args, ...runBin(args) }).toEqual({ args, ...runFull(args) })
    }
  }, 300_000)
})

describe("what a small validate loads (the fast start, docs/decisions/0009)", () => {
  /** The bin on `file`, reporting at exit which of our files and which of Node's modules it loaded. */
  const loads = (file: string) => {
    const out = join(tmp.dir, "loaded.json")
    const hook = join(tmp.dir, "loaded.cjs")
    // written with fs at exit: a hook writing to stderr would itself load Node's streams
    tmp.file("loaded.cjs", `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify({
      files: Object.keys(require("node:module")._cache),
      builtins: process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13))
    })))`)
    const r = spawnSync(process.execPath, ["--require", hook, bin, "validate", file], { encoding: "utf8" })
    expect(r.status).toBe(0)
    const { builtins, files } = JSON.parse(readFileSync(out, "utf8")) as { files: Array<string>; builtins: Array<string> }
    const granularity = files.filter((f) => f.includes("/granularity/dist/")).map((f) => f.slice(f.lastIndexOf("/") + 1))
    return { granularity, tty: builtins.includes("tty"), v8: builtins.includes("v8"), lean: files.some((f) => f.endsWith("/dist/validate.cjs")) }
  }

  it("reports of another checker: only the checker's version module, and neither node:tty (stderr is a pipe) nor node:v8", () => {
    expect(loads(tmp.file("other.json", jsonText(1, 1)))).toEqual({ granularity: ["Version.js"], tty: false, v8: false, lean: true })
  })

  it("reports of the CLI's own checker: the checker itself, to recompute them", () => {
    expect(loads(tmp.file("own.json", jsonText(1, 1, makeChecker({}))))).toMatchObject({ granularity: expect.arrayContaining(["index.js"]), tty: false, lean: true })
  })
})

describe("what the bundle holds (tsup.validate.config.ts, effect by module: tsup.base.ts)", () => {
  const bundle = () => readFileSync(join(packageDir, "dist", "validate.cjs"), "utf8")

  it("effect's modules through their own paths: none of the Schema exports validation never runs", () => {
    const text = bundle()
    // reached through the barrel's `Schema` namespace, these all stayed in (≈ 427 KB in all)
    for (const typeId of ["~effect/net/NetAddress", "~effect/crypto/Aead/Key", "~effect/http/Cookies", "~effect/SemVer"]) {
      expect(text).not.toContain(typeId)
    }
    expect(text).toContain("~effect/Schema/Schema")
  })

  it("stays small enough to compile fast on a first start", () => {
    expect(Buffer.byteLength(bundle())).toBeLessThan(240_000)
  })
})

describe("the compile cache (docs/decisions/0009)", () => {
  /** The bin on a small valid export with `env` (over a copy of this process's, without the cache variables). */
  const withEnv = (env: Record<string, string>) => {
    const base = { ...process.env }
    for (const name of ["NODE_COMPILE_CACHE", "NODE_DISABLE_COMPILE_CACHE", "XDG_CACHE_HOME"]) delete base[name]
    const file = tmp.file("cache.json", jsonText(1, 1))
    return spawnSync(process.execPath, [bin, "validate", file, "--format", "json"], { encoding: "utf8", env: { ...base, ...env } })
  }
  const entries = (dir: string): Array<string> => existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : []

  it("lives in the user's own cache folder, not the shared temporary folder", () => {
    const home = join(tmp.dir, "home")
    const shared = join(tmp.dir, "shared-tmp")
    mkdirSync(home)
    mkdirSync(shared)
    const r = withEnv({ HOME: home, TMPDIR: shared })
    expect(r.status).toBe(0)
    expect(entries(join(home, ".cache", "coaching", "compile-cache")).length).toBeGreaterThan(0)
    expect(entries(shared)).toEqual([])
  })

  it("XDG_CACHE_HOME moves it; NODE_DISABLE_COMPILE_CACHE=1 turns it off", () => {
    const xdg = join(tmp.dir, "xdg")
    expect(withEnv({ XDG_CACHE_HOME: xdg }).status).toBe(0)
    expect(entries(join(xdg, "coaching", "compile-cache")).length).toBeGreaterThan(0)
    const off = join(tmp.dir, "off")
    expect(withEnv({ XDG_CACHE_HOME: off, NODE_DISABLE_COMPILE_CACHE: "1" }).status).toBe(0)
    expect(entries(off)).toEqual([])
  })

  it("a cache folder that cannot be made changes nothing: the same report, the same exit code", () => {
    const blocker = tmp.file("not-a-folder", "")
    const reference = withEnv({ NODE_DISABLE_COMPILE_CACHE: "1" })
    const r = withEnv({ XDG_CACHE_HOME: blocker })
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: reference.status, stdout: reference.stdout, stderr: "" })
    expect(reference.status).toBe(0)
  })

  it("an empty HOME or a relative XDG_CACHE_HOME puts nothing in the current folder", () => {
    const here = join(tmp.dir, "cwd")
    mkdirSync(here)
    const base = { ...process.env }
    for (const name of ["NODE_COMPILE_CACHE", "NODE_DISABLE_COMPILE_CACHE", "XDG_CACHE_HOME"]) delete base[name]
    const file = tmp.file("cwd.json", jsonText(1, 1))
    for (const env of [{ HOME: "" }, { HOME: "", XDG_CACHE_HOME: "relative" }]) {
      const r = spawnSync(process.execPath, [bin, "validate", file], { encoding: "utf8", cwd: here, env: { ...base, ...env } })
      expect(r.status).toBe(0)
    }
    expect(entries(here)).toEqual([])
  })

  it("a Node without module.enableCompileCache (before 22.1) runs the bin: it is not imported by name", () => {
    // a named import of a missing export fails to link, before any line runs
    expect(readFileSync(bin, "utf8")).not.toMatch(/import\s*\{[^}]*enableCompileCache/)
    // these machines' own Node is 20 (`npx coaching --help` in the repository runs on it)
    const old = spawnSync("/usr/bin/node", ["-p", "typeof require('node:module').enableCompileCache"], { encoding: "utf8" })
    if (old.stdout?.trim() !== "undefined") return
    for (const args of [["--help"], ["validate", tmp.file("old-node.json", jsonText(1, 1))]]) {
      const r = spawnSync("/usr/bin/node", [bin, ...args], { encoding: "utf8" })
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: "" })
    }
  })
})
