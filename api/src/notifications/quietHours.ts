/**
 * Whether `at` falls in the quiet hours `from`–`to` ("22:00"–"07:00", local time in `timeZone`).
 * A window whose end is before its start spans midnight; equal ends mean no quiet hours.
 */
export const inQuietHours = (at: Date, from: string, to: string, timeZone: string): boolean => {
  const minutes = (hhmm: string): number => {
    const [h, m] = hhmm.split(":")
    return Number(h) * 60 + Number(m)
  }
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0")
  const now = part("hour") * 60 + part("minute")
  const start = minutes(from)
  const end = minutes(to)
  if (start === end) return false
  return start < end ? now >= start && now < end : now >= start || now < end
}
