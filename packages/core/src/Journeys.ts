/**
 * The command service: every read and write of a teacher's journey goes through it, as a
 * principal (`Access.Principal`).
 *
 * - `execute(principal, teacherId, command)`: a typed command (`Commands.Input`; from JavaScript,
 *   JSON or HTTP, `executeUnknown` takes anything). Parse the command, check that the principal is a
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
import type { Command, Input } from "./Commands.js"
import * as Cycle from "./Cycle.js"
import type { Rep } from "./Entities.js"
import { AccessDenied, type CycleError, InvalidGroup } from "./Errors.js"
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

/** What a command did: the events appended, the stream version after them, the principal's view, and advice. @since 0.1.0 */
export interface Executed {
  readonly events: ReadonlyArray<JourneyEvent>
  readonly version: number
  readonly journey: Cycle.Journey
  /** What the coach should see about what was recorded (rehearsal off target, a far follow-up, …). */
  readonly advisories: ReadonlyArray<Cycle.Advisory>
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
  readonly execute: (principal: Access.Principal, teacherId: string, command: Input) => Effect.Effect<Executed, ExecuteError>
  /**
   * `execute` for input from JavaScript, JSON or HTTP: anything at all; a command that does not
   * parse fails with `INVALID_COMMAND` naming the field, and changes nothing.
   */
  readonly executeUnknown: (principal: Access.Principal, teacherId: string, command: unknown) => Effect.Effect<Executed, ExecuteError>
  /**
   * A command for a group cycle (`groupCommands`), decided in every member's journey (named by
   * `StartCycle.group`, or the group cycle of `memberId`) and appended to all of them or none.
   * Each member's leverage point cites that member's own visits among those given; each
   * teacher's meeting records their own reps (`repsByTeacher`).
   */
  readonly executeGroup: (
    principal: Access.Principal,
    memberId: string,
    command: Input,
    options?: GroupOptions
  ) => Effect.Effect<ReadonlyArray<Executed>, ExecuteError>
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
  /**
   * How many journeys to keep in memory (default 1000; 0 = none). A kept journey is brought up to
   * date with only the events appended since (by this process or any other), so a command costs
   * the same on a teacher's 10th event and their 10 000th.
   */
  readonly cacheSize?: number
}

/** The default number of journeys kept in memory. @since 0.2.0 */
export const DEFAULT_CACHE_SIZE = 1000

/** A journey kept in memory: its stored events (append-only), and its state folded forward. */
interface Kept {
  readonly stored: Array<StoredEvent>
  readonly owned: WeakSet<object>
  journey: Cycle.Journey
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
  const playbooks = store.records("playbook")

  const today = Effect.map(Clock.currentTimeMillis, (ms) => dateOf(timestampFromMillis(ms) ?? timestampFromMillis(0)!))

  /** The whole stream of a teacher, and the journey folded from it. */
  const cacheSize = Math.max(0, Math.floor(options.cacheSize ?? DEFAULT_CACHE_SIZE))
  const kept = new Map<PersonId, Kept>()

  /** Folds newly stored events into a kept journey, if they follow on from its version. */
  const keep = (teacherId: PersonId, entry: Kept, events: ReadonlyArray<StoredEvent>): Kept => {
    if (events.length > 0 && events[0]!.version === entry.journey.version + 1) {
      entry.stored.push(...events)
      entry.journey = Cycle.foldInto(entry.journey, events.map((e) => e.event), entry.owned)
    }
    kept.delete(teacherId) // most recently used last
    if (cacheSize > 0) kept.set(teacherId, entry)
    while (kept.size > cacheSize) kept.delete(kept.keys().next().value!)
    return entry
  }

