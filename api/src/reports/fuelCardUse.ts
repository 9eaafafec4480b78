import type pg from "pg"
import type { ReportPeriod } from "./reportPeriod.js"

/** The limit periods of a fuel card, as the chart's series keys name them. */
export const CARD_LIMIT_SERIES = { day: "limitDay", week: "limitWeek", month: "limitMonth" } as const

/** One card's use of one of its limits in the period. */
export interface CardLimitUse {
  readonly id: string
  readonly name: string
  readonly number_last4: string | null
  readonly period: keyof typeof CARD_LIMIT_SERIES
  /** The highest share of the limit spent in one day, week or month of the period, percent. */
  readonly max_pct: number
  /** Days, weeks or months of the period whose spending went over the limit. */
  readonly over: number
}

/**
 * The cards used for the refuels of the vehicles in scope in the period, and for each limit they
 * have: every refuel paid with the card (whatever vehicle it was for, as the limit counts them),
 * summed per day, week (from Monday) and month of the organisation's time zone (`spent_on`) in the
 * card's own amounts (those in the card's currency), as the limit warnings count them; the
 * period's first and last week or month count only their days inside the period.
 */
const CARD_LIMIT_USE = `
  WITH cards AS (
    SELECT DISTINCT f.fuel_card_id AS id FROM expenses e JOIN fuel_entries f ON f.id = e.id
    WHERE e.vehicle_id = ANY($1::uuid[]) AND e.spent_on BETWEEN $2::date AND $3::date AND f.fuel_card_id IS NOT NULL),
  spent AS (
    SELECT f.fuel_card_id AS card_id, p.period, date_trunc(p.period, e.spent_on::timestamp) AS start,
           coalesce(sum(e.amount), 0) AS spent
    FROM cards JOIN fuel_entries f ON f.fuel_card_id = cards.id JOIN expenses e ON e.id = f.id
    JOIN fuel_cards card ON card.id = cards.id AND e.currency = card.currency
    CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS p(period)
    WHERE e.spent_on BETWEEN $2::date AND $3::date
    GROUP BY 1, 2, 3)
  SELECT c.id, c.name, c.number_last4, s.period,
         round(max(s.spent / l.lim * 100), 1)::float8 AS max_pct,
         (count(*) FILTER (WHERE s.spent > l.lim))::int AS over
  FROM spent s JOIN fuel_cards c ON c.id = s.card_id
  CROSS JOIN LATERAL (SELECT CASE s.period WHEN 'day' THEN c.daily_limit WHEN 'week' THEN c.weekly_limit
                                           ELSE c.monthly_limit END AS lim) l
  WHERE l.lim IS NOT NULL
  GROUP BY c.id, c.name, c.number_last4, s.period
  ORDER BY c.name, c.id`

export const cardLimitUse = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
): Promise<ReadonlyArray<CardLimitUse>> =>
  ids.length === 0 ? [] : (await c.query<CardLimitUse>(CARD_LIMIT_USE, [ids, period.from, period.to])).rows
