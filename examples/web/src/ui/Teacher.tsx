/**
 * The teacher's own record: every cycle, step, rehearsal and follow-up, their reflections (add
 * and read), and a one-page printable summary of the journey.
 */
import { Cycle } from "@coaching/core"
import { useState } from "preact/hooks"
import type { Backend, Me } from "./backend.js"
import { Field, FormError, useSubmit } from "./forms.js"
import { JourneyTimeline } from "./Timeline.js"
import { useLoad } from "./useLoad.js"

/** The teacher's journey, with the reflection form on top. */
export function TeacherRecord(props: { readonly backend: Backend; readonly me: Me; readonly print?: boolean }) {
  const load = useLoad(async () => {
    const [read, people] = await Promise.all([props.backend.journey(props.me.personId), props.backend.people()])
    return { read, people }
  }, [props.me.personId])
  return load.view(({ read, people }, reload) => {
    const names = (id: string) => people.find((p) => p.id === id)?.name ?? id
    const j = read.journey
    const secured = j.cycles.filter((c) => c.stage === "Secured").length
    return (
      <div>
        <div class="row" style="justify-content:space-between">
          <h2>{props.print === true ? `Coaching record: ${props.me.name}` : "Your coaching record"}</h2>
          {props.print !== true
            ? <a class="no-print" href="#/summary">Printable summary</a>
            : <button type="button" onClick={() => window.print()}>Print</button>}
        </div>
        <p>
          {j.cycles.length} cycles · {secured} steps secured · {j.cycles.reduce((n, c) => n + c.meetings.reduce((m, x) => m + x.meeting.reps.length, 0) + c.practiceSessions.reduce((m, x) => m + x.session.reps.length, 0), 0)} rehearsal reps
        </p>
        {props.print !== true && <ReflectionForm {...props} journey={j} onDone={reload} />}
        <JourneyTimeline journey={j} names={names} />
      </div>
    )
  })
}

function ReflectionForm(props: { readonly backend: Backend; readonly me: Me; readonly journey: Cycle.Journey; readonly onDone: () => void }) {
  const cycles = props.journey.cycles
  const [text, setText] = useState("")
  const [cycleId, setCycleId] = useState(Cycle.openCycle(props.journey)?.id ?? cycles.at(-1)?.id ?? "")
  const count = cycles.reduce((n, c) => n + c.reflections.length, props.journey.reflections.length)
  const submit = useSubmit(
    (commandId) =>
      props.backend.execute(props.me.personId, {
        _tag: "AddReflection",
        by: props.me.personId,
        ...(cycleId !== "" ? { cycleId } : {}),
        reflection: { id: `reflection-${count + 1}-${commandId.slice(-6)}`, text }
      }, commandId),
    () => {
      setText("")
      props.onDone()
    }
  )
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); void submit.run() }}>
      <h3>Add a reflection</h3>
      <p class="hint">Only you and your coach read your reflections.</p>
      <Field id="reflection" name="text" label="Your reflection" failure={submit.failure}>
        <textarea id="reflection" value={text} onInput={(e) => setText(e.currentTarget.value)} required />
      </Field>
      <Field id="cycleId" label="About" failure={submit.failure}>
        <select id="cycleId" value={cycleId} onChange={(e) => setCycleId(e.currentTarget.value)}>
          <option value="">My journey as a whole</option>
          {cycles.map((c) => <option key={c.id} value={c.id}>{c.id}: {c.actionSteps.at(-1)?.actionStep.text ?? c.leveragePoint?.leveragePoint.text ?? "cycle started"}</option>)}
        </select>
      </Field>
      <FormError failure={submit.failure} fields={["text", "cycleId"]} onRetry={submit.run} />
      <button type="submit" disabled={submit.busy}>Add the reflection</button>
    </form>
  )
}
