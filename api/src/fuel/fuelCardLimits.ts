import type { FuelCardLimitWarning } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import type pg from "pg"
import { sql } from "../db/sql.js"

export type LimitWarning = typeof FuelCardLimitWarning.Type

interface Row {
  readonly period: LimitWarning["period"]
  readonly start: string
  readonly spent: string
  readonly limit: string
  readonly currency: string
  readonly name: string
}

/**
 * The card limits a new entry takes over, counted in the organisation's time zone (weeks start on
 * Monday), including the entry itself. Only refuels in the card's currency count: a card bills in
 * its currency (`billedCurrency` keeps new ones so), and amounts in two currencies do not add up.
 * Warns, never blocks. Raw SQL (through Kysely's tag, still parameterised): the per-period
 * `date_trunc` comparison reads better as one statement.
 */
export const exceededCardLimits = async (
  c: pg.ClientBase,
  cardId: string,
  at: Date,
  timezone: string,
): Promise<LimitWarning[]> => {
  const query = raw<Row>`
    WITH card AS (SELECT * FROM fuel_cards WHERE id = ${cardId}),
         periods(period, lim) AS (
           SELECT 'day', daily_limit FROM card UNION ALL
           SELECT 'week', weekly_limit FROM card UNION ALL
           SELECT 'month', monthly_limit FROM card),
         spent AS (
           SELECT p.period, p.lim,
                  date_trunc(p.period, ${at}::timestamptz AT TIME ZONE ${timezone}::text)::date::text AS start,
                  (SELECT COALESCE(sum(e.amount), 0) FROM fuel_entries f JOIN expenses e ON e.id = f.id
                   WHERE f.fuel_card_id = ${cardId}
                     AND e.currency = (SELECT currency FROM card)
                     AND date_trunc(p.period, e.spent_at AT TIME ZONE ${timezone}::text)
                       = date_trunc(p.period, ${at}::timestamptz AT TIME ZONE ${timezone}::text)) AS total
           FROM periods p WHERE p.lim IS NOT NULL)
    SELECT s.period, s.start, s.total::text AS spent, s.lim::text AS limit, card.currency, card.name
    FROM spent s CROSS JOIN card WHERE s.total > s.lim`.compile(sql)
  const { rows } = await c.query<Row>(query.sql, [...query.parameters])
  return rows.map((r) => ({
    code: "FLEET_FUEL_CARD_LIMIT_EXCEEDED",
    cardId,
    cardName: r.name,
    period: r.period,
    periodStart: r.start,
    spent: r.spent,
    limit: r.limit,
    currency: r.currency,
  }))
}
