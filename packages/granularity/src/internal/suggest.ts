/**
 * Suggestions a coach can use: every suggestion the checker returns passes the checker itself.
 * A candidate single step that is granular as written is kept in the coach's words; one that
 * only names a technique ("Use elaborative questioning.") is replaced by a concrete step for
 * that technique — built from the school's playbook sub-steps when given, else the lexicon's
 * own concrete step; a candidate that cannot be made granular is dropped.
 */
import { isBlocking } from "../Findings.js"
import { analyse, type Candidate } from "./analyse.js"
import { concreteSteps, type PhraseSet, type TechniqueInfo } from "./lexicon.js"
import type { Tagger } from "./tagger.js"

/** At most this many suggestions: a coach picks one step, not a list. */
const MAX_SUGGESTIONS = 4

/** The school part `suggest` needs: its technique names and sub-steps by id. */
export interface SchoolSteps {
  readonly phrases: PhraseSet<TechniqueInfo> | undefined
  readonly subSteps: ReadonlyMap<string, ReadonlyArray<string>>
}

const lowerFirst = (s: string): string => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s)
const upperFirst = (s: string): string => (/^\p{Ll}/u.test(s) ? s[0]!.toUpperCase() + s.slice(1) : s)
const bare = (s: string): string => s.trim().replace(/[\s.;,]+$/u, "")

/** Sub-steps as one routine: "A.", "A, then b.", "A, b, then c." */
export const routineOf = (subSteps: ReadonlyArray<string>): string => {
  const parts = subSteps.map(bare).filter((p) => p.length > 0).map((p, i) => (i === 0 ? upperFirst(p) : lowerFirst(p)))
  if (parts.length === 0) return ""
  const body = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")}, then ${parts[parts.length - 1]!.replace(/^then\s+/iu, "")}`
  return /[.!?]["'”’]?$/u.test(body) ? body : `${body}.`
}

/** Whether the checker (same tagger, techniques and length limit) finds a text granular. */
const passes = (text: string, school: SchoolSteps, tagger: Tagger, limit: number): boolean => {
  if (text.trim().length === 0 || text.length > limit) return false
  return !analyse(text, tagger, school.phrases).findings.some((f) => isBlocking(f.code))
}

/** The suggestions for candidate single steps, each checked; at most four, no repeats. */
export const suggest = (candidates: ReadonlyArray<Candidate>, school: SchoolSteps, tagger: Tagger, limit: number): ReadonlyArray<string> => {
  const out: Array<string> = []
  const seen = new Set<string>()
  const offer = (text: string): boolean => {
    const key = text.toLowerCase()
    if (seen.has(key) || !passes(text, school, tagger, limit)) return false
    seen.add(key)
    out.push(text)
    return true
  }
  for (const candidate of candidates) {
    if (out.length >= MAX_SUGGESTIONS) break
    if (candidate.text.length > 0 && offer(candidate.text)) continue
    // the playbook's sub-steps for any technique the candidate names come first, then the lexicon's step
    const fromPlaybook = candidate.techniques.flatMap((t) => {
      const subSteps = school.subSteps.get(t.id)
      return subSteps === undefined ? [] : [routineOf(subSteps)]
    })
    const fromLexicon = candidate.techniques.flatMap((t) => {
      const concrete = concreteSteps.get(t.id)
      return concrete === undefined ? [] : [concrete]
    })
    for (const step of [...fromPlaybook, ...fromLexicon]) if (offer(step)) break
  }
  return out
}
