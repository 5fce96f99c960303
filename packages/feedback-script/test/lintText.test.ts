/**
 * How the lint reads the shape of feedback text (`internal/lintText.ts`), stated rule by rule:
 * what is quoted speech, what the lint matches its word lists on, what a list is, where a
 * sentence ends. Every rule the lint applies rests on these readings.
 */
import { describe, expect, it } from "vitest"
import { core, listItems, quotations, readable, sentences } from "../src/internal/lintText.js"

const quoted = (text: string): ReadonlyArray<string> => quotations(text).map((q) => text.slice(q.start, q.end))
/** Each list as its items: marker, body (as written), and the item's whole range. */
const lists = (text: string) => listItems(text).map((items) => items.map((it) => [it.marker, text.slice(it.body.start, it.body.end), text.slice(it.start, it.end)]))
const bodies = (text: string) => listItems(text).map((items) => items.map((it) => text.slice(it.body.start, it.body.end)))
const split = (text: string): ReadonlyArray<string> => sentences(text, quotations(text), listItems(text)).map((s) => s.text)

describe("quotations: what someone said", () => {
  it.each([
    ["at the start of the text", "\"stop\" now"],
    ["after a space", "He said \"stop\" now"],
    ["after a tab", "He said\t\"stop\" now"],
    ["after a line break", "He said\n\"stop\" now"],
    ["after (", "(\"stop\")"],
    ["after [", "a[\"stop\"]"],
    ["after {", "a{\"stop\"}"],
    ["after a colon", "She said:\"stop\""],
    ["after an em dash", "a—\"stop\""],
    ["after an en dash", "a–\"stop\""],
    ["after a hyphen", "a-\"stop\""]
  ])("an opening quote counts %s", (_, text) => {
    expect(quoted(text)).toEqual(["\"stop\""])
  })

  it.each([
    ["after a letter", "x\"stop\" now"],
    ["after a digit", "1“stop” now"],
    ["after a full stop", "a.\"stop\""],
    ["after a closing bracket", "a)\"stop\""],
    ["followed by a space", "say \" stop\" now"]
  ])("an opening quote does not count %s", (_, text) => {
    expect(quoted(text)).toEqual([])
  })

  it.each([
    ["\"", "\"go\""],
    ["“ ”", "“go”"],
    ["“ \"", "“go\""],
    ["‘ ’", "‘go’"],
    ["‘ '", "‘go'"],
    ["' '", "'go'"],
    ["' ’", "'go’"],
    ["« »", "«go»"]
  ])("%s: each opening quote closes with its own closing quotes", (_, q) => {
    expect(quoted(`You said ${q} twice.`)).toEqual([q])
  })

  it("a closing quote of another kind does not close a quotation", () => {
    expect(quoted("You said “go’ again.")).toEqual([])
    expect(quoted("You said ‘go” again.")).toEqual([])
    expect(quoted("You said «go\" again.")).toEqual([])
    expect(quoted("You said \"go” again.")).toEqual([])
    // it is part of the quotation when the right one follows
    expect(quoted("“a’ b” ‘a” b’ «a\" b»")).toEqual(["“a’ b”", "‘a” b’", "«a\" b»"])
  })

  it("a closing quote follows a non-space, is not inside a word, and is on the same line", () => {
    expect(quoted("say 'go ' ok")).toEqual([])
    expect(quoted("say 'goes'x ok")).toEqual([])
    expect(quoted("say 'goes'2 ok")).toEqual([])
    expect(quoted("say 'a\nb' ok")).toEqual([])
    // an apostrophe inside a word never closes, one before punctuation or the end does
    expect(quoted("'Sam's turn' now")).toEqual(["'Sam's turn'"])
    expect(quoted("don't 'go' ok")).toEqual(["'go'"])
    expect(quoted("'go'.")).toEqual(["'go'"])
    expect(quoted("\"go\"!")).toEqual(["\"go\""])
    expect(quoted("ab 'c'\t")).toEqual(["'c'"])
    // a one-character quotation
    expect(quoted("'a'")).toEqual(["'a'"])
  })

  it("several quotations are found in order, each as its range", () => {
    const text = "“hi” and ‘yo’ or «x»"
    expect(quotations(text)).toEqual([{ start: 0, end: 4 }, { start: 9, end: 13 }, { start: 17, end: 20 }])
  })

  it("a quotation runs at most 400 characters (the scan stays linear)", () => {
    for (const [length, found] of [[399, true], [400, true], [401, false], [800, false]] as const) {
      const text = `"${"a".repeat(length - 2)}"`
      expect(quotations(text), String(length)).toEqual(found ? [{ start: 0, end: length }] : [])
    }
  })
})

