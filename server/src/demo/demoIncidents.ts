import type pg from "pg"

/**
 * The incidents behind the demo's fuel thefts (incident kind `fuel_drop`) and odometer jumps (`demoAlerts.ts`), as the engine
 * stores them (IncidentSink): each its own record with its amount, linked to its alert, whose key
 * becomes the incident's id and whose details the measured values. Amounts come from the alert's id
 * (deterministic without drawing from the demo's random stream, which later seeds rely on).
 */
export const seedIncidents = async (client: pg.ClientBase, orgId: string): Promise<number> => {
  const made = await client.query(
    `WITH source AS (
       SELECT a.*, ('x' || substr(md5(a.id::text), 1, 6))::bit(24)::int AS h
       FROM alerts a WHERE a.org_id = $1 AND a.type IN ('fuel_theft', 'odometer_jump')
     ), shaped AS (
       SELECT s.*,
         CASE s.type WHEN 'fuel_theft' THEN 12 + (s.h % 300) / 10.0 ELSE 30000 + (s.h % 90) * 1000 END AS amount,
         CASE s.type WHEN 'fuel_theft' THEN 30 + (s.h % 200) / 10.0 ELSE 80000 + (s.h % 4000) * 100 END AS base
       FROM source s
     )
     INSERT INTO incidents (org_id, vehicle_id, driver_id, kind, started_at, ended_at, lat, lon, amount, unit, details, alert_id)
     SELECT org_id, vehicle_id, driver_id, CASE type WHEN 'fuel_theft' THEN 'fuel_drop' ELSE type END,
       CASE type WHEN 'fuel_theft' THEN opened_at - interval '9 minutes' ELSE opened_at END, opened_at,
       lat, lon, amount, CASE type WHEN 'fuel_theft' THEN 'l' ELSE 'm' END,
       CASE type
         WHEN 'fuel_theft' THEN jsonb_build_object('fromL', base + amount, 'toL', base, 'litres', amount)
         ELSE jsonb_build_object('previousM', base, 'currentM', base + amount, 'increaseM', amount)
       END,
       id
     FROM shaped
     ON CONFLICT DO NOTHING`,
    [orgId],
  )
  await client.query(
    `UPDATE alerts a SET key = i.id::text, details = i.details
     FROM incidents i WHERE i.alert_id = a.id AND a.org_id = $1`,
    [orgId],
  )
  return made.rowCount ?? 0
}
