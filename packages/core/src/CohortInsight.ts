/**
 * Cohort insight: the leverage-point areas and playbook techniques most common across a cohort
 * (one school found the same one — questioning — across its whole early-career group), to steer
 * whole-school training. Read from the reports' projection (`Reports.evolve`) by a lead
 * (`reports.read`).
 *
 * For the programme and each cohort (and the teachers in no cohort): how many teachers had a
 * leverage point in each area, and how many cited each technique (on a leverage point or an
 * action step), most common first. A cohort of fewer teachers than the policy's minimum is
 * suppressed (and, as in every report, the next smallest with it when the hidden ones together
 * are still fewer: cohorts add up to the programme). An area or technique seen with fewer
 * teachers than the minimum is suppressed too; its count is a statement about so few teachers.
 * Areas get no secondary suppression: they do not add up to a total (a teacher may work on
 * several), and hiding the one common area next to a rare one would hide the answer the report
 * exists for.
 *
 * @since 0.2.0
 */
import { Result, Schema } from "effect"
import type * as Access from "./Access.js"
import type * as Internal from "./internal/reports.js"
import type { Playbook } from "./Playbook.js"
import {
  type Answer,
  authorize,
  compareStrings,
  type Context,
  Count,
  FORMAT,
  index,
  minimumOf,
  reportJsonSchema,
  type State,
  suppress,
  Suppressed,
  suppressionMessage,
  type SuppressionReason,
  VERSION
} from "./Reports.js"


/** One leverage-point area (`null`: leverage points that named none). @since 0.2.0 */
export const AreaRow = Schema.Union([
  Schema.Struct({ area: Schema.NullOr(Schema.String), suppressed: Schema.Literal(false), teachers: Count, leveragePoints: Count }),
  Schema.Struct({ area: Schema.NullOr(Schema.String), ...Suppressed.fields })
])
/** @since 0.2.0 */
export type AreaRow = typeof AreaRow.Type

/** One technique, with its title and area from the programme's playbooks when they list it. @since 0.2.0 */
export const TechniqueRow = Schema.Union([
  Schema.Struct({
    techniqueId: Schema.String,
    title: Schema.NullOr(Schema.String),
    area: Schema.NullOr(Schema.String),
    suppressed: Schema.Literal(false),
    teachers: Count,
    uses: Count
  }),
  Schema.Struct({ techniqueId: Schema.String, title: Schema.NullOr(Schema.String), area: Schema.NullOr(Schema.String), ...Suppressed.fields })
])
/** @since 0.2.0 */
export type TechniqueRow = typeof TechniqueRow.Type

const groupFields = { scope: Schema.Literals(["programme", "cohort"]), id: Schema.NullOr(Schema.String), name: Schema.String }

/** The programme or one cohort (`id: null`: the teachers in no cohort). @since 0.2.0 */
export const Group = Schema.Union([
  Schema.Struct({
    ...groupFields,
    suppressed: Schema.Literal(false),
    teachers: Count,
    leveragePoints: Count,
    areas: Schema.Array(AreaRow),
    techniques: Schema.Array(TechniqueRow)
  }),
  Schema.Struct({ ...groupFields, ...Suppressed.fields })
])
/** @since 0.2.0 */
export type Group = typeof Group.Type

/** The cohort insight report. @since 0.2.0 */
export const Report = Schema.Struct({
  format: Schema.Literal(FORMAT),
  report: Schema.Literal("cohort"),
  version: Schema.Literal(VERSION),
  minGroupSize: Count,
  programme: Group,
  cohorts: Schema.Array(Group)
})
/** @since 0.2.0 */
export type Report = typeof Report.Type

/**
 * Options: keep one cohort's group (suppression is decided over all groups first). There is no
 * slicing by coach: a cohort's figures for one coach, next to the whole cohort's, would let the
 * other coaches' small groups be worked out by subtraction.
 *
 * @since 0.2.0
 */
export interface Options {
  readonly cohortId?: string
}

interface Acc {
  readonly teachers: Set<string>
  readonly pairs: Array<Internal.PairAcc>
}

const NO_COHORT = ""

const techniqueInfo = (playbooks: ReadonlyArray<Playbook>): Map<string, { title: string; area: string }> => {
  const out = new Map<string, { title: string; area: string }>()
  for (const playbook of playbooks) {
    for (const strand of playbook.strands) for (const t of strand.techniques) out.set(t.id, { title: t.title, area: strand.area })
  }
  return out
}

