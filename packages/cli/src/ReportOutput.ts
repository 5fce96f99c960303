/**
 * How `coaching report` prints a report: `text` (aligned tables, bars for shares, sparklines for
 * trends), `json` (the report object, matching `coaching schema --report <kind>`) and `csv` (one
 * table, RFC 4180 with CRLF line ends and a UTF-8 byte-order mark, cells that a spreadsheet would
 * read as a formula escaped). Every renderer prints only what the report holds: a lead's report
 * holds aggregates only, so its text and CSV do too.
 *
 * @since 0.2.0
 */
import type { Caseload, CohortInsight, Fidelity, Reports } from "@coaching/core"

/** The output formats of `coaching report`. @since 0.2.0 */
export type Format = "text" | "json" | "csv"

/** Any report `coaching report` prints. @since 0.2.0 */
export type AnyReport = Fidelity.Report | Caseload.Report | CohortInsight.Report

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

const width = (s: string): number => [...s].length

/** A share as a whole percentage ("92%"), or "–" when there is nothing to divide. @since 0.2.0 */
export const percent = (share: number | null): string => (share === null ? "–" : `${Math.round(share * 100)}%`)

const eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

/** A horizontal bar of `cells` characters for a share from 0 to 1 (eighths of a cell). @since 0.2.0 */
export const bar = (share: number | null, cells = 10): string => {
  if (share === null) return " ".repeat(cells)
  const units = Math.round(Math.max(0, Math.min(1, share)) * cells * 8)
  const full = Math.floor(units / 8)
  const part = eighths[units % 8]!
  return ("█".repeat(full) + part).padEnd(cells, " ")
}

const sparks = "▁▂▃▄▅▆▇█"

/** A sparkline of non-negative values (the largest is a full block; zero the lowest). @since 0.2.0 */
export const sparkline = (values: ReadonlyArray<number>): string => {
  const max = Math.max(0, ...values)
  return values.map((v) => (max === 0 ? sparks[0]! : sparks[Math.min(7, Math.round((v / max) * 7))]!)).join("")
}

/** Columns aligned to their widest cell; `right` columns (numbers) are right-aligned. @since 0.2.0 */
export const table = (rows: ReadonlyArray<ReadonlyArray<string>>, right: ReadonlyArray<boolean> = []): string => {
  const widths: Array<number> = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))))
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = " ".repeat(widths[i]! - width(cell))
          return right[i] ? pad + cell : cell + pad
        })
        .join("  ")
        .trimEnd()
    )
    .join("\n")
}

const num = (n: number | null, digits = 0): string => (n === null ? "–" : digits === 0 && Number.isInteger(n) ? String(n) : n.toFixed(digits === 0 ? 1 : digits))

const hiddenMark = (reason: Reports.SuppressionReason): string => (reason === "fewer-than-minimum" ? "hidden¹" : "hidden²")

const legend = (min: number): string =>
  `¹ fewer than ${min} teachers   ² hidden with a smaller group, so that group cannot be worked out by subtraction`

// ---------------------------------------------------------------------------------------------
// Fidelity
// ---------------------------------------------------------------------------------------------

