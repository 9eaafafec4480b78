import type pg from "pg"
import type { AlertRow } from "./AlertSink.js"

/** Minutes without data after which a device is offline, unless the organisation sets its own. */
export const DEFAULT_OFFLINE_AFTER_MINUTES = 15

/**
 * Runs as the system (no row-level security): every join names the organisation, so a state row
 * can only resolve or raise its own organisation's alert.
 *
 * Device offline: no data received for the organisation's `offlineAfterMinutes` (default `DEFAULT_OFFLINE_AFTER_MINUTES`).
 * Opens one alert per silence (keyed by when the silence began, so checking again finds it) and
 * resolves it when data arrives again. Returns the alerts it opened.
 */
export const checkOffline = async (db: pg.Pool): Promise<AlertRow[]> => {
  await db.query(
    `UPDATE alerts a SET status = 'resolved', resolved_at = now(), resolution_note = 'data received again'
     FROM vehicle_state s
     WHERE a.type = 'device_offline' AND a.status <> 'resolved' AND s.vehicle_id = a.vehicle_id
       AND s.org_id = a.org_id AND s.updated_at > a.opened_at`,
  )
  const { rows } = await db.query<AlertRow>(
    `INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, lat, lon, details)
     SELECT s.org_id, s.vehicle_id, 'device_offline', '', 'warning', s.updated_at, s.updated_at, s.lat, s.lon,
            jsonb_build_object('lastDataAt', s.updated_at, 'deviceId', s.device_id)
     FROM vehicle_state s JOIN organisations o ON o.id = s.org_id
       JOIN vehicles v ON v.id = s.vehicle_id AND v.org_id = s.org_id
     WHERE s.updated_at < now() - make_interval(mins => COALESCE((o.settings->>'offlineAfterMinutes')::int, $1::int))
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [DEFAULT_OFFLINE_AFTER_MINUTES],
  )
  return rows
}
