import { GeofenceWeekdays } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"
import type { Fence } from "./geofenceQueries"

/**
 * "Always", or the days and the window: consecutive days joined into a range ("Mon–Fri 08:00–18:00",
 * "Mon, Wed, Sat–Sun 22:00–06:00").
 */
export const scheduleText = (t: I18n["t"], schedule: Fence["schedule"]): string => {
  if (schedule === null) return t("geofences.always")
  const index = schedule.days.map((d) => GeofenceWeekdays.indexOf(d)).sort((a, b) => a - b)
  const runs: Array<[number, number]> = []
  for (const i of index) {
    const last = runs.at(-1)
    if (last !== undefined && last[1] === i - 1) last[1] = i
    else runs.push([i, i])
  }
  const day = (i: number) => t(`geofences.dayShort_${GeofenceWeekdays[i] ?? "mon"}`)
  const days =
    index.length === 7
      ? t("geofences.everyDay")
      : runs.map(([a, b]) => (a === b ? day(a) : `${day(a)}–${day(b)}`)).join(", ")
  return `${days} ${schedule.from}–${schedule.to}`
}
