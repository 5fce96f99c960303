/**
 * The progress bar of `coaching validate`: bytes, records, rate and ETA, redrawn in place on
 * stderr at most ten times a second. The CLI draws it only when stderr is a terminal, so CI
 * logs and redirected output never see it.
 */

/** What the bar shows. */
export interface ProgressState {
  readonly bytes: number
  /** The input's size, when known (files; not stdin). */
  readonly total: number | undefined
  readonly records: number
  readonly elapsedMs: number
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1)
const grouped = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",")
const duration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds))
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`
}

/** One line of the bar (no newline), e.g. `[######----] 61% 612.0/1000.0 MB  1,234 records  85.3 MB/s  ETA 5s`. */
export const render = (state: ProgressState, width = 24): string => {
  const seconds = state.elapsedMs / 1000
  const rate = seconds > 0 ? state.bytes / seconds : 0
  const records = `${grouped(state.records)} records`
  const speed = `${mb(rate)} MB/s`
  if (state.total === undefined || state.total <= 0) return `${mb(state.bytes)} MB  ${records}  ${speed}`
  const fraction = Math.min(1, state.bytes / state.total)
  const filled = Math.round(fraction * width)
  const eta = rate > 0 ? duration((state.total - state.bytes) / rate) : "?"
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${mb(state.bytes)}/${mb(state.total)} MB  ${records}  ${speed}  ETA ${eta}`
}

/** A bar that redraws through `write` (throttled) and clears its line when done. */
export const make = (write: (text: string) => void, total: number | undefined, now: () => number = () => performance.now()) => {
  const start = now()
  let last = Number.NEGATIVE_INFINITY
  return {
    update(bytes: number, records: number): void {
      const t = now()
      if (t - last < 100) return
      last = t
      write(`\r${render({ bytes, total, records, elapsedMs: t - start })}\u001b[K`)
    },
    done(): void {
      if (last !== Number.NEGATIVE_INFINITY) write("\r\u001b[K")
    }
  }
}
