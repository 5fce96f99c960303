/** A feedback script as a clean printable page. */
import type { Backend } from "./backend.js"
import { useLoad } from "./useLoad.js"

/** The printable script of one cycle. */
export function ScriptPage(props: { readonly backend: Backend; readonly teacherId: string; readonly cycleId: string }) {
  const load = useLoad(() => props.backend.script(props.teacherId, props.cycleId), [props.teacherId, props.cycleId])
  return (
    <div>
      <p class="no-print row">
        <a href={`#/teacher/${encodeURIComponent(props.teacherId)}`}>← Back to the journey</a>
        <button type="button" onClick={() => window.print()}>Print</button>
      </p>
      {load.view((s) => <article class="script" data-testid="script-page" dangerouslySetInnerHTML={{ __html: s.html }} />)}
    </div>
  )
}
