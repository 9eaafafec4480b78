import { Schema } from "effect"
import { explained } from "./errors/checkMessages.js"

/**
 * The value schemas every route shares: one definition of a date, a date-time, an amount of
 * money and an id, so an impossible value is refused the same way (400 naming the field)
 * wherever it is sent, instead of reaching PostgreSQL or ClickHouse as a 500.
 */

/** Years FleetCore accepts in any date: older or later values are typing mistakes. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2200

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/

/** Whether y-m-d is a day of the calendar within the accepted years. */
const isCalendarDay = (y: number, m: number, d: number): boolean => {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** Checks "YYYY-MM-DD": a real calendar day between 1900 and 2200. */
export const isIsoDate = (text: string): boolean => {
  const m = DATE.exec(text)
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** Checks an RFC 3339 date-time with a zone ("2026-11-22T10:00:00Z", "…+05:00"). */
export const isIsoDateTime = (text: string): boolean => {
  const m = DATE_TIME.exec(text)
  if (m === null || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? "0")]
  if (hour > 23 || minute > 59 || second > 59) return false
  if (m[9] !== undefined && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false
  return Number.isFinite(Date.parse(text))
}

/** A calendar day, "YYYY-MM-DD". */
export const IsoDate = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/u),
  Schema.makeFilter<string>((s) => isIsoDate(s), explained("isoDate", { min: MIN_YEAR, max: MAX_YEAR })),
)

/** An instant, RFC 3339 with a zone, e.g. "2026-11-22T10:00:00Z". */
export const IsoDateTime = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/u),
  Schema.makeFilter<string>(
    (s) => s.length <= 40 && isIsoDateTime(s),
    explained("isoDateTime", { min: MIN_YEAR, max: MAX_YEAR }),
  ),
)

/** Money as a decimal string (never a float): up to 12 digits and 2 decimals, e.g. "23500.00". */
export const Money = Schema.String.check(Schema.isPattern(/^\d{1,12}(\.\d{1,2})?$/u, explained("money")))

/** An amount above zero (a limit, a price). */
export const PositiveMoney = Money.check(
  Schema.makeFilter<string>((s) => /[1-9]/.test(s), explained("positiveMoney")),
)

export const Currency = Schema.String.check(Schema.isPattern(/^[A-Z]{3}$/u, explained("currency")))

export const Uuid = Schema.String.check(Schema.isUUID())

/** Entries per page of a list when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 50
/** The most entries one page of a list may hold. */
export const MAX_PAGE_SIZE = 200

/** A page number from a query string: 1 to 999999. */
export const PageNumber = Schema.String.check(Schema.isPattern(/^[1-9]\d{0,5}$/u, explained("pageNumber")))

/** A page size from a query string: 1 to MAX_PAGE_SIZE. */
export const PageSize = Schema.String.check(
  Schema.isPattern(/^([1-9]\d?|1\d\d|200)$/u, explained("pageSize", { max: MAX_PAGE_SIZE })),
)

/** ISO 3166-1 alpha-2 country code, upper case ("KZ"). */
export const CountryCode = Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/u, explained("countryCode")))
