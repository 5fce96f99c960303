/**
 * The action-step editor: as the coach types, the server's granularity checker marks the words
 * that make the step too broad, says why, offers steps to split into, and lists the playbook's
 * techniques to pick from.
 */
import type { Granularity, Playbook } from "@coaching/core"
import { useEffect, useState } from "preact/hooks"
import type { Backend } from "./backend.js"
import { failureOf } from "./forms.js"

/** The text with each finding's span marked. */
export function Highlighted(props: { readonly text: string; readonly findings: ReadonlyArray<Granularity.Finding> }) {
  const spans = [...props.findings].filter((f) => f.span[1] > f.span[0]).sort((a, b) => a.span[0] - b.span[0])
  const out: Array<preact.JSX.Element | string> = []
  let at = 0
  for (const f of spans) {
    const [start, end] = f.span
    if (start < at) continue
    out.push(props.text.slice(at, start))
    out.push(<mark class="finding" title={f.message} key={`${start}-${end}`}>{props.text.slice(start, end)}</mark>)
    at = end
  }
  out.push(props.text.slice(at))
  return <p aria-hidden="true" data-testid="highlighted">{out}</p>
}

/** Live granularity feedback on `text` (checked 300 ms after the last keystroke). */
export function GranularityFeedback(props: {
  readonly backend: Backend
  readonly text: string
  readonly onSuggestion: (s: string) => void
  readonly onReport?: (r: Granularity.GranularityReport | undefined) => void
}) {
  const [report, setReport] = useState<Granularity.GranularityReport | undefined>(undefined)
  const [problem, setProblem] = useState<string | undefined>(undefined)
  useEffect(() => {
    if (props.text.trim() === "") {
      setReport(undefined)
      props.onReport?.(undefined)
      return
    }
    let live = true
    const timer = setTimeout(() => {
      props.backend.checkStep(props.text).then(
        (r) => {
          if (!live) return
          setProblem(undefined)
          setReport(r)
          props.onReport?.(r)
        },
        (e) => live && setProblem(failureOf(e).message)
      )
    }, 300)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [props.text])
  if (problem !== undefined) return <p class="error" role="status">Could not check the step: {problem}</p>
  if (report === undefined) return null
  return (
    <div aria-live="polite" data-testid="granularity">
      {report.granular
        ? <p class="ok">Granular: one observable move a teacher can rehearse.</p>
        : <p class="error">Not granular yet.</p>}
      {report.findings.length > 0 && (
        <>
          <Highlighted text={props.text} findings={report.findings} />
          <ul>
            {report.findings.map((f, i) => <li key={i}>{f.message} <span class="hint">({f.code})</span></li>)}
          </ul>
        </>
      )}
      {report.suggestions.length > 0 && (
        <div>
          <p class="hint">Smaller steps to choose from:</p>
          <ul class="plain">
            {report.suggestions.map((s) => (
              <li key={s}>
                {s} <button type="button" class="link" onClick={() => props.onSuggestion(s)}>Use this step</button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

/** The playbook's techniques as options, grouped by strand. */
export function TechniqueOptions(props: { readonly playbooks: ReadonlyArray<Playbook.Playbook> }) {
  return (
    <>
      <option value="">None</option>
      {props.playbooks.flatMap((p) =>
        p.strands.map((s) => (
          <optgroup key={`${p.id}/${s.area}`} label={s.area}>
            {s.techniques.map((t) => <option key={`${p.id}/${t.id}`} value={t.id}>{t.title}</option>)}
          </optgroup>
        ))
      )}
    </>
  )
}
