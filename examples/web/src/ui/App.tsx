/**
 * The app shell: sign in (a demo person or a token), then the screens of the signed-in role —
 * a coach's caseload and journeys, a teacher's own record, a lead's reports. Routes live in the
 * URL's hash (`#/teacher/t-ada`), so the back button and links work.
 */
import { useEffect, useState } from "preact/hooks"
import type { Backend, Me } from "./backend.js"
import { CoachJourney, Caseload } from "./Coach.js"
import { failureOf } from "./forms.js"
import { makeBackend, type DemoSignIn, demoSignIns } from "./http.js"
import { LeadReports } from "./Lead.js"
import { ScriptPage } from "./ScriptPage.js"
import { TeacherRecord } from "./Teacher.js"

const TOKEN_KEY = "coaching.token"

const useHash = (): string => {
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const on = () => setHash(location.hash)
    addEventListener("hashchange", on)
    return () => removeEventListener("hashchange", on)
  }, [])
  return hash.replace(/^#/, "") || "/"
}

/** The whole app. */
export function App() {
  const [session, setSession] = useState<{ readonly backend: Backend; readonly me: Me } | undefined>(undefined)
  const [checking, setChecking] = useState(sessionStorage.getItem(TOKEN_KEY) !== null)
  const signIn = async (token: string) => {
    const backend = makeBackend(token)
    const me = await backend.me()
    sessionStorage.setItem(TOKEN_KEY, token)
    setSession({ backend, me })
  }
  useEffect(() => {
    const token = sessionStorage.getItem(TOKEN_KEY)
    if (token !== null) signIn(token).catch(() => sessionStorage.removeItem(TOKEN_KEY)).finally(() => setChecking(false))
  }, [])
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY)
    setSession(undefined)
    location.hash = "/"
  }
  return (
    <>
      <header class="bar">
        <h1>Coaching</h1>
        {session !== undefined && (
          <nav class="row" aria-label="Account">
            <span>{session.me.name} ({session.me.role})</span>
            <button type="button" class="link" onClick={signOut}>Sign out</button>
          </nav>
        )}
      </header>
      <main>
        {checking ? <p role="status">Signing in…</p> : session === undefined ? <SignIn onSignIn={signIn} /> : <Screens {...session} />}
      </main>
    </>
  )
}

function Screens(props: { readonly backend: Backend; readonly me: Me }) {
  const route = useHash()
  const parts = route.split("/").filter((p) => p !== "").map(decodeURIComponent)
  if (parts[0] === "script" && parts[1] !== undefined && parts[2] !== undefined) {
    return <ScriptPage backend={props.backend} teacherId={parts[1]} cycleId={parts[2]} />
  }
  switch (props.me.role) {
    case "coach":
      return parts[0] === "teacher" && parts[1] !== undefined
        ? <CoachJourney backend={props.backend} me={props.me} teacherId={parts[1]} />
        : <Caseload backend={props.backend} me={props.me} />
    case "teacher":
      return <TeacherRecord backend={props.backend} me={props.me} print={parts[0] === "summary"} />
    case "lead":
      return <LeadReports backend={props.backend} />
    default:
      return <p>This app has no screens for the {props.me.role} role yet; use the command line (`coaching tokens`, `coaching import`).</p>
  }
}

function SignIn(props: { readonly onSignIn: (token: string) => Promise<void> }) {
  const [token, setToken] = useState("")
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const [demo, setDemo] = useState<ReadonlyArray<DemoSignIn>>([])
  useEffect(() => {
    demoSignIns().then(setDemo, () => setDemo([]))
  }, [])
  const go = (t: string) => props.onSignIn(t).catch((e) => setProblem(failureOf(e).message))
  return (
    <div>
      <h2>Sign in</h2>
      {demo.length > 0 && (
        <section class="card" aria-labelledby="demo-title">
          <h3 id="demo-title">The demo school</h3>
          <ul class="plain">
            {demo.map((d) => (
              <li key={d.token}>
                <button type="button" class="secondary" onClick={() => void go(d.token)}>Sign in as {d.name}</button> <span class="hint">{d.role}: {d.about}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form class="card" onSubmit={(e) => { e.preventDefault(); void go(token) }}>
        <label for="token">Access token</label>
        <p class="hint" id="token-hint">From your school's administrator (`coaching tokens create`).</p>
        <input id="token" type="password" autoComplete="current-password" aria-describedby="token-hint" value={token} onInput={(e) => setToken(e.currentTarget.value)} required />
        {problem !== undefined && <p class="error" role="alert">{problem}</p>}
        <button type="submit">Sign in</button>
      </form>
    </div>
  )
}
