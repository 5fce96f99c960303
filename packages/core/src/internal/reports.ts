/**
 * The fold behind every report: one pass over the events, O(1) work per event, keeping counts
 * per coaching pair (coach + teacher), the open cycle of each pair, and each coach's minutes per
 * week. Reports group pairs (by coach, by cohort, the whole programme) only when they are asked
 * for, so a relationship moved into a cohort later needs no refold.
 *
 * The state is owned by the fold and updated in place (a persistent map would make every event
 * cost a copy); reports only read it. It holds no text a teacher wrote: reflections are counted,
 * never kept.
 */
import type { EventOf, JourneyEvent } from "../Events.js"
import { dayNumber, monthNumber, weekStart } from "./days.js"

/** Where a cycle is (the same stages as `Cycle.Stage`). */
export type Stage = "Observing" | "Diagnosed" | "Planned" | "Practising" | "Replanning" | "Secured" | "Closed"

/** Counts of whole-number values (reps, minutes, days), for exact medians. */
export type Tally = Map<number, number>

const add = <K>(map: Map<K, number>, key: K, n = 1): void => {
  map.set(key, (map.get(key) ?? 0) + n)
}

/** One cycle while it is folded. */
export interface CycleAcc {
  readonly id: string
  readonly pair: PairAcc
  readonly startedAt: string
  stage: Stage
  firstVisitDay: number | undefined
  lastMeetingDay: number | undefined
  /** When the coach is due back in class (while practising). */
  due: string | undefined
  /** How many times a due date was set on this cycle (an iCalendar SEQUENCE). */
  dueChanges: number
  /** Whether the current action step has been rehearsed in a meeting or practice session. */
  stepPractised: boolean
  rePractice: boolean
  followUps: number
  leveragePoint: boolean
  /** The current action step and where the teacher uses it: the coach's calendar shows them. */
  step: string | undefined
  whereUsed: string | undefined
  /** The leverage point's area, if it names one. */
  area: string | undefined
  /** Whether the leverage point / the current step was calibrated (reviewed by coaches with its wording). */
  lpCalibrated: boolean
  stepCalibrated: boolean
}

/** Everything folded for one coach + teacher pair. */
export interface PairAcc {
  readonly coachId: string
  readonly teacherId: string
  readonly coach: CoachAcc
  cycles: number
  secured: number
  closed: number
  /** Cycles with at least one follow-up, and those with a "partly" / "not yet" one. */
  followedUp: number
  rePractice: number
  visits: number
  lastVisitDay: number | undefined
  steps: number
  granularSteps: number
  /** Focuses (cycles with a leverage point) followed by a new cycle, and those closed unsecured first. */
  succeeded: number
  churned: number
  leveragePoints: number
  calibrated: number
  stepsCalibrated: number
  overridden: number
  /** Feedback meetings held on a step not calibrated (or agreed in the meeting itself). */
  uncalibratedMeetings: number
  followUps: number
  onTime: number
  late: number
  notSeen: number
  meetings: number
  practiceSessions: number
  readonly reps: Tally
  readonly meetingMinutes: Tally
  readonly daysToLeveragePoint: Tally
  readonly daysToFollowUp: Tally
  /** Days from the day a due date was set to the due date (meetings, practice sessions, extensions, "not seen"). */
  readonly dueDays: Tally
  /** Visits by timetable slot ("" when the visit names none). */
  readonly slots: Map<string, number>
  /** Leverage points by area ("" when it names none). */
  readonly areas: Map<string, number>
  /** Techniques cited by leverage points and action steps. */
  readonly techniques: Map<string, number>
  /** Secured cycles by month number. */
  readonly securedByMonth: Map<number, number>
  /** The pair's open cycle, if any (single focus: at most one). */
  open: CycleAcc | undefined
}

/** One coach's own time. */
export interface CoachAcc {
  readonly coachId: string
  /** Minutes of visits, meetings, practice sessions and follow-ups, by the Monday of their week. */
  readonly minutesByWeek: Map<number, number>
}

interface JourneyAcc {
  readonly cycles: Map<string, CycleAcc>
  /** The cycle started last (a new focus checks how the last one ended). */
  last: CycleAcc | undefined
}

/** The fold's state. */
export interface State {
  events: number
  /** Events by tag, for reconciliation and for the tags the reports do not read. */
  readonly byTag: Map<string, number>
  readonly pairs: Map<string, PairAcc>
  readonly coaches: Map<string, CoachAcc>
  readonly journeys: Map<string, JourneyAcc>
  lastTeacher: string | undefined
  lastJourney: JourneyAcc | undefined
}

/** An empty state. */
export const initial = (): State => ({
  events: 0,
  byTag: new Map(),
  pairs: new Map(),
  coaches: new Map(),
  journeys: new Map(),
  lastTeacher: undefined,
  lastJourney: undefined
})

/** The key of a pair in `State.pairs`. */
export const pairKey = (coachId: string, teacherId: string): string => `${coachId}\u0000${teacherId}`

