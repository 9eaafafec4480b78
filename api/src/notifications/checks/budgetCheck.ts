import { type CheckContext, raiseCheck } from "./CheckContext.js"

/** The shares of a budget that are told once each per period (%): seed 000. */
export const BUDGET_THRESHOLDS = [80, 100] as const

/**
 * Budgets of the period that holds today: told once when spending reaches 80 % (warning) and once
 * at 100 % (critical). Spending is the organisation-currency total of the period's expenses of the
 * budget's category, as budget vs actual counts it (expense_days).
 */
export const budgetCheck = async (ctx: CheckContext): Promise<number> => {
  const { rows } = await ctx.pool.query<{
    id: string
    category: string | null
    period: string
    period_start: string
    amount: string
    currency: string
    spent: string
    used: number
  }>(
    `WITH b AS (
       SELECT b.*, (b.period_start + CASE b.period WHEN 'month' THEN interval '1 month'
                    WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year' END - interval '1 day')::date AS period_end
       FROM budgets b WHERE b.org_id = $1 AND b.period_start <= $2::date
     )
     SELECT b.id, b.category, b.period, to_char(b.period_start, 'YYYY-MM-DD') AS period_start,
            b.amount::text AS amount, b.currency,
            coalesce(sum(d.org_amount), 0)::numeric(16, 2)::text AS spent,
            (coalesce(sum(d.org_amount), 0) / b.amount * 100)::float8 AS used
     FROM b
     LEFT JOIN expense_days d ON d.org_id = b.org_id AND d.day >= b.period_start AND d.day <= b.period_end
       AND (b.category IS NULL OR d.category = b.category) AND d.org_currency = b.currency
     WHERE b.period_end >= $2::date
     GROUP BY b.id, b.category, b.period, b.period_start, b.amount, b.currency`,
    [ctx.orgId, ctx.today],
  )
  let raised = 0
  for (const r of rows) {
    const threshold = [...BUDGET_THRESHOLDS].reverse().find((t) => r.used >= t)
    if (threshold === undefined) continue
    if (
      await raiseCheck(ctx, {
        type: "budget_threshold",
        severity: threshold >= 100 ? "critical" : "warning",
        dedupeKey: `budget_threshold:${r.id}:${r.period_start}:${threshold}`,
        link: "/expenses/budgets",
        vehicleId: null,
        key: "budget_threshold",
        params: {
          threshold,
          used: Math.floor(r.used),
          category: r.category ?? "all",
          period: r.period,
          periodStartsOn: r.period_start,
          spentMoney: r.spent,
          amountMoney: r.amount,
          currency: r.currency,
        },
      })
    )
      raised++
  }
  return raised
}
