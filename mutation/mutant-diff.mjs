#!/usr/bin/env node
/**
 * `node mutation/mutant-diff.mjs [first-last …]`: for each mutant that survived the last Stryker
 * run of the granularity analyser (mutation/reports/granularity.json, from `npm run test:mutation
 * -- granularity`), on the given lines of `internal/analyse.ts` (all lines if none given), finds
 * texts that `checkActionStep` reports differently with the mutant applied. The texts: every quoted
 * text of the granularity tests, with and without its commas, and generated steps that open with a
 * clause, a phrase, a sequence word or a hedge before their verb (the version-3 rules). A mutant
 * with a difference is one a test could kill (if the original's report is the right one); one with
 * none is a candidate equivalent, to be reasoned about (docs/testing.md, the table of accepted ones).
 * Each mutant is applied to a scratch copy of the source and bundled with esbuild; nothing in the
 * repository is changed. A few minutes for a hundred mutants.
 */
import { build } from "esbuild"
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const ranges = process.argv.slice(2).map((r) => r.split("-").map(Number))
const report = JSON.parse(readFileSync(join(root, "mutation/reports/granularity.json"), "utf8"))

/** The texts every mutant is run over. */
const texts = () => {
  const out = new Set()
  const dir = join(root, "packages/granularity/test")
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const m of readFileSync(join(dir, f), "utf8").matchAll(/"((?:[^"\\\n]|\\.){3,200})"/g)) {
      const t = m[1].replace(/\\"/g, "\"")
      if (/^[A-Z"]/.test(t) && t.includes(" ")) out.add(t).add(t.replaceAll(",", ""))
    }
  }
  const steps = ["stand at the door.", "wait.", "pause five seconds.", "name a student.", "maybe name a student.", "try narrating the positive.", "hand out the sheet.", "praise them.", "cold call the back row.", "do it.", "use cold call.", "why do they stop?", "students write a paragraph.", "the students write.", "and stand at the door.", "to the door.", "be calm.", "wait for silence.", "flick the lights.", "point to the board.", "say \"Pens down\".", "perhaps wait.", "you could wait.", "go.", "hand up.", "circulate.", "set up the visualiser."]
  const clauses = ["When", "If", "Once", "While", "Until", "As soon as", "Every time", "After", "Before", "Because", "The moment"]
  const subjects = ["the bell", "they", "everyone", "the first group", "the last two", "the zorb", "the class", "students", "the timer", "it", "Year 9"]
  const verbs = ["goes", "has rung", "is ringing", "has finished", "finish", "are working", "sit down", "is silent", "ends", "gets loud", "start talking", "was set", "are ready", "finished", "need help", "ask for help", "hand in", "stop"]
  const phrases = ["During the plenary", "In front of them", "At the door", "After the bell", "On the carpet", "For the first 5 minutes", "With year 9", "Near her", "Behind the students", "In lesson 2", "At first", "In a quiet voice", "During group work"]
  const openers = ["Afterwards", "Next", "First", "Then", "Today", "Next lesson", "Now", "To start", "Finally", "Next time", "Maybe", "Perhaps", "Try to", "You could", "If possible", "Firstly", "Always", "Remember to"]
  const nounVerbs = ["name", "point", "hand", "wait", "pause", "praise", "model", "check", "count", "time", "question", "answer", "turn", "stand", "be", "set", "plan", "look", "greet"]
  const after = ["of the lesson.", "as a class.", "than before.", "like a pro.", "a student.", "the board.", "them.", "to the board.", "and wait.", "is key.", "\"Ready\".", "5 seconds.", "up.", ".", "out the sheets.", "at the door.", "calm.", "it."]
  // inputs the shipped analyser reads wrong (docs/testing.md, what the survivor work found)
  for (const t of ["As discussed, name a student.", "Wait time. See notes.", "Use cold call and next praise at the door.", "When finished stand at the door.", "First stand at the door.", "Afterwards be as calm as you can.", "Always be calm.", "In the plenary praise of effort was rare."]) out.add(t)
  for (const o of clauses) for (const s of subjects) for (const v of verbs) for (const [n, st] of steps.entries()) if ((o.length * 31 + s.length * 7 + v.length + n) % 9 === 0) out.add(`${o} ${s} ${v} ${st}`)
  for (const o of [...phrases, ...openers]) for (const st of steps) out.add(`${o} ${st}`)
  for (const o of [...openers, ...phrases.slice(0, 6), "When they sit", "Once everyone is silent"]) for (const w of nounVerbs) for (const a of after) out.add(`${o} ${w} ${a}`)
  return [...out]
}

