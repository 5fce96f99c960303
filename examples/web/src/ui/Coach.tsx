/**
 * The coach's day: the caseload (follow-ups due and overdue, teachers not visited lately), then a
 * teacher's journey with the one form that fits where the cycle is — record a visit, name the
 * leverage point, write the action step with live granularity feedback, calibrate, print the
 * feedback script, log the rehearsal, set the follow-up, record it, start the next step.
 */
import { type Caseload as CaseloadReport, Cycle, type People, type Playbook } from "@coaching/core"
import { useState } from "preact/hooks"
import type { Advisory, Backend, Executed, JourneyRead, Me } from "./backend.js"
import { addDays, Field, FormError, linesOf, today, useSubmit } from "./forms.js"
import { GranularityFeedback, TechniqueOptions } from "./StepEditor.js"
import { JourneyTimeline, stageLabel } from "./Timeline.js"
import { useLoad } from "./useLoad.js"

/** The caseload: this coach's teachers, the most urgent first. */
export function Caseload(props: { readonly backend: Backend; readonly me: Me }) {
  const load = useLoad(() => props.backend.caseload(props.me.personId), [props.me.personId])
  return (
    <section aria-labelledby="caseload-title">
      <h2 id="caseload-title">Your teachers</h2>
      {load.view((caseload) => (
        caseload.teachers.length === 0 ? <p>No teacher has a coaching relationship with you yet.</p> : (
          <>
            <p class="hint">
              {caseload.figures.followUps.overdue} follow-ups overdue · {caseload.figures.followUps.dueThisWeek} due this week ·{" "}
              {caseload.figures.noRecentVisit} not visited in {caseload.noVisitDays} days
            </p>
            <ul class="plain">
              {[...caseload.teachers].sort(urgency).map((t) => <CaseloadLine key={t.teacherId} t={t} />)}
            </ul>
          </>
        )
      ))}
    </section>
  )
}

type Row = CaseloadReport.TeacherRow
const rank = (t: Row): number => (t.openCycle?.due === "overdue" ? 0 : t.openCycle?.due === "this-week" ? 1 : t.noRecentVisit ? 2 : 3)
const urgency = (a: Row, b: Row): number => rank(a) - rank(b) || a.name.localeCompare(b.name)

function CaseloadLine(props: { readonly t: Row }) {
  const t = props.t
  const open = t.openCycle
  return (
    <li>
      <a href={`#/teacher/${encodeURIComponent(t.teacherId)}`}><strong>{t.name}</strong></a>{" "}
      <span class="badge">{open === null ? "no open cycle" : stageLabel(open.stage)}</span>{" "}
      {open?.due === "overdue" && <span class="badge overdue">follow-up overdue ({open.followUpDue})</span>}
      {open?.due === "this-week" && <span class="badge due">follow-up due {open.followUpDue}</span>}
      {t.noRecentVisit && <span class="badge due">not visited lately{t.lastVisit !== null ? ` (last ${t.lastVisit})` : ""}</span>}
      {open?.actionStep != null && <p class="hint">Step: {open.actionStep}</p>}
    </li>
  )
}

/** Everything the journey screen needs loaded. */
interface Loaded {
  readonly read: JourneyRead
  readonly people: ReadonlyArray<People.Person>
  readonly playbooks: ReadonlyArray<Playbook.Playbook>
}

/** A teacher's journey, as their coach works on it. */
export function CoachJourney(props: { readonly backend: Backend; readonly me: Me; readonly teacherId: string }) {
  const [advisories, setAdvisories] = useState<ReadonlyArray<Advisory>>([])
  const load = useLoad<Loaded>(async () => {
    const [read, people, playbooks] = await Promise.all([
      props.backend.journey(props.teacherId),
      props.backend.people(),
      props.backend.playbooks()
    ])
    return { read, people, playbooks }
  }, [props.teacherId])
  return load.view((data, reload) => {
    const names = (id: string) => data.people.find((p) => p.id === id)?.name ?? id
    const done = (e: Executed) => {
      setAdvisories(e.advisories)
      reload()
    }
    return (
      <div>
        <p><a href="#/">← Your teachers</a></p>
        <h2>{names(props.teacherId)}</h2>
        {advisories.length > 0 && (
          <div class="notice" role="status">
            {advisories.map((a) => <p key={a.code}>{a.message}</p>)}
          </div>
        )}
        <NextStep key={data.read.version} {...props} data={data} names={names} onDone={done} />
        <h3>The record</h3>
        <JourneyTimeline journey={data.read.journey} names={names} />
      </div>
    )
  })
}

