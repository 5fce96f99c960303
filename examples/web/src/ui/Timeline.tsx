/**
 * A teacher's journey as a timeline: every cycle, its visits, leverage point, action step (with
 * its revisions), meetings and rehearsal, follow-ups and reflections. The same view serves the
 * coach, the teacher and the teacher's printable summary.
 */
import type { Cycle } from "@coaching/core"

const stageWords: Record<string, string> = {
  Observing: "Visiting lessons",
  Diagnosed: "Leverage point named",
  Planned: "Action step agreed",
  Practising: "Practising in class",
  Replanning: "Back to rehearsal",
  Secured: "Secured",
  Closed: "Closed"
}

/** A stage in words a teacher reads. */
export const stageLabel = (stage: string): string => stageWords[stage] ?? stage

const day = (at: string | undefined): string => (at === undefined ? "" : at.slice(0, 10))

/** One cycle, in full. */
export function CycleView(props: { readonly cycle: Cycle.CycleState; readonly names: (id: string) => string }) {
  const c = props.cycle
  const step = c.actionSteps.at(-1)
  return (
    <section class="card" aria-labelledby={`cycle-${c.id}`}>
      <h3 id={`cycle-${c.id}`}>
        {stageLabel(c.stage)} <span class="badge">{c.id}</span>
      </h3>
      <p class="hint">
        Coach {props.names(c.coachId)} · started {day(c.startedAt)}
        {c.endedAt !== undefined && ` · ended ${day(c.endedAt)}`}
        {c.followUpDue !== undefined && ` · follow-up due ${c.followUpDue}`}
        {c.group !== undefined && ` · group cycle (${c.group.teacherIds.length} teachers)`}
      </p>
      <ol class="timeline">
        {c.visits.map((v) => (
          <li key={v.visit.id}>
            <strong>Lesson visit</strong> {day(v.at)}: {v.visit.context}
            {v.visit.timetableSlot !== undefined && ` (${v.visit.timetableSlot})`}
            <ul>
              {v.visit.evidence.map((e, i) => <li key={`e${i}`}>{e}</li>)}
              {v.visit.strengths.map((s, i) => <li key={`s${i}`}>Strength: {s}</li>)}
            </ul>
          </li>
        ))}
        {c.leveragePoint !== undefined && (
          <li>
            <strong>Leverage point</strong> {day(c.leveragePoint.at)}: {c.leveragePoint.leveragePoint.text}
          </li>
        )}
        {c.actionSteps.map((s, i) => (
          <li key={`step-${i}`}>
            <strong>{i === 0 ? "Action step" : "Action step, revised"}</strong> {day(s.at)}: {s.actionStep.text}
            {s.actionStep.override !== undefined && <span class="hint"> (used although not granular: {s.actionStep.override.reason})</span>}
          </li>
        ))}
        {c.calibrations.map((k, i) => (
          <li key={`cal-${i}`}>
            <strong>Calibrated</strong> {day(k.at)}: the {k.calibration.target === "leverage-point" ? "leverage point" : "action step"} with {k.calibration.reviewedBy.map(props.names).join(", ")}
          </li>
        ))}
        {c.meetings.map((m, i) => (
          <li key={`m-${i}`}>
            <strong>Feedback meeting</strong> {day(m.at)}: {m.meeting.minutes} min, {m.meeting.style}, {m.meeting.reps.length} rehearsal reps; first use: {m.meeting.whereUsed}; follow-up due {m.meeting.followUpDue}
          </li>
        ))}
        {c.practiceSessions.map((p, i) => (
          <li key={`p-${i}`}>
            <strong>Practice session</strong> {day(p.at)}: {p.session.reps.length} reps; follow-up due {p.session.followUpDue}
          </li>
        ))}
        {c.followUps.map((f, i) => (
          <li key={`f-${i}`}>
            <strong>Follow-up</strong> {day(f.at)}: {outcomeWords[f.followUp.outcome]} — {f.followUp.evidence}
          </li>
        ))}
        {c.reflections.map((r) => (
          <li key={r.reflection.id}>
            <strong>Reflection</strong> {day(r.at)}: {r.reflection.text}
          </li>
        ))}
        {c.closeReason !== undefined && <li><strong>Closed</strong>: {c.closeReason}</li>}
      </ol>
      {step !== undefined && c.stage !== "Secured" && c.stage !== "Closed" && (
        <p>
          <strong>The step now:</strong> {step.actionStep.text}
        </p>
      )}
    </section>
  )
}

const outcomeWords: Record<string, string> = {
  secured: "secured",
  partly: "partly there",
  "not-yet": "not yet",
  "not-seen": "not seen"
}

/** The whole journey, newest cycle first, and the reflections on the journey as a whole. */
export function JourneyTimeline(props: { readonly journey: Cycle.Journey; readonly names: (id: string) => string }) {
  const cycles = [...props.journey.cycles].reverse()
  return (
    <div>
      {cycles.length === 0 && <p>No coaching cycle yet.</p>}
      {cycles.map((c) => <CycleView key={c.id} cycle={c} names={props.names} />)}
      {props.journey.reflections.length > 0 && (
        <section class="card">
          <h3>Reflections on the journey</h3>
          <ul>
            {props.journey.reflections.map((r) => <li key={r.reflection.id}>{day(r.at)}: {r.reflection.text}</li>)}
          </ul>
        </section>
      )}
    </div>
  )
}
