/**
 * `lintFeedback`: checks what a coach writes for a feedback meeting (notes, an emailed summary,
 * a script they adapted) against the habits of effective feedback: no judgement language,
 * praise that names a concrete moment, probes that focus on one moment rather than the whole
 * lesson, one action step, and a follow-up with a date. The word lists live in `src/data/`.
 *
 * @since 0.1.0
 */
import { checkActionStep } from "@coaching/granularity"
import { lists } from "./internal/data.js"
import { core, type ListItem, listItems, quotations, type Range, readable, type Sentence, sentences } from "./internal/lintText.js"
import { firstFrom, type Match, matchAll, overlapsAny, startingIn } from "./internal/patterns.js"
import { judgementMatches, momentIn } from "./internal/evidence.js"

/** The stable codes of lint findings. @since 0.1.0 */
export type LintCode =
  | "JUDGEMENT_LANGUAGE"
  | "GENERIC_PRAISE"
  | "OPEN_PROBE"
  | "MULTIPLE_ACTION_STEPS"
  | "VAGUE_TIMELINE"
  | "NOT_TEXT"

/** Every lint code. @since 0.1.0 */
export const lintCodes: ReadonlyArray<LintCode> = [
  "JUDGEMENT_LANGUAGE",
  "GENERIC_PRAISE",
  "OPEN_PROBE",
  "MULTIPLE_ACTION_STEPS",
  "VAGUE_TIMELINE",
  "NOT_TEXT"
]

/**
 * A suggested rewrite: replace the text in `span` with `text`. Words in square brackets
 * (`[the moment]`, `[day]`) are for the coach to fill in from their notes.
 *
 * @since 0.2.0
 */
export interface LintRewrite {
  readonly span: readonly [number, number]
  readonly text: string
}

/**
 * One finding: what, why, the `[start, end)` character span of the text it is about, and a
 * suggested rewrite where one exists.
 *
 * @since 0.1.0
 */
export interface LintFinding {
  readonly code: LintCode
  readonly message: string
  readonly span: readonly [number, number]
  /** A suggested rewrite (since 0.2.0); absent where no rewrite can be proposed. */
  readonly rewrite?: LintRewrite
}

const PRECISE = "When you [did …] in [the moment], the students [did …]"
const FOCUSED = "What did the students do when [the moment]?"
const DATED = "on [day], period [n]"

const spanOf = (r: Range): readonly [number, number] => [r.start, r.end]

/** A finding about `range`, with a suggested rewrite when there is one. */
const found = (code: LintCode, message: string, range: Range, rewrite?: LintRewrite): LintFinding => ({
  code,
  message,
  span: spanOf(range),
  ...(rewrite === undefined ? {} : { rewrite })
})
const within = (matches: ReadonlyArray<Match>, s: Range) => startingIn(matches, s.start, s.end)
const quoted = (r: Reading, s: Range): boolean => startingIn(r.quotes, s.start, s.end).length > 0

/** The sentence a position falls in (sentences are sorted and do not overlap). */
const sentenceAt = (r: Reading, at: number): Sentence | undefined => {
  const last = r.sentences[firstFrom(r.sentences, at + 1) - 1]
  return last !== undefined && at < last.end ? last : undefined
}

/** What every rule reads: the text, the text with quotations blanked, its sentences and lists. */
interface Reading {
  readonly text: string
  /** Quoted speech blanked out, curly apostrophes straightened; same length as `text`. */
  readonly plain: string
  readonly quotes: ReadonlyArray<Range>
  readonly lists: ReadonlyArray<ReadonlyArray<ListItem>>
  readonly sentences: ReadonlyArray<Sentence>
}

const read = (text: string): Reading => {
  const quotes = quotations(text)
  const items = listItems(text)
  return { text, plain: readable(text, quotes), quotes, lists: items, sentences: sentences(text, quotes, items) }
}

// ---------------------------------------------------------------------------------------------
// judgement
// ---------------------------------------------------------------------------------------------

