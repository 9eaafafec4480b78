/**
 * Calls of the same key that arrive while one is running share ONE next call instead of queueing
 * one each: a key has at most one call running and one waiting. A caller joins only a call that has
 * not started yet, so its answer is read after the caller asked (never older than a call of its
 * own would be); nothing is kept once a call settles, so this is no cache and holds no stale data.
 * For chDB, which runs one statement at a time per process: eight home pages of one organisation
 * at once cost two mileage statements, not eight in a row.
 */
export const coalesceCalls = <A>(): ((key: string, run: () => Promise<A>) => Promise<A>) => {
  const running = new Map<string, Promise<A>>()
  const waiting = new Map<string, Promise<A>>()
  const ignore = () => undefined
  const start = (key: string, run: () => Promise<A>): Promise<A> => {
    const call = Promise.resolve().then(run)
    running.set(key, call)
    const done = () => {
      if (running.get(key) === call) running.delete(key)
    }
    call.then(done, done)
    return call
  }
  return (key, run) => {
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
