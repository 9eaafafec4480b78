/** The calendar day ("YYYY-MM-DD") and hour (0–23) of an instant in a time zone (IANA). */
export const localClock = (at: Date, timeZone: string): { readonly day: string; readonly hour: number } => {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00"
  return { day: `${part("year")}-${part("month")}-${part("day")}`, hour: Number(part("hour")) }
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
