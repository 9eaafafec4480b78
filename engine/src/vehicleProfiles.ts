import type pg from "pg"
import type { Geofence } from "./rules/alerts/GeofenceRule.js"
import { parseGeofenceSchedule } from "./rules/alerts/GeofenceSchedule.js"
import { timeZoneOf } from "./rules/localDay.js"
import { ruleConfigs, unknownProfile, type VehicleProfile } from "./VehicleRules.js"

interface Row {
  vehicle_id: string
  commissioned_m: number | null
  reading_m: number | null
  reading_ms: number | null
  reading_device_m: number | null
  org_id: string
  tank: number | null
  type_limit: number | null
  settings: Record<string, unknown>
}

const num = (v: unknown, fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback

/**
 * What the rules need per vehicle, from its type and its organisation's settings
 * (overspeedLimitKmh, overspeedMinDurationS, lowBatteryV, lowBatteryMinDurationS, timezone) and
 * geofences.
 */
export const loadVehicleProfiles = async (
  db: pg.Pool,
  vehicleIds: ReadonlyArray<string>,
): Promise<Map<string, VehicleProfile>> => {
  if (vehicleIds.length === 0) return new Map()
  const { rows } = await db.query<Row>(
    `SELECT v.id AS vehicle_id, v.org_id, v.commissioned_odometer_km::float8 * 1000 AS commissioned_m,
            r.value_km::float8 * 1000 AS reading_m, extract(epoch FROM r.at) * 1000 AS reading_ms,
            r.device_odometer_m AS reading_device_m, t.tank_capacity_l::float8 AS tank, t.speed_limit_kmh::float8 AS type_limit, o.settings
     FROM vehicles v JOIN organisations o ON o.id = v.org_id LEFT JOIN vehicle_types t ON t.id = v.vehicle_type_id
     LEFT JOIN LATERAL (SELECT value_km, at, device_odometer_m FROM odometer_readings o WHERE o.vehicle_id = v.id ORDER BY at DESC, created_at DESC LIMIT 1) r ON true
     WHERE v.id = ANY($1::uuid[])`,
    [vehicleIds],
  )
  const orgs = [...new Set(rows.map((r) => r.org_id))]
  const fences = await db.query<{
    org_id: string
    id: string
    kind: "circle" | "polygon"
    center_lat: number | null
    center_lon: number | null
    radius_m: number | null
    ring: Array<[number, number]> | null
    dwell_s: number
    alert_on: "enter" | "exit" | "both"
    schedule: { days: string[]; from: string; to: string } | null
    time_zone: string | null
  }>(
    // Schedules are in the organisation's time zone, as its days are (`timeZoneOf`).
    `SELECT g.org_id, g.id, g.kind, g.center_lat, g.center_lon, g.radius_m, g.ring, g.dwell_s, g.alert_on, g.schedule,
            o.settings->>'timezone' AS time_zone
     FROM geofences g JOIN organisations o ON o.id = g.org_id WHERE g.active AND g.org_id = ANY($1::uuid[])`,
    [orgs],
  )
  const assignments = await db.query<{
    vehicle_id: string
    driver_id: string
    from_ms: number
    to_ms: number | null
  }>(
    `SELECT vehicle_id, driver_id, extract(epoch FROM starts_at) * 1000 AS from_ms, extract(epoch FROM ends_at) * 1000 AS to_ms
     FROM driver_assignments WHERE vehicle_id = ANY($1::uuid[]) ORDER BY starts_at`,
    [vehicleIds],
  )
  const byVehicle = new Map<string, VehicleProfile["assignments"][number][]>()
  for (const a of assignments.rows) {
    const list = byVehicle.get(a.vehicle_id) ?? []
    list.push({
      driverId: a.driver_id,
      fromMs: Number(a.from_ms),
      toMs: a.to_ms === null ? null : Number(a.to_ms),
    })
    byVehicle.set(a.vehicle_id, list)
  }
  const byOrg = new Map<string, Geofence[]>()
  for (const f of fences.rows) {
    const watch = {
      alertOn: f.alert_on,
      schedule:
        f.schedule === null ? null : parseGeofenceSchedule(f.schedule, timeZoneOf({ timezone: f.time_zone })),
    }
    const fence: Geofence =
      f.kind === "circle"
        ? {
            id: f.id,
            kind: "circle",
            lat: f.center_lat ?? 0,
            lon: f.center_lon ?? 0,
            radiusM: f.radius_m ?? 0,
            dwellS: f.dwell_s,
            ...watch,
          }
        : { id: f.id, kind: "polygon", ring: f.ring ?? [], dwellS: f.dwell_s, ...watch }
    byOrg.set(f.org_id, [...(byOrg.get(f.org_id) ?? []), fence])
  }
  return new Map(
    rows.map((r) => {
      const orgLimit = r.settings.overspeedLimitKmh
      return [
        r.vehicle_id,
        {
          tankCapacityL: r.tank,
          speedLimitKmh: r.type_limit ?? (typeof orgLimit === "number" ? orgLimit : null),
          overspeedMinS: num(r.settings.overspeedMinDurationS, unknownProfile.overspeedMinS),
          lowBatteryV: num(r.settings.lowBatteryV, unknownProfile.lowBatteryV),
          lowBatteryMinS: num(r.settings.lowBatteryMinDurationS, unknownProfile.lowBatteryMinS),
          geofences: byOrg.get(r.org_id) ?? [],
          ...ruleConfigs(r.settings),
          assignments: byVehicle.get(r.vehicle_id) ?? [],
          manualReading:
            r.reading_m === null
              ? null
              : { valueM: r.reading_m, atMs: Number(r.reading_ms), deviceOdometerM: r.reading_device_m },
          commissionedOdometerM: r.commissioned_m,
          timeZone: timeZoneOf(r.settings),
        } satisfies VehicleProfile,
      ]
    }),
  )
}
