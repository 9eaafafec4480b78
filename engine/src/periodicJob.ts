import type { Scope } from "effect"
import { Effect, Schedule } from "effect"

export interface PeriodicJobHooks {
  /** A round failed: logged, and the next round runs as planned. */
  readonly failed: (what: string, cause: unknown) => void
  /** A round finished, after `seconds`. */
  readonly finished: (what: string, seconds: number) => void
}

/**
 * Runs `work` every `ms` (spaced: from the end of one round to the start of the next) for the
 * life of the scope. When the scope closes, a round in progress is finished, not abandoned, and no
 * round starts after: a shutdown step registered on the scope before the job (so run after it)
 * never meets a round still under way, such as a rule snapshot asked of a rules thread that has
 * just been closed.
 */
export const periodicJob = (
  what: string,
  ms: number,
  work: () => Promise<unknown>,
  hooks: PeriodicJobHooks,
): Effect.Effect<void, never, Scope.Scope> =>
  Effect.tryPromise(async () => {
    const started = performance.now()
    await work()
    hooks.finished(what, (performance.now() - started) / 1000)
  }).pipe(
    Effect.catchCause((cause) => Effect.sync(() => hooks.failed(what, cause))),
    Effect.uninterruptible,
    Effect.repeat(Schedule.spaced(ms)),
    Effect.forkScoped,
    Effect.asVoid,
  )
