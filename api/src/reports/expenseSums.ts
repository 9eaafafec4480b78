import type { ExpenseCategory } from "@fleetcore/contract"
import type pg from "pg"
import type { ReportPeriod } from "./reportPeriod.js"

/** The period's expenses summed per vehicle, month, category and currency. */
export interface ExpenseSum {
  readonly vehicle_id: string
  /** The first day of the expense's month ("YYYY-MM-01"). */
  readonly month: string
  readonly category: typeof ExpenseCategory.Type
  readonly currency: string
  /** In `currency`; "0.00" for refuels logged without an amount. */
  readonly amount: string
  /** In the organisation's currency: the converted amounts the expenses carry (`org_amount`). */
  readonly org_amount: string
  readonly items: number
  /** Expenses with an amount but no rate yet: left out of `org_amount`. */
  readonly unconverted: number
}

/**
 * Reads the conversion the expenses already carry (`expenses.org_amount`, kept by
 * `expenses/reprice.ts`), by the expense's day in the organisation's time zone (`spent_on`).
 */
const EXPENSE_SUMS = `
  SELECT e.vehicle_id, to_char(date_trunc('month', e.spent_on), 'YYYY-MM-DD') AS month, e.category, e.currency,
         coalesce(sum(e.amount), 0)::numeric(16, 2)::text AS amount,
         coalesce(sum(e.org_amount), 0)::numeric(16, 2)::text AS org_amount,
         count(*)::int AS items,
         (count(*) FILTER (WHERE e.org_amount IS NULL AND e.amount IS NOT NULL))::int AS unconverted
  FROM expenses e
  WHERE e.vehicle_id = ANY($1::uuid[]) AND e.spent_on BETWEEN $2::date AND $3::date
  GROUP BY 1, 2, 3, 4`

export const expenseSums = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
): Promise<ReadonlyArray<ExpenseSum>> =>
  ids.length === 0 ? [] : (await c.query<ExpenseSum>(EXPENSE_SUMS, [ids, period.from, period.to])).rows
