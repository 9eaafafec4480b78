import type pg from "pg"
import { contractLastDay } from "./contractDues.js"
import { rateOn } from "./orgRate.js"
import type { ReportPeriod } from "./reportPeriod.js"

/** A rented vehicle's terms and what they come to in the period. */
export interface RentedVehicle {
  readonly vehicle_id: string
  readonly lessor: string | null
  readonly ends_on: string | null
  /** Days from today to the rental's end when it ends within 30 days; else null. */
  readonly days_left: number | null
  readonly currency: string | null
  /** The monthly rent in its currency, and in the organisation's (null: none, or no rate yet). */
  readonly monthly: string | null
  readonly org_monthly: string | null
  readonly rented_days: number
  /** The rent the terms come to over the rented days of the period: each day 1/(days of its month) of a month's rent. */
  readonly org_due: string | null
}

/**
 * The vehicles of `$1` rented in the period: marked rental (their own terms), or with a rental
 * contract valid in it (its contractor, dates and monthly amount when the vehicle has none), for
 * at least one day of the period. The rent is converted at the rate of the period's last day, or today's if earlier (`$6`).
 */
const RENTED = `
  WITH r AS (
    SELECT v.id AS vehicle_id, coalesce(v.lessor, k.contractor) AS lessor,
           coalesce(v.rental_starts_on, k.starts_on) AS starts_on, coalesce(v.rental_ends_on, k.last_day) AS ends_on,
           coalesce(v.rental_monthly_cost, k.monthly) AS monthly, coalesce(v.rental_currency, k.currency) AS currency
    FROM vehicles v
    LEFT JOIN LATERAL (
      SELECT c.contractor, c.starts_on, ${contractLastDay("$4")} AS last_day,
             CASE c.payment_frequency WHEN 'monthly' THEN c.amount WHEN 'quarterly' THEN round(c.amount / 3, 2)
               WHEN 'annual' THEN round(c.amount / 12, 2) END AS monthly, c.currency
      FROM contracts c
      WHERE c.vehicle_id = v.id AND c.type = 'rental' AND c.starts_on <= $3::date AND ${contractLastDay("$4")} >= $2::date
      ORDER BY c.ends_on DESC, c.id LIMIT 1
    ) k ON true
    WHERE v.id = ANY($1::uuid[]) AND (v.rental OR k.contractor IS NOT NULL)
  )
  SELECT r.vehicle_id, r.lessor, to_char(r.ends_on, 'YYYY-MM-DD') AS ends_on,
         CASE WHEN r.ends_on BETWEEN $6::date AND $6::date + 30 THEN r.ends_on - $6::date END AS days_left,
         r.currency, r.monthly::numeric(16, 2)::text AS monthly,
         round(r.monthly * x.rate, 2)::numeric(16, 2)::text AS org_monthly,
         d.days AS rented_days,
         round(r.monthly * x.rate * d.months, 2)::numeric(16, 2)::text AS org_due
  FROM r
  LEFT JOIN LATERAL (SELECT ${rateOn("r.currency", "least($3::date, $6::date)", "$5")} AS rate) x ON true
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS days,
           coalesce(sum(1.0 / extract(day FROM date_trunc('month', g.day) + interval '1 month - 1 day')), 0) AS months
    FROM generate_series(greatest($2::date, coalesce(r.starts_on, $2::date))::timestamp,
                         least($3::date, coalesce(r.ends_on, $3::date))::timestamp, interval '1 day') AS g(day)
  ) d
  WHERE d.days > 0`

export const rentedVehicles = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  books: { readonly currency: string; readonly timezone: string },
  today: string,
): Promise<ReadonlyArray<RentedVehicle>> =>
  ids.length === 0
    ? []
    : (
        await c.query<RentedVehicle>(RENTED, [
          ids,
          period.from,
          period.to,
          books.timezone,
          books.currency,
          today,
        ])
      ).rows
