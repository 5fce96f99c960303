/**
 * Who may do what to whose record: the rights table as data (`rights`) and one pure function
 * (`can`) that answers it. The command service (`Journeys`) asks it before every read and every
 * command; the HTTP server asks it before every route. `docs/access.md` is generated from the
 * table (`markdown()`), and a test keeps the two equal.
 *
 * The record is the teacher's: they read all of it and write their reflections and proposals.
 * A coach reads and records a teacher's journey while their coaching relationship is active;
 * once it has ended they keep no write and no read of later events. Reflections stay between the
 * teacher and that coach. A coach reads their own caseload (the teachers they coach today). A
 * lead runs the programme and reads aggregates only — never a journey, never a reflection, never a
 * caseload's teacher rows. An admin runs the installation: people and access tokens, no journey,
 * no report.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { AccessDenied } from "./Errors.js"
import { type PersonId, PersonId as PersonIdSchema } from "./Ids.js"
import { activeOn, type Relationship, Role } from "./People.js"
import type { CalendarDate } from "./Time.js"

/** Who is asking: a person acting in one of their roles (a token is issued for one role). @since 0.2.0 */
export const Principal = Schema.Struct({
  role: Role,
  personId: PersonIdSchema
})
/** @since 0.2.0 */
export type Principal = typeof Principal.Type

/** A principal from plain strings (a role and a person id). @since 0.2.0 */
export const principal = (role: Role, personId: string): Principal => ({ role, personId: personId as PersonId })

/** What a principal may want to do. @since 0.2.0 */
export const actions = [
  "journey.read",
  "journey.record",
  "journey.propose",
  "reflection.read",
  "reflection.write",
  "people.manage",
  "people.read",
  "cohorts.manage",
  "relationships.manage",
  "playbooks.manage",
  "playbooks.read",
  "reports.read",
  "caseload.read",
  "tokens.manage"
] as const
/** @since 0.2.0 */
export type Action = (typeof actions)[number]

/** What each action means, for the docs. @since 0.2.0 */
export const actionMeanings: Readonly<Record<Action, string>> = {
  "journey.read": "read a teacher's journey (every event but reflections)",
  "journey.record": "record the cycle on a teacher's journey (start, visits, leverage point, action step, meeting, follow-up, close)",
  "journey.propose": "propose a leverage point or an action step for the coach to agree",
  "reflection.read": "read a teacher's reflection",
  "reflection.write": "add a reflection",
  "people.manage": "add and change people",
  "people.read": "read the school's directory of people (names, roles, areas; nothing of anyone's record)",
  "cohorts.manage": "add and change cohorts",
  "relationships.manage": "add, pause and end coaching relationships",
  "playbooks.manage": "add and change playbooks",
  "playbooks.read": "read the playbooks",
  "reports.read": "read aggregate reports (fidelity, capacity, cohort insight)",
  "caseload.read": "read a coach's caseload, teacher by teacher (follow-ups due, visits, open cycles, expertise fit)",
  "tokens.manage": "issue and revoke access tokens"
}

/**
 * The facts a right may depend on. `teacherId`: whose record; `relationships`: the coaching
 * relationships of that teacher (any status; only the principal's own count); `today`: the day
 * of the request; `on`: the day of the event being read (absent: "any of it at all");
 * `cycleCoachId`: the coach of the cycle a reflection belongs to (absent: a journey reflection);
 * `coachId`: whose caseload.
 *
 * @since 0.2.0
 */
export interface Resource {
  readonly teacherId?: PersonId
  readonly relationships?: ReadonlyArray<Relationship>
  readonly today?: CalendarDate
  readonly on?: CalendarDate
  readonly cycleCoachId?: PersonId
  readonly coachId?: PersonId
}

/** The ways a right is granted. @since 0.2.0 */
export type Grant = "yes" | "no" | "own" | "self" | "coaching" | "coached" | "that-coach"

/** What each grant means, for the docs. @since 0.2.0 */
export const grantMeanings: Readonly<Record<Grant, string>> = {
  yes: "yes",
  no: "no",
  own: "their own record only",
  self: "their own caseload only (the coach it belongs to)",
  coaching: "while coaching the teacher (a relationship active today)",
  coached: "while coaching the teacher; after the relationship ends, only events up to its last day",
  "that-coach": "the coach of that cycle (a journey reflection: the coach at the time), within what they may read"
}

/**
 * The rights table: for each action, how each role is granted it. This object is the rights;
 * `can` only interprets it.
 *
 * @since 0.2.0
 */
