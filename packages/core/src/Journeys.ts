/**
 * Runs a command end to end: load the teacher's journey from the `CoachingStore`, decide the
 * command (`Cycle.decide`), append the events with the journey's version as the expected one,
 * and on a `VersionConflict` (someone else wrote first) reload and decide again, a bounded number
 * of times. Single focus holds across concurrent writers because every decision is made against
 * the exact version it appends after.
 *
 * The decider's context comes from the layer: the policy, the clock (Effect's `Clock`, so tests
 * use `TestClock`) and the granularity checker — which core does not provide (apps pass
 * `checkActionStep` from `@coaching/granularity`).
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Result } from "effect"
import * as Cycle from "./Cycle.js"
import { type CycleError, PeopleMismatch } from "./Errors.js"
import type { JourneyEvent } from "./Events.js"
import type { Checker } from "./Granularity.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import { CoachingStore, type CoachingStoreService, type InvalidInput, type StoreError, VersionConflict } from "./Store.js"

/** What a command did: the events appended and the journey after them. @since 0.1.0 */
export interface Executed {
  readonly events: ReadonlyArray<JourneyEvent>
  readonly journey: Cycle.Journey
}

/** Every way `execute` can fail. @since 0.1.0 */
export type ExecuteError = CycleError | VersionConflict | InvalidInput | StoreError

/** The command service. @since 0.1.0 */
export interface JourneysService {
  /** A teacher's journey as stored (version 0 when nothing is recorded yet). */
  readonly load: (teacherId: string) => Effect.Effect<Cycle.Journey, InvalidInput | StoreError>
  /** Decides a command against the teacher's journey and appends its events. */
  readonly execute: (teacherId: string, command: unknown) => Effect.Effect<Executed, ExecuteError>
}

/** The command service tag (`yield* Journeys` gives the service). @since 0.1.0 */
export class Journeys extends Context.Service<Journeys, JourneysService>()("@coaching/core/Journeys") {}

/** How the service decides. @since 0.1.0 */
export interface Options {
  /** The granularity checker (`checkActionStep` from `@coaching/granularity` in apps). */
  readonly checkActionStep: Checker
  /** The programme's policy (default: `Policy.defaultPolicy`). */
  readonly policy?: Policy
  /** How many times to decide and append before a conflict is returned (default 5, at least 1). */
  readonly maxAttempts?: number
}

/** The default number of attempts on version conflicts. @since 0.1.0 */
export const DEFAULT_MAX_ATTEMPTS = 5

/** Builds the service over a store. @since 0.1.0 */
export const make = (store: CoachingStoreService, options: Options): JourneysService => {
  const policy = options.policy ?? defaultPolicy
  const attempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS))

  const once = (teacherId: string, command: unknown): Effect.Effect<Executed, ExecuteError> =>
    Effect.gen(function*() {
      const journey = yield* store.loadJourney(teacherId)
      const now = yield* Clock.currentTimeMillis
      const decision = Cycle.decide(journey, command, { policy, clock: () => now, checkActionStep: options.checkActionStep })
      if (Result.isFailure(decision)) return yield* Effect.fail(decision.failure)
      const events = decision.success
      if (journey.teacherId === undefined && events[0]?._tag === "CycleStarted" && events[0].teacherId !== teacherId) {
        return yield* Effect.fail(teacherMismatch(teacherId, events[0].teacherId))
      }
      const after = yield* store.appendToJourney(journey, events)
      return { events, journey: after }
    })

  const execute = (teacherId: string, command: unknown): Effect.Effect<Executed, ExecuteError> => {
    const loop = (left: number): Effect.Effect<Executed, ExecuteError> =>
      once(teacherId, command).pipe(
        Effect.catchIf(
          (e): e is VersionConflict => e instanceof VersionConflict && left > 1,
          () => loop(left - 1)
        )
      )
    return loop(attempts)
  }

  return Journeys.of({ load: store.loadJourney, execute })
}

// A StartCycle for another teacher than the journey addressed would write into the wrong stream.
const teacherMismatch = (journeyOf: string, teacherId: string) =>
  new PeopleMismatch({
    code: "TEACHER_MISMATCH",
    message: `This command starts a cycle for teacher ${teacherId}, but it was sent to the journey of ${journeyOf}.`
  })

/** The service as a layer over the `CoachingStore` in context. @since 0.1.0 */
export const layer = (options: Options): Layer.Layer<Journeys, never, CoachingStore> =>
  Layer.effect(
    Journeys,
    Effect.gen(function*() {
      return make(yield* CoachingStore, options)
    })
  )
