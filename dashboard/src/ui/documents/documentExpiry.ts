/** How far a document's expiry is: none, expired, within the warning window, or later. */
export type ExpiryState = "none" | "expired" | "soon" | "valid"

/** Days before the expiry date from which a document is "expiring" (seed 000: reminders at 30/14/7). */
export const EXPIRY_WARNING_DAYS = 30

/** Whole days from `today` to the calendar day `isoDay` (both "YYYY-MM-DD"; negative when past). */
export const daysUntil = (isoDay: string, today: string): number =>
  Math.round((Date.parse(`${isoDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)

export const expiryState = (expiresOn: string | null, today: string): ExpiryState => {
  if (expiresOn === null) return "none"
  const days = daysUntil(expiresOn, today)
  if (days < 0) return "expired"
  return days <= EXPIRY_WARNING_DAYS ? "soon" : "valid"
}