const judgement = (r: Reading, findings: Array<LintFinding>): void => {
  for (const m of judgementMatches(r.plain)) {
    const sentence = sentenceAt(r, m.start)
    findings.push(
      found(
        "JUDGEMENT_LANGUAGE",
        `"${r.text.slice(m.start, m.end)}" grades the lesson or the teacher; say what happened and what the students did instead.`,
        m,
        sentence === undefined ? undefined : { span: spanOf(core(r.text, sentence)), text: PRECISE }
      )
    )
  }
}

// ---------------------------------------------------------------------------------------------
// generic praise
// ---------------------------------------------------------------------------------------------

const genericPraise = (r: Reading, findings: Array<LintFinding>): void => {
  const markers = matchAll(lists.genericPraiseMarkers, r.plain)
  const feelings = matchAll(lists.classFeelings, r.plain)
  const labels = matchAll(lists.summaryLabels, r.plain)
  const concrete = matchAll(lists.concreteReference, r.plain)
  for (const s of r.sentences) {
    const praise = [...within(labels, s), ...within(markers, s), ...within(feelings, s)][0]
    if (praise === undefined || momentIn(r.plain, r.quotes, concrete, s)) continue
    findings.push(
      found(
        "GENERIC_PRAISE",
        `"${r.text.slice(praise.start, praise.end)}" praises nothing in particular; name the moment, what the teacher did and what the students did.`,
        praise,
        { span: spanOf(core(r.text, s)), text: PRECISE }
      )
    )
  }
}

// ---------------------------------------------------------------------------------------------
// open probes
// ---------------------------------------------------------------------------------------------

/** Capitalised words that are not a student's name. */
const notNames = new Set([
  "i", "i'm", "i'd", "i'll", "i've", "year", "period", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "mr", "mrs", "ms", "miss", "dr", "sir", "english", "maths", "science", "history", "geography", "french", "spanish", "german", "pe",
  "re", "art", "music", "drama", "be", "so", "go", "ok", "okay"
])