export const rights: Readonly<Record<Action, Readonly<Record<Role, Grant>>>> = {
  "journey.read": { teacher: "own", coach: "coached", lead: "no", admin: "no" },
  "journey.record": { teacher: "no", coach: "coaching", lead: "no", admin: "no" },
  "journey.propose": { teacher: "own", coach: "no", lead: "no", admin: "no" },
  "reflection.read": { teacher: "own", coach: "that-coach", lead: "no", admin: "no" },
  "reflection.write": { teacher: "own", coach: "no", lead: "no", admin: "no" },
  "people.manage": { teacher: "no", coach: "no", lead: "yes", admin: "yes" },
  "people.read": { teacher: "yes", coach: "yes", lead: "yes", admin: "yes" },
  "cohorts.manage": { teacher: "no", coach: "no", lead: "yes", admin: "no" },
  "relationships.manage": { teacher: "no", coach: "no", lead: "yes", admin: "no" },
  "playbooks.manage": { teacher: "no", coach: "no", lead: "yes", admin: "no" },
  "playbooks.read": { teacher: "yes", coach: "yes", lead: "yes", admin: "no" },
  "reports.read": { teacher: "no", coach: "no", lead: "yes", admin: "no" },
  "caseload.read": { teacher: "no", coach: "self", lead: "no", admin: "no" },
  "tokens.manage": { teacher: "no", coach: "no", lead: "no", admin: "yes" }
}

const mine = (principal: Principal, resource: Resource): ReadonlyArray<Relationship> =>
  (resource.relationships ?? []).filter((r) => r.coachId === principal.personId && r.teacherId === resource.teacherId)

const coachingOn = (principal: Principal, resource: Resource, day: CalendarDate | undefined): boolean =>
  day !== undefined && mine(principal, resource).some((r) => activeOn(r, day))

/** Coaching today reads everything; an ended relationship reads up to its last day. */
const coached = (principal: Principal, resource: Resource): boolean =>
  coachingOn(principal, resource, resource.today) ||
  mine(principal, resource).some((r) => r.until !== undefined && r.since <= r.until && (resource.on === undefined || resource.on <= r.until))

const granted: Readonly<Record<Grant, (principal: Principal, resource: Resource) => boolean>> = {
  yes: () => true,
  no: () => false,
  own: (p, r) => r.teacherId !== undefined && r.teacherId === p.personId,
  self: (p, r) => r.coachId !== undefined && r.coachId === p.personId,
  coaching: (p, r) => coachingOn(p, r, r.today),
  coached,
  "that-coach": (p, r) =>
    coached(p, r) && (r.cycleCoachId !== undefined ? r.cycleCoachId === p.personId : coachingOn(p, r, r.on ?? r.today))
}

/**
 * Whether `principal` may do `action` on `resource`, by the rights table. Pure; anything
 * unknown (a role or action that is not in the table) is a no.
 *
 * @since 0.2.0
 */
export const can = (principal: Principal, action: Action, resource: Resource = {}): boolean => {
  const grant = rights[action]?.[principal.role]
  return grant !== undefined && granted[grant](principal, resource)
}

/**
 * `undefined` when `can` says yes; else an `AccessDenied` with a sentence naming the principal,
 * the action and the rule.
 *
 * @since 0.2.0
 */
export const check = (principal: Principal, action: Action, resource: Resource = {}): AccessDenied | undefined => {
  if (can(principal, action, resource)) return undefined
  const grant = rights[action]?.[principal.role]
  const whose = resource.teacherId !== undefined
    ? ` on the record of ${resource.teacherId}`
    : resource.coachId !== undefined
    ? ` of ${resource.coachId}`
    : ""
  return new AccessDenied({
    code: "ACCESS_DENIED",
    message: `${principal.personId}, acting as ${principal.role}, may not ${actionMeanings[action] ?? action}${whose}${
      grant === undefined || grant === "no" ? ` (${article(principal.role)} ${principal.role} never may).` : ` (${article(principal.role)} ${principal.role} may: ${grantMeanings[grant]}).`
    }`
  })
}

/** "a" or "an", as the role's first sound wants ("an admin", "a lead"). */
const article = (word: string): string => (/^[aeiou]/i.test(word) ? "an" : "a")

/** The rights table as Markdown, exactly as `docs/access.md` shows it. @since 0.2.0 */
export const markdown = (): string => {
  const roles = Role.literals
  const rows = actions.map((action) => `| \`${action}\` — ${actionMeanings[action]} | ${roles.map((role) => rights[action][role]).join(" | ")} |`)
  const grants = (Object.keys(grantMeanings) as Array<Grant>).map((grant) => `- \`${grant}\`: ${grantMeanings[grant]}`)
  return [
    `| action | ${roles.join(" | ")} |`,
    `|---|${roles.map(() => "---").join("|")}|`,
    ...rows,
    "",
    ...grants
  ].join("\n")
}
