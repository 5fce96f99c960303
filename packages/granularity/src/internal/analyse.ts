/**
 * The analysis behind `checkActionStep`: reads a step as sentences → clauses → groups of
 * clauses that belong to one moment, and reports what is wrong with it.
 *
 * The distinction that matters — one routine of sequenced micro-steps vs a bundle of techniques —
 * is made per clause, not by counting "and"/commas:
 * - a clause is a **move** (one concrete thing done now: "pause five seconds", "name a student")
 *   or a **unit** (a technique put to use, a habit to change or an aim: "use elaborative
 *   questioning", "more praise", "improve pace");
 * - consecutive moves form one routine unless a second step is *added* ("and also", "as well
 *   as") or they belong to different moments of the lesson (door vs plenary vs homework);
 * - every unit starts its own group, except a technique that is spelt out after a colon or is
 *   followed by moves in sequence ("…, then …").
 * Two or more groups → `COMPOUND`, and the groups are the suggested single steps.
 */
import type { FindingCode } from "../Findings.js"
import {
  additives,
  anaphora,
  aspiration,
  applyVerbs,
  beDegrees,
  broadAlwaysNouns,
  broadNouns,
  broadScopes,
  broadStrongVerbs,
  broadVerbs,
  clauseOpeners,
  comparatives,
  concreteBe,
  concreteObjects,
  emptyComplements,
  emptyVerbs,
  hedgeAnywhere,
  hedgeLeading,
  isBaseVerb,
  moments,
  moveVerbs,
  notActionStarts,
  objectPronouns,
  particles,
  type PhraseSet,
  phraseOpeners,
  planningBundle,
  questionStarts,
  sequenceOpeners,
  sequencers,
  studentNouns,
  techniqueOfVerb,
  techniquePhrases,
  type TechniqueInfo,
  techniqueVerbs,
  unobservablePhrases,
  unobservableVerbs,
  vagueAdverbs,
  vagueBeAdjectives,
  vaguePhrases,
  vagueVerbs,
  verbLemma,
  verbPhrases,
  wholeApproach
} from "./lexicon.js"
import type { Pos, Tagger } from "./tagger.js"
import { type Token, tokenize } from "./tokens.js"

/** A finding before its message is written. */
export interface RawFinding {
  readonly code: FindingCode
  readonly span: readonly [number, number]
  /** The words the finding is about, as written. */
  readonly words: string
  /** For COMPOUND: how many single steps; for MANY_MOVES: how many moves. */
  readonly count?: number
}

/** A technique a stretch of the step names: its lexicon id (or a school's `school:<name>`) and its words. */
export interface NamedTechnique {
  readonly id: string
  readonly words: string
}

/** A candidate single step: its text, and the techniques it names (for a concrete suggestion). */
export interface Candidate {
  readonly text: string
  readonly techniques: ReadonlyArray<NamedTechnique>
}

/** What the analysis found. */
export interface Analysis {
  readonly findings: ReadonlyArray<RawFinding>
  /** The single steps a bundle splits into, or the step without its hedge (unchecked). */
  readonly candidates: ReadonlyArray<Candidate>
  /** Every technique the step names, in order (for a step that names a technique with nothing concrete). */
  readonly named: ReadonlyArray<NamedTechnique>
}

type Joiner = "comma" | "and" | "or" | "but" | "then" | "additive" | "sentence" | "colon"

interface Clause {
  kind: "verb" | "outcome" | "np-unit" | "np"
  sentence: number
  part: number
  from: number
  to: number
  frameFrom: number | undefined
  head: number | undefined
  headLen: number
  lemma: string | undefined
  inherited: { readonly index: number; readonly len: number } | undefined
  joiners: ReadonlySet<Joiner>
  lead: ReadonlyArray<readonly [number, number]>
  elaborated: boolean
  elaboration: boolean
  /** A technique name that could be read as an imperative ("Model answers", "Wait time"). */
  ambiguous: boolean
}

interface Ctx {
  readonly text: string
  readonly tokens: ReadonlyArray<Token>
  readonly tags: ReadonlyArray<Pos>
  readonly techniques: ReadonlyArray<PhraseSet<TechniqueInfo>>
  /** Phrase matches by set and token (null: no match), computed once per check. */
  readonly memo: Map<PhraseSet<unknown>, Array<Match<unknown> | null | undefined>>
}

interface Match<V> {
  readonly len: number
  readonly value: V
}

const isWordish = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "number")

/** The longest phrase of `set` that starts at token `i` (memoised per check). */
const matchAt = <V>(ctx: Ctx, set: PhraseSet<V>, i: number): Match<V> | undefined => {
  let memo = ctx.memo.get(set)
  if (memo === undefined) {
    memo = new Array(ctx.tokens.length)
    ctx.memo.set(set, memo)
  }
  const known = memo[i]
  if (known !== undefined) return (known ?? undefined) as Match<V> | undefined
  const found = findAt(ctx, set, i)
  memo[i] = found ?? null
  return found
}

const findAt = <V>(ctx: Ctx, set: PhraseSet<V>, i: number): Match<V> | undefined => {
  const t = ctx.tokens[i]
  if (!isWordish(t)) return undefined
  let best: Match<V> | undefined
  for (let l = 0; l < 2; l++) {
    const list = l === 0 ? set.byFirst.get(t.norm) : t.key !== t.norm ? set.byFirst.get(t.key) : undefined
    if (!list) continue
    for (const entry of list) {
      if (best && entry.words.length <= best.len) break
      let ok = true
      for (let k = 0; k < entry.words.length; k++) {
        const tk = ctx.tokens[i + k]
        const w = entry.words[k]
        if (!isWordish(tk) || (tk.norm !== w && tk.key !== w)) {
          ok = false
          break
        }
      }
      if (ok) best = { len: entry.words.length, value: entry.value }
    }
  }
  return best
}

/** Every match of `set` in tokens [from, to), outside speech, left to right, not overlapping. */
const matchesIn = <V>(ctx: Ctx, set: PhraseSet<V>, from: number, to: number): Array<{ readonly at: number } & Match<V>> => {
  const out: Array<{ readonly at: number } & Match<V>> = []
  for (let i = from; i < to; i++) {
    const m = matchAt(ctx, set, i)
    if (m && i + m.len <= to) {
      out.push({ at: i, ...m })
      i += m.len - 1
    }
  }
  return out
}

const spanOf = (ctx: Ctx, from: number, to: number): readonly [number, number] => {
  const a = ctx.tokens[from]
  const b = ctx.tokens[Math.max(from, to - 1)]
  return a && b ? [a.start, b.end] : [0, 0]
}
const wordsOf = (ctx: Ctx, from: number, to: number): string => {
  const [s, e] = spanOf(ctx, from, to)
  return ctx.text.slice(s, e)
}

const terminators = new Set([".", "!", "?", ";", "…"])
const abbreviationWords = new Set(["e", "g", "i", "etc", "mr", "mrs", "ms", "dr", "vs", "approx", "cf"])
const separators = new Set([",", "—", "–", "-", "(", ")", "•", "·"])
const skippable = new Set<Pos>(["adv"])
const modalsAndFillers = new Set(["please", "just", "simply", "also", "then", "now", "immediately", "always", "first", "next", "finally", "quickly", "quietly", "calmly", "silently", "slowly", "instead", "again", "still", "straight"])

