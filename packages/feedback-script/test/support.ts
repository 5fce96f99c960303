/**
 * Test support: cycles built the way an app builds them — commands decided by core's
 * `Cycle.decide` and folded with `Cycle.replay` — from the demo cycle or from generated data.
 */
import { Cycle, Demo, Granularity, type People, Policy, Time } from "@coaching/core"
import { Result } from "effect"
import { generateFeedbackScript, type FeedbackInput, type FeedbackScript, type MeetingScript, type PracticeSessionScript, type ScriptOptions } from "../src/index.js"

/** How many property runs: 200 by default, 10 000 under `npm run test:deep`. */
export const RUNS = Number(process.env["COACHING_PROPERTY_RUNS"] ?? 200)

const HOUR = 3_600_000

/** The instant the demo cycle starts: Monday 23 November 2026, 09:00 UTC. */
export const DEMO_START = Date.parse("2026-11-23T09:00:00.000Z")

/** The demo's meeting day: Monday 30 November 2026. */
export const MEETING = Time.CalendarDate.make("2026-11-30")

/** Decides commands one after another (`step` ms apart from `start`) and returns the journey; a rejection fails loudly. */
export const runCommands = (
  commands: ReadonlyArray<unknown>,
  options: {
    readonly start?: number
    readonly step?: number
    readonly policy?: Policy.Policy
    readonly checker?: Granularity.Checker
    /** Who the rules may look up (default: the demo teacher and coach). */
    readonly people?: People.Directory
  } = {}
): Cycle.Journey => {
  const { checker = Granularity.acceptAll, policy = Policy.defaultPolicy, start = DEMO_START, step = HOUR } = options
  let journey = Cycle.initialState
  const people = options.people ?? Demo.directory()
  commands.forEach((command, i) => {
    const decision = Cycle.decide(journey, command, { policy, clock: () => start + i * step, checkActionStep: checker, people })
    if (Result.isFailure(decision)) throw new Error(`command ${i} rejected: ${decision.failure.code} ${decision.failure.message}`)
    journey = Cycle.replay(decision.success, journey)
  })
  return journey
}

/** The demo cycle's commands (core's `Demo.cycleCommands`), follow-up due a week after the meeting. */
export const demoCommands = Demo.cycleCommands("2026-12-07")

/** The demo cycle after `n` commands (5 = action step agreed, stage Planned). */
export const demoCycle = (n = 5): Cycle.CycleState => runCommands(demoCommands.slice(0, n)).cycles[0]!

/** The command that agrees (or revises) the demo cycle's action step. */
export const agreeStep = (id: string, text: string, whyItWorks: string, more: Readonly<Record<string, unknown>> = {}) => ({
  _tag: "AgreeActionStep",
  cycleId: "cycle-1",
  by: "c-grace",
  actionStep: { id, text, whyItWorks, ...more }
})

/** Generates a script and fails the test if it was refused. */
export const scriptOf = (input: FeedbackInput, options: ScriptOptions): FeedbackScript => {
  const result = generateFeedbackScript(input, options)
  if (Result.isFailure(result)) throw new Error(`refused: ${result.failure.code} ${result.failure.message}`)
  return result.success
}

/** Generates the script of a feedback meeting, failing the test if it was refused or is another occasion's. */
export const meetingOf = (input: FeedbackInput, options: ScriptOptions): MeetingScript => {
  const script = scriptOf(input, options)
  if (script.occasion !== "feedback-meeting") throw new Error(`expected a feedback-meeting script, got ${script.occasion}`)
  return script
}

/** Generates the script of a practice session, failing the test if it was refused or is another occasion's. */
export const practiceOf = (input: FeedbackInput, options: ScriptOptions): PracticeSessionScript => {
  const script = scriptOf(input, options)
  if (script.occasion !== "practice-session") throw new Error(`expected a practice-session script, got ${script.occasion}`)
  return script
}

/** Words in a rendered script, as a reader counts them (runs of non-space characters). */
export const wordCount = (text: string): number => text.split(/\s+/u).filter((w) => w.length > 0).length

/** The refusal of a script, failing the test if one was written. */
export const refusalOf = (input: unknown, options: unknown) => {
  const result = generateFeedbackScript(input as FeedbackInput, options as ScriptOptions)
  if (Result.isSuccess(result)) throw new Error("expected a refusal, got a script")
  return result.failure
}
