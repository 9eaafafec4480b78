import { HttpError } from "@fleetcore/platform"
import type pg from "pg"
import { type RefuelCheck, refuelCheck } from "./refuelCheck.js"

interface CheckContext {
  readonly vehicle_id: string
  readonly spent_at: Date
  readonly litres: number
  readonly odometer_km: number | null
  readonly rated: number | null
  readonly threshold: string | null
  readonly has_previous: boolean
  readonly previous_odometer_km: number | null
  readonly last_odometer_km: number | null
  readonly anomaly_status: "none" | "unchecked" | "checked"
}

// A refuel's neighbours are ordered by (spent_at, id): two refuels of one day entered as dates
// alone still have a fixed order.
const CONTEXT = `
  SELECT e.vehicle_id, e.spent_at, f.litres::float8 AS litres, f.odometer_km::float8 AS odometer_km,
         f.anomaly_status,
         (SELECT t.rated_consumption_l_100km::float8 FROM vehicles v
            JOIN vehicle_types t ON t.id = v.vehicle_type_id WHERE v.id = e.vehicle_id) AS rated,
         (SELECT o.settings->>'fuelAnomalyThresholdPct' FROM organisations o WHERE o.id = e.org_id) AS threshold,
         prev.id IS NOT NULL AS has_previous, prev.odometer_km AS previous_odometer_km,
         last.odometer_km AS last_odometer_km
  FROM expenses e JOIN fuel_entries f ON f.id = e.id
  LEFT JOIN LATERAL (
    SELECT e2.id, f2.odometer_km::float8 AS odometer_km FROM expenses e2 JOIN fuel_entries f2 ON f2.id = e2.id
    WHERE e2.vehicle_id = e.vehicle_id AND (e2.spent_at, e2.id) < (e.spent_at, e.id)
    ORDER BY e2.spent_at DESC, e2.id DESC LIMIT 1) prev ON true
  LEFT JOIN LATERAL (
    SELECT f3.odometer_km::float8 AS odometer_km FROM expenses e3 JOIN fuel_entries f3 ON f3.id = e3.id
    WHERE e3.vehicle_id = e.vehicle_id AND (e3.spent_at, e3.id) < (e.spent_at, e.id)
      AND f3.odometer_km IS NOT NULL
    ORDER BY e3.spent_at DESC, e3.id DESC LIMIT 1) last ON true
  WHERE e.id = $1`

/**
 * Runs the consumption check of the stored refuel `id` against the refuel before it and stores the
 * result. `strict`: an odometer not above the previous one is a 400 (the refuel being entered);
 * otherwise (a neighbour re-checked after an edit) the stored check is left as it was.
 */
export const storeRefuelCheck = async (
  c: pg.ClientBase,
  id: string,
  strict: boolean,
): Promise<RefuelCheck | null> => {
  const ctx = (await c.query<CheckContext>(CONTEXT, [id])).rows[0]
  if (ctx === undefined) return null
  const check = refuelCheck(
    ctx.has_previous ? { odometerKm: ctx.previous_odometer_km } : null,
    ctx.last_odometer_km,
    { odometerKm: ctx.odometer_km, litres: ctx.litres },
    ctx.rated,
    Number(ctx.threshold ?? 15),
  )
  if (check.kind === "invalid") {
    if (strict) throw new HttpError(400, "FLEET_FUEL_ODOMETER_NOT_INCREASING", check.reason, "odometerKm")
    return check
  }
  const checked = check.kind === "checked" ? check : null
  // An anomaly someone already marked checked stays checked when the numbers are checked again.
  const status = checked?.anomaly ? (ctx.anomaly_status === "checked" ? "checked" : "unchecked") : "none"
  await c.query(
    `UPDATE fuel_entries SET distance_km = $2, expected_l = $3, difference_l = $4, difference_pct = $5,
       check_skipped = $6, anomaly = $7, anomaly_status = $8 WHERE id = $1`,
    [
      id,
      checked?.distanceKm ?? null,
      checked?.expectedL ?? null,
      checked?.differenceL ?? null,
      checked?.differencePct ?? null,
      check.kind === "skipped" ? check.reason : null,
      checked?.anomaly ?? false,
      status,
    ],
  )
  return check
}

/** The refuel of `vehicleId` right after (at, id), if any: its check depends on the one before it. */
export const nextRefuelId = async (
  c: pg.ClientBase,
  vehicleId: string,
  at: Date,
  id: string,
): Promise<string | null> => {
  const { rows } = await c.query<{ id: string }>(
    `SELECT e.id FROM expenses e JOIN fuel_entries f ON f.id = e.id
     WHERE e.vehicle_id = $1 AND (e.spent_at, e.id) > ($2::timestamptz, $3::uuid)
     ORDER BY e.spent_at, e.id LIMIT 1`,
    [vehicleId, at, id],
  )
  return rows[0]?.id ?? null
}
