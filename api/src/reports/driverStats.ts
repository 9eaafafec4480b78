import type pg from "pg"
import { periodEnd, periodStart, rateOn } from "./orgRate.js"
import type { ReportPeriod } from "./reportPeriod.js"

/** What Postgres records of one driver in a period, on the vehicles a report covers. */
export interface DriverStats {
  readonly id: string
  readonly name: string
  /** Speeding episodes: overspeed alerts raised (their occurrences). */
  readonly speeding: number
  /** Seconds above the limit, of the episodes whose end the engine saw (the condition cleared). */
  readonly speeding_s: number
  /** Other alerts attributed to the driver (not speeding, not fuel: those have their own columns). */
  readonly alerts: number
  /** Suspected fuel thefts (sensor drops) and refuels whose consumption check failed. */
  readonly anomalies: number
}

/** A driver's penalties of one currency. */
export interface DriverPenalties {
  readonly driver_id: string
  readonly currency: string
  readonly count: number
  readonly amount: string
  /** In the organisation's currency, of those with a rate; null when none had one. */
  readonly org_amount: string | null
  readonly unconverted: number
}

/** Alert types with a column of their own, left out of `alerts`. */
const OWN_COLUMN_ALERTS = ["overspeed", "fuel_theft", "fuel_consumption"]

/**
 * The drivers of the period on the vehicles `$1` (assigned at some moment of it, or named by one
 * of its records), with their speeding, alerts and fuel anomalies. Alerts and thefts carry the
 * driver assigned when they began; a refuel is the driver's it names, else the one assigned at its time. Days are the
 * organisation's (`$4`). `$5`: only this driver, or null.
 */
const DRIVER_STATS = `
  WITH b AS (SELECT ${periodStart("$2", "$4")} AS t0, ${periodEnd("$3", "$4")} AS t1),
  assigned AS (
    SELECT DISTINCT a.driver_id FROM driver_assignments a, b
    WHERE a.vehicle_id = ANY($1::uuid[]) AND a.starts_at < b.t1 AND (a.ends_at IS NULL OR a.ends_at > b.t0)
  ),
  al AS (
    SELECT al.driver_id,
      coalesce(sum(al.occurrences) FILTER (WHERE al.type = 'overspeed'), 0)::int AS speeding,
      coalesce(sum(extract(epoch FROM al.resolved_at - to_timestamp((al.details->>'sinceMs')::float8 / 1000)))
        FILTER (WHERE al.type = 'overspeed' AND al.resolution_note = 'condition cleared'
                AND al.details ? 'sinceMs'), 0)::float8 AS speeding_s,
      (count(*) FILTER (WHERE al.type <> ALL($6::text[])))::int AS alerts
    FROM alerts al, b
    WHERE al.vehicle_id = ANY($1::uuid[]) AND al.driver_id IS NOT NULL
      AND al.opened_at >= b.t0 AND al.opened_at < b.t1
    GROUP BY al.driver_id
  ),
  fa AS (
    SELECT x.driver_id, count(*)::int AS anomalies FROM (
      SELECT i.driver_id FROM incidents i, b
      WHERE i.kind = 'fuel_drop' AND i.vehicle_id = ANY($1::uuid[]) AND i.driver_id IS NOT NULL
        AND i.started_at >= b.t0 AND i.started_at < b.t1
      UNION ALL
      SELECT coalesce(e.driver_id, (
               SELECT a.driver_id FROM driver_assignments a
               WHERE a.vehicle_id = e.vehicle_id AND a.starts_at <= e.spent_at
                 AND (a.ends_at IS NULL OR a.ends_at > e.spent_at)
               LIMIT 1))
      FROM fuel_entries f JOIN expenses e ON e.id = f.id, b
      WHERE f.anomaly AND e.vehicle_id = ANY($1::uuid[]) AND e.spent_at >= b.t0 AND e.spent_at < b.t1
    ) x WHERE x.driver_id IS NOT NULL GROUP BY x.driver_id
  )
  SELECT d.id, d.full_name AS name,
         coalesce(al.speeding, 0) AS speeding, coalesce(al.speeding_s, 0) AS speeding_s,
         coalesce(al.alerts, 0) AS alerts, coalesce(fa.anomalies, 0) AS anomalies
  FROM drivers d
  LEFT JOIN al ON al.driver_id = d.id
  LEFT JOIN fa ON fa.driver_id = d.id
  WHERE (d.id IN (SELECT driver_id FROM assigned) OR al.driver_id IS NOT NULL OR fa.driver_id IS NOT NULL
         OR d.id IN (SELECT p.driver_id FROM penalties p, b WHERE p.vehicle_id = ANY($1::uuid[])
                     AND p.status <> 'cancelled' AND p.offence_at >= b.t0 AND p.offence_at < b.t1))
    AND ($5::uuid IS NULL OR d.id = $5::uuid)
  ORDER BY d.full_name, d.id`

/**
 * Penalties per driver and currency by the offence's day in the organisation's time zone, not
 * cancelled: the driver the fine names, else the one assigned to the vehicle at the offence.
 */
const DRIVER_PENALTIES = `
  WITH p AS (
    SELECT coalesce(p.driver_id, (
             SELECT a.driver_id FROM driver_assignments a
             WHERE a.vehicle_id = p.vehicle_id AND a.starts_at <= p.offence_at
               AND (a.ends_at IS NULL OR a.ends_at > p.offence_at)
             LIMIT 1)) AS driver_id,
           p.amount, p.currency, (p.offence_at AT TIME ZONE $4)::date AS day
    FROM penalties p
    WHERE p.vehicle_id = ANY($1::uuid[]) AND p.status <> 'cancelled'
      AND p.offence_at >= ${periodStart("$2", "$4")} AND p.offence_at < ${periodEnd("$3", "$4")}
  )
  SELECT p.driver_id, p.currency, count(*)::int AS count, sum(p.amount)::numeric(16, 2)::text AS amount,
         sum(round(p.amount * x.rate, 2))::numeric(16, 2)::text AS org_amount,
         (count(*) FILTER (WHERE x.rate IS NULL))::int AS unconverted
  FROM p
  LEFT JOIN LATERAL (SELECT ${rateOn("p.currency", "p.day", "$5")} AS rate) x ON true
  WHERE p.driver_id IS NOT NULL AND ($6::uuid IS NULL OR p.driver_id = $6::uuid)
  GROUP BY p.driver_id, p.currency`

export const driverStats = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  books: { readonly currency: string; readonly timezone: string },
  driverId: string | null,
): Promise<{ drivers: ReadonlyArray<DriverStats>; penalties: ReadonlyArray<DriverPenalties> }> => {
  if (ids.length === 0) return { drivers: [], penalties: [] }
  const drivers = await c.query<DriverStats>(DRIVER_STATS, [
    ids,
    period.from,
    period.to,
    books.timezone,
    driverId,
    OWN_COLUMN_ALERTS,
  ])
  const penalties = await c.query<DriverPenalties>(DRIVER_PENALTIES, [
    ids,
    period.from,
    period.to,
    books.timezone,
    books.currency,
    driverId,
  ])
  return { drivers: drivers.rows, penalties: penalties.rows }
}