describe("readable: the text the word lists are matched on", () => {
  it("blanks quoted speech to spaces of the same length and straightens curly apostrophes", () => {
    const text = "How’d you say “a weak acid” and ‘fine’ there?"
    const plain = readable(text, quotations(text))
    expect(plain).toBe(`How'd you say ${" ".repeat(13)} and ${" ".repeat(6)} there?`)
    expect(plain.length).toBe(text.length)
  })

  it("is the text itself (apostrophes straightened) when nothing is quoted", () => {
    expect(readable("don’t stop", [])).toBe("don't stop")
    expect(readable("", [])).toBe("")
  })
})

describe("listItems: lists of two or more items", () => {
  it.each([
    ["numbered with a full stop", "1. pose\n2. pause\n3. name", ["pose", "pause", "name"]],
    ["numbered with a bracket, on one line", "1) pose 2) pause", ["pose", "pause"]],
    ["lettered in brackets, on one line", "(a) greet (b) narrate", ["greet", "narrate"]],
    ["lettered with a bracket", "a) greet b) narrate", ["greet", "narrate"]],
    ["bulleted with hyphens", "- greet\n- narrate", ["greet", "narrate"]],
    ["bulleted with stars", "* greet\n* narrate\n* praise", ["greet", "narrate", "praise"]],
    ["bulleted with bullets", "• greet\n• narrate", ["greet", "narrate"]],
    ["bulleted with middle dots", "· greet\n· narrate", ["greet", "narrate"]],
    ["indented under a heading", "Steps:\n  1. greet\n  2. narrate", ["greet", "narrate"]],
    ["bullets after a colon on one line", "For next week: - greet - narrate", ["greet", "narrate"]]
  ])("%s", (_, text, items) => {
    expect(bodies(text)).toEqual([items])
  })

  it("gives each item its marker, its trimmed words, and its range up to the next item or the line end", () => {
    expect(lists("1.   greet   \n2. narrate")).toEqual([[["1.", "greet", "1.   greet   "], ["2.", "narrate", "2. narrate"]]])
    expect(lists("(a) greet (b) narrate")).toEqual([[["(a)", "greet", "(a) greet "], ["(b)", "narrate", "(b) narrate"]]])
    expect(lists("1. a\n2. b\nthen talk")).toEqual([[["1.", "a", "1. a"], ["2.", "b", "2. b"]]])
    const [[first, second]] = listItems("x: 1. a\n2. b") as [[ReturnType<typeof listItems>[0][0], ReturnType<typeof listItems>[0][0]]]
    expect([first.start, first.end, first.body, second.start, second.end, second.body]).toEqual([3, 7, { start: 6, end: 7 }, 8, 12, { start: 11, end: 12 }])
  })

  it("one item is not a list", () => {
    for (const text of ["1. pose the question", "- pose the question", "(a) pose"]) expect(listItems(text), text).toEqual([])
  })

  it("numbers and letters run in order from 1 or a; a skipped one ends the list", () => {
    expect(bodies("2. pose\n3. pause")).toEqual([])
    expect(bodies("1. pose\n3. pause")).toEqual([])
    expect(bodies("(a) x\n(b) y\n(d) z")).toEqual([["x", "y"]])
    expect(bodies("b) x c) y")).toEqual([])
    expect(bodies("1. a\n2. b\n1. c\n2. d")).toEqual([["a", "b"], ["c", "d"]])
  })

  it("numbers go past 9 in order, letters run from a to h", () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `${i + 1}. step ${i + 1}`).join("\n")
    expect(bodies(eleven)).toEqual([Array.from({ length: 11 }, (_, i) => `step ${i + 1}`)])
    const eight = "abcdefgh".split("").map((l) => `${l}) move ${l}`).join("\n")
    expect(bodies(eight)).toEqual(["abcdefgh".split("").map((l) => `move ${l}`)])
  })

  it("a list keeps one kind of marker", () => {
    expect(bodies("1. a\n- b")).toEqual([])
    expect(bodies("1. a 2) b")).toEqual([])
    expect(bodies("(a) x\nb) y")).toEqual([])
    expect(bodies("- a\n* b")).toEqual([["a", "b"]])
  })

  it("bullets start a line or follow a colon; numbered items may share a line", () => {
    expect(bodies("x - a - b")).toEqual([])
    expect(bodies("a\n- x\n- y")).toEqual([["x", "y"]])
    expect(bodies("do: - a - b")).toEqual([["a", "b"]])
    expect(bodies("do :- a - b")).toEqual([["a", "b"]])
    // the colon at most two spaces or tabs before the first bullet
    expect(bodies("do: \t- a - b")).toEqual([["a", "b"]])
    expect(bodies("do:   - a - b")).toEqual([])
    expect(bodies("- a - b")).toEqual([])
    expect(bodies("x 1. a 2. b")).toEqual([["a", "b"]])
  })

  it("a blank line or a line of other words between two items ends the list", () => {
    expect(bodies("1. a\n\n2. b")).toEqual([])
    expect(bodies("1. a\nfoo\n2. b")).toEqual([])
    expect(bodies("- a\n\n- b\n- c")).toEqual([["b", "c"]])
    // an item's own words may run on before the break
    expect(bodies("1. a and more\n2. b")).toEqual([["a and more", "b"]])
    expect(bodies("1. a\n  \n2. b")).toEqual([])
  })

  it("a number after a word such as rep, step or question is not a list marker", () => {
    expect(bodies("rep 1. a 2. b")).toEqual([])
    expect(bodies("step 1. a\n2. b")).toEqual([])
    expect(bodies("1.5 a 2.5 b")).toEqual([])
  })
})

