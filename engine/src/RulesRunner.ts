import type { ClickHouseClient, Log } from "@fleetcore/platform"
import { chTime } from "@fleetcore/platform"
import type { TelemetryRecord } from "@fleetcore/proto"
import type pg from "pg"
import { type AlertRow, clearAlert, raiseAlerts } from "./AlertSink.js"
import type { BatchWriter } from "./BatchWriter.js"
import { crossCheckRefuels } from "./FuelCrossCheck.js"
import type { FuelLevelEvent } from "./rules/fuel/FuelLevelRule.js"
import type { TripEvent } from "./rules/trips/TripRule.js"
import { storedPositions } from "./storedPositions.js"
import {
  emptyOutput,
  flushVehicleRules,
  initialVehicleRules,
  type RulesOutput,
  stepVehicleRules,
  unknownProfile,
  type VehicleProfile,
  type VehicleRulesState,
} from "./VehicleRules.js"
import { loadVehicleProfiles } from "./vehicleProfiles.js"

export const TRIP_COLUMNS = [
  "org_id",
  "vehicle_id",
  "device_id",
  "start_time",
  "end_time",
  "start_lat",
  "start_lon",
  "end_lat",
  "end_lon",
  "distance_m",
  "duration_s",
  "moving_s",
  "idle_s",
  "max_speed_mps",
  "avg_speed_mps",
  "fuel_used_l",
  "version",
] as const
export const DAILY_MILEAGE_COLUMNS = ["org_id", "vehicle_id", "day", "metres", "version"] as const
export const FUEL_EVENT_COLUMNS = [
  "org_id",
  "vehicle_id",
  "time",
  "kind",
  "litres",
  "from_l",
  "to_l",
  "lat",
  "lon",
  "version",
] as const

const tripRow = (t: TripEvent, version: number): ReadonlyArray<unknown> => [
  t.orgId,
  t.vehicleId,
  t.deviceId,
  chTime(t.startMs),
  chTime(t.endMs),
  t.startLat,
  t.startLon,
  t.endLat,
  t.endLon,
  t.distanceM,
  t.durationS,
  t.distanceM > 0 && t.avgSpeedMps > 0 ? t.distanceM / t.avgSpeedMps : 0,
  t.idleS,
  t.maxSpeedMps,
  t.avgSpeedMps,
  t.fuelUsedL,
  version,
]

interface Tracked {
  readonly orgId: string
  readonly vehicleId: string
  profile: VehicleProfile
  state: VehicleRulesState
}

/** What one run of the rules produced, ready for the sinks. */
interface Derived {
  readonly cleared: RulesOutput["cleared"]
  readonly trips: TripEvent[]
  readonly fuelEvents: Array<{
    readonly orgId: string
    readonly vehicleId: string
    readonly event: FuelLevelEvent
  }>
  readonly alerts: RulesOutput["alerts"]
  readonly dayRows: Array<ReadonlyArray<unknown>>
}

const derived = (): Derived => ({ cleared: [], trips: [], fuelEvents: [], alerts: [], dayRows: [] })

/** Adds one vehicle's output; its touched days become `daily_mileage` rows (running totals). */
const collect = (into: Derived, out: RulesOutput, tracked: Tracked): void => {
  into.trips.push(...out.trips)
  into.alerts.push(...out.alerts)
  into.cleared.push(...out.cleared)
  for (const event of out.fuelEvents)
    into.fuelEvents.push({ orgId: tracked.orgId, vehicleId: tracked.vehicleId, event })
  for (const [day, metres] of out.days) {
    into.dayRows.push([tracked.orgId, tracked.vehicleId, day, metres, tracked.state.lastTimeMs ?? 0])
  }
}

export interface RulesRunnerDeps {
  readonly db: pg.Pool
  readonly ch: ClickHouseClient
  readonly trips: BatchWriter<ReadonlyArray<unknown>>
  readonly dailyMileage: BatchWriter<ReadonlyArray<unknown>>
  readonly fuelEvents: BatchWriter<ReadonlyArray<unknown>>
  /** Tells dashboards about an alert that was just opened. */
  readonly onAlertOpened: (alert: AlertRow) => Promise<void>
  readonly log: Log
}

