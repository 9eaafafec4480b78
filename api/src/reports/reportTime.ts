import type { ReportPeriod } from "./reportPeriod.js"

/** The instants a period's UTC days span: [fromMs, toMs), as the engine's daily rows count days. */
export const periodInstants = (period: ReportPeriod): { readonly fromMs: number; readonly toMs: number } => ({
  fromMs: Date.parse(`${period.from}T00:00:00Z`),
  toMs: Date.parse(`${period.to}T00:00:00Z`) + 86_400_000,
})

/** Every day of a period in order ("YYYY-MM-DD"). */
export const daysOf = (period: ReportPeriod): ReadonlyArray<string> => {
  const out: Array<string> = []
  const { fromMs, toMs } = periodInstants(period)
  for (let ms = fromMs; ms < toMs; ms += 86_400_000) out.push(new Date(ms).toISOString().slice(0, 10))
  return out
}

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
