import type { InsertColumn } from "@fleetcore/platform"
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

/** `positions` columns sent as numbers by `positionColumns`: name, kind, and the record's reading. */
const NUMBER_COLUMNS: ReadonlyArray<
  readonly [name: string, kind: "millis" | "float64", read: (r: TelemetryRecord) => number | undefined]
> = [
  ["time", "millis", (r) => r.timeMs],
  ["received_at", "millis", (r) => r.receivedAtMs],
  ["lat", "float64", (r) => r.lat],
  ["lon", "float64", (r) => r.lon],
  ["speed_mps", "float64", (r) => r.speedMps],
  ["heading_deg", "float64", (r) => r.headingDeg],
  ["altitude_m", "float64", (r) => r.altitudeM],
  ["satellites", "float64", (r) => r.satellites],
  ["hdop", "float64", (r) => r.hdop],
  ["odometer_m", "float64", (r) => r.odometerM],
  ["fuel_level_pct", "float64", (r) => r.fuelLevelPct],
  ["fuel_used_l", "float64", (r) => r.fuelUsedL],
  ["ignition", "float64", (r) => (r.ignition === undefined ? undefined : r.ignition ? 1 : 0)],
  ["engine_seconds", "float64", (r) => r.engineSeconds],
  ["battery_v", "float64", (r) => r.batteryV],
]

/**
 * Telemetry records as `positions` columns (`ClickHouseClient.insertColumns`): what chDB reads as
 * Arrow arrays instead of parsing JSON rows, the same values as `positionRow` gives (absent readings
 * NULL, NaN in a `float64` column). `dtc` and `attrs` are sent, as JSON, only when a record in the
 * batch has them; otherwise they take their defaults (empty), as `positionRow`'s empty values do.
 */
export const positionColumns = (records: ReadonlyArray<TelemetryRecord>): ReadonlyArray<InsertColumn> => {
  const n = records.length
  const columns: InsertColumn[] = [
    { name: "org_id", kind: "string", values: records.map((r) => r.orgId) },
    { name: "vehicle_id", kind: "string", values: records.map((r) => r.vehicleId) },
    { name: "device_id", kind: "string", values: records.map((r) => r.deviceId) },
  ]
  for (const [name, kind, read] of NUMBER_COLUMNS) {
    const values = new Float64Array(n)
    for (let i = 0; i < n; i++) values[i] = read(records[i] as TelemetryRecord) ?? Number.NaN
    columns.push({ name, kind, values })
  }
  /** A JSON column, sent only when a record of the batch has the value. */
  const json = (name: string, type: string, read: (r: TelemetryRecord) => unknown, empty: unknown) => {
    if (records.some((r) => read(r) !== undefined))
      columns.push({ name, kind: "json", type, values: records.map((r) => JSON.stringify(read(r) ?? empty)) })
  }
  json("dtc", "Array(String)", (r) => r.dtc, EMPTY)
  json("attrs", "Map(String, Float64)", (r) => r.attrs, NO_ATTRS)
  return columns
}