const namesSomeone = (r: Reading, s: Sentence): boolean => {
  const c = core(r.text, s)
  // capitalised words after the first one (a sentence starts with a capital anyway)
  const words = [...r.plain.slice(c.start, c.end).matchAll(/(?<=\s)\p{Lu}[\p{Ll}'-]+/gu)]
  return words.some((w) => !notNames.has(w[0].toLowerCase()))
}

const leadsSentence = /^[\s"'(]*(?:(?:so|ok|okay|right|then|and|now|first|ask|ask them|ask (?:him|her|the teacher))[\s,:]*)*$/iu

const openProbe = (r: Reading, findings: Array<LintFinding>): void => {
  const questions = matchAll(lists.openProbes, r.plain)
  const prompts = matchAll(lists.openPrompts, r.plain)
  const anchors = matchAll(lists.probeAnchors, r.plain)
  for (const s of r.sentences) {
    // a probe pattern counts in a question, or at the start of a note without its question mark
    // ("Ask: how do you think it went")
    const isQuestion = /\?\s*$/u.test(r.text.slice(s.start, s.end))
    const asked = within(questions, s).filter((m) => isQuestion || leadsSentence.test(r.plain.slice(s.start, m.start)))
    const probe = [...asked, ...within(prompts, s)].sort((a, b) => a.start - b.start)[0]
    if (probe === undefined) continue
    const focused = within(anchors, s).length > 0 || quoted(r, s) || namesSomeone(r, s)
    if (focused) continue
    const whole = core(r.text, s)
    findings.push(
      found(
        "OPEN_PROBE",
        `"${r.text.slice(probe.start, probe.end)}" asks about the whole lesson; probe one moment instead (what did the students do when …?).`,
        probe,
        { span: [whole.start, s.start + r.text.slice(s.start, s.end).trimEnd().length], text: FOCUSED }
      )
    )
  }
}

// ---------------------------------------------------------------------------------------------
// several action steps at once
// ---------------------------------------------------------------------------------------------

/** Whether a sentence gives an instruction ("Pause …", "I'd like you to …", "Your action step is …"). */
const instructs = (r: Reading, s: Sentence): boolean => lists.stepInstruction.test(r.plain.slice(s.start, s.end))

/** A clause without the punctuation and "and"/"but"/"or" that joined it to the next. */
const trimJoin = (text: string): string => {
  let out = text
  for (let prev = ""; prev !== out;) {
    prev = out
    out = out.replace(/[\s,;:—–-]+$/u, "").replace(/(?<![\p{L}\p{N}])(?:and|but|or)$/iu, "")
  }
  return out
}

/** The step an instruction sentence gives, without its lead-in ("Going forward, I want to see …" → "…"). */
const instructionBody = (text: string): { readonly offset: number; readonly body: string } => {
  const lead = lists.stepLeadIn.exec(text)
  let offset = lead === null ? 0 : lead[0].length
  if (lead === null) {
    for (let m = lists.stepFrames.exec(text); m !== null && m[0].trim().length > 0; m = lists.stepFrames.exec(text.slice(offset))) offset += m[0].length
  }
  return { offset, body: text.slice(offset) }
}

/** Whether the granularity checker reads an instruction as a bundle of techniques. */
const bundles = (body: string): boolean => {
  if (!/,|\band\b|&/u.test(body)) return false
  const report = checkActionStep(body.trim())
  if (report.findings.some((f) => f.code === "COMPOUND")) return true
  return report.findings.some((f) => f.code === "NOT_AN_ACTION") && checkActionStep(`Use ${body.trim()}`).findings.some((f) => f.code === "COMPOUND")
}

/** Items that are notes ("09:05 do now on the board") or labelled facts ("**Meeting:** Monday"), not steps. */
const isNote = (r: Reading, item: ListItem): boolean => /^(?:\[[ xX]\]\s*)?(?:\d{1,2}[:.]\d{2}\b|[*_]{2}[^*_\n]{1,40}:)/u.test(r.text.slice(item.body.start, item.body.end))

const multipleSteps = (r: Reading, findings: Array<LintFinding>): void => {
  const add = (span: Range, message: string, rewrite?: Range) =>
    findings.push(found("MULTIPLE_ACTION_STEPS", message, span, rewrite === undefined ? undefined : { span: spanOf(rewrite), text: "" }))

  // a list of two or more items is several steps, unless it spells out one step's micro-steps
  // ("Your action step: 1. pose … 2. pause … 3. name …") or is a list of timed notes
  const listed: Array<Range> = []
  for (const items of r.lists) {
    const first = items[0]!
    const lead = r.plain.slice(Math.max(0, first.start - 40), first.start)
    if (items.every((it) => isNote(r, it))) continue
    const single = matchAll(lists.stepSingle, lead).some((m) => lead.slice(m.end).trim().length === 0)
    if (single) {
      const routine = items.map((it) => r.text.slice(it.body.start, it.body.end).replace(/[.;,]+$/u, "")).join(", ")
      if (!checkActionStep(routine).findings.some((f) => f.code === "COMPOUND")) continue
    }
    const second = items[1]!
    const end = items[items.length - 1]!.end
    listed.push({ start: first.start, end })
    add(
      { start: second.start, end: second.body.end },
      `A list of ${items.length} items is ${items.length} action steps; a feedback meeting agrees one granular step, rehearsed and followed up.`,
      { start: first.body.end, end }
    )
  }
  const inList = (m: Range) => overlapsAny(listed, m.start, m.end)

  const statements = matchAll(lists.stepStatement, r.plain).filter((m) => !inList(m))
  const joiners = matchAll(lists.stepJoiners, r.plain)
  const routine = matchAll(lists.stepRoutine, r.plain)
  const plural = matchAll(lists.stepPlural, r.plain).filter((p) => !inList(p))
  let instructed = false
  for (const s of r.sentences) {
    const text = r.plain.slice(s.start, s.end)
    const gives = instructs(r, s) || within(statements, s).length > 0
    const opener = instructed ? (lists.stepOpener.exec(text) ?? (instructs(r, s) ? lists.stepTrailing.exec(text) : null)) : null
    if (opener !== null) {
      const lead = opener.index + opener[0].length - opener[0].trimStart().length
      const words = opener[0].trim().replace(/[.!?]+$/u, "")
      const whole = { start: s.start, end: s.end }
      add(
        { start: s.start + lead, end: s.start + lead + words.length },
        `"${words}" adds a second change after the action step; agree one granular step and keep the rest for later cycles.`,
        whole
      )
    } else if (gives) {
      const statement = within(statements, s)[0]
      const after = statement?.end ?? s.start
      const joiner = within(joiners, s).find((j) => j.start >= after && !inList(j))
      if (joiner !== undefined) {
        const c = core(r.text, s)
        const before = r.text.slice(s.start, joiner.start)
        const cut = s.start + trimJoin(before).length
        add(
          joiner,
          `"${r.text.slice(joiner.start, joiner.end)}" adds a second action to the action step; agree one granular step and keep the rest for later cycles.`,
          { start: cut, end: c.end }
        )
      } else if (within(plural, s).length === 0 && !inList(s)) {
        const c = core(r.text, s)
        const { body, offset } = instructionBody(r.plain.slice(c.start, c.end))
        if (bundles(body)) {
          add(
            { start: c.start + offset + (body.length - body.trimStart().length), end: c.end },
            "This instruction bundles several techniques; agree one granular step and keep the rest for later cycles."
          )
        }
      }
    }
    instructed = instructed || gives
    if (within(routine, s).length > 0) continue
    for (const m of within(plural, s)) {
      add(m, `"${r.text.slice(m.start, m.end)}" announces several steps; a feedback meeting agrees one granular step.`)
    }
  }
  for (const m of statements.slice(1)) {
    const s = sentenceAt(r, m.start)
    add(m, "A second action step: a feedback meeting agrees one granular step, rehearsed and followed up.", s)
  }
}

// ---------------------------------------------------------------------------------------------
// vague timelines
// ---------------------------------------------------------------------------------------------

const vagueTimeline = (r: Reading, findings: Array<LintFinding>): void => {
  const cues = matchAll(lists.timelineCues, r.plain)
  const dates = matchAll(lists.dates, r.plain)
  const vague = matchAll(lists.vague, r.plain)
  const except = matchAll(lists.vagueExcept, r.plain)
  for (const s of r.sentences) {
    if (within(cues, s).length === 0 || within(dates, s).length > 0) continue
    const own = within(vague, s).filter((m) => !overlapsAny(except, m.start, m.end))
    const v = own[0]
    if (v === undefined) continue
    // "sometime soon", "once things calm down after mocks": one vague stretch, rewritten whole
    let end = v.end
    for (const next of own.slice(1)) {
      if (r.text.slice(end, next.start).trim().length > 0) break
      end = next.end
    }
    findings.push(
      found("VAGUE_TIMELINE", `"${r.text.slice(v.start, v.end)}" sets no date; agree the day the coach will come back to see the step.`, { start: v.start, end: v.end }, {
        span: [v.start, end],
        text: DATED
      })
    )
  }
}

/**
 * Lints feedback text a coach wrote. Returns every finding, ordered by position (an empty
 * array when the text follows the habits); a finding carries a suggested `rewrite` where one
 * can be proposed. A non-string from a JavaScript caller gives one `NOT_TEXT` finding; this
 * function never throws.
 *
 * @since 0.1.0
 */
export const lintFeedback = (text: string): ReadonlyArray<LintFinding> => {
  if (typeof text !== "string") {
    return [{ code: "NOT_TEXT", message: `Expected the feedback as a string, got ${text === null ? "null" : typeof text}.`, span: [0, 0] }]
  }
  const r = read(text)
  const findings: Array<LintFinding> = []
  judgement(r, findings)
  genericPraise(r, findings)
  openProbe(r, findings)
  multipleSteps(r, findings)
  vagueTimeline(r, findings)
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = `${f.code}:${f.span[0]}:${f.span[1]}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  }).sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}