const scratch = mkdtempSync(join(tmpdir(), "mutant-diff-"))
try {
  const src = join(scratch, "src")
  cpSync(join(root, "packages/granularity/src"), src, { recursive: true })
  let n = 0
  /** Bundles the scratch source and imports it. */
  const load = async () => {
    const file = join(scratch, `bundle-${n++}.mjs`)
    await build({ entryPoints: [join(src, "index.ts")], bundle: true, format: "esm", platform: "node", outfile: file, logLevel: "error" })
    return import(pathToFileURL(file).href)
  }
  const key = (r) => JSON.stringify([r.granular, r.score, r.findings.map((f) => [f.code, f.span]), r.suggestions])
  const show = (text, r) => `${r.granular ? "granular" : "not granular"}; ${r.findings.map((f) => `${f.code} "${text.slice(f.span[0], f.span[1])}"`).join(", ") || "no findings"}${r.suggestions.length ? `; suggests ${r.suggestions.map((s) => `"${s}"`).join(", ")}` : ""}`
  const all = texts()
  const original = await load()
  const base = all.map((t) => key(original.checkActionStep(t)))
  const [file, { source, mutants }] = Object.entries(report.files).find(([f]) => f.endsWith("internal/analyse.ts"))
  const lines = source.split("\n")
  const offset = (l, c) => lines.slice(0, l - 1).reduce((a, s) => a + s.length + 1, 0) + c - 1
  let none = 0
  let some = 0
  for (const m of mutants) {
    const line = m.location.start.line
    if (m.status !== "Survived" && m.status !== "NoCoverage") continue
    if (ranges.length > 0 && !ranges.some(([a, b]) => line >= a && line <= (b ?? a))) continue
    const a = offset(line, m.location.start.column)
    const b = offset(m.location.end.line, m.location.end.column)
    // Stryker replaces a node of the syntax tree: an expression keeps its place in the one around it
    const replacement = m.mutatorName === "BlockStatement" || m.mutatorName === "ObjectLiteral" ? m.replacement : `(${m.replacement})`
    writeFileSync(join(src, "internal/analyse.ts"), source.slice(0, a) + replacement + source.slice(b))
    const mutant = await load()
    const found = []
    for (let i = 0; i < all.length && found.length < 3; i++) {
      let k
      try {
        k = key(mutant.checkActionStep(all[i]))
      } catch (e) {
        k = `throws ${e}`
      }
      if (k !== base[i]) found.push(all[i])
    }
    if (found.length === 0) none++
    else some++
    console.log(`\nL${line}:${m.location.start.column} ${m.mutatorName}: ${source.slice(a, b).replace(/\s+/g, " ").slice(0, 90)} → ${m.replacement.replace(/\s+/g, " ").slice(0, 90)}${found.length ? "" : "\n   no difference found"}`)
    for (const t of found) {
      let r
      try {
        r = show(t, mutant.checkActionStep(t))
      } catch (e) {
        r = `throws ${e}`
      }
      console.log(`   ${JSON.stringify(t)}\n      original: ${show(t, original.checkActionStep(t))}\n      mutant:   ${r}`)
    }
  }
  console.log(`\n${file}: ${some} mutants told apart, ${none} with no difference found, over ${all.length} texts`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
