import { isIsoDate, type Reason, reason } from "@fleetcore/contract"
import Papa from "papaparse"

export interface RateRow {
  readonly line: number
  readonly date: string
  readonly currency: string
  readonly rate: string
}

/** A refused line: its number, its column (null for the whole line) and why, put into words by the route. */
export interface RateRowError {
  readonly line: number
  readonly field: string | null
  readonly reason: Reason
}

const RATE = /^\d{1,12}(\.\d{1,8})?$/u
const CURRENCY = /^[A-Z]{3}$/u

/** Why a row cannot be stored, or null. `earlier`: the line of the same currency and day, if any. */
const refusalOf = (
  date: string,
  currency: string,
  rate: string,
  orgCurrency: string,
  earlier: number | undefined,
): { readonly field: string; readonly reason: Reason } | null => {
  if (!isIsoDate(date)) return { field: "date", reason: reason("notIsoDate", { value: date }) }
  if (!CURRENCY.test(currency))
    return { field: "currency", reason: reason("notCurrencyCode", { value: currency }) }
  if (currency === orgCurrency) return { field: "currency", reason: reason("ownCurrency", { currency }) }
  if (!RATE.test(rate) || !/[1-9]/u.test(rate))
    return { field: "rate", reason: reason("notPositiveRate", { value: rate }) }
  if (earlier !== undefined)
    return {
      field: "date",
      reason: reason("rateOnLine", { currency, date, line: { text: String(earlier) } }),
    }
  return null
}

/**
 * Reads rates from CSV text with a header naming the columns `date`, `currency`, `rate` (any order,
 * any case; `,` or `;` separated; a decimal comma in the rate is accepted). Each refused row is
 * reported by its line (the header is line 1) and column; the others are returned to be stored.
 * A currency equal to the organisation's own is refused: its rate is always 1.
 */
export const parseRatesCsv = (
  csv: string,
  orgCurrency: string,
): { readonly rows: ReadonlyArray<RateRow>; readonly errors: ReadonlyArray<RateRowError> } => {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/u, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
    transform: (v) => v.trim(),
  })
  const fields = parsed.meta.fields ?? []
  const missing = ["date", "currency", "rate"].filter((f) => !fields.includes(f))
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [{ line: 1, field: null, reason: reason("columnsMissing", { columns: { codes: missing } }) }],
    }
  }
  // papaparse's error codes: MissingQuotes and InvalidQuotes are a quote left open or stray.
  const errors: RateRowError[] = parsed.errors.map((e) => ({
    line: (e.row ?? 0) + 2,
    field: null,
    reason: reason(e.code.endsWith("Quotes") ? "unclosedQuote" : "notCsv"),
  }))
  const broken = new Set(errors.map((e) => e.line))
  const rows: RateRow[] = []
  const seen = new Map<string, number>()
  for (const [i, record] of parsed.data.entries()) {
    const line = i + 2
    if (broken.has(line)) continue
    const date = record.date ?? ""
    const currency = (record.currency ?? "").toUpperCase()
    const rate = (record.rate ?? "").replace(",", ".")
    const key = `${currency} ${date}`
    const refusal = refusalOf(date, currency, rate, orgCurrency, seen.get(key))
    if (refusal !== null) {
      errors.push({ line, ...refusal })
      continue
    }
    seen.set(key, line)
    rows.push({ line, date, currency, rate })
  }
  errors.sort((a, b) => a.line - b.line)
  return { rows, errors }
}
