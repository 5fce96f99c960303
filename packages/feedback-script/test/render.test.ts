import { describe, expect, it } from "vitest"
import { type FeedbackScript, InvalidScriptInput, renderScript } from "../src/index.js"
import { demoCommands, MEETING, runCommands, scriptOf } from "./support.js"

const hostile = `<script>alert("x")</script> & 'quoted' "double" <img src=x onerror=alert(1)>`

/** The demo cycle with hostile text in every field the script repeats. */
const hostileScript = (style: "directive" | "balanced" | "facilitative"): FeedbackScript => {
  const commands = demoCommands.slice(0, 5).map((command) => {
    const c = structuredClone(command) as Record<string, any>
    if (c["visit"]) {
      c["visit"].context = `${c["visit"].context} ${hostile}`
      c["visit"].timetableSlot = `P2 ${hostile}`
      c["visit"].evidence = [`${hostile} took the first hand up.`]
      c["visit"].strengths = [`${hostile} the class started at once.`]
    }
    if (c["leveragePoint"]) c["leveragePoint"].text = `${hostile} no thinking time.`
    if (c["actionStep"]) {
      c["actionStep"].text = `${hostile}, pause, name a student.`
      c["actionStep"].whyItWorks = `${hostile} every student thinks.`
    }
    return c
  })
  const cycle = runCommands(commands).cycles[0]!
  return scriptOf({ cycle, style, teacherName: `Ada ${hostile}` }, { meetingDate: MEETING })
}

/** Our own markup: the tags renderScript writes. Anything else starting with `<` came from input. */
const ownTags = /<\/?(article|h1|h2|dl|dt|dd|aside|ul|li|section|p|strong|em|ol|span)(\s[^<>]*)?>/g

describe("renderScript: html", () => {
  for (const style of ["directive", "balanced", "facilitative"] as const) {
    it(`escapes every piece of user text (${style})`, () => {
      const html = renderScript(hostileScript(style), "html")
      expect(html).not.toContain("<script")
      expect(html).not.toContain("<img")
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot; &lt;img src=x onerror=alert(1)&gt;")
      const stripped = html.replace(ownTags, "")
      expect(stripped).not.toMatch(/[<>]/)
      // every & starts an entity we wrote
      expect(stripped.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&")
      // no raw quote can close an attribute: attributes hold only our values
      for (const m of html.matchAll(/<[^>]+>/g)) expect(m[0]).toMatch(/^<\/?[a-z0-9]+(\s[a-z-]+="[^"<>&']*")*>$/)
    })
  }

  it("is a well-nested fragment: every tag we open is closed", () => {
    const html = renderScript(hostileScript("balanced"), "html")
    const stack: Array<string> = []
    for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)) {
      if (m[1] === "") stack.push(m[2]!)
      else expect(stack.pop()).toBe(m[2])
    }
    expect(stack).toEqual([])
  })
})

describe("renderScript: markdown", () => {
  it("backslash-escapes what Markdown would read as HTML or formatting", () => {
    const markdown = renderScript(hostileScript("directive"), "markdown")
    expect(markdown).not.toMatch(/(^|[^\\])<script/)
    expect(markdown).toContain("\\<script\\>alert(\"x\")\\</script\\>")
    expect(markdown).toContain("# Feedback meeting script: Ada \\<script\\>")
  })

  it("keeps list markers in text from starting a list", () => {
    const commands = demoCommands.slice(0, 5).map((command) => {
      const c = structuredClone(command) as Record<string, any>
      if (c["actionStep"]) c["actionStep"].text = "- pause *five* seconds"
      return c
    })
    const script = scriptOf({ cycle: runCommands(commands).cycles[0]!, style: "directive" }, { meetingDate: MEETING })
    const markdown = renderScript(script, "markdown")
    expect(markdown).toContain("Your action step is to - pause \\*five\\* seconds.")
  })
})

describe("renderScript: text", () => {
  it("labels who speaks and marks directions", () => {
    const text = renderScript(hostileScript("facilitative"))
    expect(text).toMatch(/^Feedback meeting script: Ada /)
    expect(text).toContain("\n   Teacher: My action step is to ")
    expect(text).toContain("\n   Listen for: ")
    expect(text).toContain("\n   [Model it once, part by part: ")
    expect(text).toContain("\n   [7 reps, ticked; after each, ask what Ada ")
    // the rep tally: a box, the rep's scenario and its one feedback line, once per rep
    expect(text).toContain("\n   ☐ 7 A half-right answer. Ada ")
    expect(text).not.toContain("☐ 8")
  })

  it("lists warnings before the meeting", () => {
    const script = scriptOf({ cycle: runCommands(demoCommands.slice(0, 5)).cycles[0]!, style: "directive" }, { meetingDate: MEETING, followUpDays: 30 })
    expect(renderScript(script)).toContain(
      "\n\nBefore the meeting\n   ! The follow-up is 30 days after the meeting, beyond the recommended 28: a shorter gap keeps the step in focus. (FOLLOW_UP_BEYOND_RECOMMENDED)\n"
    )
    expect(renderScript(script, "markdown")).toContain("> **Before the meeting**")
    expect(renderScript(script, "html")).toContain(`<li data-code="FOLLOW_UP_BEYOND_RECOMMENDED" data-kind="warning">`)
  })

  it("an unknown format from a JavaScript caller is a typed error", () => {
    const script = hostileScript("directive")
    expect(() => renderScript(script, "pdf" as "text")).toThrow(InvalidScriptInput)
    try {
      renderScript(script, "pdf" as "text")
    } catch (error) {
      expect(error).toMatchObject({ code: "INVALID_INPUT", path: "format" })
    }
  })
})
