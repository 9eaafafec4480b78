/**
 * A vehicle's running distance per day, the totals written to `daily_mileage` (per day) and
 * `daily_mileage_driver` (per "day|driverId"). Days are calendar days in a time zone: the
 * organisation's (VehicleProfile.timeZone) once the state has switched to it, UTC in states from
 * before local days (their `dayZone` is absent).
 */

export type DayTotals = Readonly<Record<string, number>>

/** The zone a state's day keys are in: absent in snapshots from before local days, whose are UTC. */
export const LEGACY_DAY_ZONE = "UTC"

/** Day totals older than this many days before the newest are dropped from the state. */
const KEEP_DAYS = 7
const DAY_MS = 86_400_000

/** The totals of days from KEEP_DAYS before `newestMs` on (by the UTC date: a day more or less is harmless). */
export const pruneDays = (days: DayTotals, newestMs: number): Record<string, number> => {
  const oldest = new Date(newestMs - KEEP_DAYS * DAY_MS).toISOString().slice(0, 10)
  return Object.fromEntries(Object.entries(days).filter(([day]) => day >= oldest))
}

/** The day part of a total's key: "YYYY-MM-DD" or "YYYY-MM-DD|driverId". */
const dayOfKey = (key: string): string => key.slice(0, 10)

/**
 * The totals moved onto the days of a new zone, at the first distance counted on `day` (the new
 * zone's day, "YYYY-MM-DD"): what was counted on days from `day` on, in the old zone's days, is
 * added to `day` (per driver for driver totals) and those later days become 0. Days before `day`
 * stay as they were. So nothing is counted twice or lost: the day of the switch holds everything
 * since the start of the earliest old day it absorbed (up to a day more than a local day), and
 * every later day is a local day. Every key from `day` on is set in `changed` with its new total.
 */
export const moveToDay = (totals: DayTotals, day: string, changed: Map<string, number>): DayTotals => {
  let moved = false
  for (const key in totals) {
    if (dayOfKey(key) >= day) {
      moved = true
      break
    }
  }
  if (!moved) return totals
  const next: Record<string, number> = {}
  for (const [key, metres] of Object.entries(totals)) {
    const keyDay = dayOfKey(key)
    if (keyDay < day) {
      next[key] = metres
      continue
    }
    const onDay = `${day}${key.slice(10)}`
    next[onDay] = (next[onDay] ?? 0) + metres
    if (keyDay > day) changed.set(key, 0)
  }
  for (const [key, metres] of Object.entries(next)) if (dayOfKey(key) === day) changed.set(key, metres)
  return next
}
