import { localMidnight } from "@fleetcore/engine"
import type { ReportPeriod } from "./reportPeriod.js"

const DAY_MS = 86_400_000

/** Day `day` ("YYYY-MM-DD") moved by `delta` calendar days. */
export const addDays = (day: string, delta: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10)

/**
 * The instants a period's days span in the organisation's time zone: [fromMs, toMs), from the
 * local midnight of its first day to the local midnight after its last.
 */
export const periodInstants = (
  period: ReportPeriod,
  timezone: string,
): { readonly fromMs: number; readonly toMs: number } => ({
  fromMs: localMidnight(timezone, period.from),
  toMs: localMidnight(timezone, addDays(period.to, 1)),
})

/** Every day of a period in order ("YYYY-MM-DD"). */
export const daysOf = (period: { readonly from: string; readonly to: string }): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) out.push(day)
  return out
}

/**
 * The days of a period that have begun: from its first day to its last or `today` (the
 * organisation's current day), whichever is earlier; none when the period starts after today.
 */
export const daysSoFar = (period: { readonly from: string; readonly to: string }, today: string) =>
  daysOf({ from: period.from, to: period.to < today ? period.to : today })

const wallClocks = new Map<string, Intl.DateTimeFormat>()

/** Instant `ms` as the wall clock of `timezone` reads it: "YYYY-MM-DD HH:mm" (a `datetime` cell). */
export const wallTime = (timezone: string, ms: number): string => {
  let format = wallClocks.get(timezone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
    wallClocks.set(timezone, format)
  }
  const part = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`
}

/** Metres as kilometres with one decimal (a `distance` cell). */
export const km = (metres: number): number => Math.round(metres / 100) / 10

/** Whole seconds (a `duration` cell). */
export const seconds = (s: number): number => Math.round(s)
