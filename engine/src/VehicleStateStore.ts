import type { LivePosition, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import type pg from "pg"

interface StateRow {
  readonly orgId: string
  readonly deviceId: string
  readonly position: LivePosition
}

/**
 * Each vehicle's last known state (position, odometer, last seen), upserted to Postgres in one
 * statement per flush. A point older than the stored one never overwrites it.
 */
export class VehicleStateStore {
  private readonly latest = new Map<string, StateRow>()
  private readonly dirty = new Set<string>()
  /** Vehicles whose stored state was looked up (found or not) since the start. */
  private readonly loaded = new Set<string>()

  constructor(private readonly db: pg.Pool) {}

  /** The newest position of a vehicle this process has seen, if any. */
  lastTime(vehicleId: string): number | undefined {
    return this.latest.get(vehicleId)?.position.timeMs
  }

  /**
   * Loads the stored last state of the points' vehicles this process has not seen yet (once per
   * vehicle after a start), so `observe` compares late points with it.
   */
  async load(records: ReadonlyArray<TelemetryRecord>): Promise<void> {
    let unseen: Set<string> | null = null
    for (const r of records) {
      if (this.latest.has(r.vehicleId) || this.loaded.has(r.vehicleId)) continue
      unseen ??= new Set()
      unseen.add(r.vehicleId)
    }
    if (unseen === null) return
    const ids = [...unseen]
    const { rows } = await this.db.query<{
      vehicle_id: string
      org_id: string
      device_id: string | null
      time_ms: number
      lat: number
      lon: number
      speed_mps: number | null
      heading_deg: number | null
      odometer_m: number | null
      fuel_level_pct: number | null
      ignition: boolean | null
      battery_v: number | null
    }>(
      `SELECT vehicle_id, org_id, device_id, (extract(epoch FROM time) * 1000)::float8 AS time_ms, lat, lon,
              speed_mps, heading_deg, odometer_m, fuel_level_pct, ignition, battery_v
       FROM vehicle_state WHERE vehicle_id = ANY($1::uuid[])`,
      [ids],
    )
    for (const id of ids) this.loaded.add(id)
    for (const r of rows) {
      if (this.latest.has(r.vehicle_id)) continue
      this.latest.set(r.vehicle_id, {
        orgId: r.org_id,
        deviceId: r.device_id ?? "",
        position: {
          vehicleId: r.vehicle_id as VehicleId,
          timeMs: Math.round(r.time_ms),
          lat: r.lat,
          lon: r.lon,
          speedMps: r.speed_mps,
          headingDeg: r.heading_deg,
          ignition: r.ignition,
          odometerM: r.odometer_m,
          fuelLevelPct: r.fuel_level_pct,
          batteryV: r.battery_v,
        },
      })
    }
  }

  /** Records a point; returns its live position when it is the vehicle's newest. */
  observe(r: TelemetryRecord): LivePosition | null {
    const previous = this.latest.get(r.vehicleId)
    if (previous !== undefined && previous.position.timeMs >= r.timeMs) return null
    const position: LivePosition = {
      vehicleId: r.vehicleId,
      timeMs: r.timeMs,
      lat: r.lat,
      lon: r.lon,
      speedMps: r.speedMps ?? null,
      headingDeg: r.headingDeg ?? null,
      ignition: r.ignition ?? previous?.position.ignition ?? null,
      odometerM: r.odometerM ?? previous?.position.odometerM ?? null,
      fuelLevelPct: r.fuelLevelPct ?? previous?.position.fuelLevelPct ?? null,
      batteryV: r.batteryV ?? previous?.position.batteryV ?? null,
    }
    this.latest.set(r.vehicleId, { orgId: r.orgId, deviceId: r.deviceId, position })
    this.dirty.add(r.vehicleId)
    return position
  }

  /** Forgets vehicles another engine now owns (after `flush`): a comeback reloads their stored state. */
  release(vehicleIds: Iterable<string>): void {
    for (const id of vehicleIds) {
      if (this.dirty.has(id)) continue
      this.latest.delete(id)
      this.loaded.delete(id)
    }
  }

  async flush(): Promise<void> {
    if (this.dirty.size === 0) return
    const rows = [...this.dirty].map((id) => this.latest.get(id) as StateRow)
    this.dirty.clear()
    const col = <T>(f: (r: StateRow) => T) => rows.map(f)
    try {
      await this.db.query(
        `INSERT INTO vehicle_state (vehicle_id, org_id, device_id, time, lat, lon, speed_mps, heading_deg,
                                    odometer_m, fuel_level_pct, ignition, battery_v, updated_at)
         SELECT v, o, d, to_timestamp(t / 1000.0), la, lo, s, h, od, f, i, b, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::real[],
                     $8::real[], $9::float8[], $10::real[], $11::bool[], $12::real[])
              AS u(v, o, d, t, la, lo, s, h, od, f, i, b)
         ON CONFLICT (vehicle_id) DO UPDATE SET
           device_id = EXCLUDED.device_id, time = EXCLUDED.time, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
           speed_mps = EXCLUDED.speed_mps, heading_deg = EXCLUDED.heading_deg, odometer_m = EXCLUDED.odometer_m,
           fuel_level_pct = EXCLUDED.fuel_level_pct, ignition = EXCLUDED.ignition, battery_v = EXCLUDED.battery_v,
           updated_at = now()
         WHERE vehicle_state.time <= EXCLUDED.time`,
        [
          col((r) => r.position.vehicleId),
          col((r) => r.orgId),
          col((r) => r.deviceId),
          col((r) => r.position.timeMs),
          col((r) => r.position.lat),
          col((r) => r.position.lon),
          col((r) => r.position.speedMps),
          col((r) => r.position.headingDeg),
          col((r) => r.position.odometerM),
          col((r) => r.position.fuelLevelPct),
          col((r) => r.position.ignition),
          col((r) => r.position.batteryV),
        ],
      )
    } catch (error) {
      for (const r of rows) this.dirty.add(r.position.vehicleId) // try again next flush
      throw error
    }
  }
}