interface StepProps {
  readonly backend: Backend
  readonly me: Me
  readonly teacherId: string
  readonly data: Loaded
  readonly names: (id: string) => string
  readonly onDone: (e: Executed) => void
}

/** The form for where the open cycle is (or starting one). */
function NextStep(props: StepProps) {
  const journey = props.data.read.journey
  const open = Cycle.openCycle(journey)
  if (open === undefined) return <StartForm {...props} last={journey.cycles.at(-1)} />
  if (open.coachId !== props.me.personId) {
    return <p class="notice">This cycle is {props.names(open.coachId)}'s; you can read the record below.</p>
  }
  switch (open.stage) {
    case "Observing":
      return (
        <>
          <VisitForm {...props} cycle={open} />
          {open.visits.length > 0 && <LeveragePointForm {...props} cycle={open} />}
        </>
      )
    case "Diagnosed":
      return (
        <>
          <StepForm {...props} cycle={open} />
          <VisitForm {...props} cycle={open} />
        </>
      )
    case "Planned":
      return (
        <>
          <ScriptPanel {...props} cycle={open} />
          <MeetingForm {...props} cycle={open} />
          <CalibrateForm {...props} cycle={open} />
        </>
      )
    case "Practising":
      return <FollowUpForm {...props} cycle={open} />
    case "Replanning":
      return (
        <>
          <ScriptPanel {...props} cycle={open} />
          <PracticeForm {...props} cycle={open} />
        </>
      )
    default:
      return null
  }
}

const useCommand = (props: StepProps, build: () => unknown) =>
  useSubmit((commandId) => props.backend.execute(props.teacherId, build(), commandId), props.onDone)

const nextCycleId = (journey: Cycle.Journey): string => `cycle-${journey.cycles.length + 1}`

function StartForm(props: StepProps & { readonly last: Cycle.CycleState | undefined }) {
  const secured = props.last?.stage === "Secured" ? props.last : undefined
  const [continues, setContinues] = useState(secured !== undefined)
  const submit = useCommand(props, () => ({
    _tag: "StartCycle",
    cycleId: nextCycleId(props.data.read.journey),
    by: props.me.personId,
    teacherId: props.teacherId,
    coachId: props.me.personId,
    ...(secured !== undefined ? { follows: secured.id, ...(continues ? { continueLeveragePoint: true } : {}) } : {})
  }))
  return (
    <section class="card">
      <h3>{secured !== undefined ? "The next granular step" : "Open a coaching cycle"}</h3>
      {secured !== undefined && (
        <>
          <p>Secured: {secured.actionSteps.at(-1)?.actionStep.text}</p>
          <label class="row" for="continue">
            <input id="continue" type="checkbox" style="width:auto" checked={continues} onChange={(e) => setContinues(e.currentTarget.checked)} />
            Keep the same leverage point ({secured.leveragePoint?.leveragePoint.text})
          </label>
        </>
      )}
      <FormError failure={submit.failure} fields={[]} onRetry={submit.run} />
      <button type="button" disabled={submit.busy} onClick={submit.run}>
        {secured !== undefined ? "Start the next step" : "Open a cycle"}
      </button>
    </section>
  )
}

function VisitForm(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const [context, setContext] = useState("")
  const [slot, setSlot] = useState("")
  const [minutes, setMinutes] = useState("15")
  const [evidence, setEvidence] = useState("")
  const [strengths, setStrengths] = useState("")
  const submit = useCommand(props, () => ({
    _tag: "RecordVisit",
    cycleId: props.cycle.id,
    by: props.me.personId,
    visit: {
      id: `visit-${props.cycle.id}-${props.cycle.visits.length + 1}`,
      minutes: Number(minutes),
      context,
      ...(slot.trim() !== "" ? { timetableSlot: slot } : {}),
      evidence: linesOf(evidence),
      strengths: linesOf(strengths),
      candidates: []
    }
  }))
  const fields = ["context", "timetableSlot", "minutes", "evidence", "strengths"]
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Record a lesson visit</h3>
      <Field id="context" label="Lesson" hint="Class, subject and period, e.g. Year 8 science, period 2." failure={submit.failure}>
        <input id="context" value={context} onInput={(e) => setContext(e.currentTarget.value)} required />
      </Field>
      <Field id="timetableSlot" label="Timetable slot" hint="Visit at different points of the timetable, e.g. Thursday P5." failure={submit.failure}>
        <input id="timetableSlot" value={slot} onInput={(e) => setSlot(e.currentTarget.value)} />
      </Field>
      <Field id="minutes" label="Minutes in the room" failure={submit.failure}>
        <input id="minutes" type="number" min="1" max="600" inputMode="numeric" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
      </Field>
      <Field id="evidence" label="What you saw (one note a line)" hint="Low inference: what was said and done, not what you thought of it." failure={submit.failure}>
        <textarea id="evidence" value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} />
      </Field>
      <Field id="strengths" label="Strengths (one a line)" failure={submit.failure}>
        <textarea id="strengths" value={strengths} onInput={(e) => setStrengths(e.currentTarget.value)} />
      </Field>
      <FormError failure={submit.failure} fields={fields} onRetry={submit.run} />
      <button type="submit" disabled={submit.busy}>Record the visit</button>
    </form>
  )
}