const fidelityRows: ReadonlyArray<readonly [string, (f: Fidelity.Figures) => string]> = [
  ["teachers", (f) => String(f.teachers)],
  ["cycles started", (f) => String(f.cycles.started)],
  ["  secured · closed · open", (f) => `${f.cycles.secured} · ${f.cycles.closed} · ${f.cycles.open}`],
  ["steps granular without override", (f) => `${percent(f.actionSteps.share)} ${bar(f.actionSteps.share)}`],
  ["rehearsal reps per meeting (median)", (f) => num(f.rehearsal.medianReps)],
  ["meetings with 7–10 reps", (f) => `${percent(f.rehearsal.shareOnTarget)} ${bar(f.rehearsal.shareOnTarget)}`],
  ["days first visit → leverage point", (f) => num(f.daysFirstVisitToLeveragePoint.median)],
  ["days meeting → follow-up", (f) => num(f.daysMeetingToFollowUp.median)],
  ["follow-ups on time · late · not seen", (f) => `${f.followUps.onTime} · ${f.followUps.late} · ${f.followUps.notSeen}`],
  ["follow-ups on time", (f) => `${percent(f.followUps.shareOnTime)} ${bar(f.followUps.shareOnTime)}`],
  ["secured (of cycles ended)", (f) => `${percent(f.secured.rate)} ${bar(f.secured.rate)}`],
  ["cycles needing re-practice", (f) => `${f.rePractice.cycles} (${percent(f.rePractice.share)})`],
  ["visits per cycle", (f) => num(f.visits.perCycle, 1)],
  ["leverage points calibrated", (f) => `${percent(f.calibration.share)} ${bar(f.calibration.share)}`],
  ["meeting minutes (median)", (f) => num(f.meetingMinutes.median)],
  ["step churn (dropped before secured)", (f) => `${f.stepChurn.churned} of ${f.stepChurn.newFocuses} (${percent(f.stepChurn.share)})`],
  ["secured per month", (f) => f.securedByMonth.length === 0 ? "–" : `${sparkline(f.securedByMonth.map((m) => m.secured))} ${f.securedByMonth[0]!.month}…${f.securedByMonth.at(-1)!.month}`]
]

const fidelityTable = (groups: ReadonlyArray<Fidelity.Group>): string => {
  const header = ["", ...groups.map((g) => (g.scope === "programme" ? "programme" : g.name))]
  const rows = fidelityRows.map(([label, cell], r) => [
    label,
    ...groups.map((g) => (g.suppressed ? (r === 0 ? hiddenMark(g.reason) : "") : cell(g.figures)))
  ])
  return table([header, ...rows])
}

/** The fidelity report as text: one table by coach, one by cohort, the programme first in each. @since 0.2.0 */
export const fidelityText = (report: Fidelity.Report): string =>
  [
    `Fidelity to the coaching model — aggregates only; groups of fewer than ${report.minGroupSize} teachers are hidden.`,
    "",
    "By coach",
    fidelityTable([report.programme, ...report.coaches]),
    "",
    "By cohort",
    fidelityTable([report.programme, ...report.cohorts]),
    "",
    legend(report.minGroupSize),
    ""
  ].join("\n")

// ---------------------------------------------------------------------------------------------
// Caseload
// ---------------------------------------------------------------------------------------------

const stageLine = (f: Caseload.Figures): string =>
  Object.entries(f.openCycles).map(([stage, n]) => `${stage} ${n}`).join(" · ")

const minutesLine = (weeks: ReadonlyArray<Caseload.Week>): string => {
  const values = weeks.map((w) => w.minutes)
  const average = values.length === 0 ? 0 : Math.round(values.reduce((a, b) => a + b, 0) / values.length)
  return `${sparkline(values)}  this week ${values.at(-1) ?? 0}, average ${average} (from ${weeks[0]?.weekStart ?? "–"})`
}

const dueText = (due: Caseload.Due | null): string => (due === null ? "" : due === "this-week" ? "this week" : due)