const pairOf = (state: State, coachId: string, teacherId: string): PairAcc => {
  const key = pairKey(coachId, teacherId)
  let pair = state.pairs.get(key)
  if (pair === undefined) {
    let coach = state.coaches.get(coachId)
    if (coach === undefined) state.coaches.set(coachId, coach = { coachId, minutesByWeek: new Map() })
    pair = {
      coachId,
      teacherId,
      coach,
      cycles: 0,
      secured: 0,
      closed: 0,
      followedUp: 0,
      rePractice: 0,
      visits: 0,
      lastVisitDay: undefined,
      steps: 0,
      granularSteps: 0,
      succeeded: 0,
      churned: 0,
      leveragePoints: 0,
      calibrated: 0,
      stepsCalibrated: 0,
      overridden: 0,
      uncalibratedMeetings: 0,
      followUps: 0,
      onTime: 0,
      late: 0,
      notSeen: 0,
      meetings: 0,
      practiceSessions: 0,
      reps: new Map(),
      meetingMinutes: new Map(),
      daysToLeveragePoint: new Map(),
      daysToFollowUp: new Map(),
      dueDays: new Map(),
      slots: new Map(),
      areas: new Map(),
      techniques: new Map(),
      securedByMonth: new Map(),
      open: undefined
    }
    state.pairs.set(key, pair)
  }
  return pair
}

const journeyOf = (state: State, teacherId: string): JourneyAcc => {
  if (state.lastTeacher === teacherId) return state.lastJourney!
  let journey = state.journeys.get(teacherId)
  if (journey === undefined) state.journeys.set(teacherId, journey = { cycles: new Map(), last: undefined })
  state.lastTeacher = teacherId
  state.lastJourney = journey
  return journey
}

const spend = (cycle: CycleAcc, at: string, minutes: number): void => add(cycle.pair.coach.minutesByWeek, weekStart(dayNumber(at)), minutes)

const visited = (cycle: CycleAcc, day: number): void => {
  const pair = cycle.pair
  if (pair.lastVisitDay === undefined || day > pair.lastVisitDay) pair.lastVisitDay = day
}

/** A due date set on `at`'s day. */
const due = (cycle: CycleAcc, at: string, date: string | undefined): void => {
  cycle.due = date
  if (date === undefined) return
  cycle.dueChanges++
  add(cycle.pair.dueDays, dayNumber(date) - dayNumber(at))
}

const rehearsed = (cycle: CycleAcc, at: string, reps: number, date: string): void => {
  const pair = cycle.pair
  add(pair.reps, reps)
  cycle.lastMeetingDay = dayNumber(at)
  cycle.stage = "Practising"
  due(cycle, at, date)
  cycle.stepPractised = true
}

/** An action step agreed (on its own, or inside a facilitative meeting). */
const agreed = (cycle: CycleAcc, step: EventOf<"ActionStepAgreed">["actionStep"]): void => {
  const pair = cycle.pair
  pair.steps++
  if (step.granularity.granular && step.override === undefined) pair.granularSteps++
  if (step.override !== undefined) pair.overridden++
  if (step.techniqueId !== undefined) add(pair.techniques, step.techniqueId)
  cycle.step = step.text
  cycle.stepPractised = false
  cycle.stepCalibrated = false
}

/** A cycle ends: it leaves the journey's map (memory stays bounded by open cycles); `last` keeps it. */
const ended = (journey: JourneyAcc, cycle: CycleAcc, stage: "Secured" | "Closed"): void => {
  cycle.stage = stage
  cycle.due = undefined
  if (cycle.pair.open === cycle) cycle.pair.open = undefined
  journey.cycles.delete(cycle.id)
}

/**
 * Folds one event of `teacherId`'s journey into the state (in place) and returns the state.
 * Events are facts: anything unexpected (an event of a cycle never started, a tag this version
 * does not know) is counted and otherwise ignored, never thrown.
 */
