/**
 * The command service: every read and write of a teacher's journey goes through it, as a
 * principal (`Access.Principal`).
 *
 * - `execute(principal, teacherId, command)`: parse the command, check that the principal is a
 *   registered person acting in that role and recording as themselves, check the rights
 *   (`Access.can`), load the journey, fetch the people and relationships the rules consult,
 *   decide (`Cycle.decide`), append with the journey's version as the expected one (and its index
 *   row), and on a `VersionConflict` (someone else wrote first) load and decide again, a bounded
 *   number of times. Single focus holds across concurrent writers because every decision is made
 *   against the exact version it appends after.
 * - `load(principal, teacherId)`: the events the principal may read (a coach whose relationship
 *   ended sees nothing after its last day; reflections only by the teacher and that coach) and
 *   the journey folded from them.
 *
 * The decider's context comes from the layer: the policy, the clock (Effect's `Clock`, so tests
 * use `TestClock`) and the granularity checker — which core does not provide (apps pass
 * `checkActionStep` from `@coaching/granularity`).
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Option, Result } from "effect"
import * as Access from "./Access.js"
import type { Command } from "./Commands.js"
import * as Cycle from "./Cycle.js"
import { AccessDenied, type CycleError } from "./Errors.js"
import type { JourneyEvent } from "./Events.js"
import type { Checker } from "./Granularity.js"
import { journeyStreamId, type PersonId } from "./Ids.js"
import { directory, type Person, type Relationship } from "./People.js"
import { defaultPolicy, type Policy } from "./Policy.js"
import {
  CoachingStore,
  type CoachingStoreService,
  type InvalidInput,
  listAll,
  type StoredEvent,
  type StoreError,
  type StreamIndex,
  validateId,
  VersionConflict
} from "./Store.js"
import { type CalendarDate, dateOf, timestampFromMillis } from "./Time.js"

/** What a principal sees of a journey: the events they may read, and the journey folded from them. @since 0.2.0 */
export interface JourneyView {
  readonly teacherId: PersonId
  /** The stream's version: how many events the journey holds, seen or not. */
  readonly version: number
  /** The journey as the principal may see it (for a teacher or their current coach, all of it but others' reflections). */
  readonly journey: Cycle.Journey
  /** The events the principal may read, with their versions in the stream. */
  readonly events: ReadonlyArray<StoredEvent>
}

/** What a command did: the events appended, the stream version after them, and the principal's view. @since 0.1.0 */
export interface Executed {
  readonly events: ReadonlyArray<JourneyEvent>
  readonly version: number
  readonly journey: Cycle.Journey
}

/** Every way `load` can fail. @since 0.2.0 */
export type LoadError = AccessDenied | InvalidInput | StoreError

/** Every way `execute` can fail. @since 0.1.0 */
export type ExecuteError = CycleError | AccessDenied | VersionConflict | InvalidInput | StoreError

