import { chTime } from "@fleetcore/platform"
import type { TelemetryRecord } from "@fleetcore/proto"

/** A telemetry record as a row of the ClickHouse `positions` table (infra/migrations/clickhouse). */
export const positionRow = (r: TelemetryRecord): Record<string, unknown> => ({
  org_id: r.orgId,
  vehicle_id: r.vehicleId,
  device_id: r.deviceId,
  time: chTime(r.timeMs),
  received_at: chTime(r.receivedAtMs),
  lat: r.lat,
  lon: r.lon,
  speed_mps: r.speedMps ?? null,
  heading_deg: r.headingDeg ?? null,
  altitude_m: r.altitudeM ?? null,
  satellites: r.satellites ?? null,
  hdop: r.hdop ?? null,
  odometer_m: r.odometerM ?? null,
  fuel_level_pct: r.fuelLevelPct ?? null,
  fuel_used_l: r.fuelUsedL ?? null,
  ignition: r.ignition ?? null,
  engine_seconds: r.engineSeconds ?? null,
  battery_v: r.batteryV ?? null,
  dtc: r.dtc ?? [],
  attrs: r.attrs ?? {},
})
