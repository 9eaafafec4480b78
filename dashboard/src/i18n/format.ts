import type { Locale } from "./locales"

export type CompassPoint = "n" | "ne" | "e" | "se" | "s" | "sw" | "w" | "nw"
const compassPoints: ReadonlyArray<CompassPoint> = ["n", "ne", "e", "se", "s", "sw", "w", "nw"]

/** The nearest of the eight compass points to a heading in degrees (0 = north, clockwise). */
export const compassPoint = (headingDeg: number): CompassPoint =>
  compassPoints[Math.round((((headingDeg % 360) + 360) % 360) / 45) % 8] ?? "n"

type RelativeUnit = "second" | "minute" | "hour" | "day" | "week" | "month" | "year"
const relativeSteps: ReadonlyArray<readonly [RelativeUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.345],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
]

/** The units of a duration: Intl's name, its length in seconds, and the fallback's short name. */
type DurationUnit = "d" | "h" | "min" | "s"
const durationSteps: ReadonlyArray<readonly ["day" | "hour" | "minute" | "second", number, DurationUnit]> = [
  ["day", 86_400, "d"],
  ["hour", 3_600, "h"],
  ["minute", 60, "min"],
  ["second", 1, "s"],
]

/** Dictionary templates for what Intl cannot say when the browser lacks the language's data. */
export interface IntlFallback {
  readonly unit: (unit: "kmh" | "km" | DurationUnit, value: string) => string
  readonly relative: (unit: RelativeUnit | "now", value: string) => string
}

/**
 * Some browser builds ship ICU without data for some languages yet claim to support them
 * (Debian's Chromium and Kazakh): they then answer with the root locale, whose month names are
 * "M01"…"M12" and whose relative times read "-5 min". Names of months in our languages hold no digit.
 */
const hasIntlData = (locale: Locale): boolean =>
  !/\d/.test(new Intl.DateTimeFormat(locale, { month: "long" }).format(new Date(2024, 0, 15)))

/** Whose number and numeric date conventions to borrow without data: Kazakhstan writes both as Russian does. */
const numericFallback: Readonly<Record<Locale, string>> = { en: "en", ru: "ru", kk: "ru", tr: "tr" }

/** The locale whose number conventions a language writes with (its own, or its fallback's without data). */
export const numericLocale = (locale: Locale): string =>
  hasIntlData(locale) ? locale : numericFallback[locale]

export interface Formatters {
  /** m/s -> "43 km/h" */
  readonly speed: (mps: number) => string
  /** metres -> "12,345.6 km" */
  readonly distanceKm: (metres: number) => string
  /** 0..100 -> "57%" */
  readonly percent: (pct: number) => string
  /** A plain number with fixed decimals ("12.6"); the unit comes from the dictionary. */
  readonly decimal: (value: number, fractionDigits: number) => string
  readonly degrees: (deg: number) => string
  readonly coordinate: (deg: number) => string
  /**
   * A place as "lat, lon", or "lat; lon" where the decimal separator is a comma ("43,22680;
   * 76,87480", not the four numbers "43,22680, 76,87480" seem to be).
   */
  readonly position: (lat: number, lon: number) => string
  /** An instant as the wall clock of the UI's zone shows it: "12 Mar 2027, 08:30:00". */
  readonly dateTime: (ms: number) => string
  readonly integer: (n: number) => string
  /** A duration in seconds in its two largest units: "21 sec", "5 min 3 sec", "2 hr 5 min". */
  readonly duration: (seconds: number) => string
  /** "5 minutes ago", "now" */
  readonly relative: (thenMs: number, nowMs: number) => string
  /** A calendar day "YYYY-MM-DD" (no time zone: the day itself) -> "12 Mar 2027" */
  readonly day: (isoDate: string) => string
  /** A decimal amount of money ("1200.50", "EUR") -> "€1,200.50"; the string itself, never a float. */
  readonly money: (amount: string, currency: string) => string
  /** A conversion rate in `base` with every decimal it has (up to 8): "₸512.3456". */
  readonly rate: (rate: string, base: string) => string
  /** A file size: "840 KB", "3.2 MB" (decimal units). */
  readonly fileSize: (bytes: number) => string
}

/**
 * Intl formatters for one language, showing instants in `timeZone` (IANA: the zone the UI speaks,
 * see `uiTimeZone`); build once per language or zone change.
 */
