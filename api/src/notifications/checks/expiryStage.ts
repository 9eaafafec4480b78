/** Reminder thresholds of expiring records (days before): seed 000, 30/14/7. */
export const EXPIRY_THRESHOLDS = [30, 14, 7] as const
/** Maintenance reminders (days before the due date). */
export const MAINTENANCE_THRESHOLDS = [14, 7, 3, 1] as const
/** An expiry older than this is not announced any more (a first run over years-old records). */
export const EXPIRED_LOOKBACK_DAYS = 30

export type ExpiryStage =
  | { readonly stage: "soon"; readonly threshold: number; readonly severity: "info" | "warning" }
  | { readonly stage: "expired"; readonly severity: "critical" }

/**
 * What a daily check tells about a record that expires in `daysLeft` days (negative: expired), given
 * that the previous run was `sinceDays` days ago (1 normally; more after downtime): the threshold
 * crossed since then (the nearest, when several were), "expired" once it is past, else nothing. A
 * record 20 days from expiry crossed no threshold today: its 30-day reminder was due 10 days ago.
 */
export const expiryStage = (
  daysLeft: number,
  thresholds: ReadonlyArray<number>,
  sinceDays: number,
): ExpiryStage | null => {
  if (daysLeft < 0)
    return daysLeft >= -EXPIRED_LOOKBACK_DAYS ? { stage: "expired", severity: "critical" } : null
  const crossed = thresholds.filter((t) => daysLeft <= t && t < daysLeft + Math.max(1, sinceDays))
  if (crossed.length === 0) return null
  const threshold = Math.min(...crossed)
  return { stage: "soon", threshold, severity: threshold >= 14 ? "info" : "warning" }
}
