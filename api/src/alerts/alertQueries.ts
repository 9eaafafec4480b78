import type { Alert, AlertAction } from "@fleetcore/contract"
import type { Principal } from "../auth/Principal.js"
import { sql } from "../db/sql.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"

/** Alerts `p` may see, with the names of their vehicle, driver and assignee (alias `a`). */
export const visibleAlerts = (p: Principal) =>
  sql
    .selectFrom("alerts as a")
    .leftJoin("vehicles as v", "v.id", "a.vehicle_id")
    .leftJoin("drivers as d", "d.id", "a.driver_id")
    .leftJoin("users as u", "u.id", "a.assignee_id")
    .leftJoin("incidents as i", "i.alert_id", "a.id")
    .selectAll("a")
    .select([
      "v.name as vehicle_name",
      "v.plate as vehicle_plate",
      "d.full_name as driver_name",
      "u.name as assignee_name",
      "i.id as incident_id",
    ])
    .where(visibleVehicles(p, "a.vehicle_id"))

type AlertItemRow = Awaited<ReturnType<ReturnType<typeof visibleAlerts>["executeTakeFirstOrThrow"]>>

const iso = (d: Date | null): string | null => d?.toISOString() ?? null

/** An alert row as the API answers it. */
export const alertItem = (r: AlertItemRow): typeof Alert.Type => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  driverId: r.driver_id,
  type: r.type,
  key: r.key,
  severity: r.severity,
  status: r.status,
  openedAt: r.opened_at.toISOString(),
  lastSeenAt: r.last_seen_at.toISOString(),
  occurrences: r.occurrences,
  lat: r.lat,
  lon: r.lon,
  details: r.details,
  acknowledgedAt: iso(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  acknowledgementNote: r.acknowledgement_note,
  resolvedAt: iso(r.resolved_at),
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
  assigneeId: r.assignee_id,
  assignedAt: iso(r.assigned_at),
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  driverName: r.driver_name,
  assigneeName: r.assignee_name,
  incidentId: r.incident_id,
})

/** The history of alert `alertId`, oldest first, with the names of the people in it. */
export const alertHistory = (alertId: string) =>
  sql
    .selectFrom("alert_actions as h")
    .leftJoin("users as actor", "actor.id", "h.actor_id")
    .leftJoin("users as assignee", "assignee.id", "h.assignee_id")
    .select([
      "h.id",
      "h.action",
      "h.actor_id",
      "h.assignee_id",
      "h.note",
      "h.at",
      "actor.name as actor_name",
      "assignee.name as assignee_name",
    ])
    .where("h.alert_id", "=", alertId)
    .orderBy("h.at")
    .orderBy("h.id")

type AlertActionRow = Awaited<ReturnType<ReturnType<typeof alertHistory>["executeTakeFirstOrThrow"]>>

export const alertActionItem = (r: AlertActionRow): typeof AlertAction.Type => ({
  id: r.id,
  action: r.action,
  actorId: r.actor_id,
  actorName: r.actor_name,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  note: r.note,
  at: r.at.toISOString(),
})
