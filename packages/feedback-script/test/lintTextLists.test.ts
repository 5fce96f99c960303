/**
 * More of how the lint reads lists and sentences (`internal/lintText.ts`): the cases the first
 * mutation run of that file showed untested (indented bullets, items sharing a line before a
 * break, words between items, a colon's reach, a full stop inside a number).
 */
import { describe, expect, it } from "vitest"
import { core, listItems, quotations, sentences } from "../src/internal/lintText.js"

const bodies = (text: string) => listItems(text).map((items) => items.map((it) => text.slice(it.body.start, it.body.end)))

describe("lists", () => {
  it("bullets indented by spaces or tabs still start their line; a bullet after words does not", () => {
    expect(bodies("Next:\n - greet\n - narrate")).toEqual([["greet", "narrate"]])
    expect(bodies("Next\n\t- greet\n\t- narrate")).toEqual([["greet", "narrate"]])
    expect(bodies("Next\n \t - greet\n\t  - narrate")).toEqual([["greet", "narrate"]])
    expect(bodies("x - greet\n- narrate")).toEqual([])
    expect(bodies("- greet\nx - narrate")).toEqual([])
  })

  it("items on one line end at the next marker, the last one at the line's end", () => {
    expect(bodies("(a) greet (b) narrate\nthen talk")).toEqual([["greet", "narrate"]])
  })

  it("words on the next line before the next item keep two items apart", () => {
    expect(bodies("1. greet\nthen 2. narrate")).toEqual([])
  })

  it("a colon opens a one-line list of bullets only with nothing but spaces or tabs after it", () => {
    expect(bodies("do: - greet - narrate")).toEqual([["greet", "narrate"]])
    expect(bodies("do:x - greet - narrate")).toEqual([])
  })
})

describe("core", () => {
  it("takes only the closing punctuation off, not a full stop inside the sentence", () => {
    const text = "It took 2.5 minutes."
    const c = core(text, { start: 0, end: text.length })
    expect(text.slice(c.start, c.end)).toBe("It took 2.5 minutes")
    const pause = "Wait... then name Sam."
    const p = core(pause, { start: 0, end: pause.length })
    expect(pause.slice(p.start, p.end)).toBe("Wait... then name Sam")
  })
})

describe("sentences of a list", () => {
  it("the numbers of a list past 9 end no sentence either", () => {
    const text = `${Array.from({ length: 11 }, (_, i) => `${i + 1}. step ${i + 1}`).join(" ")}.`
    expect(sentences(text, quotations(text), listItems(text)).map((s) => s.text)).toEqual([text])
  })
})