function LeveragePointForm(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const [text, setText] = useState("")
  const [technique, setTechnique] = useState("")
  const [evidence, setEvidence] = useState<ReadonlyArray<string>>(props.cycle.visits.map((v) => v.visit.id))
  const area = props.data.playbooks.flatMap((p) => p.strands).find((s) => s.techniques.some((t) => t.id === technique))?.area
  const submit = useCommand(props, () => ({
    _tag: "IdentifyLeveragePoint",
    cycleId: props.cycle.id,
    by: props.me.personId,
    leveragePoint: {
      text,
      evidence,
      ...(technique !== "" ? { techniqueId: technique } : {}),
      ...(area !== undefined ? { area } : {})
    }
  }))
  const toggle = (id: string, on: boolean) => setEvidence(on ? [...evidence, id] : evidence.filter((e) => e !== id))
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Name the leverage point</h3>
      <Field id="text" label="Leverage point" hint="The one gap in students' learning that, closed, changes most." failure={submit.failure}>
        <textarea id="text" value={text} onInput={(e) => setText(e.currentTarget.value)} required />
      </Field>
      <fieldset>
        <legend>Visits it rests on</legend>
        {props.cycle.visits.map((v) => (
          <label key={v.visit.id} class="row" style="font-weight:normal">
            <input type="checkbox" style="width:auto" checked={evidence.includes(v.visit.id)} onChange={(e) => toggle(v.visit.id, e.currentTarget.checked)} />
            {v.visit.context}
          </label>
        ))}
      </fieldset>
      <Field id="techniqueId" label="Playbook technique" failure={submit.failure}>
        <select id="techniqueId" value={technique} onChange={(e) => setTechnique(e.currentTarget.value)}>
          <TechniqueOptions playbooks={props.data.playbooks} />
        </select>
      </Field>
      <FormError failure={submit.failure} fields={["text", "evidence", "techniqueId"]} onRetry={submit.run} />
      <button type="submit" disabled={submit.busy}>Name it</button>
    </form>
  )
}

function StepForm(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const [text, setText] = useState("")
  const [why, setWhy] = useState("")
  const [technique, setTechnique] = useState(props.cycle.leveragePoint?.leveragePoint.techniqueId ?? "")
  const [granular, setGranular] = useState<boolean | undefined>(undefined)
  const [override, setOverride] = useState("")
  const submit = useCommand(props, () => ({
    _tag: "AgreeActionStep",
    cycleId: props.cycle.id,
    by: props.me.personId,
    actionStep: {
      id: `step-${props.cycle.id}-${props.cycle.actionSteps.length + 1}`,
      text,
      whyItWorks: why,
      ...(technique !== "" ? { techniqueId: technique } : {}),
      ...(granular === false && override.trim() !== "" ? { override: { reason: override } } : {})
    }
  }))
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Write the action step</h3>
      <p class="hint">Leverage point: {props.cycle.leveragePoint?.leveragePoint.text}</p>
      <Field id="stepText" name="text" label="Action step" hint="One move the teacher can rehearse in the meeting and use in the next lesson." failure={submit.failure}>
        <textarea id="stepText" value={text} onInput={(e) => setText(e.currentTarget.value)} required aria-describedby="stepText-hint" />
      </Field>
      <GranularityFeedback backend={props.backend} text={text} onSuggestion={setText} onReport={(r) => setGranular(r?.granular)} />
      <Field id="whyItWorks" label="Why it helps students learn" failure={submit.failure}>
        <input id="whyItWorks" value={why} onInput={(e) => setWhy(e.currentTarget.value)} required />
      </Field>
      <Field id="techniqueId" label="Playbook technique" failure={submit.failure}>
        <select id="techniqueId" value={technique} onChange={(e) => setTechnique(e.currentTarget.value)}>
          <TechniqueOptions playbooks={props.data.playbooks} />
        </select>
      </Field>
      {granular === false && (
        <Field id="reason" label="Use it anyway? Say why" hint="Only when the step is as small as it can be for this teacher." failure={submit.failure}>
          <input id="reason" value={override} onInput={(e) => setOverride(e.currentTarget.value)} />
        </Field>
      )}
      <FormError failure={submit.failure} fields={["text", "whyItWorks", "techniqueId", "reason"]} onRetry={submit.run} />
      <button type="submit" disabled={submit.busy}>Agree the step</button>
    </form>
  )
}

