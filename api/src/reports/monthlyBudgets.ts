import type pg from "pg"

/**
 * The budget of each month, in the organisation's currency: a month's budget as set, a quarter's
 * a third, a year's a twelfth (rounded to cents). When a budget for all categories covers the month
 * it is the month's budget; otherwise the month's category budgets add up. Budgets in another
 * currency than the organisation's are left out, as budget vs actual does (`BudgetRoutes`).
 */
const MONTHLY_BUDGETS = `
  WITH shares AS (
    SELECT m.month, b.category IS NULL AS overall,
           round(b.amount / CASE b.period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END, 2) AS amount
    FROM unnest($1::date[]) AS m(month)
    JOIN budgets b ON b.currency = $2 AND b.period_start <= m.month
      AND m.month < b.period_start + CASE b.period WHEN 'month' THEN interval '1 month'
        WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END
  )
  SELECT to_char(month, 'YYYY-MM-DD') AS month,
         (CASE WHEN bool_or(overall) THEN sum(amount) FILTER (WHERE overall) ELSE sum(amount) END)::numeric(16, 2)::text AS amount
  FROM shares GROUP BY month`

export const monthlyBudgets = async (
  c: pg.ClientBase,
  months: ReadonlyArray<string>,
  currency: string,
): Promise<ReadonlyMap<string, string>> => {
  const found = await c.query<{ month: string; amount: string }>(MONTHLY_BUDGETS, [months, currency])
  return new Map(found.rows.map((r) => [r.month, r.amount]))
}
