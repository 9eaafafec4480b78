import { sql as raw } from "kysely"
import type pg from "pg"
import { sql } from "../db/sql.js"

export interface LimitWarning {
  readonly code: "FLEET_FUEL_CARD_LIMIT_EXCEEDED"
  readonly cardId: string
  readonly period: "day" | "week" | "month"
  readonly spent: string
  readonly limit: string
  readonly currency: string
}

/**
 * The card limits a new entry takes over, counted in the organisation's time zone (weeks start on
 * Monday), including the entry itself. Warns, never blocks. Raw SQL (through Kysely's tag, still
 * parameterised): the per-period `date_trunc` comparison reads better as one statement.
 */
export const exceededCardLimits = async (
  c: pg.ClientBase,
  cardId: string,
  at: Date,
  timezone: string,
): Promise<LimitWarning[]> => {
  const query = raw<{ period: LimitWarning["period"]; spent: string; limit: string; currency: string }>`
    WITH card AS (SELECT * FROM fuel_cards WHERE id = ${cardId}),
         periods(period, lim) AS (
           SELECT 'day', daily_limit FROM card UNION ALL
           SELECT 'week', weekly_limit FROM card UNION ALL
           SELECT 'month', monthly_limit FROM card),
         spent AS (
           SELECT p.period, p.lim,
                  (SELECT COALESCE(sum(e.amount), 0) FROM fuel_entries f JOIN expenses e ON e.id = f.id
                   WHERE f.fuel_card_id = ${cardId}
                     AND date_trunc(p.period, e.spent_at AT TIME ZONE ${timezone}::text)
                       = date_trunc(p.period, ${at}::timestamptz AT TIME ZONE ${timezone}::text)) AS total
           FROM periods p WHERE p.lim IS NOT NULL)
    SELECT period, total::text AS spent, lim::text AS limit, (SELECT currency FROM card) AS currency
    FROM spent WHERE total > lim`.compile(sql)
  const { rows } = await c.query<{
    period: LimitWarning["period"]
    spent: string
    limit: string
    currency: string
  }>(query.sql, [...query.parameters])
  return rows.map((r) => ({
    code: "FLEET_FUEL_CARD_LIMIT_EXCEEDED",
    cardId,
    period: r.period,
    spent: r.spent,
    limit: r.limit,
    currency: r.currency,
  }))
}
