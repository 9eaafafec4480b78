import type { Locale } from "../../i18n/locales"

/**
 * Money and calendar days in the user's language through Intl. Amounts stay decimal strings: Intl
 * formats the string itself (ES2023), so "1234567890.31" is never rounded through a float.
 */
export interface MoneyFormat {
  readonly money: (amount: string, currency: string) => string
  /** A conversion rate in `base`, with every decimal it has (up to 8). */
  readonly rate: (rate: string, base: string) => string
  /** "2026-03-01" as a date of the calendar (no time zone shift). */
  readonly day: (isoDate: string) => string
}

export const makeMoneyFormat = (locale: Locale): MoneyFormat => {
  const byCurrency = new Map<string, Intl.NumberFormat>()
  const days = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" })
  return {
    money: (amount, currency) => {
      let f = byCurrency.get(currency)
      if (f === undefined) {
        f = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" })
        byCurrency.set(currency, f)
      }
      return f.format(amount as Intl.StringNumericLiteral)
    },
    rate: (rate, base) =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency: base,
        currencyDisplay: "narrowSymbol",
        minimumFractionDigits: 2,
        maximumFractionDigits: 8,
      }).format(rate as Intl.StringNumericLiteral),
    day: (isoDate) => days.format(new Date(`${isoDate}T00:00:00Z`)),
  }
}
