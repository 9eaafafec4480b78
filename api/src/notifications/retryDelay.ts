/** The first retry of a failed delivery waits this long; each later one twice as long as the one before. */
export const RETRY_BASE_MS = 1_000
/** No wait between two attempts is longer than an hour. */
export const RETRY_MAX_MS = 3_600_000
/** A delivery is given up (marked failed) after this many attempts (about 4.5 h of retries). */
export const MAX_ATTEMPTS = 16

/** Exponential back-off: the wait after the `attempt`-th failed attempt (1, 2, …): 1 s, 2 s, 4 s … ≤ 1 h. */
export const retryDelayMs = (attempt: number, baseMs: number = RETRY_BASE_MS): number =>
  Math.min(RETRY_MAX_MS, baseMs * 2 ** Math.max(0, attempt - 1))
