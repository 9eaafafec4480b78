/**
 * Calls of the same key that arrive while one is running share ONE next call instead of queueing
 * one each: a key has at most one call running and one waiting. A caller joins only a call that has
 * not started yet, so its answer is read after the caller asked. With `reuseForMs`, an answer is
 * also given to the callers of the next `reuseForMs` after it settled (never a failure): for figures
 * that are themselves written every second or so, such as ClickHouse's daily mileage, so that a
 * busy organisation's home pages cost one statement per interval. Without it nothing is kept once a
 * call settles.
 * For chDB, which runs one statement at a time per process: eight home pages of one organisation
 * at once cost two mileage statements at most, not eight in a row.
 */
export const coalesceCalls = <A>(
  options: { readonly reuseForMs?: number; readonly now?: () => number } = {},
): ((key: string, run: () => Promise<A>) => Promise<A>) => {
  const reuseForMs = options.reuseForMs ?? 0
  const now = options.now ?? Date.now
  const running = new Map<string, Promise<A>>()
  const waiting = new Map<string, Promise<A>>()
  const answers = new Map<string, { readonly value: A; readonly atMs: number }>()
  const ignore = () => undefined
  const start = (key: string, run: () => Promise<A>): Promise<A> => {
    const call = Promise.resolve().then(run)
    running.set(key, call)
    const done = () => {
      if (running.get(key) === call) running.delete(key)
    }
    call.then((value) => {
      done()
      if (reuseForMs > 0) answers.set(key, { value, atMs: now() })
    }, done)
    return call
  }
  return (key, run) => {
    const answer = answers.get(key)
    if (answer !== undefined) {
      if (now() - answer.atMs < reuseForMs) return Promise.resolve(answer.value)
      answers.delete(key)
    }
    const next = waiting.get(key)
    if (next !== undefined) return next
    const current = running.get(key)
    if (current === undefined) return start(key, run)
    const queued = current.then(ignore, ignore).then(() => {
      waiting.delete(key)
      return start(key, run)
    })
    waiting.set(key, queued)
    return queued
  }
}
