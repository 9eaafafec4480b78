/**
 * When a geofence is watched: windows starting on `days` (0 = Monday … 6 = Sunday) at `fromMin`
 * and ending at `toMin` (minutes after local midnight) in `timeZone`. A window whose end is at or
 * before its start runs past midnight into the next day (22:00–06:00; 00:00–00:00 = 24 hours).
 */
export interface GeofenceSchedule {
  readonly days: ReadonlyArray<number>
  readonly fromMin: number
  readonly toMin: number
  readonly timeZone: string
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const
const SHORT: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(":")
  return Number(h) * 60 + Number(m)
}

/** The stored form ({days: ["mon", …], from: "08:00", to: "18:00"}) in an organisation's zone. */
export const parseGeofenceSchedule = (
  s: { readonly days: ReadonlyArray<string>; readonly from: string; readonly to: string },
  timeZone: string,
): GeofenceSchedule => ({
  days: s.days.map((d) => WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number])).filter((d) => d >= 0),
  fromMin: minutesOf(s.from),
  toMin: minutesOf(s.to),
  timeZone,
})

// One formatter per zone: building one costs far more than formatting with it. The zones are the
// organisations' (a handful), so the map stays small.
const formatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    const options = { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const
    try {
      f = new Intl.DateTimeFormat("en-US", { ...options, timeZone })
    } catch {
      // The settings endpoint accepts only IANA zones; a row written around it reads as UTC.
      f = new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" })
    }
    formatters.set(timeZone, f)
  }
  return f
}

/** Local weekday (0 = Monday) and minute of the day of an instant. */
export const localWeekMinute = (timeMs: number, timeZone: string): { day: number; minute: number } => {
  let day = 0
  let hour = 0
  let minute = 0
  for (const part of formatterFor(timeZone).formatToParts(timeMs)) {
    if (part.type === "weekday") day = SHORT[part.value] ?? 0
    else if (part.type === "hour") hour = Number(part.value)
    else if (part.type === "minute") minute = Number(part.value)
  }
  return { day, minute: hour * 60 + minute }
}

export const inSchedule = (s: GeofenceSchedule, timeMs: number): boolean => {
  const { day, minute } = localWeekMinute(timeMs, s.timeZone)
  if (s.fromMin < s.toMin) return s.days.includes(day) && minute >= s.fromMin && minute < s.toMin
  // Past midnight: the evening part belongs to today's window, the morning part to yesterday's.
  return (s.days.includes(day) && minute >= s.fromMin) || (s.days.includes((day + 6) % 7) && minute < s.toMin)
}
