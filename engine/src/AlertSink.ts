import type { AlertView, RaisedAlert } from "@fleetcore/proto"
import type pg from "pg"

export interface AlertRow {
  id: string
  org_id: string
  vehicle_id: string | null
  driver_id: string | null
  type: string
  key: string
  severity: "info" | "warning" | "critical"
  status: "open" | "acknowledged" | "resolved"
  opened_at: Date
  last_seen_at: Date
  occurrences: number
  lat: number | null
  lon: number | null
  details: Record<string, unknown>
  acknowledged_at: Date | null
  acknowledged_by: string | null
  resolved_at: Date | null
  resolved_by: string | null
  resolution_note: string | null
}

/** An alert as the API and the live WebSocket show it. */
export const alertView = (r: AlertRow): AlertView => ({
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
  acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
})

/**
 * Stores raised alerts: one open alert per vehicle + type + key (a repeat bumps its occurrences
 * and last-seen time), and re-raising the same occurrence (after a restart or a replay) finds the
 * alert it created before. Returns the alerts that were newly opened.
 */
export const raiseAlerts = async (db: pg.Pool, alerts: ReadonlyArray<RaisedAlert>): Promise<AlertRow[]> => {
  const opened: AlertRow[] = []
  for (const a of alerts) {
    const at = new Date(a.timeMs)
    const { rows } = await db.query<AlertRow & { created: boolean }>(
      `WITH bumped AS (
         UPDATE alerts SET
           occurrences = occurrences + CASE WHEN $7 > last_seen_at THEN 1 ELSE 0 END,
           last_seen_at = GREATEST(last_seen_at, $7),
           details = CASE WHEN $7 > last_seen_at THEN $10::jsonb ELSE details END
         WHERE vehicle_id = $2 AND type = $3 AND key = $4 AND status <> 'resolved'
         RETURNING *, false AS created
       ), inserted AS (
         INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, lat, lon, details, driver_id)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::uuid
         WHERE NOT EXISTS (SELECT 1 FROM bumped)
         ON CONFLICT DO NOTHING
         RETURNING *, true AS created
       )
       SELECT * FROM bumped UNION ALL SELECT * FROM inserted`,
      [
        a.orgId,
        a.vehicleId,
        a.type,
        a.key,
        a.severity,
        at,
        at,
        a.lat,
        a.lon,
        JSON.stringify(a.details),
        a.driverId ?? null,
      ],
    )
    const row = rows[0]
    if (row?.created) opened.push(row)
  }
  return opened
}

/** Resolves a vehicle's open alert of a type and key because its condition cleared (no user). */
export const clearAlert = async (
  db: pg.Pool,
  vehicleId: string,
  type: string,
  key: string,
  atMs: number,
): Promise<void> => {
  await db.query(
    `UPDATE alerts SET status = 'resolved', resolved_at = $4, resolution_note = 'condition cleared'
     WHERE vehicle_id = $1 AND type = $2 AND key = $3 AND status <> 'resolved' AND opened_at <= $4`,
    [vehicleId, type, key, new Date(atMs)],
  )
}
