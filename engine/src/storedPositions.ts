import type { ClickHouseClient } from "@fleetcore/platform"
import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"

interface Row {
  device_id: string
  timeMs: string | number
  receivedAtMs: string | number
  lat: number
  lon: number
  speed_mps: number | null
  heading_deg: number | null
  odometer_m: number | null
  fuel_level_pct: number | null
  fuel_used_l: number | null
  ignition: boolean | null
  battery_v: number | null
  hdop: number | null
  satellites: number | null
}

const opt = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } =>
  (value === null ? {} : { [key]: value }) as { [P in K]?: V }

/**
 * A vehicle's stored points with device time in (afterMs, beforeMs), oldest first, as records the
 * rules take: what the engine re-runs after a restart (catch-up) or for a replay.
 */
export const storedPositions = async (
  ch: ClickHouseClient,
  orgId: string,
  vehicleId: string,
  afterMs: number,
  beforeMs: number,
): Promise<TelemetryRecord[]> => {
  const rows = await ch.query<Row>(
    `SELECT device_id, toUnixTimestamp64Milli(time) AS timeMs, toUnixTimestamp64Milli(received_at) AS receivedAtMs,
            lat, lon, speed_mps, heading_deg, odometer_m, fuel_level_pct, fuel_used_l, ignition, battery_v, hdop, satellites
     FROM positions_buffer FINAL
     WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID}
       AND time > fromUnixTimestamp64Milli({after:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({before:Int64}, 'UTC')
     ORDER BY time`,
    { org: orgId, vehicle: vehicleId, after: afterMs, before: beforeMs },
  )
  return rows.map((r) => ({
    orgId: orgId as OrgId,
    vehicleId: vehicleId as VehicleId,
    deviceId: r.device_id as DeviceId,
    timeMs: Number(r.timeMs),
    receivedAtMs: Number(r.receivedAtMs),
    lat: r.lat,
    lon: r.lon,
    ...opt("speedMps", r.speed_mps),
    ...opt("headingDeg", r.heading_deg),
    ...opt("odometerM", r.odometer_m),
    ...opt("fuelLevelPct", r.fuel_level_pct),
    ...opt("fuelUsedL", r.fuel_used_l),
    ...opt("ignition", r.ignition),
    ...opt("batteryV", r.battery_v),
    ...opt("hdop", r.hdop),
    ...opt("satellites", r.satellites),
  }))
}
