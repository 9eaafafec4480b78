import type pg from "pg"
import type { ReportPeriod } from "./reportPeriod.js"

/** The period's refuels summed per vehicle, month and currency. */
export interface RefuelSum {
  readonly vehicle_id: string
  /** The first day of the refuel's month ("YYYY-MM-01"). */
  readonly month: string
  readonly currency: string
  readonly refuels: number
  /** Litres refuelled, exact decimal. */
  readonly litres: string
  /** In `currency`; refuels logged without an amount add nothing. */
  readonly amount: string
  /** In the organisation's currency: the conversion each expense carries (`org_amount`). */
  readonly org_amount: string
  /** Litres of the refuels with an amount in the organisation's currency (cost per litre's divisor). */
  readonly priced_litres: number
  /** Full-tank method: litres of the refuels whose odometer and the previous refuel's are known, and that distance. */
  readonly measured_litres: number
  readonly measured_km: number
  /** Refuels the consumption check marked as anomalies, and their litres above the expected. */
  readonly anomalies: number
  readonly anomaly_l: number
  /** Refuels with an amount but no rate yet: left out of `org_amount`. */
  readonly unconverted: number
}

/**
 * Refuels are fuel expenses with their `fuel_entries` (same id), by the expense's day in the
 * organisation's time zone (`spent_on`). A refuel's distance is its odometer minus the one of the
 * vehicle's refuel just before it (ordered by time, then id, as the consumption check orders them);
 * the refuel before is looked for up to a year before the period, so the period's first refuel
 * counts too.
 */
const REFUEL_SUMS = `
  WITH r AS (
    SELECT e.vehicle_id, e.spent_on, e.currency, e.amount, e.org_amount, f.litres, f.anomaly, f.difference_l,
           f.odometer_km - lag(f.odometer_km) OVER (PARTITION BY e.vehicle_id ORDER BY e.spent_at, e.id) AS km
    FROM expenses e JOIN fuel_entries f ON f.id = e.id
    WHERE e.vehicle_id = ANY($1::uuid[]) AND e.spent_on BETWEEN $2::date - 366 AND $3::date)
  SELECT vehicle_id, to_char(date_trunc('month', spent_on), 'YYYY-MM-DD') AS month, currency,
         count(*)::int AS refuels,
         sum(litres)::numeric(16, 2)::text AS litres,
         coalesce(sum(amount), 0)::numeric(16, 2)::text AS amount,
         coalesce(sum(org_amount), 0)::numeric(16, 2)::text AS org_amount,
         coalesce(sum(litres) FILTER (WHERE org_amount IS NOT NULL), 0)::float8 AS priced_litres,
         coalesce(sum(litres) FILTER (WHERE km > 0), 0)::float8 AS measured_litres,
         coalesce(sum(km) FILTER (WHERE km > 0), 0)::float8 AS measured_km,
         (count(*) FILTER (WHERE anomaly))::int AS anomalies,
         coalesce(sum(difference_l) FILTER (WHERE anomaly), 0)::float8 AS anomaly_l,
         (count(*) FILTER (WHERE org_amount IS NULL AND amount IS NOT NULL))::int AS unconverted
  FROM r
  WHERE spent_on BETWEEN $2::date AND $3::date
  GROUP BY 1, 2, 3`

export const refuelSums = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
): Promise<ReadonlyArray<RefuelSum>> =>
  ids.length === 0 ? [] : (await c.query<RefuelSum>(REFUEL_SUMS, [ids, period.from, period.to])).rows

/** Each vehicle's rated consumption (its type's L/100 km); vehicles of an unrated type are absent. */
export const ratedConsumption = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, number>> => {
  if (ids.length === 0) return new Map()
  const { rows } = await c.query<{ id: string; rated: number }>(
    `SELECT v.id, t.rated_consumption_l_100km::float8 AS rated
     FROM vehicles v JOIN vehicle_types t ON t.id = v.vehicle_type_id
     WHERE v.id = ANY($1::uuid[]) AND t.rated_consumption_l_100km IS NOT NULL`,
    [ids],
  )
  return new Map(rows.map((r) => [r.id, r.rated]))
}
