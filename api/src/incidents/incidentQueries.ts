import type { Incident } from "@fleetcore/contract"
import type { Principal } from "../auth/Principal.js"
import { sql } from "../db/sql.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"

/**
 * Incidents `p` may see (a driver: only those of the vehicles assigned to them, as alerts), with
 * their vehicle's and driver's names and their alert's status (alias `i`).
 */
export const visibleIncidents = (p: Principal) =>
  sql
    .selectFrom("incidents as i")
    .leftJoin("vehicles as v", "v.id", "i.vehicle_id")
    .leftJoin("drivers as d", "d.id", "i.driver_id")
    .leftJoin("alerts as a", "a.id", "i.alert_id")
    .selectAll("i")
    .select([
      "v.name as vehicle_name",
      "v.plate as vehicle_plate",
      "d.full_name as driver_name",
      "a.status as alert_status",
    ])
    .where(visibleVehicles(p, "i.vehicle_id"))

type IncidentRow = Awaited<ReturnType<ReturnType<typeof visibleIncidents>["executeTakeFirstOrThrow"]>>

/** An incident row as the API answers it. */
export const incidentItem = (r: IncidentRow): typeof Incident.Type => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  kind: r.kind,
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at.toISOString(),
  lat: r.lat,
  lon: r.lon,
  amount: r.amount,
  unit: r.unit,
  details: r.details,
  alertId: r.alert_id,
  alertStatus: r.alert_status,
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  driverName: r.driver_name,
})
