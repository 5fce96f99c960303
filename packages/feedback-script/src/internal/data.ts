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

/**
 * Compiles a list of patterns into one expression anchored at the start of a text, after
 * optional `lead` words each followed by a comma or a space ("Going forward, so, …"). Every
 * repetition must consume a lead word, so the expression never backtracks over whitespace.
 */
const anchoredAt = (lead: ReadonlyArray<string>, patterns: ReadonlyArray<string>): RegExp => {
  const words = (list: ReadonlyArray<string>) => list.map((p) => p.replace(/ /g, "\\s+")).join("|")
  const leads = lead.length === 0 ? "" : `(?:(?:${words(lead)})(?:\\s*,\\s*|\\s+))*`
  return new RegExp(`^[\\s"'“‘(]*${leads}(?:${words(patterns)})(?![\\p{L}\\p{N}])`, "iu")
}

/** The compiled lint lists. */
export const lists = {
  judgement: compile(judgement.patterns),
  judgementCapitals: compile(judgement.capitals, true),
  judgementAdjective: compile([`(${judgement.adjectives.join("|")})( (and|or|but) (${judgement.adjectives.join("|")}))? (${judgement.targets.join("|")})`]),
  judgementVerdict: (() => {
    const targets = [...judgement.targets, ...judgement.parts].join("|")
    const adverbs = "(really |very |quite |pretty |fairly |rather |a bit |somewhat |genuinely |so |too |just |a little |extremely |incredibly |absolutely |frankly |honestly |consistently |always |generally |usually |often |not |not yet |never )*"
    const verdicts = [...judgement.adjectives, ...judgement.praiseVerdicts].join("|")
    return compile([
      // "your questioning was terrible", "the plenary has been brilliant"
      `(${targets})( [\\p{L}'-]+){0,4}? (was|is|were|are|has been|have been|had been|seemed|seems|felt|feels|looked|looks) ${adverbs}(${verdicts})`,
      // "I'd call today's lesson mediocre", "I found the session disappointing"
      `(${judgement.verdictVerbs.join("|")}) (it|that|this|(the|your|that|this|today's|[\\p{L}]+'s) (${targets})) ${adverbs}(${verdicts})`,
      // "Behaviour management: poor."
      `(${targets})\\s*[:–—-]\\s*${adverbs}(${verdicts})`
    ])
  })(),
  judgementRating: compile(judgement.ratings),
  judgementExcept: compile(judgement.except),
  genericPraiseMarkers: compile(genericPraise.markers),
  classFeelings: compile(genericPraise.feelings),
  summaryLabels: compile(genericPraise.labels),
  concreteReference: compile(genericPraise.concrete),
  openProbes: compile(openProbes.questions),
  openPrompts: compile(openProbes.prompts),
  probeAnchors: compile(openProbes.anchors),
  stepStatement: compile(actionSteps.statement),
  stepPlural: compile(actionSteps.plural),
  stepJoiners: compile(actionSteps.joiners),
  stepOpener: anchoredAt([], actionSteps.openers),
  stepInstruction: anchoredAt(actionSteps.frames, [...actionSteps.leadIns, ...actionSteps.imperatives]),
  stepLeadIn: anchoredAt(actionSteps.frames, actionSteps.leadIns),
  stepFrames: anchoredAt([], actionSteps.frames.map((f) => `${f}(\\s*,)?`)),
  stepTrailing: new RegExp(`(?<![\\p{L}\\p{N}])(?:${actionSteps.trailing.join("|")})[\\s.!?]*$`, "iu"),
  stepSingle: compile(actionSteps.single),
  stepRoutine: compile(actionSteps.routine),
  vague: compile(vagueTimeline.vague),
  vagueExcept: compile(vagueTimeline.except),
  timelineCues: compile(vagueTimeline.cues),
  dates: compile(vagueTimeline.dates),
  studentWords: compile(studentWords.patterns),
  studentActions: compile(studentWords.actions)
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

const areaScenarios: Readonly<Record<string, ReadonlyArray<string>>> = rehearsal.areas

/** The rehearsal scenarios of a playbook area, in rep order (the default list for an unknown area). */
export const scenariosFor = (area: string | undefined): { readonly area: string; readonly scenarios: ReadonlyArray<string> } =>
  area !== undefined && Object.prototype.hasOwnProperty.call(areaScenarios, area)
    ? { area, scenarios: areaScenarios[area]! }
    : { area: "default", scenarios: rehearsal.default }

/** The one feedback line after each rep, per style. */
export const repFeedback: Readonly<Record<"directive" | "balanced" | "facilitative", string>> = rehearsal.feedback

/** What happens after each rep, said once before the tally, per style. */
export const repSetup: Readonly<Record<"directive" | "balanced" | "facilitative", string>> = rehearsal.setup