/** The command service. @since 0.1.0 */
export interface JourneysService {
  /** What `principal` may read of a teacher's journey (empty when nothing is recorded yet). */
  readonly load: (principal: Access.Principal, teacherId: string) => Effect.Effect<JourneyView, LoadError>
  /** Checks the principal's rights, decides a command against the teacher's journey and appends its events. */
  readonly execute: (principal: Access.Principal, teacherId: string, command: unknown) => Effect.Effect<Executed, ExecuteError>
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

/** The index row of a journey, written with every append. @since 0.1.0 */
export const indexOf = (journey: Cycle.Journey): StreamIndex => {
  const open = Cycle.openCycle(journey)
  const current = open ?? journey.cycles.at(-1)
  return {
    teacherId: journey.teacherId,
    coachId: current?.coachId,
    open: open !== undefined,
    followUpDue: open?.followUpDue
  }
}

/** The action a command needs the right to. @since 0.2.0 */
export const actionOf = (command: Command): Access.Action =>
  command._tag === "AddReflection" ? "reflection.write" : Cycle.recordedBy(command._tag) === "teacher" ? "journey.propose" : "journey.record"

/**
 * The events of a journey that `principal` may read (reflections only by the teacher and that
 * coach; a coach whose relationship ended, nothing after its last day).
 *
 * @since 0.2.0
 */
export const visibleTo = (
  principal: Access.Principal,
  teacherId: PersonId,
  events: ReadonlyArray<StoredEvent>,
  facts: { readonly relationships: ReadonlyArray<Relationship>; readonly today: CalendarDate }
): Array<StoredEvent> => {
  const coachOf = new Map<string, PersonId>()
  const base = { teacherId, relationships: facts.relationships, today: facts.today }
  return events.filter(({ event }) => {
    if (event._tag === "CycleStarted") coachOf.set(event.cycleId, event.coachId)
    const on = dateOf(event.at)
    if (event._tag !== "ReflectionAdded") return Access.can(principal, "journey.read", { ...base, on })
    const cycleCoachId = event.cycleId === undefined ? undefined : coachOf.get(event.cycleId)
    return Access.can(principal, "reflection.read", { ...base, on, ...(cycleCoachId !== undefined ? { cycleCoachId } : {}) })
  })
}

/** Builds the service over a store. @since 0.1.0 */
export const make = (store: CoachingStoreService, options: Options): JourneysService => {
  const policy = options.policy ?? defaultPolicy
  const attempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS))
  const people = store.records("person")
  const relationships = store.records("relationship")

  const today = Effect.map(Clock.currentTimeMillis, (ms) => dateOf(timestampFromMillis(ms) ?? timestampFromMillis(0)!))

  /** The whole stream of a teacher, and the journey folded from it. */
  const loadAll = (teacherId: PersonId) =>
    Effect.map(store.readStream(journeyStreamId(teacherId)), (slice) => {
      const events = Option.isNone(slice) ? [] : slice.value.events
      return { events, journey: Cycle.replay(events.map((e) => e.event), Cycle.emptyJourney(teacherId)) }
    })

  const relationshipsOf = (teacherId: PersonId) => listAll(relationships.list, { ref: teacherId })

  /** The principal is a registered person who holds the role they act in. */
  const authenticate = (principal: Access.Principal) =>
    Effect.gen(function*() {
      const person = yield* people.get(principal.personId)
      if (Option.isNone(person) || !person.value.roles.includes(principal.role)) {
        return yield* new AccessDenied({
          code: "ACCESS_DENIED",
          message: `${principal.personId} is not registered as a ${principal.role}: register the person with that role first.`
        })
      }
      return person.value
    })

  const load = (principal: Access.Principal, teacherId: string): Effect.Effect<JourneyView, LoadError> =>
    Effect.gen(function*() {
      const id = (yield* Effect.fromResult(validateId(teacherId, "teacherId"))) as PersonId
      yield* authenticate(principal)
      const facts = { relationships: yield* relationshipsOf(id), today: yield* today }
      const denied = Access.check(principal, "journey.read", { teacherId: id, ...facts })
      if (denied) return yield* denied
      const { events, journey } = yield* loadAll(id)
      const visible = visibleTo(principal, id, events, facts)
      return { teacherId: id, version: journey.version, journey: Cycle.replay(visible.map((e) => e.event), Cycle.emptyJourney(id)), events: visible }
    })

  const once = (principal: Access.Principal, teacherId: PersonId, command: Command): Effect.Effect<Executed, ExecuteError> =>
    Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      const { events: stored, journey } = yield* loadAll(teacherId)
      const teachers = yield* relationshipsOf(teacherId)
      const day = yield* today
      const denied = Access.check(principal, actionOf(command), { teacherId, relationships: teachers, today: day })
      if (denied) return yield* denied
      // The rules consult the people the command names and the teacher's relationships.
      const named = new Set<string>([command.by, teacherId, ...(command._tag === "StartCycle" ? [command.teacherId, command.coachId] : [])])
      const found: Array<Person> = []
      for (const id of named) {
        const person = yield* people.get(id)
        if (Option.isSome(person)) found.push(person.value)
      }
      const decision = Cycle.decide(journey, command, {
        policy,
        clock: () => now,
        checkActionStep: options.checkActionStep,
        people: directory({ people: found, relationships: teachers })
      })
      if (Result.isFailure(decision)) return yield* Effect.fail(decision.failure)
      const events = decision.success
      const after = Cycle.replay(events, journey)
      const appended = yield* store.append(journeyStreamId(teacherId), events, {
        expected: journey.version === 0 ? "no-stream" : journey.version,
        index: indexOf(after)
      })
      const all = [...stored, ...events.map((event, i) => ({ version: appended.previousVersion + i + 1, event }))]
      const visible = visibleTo(principal, teacherId, all, { relationships: teachers, today: day })
      return { events, version: appended.version, journey: Cycle.replay(visible.map((e) => e.event), Cycle.emptyJourney(teacherId)) }
    })

  const execute = (principal: Access.Principal, teacherId: string, input: unknown): Effect.Effect<Executed, ExecuteError> =>
    Effect.gen(function*() {
      const id = (yield* Effect.fromResult(validateId(teacherId, "teacherId"))) as PersonId
      const command = yield* Effect.fromResult(Cycle.parseCommand(input))
      if (command.by !== principal.personId) {
        return yield* new AccessDenied({
          code: "ACCESS_DENIED",
          message: `${principal.personId} cannot record as ${command.by}: a command's "by" is the person sending it.`
        })
      }
      yield* authenticate(principal)
      const loop = (left: number): Effect.Effect<Executed, ExecuteError> =>
        once(principal, id, command).pipe(
          Effect.catchIf(
            (e): e is VersionConflict => e instanceof VersionConflict && left > 1,
            () => loop(left - 1)
          )
        )
      return yield* loop(attempts)
    })

  return Journeys.of({ load, execute })
}


/** The service as a layer over the `CoachingStore` in context. @since 0.1.0 */
export const layer = (options: Options): Layer.Layer<Journeys, never, CoachingStore> =>
  Layer.effect(
    Journeys,
    Effect.gen(function*() {
      return make(yield* CoachingStore, options)
    })
  )
