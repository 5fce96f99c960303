/**
 * Form pieces shared by every screen: a field with its label, hint and the server's error next to
 * it, and a submit that keeps one command id per intent so a retry after a lost connection is
 * answered with the first result instead of recording twice.
 */
import type { ComponentChildren } from "preact"
import { useRef, useState } from "preact/hooks"
import { ApiError, ConnectionLost } from "./backend.js"

/** A failure shown on a form: the sentence, and the field it concerns (the last part of its path). */
export interface Failure {
  readonly message: string
  readonly field: string | undefined
  readonly code: string | undefined
  readonly retry: boolean
}

/** Turns anything a backend call rejected with into a sentence for a person. */
export const failureOf = (error: unknown): Failure => {
  if (error instanceof ConnectionLost) return { message: error.message, field: undefined, code: undefined, retry: true }
  if (error instanceof ApiError) {
    return { message: `${error.message} (${error.code})`, field: fieldOf(error.path), code: error.code, retry: error.status >= 500 }
  }
  return { message: error instanceof Error ? error.message : String(error), field: undefined, code: undefined, retry: false }
}

/** The field a path is about: `payload.command.visit.context` → `context`, `…evidence[2]` → `evidence`. */
export const fieldOf = (path: string): string | undefined => {
  const parts = path.split(/[.[\]]+/).filter((p) => p !== "" && !/^\d+$/.test(p))
  return parts.at(-1)
}

let counter = 0
/** A new command id: unique per browser tab and intent. */
export const newCommandId = (): string => `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${++counter}`

/** Field: a labelled input with its hint and the error that concerns it. */
export function Field(props: {
  readonly id: string
  /** The last part of the command path this field fills, when it differs from `id`. */
  readonly name?: string
  readonly label: string
  readonly hint?: string
  readonly failure?: Failure | undefined
  readonly children: ComponentChildren
}) {
  const mine = props.failure !== undefined && props.failure.field === (props.name ?? props.id)
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      {props.hint !== undefined && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.children}
      {mine && <p class="error" role="alert" id={`${props.id}-error`}>{props.failure!.message}</p>}
    </div>
  )
}

/**
 * The state of one form's submission. `run` sends with the same command id until the server
 * accepts (so "try again" after a lost connection can never record twice); a new intent after a
 * success gets a new id.
 */
export const useSubmit = <A,>(send: (commandId: string) => Promise<A>, onDone: (a: A) => void) => {
  const id = useRef(newCommandId())
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | undefined>(undefined)
  const run = async () => {
    setBusy(true)
    setFailure(undefined)
    try {
      const a = await send(id.current)
      id.current = newCommandId()
      onDone(a)
    } catch (e) {
      setFailure(failureOf(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, failure, run, commandId: () => id.current }
}

/** The form-level error: shown when it concerns no field of the form (or always, for a retry). */
export function FormError(props: { readonly failure: Failure | undefined; readonly fields: ReadonlyArray<string>; readonly onRetry?: () => void }) {
  const f = props.failure
  if (f === undefined) return null
  const shownAtField = f.field !== undefined && props.fields.includes(f.field)
  return (
    <div role="alert" class={f.retry ? "banner" : ""}>
      {!shownAtField && <p class="error">{f.message}</p>}
      {shownAtField && <p class="error">Please correct the field marked above.</p>}
      {f.retry && props.onRetry !== undefined && (
        <button type="button" class="secondary" onClick={props.onRetry}>Try again</button>
      )}
    </div>
  )
}

/** Today's date, YYYY-MM-DD, in UTC (the dates the server records). */
export const today = (): string => new Date().toISOString().slice(0, 10)

/** A date `days` after `from` (YYYY-MM-DD). */
export const addDays = (from: string, days: number): string => {
  const d = new Date(`${from}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Lines of a textarea, trimmed, blanks left out. */
export const linesOf = (text: string): Array<string> => text.split("\n").map((l) => l.trim()).filter((l) => l !== "")
