/**
 * The data files under `src/data/`: word lists for the lint, probing questions, rehearsal
 * scenarios and locale spellings. Bundled into the build, so nothing is read at run time.
 */
import actionSteps from "../data/action-steps.json" with { type: "json" }
import genericPraise from "../data/generic-praise.json" with { type: "json" }
import judgement from "../data/judgement.json" with { type: "json" }
import locale from "../data/locale.json" with { type: "json" }
import openProbes from "../data/open-probes.json" with { type: "json" }
import probes from "../data/probes.json" with { type: "json" }
import rehearsal from "../data/rehearsal.json" with { type: "json" }
import studentWords from "../data/student-words.json" with { type: "json" }
import vagueTimeline from "../data/vague-timeline.json" with { type: "json" }
import type { Locale } from "../Script.js"
import { compile } from "./patterns.js"

/** The compiled lint lists. */
export const lists = {
  judgement: compile(judgement.patterns),
  genericPraiseMarkers: compile(genericPraise.markers),
  concreteReference: compile(genericPraise.concrete),
  openProbes: compile(openProbes.patterns),
  stepStatement: compile(actionSteps.statement),
  stepPlural: compile(actionSteps.plural),
  stepJoiners: compile(actionSteps.joiners),
  vague: compile(vagueTimeline.vague),
  vagueExcept: compile(vagueTimeline.except),
  timelineCues: compile(vagueTimeline.cues),
  dates: compile(vagueTimeline.dates),
  studentEffect: compile(studentWords.patterns)
}

/** The words spelt per locale, and its quotation marks. */
export interface LocaleWords {
  readonly practise: string
  readonly Practise: string
  readonly behaviour: string
  readonly recognise: string
  readonly organise: string
  readonly modelled: string
  readonly quoteOpen: string
  readonly quoteClose: string
}

/** The locale words of each locale. */
export const localeWords: Readonly<Record<Locale, LocaleWords>> = { "en-GB": locale["en-GB"], "en-US": locale["en-US"] }

const areaProbes: Readonly<Record<string, ReadonlyArray<string>>> = probes.areas

/** The probing questions of a playbook area (the default list for an unknown area). */
export const probesFor = (area: string | undefined): { readonly area: string; readonly questions: ReadonlyArray<string> } =>
  area !== undefined && Object.prototype.hasOwnProperty.call(areaProbes, area)
    ? { area, questions: areaProbes[area]! }
    : { area: "default", questions: probes.default }

/** The rehearsal scenarios, in rep order. */
export const scenarios: ReadonlyArray<string> = rehearsal.scenarios

/** The feedback prompt after each rep, per style. */
export const repFeedback: Readonly<Record<"directive" | "balanced" | "facilitative", string>> = rehearsal.feedback
