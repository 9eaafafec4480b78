import { TZDate } from "@date-fns/tz"
import { addDays, getDaysInMonth, getISODay } from "date-fns"

/** When a schedule is due: every day, on an ISO weekday (1 = Monday), or on a day of the month. */
export interface ScheduleTiming {
  readonly frequency: "daily" | "weekly" | "monthly"
  readonly weekday: number | null
  readonly monthDay: number | null
  /** The local hour (0–23) in the organisation's time zone. */
  readonly hour: number
}

/** Look at most this many local days ahead (a monthly schedule is due within 31). */
const HORIZON_DAYS = 62

const dueOn = (t: ScheduleTiming, day: TZDate): boolean => {
  switch (t.frequency) {
    case "daily":
      return true
    case "weekly":
      return getISODay(day) === t.weekday
    case "monthly":
      // A month shorter than the chosen day runs on its last day (31 → 30 April, 28/29 February).
      return day.getDate() === Math.min(t.monthDay ?? 1, getDaysInMonth(day))
  }
}

/**
 * The first instant strictly after `after` at which the schedule is due, in time zone `timeZone`.
 * Days are the zone's calendar days and the hour its wall clock: a local hour skipped by a DST
 * change runs at the first instant after the gap; an hour that happens twice runs once (the
 * first), since each local day yields one instant.
 */
export const nextRunAt = (t: ScheduleTiming, timeZone: string, after: Date): Date => {
  const start = new TZDate(after.getTime(), timeZone)
  let day = new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), 12, timeZone)
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    if (dueOn(t, day)) {
      const at = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), t.hour, 0, 0, timeZone)
      if (at.getTime() > after.getTime()) return new Date(at.getTime())
    }
    day = addDays(day, 1)
  }
  throw new Error(`no run of ${JSON.stringify(t)} within ${HORIZON_DAYS} days`)
}
