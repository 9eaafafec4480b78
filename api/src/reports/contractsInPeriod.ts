import type pg from "pg"
import { contractDueDays, contractLastDay } from "./contractDues.js"
import { rateOn } from "./orgRate.js"
import type { ReportPeriod } from "./reportPeriod.js"

/** A contract valid on some day of the period, with what falls due in it. */
export interface ContractInPeriod {
  readonly id: string
  readonly vehicle_id: string
  readonly type: string
  readonly contractor: string
  readonly number: string | null
  readonly starts_on: string
  readonly ends_on: string
  readonly currency: string
  /** Payments due in the period, in `currency`. */
  readonly amount: string
  /** The same in the organisation's currency, of the payments with a rate. */
  readonly org_amount: string
  readonly payments: number
  readonly unconverted: number
  /** Days from today to its end when it ends within 30 days and is not cancelled; else null. */
  readonly days_left: number | null
}

/**
 * The contracts of vehicles `$1` valid on at least one day of the period (from the start day to
 * the end, or to the day before a cancellation), with the payments due in the period converted
 * into the organisation's currency on their day (`contractDues.ts`, `orgRate.ts`).
 */
const CONTRACTS = `
  SELECT c.id, c.vehicle_id, c.type, c.contractor, c.number,
         to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on,
         c.currency,
         coalesce(sum(c.amount) FILTER (WHERE p.day IS NOT NULL), 0)::numeric(16, 2)::text AS amount,
         coalesce(sum(round(c.amount * p.rate, 2)), 0)::numeric(16, 2)::text AS org_amount,
         (count(p.day))::int AS payments,
         (count(p.day) FILTER (WHERE p.rate IS NULL))::int AS unconverted,
         CASE WHEN c.cancelled_at IS NULL AND c.ends_on BETWEEN $6::date AND $6::date + 30
              THEN (c.ends_on - $6::date) END AS days_left
  FROM contracts c
  LEFT JOIN LATERAL (
    SELECT due.day, (${rateOn("c.currency", "due.day", "$5")}) AS rate
    FROM ${contractDueDays("$4")}
    WHERE due.day BETWEEN $2::date AND $3::date
  ) p ON true
  WHERE c.vehicle_id = ANY($1::uuid[]) AND c.starts_on <= $3::date
    AND ${contractLastDay("$4")} >= $2::date AND ${contractLastDay("$4")} >= c.starts_on
  GROUP BY c.id
  ORDER BY c.vehicle_id, c.type, c.starts_on, c.id`

/**
 * Days of the period each vehicle of `$1` had no valid insurance (CASCO or OSAGO): the period's
 * days less those some insurance contract covered (`range_agg` merges overlapping policies).
 */
const UNINSURED = `
  WITH ins AS (
    SELECT c.vehicle_id,
           daterange(greatest(c.starts_on, $2::date), least(${contractLastDay("$4")}, $3::date) + 1) AS r
    FROM contracts c
    WHERE c.vehicle_id = ANY($1::uuid[]) AND c.type IN ('insurance_casco', 'insurance_osago')
      AND greatest(c.starts_on, $2::date) <= least(${contractLastDay("$4")}, $3::date)
  ), cov AS (SELECT vehicle_id, range_agg(r) AS m FROM ins GROUP BY vehicle_id)
  SELECT v.id AS vehicle_id,
         (($3::date - $2::date + 1) - coalesce((SELECT sum(upper(x) - lower(x)) FROM unnest(cov.m) x), 0))::int
           AS uncovered
  FROM unnest($1::uuid[]) AS v(id) LEFT JOIN cov ON cov.vehicle_id = v.id`

export const contractsInPeriod = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  books: { readonly currency: string; readonly timezone: string },
  today: string,
): Promise<{ contracts: ReadonlyArray<ContractInPeriod>; uncovered: ReadonlyMap<string, number> }> => {
  if (ids.length === 0) return { contracts: [], uncovered: new Map() }
  const contracts = await c.query<ContractInPeriod>(CONTRACTS, [
    ids,
    period.from,
    period.to,
    books.timezone,
    books.currency,
    today,
  ])
  const gaps = await c.query<{ vehicle_id: string; uncovered: number }>(UNINSURED, [
    ids,
    period.from,
    period.to,
    books.timezone,
  ])
  return {
    contracts: contracts.rows,
    uncovered: new Map(gaps.rows.map((g) => [g.vehicle_id, g.uncovered])),
  }
}