/**
 * Runs the rules per vehicle over stored points and persists what they derive. Restart-safe:
 * a vehicle's state is snapshotted only after the outputs it produced were stored, and when a
 * vehicle is first seen after a start, the points stored since its snapshot are re-run first.
 * Every output is keyed (trip start, day, alert occurrence), so re-running replaces, never adds.
 */
export class RulesRunner {
  private readonly live = new Map<string, Tracked>()
  /** States whose outputs are stored: what a snapshot may write. */
  private readonly committed = new Map<string, Tracked>()
  private readonly dirty = new Set<string>()

  constructor(private readonly deps: RulesRunnerDeps) {}

  /** Points of one bus partition, already stored in `positions`. */
  async process(records: ReadonlyArray<TelemetryRecord>): Promise<void> {
    const byVehicle = new Map<string, TelemetryRecord[]>()
    for (const r of records) {
      const list = byVehicle.get(r.vehicleId)
      if (list === undefined) byVehicle.set(r.vehicleId, [r])
      else list.push(r)
    }
    await this.load(byVehicle)
    const all = derived()
    const touched: Tracked[] = []
    for (const [vehicleId, list] of byVehicle) {
      const tracked = this.live.get(vehicleId) as Tracked
      const out = emptyOutput()
      for (const r of list) tracked.state = stepVehicleRules(tracked.state, r, out, tracked.profile)
      collect(all, out, tracked)
      touched.push(tracked)
    }
    try {
      await this.persist(all)
    } catch (error) {
      // The points are stored; forget these vehicles' live state so their next point reloads
      // the snapshot and re-runs everything since (outputs are keyed: nothing counts twice).
      for (const tracked of touched) this.live.delete(tracked.vehicleId)
      this.deps.log.error({ err: error, vehicles: touched.length }, "rule outputs not stored; will re-derive")
      return
    }
    for (const tracked of touched) this.commit(tracked)
  }

  /** Picks up changed vehicle types, organisation settings and geofences. */
  async refreshProfiles(): Promise<void> {
    const profiles = await loadVehicleProfiles(this.deps.db, [...this.live.keys()])
    for (const [vehicleId, profile] of profiles) {
      const tracked = this.live.get(vehicleId)
      if (tracked) tracked.profile = profile
    }
  }

  /** Closes trips of vehicles silent for too long. */
  async tick(nowMs: number): Promise<void> {
    const all = derived()
    const touched: Tracked[] = []
    for (const tracked of this.live.values()) {
      const out = emptyOutput()
      const before = tracked.state
      tracked.state = flushVehicleRules(tracked.state, nowMs, out)
      if (tracked.state === before) continue
      collect(all, out, tracked)
      touched.push(tracked)
    }
    if (touched.length === 0) return
    await this.persist(all)
    for (const tracked of touched) this.commit(tracked)
  }

  /** Writes the committed states of vehicles that changed since the last snapshot. */
  async snapshot(): Promise<void> {
    if (this.dirty.size === 0) return
    const ids = [...this.dirty]
    this.dirty.clear()
    const rows = ids.map((id) => this.committed.get(id) as Tracked)
    try {
      await this.deps.db.query(
        `INSERT INTO vehicle_rule_state (vehicle_id, org_id, state, last_time, updated_at)
         SELECT v, o, s, to_timestamp(t / 1000.0), now()
         FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[], $4::float8[]) AS u(v, o, s, t)
         ON CONFLICT (vehicle_id) DO UPDATE SET state = EXCLUDED.state, last_time = EXCLUDED.last_time, updated_at = now()`,
        [
          ids,
          rows.map((r) => r.orgId),
          rows.map((r) => JSON.stringify(r.state)),
          rows.map((r) => r.state.lastTimeMs),
        ],
      )
    } catch (error) {
      for (const id of ids) this.dirty.add(id)
      throw error
    }
  }