  /**
   * A teacher's stored events and journey, brought up to date: a kept journey reads only the
   * events after its version. What it returns is consistent only until the next yield (the
   * journey's arrays grow in place): read it, decide, and capture what you need at once.
   */
  const loadAll = (teacherId: PersonId) =>
    Effect.gen(function*() {
      const entry = kept.get(teacherId)
      const slice = yield* store.readStream(journeyStreamId(teacherId), { after: entry?.journey.version ?? 0 })
      const fresh = (): Kept => ({ stored: [], owned: new WeakSet(), journey: Cycle.emptyJourney(teacherId) })
      const current = Option.isNone(slice) ? undefined : slice.value
      // a store emptied or rewritten under us: start again from the whole stream
      if (entry !== undefined && (current === undefined || current.version < entry.journey.version)) {
        kept.delete(teacherId)
        if (current === undefined) return { events: [], journey: Cycle.emptyJourney(teacherId) }
        const all = yield* store.readStream(journeyStreamId(teacherId))
        const got = keep(teacherId, fresh(), Option.isNone(all) ? [] : all.value.events)
        return { events: got.stored, journey: got.journey }
      }
      const got = keep(teacherId, entry ?? fresh(), current?.events ?? [])
      return { events: got.stored, journey: got.journey }
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

  /**
   * Checks the rights, gathers what the rules consult, loads the journey and decides — the load
   * last, so that the decision and everything taken from the journey happen before any other
   * fiber can move it on.
   */
  const decideFor = (principal: Access.Principal, teacherId: PersonId, commandFor: Command | ((journey: Cycle.Journey) => Command)) =>
    Effect.gen(function*() {
      const clock = yield* Clock.Clock
      const generic = typeof commandFor === "function" ? commandFor(Cycle.emptyJourney(teacherId)) : commandFor
      const teachers = yield* relationshipsOf(teacherId)
      const day = yield* today
      const denied = Access.check(principal, actionOf(generic), { teacherId, relationships: teachers, today: day })
      if (denied) return yield* denied
      // The rules consult the people the command names, the teacher's relationships and, for a technique, the playbooks.
      const named = new Set<string>([generic.by, teacherId, ...(generic._tag === "StartCycle" ? [generic.teacherId, generic.coachId] : [])])
      if (generic._tag === "Calibrate") generic.calibration.reviewedBy.forEach((id) => named.add(id))
      const found: Array<Person> = []
      for (const id of named) {
        const person = yield* people.get(id)
        if (Option.isSome(person)) found.push(person.value)
      }
      const programme = usesTechnique(generic) ? yield* listAll(playbooks.list) : []
      const { events: stored, journey } = yield* loadAll(teacherId)
      // From here on, synchronous: the journey is read before anything can change it.
      // The time is read after the journey: every event in it was recorded earlier, so a command
      // that lost a race to another writer (fiber, process or server) decides again without
      // going back in time (TIME_WENT_BACKWARDS), however long its reads took.
      const now = clock.currentTimeMillisUnsafe()
      const command = typeof commandFor === "function" ? commandFor(journey) : commandFor
      const cycle = command._tag !== "StartCycle" && command._tag !== "AddReflection" ? Cycle.findCycle(journey, command.cycleId) : undefined
      const decision = Cycle.decide(journey, command, {
        policy,
        clock: () => now,
        checkActionStep: options.checkActionStep,
        people: directory({ people: found, relationships: teachers }),
        playbooks: programme
      })
      if (Result.isFailure(decision)) return yield* Effect.fail(decision.failure)
      const events = decision.success
      return {
        teacherId,
        events,
        version: journey.version,
        /** How many stored events the decision saw (the kept array grows later). */
        seen: stored.length,
        stored,
        group: cycle?.group,
        groupMet: (cycle?.meetings.length ?? 0) > 0,
        /** The group of the cycle the command is about, once decided (a start names it). */
        inGroup: command._tag === "StartCycle" ? command.group : cycle?.group,
        // the index row needs no journey reflections: leave them out rather than copy them
        index: indexOf(Cycle.foldInto({ ...journey, reflections: [] }, events, new WeakSet())),
        advisories: Cycle.advise(journey, events, policy),
        facts: { relationships: teachers, today: day }
      }
    })

  type Decided = Effect.Success<ReturnType<typeof decideFor>>

  /** What the principal gets back for one journey once its events are appended (the view is built when read). */
  const executed = (principal: Access.Principal, decided: Decided): Executed => {
    const { events, facts, seen, stored, teacherId, version } = decided
    let view: Cycle.Journey | undefined
    return {
      events,
      version: version + events.length,
      get journey() {
        if (view === undefined) {
          const all = [...stored.slice(0, seen), ...events.map((event, i) => ({ version: version + i + 1, event }))]
          view = Cycle.replay(visibleTo(principal, teacherId, all, facts).map((e) => e.event), Cycle.emptyJourney(teacherId))
        }
        return view
      },
      advisories: decided.advisories
    }
  }

  const expectedOf = (version: number) => (version === 0 ? "no-stream" as const : version)

  /** After a successful append, the kept journey moves on with the events (if nobody moved it first). */
  const appendedTo = (decided: Decided): void => {
    const entry = kept.get(decided.teacherId)
    if (entry !== undefined && entry.journey.version === decided.version) {
      keep(decided.teacherId, entry, decided.events.map((event, i) => ({ version: decided.version + i + 1, event })))
    }
  }

  const once = (principal: Access.Principal, teacherId: PersonId, command: Command): Effect.Effect<Executed, ExecuteError> =>
    Effect.gen(function*() {
      const decided = yield* decideFor(principal, teacherId, command)
      // Until the group meeting the focus is shared; after it each teacher goes on alone.
      if (decided.group !== undefined && !decided.groupMet && sharedOnly.has(command._tag)) {
        return yield* new InvalidGroup({
          code: "INVALID_GROUP",
          message: `Cycle ${command.cycleId} is group ${decided.group.id}'s: record the shared ${command._tag} for the whole group (executeGroup), so every teacher keeps the same focus.`
        })
      }
      yield* store.append(journeyStreamId(teacherId), decided.events, { expected: expectedOf(decided.version), index: decided.index })
      appendedTo(decided)
      return executed(principal, decided)
    })

  /** A principal sends commands as themselves, as a registered person in that role; then retries on conflicts. */
  const asPrincipal = <A>(principal: Access.Principal, input: unknown, run: (command: Command) => Effect.Effect<A, ExecuteError>) =>
    Effect.gen(function*() {
      const command = yield* Effect.fromResult(Cycle.parseCommand(input))
      if (command.by !== principal.personId) {
        return yield* new AccessDenied({
          code: "ACCESS_DENIED",
          message: `${principal.personId} cannot record as ${command.by}: a command's "by" is the person sending it.`
        })
      }
      yield* authenticate(principal)
      const loop = (left: number): Effect.Effect<A, ExecuteError> =>
        run(command).pipe(
          Effect.catchIf(
            (e): e is VersionConflict => e instanceof VersionConflict && left > 1,
            () => loop(left - 1)
          )
        )
      return yield* loop(attempts)
    })

  const execute = (principal: Access.Principal, teacherId: string, input: unknown): Effect.Effect<Executed, ExecuteError> =>
    Effect.flatMap(Effect.fromResult(validateId(teacherId, "teacherId")), (id) => asPrincipal(principal, input, (command) => once(principal, id as PersonId, command)))

  const executeGroup = (
    principal: Access.Principal,
    memberId: string,
    input: unknown,
    options: GroupOptions = {}
  ): Effect.Effect<ReadonlyArray<Executed>, ExecuteError> =>
    Effect.flatMap(Effect.fromResult(validateId(memberId, "teacherId")), (member) =>
      asPrincipal(principal, input, (command) =>
        Effect.gen(function*() {
          if (!groupCommands.has(command._tag)) {
            return yield* new InvalidGroup({ code: "INVALID_GROUP", message: `${command._tag} is recorded for one teacher (execute), not for a whole group.` })
          }
          const group = command._tag === "StartCycle"
            ? command.group
            : command._tag === "AddReflection" ? undefined : Cycle.findCycle((yield* loadAll(member as PersonId)).journey, command.cycleId)?.group
          if (group === undefined || !group.teacherIds.includes(member as PersonId)) {
            return yield* new InvalidGroup({ code: "INVALID_GROUP", message: `${member} is not in a group cycle ${command._tag === "AddReflection" ? "" : command.cycleId}: name the group in StartCycle, then any member.` })
          }
          const decided: Array<Decided> = []
          for (const teacherId of group.teacherIds) {
            const one = yield* decideFor(principal, teacherId, (journey) => memberCommand(command, teacherId, journey, options))
            if (one.inGroup?.id !== group.id) {
              return yield* new InvalidGroup({ code: "INVALID_GROUP", message: `${teacherId}'s cycle ${command.cycleId} is not in group ${group.id}.` })
            }
            decided.push(one)
          }
          // All members or none: one batch, each journey at the version it was decided against.
          yield* store.primitives.writeBatch({
            records: [],
            appends: decided.map((d) => ({
              streamId: journeyStreamId(d.teacherId),
              expected: expectedOf(d.version),
              events: d.events.map((e) => JSON.stringify(e)),
              index: d.index
            }))
          })
          decided.forEach(appendedTo)
          return decided.map((d) => executed(principal, d))
        })
      ))

  return Journeys.of({ load, execute, executeUnknown: execute, executeGroup })
}


/** The commands `executeGroup` records for every member of a group cycle. @since 0.2.0 */
export const groupCommands: ReadonlySet<Command["_tag"]> = new Set([
  "StartCycle",
  "IdentifyLeveragePoint",
  "AgreeActionStep",
  "AgreeProposal",
  "Calibrate",
  "HoldFeedbackMeeting",
  "CloseCycle"
])

/** On a group cycle before its meeting, these keep the focus shared: `execute` refuses them for one member. */
const sharedOnly: ReadonlySet<Command["_tag"]> = new Set(["IdentifyLeveragePoint", "AgreeActionStep", "AgreeProposal", "Calibrate", "HoldFeedbackMeeting"])

/** Options of `executeGroup`. @since 0.2.0 */
export interface GroupOptions {
  /** For a group meeting: each teacher's own rehearsal reps (the command's reps for anyone not named). */
  readonly repsByTeacher?: Readonly<Record<string, ReadonlyArray<Rep>>>
}

/** The group command as one member's journey records it: their own start, visits as evidence, reps. */
const memberCommand = (command: Command, teacherId: PersonId, journey: Cycle.Journey, options: GroupOptions): Command => {
  switch (command._tag) {
    case "StartCycle":
      return { ...command, teacherId }
    case "IdentifyLeveragePoint": {
      const visits = new Set(Cycle.findCycle(journey, command.cycleId)?.visits.map((v) => v.visit.id))
      return { ...command, leveragePoint: { ...command.leveragePoint, evidence: command.leveragePoint.evidence.filter((id) => visits.has(id)) } }
    }
    case "HoldFeedbackMeeting": {
      const reps = options.repsByTeacher?.[teacherId]
      return reps === undefined ? command : { ...command, meeting: { ...command.meeting, reps } }
    }
    default:
      return command
  }
}

/** Whether the rules will look a technique up (then the programme's playbooks are read). */
const usesTechnique = (command: Command): boolean =>
  command._tag === "IdentifyLeveragePoint" || command._tag === "ProposeLeveragePoint"
    ? command.leveragePoint.techniqueId !== undefined
    : command._tag === "AgreeActionStep" || command._tag === "ProposeActionStep"
    ? command.actionStep.techniqueId !== undefined
    : command._tag === "HoldFeedbackMeeting"
    ? command.agreeStep?.actionStep.techniqueId !== undefined
    : command._tag === "AgreeProposal" || (command._tag === "StartCycle" && command.continueLeveragePoint === true)

/** The service as a layer over the `CoachingStore` in context. @since 0.1.0 */
export const layer = (options: Options): Layer.Layer<Journeys, never, CoachingStore> =>
  Layer.effect(
    Journeys,
    Effect.gen(function*() {
      return make(yield* CoachingStore, options)
    })
  )
