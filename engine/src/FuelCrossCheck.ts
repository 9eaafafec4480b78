import type { ClickHouseClient } from "@fleetcore/platform"
import type { OrgId, RaisedAlert, VehicleId } from "@fleetcore/proto"
import type pg from "pg"
import { REFUEL_MATCH_WINDOW_MS, refuelMismatch } from "./rules/fuel/refuelMismatch.js"

/**
 * Checks a vehicle's refuel entries near `aroundMs` against the sensor fills stored near each of
 * them. Called when an entry is saved and when the engine detects a fill, so whichever arrives
 * second completes the check; the alert key is the entry, so checking twice raises it once.
 */
export const crossCheckRefuels = async (
  db: pg.Pool,
  ch: ClickHouseClient,
  orgId: string,
  vehicleId: string,
  aroundMs: number,
): Promise<RaisedAlert[]> => {
  const { rows } = await db.query<{ id: string; time: Date; litres: number }>(
    `SELECT f.id, e.spent_at AS time, f.litres::float8 AS litres
     FROM fuel_entries f JOIN expenses e ON e.id = f.id
     WHERE e.vehicle_id = $1 AND e.spent_at BETWEEN $2 AND $3`,
    [vehicleId, new Date(aroundMs - REFUEL_MATCH_WINDOW_MS), new Date(aroundMs + REFUEL_MATCH_WINDOW_MS)],
  )
  const alerts: RaisedAlert[] = []
  for (const entry of rows) {
    const t = entry.time.getTime()
    const [fills] = await ch.query<{ litres: number | null; n: string }>(
      `SELECT sum(litres) AS litres, count() AS n FROM fuel_events FINAL
       WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID} AND kind = 'fuel_fill'
         AND time BETWEEN fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND fromUnixTimestamp64Milli({to:Int64}, 'UTC')`,
      { org: orgId, vehicle: vehicleId, from: t - REFUEL_MATCH_WINDOW_MS, to: t + REFUEL_MATCH_WINDOW_MS },
    )
    const sensorL = fills && Number(fills.n) > 0 ? fills.litres : null
    const result = refuelMismatch(entry.litres, sensorL)
    if (result.kind !== "mismatch") continue
    alerts.push({
      orgId: orgId as OrgId,
      vehicleId: vehicleId as VehicleId,
      type: "fuel_refuel_mismatch",
      key: entry.id,
      severity: "warning",
      timeMs: t,
      lat: null,
      lon: null,
      details: {
        fuelEntryId: entry.id,
        paidL: result.paidL,
        sensorL: result.sensorL,
        missingL: result.missingL,
      },
    })
  }
  return alerts
}
