import type { RaisedAlert } from "@fleetcore/proto"
import type pg from "pg"
import type { AlertRow } from "./AlertSink.js"
import type { FuelLevelEvent } from "./rules/fuel/FuelLevelRule.js"

export type IncidentEventKind =
  | "fuel_drop"
  | "fuel_fill"
  | "odometer_rollback"
  | "odometer_jump"
  | "odometer_mismatch"
  | "odometer_frozen"

/** One theft, fill or odometer fault as the rules found it, ready to be stored as its own record. */
export interface IncidentEvent {
  readonly orgId: string
  readonly vehicleId: string
  readonly kind: IncidentEventKind
  readonly startMs: number
  readonly endMs: number
  readonly lat: number | null
  readonly lon: number | null
  /** Litres (fuel), metres (odometer) or percent (a mismatch), as `unit` says; null when unknown. */
  readonly amount: number | null
  readonly unit: "l" | "m" | "pct"
  readonly details: Readonly<Record<string, unknown>>
  /** The alert the incident raises (one per incident, never merged); null for informational kinds. */
  readonly alert: { readonly type: string; readonly severity: RaisedAlert["severity"] } | null
}

/** Alert types that are incidents: raised one per incident here, not deduplicated by AlertSink. */
const ODOMETER_KINDS: ReadonlySet<string> = new Set([
  "odometer_rollback",
  "odometer_jump",
  "odometer_mismatch",
  "odometer_frozen",
])
export const isIncidentAlert = (a: Pick<RaisedAlert, "type">): boolean =>
  a.type === "fuel_theft" || ODOMETER_KINDS.has(a.type)

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null)

/** What an odometer fault's amount is: the metres it hid or added, or the mismatch's percent. */
const odometerAmount = (kind: string, d: Readonly<Record<string, unknown>>) =>
  kind === "odometer_rollback"
    ? { amount: num(d.decreaseM), unit: "m" as const }
    : kind === "odometer_jump"
      ? { amount: num(d.increaseM), unit: "m" as const }
      : kind === "odometer_mismatch"
        ? { amount: num(d.diffPct), unit: "pct" as const }
        : { amount: num(d.gpsM) ?? num(d.distanceM), unit: "m" as const }

/**
 * The incidents of one run: every fuel drain and fill, and every odometer alert. A drain raises a
 * critical `fuel_theft` alert, an odometer fault the alert the rule raised; a fill raises none.
 */
export const incidentsOf = (all: {
  readonly fuelEvents: ReadonlyArray<{ orgId: string; vehicleId: string; event: FuelLevelEvent }>
  readonly alerts: ReadonlyArray<RaisedAlert>
}): IncidentEvent[] => {
  const out: IncidentEvent[] = []
  for (const { orgId, vehicleId, event: e } of all.fuelEvents) {
    out.push({
      orgId,
      vehicleId,
      kind: e.kind,
      startMs: e.startMs,
      endMs: e.endMs,
      lat: e.lat,
      lon: e.lon,
      amount: e.litres,
      unit: "l",
      details: { fromL: e.fromL, toL: e.toL, litres: e.litres },
      alert: e.kind === "fuel_drop" ? { type: "fuel_theft", severity: "critical" } : null,
    })
  }
  for (const a of all.alerts) {
    if (!ODOMETER_KINDS.has(a.type)) continue
    const startMs = num(a.details.startMs) ?? a.timeMs
    out.push({
      orgId: a.orgId,
      vehicleId: a.vehicleId,
      kind: a.type as IncidentEventKind,
      startMs,
      endMs: Math.max(startMs, num(a.details.endMs) ?? a.timeMs),
      lat: a.lat,
      lon: a.lon,
      ...odometerAmount(a.type, a.details),
      details: a.details,
      alert: { type: a.type, severity: a.severity },
    })
  }
  return out
}

/**
 * Stores incidents, each its own row keyed by (vehicle, kind, start): re-deriving one (restart,
 * replay, late data) updates its end, amount and details instead of adding another. Each incident
 * with an alert raises exactly one, keyed by the incident's id (never merged with the next one,
 * `occurrences` stays 1), and links it (`incidents.alert_id`). Returns the alerts newly opened.
 */
export const writeIncidents = async (
  db: pg.Pool,
  incidents: ReadonlyArray<IncidentEvent>,
): Promise<AlertRow[]> => {
  const opened: AlertRow[] = []
  for (const i of incidents) {
    const start = new Date(i.startMs)
    const details = JSON.stringify(i.details)
    const { rows } = await db.query<{ id: string; driver_id: string | null }>(
      `INSERT INTO incidents (org_id, vehicle_id, driver_id, kind, started_at, ended_at, lat, lon, amount, unit, details)
       VALUES ($1, $2,
         (SELECT driver_id FROM driver_assignments
          WHERE vehicle_id = $2 AND starts_at <= $4 AND (ends_at IS NULL OR ends_at > $4)
          ORDER BY starts_at DESC LIMIT 1),
         $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
       ON CONFLICT (vehicle_id, kind, started_at) DO UPDATE SET
         ended_at = EXCLUDED.ended_at, lat = EXCLUDED.lat, lon = EXCLUDED.lon, amount = EXCLUDED.amount,
         details = EXCLUDED.details, updated_at = now()
       RETURNING id, driver_id`,
      [i.orgId, i.vehicleId, i.kind, start, new Date(i.endMs), i.lat, i.lon, i.amount, i.unit, details],
    )
    const incident = rows[0]
    if (incident === undefined || i.alert === null) continue
    const alert = await db.query<AlertRow & { created: boolean }>(
      `INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, lat, lon, details, driver_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
       ON CONFLICT (vehicle_id, type, key, opened_at) DO UPDATE SET
         last_seen_at = GREATEST(alerts.last_seen_at, EXCLUDED.last_seen_at), details = EXCLUDED.details
       RETURNING *, (xmax = 0) AS created`,
      [
        i.orgId,
        i.vehicleId,
        i.alert.type,
        incident.id,
        i.alert.severity,
        start,
        new Date(i.endMs),
        i.lat,
        i.lon,
        details,
        incident.driver_id,
      ],
    )
    const row = alert.rows[0]
    if (row === undefined) continue
    await db.query("UPDATE incidents SET alert_id = $2 WHERE id = $1 AND alert_id IS DISTINCT FROM $2", [
      incident.id,
      row.id,
    ])
    if (row.created) opened.push(row)
  }
  return opened
}
