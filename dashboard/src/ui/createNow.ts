import { type Accessor, createSignal, onCleanup } from "solid-js"

/** The current time, ticking every `intervalMs`: for "5 minutes ago" and staleness. */
export const createNow = (intervalMs: number): Accessor<number> => {
  const [now, setNow] = createSignal(Date.now())
  const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
  onCleanup(() => window.clearInterval(timer))
  return now
}
