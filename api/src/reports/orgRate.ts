/**
 * SQL for the rate that converts an amount in currency `currency` on day `day` into the
 * organisation's currency `orgCurrency` (each an SQL expression or parameter): 1 for the
 * organisation's own, else the latest rate on or before the day (the rule expenses are repriced
 * with, `expenses/reprice.ts`); null when there is none yet (the amount stays unconverted).
 */
export const rateOn = (currency: string, day: string, orgCurrency: string): string =>
  `CASE WHEN ${currency} = ${orgCurrency} THEN 1 ELSE (
     SELECT cr.rate FROM currency_rates cr
     WHERE cr.currency = ${currency} AND cr.base = ${orgCurrency} AND cr.rate_on <= ${day}
     ORDER BY cr.rate_on DESC LIMIT 1) END`

/** SQL for the instants a report's days span in time zone `tz`: `[from 00:00, to + 1 day 00:00)`. */
export const periodStart = (from: string, tz: string): string =>
  `(${from}::date::timestamp AT TIME ZONE ${tz})`
export const periodEnd = (to: string, tz: string): string =>
  `((${to}::date + 1)::timestamp AT TIME ZONE ${tz})`
