/**
 * A manual odometer reading against its neighbours in time: it may not be below the reading
 * before it nor above the one after it; an increase of more than `maxKmPerDay` per day since the
 * previous reading (counting at least one day) is accepted but flagged.
 */
export type ManualReadingCheck =
  | { readonly kind: "ok"; readonly flagged: boolean; readonly kmPerDay: number | null }
  | { readonly kind: "invalid"; readonly reason: string }

const DAY_MS = 86_400_000

export const checkManualReading = (
  reading: { readonly valueKm: number; readonly atMs: number },
  previous: { readonly valueKm: number; readonly atMs: number } | null,
  next: { readonly valueKm: number; readonly atMs: number } | null,
  maxKmPerDay: number,
): ManualReadingCheck => {
  if (previous !== null && reading.valueKm < previous.valueKm) {
    return {
      kind: "invalid",
      reason: `the reading (${reading.valueKm} km) is below the previous one (${previous.valueKm} km)`,
    }
  }
  if (next !== null && reading.valueKm > next.valueKm) {
    return {
      kind: "invalid",
      reason: `the reading (${reading.valueKm} km) is above a later one (${next.valueKm} km)`,
    }
  }
  if (previous === null) return { kind: "ok", flagged: false, kmPerDay: null }
  const days = Math.max(1, (reading.atMs - previous.atMs) / DAY_MS)
  const kmPerDay = Math.round(((reading.valueKm - previous.valueKm) / days) * 10) / 10
  return { kind: "ok", flagged: kmPerDay > maxKmPerDay, kmPerDay }
}
