import { TZDate, tz } from "@date-fns/tz"
import { addDays, format, isValid, parse, startOfDay } from "date-fns"

/**
 * Wall clocks in a time zone: the one place the dashboard turns instants into days, inputs and
 * back, in the zone the UI speaks (`uiTimeZone`), never in the browser's by accident. The zone rules
 * are @date-fns/tz's (the browser's IANA data); nothing here adds offsets by hand.
 */

/** The browser's own zone ("America/New_York"). */
export const browserTimeZone = (): string => new Intl.DateTimeFormat().resolvedOptions().timeZone

/** Whether this browser's zone data knows `zone` (an older browser may lack a newer name). */
const knownHere = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * The zone the UI speaks: the user's own when they chose one (a manager travelling), else the
 * organisation's (the zone its reports count days in), else the browser's (signed out, or a zone
 * this browser does not know).
 */
export const uiTimeZone = (
  user: { readonly timeZone: string | null; readonly orgTimeZone: string } | null | undefined,
): string =>
  [user?.timeZone, user?.orgTimeZone].find((zone): zone is string => zone != null && knownHere(zone)) ??
  browserTimeZone()

const DAY = "yyyy-MM-dd"
const INPUT = "yyyy-MM-dd'T'HH:mm"
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/u
const INPUT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/u

/** The calendar day of an instant in `zone`, "YYYY-MM-DD". */
export const dayIn = (at: Date | number, zone: string): string =>
  format(new TZDate(typeof at === "number" ? at : at.getTime(), zone), DAY)

/** The wall-clock time of an instant in `zone`, "HH:mm". */
export const timeOfDayIn = (at: Date | number, zone: string): string =>
  format(new TZDate(typeof at === "number" ? at : at.getTime(), zone), "HH:mm")

/** Midnight in `zone` of the day that contains `ms` (a day with a clock change is 23 or 25 h long). */
export const startOfDayIn = (ms: number, zone: string): number => startOfDay(new TZDate(ms, zone)).getTime()

/**
 * The instant a calendar day "YYYY-MM-DD" starts in `zone`, `plusDays` later through the calendar
 * (1: the next day's start, the end of an inclusive day filter); NaN for a malformed day.
 */
export const dayStartIn = (day: string, zone: string, plusDays = 0): number => {
  if (!DAY_PATTERN.test(day)) return Number.NaN
  const start = parse(day, DAY, new Date(), { in: tz(zone) })
  return isValid(start) ? addDays(start, plusDays).getTime() : Number.NaN
}

/** `dayStartIn` as an ISO instant, for a query's from/to; undefined for a malformed day. */
export const dayStartIso = (day: string, zone: string, plusDays = 0): string | undefined => {
  const ms = dayStartIn(day, zone, plusDays)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/** The value of an `<input type="datetime-local">` ("2027-03-12T08:30") showing `ms` in `zone`. */
export const toZonedInput = (ms: number, zone: string): string => format(new TZDate(ms, zone), INPUT)

/**
 * The instant a `datetime-local` value means in `zone`; NaN for an empty or malformed value. A time
 * a clock change skips (02:30 on a spring-forward night) is the same distance past the change.
 */
export const fromZonedInput = (value: string, zone: string): number => {
  if (!INPUT_PATTERN.test(value)) return Number.NaN
  const at = parse(value, INPUT, new Date(), { in: tz(zone) })
  return isValid(at) ? at.getTime() : Number.NaN
}

/** `fromZonedInput` as an ISO instant for the API; undefined for an empty or malformed value. */
export const zonedInputIso = (value: string, zone: string): string | undefined => {
  const ms = fromZonedInput(value, zone)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/**
 * A short label of a zone at an instant, for a reader who may be elsewhere: "Almaty (GMT+5)"
 * from the IANA name's city and Intl's offset in the language.
 */
export const zoneLabel = (zone: string, locale: string, at: number): string => {
  const offset =
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value ?? zone
  const city = zone.includes("/") ? (zone.split("/").pop() ?? zone).replaceAll("_", " ") : zone
  return `${city} (${offset})`
}