const coachCaseloadText = (c: Caseload.CoachCaseload): string => {
  const f = c.figures
  const rows = [
    ["teacher", "cycle", "stage", "follow-up due", "", "last visit", "days", "visits", "slots", "outside expertise"],
    ...c.teachers.map((t) => [
      t.name,
      t.openCycle?.cycleId ?? "–",
      t.openCycle?.stage ?? "no open cycle",
      t.openCycle?.followUpDue ?? "",
      dueText(t.openCycle?.due ?? null),
      t.lastVisit ?? "never",
      t.daysSinceVisit === null ? "" : `${t.daysSinceVisit}${t.noRecentVisit ? " !" : ""}`,
      String(t.visits),
      String(t.slots.length),
      t.areasOutsideExpertise.join(", ") || "–"
    ])
  ]
  const slots = f.visitsBySlot
  const most = Math.max(1, ...slots.map((s) => s.visits))
  return [
    `Caseload of ${c.coach.name} (${c.coach.id}) on ${c.today} — week ${c.week.start} to ${c.week.end}`,
    `Areas of expertise: ${c.coach.areas.join(", ") || "none listed"}`,
    "",
    table(rows, [false, false, false, false, false, false, true, true, true, false]),
    "",
    `Follow-ups due this week: ${f.followUps.dueThisWeek}   overdue: ${f.followUps.overdue}`,
    `No visit in ${c.noVisitDays} days (!): ${f.noRecentVisit}`,
    `Open cycles: ${stageLine(f)}`,
    `Seen in one timetable slot only (2+ visits): ${f.teachersSeenInOneSlot}`,
    "Visits by timetable slot:",
    ...(slots.length === 0 ? ["  none"] : table(slots.map((s) => ["  " + (s.slot ?? "(no slot)"), bar(s.visits / most, 12), String(s.visits)]), [false, false, true]).split("\n")),
    `Leverage points outside expertise: ${f.outsideExpertise.areasListed ? (f.outsideExpertise.areas.map((a) => `${a.area} ${a.leveragePoints}`).join(", ") || "none") : "(no areas listed)"}`,
    `Minutes per week: ${minutesLine(c.minutesPerWeek)}`,
    ""
  ].join("\n")
}

const leadCaseloadText = (s: Caseload.LeadSummary): string => {
  const rows = [
    ["coach", "teachers", "due this week", "overdue", `no visit ${s.noVisitDays}d`, "open", "one slot", "outside expertise", "minutes per week", "this week"],
    ...s.coaches.map((c) => {
      const values = c.minutesPerWeek.map((w) => w.minutes)
      const f = c.workload.suppressed ? undefined : c.workload.figures
      const open = f === undefined ? "" : String(Object.values(f.openCycles).reduce((a, b) => a + b, 0))
      return [
        c.name,
        String(c.teachers),
        f === undefined ? (c.workload.suppressed ? hiddenMark(c.workload.reason) : "") : String(f.followUps.dueThisWeek),
        f === undefined ? "" : String(f.followUps.overdue),
        f === undefined ? "" : String(f.noRecentVisit),
        open,
        f === undefined ? "" : String(f.teachersSeenInOneSlot),
        f === undefined ? "" : f.outsideExpertise.areasListed ? String(f.outsideExpertise.leveragePoints) : "–",
        sparkline(values),
        String(values.at(-1) ?? 0)
      ]
    })
  ]
  return [
    `Coaches' caseloads on ${s.today} — week ${s.week.start} to ${s.week.end}; aggregates only, caseloads of fewer than ${s.minGroupSize} teachers show size and minutes only.`,
    "",
    table(rows, [false, true, true, true, true, true, true, true, false, true]),
    "",
    `Minutes per week: the last ${s.coaches[0]?.minutesPerWeek.length ?? 0} weeks, from ${s.coaches[0]?.minutesPerWeek[0]?.weekStart ?? "–"}.`,
    legend(s.minGroupSize),
    ""
  ].join("\n")
}

/** The caseload report as text (a coach's own, teacher by teacher; or the lead's summary). @since 0.2.0 */
export const caseloadText = (report: Caseload.Report): string => (report.view === "coach" ? coachCaseloadText(report) : leadCaseloadText(report))

// ---------------------------------------------------------------------------------------------
// Cohort insight
// ---------------------------------------------------------------------------------------------