function CalibrateForm(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const coaches = props.data.people.filter((p) => p.roles.includes("coach") && p.id !== props.me.personId)
  const [reviewer, setReviewer] = useState(coaches[0]?.id ?? "")
  const step = props.cycle.actionSteps.at(-1)
  const submit = useCommand(props, () => ({
    _tag: "Calibrate",
    cycleId: props.cycle.id,
    by: props.me.personId,
    calibration: { target: "action-step", reviewedBy: [reviewer], wording: step?.actionStep.text ?? "" }
  }))
  if (step === undefined || coaches.length === 0) return null
  if (Cycle.isCalibrated(props.cycle, "action-step")) return <p class="ok">The step is calibrated.</p>
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Calibrate the step with another coach</h3>
      <Field id="reviewedBy" label="Reviewed with" failure={submit.failure}>
        <select id="reviewedBy" value={reviewer} onChange={(e) => setReviewer(e.currentTarget.value)}>
          {coaches.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </Field>
      <FormError failure={submit.failure} fields={["reviewedBy", "wording"]} onRetry={submit.run} />
      <button type="submit" class="secondary" disabled={submit.busy}>Record the calibration</button>
    </form>
  )
}

function ScriptPanel(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const load = useLoad(() => props.backend.script(props.teacherId, props.cycle.id), [props.cycle.id, props.data.read.version])
  return (
    <section class="card" aria-labelledby="script-title">
      <div class="row" style="justify-content:space-between">
        <h3 id="script-title">Feedback script</h3>
        <a class="no-print" href={`#/script/${encodeURIComponent(props.teacherId)}/${encodeURIComponent(props.cycle.id)}`}>Printable page</a>
      </div>
      {load.view((s) => <pre class="script" data-testid="script">{s.text}</pre>)}
    </section>
  )
}

/** The rehearsal counter: one line of feedback per rep, the 7–10 target in sight. */
export function Reps(props: { readonly reps: ReadonlyArray<string>; readonly onChange: (reps: ReadonlyArray<string>) => void }) {
  const n = props.reps.length
  return (
    <fieldset>
      <legend>Rehearsal</legend>
      <div class="counter">
        <output aria-live="polite" id="rep-count">{n}</output>
        <span>reps · target 7–10 {n >= 7 && n <= 10 ? "✓" : n > 10 ? "(more than 10)" : `(${7 - n} to go)`}</span>
      </div>
      <ol>
        {props.reps.map((r, i) => (
          <li key={i}>
            <label class="visually-hidden" for={`rep-${i}`}>Feedback on rep {i + 1}</label>
            <input id={`rep-${i}`} value={r} placeholder="One line: what worked, one change" onInput={(e) => props.onChange(props.reps.map((x, j) => (j === i ? e.currentTarget.value : x)))} />
          </li>
        ))}
      </ol>
      <div class="row">
        <button type="button" class="secondary" onClick={() => props.onChange([...props.reps, ""])}>Add a rep</button>
        {n > 0 && <button type="button" class="secondary" onClick={() => props.onChange(props.reps.slice(0, -1))}>Remove the last rep</button>}
      </div>
    </fieldset>
  )
}

