/**
 * `renderScript`: a feedback script as plain text (to print or read aloud), Markdown (for a
 * record or a wiki) or an HTML fragment (for a web page). The output depends only on the
 * script. In HTML every piece of text is escaped (`&`, `<`, `>`, `"`, `'`); in Markdown the
 * characters that would start formatting or raw HTML are backslash-escaped.
 *
 * @since 0.1.0
 */
import { InvalidScriptInput } from "./Errors.js"
import { formatDate } from "./internal/dates.js"
import type { FeedbackScript, LineKind, Part, Rep, ScriptLine } from "./Script.js"
import { parts } from "./Script.js"

/** The output formats. @since 0.1.0 */
export type Format = "text" | "markdown" | "html"

/** The formats `renderScript` accepts. @since 0.1.0 */
export const formats: ReadonlyArray<Format> = ["text", "markdown", "html"]

const labels: Readonly<Record<LineKind, string | undefined>> = {
  say: "Coach",
  ask: "Coach",
  "listen-for": "Listen for",
  teacher: "Teacher",
  direction: undefined
}

const heading = (script: FeedbackScript): string =>
  `${script.occasion === "practice-session" ? "Practice session script" : "Feedback meeting script"}${
    script.teacherName === undefined ? "" : `: ${script.teacherName}`
  }`

/**
 * What the coach should know before the meeting: the script's warnings, then the rules' advice
 * (an advisory whose code a warning already shows is not repeated).
 */
const notices = (script: FeedbackScript): ReadonlyArray<{ readonly code: string; readonly message: string; readonly kind: "warning" | "advisory" }> => {
  const warned = new Set<string>(script.warnings.map((w) => w.code))
  return [
    ...script.warnings.map((w) => ({ code: w.code, message: w.message, kind: "warning" as const })),
    ...(script.advisories ?? []).filter((a) => !warned.has(a.code)).map((a) => ({ code: a.code, message: a.message, kind: "advisory" as const }))
  ]
}

const facts = (script: FeedbackScript): ReadonlyArray<readonly [string, string]> => [
  ["Meeting", formatDate(script.meetingDate, script.locale, true)],
  ["Style", script.style],
  ["Follow-up", `${formatDate(script.timeline.followUpDue, script.locale, true)} (in ${script.timeline.days} day${script.timeline.days === 1 ? "" : "s"})`]
]

// ---------------------------------------------------------------------------------------------
// text
// ---------------------------------------------------------------------------------------------

const textLine = (line: ScriptLine): string => {
  const label = labels[line.kind]
  return label === undefined ? `[${line.text}]` : `${label}: ${line.text}`
}

/** One rep of the tally: a box to tick, the scenario and the one feedback line. */
const repLine = (rep: Rep): string => `☐ ${rep.number} ${rep.scenario} ${rep.feedback}`

const textPart = (part: Part, n: number): ReadonlyArray<string> => {
  const out = [`${n}. ${part.title}`, ...part.lines.map((l) => `   ${textLine(l)}`)]
  if (part.part === "practise") for (const rep of part.reps) out.push(`   ${repLine(rep)}`)
  return out
}

const renderText = (script: FeedbackScript): string => {
  const out: Array<string> = [heading(script), facts(script).map(([k, v]) => `${k}: ${v}.`).join(" ")]
  const before = notices(script)
  if (before.length > 0) {
    out.push("", "Before the meeting", ...before.map((w) => `   ! ${w.message} (${w.code})`))
  }
  parts(script).forEach((part, i) => out.push("", ...textPart(part, i + 1)))
  return `${out.join("\n")}\n`
}

// ---------------------------------------------------------------------------------------------
// markdown
// ---------------------------------------------------------------------------------------------

/** Escapes what Markdown would read as formatting, a link, a table cell or raw HTML. */
const md = (text: string): string =>
  text
    .replace(/[\\`*_{}[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+]|\d+[.)])(\s)/, "$1\\$2$3")

const mdLine = (line: ScriptLine): string => {
  const label = labels[line.kind]
  return label === undefined ? `*${md(line.text)}*` : `**${label}:** ${md(line.text)}`
}

const mdRep = (rep: Rep): string => `- [ ] **Rep ${rep.number}:** ${md(rep.scenario)} *${md(rep.feedback)}*`

const renderMarkdown = (script: FeedbackScript): string => {
  const out: Array<string> = [`# ${md(heading(script))}`, "", ...facts(script).map(([k, v]) => `- **${k}:** ${md(v)}`)]
  const before = notices(script)
  if (before.length > 0) {
    out.push("", "> **Before the meeting**", ...before.map((w) => `> - ${md(w.message)} (\`${w.code}\`)`))
  }
  parts(script).forEach((part, i) => {
    out.push("", `## ${i + 1}. ${md(part.title)}`)
    for (const line of part.lines) out.push("", mdLine(line))
    if (part.part === "practise") out.push("", ...part.reps.map(mdRep))
  })
  return `${out.join("\n")}\n`
}

// ---------------------------------------------------------------------------------------------
// html
// ---------------------------------------------------------------------------------------------

const entities: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/** Escapes text for HTML element content and attribute values. */
const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c]!)

const htmlLine = (line: ScriptLine): string => {
  const label = labels[line.kind]
  return label === undefined
    ? `<p class="line direction"><em>${esc(line.text)}</em></p>`
    : `<p class="line ${line.kind}"><strong>${esc(label)}:</strong> ${esc(line.text)}</p>`
}

const renderHtml = (script: FeedbackScript): string => {
  const out: Array<string> = [
    `<article class="feedback-script" lang="${esc(script.locale)}" data-style="${esc(script.style)}">`,
    `<h1>${esc(heading(script))}</h1>`,
    "<dl>",
    ...facts(script).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`),
    "</dl>"
  ]
  const before = notices(script)
  if (before.length > 0) {
    out.push(
      `<aside class="warnings"><h2>Before the meeting</h2><ul>`,
      ...before.map((w) => `<li data-code="${esc(w.code)}" data-kind="${w.kind}">${esc(w.message)}</li>`),
      "</ul></aside>"
    )
  }
  parts(script).forEach((part, i) => {
    out.push(`<section class="part" data-part="${esc(part.part)}">`, `<h2>${i + 1}. ${esc(part.title)}</h2>`, ...part.lines.map(htmlLine))
    if (part.part === "practise") {
      out.push(
        `<ol class="reps">`,
        ...part.reps.map((rep) => `<li><span class="scenario">${esc(rep.scenario)}</span> <em class="feedback">${esc(rep.feedback)}</em></li>`),
        "</ol>"
      )
    }
    out.push("</section>")
  })
  out.push("</article>")
  return `${out.join("\n")}\n`
}

/**
 * Renders a script as `"text"` (the default), `"markdown"` or `"html"` (an `<article>`
 * fragment). A JavaScript caller passing another format gets an `InvalidScriptInput` thrown
 * (code `INVALID_INPUT`, path `format`): the only throw in this package, for a programming error.
 *
 * @since 0.1.0
 */
export const renderScript = (script: FeedbackScript, format: Format = "text"): string => {
  switch (format) {
    case "text":
      return renderText(script)
    case "markdown":
      return renderMarkdown(script)
    case "html":
      return renderHtml(script)
    default:
      throw new InvalidScriptInput({
        code: "INVALID_INPUT",
        path: "format",
        message: `Unknown format ${JSON.stringify(String(format))}: use "text", "markdown" or "html".`
      })
  }
}