// ---------------------------------------------------------------------------------------------
// entry point
// ---------------------------------------------------------------------------------------------

/** Analyses a (non-empty, not too long) text. Pure; never throws for a string. */
export const analyse = (text: string, tagger: Tagger, extra: PhraseSet<TechniqueInfo> | undefined): Analysis => {
  const tokens = tokenize(text)
  const ctx: Ctx = { text, tokens, tags: tagger.tag(text, tokens), techniques: extra ? [techniquePhrases, extra] : [techniquePhrases], memo: new Map() }
  const findings: Array<RawFinding> = []
  const candidates: Array<Candidate> = []

  if (!tokens.some((t) => t.kind === "word" && /\p{L}/u.test(t.text))) {
    findings.push({ code: "NOT_AN_ACTION", span: trimmedSpan(text), words: text.trim() })
    return { findings, candidates, named: [] }
  }

  const protectedTokens = protect(ctx)
  const clauses = readClauses(ctx, protectedTokens)
  const verbClauses = clauses.filter((c) => c.kind === "verb" || c.kind === "outcome")

  // hedges anywhere (outside speech), and leading hedges recorded while reading clauses
  for (const m of matchesIn(ctx, hedgeAnywhere, 0, tokens.length)) {
    findings.push({ code: "HEDGED", span: spanOf(ctx, m.at, m.at + m.len), words: wordsOf(ctx, m.at, m.at + m.len) })
  }
  for (const c of clauses) {
    for (const [a, b] of c.lead) findings.push({ code: "HEDGED", span: spanOf(ctx, a, b), words: wordsOf(ctx, a, b) })
  }

  const last = tokens[tokens.length - 1]
  const first = tokens.find(isWordish)
  const isQuestion = last?.kind === "punct" && last.text === "?" && first !== undefined && questionStarts.has(first.norm)
  // "See notes.", also after an opening or a hedge ("Afterwards see notes.", "Maybe see notes.")
  const firstStep = clauses.find((c) => c.kind !== "np")
  const pointer =
    (first !== undefined && matchAt(ctx, notActionStarts, tokens.indexOf(first)) !== undefined) ||
    (firstStep?.kind === "verb" && firstStep.head !== undefined && firstStep.sentence === clauses[0]!.sentence && matchAt(ctx, notActionStarts, firstStep.head) !== undefined)
  // every clause a light verb with nothing after it but a pronoun ("Do it.", "Try to.", "Have a go."),
  // beside at most an opening phrase ("Afterwards, do it."): no move is named
  const empty = clauses.some((c) => emptyClause(ctx, c)) && clauses.every((c) => c.kind === "np" || emptyClause(ctx, c))
  if (verbClauses.length === 0 || isQuestion || pointer || empty) {
    findings.push({ code: "NOT_AN_ACTION", span: trimmedSpan(text), words: text.trim() })
  }

  const units: Array<boolean> = []
  for (const c of clauses) units.push(judgeClause(ctx, c, findings))

  // broad scope phrases anywhere outside speech ("across the department", "whole-school")
  for (const m of matchesIn(ctx, broadScopes, 0, tokens.length)) {
    findings.push({ code: "TOO_BROAD", span: spanOf(ctx, m.at, m.at + m.len), words: wordsOf(ctx, m.at, m.at + m.len) })
  }
  // a whole approach or a planning bundle (TOO_BROAD), an end state about standing or rating (ASPIRATION)
  const plain = withoutSpeech(ctx)
  for (const [re, code] of [[wholeApproach, "TOO_BROAD"], [planningBundle, "TOO_BROAD"], [aspiration, "ASPIRATION"]] as const) {
    for (const [a, b] of regexMatches(re, plain)) findings.push({ code, span: [a, b], words: text.slice(a, b) })
  }

  if (!isQuestion && !empty && verbClauses.length > 0) {
    const groups = group(ctx, clauses, units)
    // one technique named with nothing concrete ("Use cold call.", "Praise students.") is an aim
    const only = groups.length === 1 && groups[0]!.length === 1 ? groups[0]![0]! : undefined
    if (only && only.kind === "verb" && units[clauses.indexOf(only)] && !findings.some((f) => isClauseFinding(f, ctx, only)) && !anchored(ctx, only)) {
      findings.push({ code: "VAGUE", span: spanOf(ctx, startOf(only), only.to), words: wordsOf(ctx, startOf(only), only.to) })
    }
    if (groups.length >= 2) {
      const firstGroup = groups[0]!
      const lastGroup = groups[groups.length - 1]!
      const from = startOf(firstGroup[0]!)
      const lastClause = lastGroup[lastGroup.length - 1]!
      findings.push({ code: "COMPOUND", span: spanOf(ctx, from, lastClause.to), words: wordsOf(ctx, from, lastClause.to), count: groups.length })
      for (const g of groups) candidates.push({ text: suggestionOf(ctx, g), techniques: namedIn(ctx, g) })
    } else if (groups.length === 1) {
      const moves = groups[0]!.filter((c) => c.kind === "verb").length
      if (moves > 6) findings.push({ code: "MANY_MOVES", span: trimmedSpan(text), words: text.trim(), count: moves })
    }
  }

  const named = namedIn(ctx, clauses)
  const hedgedOnly = findings.length > 0 && findings.every((f) => f.code === "HEDGED")
  if (hedgedOnly) {
    const unhedged = withoutHedges(ctx, findings)
    if (unhedged !== undefined) candidates.push({ text: unhedged, techniques: named })
  }
  return { findings: dedupe(findings), candidates, named }
}

/**
 * A clause that names no move: an empty verb ("do", "go", "try", "have", "give") followed by nothing
 * but a pronoun, a dangling "to", "a go", "for it" or a filler ("Do it.", "Try to.", "Give it a go.").
 * "Do a countdown…", "Go to the back…" and "Try pausing…" name their move after the verb.
 */
const emptyClause = (ctx: Ctx, c: Clause): boolean => {
  if (c.kind !== "verb" || c.head === undefined || c.headLen !== 1 || c.lemma === undefined || !emptyVerbs.has(c.lemma)) return false
  for (let k = c.head + 1; k < c.to; k++) {
    const t = ctx.tokens[k]!
    if (t.kind === "punct") continue
    if (t.kind !== "word" || !emptyComplements.has(t.norm)) return false
  }
  return true
}

const isClauseFinding = (f: RawFinding, ctx: Ctx, c: Clause): boolean => {
  const [s, e] = spanOf(ctx, startOf(c), c.to)
  return f.span[0] >= s && f.span[1] <= e
}

