import type { Alert, AlertAction } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import type { Principal } from "../auth/Principal.js"
import { sql } from "../db/sql.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"

/**
 * The name of what an alert's details refer to (see `Alert.subjectName`), looked up in the alert's
 * organisation: the geofence (the alert's key), the fuel card (`details.cardId`), the device
 * (`details.deviceId`: its name, else its identifier, else its id). Ids compare as text, so a
 * malformed one finds nothing instead of failing the list. SQL over the alert aliased `a`: the
 * alerts pages and the alert's notification name it alike.
 */
export const ALERT_SUBJECT_SQL = `CASE
  WHEN a.type IN ('geofence_enter', 'geofence_exit') THEN
    (SELECT g.name FROM geofences g WHERE g.org_id = a.org_id AND g.id::text = a.key)
  WHEN a.type = 'fuel_card_limit' THEN
    (SELECT c.name FROM fuel_cards c WHERE c.org_id = a.org_id AND c.id::text = a.details->>'cardId')
  WHEN a.type = 'device_offline' THEN
    (SELECT COALESCE(dv.name, dv.identifier, dv.id) FROM devices dv
     WHERE dv.org_id = a.org_id AND dv.id::text = a.details->>'deviceId')
END`
const subjectName = raw.raw<string | null>(ALERT_SUBJECT_SQL)

/** Alerts `p` may see, with the names of their vehicle, driver, assignee and subject (alias `a`). */
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
      subjectName.as("subject_name"),
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
  subjectName: r.subject_name,
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