export const evolve = (state: State, teacherId: string, event: JourneyEvent): State => {
  state.events++
  const tag: string = event._tag
  state.byTag.set(tag, (state.byTag.get(tag) ?? 0) + 1)
  const journey = journeyOf(state, teacherId)
  if (event._tag === "CycleStarted") {
    const pair = pairOf(state, event.coachId, teacherId)
    const previous = journey.last
    if (previous !== undefined && previous.leveragePoint && (previous.stage === "Secured" || previous.stage === "Closed")) {
      // A new focus: was the last one secured first?
      previous.pair.succeeded++
      if (previous.stage === "Closed") previous.pair.churned++
    }
    const cycle: CycleAcc = {
      id: event.cycleId,
      pair,
      startedAt: event.at,
      stage: "Observing",
      firstVisitDay: undefined,
      lastMeetingDay: undefined,
      due: undefined,
      dueChanges: 0,
      stepPractised: false,
      rePractice: false,
      followUps: 0,
      leveragePoint: false,
      step: undefined,
      whereUsed: undefined,
      area: undefined,
      lpCalibrated: false,
      stepCalibrated: false
    }
    pair.cycles++
    pair.open = cycle
    journey.cycles.set(event.cycleId, cycle)
    journey.last = cycle
    return state
  }
  if (event.cycleId === undefined) return state
  const cycle = journey.cycles.get(event.cycleId)
  if (cycle === undefined) return state
  const pair = cycle.pair
  switch (event._tag) {
    case "VisitRecorded": {
      const day = dayNumber(event.at)
      pair.visits++
      if (cycle.firstVisitDay === undefined) cycle.firstVisitDay = day
      visited(cycle, day)
      add(pair.slots, event.visit.timetableSlot ?? "")
      spend(cycle, event.at, event.visit.minutes)
      break
    }
    case "LeveragePointIdentified": {
      const lp = event.leveragePoint
      pair.leveragePoints++
      if (lp.calibration !== undefined) {
        pair.calibrated++
        cycle.lpCalibrated = true
      }
      if (cycle.firstVisitDay !== undefined) add(pair.daysToLeveragePoint, dayNumber(event.at) - cycle.firstVisitDay)
      add(pair.areas, lp.area ?? "")
      if (lp.techniqueId !== undefined) add(pair.techniques, lp.techniqueId)
      cycle.leveragePoint = true
      cycle.area = lp.area
      if (cycle.stage === "Observing") cycle.stage = "Diagnosed"
      break
    }
    case "ActionStepAgreed": {
      agreed(cycle, event.actionStep)
      if (cycle.stage === "Diagnosed") cycle.stage = "Planned"
      break
    }
    case "Calibrated": {
      const review = event.calibration
      if (review.target === "leverage-point" && !cycle.lpCalibrated) {
        cycle.lpCalibrated = true
        pair.calibrated++
      }
      if (review.target === "action-step" && !cycle.stepCalibrated) {
        cycle.stepCalibrated = true
        pair.stepsCalibrated++
      }
      break
    }
    case "FeedbackMeetingHeld": {
      const meeting = event.meeting
      // a facilitative meeting agrees the step in the meeting itself
      if (event.agreedStep !== undefined) agreed(cycle, event.agreedStep.actionStep)
      if (!cycle.stepCalibrated) pair.uncalibratedMeetings++
      pair.meetings++
      add(pair.meetingMinutes, meeting.minutes)
      rehearsed(cycle, event.at, meeting.reps.length, meeting.followUpDue)
      cycle.whereUsed = meeting.whereUsed
      spend(cycle, event.at, meeting.minutes)
      break
    }
    case "PracticeSessionHeld": {
      pair.practiceSessions++
      rehearsed(cycle, event.at, event.session.reps.length, event.session.followUpDue)
      spend(cycle, event.at, event.session.minutes)
      break
    }
    case "FollowUpRecorded": {
      const followUp = event.followUp
      const day = dayNumber(event.at)
      pair.followUps++
      if (cycle.followUps++ === 0) pair.followedUp++
      if (followUp.outcome === "not-seen") pair.notSeen++
      else if (cycle.due !== undefined && day > dayNumber(cycle.due)) pair.late++
      else pair.onTime++
      if (cycle.lastMeetingDay !== undefined) add(pair.daysToFollowUp, day - cycle.lastMeetingDay)
      visited(cycle, day)
      spend(cycle, event.at, followUp.minutes)
      switch (followUp.outcome) {
        case "secured":
          pair.secured++
          add(pair.securedByMonth, monthNumber(event.at))
          ended(journey, cycle, "Secured")
          break
        case "not-seen":
          due(cycle, event.at, followUp.nextDue)
          break
        default:
          if (!cycle.rePractice) {
            cycle.rePractice = true
            pair.rePractice++
          }
          cycle.stage = "Replanning"
          cycle.due = undefined
      }
      break
    }
    case "TimelineExtended":
      due(cycle, event.at, event.followUpDue)
      break
    case "CycleClosed":
      pair.closed++
      ended(journey, cycle, "Closed")
      break
    default:
      // proposals and reflections: counted above, nothing more (a reflection's text is never read)
      break
  }
  return state
}

/** The median of a tally (the mean of the two middle values for an even count), or `null` when empty. */
export const median = (tally: Tally): number | null => {
  let count = 0
  for (const n of tally.values()) count += n
  if (count === 0) return null
  const keys = [...tally.keys()].sort((a, b) => a - b)
  const lo = Math.floor((count - 1) / 2)
  const hi = Math.floor(count / 2)
  let seen = 0
  let low: number | undefined
  for (const key of keys) {
    seen += tally.get(key)!
    if (low === undefined && seen > lo) low = key
    if (seen > hi) return (low! + key) / 2
  }
  return low ?? null
}

/** How many tallied values lie in `[min, max]`. */
export const countBetween = (tally: Tally, min: number, max: number): number => {
  let n = 0
  for (const [key, count] of tally) if (key >= min && key <= max) n += count
  return n
}

/** The total count of a tally. */
export const total = (tally: Tally): number => {
  let n = 0
  for (const count of tally.values()) n += count
  return n
}

/** Adds every count of `from` into `into`. */
export const merge = <K>(into: Map<K, number>, from: ReadonlyMap<K, number>): void => {
  for (const [key, n] of from) add(into, key, n)
}
