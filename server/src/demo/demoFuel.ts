import { FUEL_EVENT_COLUMNS, fuelEventRow, raiseAlerts } from "@fleetcore/engine"
import type { ClickHouseClient, PostgresClient } from "@fleetcore/platform"
import type { OrgId, VehicleId } from "@fleetcore/proto"

/** How far back the demo's open fuel alerts and sensor events reach. */
const RECENT_DAYS = 45
/** Vehicles given a fuel-level sensor in the demo. */
const SENSOR_VEHICLES = 12
const MIN = 60_000
const HOUR = 60 * MIN

/**
 * The fuel side of the demo fleet (Fuel page, seed 003 "Fuel Anomaly Dashboard"): the recent refuels
 * above the rated consumption get the alert the API raises for them, so marking one checked settles
 * something real; a dozen vehicles get a fuel-level sensor whose fills follow their refuels (most
 * match; one in seven shows no rise, one in seven rose far less than was paid), with a few fills
 * nobody paid for and a few night-time thefts. Deterministic: every choice follows the refuels'
 * order. Written once, when the demo fleet is first seeded.
 */
export const seedDemoFuel = async (
  db: PostgresClient,
  ch: ClickHouseClient,
  orgId: string,
  today: Date,
): Promise<{ readonly alerts: number; readonly sensorEvents: number }> => {
  const since = new Date(today.getTime() - RECENT_DAYS * 24 * HOUR)
  const anomalies = await db.system.query<{
    id: string
    vehicle_id: string
    spent_at: Date
    litres: number
    expected_l: number
    difference_pct: number
  }>(
    `SELECT e.id, e.vehicle_id, e.spent_at, f.litres::float8 AS litres, f.expected_l::float8 AS expected_l,
            f.difference_pct::float8 AS difference_pct
     FROM fuel_entries f JOIN expenses e ON e.id = f.id
     WHERE e.org_id = $1 AND f.anomaly_status = 'unchecked' AND e.spent_at >= $2
     ORDER BY e.spent_at, e.id`,
    [orgId, since],
  )
  await raiseAlerts(
    db.system,
    anomalies.rows.map((r) => ({
      orgId: orgId as OrgId,
      vehicleId: r.vehicle_id as VehicleId,
      type: "fuel_consumption",
      key: r.id,
      severity: "warning",
      timeMs: r.spent_at.getTime(),
      lat: null,
      lon: null,
      details: { expectedL: r.expected_l, actualL: r.litres, differencePct: r.difference_pct },
    })),
  )

  const refuels = await db.system.query<{ vehicle_id: string; spent_at: Date; litres: number }>(
    `WITH sensors AS (
       SELECT e.vehicle_id FROM expenses e JOIN fuel_entries f ON f.id = e.id
       WHERE e.org_id = $1 AND e.spent_at >= $2
       GROUP BY e.vehicle_id ORDER BY count(*) DESC, e.vehicle_id LIMIT $3)
     SELECT e.vehicle_id, e.spent_at, f.litres::float8 AS litres
     FROM expenses e JOIN fuel_entries f ON f.id = e.id
     WHERE e.vehicle_id IN (SELECT vehicle_id FROM sensors) AND e.spent_at >= $2
     ORDER BY e.spent_at, e.id`,
    [orgId, since, SENSOR_VEHICLES],
  )
  // Almaty and around: where the demo fleet drives.
  const place = (i: number) => [43.2 + ((i * 37) % 100) / 1000, 76.85 + ((i * 53) % 100) / 1000] as const
  const rows: Array<ReadonlyArray<unknown>> = []
  const event = (
    vehicleId: string,
    atMs: number,
    kind: "fuel_fill" | "fuel_drop",
    litres: number,
    i: number,
  ) => {
    const [lat, lon] = place(i)
    const fromL = kind === "fuel_fill" ? 12 : 40
    const toL = kind === "fuel_fill" ? fromL + litres : fromL - litres
    // A fill takes a few minutes at the pump; a night-time drain is a slow siphon.
    const startMs = atMs - (kind === "fuel_fill" ? 4 + (i % 3) : 35 + (i % 4) * 10) * MIN
    rows.push(
      fuelEventRow(
        orgId,
        vehicleId,
        {
          kind,
          timeMs: atMs,
          startMs,
          endMs: atMs,
          lat,
          lon,
          fromL,
          toL: Math.max(0, toL),
          litres,
          driverId: null,
        },
        1,
      ),
    )
  }
  refuels.rows.forEach((r, i) => {
    const at = r.spent_at.getTime() + 7 * MIN
    if (i % 7 === 3) return // a refuel without any rise
    const litres = Math.round(r.litres * (i % 7 === 5 ? 0.55 : 0.97) * 10) / 10
    event(r.vehicle_id, at, "fuel_fill", litres, i)
    // Now and then a fill nobody paid for, and a drop at night while parked.
    if (i % 11 === 4) event(r.vehicle_id, at + 2 * 24 * HOUR + 5 * HOUR, "fuel_fill", 35, i + 1)
    if (i % 13 === 6)
      event(
        r.vehicle_id,
        at + 24 * HOUR - r.spent_at.getUTCHours() * HOUR + 21 * HOUR,
        "fuel_drop",
        22,
        i + 2,
      )
  })
  if (rows.length > 0) await ch.insert("fuel_events", FUEL_EVENT_COLUMNS, rows)
  return { alerts: anomalies.rows.length, sensorEvents: rows.length }
}
