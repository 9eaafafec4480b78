import type { PeriodPreset } from "@fleetcore/contract"
import { type Reason, reason } from "@fleetcore/contract"
import { refuse } from "../http/refuse.js"
import { addDays } from "./reportTime.js"

/** A report's days, both included ("YYYY-MM-DD"), and the preset they came from. */
export interface ReportPeriod {
  readonly preset: typeof PeriodPreset.Type
  readonly from: string
  readonly to: string
}

/** The longest custom period: a year and a day (a leap year's whole year fits). */
export const MAX_PERIOD_DAYS = 366

/** The calendar day of instant `now` in time zone `timezone` ("YYYY-MM-DD"). */
export const dayIn = (timezone: string, now: Date): string =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now)

const pad = (n: number) => String(n).padStart(2, "0")
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`
/** The last day of month `m` (1–12) of year `y`. */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
/** Month `m` of year `y` moved by `delta` months: [year, month]. */
const shift = (y: number, m: number, delta: number): [number, number] => {
  const i = y * 12 + (m - 1) + delta
  return [Math.floor(i / 12), (i % 12) + 1]
}
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1

const invalid = (why: Reason) => refuse(400, "FLEET_REPORT_PERIOD_INVALID", "period", why)

/**
 * The days a report covers. Presets count calendar months in the organisation's time zone from
 * `today` (that zone's current day): this month, last month, this quarter, this year, and the last
 * 12 months (this month and the 11 before it, whole months); yesterday and last week (Monday to
 * Sunday) count days. `custom` takes `from`/`to` as given.
 */
export const reportPeriod = (
  q: { readonly period?: ReportPeriod["preset"]; readonly from?: string; readonly to?: string },
  today: string,
): ReportPeriod => {
  const preset = q.period ?? (q.from !== undefined || q.to !== undefined ? "custom" : "thisMonth")
  if (preset === "custom") {
    if (q.from === undefined || q.to === undefined) throw invalid(reason("customNeedsBoth"))
    if (q.from > q.to) throw invalid(reason("fromAfterTo"))
    if (daysBetween(q.from, q.to) > MAX_PERIOD_DAYS)
      throw invalid(
        reason("periodAtMost", { max: MAX_PERIOD_DAYS, unit: { unit: "days", count: MAX_PERIOD_DAYS } }),
      )
    return { preset, from: q.from, to: q.to }
  }
  if (q.from !== undefined || q.to !== undefined) throw invalid(reason("fromToCustomOnly"))
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  const months = (fromY: number, fromM: number, toY: number, toM: number): ReportPeriod => ({
    preset,
    from: ymd(fromY, fromM, 1),
    to: ymd(toY, toM, lastDay(toY, toM)),
  })
  switch (preset) {
    case "thisMonth":
      return months(y, m, y, m)
    case "lastMonth": {
      const [py, pm] = shift(y, m, -1)
      return months(py, pm, py, pm)
    }
    case "thisQuarter": {
      const first = m - ((m - 1) % 3)
      return months(y, first, y, first + 2)
    }
    case "thisYear":
      return months(y, 1, y, 12)
    case "last12Months": {
      const [sy, sm] = shift(y, m, -11)
      return months(sy, sm, y, m)
    }
    case "yesterday": {
      const day = addDays(today, -1)
      return { preset, from: day, to: day }
    }
    case "lastWeek": {
      // ISO weeks: Monday to Sunday; getUTCDay() is 0 on Sunday.
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
      const monday = addDays(today, -weekday - 7)
      return { preset, from: monday, to: addDays(monday, 6) }
    }
  }
}

/** The first days of the months a period touches, in order ("YYYY-MM-01"). */
export const monthsOf = (period: { readonly from: string; readonly to: string }): ReadonlyArray<string> => {
  const out: Array<string> = []
  let [y, m] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))]
  const end = period.to.slice(0, 7)
  while (ymd(y, m, 1).slice(0, 7) <= end) {
    out.push(ymd(y, m, 1))
    ;[y, m] = shift(y, m, 1)
  }
  return out
}
