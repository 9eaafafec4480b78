import { startOfDayIn } from "../i18n/timeZone"

/** A period of history, [fromMs, toMs). */
export interface Period {
  readonly fromMs: number
  readonly toMs: number
}

export type PeriodPreset = "today" | "yesterday" | "last7" | "custom"
export const PERIOD_PRESETS: ReadonlyArray<Exclude<PeriodPreset, "custom">> = ["today", "yesterday", "last7"]

/** The longest period the track endpoint answers (`vehicles.track`: 31 days). */
export const MAX_PERIOD_MS = 31 * 86_400_000

/** A preset's period in time zone `zone`: today until now, all of yesterday, the last 7 days until now. */
export const presetPeriod = (
  preset: Exclude<PeriodPreset, "custom">,
  nowMs: number,
  zone: string,
): Period => {
  const today = startOfDayIn(nowMs, zone)
  switch (preset) {
    case "today":
      return { fromMs: today, toMs: nowMs }
    case "yesterday":
      // Through the calendar, not 24 h: a day with a clock change is 23 or 25 hours long.
      return { fromMs: startOfDayIn(today - 1, zone), toMs: today }
    case "last7":
      return { fromMs: nowMs - 7 * 86_400_000, toMs: nowMs }
  }
}

/** A custom period if it is one the API answers: `to` after `from`, at most 31 days. */
export const validPeriod = (fromMs: number, toMs: number): Period | undefined =>
  Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs && toMs - fromMs <= MAX_PERIOD_MS
    ? { fromMs, toMs }
    : undefined

const isPreset = (value: unknown): value is PeriodPreset =>
  value === "today" || value === "yesterday" || value === "last7" || value === "custom"

/**
 * The URL's period: `?period=today|yesterday|last7` (days in `zone`), or `?period=custom&from=&to=`
 * (ISO); else `fallback`.
 */
export const periodFromSearch = (
  search: {
    readonly period?: string | string[] | undefined
    readonly from?: string | string[] | undefined
    readonly to?: string | string[] | undefined
  },
  nowMs: number,
  zone: string,
  fallback: Exclude<PeriodPreset, "custom"> = "today",
): Period & { readonly preset: PeriodPreset } => {
  const preset = isPreset(search.period) ? search.period : search.from !== undefined ? "custom" : fallback
  if (preset === "custom") {
    const custom = validPeriod(Date.parse(String(search.from)), Date.parse(String(search.to)))
    if (custom !== undefined) return { ...custom, preset }
    return { ...presetPeriod(fallback, nowMs, zone), preset: fallback }
  }
  return { ...presetPeriod(preset, nowMs, zone), preset }
}
