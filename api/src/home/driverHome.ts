import type { HomeDriver } from "@fleetcore/contract"
import type pg from "pg"
import { rows } from "../db/sql.js"
import { vehicleQuery } from "../vehicles/vehicleView.js"
import { assignedNow } from "../vehicles/visibleVehicle.js"

/**
 * A driver's own home: the vehicles of their assignments covering now (with odometer and the time
 * of the last position), their refuels flagged and not checked yet, and their unpaid fines. "Their"
 * is the driver record linked to the login (drivers.user_id); runs on a `withOrg` connection.
 */
export const driverHome = async (c: pg.ClientBase, userId: string): Promise<typeof HomeDriver.Type> => {
  const driver = await c.query<{ id: string }>(
    "SELECT id FROM drivers WHERE user_id = $1 ORDER BY created_at, id LIMIT 1",
    [userId],
  )
  const vehicles = await rows(
    c,
    vehicleQuery().where("v.id", "in", assignedNow(userId)).orderBy("v.name").orderBy("v.id").limit(20),
  )
  const since = await c.query<{ vehicle_id: string; starts_at: Date }>(
    `SELECT a.vehicle_id, min(a.starts_at) AS starts_at FROM driver_assignments a
     JOIN drivers d ON d.id = a.driver_id
     WHERE d.user_id = $1 AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
     GROUP BY a.vehicle_id`,
    [userId],
  )
  // "My refuels": those recorded for the driver's records, or entered by the login itself.
  const counts = await c.query<{ anomalies: number; penalties: number }>(
    `SELECT
       (SELECT count(*)::int FROM fuel_entries f JOIN expenses e ON e.id = f.id
        WHERE f.anomaly_status = 'unchecked'
          AND (e.driver_id IN (SELECT id FROM drivers WHERE user_id = $1) OR e.created_by = $1)) AS anomalies,
       (SELECT count(*)::int FROM penalties p
        WHERE p.status = 'open' AND p.driver_id IN (SELECT id FROM drivers WHERE user_id = $1)) AS penalties`,
    [userId],
  )
  return {
    driverId: driver.rows[0]?.id ?? null,
    vehicles: vehicles.map((v) => ({
      vehicleId: v.id,
      name: v.name,
      plate: v.plate,
      assignedSince: (since.rows.find((s) => s.vehicle_id === v.id)?.starts_at ?? new Date(0)).toISOString(),
      odometerKm: v.current_odometer_m === null ? null : Math.round(v.current_odometer_m / 100) / 10,
      lastPositionAt: v.time === null ? null : v.time.toISOString(),
    })),
    uncheckedAnomalies: counts.rows[0]?.anomalies ?? 0,
    unpaidPenalties: counts.rows[0]?.penalties ?? 0,
  }
}
