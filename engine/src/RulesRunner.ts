import type { Log } from "@fleetcore/platform"
import type { TelemetryRecord } from "@fleetcore/proto"
import {
  collect,
  type Derived,
  derived,
  persistDerived,
  type RuleSinks,
  type Tracked,
} from "./ruleOutputs.js"
import { storedPositions } from "./storedPositions.js"
import {
  emptyOutput,
  flushVehicleRules,
  initialVehicleRules,
  stepVehicleRules,
  unknownProfile,
  type VehicleRulesState,
} from "./VehicleRules.js"
import { loadVehicleProfiles } from "./vehicleProfiles.js"

export interface RulesRunnerDeps extends RuleSinks {
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
      tracked.state = flushVehicleRules(tracked.state, nowMs, out, tracked.profile)
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

  private persist(all: Derived): Promise<void> {
    return persistDerived(this.deps, all)
  }
}
