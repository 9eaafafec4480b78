import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { Rate } from "./expenses.js"

/** 1 unit of `currency` is worth `rate` units of `base` (the organisation's currency) from `date` on. */
export const CurrencyRate = Schema.Struct({
  id: Uuid,
  currency: Currency,
  base: Currency,
  date: IsoDate,
  rate: Rate,
  createdBy: Schema.NullOr(Uuid),
  createdAt: IsoDateTime,
}).annotate({ identifier: "CurrencyRate" })

/** One refused row of a CSV import: its line number (the header is line 1), the column and why. */
export const RateImportError = Schema.Struct({
  line: Schema.Int,
  field: Schema.NullOr(Schema.String),
  message: Schema.String,
}).annotate({ identifier: "RateImportError" })

const notFound = { status: 404, code: "FLEET_CURRENCY_RATE_NOT_FOUND" }
const invalid = "FLEET_CURRENCY_RATE_INVALID"

/** Rates against the organisation's currency, by day: entered by hand or imported from a CSV. */
export const currencyRates = {
  list: endpoint({
    id: "currencyRates.list",
    method: "get",
    path: "/api/v1/currency-rates",
    tag: "currency-rates",
    summary: "Rates against the organisation's currency, latest day first",
    description: "`q` searches the currency code.",
    access: "expenses.read",
    query: listQuery(["date", "currency"], {
      currency: Schema.optionalKey(Currency),
      from: Schema.optionalKey(IsoDate),
      to: Schema.optionalKey(IsoDate),
    }),
    response: listOf(CurrencyRate),
  }),
  create: endpoint({
    id: "currencyRates.create",
    method: "post",
    path: "/api/v1/currency-rates",
    tag: "currency-rates",
    summary: "Enter a rate for a day; expenses it applies to are converted again",
    access: "expenses.manage",
    body: Schema.Struct({ currency: Currency, date: IsoDate, rate: Rate }),
    invalidCode: invalid,
    response: CurrencyRate,
    status: 201,
    errors: [
      {
        status: 409,
        code: "FLEET_CURRENCY_RATE_EXISTS",
        description: "a rate of that currency for that day",
      },
    ],
  }),
  delete: endpoint({
    id: "currencyRates.delete",
    method: "delete",
    path: "/api/v1/currency-rates/:id",
    tag: "currency-rates",
    summary: "Delete a rate; expenses it applied to are converted again",
    access: "expenses.manage",
    params: IdParams,
    status: 204,
    errors: [notFound],
  }),
  import: endpoint({
    id: "currencyRates.import",
    method: "post",
    path: "/api/v1/currency-rates/import",
    tag: "currency-rates",
    summary:
      "Import rates from CSV text (columns date, currency, rate); a row for an existing day replaces it",
    description:
      "Valid rows are stored, refused rows are reported by line and column; nothing is fetched from the network.",
    access: "expenses.manage",
    body: Schema.Struct({ csv: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(1_000_000)) }),
    bodyLimit: 1_100_000,
    invalidCode: invalid,
    response: Schema.Struct({
      imported: Schema.Int,
      replaced: Schema.Int,
      errors: Schema.Array(RateImportError),
    }),
  }),
} as const
