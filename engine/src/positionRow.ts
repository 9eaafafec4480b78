import type { TelemetryRecord } from "@fleetcore/proto"

/** Columns of the ClickHouse `positions` table (infra/migrations/clickhouse), in insert order. */
export const POSITION_COLUMNS = [
  "org_id",
  "vehicle_id",
  "device_id",
  "time",
  "received_at",
  "lat",
  "lon",
  "speed_mps",
  "heading_deg",
  "altitude_m",
  "satellites",
  "hdop",
  "odometer_m",
  "fuel_level_pct",
  "fuel_used_l",
  "ignition",
  "engine_seconds",
  "battery_v",
  "dtc",
  "attrs",
] as const

const EMPTY: ReadonlyArray<string> = []
const NO_ATTRS: Readonly<Record<string, number>> = {}

/**
 * A telemetry record as a `positions` row, values in POSITION_COLUMNS order. The times stay epoch
 * milliseconds: ClickHouse reads a JSON integer into DateTime64(3) as milliseconds, whatever
 * `date_time_input_format` says, which spares formatting two dates per point on the engine's thread
 * (`positionRow.test.ts` stores a recorded stream both ways and compares every row).
 */
export const positionRow = (r: TelemetryRecord): ReadonlyArray<unknown> => [
  r.orgId,
  r.vehicleId,
  r.deviceId,
  r.timeMs,
  r.receivedAtMs,
  r.lat,
  r.lon,
  r.speedMps ?? null,
  r.headingDeg ?? null,
  r.altitudeM ?? null,
  r.satellites ?? null,
  r.hdop ?? null,
  r.odometerM ?? null,
  r.fuelLevelPct ?? null,
  r.fuelUsedL ?? null,
  r.ignition ?? null,
  r.engineSeconds ?? null,
  r.batteryV ?? null,
  r.dtc ?? EMPTY,
  r.attrs ?? NO_ATTRS,
]