/** Counts, per key, the teachers and the uses over a group's pairs. */
const cells = (pairs: ReadonlyArray<Internal.PairAcc>, of: (p: Internal.PairAcc) => ReadonlyMap<string, number>) => {
  const out = new Map<string, { teachers: Set<string>; uses: number }>()
  for (const pair of pairs) {
    for (const [key, n] of of(pair)) {
      let cell = out.get(key)
      if (cell === undefined) out.set(key, cell = { teachers: new Set(), uses: 0 })
      cell.teachers.add(pair.teacherId)
      cell.uses += n
    }
  }
  return [...out]
    .map(([key, cell]) => ({ key, ...cell }))
    .sort((a, b) => b.teachers.size - a.teachers.size || b.uses - a.uses || compareStrings(a.key, b.key))
}

/**
 * The cohort insight report, for a lead (`reports.read`); anyone else gets `ACCESS_DENIED`.
 *
 * @since 0.2.0
 */
export const report = (state: State, context: Context, principal: Access.Principal, options: Options = {}): Answer<Report> => {
  const denied = authorize(principal, "reports.read", context.records)
  if (denied) return Result.fail(denied)
  const min = minimumOf(context)
  const idx = index(context.records)
  const info = techniqueInfo(context.records.playbooks ?? [])
  const programme: Acc = { teachers: new Set(), pairs: [] }
  const cohorts = new Map<string, Acc>()
  for (const pair of state.pairs.values()) {
    if (pair.cycles === 0) continue
    programme.teachers.add(pair.teacherId)
    programme.pairs.push(pair)
    const key = idx.cohortOf(pair.coachId, pair.teacherId) ?? NO_COHORT
    let acc = cohorts.get(key)
    if (acc === undefined) cohorts.set(key, acc = { teachers: new Set(), pairs: [] })
    acc.teachers.add(pair.teacherId)
    acc.pairs.push(pair)
  }
  const hidden = (reason: SuppressionReason) => ({ suppressed: true as const, reason, message: suppressionMessage(reason, min) })
  const group = (scope: "programme" | "cohort", id: string | null, name: string, acc: Acc, reason: SuppressionReason | undefined): Group => {
    if (reason !== undefined) return { scope, id, name, ...hidden(reason) }
    const areas = cells(acc.pairs, (p) => p.areas)
    const techniques = cells(acc.pairs, (p) => p.techniques)
    let leveragePoints = 0
    for (const pair of acc.pairs) leveragePoints += pair.leveragePoints
    return {
      scope,
      id,
      name,
      suppressed: false,
      teachers: acc.teachers.size,
      leveragePoints,
      areas: areas.map((c): AreaRow => {
        const area = c.key === "" ? null : c.key
        const reason = c.teachers.size < min ? "fewer-than-minimum" : undefined
        return reason !== undefined ? { area, ...hidden(reason) } : { area, suppressed: false, teachers: c.teachers.size, leveragePoints: c.uses }
      }),
      techniques: techniques.map((c): TechniqueRow => {
        const known = info.get(c.key)
        const base = { techniqueId: c.key, title: known?.title ?? null, area: known?.area ?? null }
        const reason = c.teachers.size < min ? "fewer-than-minimum" : undefined
        return reason !== undefined ? { ...base, ...hidden(reason) } : { ...base, suppressed: false, teachers: c.teachers.size, uses: c.uses }
      })
    }
  }
  const hiddenCohorts = suppress([...cohorts].map(([key, acc]) => ({ key, slicing: "cohort", pairs: acc.pairs })), min)
  return Result.succeed({
    format: FORMAT,
    report: "cohort",
    version: VERSION,
    minGroupSize: min,
    programme: group("programme", null, "programme", programme, programme.teachers.size < min ? "fewer-than-minimum" : undefined),
    cohorts: [...cohorts]
      .filter(([id]) => options.cohortId === undefined || id === options.cohortId)
      .sort(([a], [b]) => (a === NO_COHORT ? 1 : b === NO_COHORT ? -1 : compareStrings(a, b)))
      .map(([id, acc]) =>
        id === NO_COHORT
          ? group("cohort", null, "(no cohort)", acc, hiddenCohorts.get(id))
          : group("cohort", id, idx.cohort(id)?.name ?? id, acc, hiddenCohorts.get(id))
      )
  })
}

/** The `$id` of `jsonSchema()`. @since 0.2.0 */
export const jsonSchemaId = "urn:coaching:report:cohort:1"

/**
 * The JSON Schema (draft 2020-12) of this report's JSON (`JSON.stringify` of the report), derived
 * from `Report` so it cannot drift; unknown fields are refused. A fresh object on every call.
 *
 * @since 0.2.0
 */
export const jsonSchema = (): { readonly [key: string]: unknown } => reportJsonSchema(jsonSchemaId, "Coaching cohort insight report", Report)
