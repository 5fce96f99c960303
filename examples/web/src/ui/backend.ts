/**
 * What the screens need from the server, in one interface. `http.ts` implements it with the
 * HTTP client generated from `@coaching/adapter-http`'s contract; the screens see nothing else.
 */
import type { Caseload, CohortInsight, Cycle, Events, Fidelity, Granularity, People, Playbook } from "@coaching/core"

/** Who is signed in: a person acting in one role. */
export interface Me {
  readonly personId: string
  readonly role: People.Role
  readonly name: string
}

/** An advisory on what was recorded ("2 reps: the target is 7–10"). */
export interface Advisory {
  readonly code: string
  readonly message: string
}

/** A journey as the signed-in person may read it, and its fold. */
export interface JourneyRead {
  readonly teacherId: string
  readonly version: number
  readonly events: ReadonlyArray<Events.JourneyEvent>
  readonly journey: Cycle.Journey
}

/** What a command did. */
export interface Executed extends JourneyRead {
  readonly advisories: ReadonlyArray<Advisory>
}

/** The feedback script of a cycle, as text and as printable HTML. */
export interface ScriptRead {
  readonly text: string
  readonly html: string
}

/** A failure the server answered with: a stable code, the field's path and a sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly path: string,
    message: string
  ) {
    super(message)
  }
}

/** The server could not be reached (the request may or may not have arrived: retry is safe). */
export class ConnectionLost extends Error {
  constructor() {
    super("The connection to the server was lost. Nothing is lost on your side: try again.")
  }
}

/** The server's answers the screens use. Every method rejects with `ApiError` or `ConnectionLost`. */
export interface Backend {
  me(): Promise<Me>
  people(): Promise<ReadonlyArray<People.Person>>
  playbooks(): Promise<ReadonlyArray<Playbook.Playbook>>
  journey(teacherId: string): Promise<JourneyRead>
  /** Runs a command; `commandId` makes a retry safe (the server answers a repeat with the first result). */
  execute(teacherId: string, command: unknown, commandId: string): Promise<Executed>
  checkStep(text: string): Promise<Granularity.GranularityReport>
  script(teacherId: string, cycleId: string): Promise<ScriptRead>
  /** A coach's own caseload, teacher by teacher. */
  caseload(coachId: string): Promise<Caseload.CoachCaseload>
  /** The lead's reports: aggregates only, small groups suppressed. */
  fidelity(): Promise<Fidelity.Report>
  caseloads(): Promise<Caseload.LeadSummary>
  cohorts(): Promise<CohortInsight.Report>
}
