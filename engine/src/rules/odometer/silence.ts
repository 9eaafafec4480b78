/**
 * A silence in a tracker's reports, measured against its own rhythm. Across a silence GPS has only
 * the straight line, which under-reads the road (a U-turn or a loop hides in it), so the odometer
 * comparisons leave the stretch out. `mismatchMaxGapS` (2 min) catches long ones for every
 * tracker; this catches shorter ones for trackers that report often: a 15 s tracker silent for
 * 105 s missed six reports. That is what a re-run sees while a blind-area buffer is still
 * uploading: part of the hole is filled, the rest is a shorter silence.
 */

/** A silence is at least this long (s): trackers report every 1–30 s while driving. */
export const SILENCE_MIN_S = 30
/** …and this many times the tracker's regular interval. */
export const SILENCE_FACTOR = 3

/** Whether `gapMs` since the previous point is a silence for a tracker reporting every `intervalMs`. */
export const isSilence = (intervalMs: number | undefined, gapMs: number): boolean =>
  intervalMs !== undefined && gapMs > Math.max(SILENCE_MIN_S * 1000, SILENCE_FACTOR * intervalMs)

/**
 * The tracker's regular interval after a gap of `gapMs`: the gap itself unless it was a silence
 * (a silence does not teach the rhythm; a parked tracker's slower reports do once they repeat
 * within the factor). Unknown until the second point.
 */
export const nextInterval = (intervalMs: number | undefined, gapMs: number | null): number | undefined =>
  gapMs === null || gapMs <= 0 ? intervalMs : isSilence(intervalMs, gapMs) ? intervalMs : gapMs