export const makeFormatters = (locale: Locale, fallback: IntlFallback, timeZone: string): Formatters => {
  const native = hasIntlData(locale)
  const numbers = numericLocale(locale)
  const number = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(numbers, options)
  const kmh = number({ maximumFractionDigits: 0 })
  const km = number({ maximumFractionDigits: 1 })
  const speedUnit = number({ style: "unit", unit: "kilometer-per-hour", maximumFractionDigits: 0 })
  const kmUnit = number({ style: "unit", unit: "kilometer", maximumFractionDigits: 1 })
  const percent = number({ style: "unit", unit: "percent", maximumFractionDigits: 0 })
  const degrees = number({ style: "unit", unit: "degree", unitDisplay: "narrow", maximumFractionDigits: 0 })
  const coordinate = number({ minimumFractionDigits: 5, maximumFractionDigits: 5 })
  const integer = number({ maximumFractionDigits: 0 })
  const decimals = new Map<number, Intl.NumberFormat>()
  const dateTime = native
    ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone })
    : new Intl.DateTimeFormat(numbers, {
        timeZone,
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
  const durationUnits = new Map(
    durationSteps.map(([unit]) => [unit, number({ style: "unit", unit, unitDisplay: "short" })] as const),
  )
  const durationList = new Intl.ListFormat(locale, { type: "unit", style: "narrow" })
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "long" })
  const day = native
    ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" })
    : new Intl.DateTimeFormat(numbers, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" })
  const moneys = new Map<string, Intl.NumberFormat>()
  const kilobytes = number({ style: "unit", unit: "kilobyte", maximumFractionDigits: 0 })
  const megabytes = number({ style: "unit", unit: "megabyte", maximumFractionDigits: 1 })

  const relativeText = (value: number, unit: RelativeUnit): string => {
    if (native) return relative.format(value, unit)
    return value === 0
      ? fallback.relative("now", "")
      : fallback.relative(unit, integer.format(Math.abs(value)))
  }

  return {
    speed: (mps) => (native ? speedUnit.format(mps * 3.6) : fallback.unit("kmh", kmh.format(mps * 3.6))),
    distanceKm: (metres) =>
      native ? kmUnit.format(metres / 1000) : fallback.unit("km", km.format(metres / 1000)),
    percent: (pct) => percent.format(pct),
    decimal: (value, fractionDigits) => {
      let format = decimals.get(fractionDigits)
      if (format === undefined) {
        format = number({ minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits })
        decimals.set(fractionDigits, format)
      }
      return format.format(value)
    },
    degrees: (deg) => degrees.format(deg),
    coordinate: (deg) => coordinate.format(deg),
    position: (lat, lon) => {
      const comma = coordinate.formatToParts(0.5).some((p) => p.type === "decimal" && p.value === ",")
      return `${coordinate.format(lat)}${comma ? "; " : ", "}${coordinate.format(lon)}`
    },
    dateTime: (ms) => dateTime.format(ms),
    integer: (n) => integer.format(n),
    duration: (seconds) => {
      let rest = Math.max(0, Math.round(seconds))
      const parts: string[] = []
      for (const [unit, size, short] of durationSteps) {
        const count = Math.floor(rest / size)
        rest -= count * size
        // The largest unit present and the one right below it (when not zero): "2 hr 5 min".
        if (parts.length === 0 ? count > 0 || unit === "second" : parts.length === 1 && count > 0) {
          parts.push(
            native
              ? (durationUnits.get(unit)?.format(count) ?? String(count))
              : fallback.unit(short, integer.format(count)),
          )
        } else if (parts.length > 0) break
      }
      return native ? durationList.format(parts) : parts.join(" ")
    },
    relative: (thenMs, nowMs) => {
      // Past is negative; clock skew may put a fresh point slightly in the future: call it now.
      let value = Math.min(0, thenMs - nowMs) / 1000
      for (const [unit, size] of relativeSteps) {
        if (Math.abs(value) < size) return relativeText(Math.round(value), unit)
        value /= size
      }
      return relativeText(Math.round(value), "year")
    },
    day: (isoDate) => day.format(Date.parse(`${isoDate}T00:00:00Z`)),
    money: (amount, currency) => {
      let format = moneys.get(currency)
      if (format === undefined) {
        format = number({ style: "currency", currency, currencyDisplay: "narrowSymbol" })
        moneys.set(currency, format)
      }
      // Amounts are exact decimal strings; Intl formats the decimal string itself, never a float.
      return format.format(amount as `${number}`)
    },
    rate: (rate, base) =>
      number({
        style: "currency",
        currency: base,
        currencyDisplay: "narrowSymbol",
        minimumFractionDigits: 2,
        maximumFractionDigits: 8,
      }).format(rate as `${number}`),
    fileSize: (bytes) =>
      bytes < 1_000_000 ? kilobytes.format(Math.max(1, bytes / 1000)) : megabytes.format(bytes / 1_000_000),
  }
}