function MeetingForm(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const step = props.cycle.actionSteps.at(-1)?.actionStep.text ?? ""
  const [minutes, setMinutes] = useState("20")
  const [whereUsed, setWhereUsed] = useState("")
  const [due, setDue] = useState(addDays(today(), 7))
  const [reps, setReps] = useState<ReadonlyArray<string>>([])
  const submit = useCommand(props, () => ({
    _tag: "HoldFeedbackMeeting",
    cycleId: props.cycle.id,
    by: props.me.personId,
    meeting: {
      minutes: Number(minutes),
      style: "directive",
      parts: {
        praise: "Precise praise, as in the script.",
        probe: "Probe, as in the script.",
        problemAndStep: `Leverage point and step: ${step}`,
        practise: `${reps.length} reps, with one line of feedback each.`,
        planAhead: `First use: ${whereUsed}`,
        timeline: `Follow-up on ${due}.`
      },
      reps: reps.map((feedback) => ({ feedback: feedback.trim() === "" ? "Rep done." : feedback })),
      whereUsed,
      followUpDue: due
    }
  }))
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Hold the feedback meeting</h3>
      <Reps reps={reps} onChange={setReps} />
      <Field id="whereUsed" label="Where the teacher uses it first" hint="A lesson, e.g. Year 8 science, period 5 tomorrow." failure={submit.failure}>
        <input id="whereUsed" value={whereUsed} onInput={(e) => setWhereUsed(e.currentTarget.value)} required />
      </Field>
      <Field id="followUpDue" label="Follow-up visit" hint="Within a week or two keeps the step in focus; more than four weeks is advised against." failure={submit.failure}>
        <input id="followUpDue" type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} required />
      </Field>
      <Field id="minutes" label="Meeting minutes" failure={submit.failure}>
        <input id="minutes" type="number" min="1" max="600" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
      </Field>
      <FormError failure={submit.failure} fields={["whereUsed", "followUpDue", "minutes", "reps"]} onRetry={submit.run} />
      <button type="submit" disabled={submit.busy}>Record the meeting</button>
    </form>
  )
}

function FollowUpForm(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const [evidence, setEvidence] = useState("")
  const [outcome, setOutcome] = useState("secured")
  const [minutes, setMinutes] = useState("15")
  const [nextDue, setNextDue] = useState(addDays(today(), 7))
  const submit = useCommand(props, () => ({
    _tag: "RecordFollowUp",
    cycleId: props.cycle.id,
    by: props.me.personId,
    followUp: { minutes: Number(minutes), evidence, outcome, ...(outcome === "not-seen" ? { nextDue } : {}) }
  }))
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Record the follow-up</h3>
      <p>The step: {props.cycle.actionSteps.at(-1)?.actionStep.text} (due {props.cycle.followUpDue})</p>
      <Field id="evidence" label="What you saw of the step" failure={submit.failure}>
        <textarea id="evidence" value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} required />
      </Field>
      <Field id="outcome" label="Outcome" failure={submit.failure}>
        <select id="outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
          <option value="secured">Secured</option>
          <option value="partly">Partly there</option>
          <option value="not-yet">Not yet</option>
          <option value="not-seen">Not seen (no chance to use it)</option>
        </select>
      </Field>
      {outcome === "not-seen" && (
        <Field id="nextDue" label="Next visit" failure={submit.failure}>
          <input id="nextDue" type="date" value={nextDue} onInput={(e) => setNextDue(e.currentTarget.value)} />
        </Field>
      )}
      <Field id="minutes" label="Minutes in the room" failure={submit.failure}>
        <input id="minutes" type="number" min="1" max="600" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
      </Field>
      <FormError failure={submit.failure} fields={["evidence", "outcome", "nextDue", "minutes"]} onRetry={submit.run} />
      <button type="submit" disabled={submit.busy}>Record the follow-up</button>
    </form>
  )
}

function PracticeForm(props: StepProps & { readonly cycle: Cycle.CycleState }) {
  const [reps, setReps] = useState<ReadonlyArray<string>>([])
  const [due, setDue] = useState(addDays(today(), 7))
  const [minutes, setMinutes] = useState("15")
  const submit = useCommand(props, () => ({
    _tag: "HoldPracticeSession",
    cycleId: props.cycle.id,
    by: props.me.personId,
    session: { minutes: Number(minutes), reps: reps.map((feedback) => ({ feedback: feedback.trim() === "" ? "Rep done." : feedback })), followUpDue: due }
  }))
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Practice session</h3>
      <Reps reps={reps} onChange={setReps} />
      <Field id="followUpDue" label="Next follow-up" failure={submit.failure}>
        <input id="followUpDue" type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} />
      </Field>
      <Field id="minutes" label="Minutes" failure={submit.failure}>
        <input id="minutes" type="number" min="1" max="600" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
      </Field>
      <FormError failure={submit.failure} fields={["followUpDue", "minutes", "reps"]} onRetry={submit.run} />
      <button type="submit" disabled={submit.busy}>Record the practice</button>
    </form>
  )
}
