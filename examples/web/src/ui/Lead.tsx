/**
 * The lead's view: fidelity, caseload and cohort reports — aggregates only, groups smaller than
 * the policy's minimum shown as hidden — with bars where a picture reads faster than a table.
 */
import type { Caseload, CohortInsight, Fidelity } from "@coaching/core"
import type { Backend } from "./backend.js"
import { useLoad } from "./useLoad.js"

const pct = (share: number | null): string => (share === null ? "–" : `${Math.round(share * 100)} %`)

/** A share as a bar and a number. */
function Share(props: { readonly value: number | null }) {
  return (
    <span>
      <span class="bar" style={`width:${Math.round((props.value ?? 0) * 60)}px`} aria-hidden="true" /> {pct(props.value)}
    </span>
  )
}

const hidden = <span class="hint">hidden (fewer than the minimum)</span>

const fidelityRows: ReadonlyArray<[string, (f: Fidelity.Figures) => preact.ComponentChildren]> = [
  ["Teachers", (f) => f.teachers],
  ["Cycles started · secured · open", (f) => `${f.cycles.started} · ${f.cycles.secured} · ${f.cycles.open}`],
  ["Steps granular without override", (f) => <Share value={f.actionSteps.share} />],
  ["Rehearsal reps per meeting (median)", (f) => f.rehearsal.medianReps ?? "–"],
  ["Meetings with 7–10 reps", (f) => <Share value={f.rehearsal.shareOnTarget} />],
  ["Follow-ups on time", (f) => <Share value={f.followUps.shareOnTime} />],
  ["Secured (of cycles ended)", (f) => <Share value={f.secured.rate} />],
  ["Leverage points calibrated", (f) => <Share value={f.calibration.share} />],
  ["Days first visit → leverage point (median)", (f) => f.daysFirstVisitToLeveragePoint.median ?? "–"],
  ["Days meeting → follow-up (median)", (f) => f.daysMeetingToFollowUp.median ?? "–"]
]

function FidelityTable(props: { readonly title: string; readonly groups: ReadonlyArray<Fidelity.Group> }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={props.title}>
      <table>
        <caption class="visually-hidden">{props.title}</caption>
        <thead>
          <tr><th scope="col">Measure</th>{props.groups.map((g) => <th scope="col" key={`${g.scope}-${g.id}`}>{g.name}</th>)}</tr>
        </thead>
        <tbody>
          {fidelityRows.map(([label, cell]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {props.groups.map((g) => <td key={`${g.scope}-${g.id}`}>{g.suppressed ? hidden : cell(g.figures)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function CohortGroup(props: { readonly group: CohortInsight.Group }) {
  const g = props.group
  if (g.suppressed) return <p>{g.name}: {hidden}</p>
  const max = Math.max(1, ...g.areas.map((a) => (a.suppressed ? 0 : a.teachers)))
  return (
    <div>
      <h4>{g.name} — {g.teachers} teachers, {g.leveragePoints} leverage points</h4>
      <ul class="plain">
        {g.areas.map((a) => (
          <li key={String(a.area)}>
            {a.area ?? "no area named"}:{" "}
            {a.suppressed ? hidden : <><span class="bar" style={`width:${Math.round((a.teachers / max) * 120)}px`} aria-hidden="true" /> {a.teachers} teachers</>}
          </li>
        ))}
      </ul>
      <p class="hint">
        Techniques: {g.techniques.filter((t) => !t.suppressed).map((t) => `${t.title ?? t.techniqueId} (${t.suppressed ? "" : t.teachers})`).join(", ") || "none shown"}
      </p>
    </div>
  )
}

function CaseloadTable(props: { readonly summary: Caseload.LeadSummary }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label="Coaches' caseloads">
      <table>
        <caption class="visually-hidden">Coaches' caseloads</caption>
        <thead>
          <tr><th scope="col">Coach</th><th scope="col">Teachers</th><th scope="col">Due this week</th><th scope="col">Overdue</th><th scope="col">Not visited lately</th></tr>
        </thead>
        <tbody>
          {props.summary.coaches.map((c) => (
            <tr key={c.coachId}>
              <th scope="row">{c.name}</th>
              <td>{c.teachers}</td>
              {c.workload.suppressed
                ? <td colSpan={3}>{hidden}</td>
                : <><td>{c.workload.figures.followUps.dueThisWeek}</td><td>{c.workload.figures.followUps.overdue}</td><td>{c.workload.figures.noRecentVisit}</td></>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The three reports. */
export function LeadReports(props: { readonly backend: Backend }) {
  const load = useLoad(async () => {
    const [fidelity, caseloads, cohorts] = await Promise.all([props.backend.fidelity(), props.backend.caseloads(), props.backend.cohorts()])
    return { fidelity, caseloads, cohorts }
  }, [])
  return load.view(({ fidelity, caseloads, cohorts }) => (
    <div>
      <h2>Coaching across the school</h2>
      <p class="hint">Aggregates only: no teacher is named, and any group of fewer than {fidelity.minGroupSize} teachers is hidden.</p>
      <section class="card" aria-labelledby="fidelity-title">
        <h3 id="fidelity-title">Fidelity to the model, by coach</h3>
        <FidelityTable title="Fidelity by coach" groups={[fidelity.programme, ...fidelity.coaches]} />
        <h3>By cohort</h3>
        <FidelityTable title="Fidelity by cohort" groups={fidelity.cohorts} />
      </section>
      <section class="card" aria-labelledby="caseload-title">
        <h3 id="caseload-title">Coaches' capacity</h3>
        <CaseloadTable summary={caseloads} />
      </section>
      <section class="card" aria-labelledby="cohort-title">
        <h3 id="cohort-title">Cohort insight: the most common leverage points</h3>
        <CohortGroup group={cohorts.programme} />
        {cohorts.cohorts.map((g) => <CohortGroup key={String(g.id)} group={g} />)}
      </section>
    </div>
  ))
}