/** Something that pins a clause to a moment or a measure: a number, a moment, a trigger, speech. */
const anchored = (ctx: Ctx, c: Clause): boolean => {
  for (let k = startOf(c); k < c.to; k++) {
    const t = ctx.tokens[k]!
    const tag = ctx.tags[k]
    if (t.kind === "number" || t.kind === "speech" || tag === "num" || tag === "sub") return true
    if (t.norm === "each" || t.norm === "every" || t.norm === "after" || t.norm === "before" || t.norm === "until" || t.norm === "then") return true
  }
  return matchesIn(ctx, moments, startOf(c), c.to).length > 0
}

const trimmedSpan = (text: string): readonly [number, number] => {
  const start = text.length - text.trimStart().length
  const end = text.trimEnd().length
  return start <= end ? [start, end] : [0, 0]
}

const startOf = (c: Clause): number => c.frameFrom ?? c.from

const dedupe = (findings: ReadonlyArray<RawFinding>): ReadonlyArray<RawFinding> => {
  const seen = new Set<string>()
  const out: Array<RawFinding> = []
  for (const f of findings) {
    const key = `${f.code}:${f.span[0]}:${f.span[1]}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(f)
  }
  // overlapping findings of one code: keep the first
  return out.filter((f, i) => !out.some((g, j) => j < i && g.code === f.code && g.span[0] <= f.span[0] && f.span[1] <= g.span[1]))
}

// ---------------------------------------------------------------------------------------------
// reading: sentences → parts (split at colons) → frame + segments → clauses
// ---------------------------------------------------------------------------------------------

/** Conjunctions inside a known multi-word phrase ("stretch and challenge", "try and") never split. */
const protect = (ctx: Ctx): ReadonlySet<number> => {
  const out = new Set<number>()
  const sets: ReadonlyArray<PhraseSet<unknown>> = [...ctx.techniques, hedgeAnywhere, hedgeLeading, vaguePhrases, vagueVerbs, verbPhrases.any, moments, broadScopes, additives]
  for (let i = 0; i < ctx.tokens.length; i++) {
    for (const set of sets) {
      const m = matchAt(ctx, set, i)
      if (!m || m.len < 2) continue
      for (let k = 1; k < m.len; k++) {
        const w = ctx.tokens[i + k]!.norm
        if (w === "and" || w === "or" || w === "then" || w === "also" || w === "plus") out.add(i + k)
      }
    }
  }
  return out
}

interface Part {
  readonly from: number
  readonly to: number
  readonly sentence: number
  readonly elaborated: boolean
  readonly elaboration: boolean
  readonly additive: boolean
}

const readParts = (ctx: Ctx): ReadonlyArray<Part> => {
  const { tokens } = ctx
  const parts: Array<Part> = []
  let sentence = 0
  let from = 0
  let afterColon = false
  const close = (to: number, colon: boolean) => {
    if (to > from) {
      parts.push({ from, to, sentence, elaborated: colon, elaboration: afterColon, additive: false })
    }
    from = to + 1
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.newline && i > from) {
      close(i, false)
      from = i
      sentence++
      afterColon = false
    }
    if (t.kind !== "punct") continue
    if (terminators.has(t.text)) {
      const prev = tokens[i - 1]
      if (t.text === "." && prev?.kind === "word" && abbreviationWords.has(prev.norm) && prev.end === t.start) continue
      close(i, false)
      sentence++
      afterColon = false
    } else if (t.text === ":") {
      close(i, true)
      afterColon = true
    }
  }
  close(tokens.length, false)
  // a colon with nothing after it elaborates nothing
  return parts.map((p, n) => {
    const next = parts[n + 1]
    return p.elaborated && (!next || next.sentence !== p.sentence) ? { ...p, elaborated: false } : p
  })
}

/** Whether the words at token `i`, up to a comma, are the frame of the clause after it ("When the timer ends, …", "In PE, …", "If possible, …", "Firstly, …"). */
const opensFrame = (ctx: Ctx, i: number): boolean => {
  const tag = ctx.tags[i]
  return tag === "sub" || tag === "prep" || tag === "adv" || matchAt(ctx, hedgeAnywhere, i) !== undefined || ctx.tokens[i]?.norm === "once"
}

const readClauses = (ctx: Ctx, protectedTokens: ReadonlySet<number>): ReadonlyArray<Clause> => {
  const { tokens, tags } = ctx
  const clauses: Array<Clause> = []
  let partIndex = 0
  let lastSentence = -1
  for (const part of readParts(ctx)) {
    partIndex++
    let start = part.from
    // "Also, …" / "Plus …" at the start of a sentence adds a step
    const sentenceJoiners = new Set<Joiner>()
    if (part.sentence !== lastSentence && lastSentence >= 0) sentenceJoiners.add("sentence")
    if (part.elaboration) sentenceJoiners.add("colon")
    lastSentence = part.sentence
    const lead = matchAt(ctx, additives, start)
    if (lead && !protectedTokens.has(start)) {
      sentenceJoiners.add("additive")
      start += lead.len
      while (tokens[start]?.kind === "punct" && tokens[start]!.text === ",") start++
    }
    // a frame: "When the timer ends, …", "In PE, …", "If possible, …"; not when the step has started
    // before the comma ("During the plenary flick the lights, then …")
    let frameFrom: number | undefined
    if (opensFrame(ctx, start)) {
      for (let i = start + 1; i < part.to; i++) {
        const t = tokens[i]!
        if (t.kind === "punct" && t.text === ",") {
          if (i + 1 < part.to && !stepAfterOpening(ctx, start, i)) {
            frameFrom = start
            start = i + 1
          }
          break
        }
      }
    }
    // segments
    let segFrom = start
    let joiners = new Set<Joiner>(sentenceJoiners)
    let firstInPart = true
    let carried: number | undefined
    const flush = (segTo: number) => {
      let to = segTo
      while (to > segFrom && tokens[to - 1]?.kind === "punct" && tokens[to - 1]!.text !== "?" && tokens[to - 1]!.text !== "!") to--
      if (to > segFrom) {
        const outcome = addSegment(
          ctx,
          clauses,
          {
            from: segFrom,
            to,
            sentence: part.sentence,
            part: partIndex,
            joiners,
            frameFrom: carried ?? (firstInPart ? frameFrom : undefined),
            elaborated: part.elaborated,
            elaboration: part.elaboration,
            opened: false
          },
          segTo < part.to
        )
        if (outcome === "carry") {
          carried ??= segFrom
          return
        }
        carried = undefined
        firstInPart = false
        joiners = new Set()
      }
    }
    for (let i = start; i < part.to; i++) {
      const t = tokens[i]!
      if (t.kind === "punct" && separators.has(t.text)) {
        if (t.text === "-" && !(/\s/u.test(ctx.text[t.start - 1] ?? " ") && /\s/u.test(ctx.text[t.end] ?? " "))) continue
        flush(i)
        segFrom = i + 1
        joiners.add("comma")
        continue
      }
      if (t.kind !== "word" || protectedTokens.has(i)) continue
      const add = matchAt(ctx, additives, i)
      if (add && (i > segFrom || add.len > 1 || t.norm === "also" || t.norm === "plus")) {
        if (i > segFrom) flush(i)
        segFrom = i + add.len
        joiners.add("additive")
        i += add.len - 1
        continue
      }
      const w = t.norm
      if (w === "and" || w === "or" || w === "but" || w === "plus" || w === "then" || w === "nor") {
        // at a segment's start (", and …", ", then …") a conjunction only adds to the joiners
        if (i > segFrom) flush(i)
        segFrom = i + 1
        joiners.add(w === "then" ? "then" : w === "plus" ? "additive" : w === "nor" ? "or" : w)
      }
    }
    flush(part.to)
  }
  // a technique name read as a verb stays a noun phrase when nothing else in its part is a clause
  for (const c of clauses) {
    if (!c.ambiguous) continue
    const others = clauses.filter((o) => o !== c && o.part === c.part && o.kind === "verb" && !o.ambiguous)
    if (others.length === 0) {
      c.kind = "np"
      c.head = undefined
      c.headLen = 0
      c.lemma = undefined
    }
  }
  return clauses
}

interface Segment {
  readonly from: number
  readonly to: number
  readonly sentence: number
  readonly part: number
  readonly joiners: ReadonlySet<Joiner>
  readonly frameFrom: number | undefined
  readonly elaborated: boolean
  readonly elaboration: boolean
  /** The segment starts where an opening written with no comma ends ("Afterwards | name a student"). */
  readonly opened: boolean
}

/**
 * Reads one segment and adds it to the clauses: a new clause, or merged into the previous one. After
 * an opening written with no comma, the rest is read again as its own segment, keeping the leading
 * hedges found before the opening (`lead`, `hedged`).
 */
const addSegment = (
  ctx: Ctx,
  clauses: Array<Clause>,
  seg: Segment,
  more: boolean,
  lead: Array<readonly [number, number]> = [],
  hedgedBefore = false
): "carry" | undefined => {
  const { tokens, tags } = ctx
  let i = seg.from
  let hedged = hedgedBefore
  // where an opening, a skipped hedge or a joining word ends: a verb the tagger read otherwise because
  // of the word before it may start there ("If possible | pause…", "Next | name…", "…, then | be calm")
  let opened = (seg.opened || tokens[seg.from - 1]?.kind === "word") ? seg.from : -1
  // skip leading hedges, sequence words and adverbs: "Maybe name…", "You could try narrating…",
  // "Then say…", "Maybe afterwards name…"
  for (let guard = 0; guard < 8 && i < seg.to; guard++) {
    const anywhere = matchAt(ctx, hedgeAnywhere, i)
    if (anywhere && i + anywhere.len < seg.to) {
      i += anywhere.len
      hedged = true
      opened = i
      continue
    }
    const leading = matchAt(ctx, hedgeLeading, i)
    if (leading && i + leading.len < seg.to && !(leading.len === 1 && (tags[i + 1] === "det" || tags[i + 1] === "num" || tags[i + 1] === "pron"))) {
      lead.push([i, i + leading.len])
      i += leading.len
      hedged = true
      continue
    }
    // a sequence or time word before the step, with no comma ("Afterwards name…", "Next lesson
    // pause…"), or before a student subject, as a hedge is ("Today students will…" is an outcome)
    const sequence = matchAt(ctx, sequenceOpeners, i)
    if (sequence && i + sequence.len < seg.to && (stepAt(ctx, i + sequence.len, seg.to) || studentSubject(ctx, i + sequence.len, seg.to))) {
      if (i === seg.from) return addAfterOpening(ctx, clauses, seg, i + sequence.len, more, lead, hedged)
      i += sequence.len
      opened = i
      continue
    }
    const t = tokens[i]!
    if (t.norm === "to" && hedged) {
      i++
      continue
    }
    if (skippable.has(tags[i]!) && modalsAndFillers.has(t.norm)) {
      i++
      continue
    }
    if (t.norm === "remember" && tokens[i + 1]?.norm === "to") {
      i += 2
      continue
    }
    break
  }
  const previous = clauses[clauses.length - 1]
  const sameSentence = previous !== undefined && previous.sentence === seg.sentence && previous.part === seg.part
  const afterAdditive = seg.joiners.has("additive")
  // one object shape for every clause (keeps the hot paths monomorphic)
  const clause = (
    kind: Clause["kind"],
    head: Head | undefined,
    extra: { readonly from?: number; readonly frameFrom?: number; readonly lemma?: string | undefined; readonly inherited?: Clause["inherited"]; readonly ambiguous?: boolean } = {}
  ): Clause => ({
    kind,
    sentence: seg.sentence,
    part: seg.part,
    from: extra.from ?? seg.from,
    to: seg.to,
    frameFrom: extra.frameFrom ?? seg.frameFrom,
    head: head?.index,
    headLen: head?.len ?? 0,
    lemma: head?.lemma ?? extra.lemma,
    inherited: extra.inherited,
    joiners: seg.joiners,
    lead,
    elaborated: seg.elaborated,
    elaboration: seg.elaboration,
    ambiguous: extra.ambiguous ?? false
  })

  // a technique name on its own is a noun phrase ("Wait time", "interleaving")
  const technique = techniqueAt(ctx, i)
  const coversAll = technique !== undefined && i + technique.len >= seg.to
  const guessed = technique !== undefined && tags[i] === "unknown"
  const head = guessed ? undefined : (headAt(ctx, i, seg.to, hedged || afterAdditive) ?? (i === opened ? rereadVerb(ctx, i, seg.to) : undefined))
  if (head && (!coversAll || !sameSentence)) {
    // "Model answers and scaffold…" is read as a verb if the rest of its part has a verb too
    clauses.push(clause("verb", head, { ambiguous: coversAll }))
    return
  }
  if (!coversAll && studentSubject(ctx, i, seg.to)) {
    clauses.push(clause("outcome", undefined))
    return
  }
  const tag = tags[i]
  const t = tokens[i]
  const modifierStart =
    !coversAll &&
    (tag === "sub" || tag === "prep" || tag === "verb-ing" || tag === "verb-ed" || tag === "adv" || tag === "speech" || tag === "aux" || t?.norm === "to" || t?.norm === "so")
  // a step after a fronted phrase or clause with no comma ("During the plenary cold call the back
  // row", "When the bell goes stand at the door"): read as with a comma, the opening its frame
  const opening = coversAll ? undefined : (afterPhrase(ctx, i, seg.to) ?? afterClause(ctx, i, seg.to))
  if (opening !== undefined) return addAfterOpening(ctx, clauses, seg, opening, more, lead, hedged)
  if (modifierStart) {
    // "…, and also after an answer, ask…": the fronted phrase belongs to the added step
    if (afterAdditive && more) return "carry"
    if (previous && sameSentence) previous.to = seg.to
    else clauses.push(clause("np", undefined))
    return
  }
  // a noun phrase: an elliptical object of the previous verb ("…, pens and cloths"), which is a
  // step of its own when it names a technique under "use/give/…", an aim, or "more/fewer X"
  if (previous && sameSentence && (previous.kind === "verb" || previous.kind === "np-unit")) {
    const parentHead = previous.kind === "np-unit" ? previous.inherited : previous.head !== undefined ? { index: previous.head, len: previous.headLen } : undefined
    const parentLemma = previous.lemma
    const hasTechnique = techniquesIn(ctx, seg.from, seg.to).length > 0
    const comparative = comparativeIn(ctx, seg.from, seg.to) !== undefined
    const parentApplies = parentLemma !== undefined && applyVerbs.has(parentLemma)
    const parentVague = previous.head !== undefined && matchAt(ctx, vagueVerbs, previous.head) !== undefined
    const abstract = !objectIsConcrete(ctx, seg.from, seg.to)
    if ((hasTechnique && (parentApplies || parentVague)) || comparative || (afterAdditive && hasTechnique) || (parentVague && abstract)) {
      clauses.push(clause("np-unit", undefined, { lemma: parentLemma, inherited: parentHead }))
      return
    }
    previous.to = seg.to
    return
  }
  clauses.push(clause("np", undefined))
}

/**
 * Reads the rest of a segment after an opening written with no comma, as it is read with the comma:
 * an opening that would frame the clause does ("Firstly", "During the plenary", "When the bell
 * goes"); another is a phrase of its own, no part of the step ("Afterwards", "Next lesson").
 */
const addAfterOpening = (
  ctx: Ctx,
  clauses: Array<Clause>,
  seg: Segment,
  from: number,
  more: boolean,
  lead: Array<readonly [number, number]>,
  hedged: boolean
): "carry" | undefined => {
  const frameFrom = opensFrame(ctx, seg.from) ? (seg.frameFrom ?? seg.from) : seg.frameFrom
  return addSegment(ctx, clauses, { ...seg, from, frameFrom, opened: true }, more, lead, hedged)
}

const techniqueAt = (ctx: Ctx, i: number): Match<TechniqueInfo> | undefined => {
  let best: Match<TechniqueInfo> | undefined
  for (const set of ctx.techniques) {
    const m = matchAt(ctx, set, i)
    if (m && (!best || m.len > best.len)) best = m
  }
  return best
}

const techniquesIn = (ctx: Ctx, from: number, to: number): ReadonlyArray<{ readonly at: number } & Match<TechniqueInfo>> =>
  ctx.techniques.flatMap((set) => matchesIn(ctx, set, from, to))

interface Head {
  readonly index: number
  readonly len: number
  readonly lemma: string
}

/** The imperative verb that starts a clause at token `i`, if there is one. */
const headAt = (ctx: Ctx, i: number, to: number, allowIng: boolean): Head | undefined => {
  const t = ctx.tokens[i]
  const tag = ctx.tags[i]
  if (!t || t.kind !== "word") return undefined
  const phrase = matchAt(ctx, verbPhrases.any, i)
  if (tag === "verb" || (phrase && phrase.len > 1 && (tag === "unknown" || tag === "adj" || tag === "noun"))) {
    const len = phrase && i + phrase.len <= to ? phrase.len : 1
    return { index: i, len, lemma: len > 1 ? phrase!.value : (verbLemma(t.norm) ?? t.norm) }
  }
  if (allowIng && tag === "verb-ing") {
    const lemma = verbLemma(t.norm)
    if (lemma) return { index: i, len: phrase && phrase.len > 1 ? phrase.len : 1, lemma }
  }
  // an unknown word followed by an object is read as an imperative ("Flick the lights"), but not a
  // sequence or time word ("Afterwards the students…", "Today the starter…")
  const next = ctx.tags[i + 1]
  if (
    tag === "unknown" && i + 1 < to && (next === "det" || next === "pron" || next === "num" || next === "speech") && /^[a-z]{3,}$/u.test(t.norm) &&
    matchAt(ctx, sequenceOpeners, i) === undefined
  ) {
    return { index: i, len: 1, lemma: t.norm }
  }
  return undefined
}

/**
 * A known verb in its base form that the tagger read otherwise because of the word before it, where
 * an opening has just ended: a noun after the opening's adjective, determiner or number ("If possible
 * | pause five seconds", "Next | name a student", "Once everyone is silent | begin the lesson"), "be"
 * read as an auxiliary ("Afterwards | be at the door"). A word must follow it, not an auxiliary
 * ("Next question." and "First answer is…" stay nouns), unless it is a move after an adjective ("If
 * possible | wait.", "Once everyone is silent | wait.").
 */
const rereadVerb = (ctx: Ctx, k: number, to: number): Head | undefined => {
  const t = ctx.tokens[k]
  const tag = ctx.tags[k]
  if (t?.kind !== "word" || (tag !== "noun" && tag !== "aux") || !isBaseVerb(t.norm)) return undefined
  if (k + 1 >= to) return ctx.tags[k - 1] === "adj" && moveVerbs.has(t.norm) ? { index: k, len: 1, lemma: t.norm } : undefined
  const next = ctx.tags[k + 1]
  const w = ctx.tokens[k + 1]!.norm
  // after a lone determiner or number ("Next", "First"), only a plain object start: "Next name a
  // student", but "Next visit to be confirmed", "First hand up after a second" stay noun phrases
  const lone = (ctx.tags[k - 1] === "det" || ctx.tags[k - 1] === "num") && ctx.tags[k - 2] !== "prep"
  if (lone && next !== "det" && next !== "pron" && next !== "num" && next !== "speech") return undefined
  if (next === "punct" || next === "conj" || next === "aux") return undefined
  if (w === "of" || w === "as" || w === "than" || w === "like") return undefined
  const phrase = matchAt(ctx, verbPhrases.any, k)
  const len = phrase && k + phrase.len <= to ? phrase.len : 1
  return { index: k, len, lemma: len > 1 ? phrase!.value : t.norm }
}

/** A hedge that starts a step at token `k` ("maybe", "try to"), with words after it. */
const hedgeAt = (ctx: Ctx, k: number, to: number): boolean => {
  const m = matchAt(ctx, hedgeAnywhere, k) ?? matchAt(ctx, hedgeLeading, k)
  return m !== undefined && k + m.len < to
}

/**
 * Whether an opening written with no comma ends before token `end` and a step starts after it ("If
 * possible pause…", "Firstly name…", "During the plenary flick…", "When the bell goes stand…").
 */
const stepAfterOpening = (ctx: Ctx, start: number, end: number): boolean => {
  for (const set of [hedgeAnywhere, sequenceOpeners]) {
    const m = matchAt(ctx, set, start)
    if (m && start + m.len < end && stepAt(ctx, start + m.len, end)) return true
  }
  return afterPhrase(ctx, start, end) !== undefined || afterClause(ctx, start, end) !== undefined
}

/** A question word ("why", "what", "how"): a question after an opening is no step ("After the bell why do you…?"). */
const asks = (ctx: Ctx, j: number): boolean => ctx.tags[j] === "pron" && questionStarts.has(ctx.tokens[j]!.norm)

/** Whether a step starts at token `k`, just after an opening: an imperative or a hedge. */
const stepAt = (ctx: Ctx, k: number, to: number): boolean =>
  headAt(ctx, k, to, false) !== undefined || rereadVerb(ctx, k, to) !== undefined || hedgeAt(ctx, k, to)

/**
 * Where the step starts after a fronted place or time phrase with no comma: "During the plenary |
 * flick the lights", "In front of them | point to the board", "After the bell | stand at the door".
 * It starts after the phrase's noun (or an object pronoun), at a known verb, a multi-word verb, an
 * unknown word with an object after a noun ("plenary flick the lights") or a hedge; never after
 * students ("During the plenary the students write…" is no instruction).
 */
const afterPhrase = (ctx: Ctx, i: number, to: number): number | undefined => {
  const { tokens, tags } = ctx
  if (tags[i] !== "prep" || !phraseOpeners.has(tokens[i]!.norm)) return undefined
  for (let j = i + 2; j < to; j++) {
    if (asks(ctx, j)) return undefined
    const prevTag = tags[j - 1]
    const pronoun = prevTag === "pron" && objectPronouns.has(tokens[j - 1]!.norm)
    if (prevTag !== "noun" && prevTag !== "unknown" && prevTag !== "num" && prevTag !== "adj" && !pronoun) continue
    if (studentNouns.has(tokens[j - 1]!.key)) break
    const inner = headAt(ctx, j, to, false)
    if (inner && (tags[j] === "verb" || inner.len > 1 || (tags[j] === "unknown" && (prevTag === "noun" || pronoun)))) return j
    if ((prevTag !== "num" && rereadVerb(ctx, j, to) !== undefined) || hedgeAt(ctx, j, to)) return j
  }
  return undefined
}

/**
 * Where the step starts after a fronted time or condition clause with no comma: "When the bell goes |
 * stand at the door", "As soon as they sit down | hand out the sheet", "Once everyone is silent |
 * begin the lesson". The clause has a subject (a pronoun or a noun phrase) and a verb (auxiliaries, a
 * verb in any form, a particle); the step starts after that verb, not after a determiner, number,
 * preposition or "to" ("When students ask for help" names no step), nor after students (their own
 * verb), at an imperative with words after it or a move verb ("When they finish wait"), or a hedge.
 */
const afterClause = (ctx: Ctx, i: number, to: number): number | undefined => {
  const { tokens, tags } = ctx
  const opener = matchAt(ctx, clauseOpeners, i)
  if (!opener) return undefined
  const subject = i + opener.len
  let k = subject
  if (tags[k] === "pron") k++
  else while (k < to && (tags[k] === "det" || tags[k] === "adj" || tags[k] === "num" || tags[k] === "noun" || tags[k] === "unknown")) k++
  if (k === subject) return undefined
  const verb = k
  while (k < to && tags[k] === "aux") k++
  if (k < to && (tags[k] === "verb" || tags[k] === "verb-s" || tags[k] === "verb-ed" || tags[k] === "verb-ing")) k++
  if (k === verb) return undefined
  if (k < to && particles.has(tokens[k]!.norm)) k++
  for (let j = k; j < to; j++) {
    const tag = tags[j]
    if (tag === "punct" || tag === "conj" || tag === "sub" || asks(ctx, j)) return undefined
    const before = tags[j - 1]
    if (j > k && (before === "det" || before === "num" || before === "prep" || tokens[j - 1]!.norm === "to")) continue
    if (j > k && studentNouns.has(tokens[j - 1]!.key)) return undefined
    if (hedgeAt(ctx, j, to)) return j
    // a verb alone at the end is the clause's own ("When students need help"), unless a move ("When they finish wait")
    const head = headAt(ctx, j, to, false) ?? rereadVerb(ctx, j, to)
    if (head && (head.index + head.len < to || moveVerbs.has(head.lemma))) return j
  }
  return undefined
}

/** "Students will…", "All pupils are…", "The class to…", "Year 9 complete…": a student subject with a verb. */
const studentSubject = (ctx: Ctx, from: number, to: number): boolean => {
  const { tokens, tags } = ctx
  let i = from
  while (i < to && (tags[i] === "det" || tags[i] === "num" || tags[i] === "adj")) i++
  const subject = tokens[i]
  if (!subject || subject.norm.endsWith("'s") || !(studentNouns.has(subject.norm) || studentNouns.has(subject.key))) return false
  i++
  while (i < to && (tags[i] === "num" || tokens[i]?.kind === "number")) i++
  const verbish = (k: number) => {
    const tag = tags[k]
    const w = tokens[k]?.norm
    return tag === "aux" || tag === "verb" || tag === "verb-s" || tag === "verb-ed" || w === "to" || (tag === "noun" && verbLemma(w ?? "") !== undefined)
  }
  // "Year 9 set 2" is a class, not a sentence
  if (tokens[i]?.norm === "set" && (tokens[i + 1]?.kind === "number" || tags[i + 1] === "num")) return false
  if (i < to && (verbish(i) || (matchAt(ctx, verbPhrases.any, i)?.len ?? 0) > 1)) return true
  // "The students in set 4 write…": skip a short prepositional phrase
  if (i < to && tags[i] === "prep") {
    for (let k = i + 2; k < Math.min(to, i + 6); k++) {
      if ((tags[k] === "verb" || tags[k] === "verb-s" || tags[k] === "aux") && tags[k - 1] !== "det") return true
    }
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// judging one clause
// ---------------------------------------------------------------------------------------------

/** The object of a clause's head: tokens up to the first preposition, conjunction or comma. */
const objectRange = (ctx: Ctx, from: number, to: number): readonly [number, number] => {
  let end = from
  while (end < to) {
    const tag = ctx.tags[end]
    const w = ctx.tokens[end]!.norm
    if (tag === "punct" || tag === "prep" || tag === "sub" || tag === "conj" || w === "to" || w === "by") break
    end++
  }
  return [from, end]
}

const objectIsConcrete = (ctx: Ctx, from: number, to: number): boolean => {
  const [a, b] = objectRange(ctx, from, to)
  for (let k = a; k < b; k++) {
    const t = ctx.tokens[k]!
    if (t.kind === "speech" || concreteObjects.has(t.norm) || concreteObjects.has(t.key)) return true
  }
  return false
}

/** "more praise", "fewer sanctions", "better feedback", "praise more" (not "two more", "fewer than"). */
const comparativeIn = (ctx: Ctx, from: number, to: number): number | undefined => {
  for (let k = from; k < to; k++) {
    const t = ctx.tokens[k]!
    if (t.kind !== "word" || !comparatives.has(t.norm)) continue
    const before = ctx.tags[k - 1]
    const after = ctx.tokens[k + 1]
    if (before === "num" || ctx.tokens[k - 1]?.kind === "number" || after?.norm === "than") continue
    if (ctx.tokens[k - 1]?.norm === "no" || ctx.tokens[k - 1]?.norm === "any") continue
    return k
  }
  return undefined
}

const hasByMeans = (ctx: Ctx, from: number, to: number): boolean => {
  for (let k = from; k + 1 < to; k++) {
    if (ctx.tokens[k]!.norm === "by" && ctx.tags[k + 1] === "verb-ing") return true
  }
  return false
}

const hasInstrument = (ctx: Ctx, from: number, to: number): boolean => {
  for (let k = from; k + 1 < to; k++) {
    if (ctx.tokens[k]!.norm === "to" && (ctx.tags[k + 1] === "verb" || verbLemma(ctx.tokens[k + 1]!.norm) !== undefined)) return true
  }
  return false
}

/**
 * Judges one clause: adds its findings and says whether it is a **unit** (a technique, habit or
 * aim that would be an action step of its own) rather than a concrete move.
 */
const judgeClause = (ctx: Ctx, c: Clause, findings: Array<RawFinding>): boolean => {
  const { tokens, tags } = ctx
  if (c.kind === "np") {
    for (const m of matchesIn(ctx, vaguePhrases, c.from, c.to)) findings.push({ code: "VAGUE", span: spanOf(ctx, m.at, m.at + m.len), words: wordsOf(ctx, m.at, m.at + m.len) })
    return false
  }
  if (c.kind === "outcome") {
    findings.push({ code: "STUDENT_OUTCOME", span: spanOf(ctx, c.from, c.to), words: wordsOf(ctx, c.from, c.to) })
    return true
  }
  if (c.kind === "np-unit") {
    const comparative = comparativeIn(ctx, c.from, c.to)
    if (comparative !== undefined) findings.push({ code: "VAGUE", span: spanOf(ctx, comparative, comparative + 1), words: tokens[comparative]!.text })
    return true
  }
  const head = c.head!
  const headEnd = head + c.headLen
  const lemma = c.lemma ?? ""
  const elaborated = c.elaborated
  const byMeans = hasByMeans(ctx, headEnd, c.to)
  let unit = false
  const flag = (code: FindingCode, from: number, to: number) => {
    findings.push({ code, span: spanOf(ctx, from, to), words: wordsOf(ctx, from, to) })
    unit = true
  }

  // in the teacher's head: understand, believe, be aware …
  const move = matchAt(ctx, verbPhrases.move, head)
  const unobservable = matchAt(ctx, unobservablePhrases, head) ?? matchAt(ctx, unobservableVerbs, head)
  if (unobservable && !(move && move.len > unobservable.len)) flag("UNOBSERVABLE", head, head + unobservable.len)

  // an aim, not an action: improve, develop, work on, ensure … (unless the means are given)
  const vagueVerb = matchAt(ctx, vagueVerbs, head)
  if (vagueVerb && !(move && move.len > vagueVerb.len) && !byMeans && !elaborated && !objectIsConcrete(ctx, head + vagueVerb.len, c.to)) {
    flag("VAGUE", head, head + vagueVerb.len)
    if ((lemma === "make sure" || lemma === "ensure") && studentSubject(ctx, head + vagueVerb.len, c.to)) {
      flag("STUDENT_OUTCOME", head + vagueVerb.len, c.to)
    }
  }
  // "be more assertive", "be clearer" (but "be at the door", "be silent for three seconds")
  if (lemma === "be" && !unobservable) {
    let k = headEnd
    while (k < c.to && beDegrees.has(tokens[k]!.norm)) k++
    const w = tokens[k]
    if (w && !concreteBe.has(w.norm) && (vagueBeAdjectives.has(w.norm) || k > headEnd || comparatives.has(w.norm) || /er$/u.test(w.norm))) {
      flag("VAGUE", head, k + 1)
    }
  }
  for (const m of matchesIn(ctx, vaguePhrases, headEnd, c.to)) flag("VAGUE", m.at, m.at + m.len)
  const comparative = comparativeIn(ctx, headEnd, c.to)
  if (comparative !== undefined) flag("VAGUE", comparative, comparative + 1)
  for (let k = headEnd; k < c.to; k++) {
    const t = tokens[k]!
    if (t.kind === "word" && vagueAdverbs.has(t.norm) && tags[k] !== "det" && !comparatives.has(t.norm) && tokens[k - 1]?.norm !== "as") {
      if (t.norm === "well" && tokens[k + 1] !== undefined && tokens[k + 1]!.kind === "word") continue
      flag("VAGUE", k, k + 1)
    }
  }

  // too broad: a programme, a scheme of work, a culture, the whole department
  if (broadStrongVerbs.has(lemma)) flag("TOO_BROAD", head, headEnd)
  for (const m of matchesIn(ctx, broadAlwaysNouns, headEnd, c.to)) flag("TOO_BROAD", m.at, m.at + m.len)
  if (broadVerbs.has(lemma)) {
    const [a, b] = objectRange(ctx, headEnd, c.to)
    for (const m of matchesIn(ctx, broadNouns, a, Math.min(c.to, b + 6))) flag("TOO_BROAD", m.at, m.at + m.len)
  }

  // a technique put to use ("use cold call") or a technique verb with a generic object
  // ("scaffold responses", "praise effort") is a step of its own; "use the visualiser to show
  // …", "scaffold the first question by …" and "use wait time: …" are moves
  if (!elaborated && !byMeans) {
    const techniques = techniquesIn(ctx, headEnd, c.to)
    if (applyVerbs.has(lemma) && techniques.length > 0 && !hasInstrument(ctx, headEnd, c.to)) unit = true
    if (techniqueVerbs.has(lemma) && techniqueOfVerb.has(lemma)) {
      let k = headEnd
      while (k < c.to && tags[k] === "adv" && !vagueAdverbs.has(tokens[k]!.norm)) k++
      const t = tokens[k]
      const tag = tags[k]
      const generic = t !== undefined && t.kind === "word" && (tag === "noun" || tag === "unknown" || tag === "adj" || tag === "verb-ing" || tag === "verb-s" || t.norm === "your")
      if (generic && !studentNouns.has(t.key)) unit = true
    }
  }
  return unit
}

// ---------------------------------------------------------------------------------------------
// grouping clauses into single steps
// ---------------------------------------------------------------------------------------------

const momentsOf = (ctx: Ctx, c: Clause): ReadonlySet<string> =>
  new Set(matchesIn(ctx, moments, startOf(c), c.to).map((m) => m.value))

const conflict = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  if (a.has("outside") !== b.has("outside")) return a.size + b.size > 0 && (a.has("outside") || b.has("outside"))
  if (a.size === 0 || b.size === 0) return false
  for (const m of a) if (b.has(m)) return false
  return true
}

const timers = new Set(["before", "after", "until", "till", "once", "then"])
const timedInside = (ctx: Ctx, c: Clause): boolean => {
  for (let k = (c.head ?? c.from) + 1; k < c.to; k++) if (timers.has(ctx.tokens[k]!.norm)) return true
  return false
}

const group = (ctx: Ctx, clauses: ReadonlyArray<Clause>, units: ReadonlyArray<boolean>): ReadonlyArray<ReadonlyArray<Clause>> => {
  const groups: Array<{ clauses: Array<Clause>; unit: boolean; moments: Set<string>; elaborated: boolean }> = []
  clauses.forEach((c, n) => {
    if (c.kind === "np") return
    const unit = units[n]!
    const own = momentsOf(ctx, c)
    const last = groups[groups.length - 1]
    const anaphoric = matchesIn(ctx, anaphora, c.from, c.to).length > 0
    const sequenced = c.joiners.has("then") || matchAt(ctx, sequencers, c.head ?? c.from) !== undefined
    const join = (): boolean => {
      if (!last) return false
      if (c.joiners.has("additive")) return false
      if (c.elaboration && last.elaborated) return true
      if (conflict(last.moments, own)) return false
      // a technique step timed against the routine's moves ("…and give thinking time before
      // taking answers") belongs to the routine; a habit ("more …") never does
      if (unit) return !last.unit && timedInside(ctx, c) && comparativeIn(ctx, c.from, c.to) === undefined
      if (!last.unit) return true
      return sequenced || anaphoric
    }
    if (last && join()) {
      last.clauses.push(c)
      for (const m of own) last.moments.add(m)
      last.elaborated = last.elaborated || c.elaborated
    } else {
      groups.push({ clauses: [c], unit: unit && !c.elaborated, moments: new Set(own), elaborated: c.elaborated })
    }
  })
  return groups.map((g) => g.clauses)
}

// ---------------------------------------------------------------------------------------------
// suggestions
// ---------------------------------------------------------------------------------------------

const leadingJoinerWords = /^(?:(?:and|or|but|then|also|plus|as well as|in addition(?: to)?|along with|while also|whilst also)\b[\s,]*)+/iu

const sentenceCase = (s: string): string => {
  let out = s.trim().replace(leadingJoinerWords, "").replace(/[\s,;:–—-]+$/u, "").trim()
  if (out.length === 0) return out
  out = out[0]!.toUpperCase() + out.slice(1)
  return /[.!?]["'”’]?$/u.test(out) ? out : `${out}.`
}

/** One group as a single step: its own words, with the verb it shares supplied ("Give fewer sanctions"). */
const suggestionOf = (ctx: Ctx, clauses: ReadonlyArray<Clause>): string => {
  const first = clauses[0]!
  const last = clauses[clauses.length - 1]!
  const from = startOf(first)
  const [s] = spanOf(ctx, from, from + 1)
  const [, e] = spanOf(ctx, last.to - 1, last.to)
  let body = ctx.text.slice(s, e)
  if (first.kind === "np-unit" && first.inherited) {
    const verb = wordsOf(ctx, first.inherited.index, first.inherited.index + first.inherited.len)
    body = `${verb.toLowerCase()} ${body.replace(leadingJoinerWords, "")}`
  } else if (first.kind === "verb" && first.head !== undefined && ctx.tags[first.head] === "verb-ing" && first.lemma) {
    // "as well as tightening the routine" → "Tighten the routine"
    const h = ctx.tokens[first.head]!
    body = ctx.text.slice(s, h.start) + first.lemma + ctx.text.slice(h.end, e)
  }
  return sentenceCase(body)
}

/**
 * Tidies the edge a removed hedge leaves when a mark or the end follows it: the separator or joining
 * word before it goes ("seconds, [if possible]." → "seconds."), and after a sentence already closed,
 * the marks after it go too ("student. [See if you can]." → "student."). Gives the text kept so far
 * and where the rest of the text resumes.
 */
const joinAcross = (text: string, kept: string, resume: number): readonly [string, number] => {
  const rest = text.slice(resume)
  const next = rest.trimStart()
  if (!/^(?:[,;:.!?]|$)/u.test(next)) return [kept, resume]
  const trimmed = kept.replace(/(?:[\s,;:–—-]|\s(?:and|or|but|then)\b)+$/iu, "")
  if (!/[.!?]["'”’]?$/u.test(trimmed)) return [trimmed, resume]
  const marks = /^[\s,;:.!?]*/u.exec(next)![0].length
  return [`${trimmed} `, resume + rest.length - next.length + marks]
}

/** The step with its hedges taken out ("Try to pause…" → "Pause…"), if that leaves a step. */
const withoutHedges = (ctx: Ctx, findings: ReadonlyArray<RawFinding>): string | undefined => {
  const spans = findings.filter((f) => f.code === "HEDGED").map((f) => f.span).sort((a, b) => a[0] - b[0])
  let out = ""
  let at = 0
  for (const [a, b] of spans) {
    if (a < at) continue
    const [kept, resume] = joinAcross(ctx.text, out + ctx.text.slice(at, a), b)
    out = kept
    at = resume
  }
  out += ctx.text.slice(at)
  out = out.replace(/^[\s,]*(?:to\s+|and\s+)?/iu, "").replace(/\s{2,}/gu, " ").replace(/\s+([,.;:!?])/gu, "$1").replace(/^,\s*/u, "")
  const words = out.trim().split(/\s+/u)
  const head = words[0]?.toLowerCase().replace(/[^a-z'-]/gu, "") ?? ""
  if (head.endsWith("ing")) {
    const lemma = verbLemma(head)
    // only the word changes: "Pausing, then…" → "Pause, then…"
    if (lemma) words[0] = words[0]!.replace(/[\p{L}'’-]+/u, lemma)
  }
  const result = sentenceCase(words.join(" "))
  return result.length > 1 ? result : undefined
}

// ---------------------------------------------------------------------------------------------
// techniques named, and the regular-expression layer (whole approaches, aspirations)
// ---------------------------------------------------------------------------------------------

/** The techniques a run of clauses names: technique phrases, and technique verbs ("scaffold responses"). */
const namedIn = (ctx: Ctx, clauses: ReadonlyArray<Clause>): ReadonlyArray<NamedTechnique> => {
  const out: Array<NamedTechnique> = []
  const seen = new Set<string>()
  const add = (id: string, words: string) => {
    if (seen.has(id)) return
    seen.add(id)
    out.push({ id, words })
  }
  for (const c of clauses) {
    if (c.kind === "verb" && c.lemma !== undefined && c.head !== undefined) {
      const id = techniqueOfVerb.get(c.lemma)
      if (id !== undefined && techniqueVerbs.has(c.lemma)) add(id, wordsOf(ctx, c.head, c.head + c.headLen))
    }
    for (const m of techniquesIn(ctx, startOf(c), c.to)) add(m.value.id, wordsOf(ctx, m.at, m.at + m.len))
  }
  return out
}

/** The text with quoted speech blanked (same length): what the teacher says is never read as the step. */
const withoutSpeech = (ctx: Ctx): string => {
  let out = ""
  let at = 0
  for (const t of ctx.tokens) {
    if (t.kind !== "speech") continue
    out += ctx.text.slice(at, t.start) + " ".repeat(t.end - t.start)
    at = t.end
  }
  return out + ctx.text.slice(at)
}

const wordChar = /[\p{L}\p{N}]/u

/** Every match of a global expression that starts a word, as `[start, end)` spans, left to right. */
const regexMatches = (re: RegExp, text: string): ReadonlyArray<readonly [number, number]> => {
  const out: Array<readonly [number, number]> = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0 || (m.index > 0 && wordChar.test(text[m.index - 1]!))) {
      re.lastIndex = m.index + 1
      continue
    }
    out.push([m.index, m.index + m[0].length])
  }
  re.lastIndex = 0
  return out
}