  private commit(tracked: Tracked): void {
    this.committed.set(tracked.vehicleId, { ...tracked })
    this.dirty.add(tracked.vehicleId)
  }

  /** Loads snapshots of vehicles not yet tracked, and re-runs points stored since them. */
  private async load(byVehicle: ReadonlyMap<string, ReadonlyArray<TelemetryRecord>>): Promise<void> {
    const missing = [...byVehicle.keys()].filter((id) => !this.live.has(id))
    if (missing.length === 0) return
    const { rows } = await this.deps.db.query<{ vehicle_id: string; state: VehicleRulesState }>(
      "SELECT vehicle_id, state FROM vehicle_rule_state WHERE vehicle_id = ANY($1::uuid[])",
      [missing],
    )
    const snapshots = new Map(rows.map((r) => [r.vehicle_id, r.state]))
    const profiles = await loadVehicleProfiles(this.deps.db, missing)
    for (const vehicleId of missing) {
      const first = (byVehicle.get(vehicleId) as ReadonlyArray<TelemetryRecord>)[0] as TelemetryRecord
      const snapshot = snapshots.get(vehicleId)
      const state = snapshot?.version === 1 ? snapshot : initialVehicleRules
      const tracked: Tracked = {
        orgId: first.orgId,
        vehicleId,
        profile: profiles.get(vehicleId) ?? unknownProfile,
        state,
      }
      this.live.set(vehicleId, tracked)
      if (state.lastTimeMs === null) continue
      const missed = await storedPositions(
        this.deps.ch,
        first.orgId,
        vehicleId,
        state.lastTimeMs,
        first.timeMs,
      )
      if (missed.length === 0) continue
      this.deps.log.info(
        { vehicleId, points: missed.length },
        "re-running rules over points stored since the snapshot",
      )
      const out = emptyOutput()
      for (const r of missed) tracked.state = stepVehicleRules(tracked.state, r, out, tracked.profile)
      const all = derived()
      collect(all, out, tracked)
      await this.persist(all)
      this.commit(tracked)
    }
  }

  private async persist(all: Derived): Promise<void> {
    const version = Date.now()
    const work: Promise<unknown>[] = []
    if (all.trips.length > 0) work.push(this.deps.trips.add(all.trips.map((t) => tripRow(t, version))))
    if (all.dayRows.length > 0) work.push(this.deps.dailyMileage.add(all.dayRows))
    if (all.fuelEvents.length > 0) {
      const rows = all.fuelEvents.map(({ orgId, vehicleId, event: e }) => [
        orgId,
        vehicleId,
        chTime(e.timeMs),
        e.kind,
        e.litres,
        e.fromL,
        e.toL,
        e.lat,
        e.lon,
        version,
      ])
      // Once the fills are stored, check the refuel entries around them against the sensor.
      work.push(
        this.deps.fuelEvents.add(rows).then(async () => {
          for (const { orgId, vehicleId, event } of all.fuelEvents) {
            if (event.kind !== "fuel_fill") continue
            const mismatches = await crossCheckRefuels(
              this.deps.db,
              this.deps.ch,
              orgId,
              vehicleId,
              event.timeMs,
            )
            const opened = await raiseAlerts(this.deps.db, mismatches)
            await Promise.all(opened.map((a) => this.deps.onAlertOpened(a)))
          }
        }),
      )
    }
    // Raise before clearing: a condition that began and ended within one batch must end resolved.
    work.push(
      (async () => {
        if (all.alerts.length > 0) {
          const opened = await raiseAlerts(this.deps.db, all.alerts)
          await Promise.all(opened.map((a) => this.deps.onAlertOpened(a)))
        }
        for (const c of all.cleared) await clearAlert(this.deps.db, c.vehicleId, c.type, c.key, c.timeMs)
      })(),
    )
    await Promise.all(work)
  }
}
