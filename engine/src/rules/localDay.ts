import { TZDate } from "@date-fns/tz"
import { ORGANISATION_DEFAULTS } from "@fleetcore/contract/organisationDefaults"

/**
 * Calendar days in an organisation's time zone (IANA, e.g. "Asia/Almaty"), the days daily
 * mileage is kept by. A day runs from its local midnight to the next one: 23 or 25 hours on a
 * daylight-saving change, and where the clocks skip midnight (America/Santiago in September) from
 * the first instant the day has (01:00).
 */

/** One local calendar day: the instants [startMs, endMs) and its date "YYYY-MM-DD". */
export interface LocalDay {
  readonly key: string
  readonly startMs: number
  readonly endMs: number
}

const pad = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

/** The local day of `zone` that instant `timeMs` falls on (TZDate: the zone's real rules). */
export const localDayOf = (zone: string, timeMs: number): LocalDay => {
  const at = new TZDate(timeMs, zone)
  const year = at.getFullYear()
  const month = at.getMonth()
  const date = at.getDate()
  return {
    key: `${year}-${pad(month + 1)}-${pad(date)}`,
    startMs: new TZDate(year, month, date, zone).getTime(),
    // Day overflow (the 32nd) rolls into the next month, as Date does.
    endMs: new TZDate(year, month, date + 1, zone).getTime(),
  }
}

/** The first instant of calendar day `day` ("YYYY-MM-DD") in `zone`: its local midnight (or first instant). */
export const localMidnight = (zone: string, day: string): number => {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number]
  return new TZDate(year, month - 1, date, zone).getTime()
}

/** The last two days looked up per zone: points mostly fall on today, some (late ones) on yesterday. */
interface ZoneDays {
  current: LocalDay
  previous: LocalDay
}

const NO_DAY: LocalDay = { key: "", startMs: 0, endMs: 0 }
const zones = new Map<string, ZoneDays>()

/**
 * The local day ("YYYY-MM-DD") of `zone` that `timeMs` falls on. The per-point path: a lookup in
 * the zone's cached days allocates nothing; a point outside both computes its day once.
 */
export const localDayKey = (zone: string, timeMs: number): string => {
  let days = zones.get(zone)
  if (days === undefined) {
    days = { current: NO_DAY, previous: NO_DAY }
    zones.set(zone, days)
  }
  const current = days.current
  if (timeMs >= current.startMs && timeMs < current.endMs) return current.key
  const previous = days.previous
  if (timeMs >= previous.startMs && timeMs < previous.endMs) return previous.key
  const day = localDayOf(zone, timeMs)
  days.previous = current
  days.current = day
  return day.key
}

/** Whether `zone` is an IANA time zone this runtime knows. */
const knownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** An organisation's time zone from its settings: `timezone` when this runtime knows it, else the default. */
export const timeZoneOf = (settings: Readonly<Record<string, unknown>>): string => {
  const zone = settings.timezone
  return typeof zone === "string" && knownTimeZone(zone) ? zone : ORGANISATION_DEFAULTS.timezone
}
