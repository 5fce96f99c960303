/**
 * Loading what a screen shows: a "Loading…" line, the server's error as a sentence with a retry,
 * or the view of the data (with `reload` for after a command).
 */
import type { ComponentChildren } from "preact"
import { useEffect, useState } from "preact/hooks"
import { failureOf } from "./forms.js"

type State<A> = { readonly _tag: "loading" } | { readonly _tag: "failed"; readonly message: string } | { readonly _tag: "ready"; readonly value: A }

/** Loads `get()` when `deps` change; `view(render)` shows each state. */
export const useLoad = <A,>(get: () => Promise<A>, deps: ReadonlyArray<unknown>) => {
  const [state, setState] = useState<State<A>>({ _tag: "loading" })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    get().then(
      (value) => live && setState({ _tag: "ready", value }),
      (e) => live && setState({ _tag: "failed", message: failureOf(e).message })
    )
    return () => {
      live = false
    }
  }, [...deps, round])
  const reload = () => setRound((r) => r + 1)
  const view = (render: (value: A, reload: () => void) => ComponentChildren): ComponentChildren => {
    switch (state._tag) {
      case "loading":
        return <p role="status">Loading…</p>
      case "failed":
        return (
          <div class="banner" role="alert">
            <p class="error">{state.message}</p>
            <button type="button" class="secondary" onClick={reload}>Try again</button>
          </div>
        )
      case "ready":
        return render(state.value, reload)
    }
  }
  return { view, reload }
}
