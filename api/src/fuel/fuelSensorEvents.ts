import { isConfinedToAssignedVehicles } from "@fleetcore/contract"
import type { ClickHouseClient, PostgresClient } from "@fleetcore/platform"
import type { Principal } from "../auth/Principal.js"
import { rows } from "../db/sql.js"
import { assignedNow } from "../vehicles/visibleVehicle.js"

/** The API's names of the engine's `fuel_events.kind`. */
export const KIND_OF = { fuel_fill: "fill", fuel_drop: "theft" } as const
export const STORED_KIND = { fill: "fuel_fill", theft: "fuel_drop" } as const

export interface StoredFuelEvent {
  readonly vehicleId: string
  readonly timeMs: number
  readonly startMs: number
  readonly endMs: number
  readonly driverId: string | null
  readonly kind: "fill" | "theft"
  readonly litres: number
  readonly fromL: number
  readonly toL: number
  readonly lat: number
  readonly lon: number
}

/**
 * The vehicles a confined caller (a driver) may read, for filtering ClickHouse rows, which row-level
 * security does not reach; null for roles that see the whole organisation.
 */
export const readableVehicleIds = async (
  db: PostgresClient,
  p: Principal,
): Promise<ReadonlyArray<string> | null> => {
  if (!isConfinedToAssignedVehicles(p.role)) return null
  const found = await db.withOrg(p.orgId, (c) => rows(c, assignedNow(p.userId)))
  return found.map((r) => r.vehicle_id)
}

export interface FuelEventFilter {
  readonly orgId: string
  /** null: every vehicle of the organisation. */
  readonly vehicleIds: ReadonlyArray<string> | null
  readonly kind?: "fill" | "theft"
  readonly fromMs?: number
  readonly toMs?: number
}

/** The WHERE clause and parameters of a filter; always scoped to the organisation. */
const whereOf = (f: FuelEventFilter) => {
  const clauses = ["org_id = {org:UUID}"]
  const params: Record<string, unknown> = { org: f.orgId }
  if (f.vehicleIds !== null) {
    clauses.push("vehicle_id IN {vehicles:Array(UUID)}")
    params.vehicles = f.vehicleIds
  }
  if (f.kind !== undefined) {
    clauses.push("kind = {kind:String}")
    params.kind = STORED_KIND[f.kind]
  }
  if (f.fromMs !== undefined) {
    clauses.push("time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')")
    params.from = f.fromMs
  }
  if (f.toMs !== undefined) {
    clauses.push("time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')")
    params.to = f.toMs
  }
  return { where: clauses.join(" AND "), params }
}

interface Row {
  readonly vehicleId: string
  readonly timeMs: number | string
  readonly startMs: number | string
  readonly endMs: number | string
  readonly driverId: string | null
  readonly kind: keyof typeof KIND_OF
  readonly litres: number
  readonly fromL: number
  readonly toL: number
  readonly lat: number
  readonly lon: number
}

/** Fuel events (ClickHouse `fuel_events`, deduplicated with FINAL) matching `f`, in `order`. */
export const fuelEvents = async (
  ch: ClickHouseClient,
  f: FuelEventFilter,
  page: {
    readonly order: "time" | "litres"
    readonly direction: "asc" | "desc"
    readonly limit: number
    readonly offset: number
  },
): Promise<ReadonlyArray<StoredFuelEvent>> => {
  if (f.vehicleIds !== null && f.vehicleIds.length === 0) return []
  const { where, params } = whereOf(f)
  const direction = page.direction === "asc" ? "ASC" : "DESC"
  const found = await ch.query<Row>(
    `SELECT toString(vehicle_id) AS vehicleId, toUnixTimestamp64Milli(time) AS timeMs,
            toUnixTimestamp64Milli(start_time) AS startMs, toUnixTimestamp64Milli(end_time) AS endMs,
            if(isNull(driver_id), NULL, toString(driver_id)) AS driverId, kind, litres,
            from_l AS fromL, to_l AS toL, lat, lon
     FROM fuel_events FINAL WHERE ${where}
     ORDER BY ${page.order} ${direction}, time DESC, vehicle_id, kind
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...params, limit: page.limit, offset: page.offset },
  )
  return found.map((r) => ({
    vehicleId: r.vehicleId,
    timeMs: Number(r.timeMs),
    startMs: Number(r.startMs),
    endMs: Number(r.endMs),
    driverId: r.driverId,
    kind: KIND_OF[r.kind],
    litres: r.litres,
    fromL: r.fromL,
    toL: r.toL,
    lat: r.lat,
    lon: r.lon,
  }))
}

/** How many fuel events match `f`. */
export const countFuelEvents = async (ch: ClickHouseClient, f: FuelEventFilter): Promise<number> => {
  if (f.vehicleIds !== null && f.vehicleIds.length === 0) return 0
  const { where, params } = whereOf(f)
  const [row] = await ch.query<{ n: number | string }>(
    `SELECT count() AS n FROM fuel_events FINAL WHERE ${where}`,
    params,
  )
  return Number(row?.n ?? 0)
}

/**
 * The vehicles with a fuel-level sensor in the period: it reported a level, or the engine detected
 * a fill or a drop from it.
 */
export const vehiclesWithFuelSensor = async (
  ch: ClickHouseClient,
  f: FuelEventFilter,
): Promise<Set<string>> => {
  if (f.vehicleIds !== null && f.vehicleIds.length === 0) return new Set()
  const { kind: _kind, ...anyKind } = f
  const { where, params } = whereOf(anyKind)
  const found = await ch.query<{ vehicleId: string }>(
    `SELECT DISTINCT toString(vehicle_id) AS vehicleId FROM positions_buffer
     WHERE ${where} AND fuel_level_pct IS NOT NULL
     UNION DISTINCT
     SELECT DISTINCT toString(vehicle_id) AS vehicleId FROM fuel_events WHERE ${where}`,
    params,
  )
  return new Set(found.map((r) => r.vehicleId))
}
