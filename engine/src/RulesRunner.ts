import type { Log } from "@fleetcore/platform"
import type { TelemetryRecord } from "@fleetcore/proto"
import {
  collect,
  type Derived,
  derived,
  type RuleSinks,
  type Tracked,
  writeDerivedAlerts,
  writeDerivedRows,
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
/** Output writes that may wait behind each other before a bus handler is held back. */
const MAX_QUEUED_WRITES = 256

export class RulesRunner {
  private readonly live = new Map<string, Tracked>()
  /** States whose outputs are stored: what a snapshot may write. */
  private readonly committed = new Map<string, Tracked>()
  private readonly dirty = new Set<string>()
  /** Vehicles known to have stored points (seen by this process, or found at start-up). */
  private readonly seen = new Set<string>()
  /** Output writes run one after another, off the bus handler; this is the last one queued. */
  private tail: Promise<void> = Promise.resolve()
  private alertTail: Promise<void> = Promise.resolve()
  private queued = 0

  constructor(private readonly deps: RulesRunnerDeps) {}

  /**
   * Stores what one run derived without holding the bus partition. Rows are written concurrently
   * (they join the same ClickHouse batches; later versions win), alerts in run order. Each
   * vehicle's state as of this run is committed (snapshot-able) only once its outputs are stored,
   * and commits happen in run order. On failure the vehicles' live state is dropped, so their next
   * point reloads the snapshot and re-derives from the stored points (outputs are keyed: nothing
   * counts twice); later runs stepped on the dropped state do not commit either.
   */
  private async enqueue(
    all: Derived,
    states: ReadonlyArray<readonly [Tracked, VehicleRulesState]>,
  ): Promise<void> {
    this.queued++
    const alerts = this.alertTail.then(() => writeDerivedAlerts(this.deps, all))
    this.alertTail = alerts.catch(() => undefined)
    const written = Promise.all([writeDerivedRows(this.deps, all), alerts])
    this.tail = this.tail.then(() =>
      written
        .then(
          () => {
            for (const [tracked, state] of states) {
              if (this.live.get(tracked.vehicleId) === tracked) this.commit(tracked, state)
            }
          },
          (error: unknown) => {
            for (const [tracked] of states) {
              if (this.live.get(tracked.vehicleId) === tracked) this.live.delete(tracked.vehicleId)
            }
            this.deps.log.error(
              { err: error, vehicles: states.length },
              "rule outputs not stored; will re-derive",
            )
          },
        )
        .finally(() => {
          this.queued--
        }),
    )
    // Backpressure: a bus handler waits when this many runs are still being written.
    if (this.queued > MAX_QUEUED_WRITES) await this.tail
  }

  /** Resolves when every queued output write has finished. */
  drain(): Promise<void> {
    return this.tail
  }

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
    const states: Array<readonly [Tracked, VehicleRulesState]> = []
    for (const [vehicleId, list] of byVehicle) {
      const tracked = this.live.get(vehicleId) as Tracked
      const out = emptyOutput()
      for (const r of list) tracked.state = stepVehicleRules(tracked.state, r, out, tracked.profile)
      collect(all, out, tracked)
      states.push([tracked, tracked.state])
    }
    await this.enqueue(all, states)
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
    const states: Array<readonly [Tracked, VehicleRulesState]> = []
    for (const tracked of this.live.values()) {
      const out = emptyOutput()
      const before = tracked.state
      tracked.state = flushVehicleRules(tracked.state, nowMs, out, tracked.profile)
      if (tracked.state === before) continue
      collect(all, out, tracked)
      states.push([tracked, tracked.state])
    }
    if (states.length > 0) await this.enqueue(all, states)
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

  private commit(tracked: Tracked, state: VehicleRulesState): void {
    this.committed.set(tracked.vehicleId, { ...tracked, state })
    this.dirty.add(tracked.vehicleId)
  }

  /**
   * Brings vehicles whose stored points are ahead of their snapshot up to date without waiting
   * for their next point: run at start-up, since outputs buffered when the process died are
   * re-derived only through a catch-up (a vehicle that then stays silent would keep them lost).
   */
  async reconcile(
    vehicles: ReadonlyArray<{ orgId: string; vehicleId: string; lastTimeMs: number }>,
  ): Promise<number> {
    const missing = vehicles.filter((v) => !this.live.has(v.vehicleId))
    for (const v of missing) this.seen.add(v.vehicleId)
    if (missing.length === 0) return 0
    return this.catchUp(missing.map((v) => ({ ...v, beforeMs: v.lastTimeMs + 1 })))
  }

  /** Loads snapshots of vehicles not yet tracked, and re-runs points stored since them. */
  private async load(byVehicle: ReadonlyMap<string, ReadonlyArray<TelemetryRecord>>): Promise<void> {
    const missing = [...byVehicle.keys()].filter((id) => !this.live.has(id))
    if (missing.length === 0) return
    await this.catchUp(
      missing.map((vehicleId) => {
        const first = (byVehicle.get(vehicleId) as ReadonlyArray<TelemetryRecord>)[0] as TelemetryRecord
        return { orgId: first.orgId, vehicleId, beforeMs: first.timeMs }
      }),
    )
  }

  /**
   * Tracks each vehicle from its snapshot and re-runs its points stored after the snapshot and
   * before `beforeMs`. Without a snapshot (none written yet, or of an older format) that is every
   * stored point: a vehicle killed before its first snapshot must not restart its counts from zero.
   * Returns how many vehicles had points to re-run.
   */
  private async catchUp(
    vehicles: ReadonlyArray<{ orgId: string; vehicleId: string; beforeMs: number }>,
  ): Promise<number> {
    const ids = vehicles.map((v) => v.vehicleId)
    const { rows } = await this.deps.db.query<{ vehicle_id: string; state: VehicleRulesState }>(
      "SELECT vehicle_id, state FROM vehicle_rule_state WHERE vehicle_id = ANY($1::uuid[])",
      [ids],
    )
    const snapshots = new Map(rows.map((r) => [r.vehicle_id, r.state]))
    const profiles = await loadVehicleProfiles(this.deps.db, ids)
    let rerun = 0
    for (const { orgId, vehicleId, beforeMs } of vehicles) {
      const snapshot = snapshots.get(vehicleId)
      const state = snapshot?.version === 1 ? snapshot : initialVehicleRules
      const tracked: Tracked = {
        orgId: orgId as Tracked["orgId"],
        vehicleId,
        profile: profiles.get(vehicleId) ?? unknownProfile,
        state,
      }
      this.live.set(vehicleId, tracked)
      // Without a snapshot, a vehicle seen before (this run, or found by `reconcile`) has stored
      // points the rules must see; one never seen has none (no query on the hot path).
      const afterMs = state.lastTimeMs ?? (this.seen.has(vehicleId) ? 0 : null)
      this.seen.add(vehicleId)
      if (afterMs === null) continue
      const missed = await storedPositions(this.deps.ch, orgId, vehicleId, afterMs, beforeMs)
      if (missed.length === 0) continue
      rerun++
      this.deps.log.info(
        { vehicleId, points: missed.length },
        "re-running rules over points stored since the snapshot",
      )
      const out = emptyOutput()
      for (const r of missed) tracked.state = stepVehicleRules(tracked.state, r, out, tracked.profile)
      const all = derived()
      collect(all, out, tracked)
      // In the same ordered chain as every other write, ahead of this batch's own outputs.
      await this.enqueue(all, [[tracked, tracked.state]])
    }
    return rerun
  }
}