describe("sentences: split at sentence ends and line breaks, offsets kept", () => {
  it("ends a sentence at . ! ? before a space or the end, and at line breaks", () => {
    expect(split("A. B! C? D")).toEqual(["A.", " B!", " C?", " D"])
    expect(split("A...  B")).toEqual(["A...", "  B"])
    expect(split("A\n\nB")).toEqual(["A\n\n", "B"])
    expect(split("A.\n")).toEqual(["A."])
  })

  it("does not end a sentence inside a word or a number", () => {
    expect(split("A.B c")).toEqual(["A.B c"])
    expect(split("It took 2.5 minutes.")).toEqual(["It took 2.5 minutes."])
  })

  it("keeps offsets: each sentence is the text between its start and end", () => {
    const text = "  First one.  Second!\nThird"
    const all = sentences(text, quotations(text), listItems(text))
    for (const s of all) expect(text.slice(s.start, s.end)).toBe(s.text)
    expect(all.map((s) => [s.start, s.end])).toEqual([[0, 12], [12, 21], [21, 22], [22, 27]].filter(([a, b]) => text.slice(a!, b).trim().length > 0))
  })

  it("a full stop inside quoted speech ends nothing, a line break inside it still does", () => {
    expect(split("He said \"go. now\" then. Next")).toEqual(["He said \"go. now\" then.", " Next"])
    expect(split("He said \"go! now?\" then")).toEqual(["He said \"go! now?\" then"])
    expect(split("“Why?” she asked. Then")).toEqual(["“Why?” she asked.", " Then"])
  })

  it("a quotation's own closing punctuation ends the sentence after it", () => {
    expect(split("They said “go”. Then")).toEqual(["They said “go”.", " Then"])
    expect(split("“a” b. “c.” d. e")).toEqual(["“a” b.", " “c.” d.", " e"])
  })

  it("the number of a list item ends nothing; another number before a full stop does", () => {
    expect(split("1. pose 2. pause")).toEqual(["1. pose 2. pause"])
    expect(split("Steps: 1. pose 2. pause. Then talk")).toEqual(["Steps: 1. pose 2. pause.", " Then talk"])
    expect(split("Year 1. Then")).toEqual(["Year 1.", " Then"])
    expect(split("x 12. a 13. b")).toEqual(["x 12.", " a 13.", " b"])
  })

  it("blank text has no sentences", () => {
    expect(split("")).toEqual([])
    expect(split("  \n ")).toEqual([])
  })
})

describe("core: a sentence without its leading space and closing punctuation", () => {
  it.each([
    [" Hi there!? ", "Hi there"],
    ["Stop.", "Stop"],
    ["Wait…", "Wait"],
    ["  So", "So"],
    ["Yes ...", "Yes "]
  ])("%j → %j", (text, expected) => {
    const c = core(text, { start: 0, end: text.length })
    expect(text.slice(c.start, c.end)).toBe(expected)
  })

  it("keeps the sentence's offset and never ends before it starts", () => {
    expect(core("ab. Hi there! x", { start: 3, end: 13 })).toEqual({ start: 4, end: 12 })
    expect(core("...", { start: 0, end: 3 })).toEqual({ start: 0, end: 0 })
    expect(core("x  ...", { start: 1, end: 6 })).toEqual({ start: 3, end: 3 })
  })
})
