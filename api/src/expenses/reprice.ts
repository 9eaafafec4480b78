import type pg from "pg"

/**
 * Sets each selected expense's rate to the latest rate of its currency against its organisation
 * currency on or before its day (1 for the organisation's own currency); `org_amount` follows as a
 * generated column (round(amount × rate, 2), exact numeric). Null when no such rate exists yet.
 */
const REPRICE = (filter: "id" | "currency") => `
  UPDATE expenses e SET rate = x.rate, rate_on = x.rate_on, updated_at = e.updated_at
  FROM (
    SELECT e2.id,
           CASE WHEN e2.currency = e2.org_currency THEN 1 ELSE r.rate END AS rate,
           CASE WHEN e2.currency = e2.org_currency THEN e2.spent_on ELSE r.rate_on END AS rate_on
    FROM expenses e2
    LEFT JOIN LATERAL (
      SELECT cr.rate, cr.rate_on FROM currency_rates cr
      WHERE cr.currency = e2.currency AND cr.base = e2.org_currency AND cr.rate_on <= e2.spent_on
      ORDER BY cr.rate_on DESC LIMIT 1) r ON true
    WHERE e2.${filter} = $1) x
  WHERE e.id = x.id AND (e.rate IS DISTINCT FROM x.rate OR e.rate_on IS DISTINCT FROM x.rate_on)`

/** Converts one expense again (after it was entered or changed). */
export const repriceExpense = async (c: pg.ClientBase, id: string): Promise<void> => {
  await c.query(REPRICE("id"), [id])
}

/** Converts every expense in `currency` again (after a rate of it was added, replaced or deleted). */
export const repriceCurrency = async (c: pg.ClientBase, currency: string): Promise<number> =>
  (await c.query(REPRICE("currency"), [currency])).rowCount ?? 0
