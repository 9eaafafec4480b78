import type { I18n } from "../../../i18n/createI18n"

/** The weekday's name (1 = Monday … 7 = Sunday) in `locale`. */
export const weekdayName = (locale: string, weekday: number): string =>
  // 2024-01-01 was a Monday.
  new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  )

export const hourLabel = (hour: number): string => `${String(hour).padStart(2, "0")}:00`

/** "Every Monday at 08:00", "Day 1 of every month at 08:00". */
export const whenText = (
  t: I18n["t"],
  locale: string,
  s: {
    readonly frequency: string
    readonly weekday: number | null
    readonly monthDay: number | null
    readonly hour: number
  },
): string => {
  const hour = hourLabel(s.hour)
  if (s.frequency === "weekly")
    return t("reportSchedules.when_weekly", { weekday: weekdayName(locale, s.weekday ?? 1), hour })
  if (s.frequency === "monthly")
    return t("reportSchedules.when_monthly", { day: String(s.monthDay ?? 1), hour })
  return t("reportSchedules.when_daily", { hour })
}

/** The badge tone of a run's status. */
export const RUN_TONE = {
  pending: "warning",
  running: "warning",
  ok: "success",
  retrying: "danger",
  failed: "danger",
} as const