const insightGroup = (g: CohortInsight.Group, min: number): string => {
  const title = g.scope === "programme" ? "Programme" : g.id === null ? "Teachers in no cohort" : `${g.name} (${g.id})`
  if (g.suppressed) return `${title}: hidden — ${g.message}.`
  const shownAreas = g.areas.filter((a): a is Extract<CohortInsight.AreaRow, { suppressed: false }> => !a.suppressed)
  const hiddenAreas = g.areas.filter((a) => a.suppressed).map((a) => a.area ?? "(no area)")
  const shownTechniques = g.techniques.filter((t): t is Extract<CohortInsight.TechniqueRow, { suppressed: false }> => !t.suppressed)
  const hiddenTechniques = g.techniques.filter((t) => t.suppressed).map((t) => t.techniqueId)
  return [
    `${title} — ${g.teachers} teachers, ${g.leveragePoints} leverage points`,
    "  Leverage-point areas",
    ...(shownAreas.length === 0 ? ["    none with enough teachers to show"] : table([
      ["    area", "", "teachers", "leverage points"],
      ...shownAreas.map((a) => ["    " + (a.area ?? "(no area)"), bar(a.teachers / g.teachers, 12), String(a.teachers), String(a.leveragePoints)])
    ], [false, false, true, true]).split("\n")),
    ...(hiddenAreas.length > 0 ? [`    with fewer than ${min} teachers (hidden): ${hiddenAreas.join(", ")}`] : []),
    "  Techniques",
    ...(shownTechniques.length === 0 ? ["    none with enough teachers to show"] : table([
      ["    technique", "title", "area", "", "teachers", "uses"],
      ...shownTechniques.map((t) => ["    " + t.techniqueId, t.title ?? "–", t.area ?? "–", bar(t.teachers / g.teachers, 12), String(t.teachers), String(t.uses)])
    ], [false, false, false, false, true, true]).split("\n")),
    ...(hiddenTechniques.length > 0 ? [`    with fewer than ${min} teachers (hidden): ${hiddenTechniques.join(", ")}`] : [])
  ].join("\n")
}

