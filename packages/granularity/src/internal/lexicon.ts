/**
 * The hand-kept lexicon: loads the word lists in `src/lexicon/*.json` once and answers look-ups
 * (spelling, lemmas, phrase matches). Every word list lives in those data files, not here.
 */
import concrete from "../lexicon/concrete-steps.json" with { type: "json" }
import markers from "../lexicon/markers.json" with { type: "json" }
import spelling from "../lexicon/spelling.json" with { type: "json" }
import techniques from "../lexicon/techniques.json" with { type: "json" }
import verbs from "../lexicon/verbs.json" with { type: "json" }
import words from "../lexicon/words.json" with { type: "json" }

// ---------------------------------------------------------------------------------------------
// spelling and word forms
// ---------------------------------------------------------------------------------------------

const usToGb: ReadonlyMap<string, string> = new Map(Object.entries(spelling.usToGb))
const keepIze: ReadonlySet<string> = new Set(spelling.keepIze)

/** A lower-case word in en-GB spelling ("behavior" → "behaviour", "organize" → "organise"). */
export const normalise = (lower: string): string => {
  const mapped = usToGb.get(lower)
  if (mapped !== undefined) return mapped
  if (keepIze.has(lower) || lower.length < 5) return lower
  const ize = /^(.{2,}?)(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$/u.exec(lower)
  if (ize) return `${ize[1]}${ize[2] === "iz" ? "is" : "ys"}${ize[3]}`
  return lower
}

const irregularPlurals: ReadonlyMap<string, string> = new Map([
  ["criteria", "criterion"], ["children", "child"], ["people", "person"], ["men", "man"], ["women", "woman"],
  ["analyses", "analysis"], ["these", "these"], ["those", "those"], ["does", "does"], ["is", "is"], ["was", "was"], ["has", "has"],
  ["always", "always"], ["perhaps", "perhaps"], ["yes", "yes"], ["its", "its"], ["this", "this"], ["us", "us"], ["thus", "thus"],
  ["plus", "plus"], ["bus", "bus"], ["focus", "focus"], ["less", "less"], ["process", "process"], ["class", "class"], ["glass", "glass"]
])

/** A lower-case word made singular by rule (good enough for matching list entries). */
export const singular = (w: string): string => {
  const irregular = irregularPlurals.get(w)
  if (irregular !== undefined) return irregular
  if (w.length <= 3 || !w.endsWith("s") || w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || w.endsWith("'s")) return w
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`
  if (/(ches|shes|xes|zes|sses)$/u.test(w)) return w.slice(0, -2)
  return w.slice(0, -1)
}

const allVerbs: ReadonlySet<string> = new Set([
  ...verbs.move, ...verbs.apply, ...verbs.technique, ...verbs.other
].filter((v) => !v.includes(" ")).map(normalise))

/** Whether a lower-case word is a verb the lexicon knows, in base form. */
export const isBaseVerb = (w: string): boolean => allVerbs.has(w)

/** The base form of a known verb in any inflection ("naming" → "name"), or undefined. */
export const verbLemma = (w: string): string | undefined => {
  if (allVerbs.has(w)) return w
  const tries: Array<string> = []
  if (w.endsWith("ing") && w.length > 4) {
    const stem = w.slice(0, -3)
    tries.push(stem, `${stem}e`)
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) tries.push(stem.slice(0, -1))
    if (stem.endsWith("y")) tries.push(`${stem.slice(0, -1)}ie`)
  } else if (w.endsWith("ied") && w.length > 4) {
    tries.push(`${w.slice(0, -3)}y`)
  } else if (w.endsWith("ed") && w.length > 3) {
    const stem = w.slice(0, -2)
    tries.push(stem, `${stem}e`)
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) tries.push(stem.slice(0, -1))
  } else if (w.endsWith("ies") && w.length > 4) {
    tries.push(`${w.slice(0, -3)}y`)
  } else if (w.endsWith("es") && w.length > 3) {
    tries.push(w.slice(0, -2), w.slice(0, -1))
  } else if (w.endsWith("s") && w.length > 2) {
    tries.push(w.slice(0, -1))
  }
  return tries.find((t) => allVerbs.has(t))
}

/** Inflection of a verb form: base, -ing, -ed or -s. */
export const verbForm = (w: string, lemma: string): "base" | "ing" | "ed" | "s" =>
  w === lemma ? "base" : w.endsWith("ing") ? "ing" : w.endsWith("ed") ? "ed" : w.endsWith("s") ? "s" : "ed"

// ---------------------------------------------------------------------------------------------
// phrase lists
// ---------------------------------------------------------------------------------------------

/** A phrase list, indexed by first word; phrases are split on spaces and hyphens. */
export interface PhraseSet<V> {
  readonly byFirst: ReadonlyMap<string, ReadonlyArray<{ readonly words: ReadonlyArray<string>; readonly value: V }>>
}

const splitPhrase = (phrase: string): ReadonlyArray<string> =>
  phrase.toLowerCase().split(/[\s\-‐]+/u).filter((w) => w.length > 0).map(normalise)

/** Builds a phrase set from (phrase, value) pairs; longer phrases are tried first. */
export const phraseSet = <V>(entries: Iterable<readonly [string, V]>): PhraseSet<V> => {
  const byFirst = new Map<string, Array<{ words: ReadonlyArray<string>; value: V }>>()
  for (const [phrase, value] of entries) {
    const ws = splitPhrase(phrase)
    const first = ws[0]
    if (first === undefined) continue
    const list = byFirst.get(first) ?? []
    list.push({ words: ws, value })
    byFirst.set(first, list)
    const singularFirst = singular(first)
    if (singularFirst !== first) {
      const l2 = byFirst.get(singularFirst) ?? []
      l2.push({ words: ws, value })
      byFirst.set(singularFirst, l2)
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length)
  return { byFirst }
}

const plain = (list: ReadonlyArray<string>): PhraseSet<string> => phraseSet(list.map((p) => [p, p] as const))

/** The verb lists, as phrases (multi-word verbs such as "hand out", "cold call"). */
export const verbPhrases = {
  move: plain(verbs.move),
  apply: plain(verbs.apply),
  technique: plain(verbs.technique),
  any: plain([...verbs.move, ...verbs.apply, ...verbs.technique, ...verbs.other, ...markers.vague.verbs, ...markers.unobservable.verbs])
}
export const applyVerbs: ReadonlySet<string> = new Set(verbs.apply.map(normalise))
export const techniqueVerbs: ReadonlySet<string> = new Set(verbs.technique.map(normalise))
export const moveVerbs: ReadonlySet<string> = new Set(verbs.move.map(normalise))
export const auxiliaries: ReadonlySet<string> = new Set(verbs.auxiliary)

/** The technique a technique verb names ("scaffold" → scaffolding). */
export const techniqueOfVerb: ReadonlyMap<string, string> = new Map([
  ["scaffold", "scaffolding"], ["differentiate", "differentiation"], ["chunk", "instructions"], ["model", "modelling"],
  ["praise", "praise"], ["sanction", "sanctions"], ["narrate", "positive-narration"], ["cold call", "cold-call"],
  ["circulate", "circulation"], ["interleave", "spaced-practice"], ["stretch", "differentiation"], ["personalise", "differentiation"],
  ["reward", "rewards"], ["question", "questioning"], ["check", "check-for-understanding"], ["quiz", "retrieval-practice"],
  ["test", "retrieval-practice"], ["review", "retrieval-practice"], ["recap", "retrieval-practice"], ["revisit", "retrieval-practice"],
  ["retrieve", "retrieval-practice"], ["assess", "check-for-understanding"], ["mark", "whole-class-feedback"],
  ["feed back", "whole-class-feedback"], ["explain", "explanation"], ["frame", "positive-narration"], ["reframe", "positive-narration"],
  ["dual code", "dual-coding"], ["space", "spaced-practice"], ["adapt", "differentiation"], ["extend", "differentiation"], ["simplify", "differentiation"]
])

/** A technique the lexicon knows. */
export interface TechniqueInfo {
  readonly id: string
  readonly area: string
}

/** A concrete, granular step for each technique id (what a suggestion offers for "Use cold call."). */
export const concreteSteps: ReadonlyMap<string, string> = new Map(Object.entries(concrete.steps))

/** Playbook technique ids that name a lexicon technique ("think-aloud" → "modelling"). */
export const techniqueAliases: ReadonlyMap<string, string> = new Map(
  techniques.techniques.flatMap((t) => ((t as { aliases?: ReadonlyArray<string> }).aliases ?? []).map((a) => [a, t.id] as const))
)

const techniqueEntries: Array<readonly [string, TechniqueInfo]> = []
for (const t of techniques.techniques) for (const f of t.forms) techniqueEntries.push([f, { id: t.id, area: t.area }])
/** Technique, tool and habit names, by playbook area. */
export const techniquePhrases: PhraseSet<TechniqueInfo> = phraseSet(techniqueEntries)

export const vagueVerbs = plain(markers.vague.verbs)
export const vaguePhrases = plain(markers.vague.phrases)
export const vagueAdverbs: ReadonlySet<string> = new Set(markers.vague.adverbs)
export const comparatives: ReadonlySet<string> = new Set(markers.vague.comparatives)
export const vagueBeAdjectives: ReadonlySet<string> = new Set(markers.vague.beAdjectives.map(normalise))
export const concreteBe: ReadonlySet<string> = new Set(markers.vague.concreteBe)
/** Degree words between "be" and its adjective ("be very patient", "be a bit firmer"). */
export const beDegrees: ReadonlySet<string> = new Set(markers.vague.beDegrees)
export const concreteObjects: ReadonlySet<string> = new Set(markers.vague.concreteObjects.map(normalise))
export const unobservableVerbs = plain(markers.unobservable.verbs)
export const unobservablePhrases = plain(markers.unobservable.phrases)
export const hedgeAnywhere = plain(markers.hedges.anywhere)
export const hedgeLeading = plain(markers.hedges.leading)
export const broadNouns = plain(markers.broad.nouns)
export const broadVerbs: ReadonlySet<string> = new Set(markers.broad.verbs.map(normalise))
export const broadStrongVerbs: ReadonlySet<string> = new Set(markers.broad.strongVerbs.map(normalise))
export const broadScopes = plain(markers.broad.scopes)
export const broadAlwaysNouns = plain(markers.broad.alwaysNouns)
export const studentNouns: ReadonlySet<string> = new Set(markers.students.nouns)
export const sequencers = plain(markers.sequencers)
export const additives = plain(markers.additive)
export const anaphora = plain(markers.anaphora)
export const moments: PhraseSet<string> = phraseSet(markers.moments.flatMap((m) => m.phrases.map((p) => [p, m.moment] as const)))
/** Sequence and time words that may come before a step's verb with no comma ("Afterwards name…", "Next lesson pause…"). */
export const sequenceOpeners = plain(markers.openers.sequence)
/** Words that open a time or condition clause before a step's verb ("When the bell goes stand…", "As soon as they sit down hand out…"). */
export const clauseOpeners = plain(markers.openers.clauses)
/** Prepositions that open a place or time phrase before a step's verb ("During the plenary flick…"). */
export const phraseOpeners: ReadonlySet<string> = new Set(markers.openers.phrases)
/** Object pronouns that may end such a phrase ("In front of them point…"). */
export const objectPronouns: ReadonlySet<string> = new Set(markers.openers.objectPronouns)
/** Particles that may follow the verb of an opening clause ("sit down", "calls out"). */
export const particles: ReadonlySet<string> = new Set(markers.openers.particles)
export const notActionStarts = plain(markers.notAction.starts)
/** Light verbs that name no move with nothing but `emptyComplements` after them ("Do it.", "Have a go."). */
export const emptyVerbs: ReadonlySet<string> = new Set(markers.notAction.emptyVerbs)
export const emptyComplements: ReadonlySet<string> = new Set(markers.notAction.emptyComplements)
export const questionStarts: ReadonlySet<string> = new Set(markers.questionStarts)
export const observationVerbs: ReadonlySet<string> = new Set(markers.observation)

export const determiners: ReadonlySet<string> = new Set(words.determiners)
export const pronouns: ReadonlySet<string> = new Set(words.pronouns)
export const prepositions: ReadonlySet<string> = new Set(words.prepositions)
export const conjunctions: ReadonlySet<string> = new Set(words.conjunctions)
export const subordinators: ReadonlySet<string> = new Set(words.subordinators)
export const adverbs: ReadonlySet<string> = new Set(words.adverbs)
export const numbers: ReadonlySet<string> = new Set(words.numbers)
export const nouns: ReadonlySet<string> = new Set(words.nouns)
export const abbreviations: ReadonlySet<string> = new Set(words.abbreviations.map((a) => a.replace(/\.$/u, "")))

// ---------------------------------------------------------------------------------------------
// whole approaches and aspirations (regular expressions over the text, speech blanked)
// ---------------------------------------------------------------------------------------------

/** Compiles patterns into one global, case-insensitive expression ending on a word boundary. */
const compileRe = (patterns: ReadonlyArray<string>): RegExp =>
  new RegExp(`(?:${patterns.map((p) => `(?:${p.replace(/ /g, "\\s+")})`).join("|")})(?![\\p{L}\\p{N}])`, "giu")

const ratings = `(?:${markers.aspiration.ratings.join("|")})`

/** A whole approach, philosophy or named set of principles given as the step. */
export const wholeApproach: RegExp = compileRe(markers.approach.wholeApproach)
/** A planning instruction that puts lesson features into every lesson. */
export const planningBundle: RegExp = compileRe(markers.approach.planning)
/** An end state about the teacher's standing or a lesson's rating. */
export const aspiration: RegExp = compileRe(markers.aspiration.patterns.map((p) => p.replaceAll("{ratings}", ratings)))