/** The cohort insight report as text: the programme, then each cohort. @since 0.2.0 */
export const cohortText = (report: CohortInsight.Report): string =>
  [
    `Cohort insight — the most common leverage-point areas and techniques; groups of fewer than ${report.minGroupSize} teachers are hidden.`,
    "",
    insightGroup(report.programme, report.minGroupSize),
    ...report.cohorts.flatMap((g) => ["", insightGroup(g, report.minGroupSize)]),
    ""
  ].join("\n")

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** One CSV cell: numbers as they are; text quoted when needed, and a leading = + - @ escaped so no spreadsheet runs it as a formula. @since 0.2.0 */
export const csvCell = (value: string | number | boolean | null): string => {
  if (value === null) return ""
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000)
  if (typeof value === "boolean") return value ? "yes" : "no"
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** CSV text of rows: a UTF-8 byte-order mark (so spreadsheets read UTF-8), CRLF line ends. @since 0.2.0 */
export const csv = (rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string =>
  `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`

const status = (g: { readonly suppressed: boolean; readonly message?: string }): string => (g.suppressed ? `hidden: ${g.message}` : "shown")

const fidelityCsv = (report: Fidelity.Report): string => {
  const header = [
    "scope", "id", "name", "status", "teachers", "cycles_started", "cycles_secured", "cycles_closed", "cycles_open", "steps_agreed",
    "steps_granular_without_override", "steps_granular_share", "rehearsals", "reps_median", "rehearsals_on_target", "rehearsals_on_target_share",
    "days_first_visit_to_leverage_point_median", "days_meeting_to_follow_up_median", "follow_ups", "follow_ups_on_time", "follow_ups_late",
    "follow_ups_not_seen", "follow_ups_on_time_share", "cycles_ended", "secured_rate", "cycles_re_practice", "re_practice_share", "visits",
    "visits_per_cycle", "leverage_points", "calibrated_share", "meetings", "meeting_minutes_median", "new_focuses", "step_churn", "step_churn_share"
  ]
  const rows = [report.programme, ...report.coaches, ...report.cohorts].map((g) => {
    const base = [g.scope, g.id ?? "", g.name, status(g)]
    if (g.suppressed) return [...base, ...header.slice(4).map(() => null)]
    const f = g.figures
    return [
      ...base, f.teachers, f.cycles.started, f.cycles.secured, f.cycles.closed, f.cycles.open, f.actionSteps.agreed,
      f.actionSteps.granularWithoutOverride, f.actionSteps.share, f.rehearsal.sessions, f.rehearsal.medianReps, f.rehearsal.onTarget,
      f.rehearsal.shareOnTarget, f.daysFirstVisitToLeveragePoint.median, f.daysMeetingToFollowUp.median, f.followUps.recorded,
      f.followUps.onTime, f.followUps.late, f.followUps.notSeen, f.followUps.shareOnTime, f.secured.ended, f.secured.rate, f.rePractice.cycles,
      f.rePractice.share, f.visits.recorded, f.visits.perCycle, f.calibration.leveragePoints, f.calibration.share, f.meetingMinutes.meetings,
      f.meetingMinutes.median, f.stepChurn.newFocuses, f.stepChurn.churned, f.stepChurn.share
    ]
  })
  return csv([header, ...rows])
}

const caseloadCsv = (report: Caseload.Report): string => {
  if (report.view === "coach") {
    return csv([
      ["teacher_id", "name", "cycle_id", "stage", "follow_up_due", "due", "last_visit", "days_since_visit", "no_recent_visit", "visits", "slots", "areas_outside_expertise"],
      ...report.teachers.map((t) => [
        t.teacherId, t.name, t.openCycle?.cycleId ?? null, t.openCycle?.stage ?? null, t.openCycle?.followUpDue ?? null, t.openCycle?.due ?? null,
        t.lastVisit, t.daysSinceVisit, t.noRecentVisit, t.visits, t.slots.join("; "), t.areasOutsideExpertise.join("; ")
      ])
    ])
  }
  return csv([
    ["coach_id", "name", "teachers", "status", "due_this_week", "overdue", "no_recent_visit", "open_observing", "open_diagnosed", "open_planned",
      "open_practising", "open_replanning", "teachers_seen_in_one_slot", "leverage_points_outside_expertise", "minutes_this_week", "minutes_average"],
    ...report.coaches.map((c) => {
      const values = c.minutesPerWeek.map((w) => w.minutes)
      const minutes = [values.at(-1) ?? 0, values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length]
      if (c.workload.suppressed) return [c.coachId, c.name, c.teachers, `hidden: ${c.workload.message}`, ...Array(10).fill(null), ...minutes]
      const f = c.workload.figures
      return [
        c.coachId, c.name, c.teachers, "shown", f.followUps.dueThisWeek, f.followUps.overdue, f.noRecentVisit, f.openCycles.Observing,
        f.openCycles.Diagnosed, f.openCycles.Planned, f.openCycles.Practising, f.openCycles.Replanning, f.teachersSeenInOneSlot,
        f.outsideExpertise.areasListed ? f.outsideExpertise.leveragePoints : null, ...minutes
      ]
    })
  ])
}

const cohortCsv = (report: CohortInsight.Report): string => {
  const rows: Array<Array<string | number | null>> = [["scope", "cohort_id", "cohort_name", "kind", "key", "title", "status", "teachers", "count"]]
  for (const g of [report.programme, ...report.cohorts]) {
    if (g.suppressed) {
      rows.push([g.scope, g.id, g.name, "cohort", null, null, status(g), null, null])
      continue
    }
    rows.push([g.scope, g.id, g.name, "cohort", null, null, "shown", g.teachers, g.leveragePoints])
    for (const a of g.areas) rows.push([g.scope, g.id, g.name, "area", a.area, null, status(a), a.suppressed ? null : a.teachers, a.suppressed ? null : a.leveragePoints])
    for (const t of g.techniques) rows.push([g.scope, g.id, g.name, "technique", t.techniqueId, t.title, status(t), t.suppressed ? null : t.teachers, t.suppressed ? null : t.uses])
  }
  return csv(rows)
}

/** Renders any report in a format. @since 0.2.0 */
export const render = (format: Format, report: AnyReport): string => {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`
  switch (report.report) {
    case "fidelity":
      return format === "csv" ? fidelityCsv(report) : fidelityText(report)
    case "caseload":
      return format === "csv" ? caseloadCsv(report) : caseloadText(report)
    case "cohort":
      return format === "csv" ? cohortCsv(report) : cohortText(report)
  }
}
