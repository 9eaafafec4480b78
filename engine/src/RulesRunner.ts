import type { Log } from "@fleetcore/platform"
import type { TelemetryRecord } from "@fleetcore/proto"
import { CheckpointBudget } from "./CheckpointBudget.js"
import { releaseAll } from "./lateTrack.js"
import { loadLateTrack, type StoredLateTrack } from "./lateTrackStore.js"
import type { Rules } from "./RulesThread.js"
import {
  type Checkpoint,
  type LateTrack,
  newLateTrack,
  planLate,
  rederive,
  stepWithCheckpoints,
} from "./rederive.js"
import {
  collect,
  type Derived,
  derived,
  type RuleSinks,
  type Tracked,
  writeDerivedAlerts,
  writeDerivedRows,
} from "./ruleOutputs.js"
import { snapshotDue, writeRuleSnapshots, writeRuleSummaries } from "./ruleSnapshots.js"
import { storedPositions } from "./storedPositions.js"
import {
  emptyOutput,
  flushVehicleRules,
  initialVehicleRules,
  unknownProfile,
  type VehicleRulesState,
  withSharedMileage,
} from "./VehicleRules.js"
import { loadVehicleProfiles } from "./vehicleProfiles.js"

export interface RulesRunnerDeps extends RuleSinks {
  readonly log: Log
  /** Counts late points older than the re-derivation window (stored, not re-derived live). */
  readonly onLateBeyondWindow?: (points: number) => void
  /** Re-derivation checkpoints kept at most by this process (default `MAX_CHECKPOINTS`). */
  readonly maxCheckpoints?: number
  /**
   * How often `checkpoint` writes a vehicle's whole state at most (FLEET_RULE_SNAPSHOT_SECONDS);
   * its summary (what the API reads) is written at every call it changed.
   */
  readonly snapshotEveryMs: number
}

/**
 * Checkpoints per process: about 1.1 KiB each, deflated (docs/rules.md, "Late and out-of-order
 * points"), so at most about 210 MB; a parked fleet needs one or two per vehicle, so this covers
 * 100,000 parked vehicles.
 */
export const MAX_CHECKPOINTS = 200_000

/** A state committed once its run's outputs are stored; null when a newer run will commit one. */
interface PendingCommit {
  readonly tracked: Tracked
  state: VehicleRulesState | null
}

/** Output writes that may wait behind each other before a bus handler is held back. */
const MAX_QUEUED_WRITES = 256

/** Lets go of a vehicle's live state (it reloads its snapshot on its next point). */
const forget = (live: Map<string, Tracked>, tracked: Tracked): void => {
  live.delete(tracked.vehicleId)
  if (tracked.late !== undefined) releaseAll(tracked.late)
}

/**
 * Runs the rules per vehicle over stored points and persists what they derive. Restart-safe:
 * a vehicle's state is snapshotted only after the outputs it produced were stored, and when a
 * vehicle is first seen after a start, the points stored since its snapshot are re-run first.
 * Every output is keyed (trip start, day, alert occurrence), so re-running replaces, never adds.
 */
export class RulesRunner implements Rules {
  private readonly live = new Map<string, Tracked>()
  /** Of each vehicle's states waiting for their outputs to be stored, the oldest and the newest (pend). */
  private readonly pending = new WeakMap<Tracked, { oldest: PendingCommit; newest: PendingCommit }>()
  /** States whose outputs are stored: what a snapshot may write. */
  private readonly committed = new Map<string, Tracked>()
  /** Committed states not snapshotted yet; of those, the ones whose summary is not written either. */
  private readonly dirty = new Set<string>()
  private readonly summaryDirty = new Set<string>()
  /** When this process last wrote each vehicle's whole state. */
  private readonly snapshotAtMs = new Map<string, number>()
  /** Vehicles known to have stored points (seen by this process, or found at start-up). */
  private readonly seen = new Set<string>()
  /** Output writes run one after another, off the bus handler; this is the last one queued. */
  private tail: Promise<void> = Promise.resolve()
  private alertTail: Promise<void> = Promise.resolve()
  private snapshotTail: Promise<void> = Promise.resolve()
  private queued = 0
  /** Version of the last run's rows: strictly increasing, so a re-derivation's are above all earlier. */
  private version = 0

  /** The bound on every vehicle's re-derivation checkpoints; the oldest go first. */
  readonly checkpoints: CheckpointBudget

  constructor(private readonly deps: RulesRunnerDeps) {
    let warned = false
    this.checkpoints = new CheckpointBudget(deps.maxCheckpoints ?? MAX_CHECKPOINTS, () => {
      if (warned) return
      warned = true
      deps.log.warn(
        { max: this.checkpoints.max },
        "re-derivation checkpoints at their bound: the oldest are dropped, late points before them are not re-derived (counted)",
      )
    })
  }

  private lateTrackOf(tracked: Tracked): LateTrack {
    if (tracked.late === undefined) tracked.late = newLateTrack(this.checkpoints)
    return tracked.late
  }

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
    const slots = states.map(([tracked, state]) => this.pend(tracked, state))
    this.queued++
    this.version = Math.max(Date.now(), this.version + 1)
    const alerts = this.alertTail.then(() => writeDerivedAlerts(this.deps, all))
    this.alertTail = alerts.catch(() => undefined)
    const written = Promise.all([writeDerivedRows(this.deps, all, this.version), alerts])
    this.tail = this.tail.then(() =>
      written
        .then(
          () => {
            for (const slot of slots) {
              const { tracked, state } = slot
              if (state !== null && this.live.get(tracked.vehicleId) === tracked) this.commit(tracked, state)
              this.settle(slot)
            }
          },
          (error: unknown) => {
            for (const { tracked } of slots) {
              if (this.live.get(tracked.vehicleId) === tracked) forget(this.live, tracked)
            }
            this.deps.log.error(
              { err: error, vehicles: slots.length },
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
      const late = this.lateTrackOf(tracked)
      const newestBefore = tracked.state.lastTimeMs
      const out = emptyOutput()
      // Late points are ignored by every rule here; what they affect is re-derived below.
      for (const r of list) tracked.state = stepWithCheckpoints(late, tracked.state, r, out, tracked.profile)
      const plan = planLate(late, newestBefore, list)
      if (plan.kind !== "in_order" && plan.beyond > 0) {
        this.deps.onLateBeyondWindow?.(plan.beyond)
        this.deps.log.warn(
          { vehicleId, points: plan.beyond },
          "late points beyond the re-derivation window or its checkpoints: stored, not re-derived (replay their days)",
        )
      }
      if (plan.kind === "rerun") {
        try {
          await this.rerun(all, tracked, plan.from, plan.untilMs)
        } catch (error) {
          // The state stepped past outputs that will not be written: the vehicle's next point
          // reloads its snapshot and re-runs the points stored since (the other vehicles go on).
          forget(this.live, tracked)
          this.deps.log.error({ err: error, vehicleId }, "late points not re-derived; will catch up")
          continue
        }
      } else collect(all, out, tracked)
      states.push([tracked, tracked.state])
    }
    await this.enqueue(all, states)
  }

  /**
   * Re-runs a vehicle from a checkpoint over its stored points up to `untilMs` (this batch's are
   * stored before the rules run, late ones included) and adds what it derives to `all`, with the
   * order to delete the vehicle's earlier trips and fuel events after the checkpoint once the new
   * rows are stored. Earlier runs' rows are stored first, so none lands after the delete.
   */
  private async rerun(all: Derived, tracked: Tracked, from: Checkpoint, untilMs: number): Promise<void> {
    await this.tail
    const records = await storedPositions(
      this.deps.ch,
      tracked.orgId,
      tracked.vehicleId,
      from.atMs,
      untilMs + 1,
    )
    const again = rederive(this.lateTrackOf(tracked), from, records, tracked.state, tracked.profile)
    tracked.state = again.state
    collect(all, again.out, tracked)
    all.replaceAfter.push({
      orgId: tracked.orgId,
      vehicleId: tracked.vehicleId,
      afterMs: from.atMs,
      openTripStartMs: again.openTripStartMs,
    })
    this.deps.log.info(
      { vehicleId: tracked.vehicleId, fromMs: from.atMs, points: records.length },
      "late points: rules re-run from a checkpoint",
    )
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

  /**
   * Writes the committed states of every vehicle that changed since its last snapshot. Snapshots
   * (and checkpoints) run one after another, so when this resolves every state committed before the
   * call is written (a partition hand-over and shutdown rely on it), even one an earlier, still
   * running write had taken.
   */
  snapshot(): Promise<void> {
    return this.serially(() => this.writeStates(Date.now(), true))
  }

  /**
   * The periodic write: the whole states of changed vehicles that are due (`snapshotDue`), and the
   * summaries of the other changed ones.
   */
  checkpoint(nowMs: number): Promise<void> {
    return this.serially(() => this.writeStates(nowMs, false))
  }

  private serially(write: () => Promise<void>): Promise<void> {
    const next = this.snapshotTail.then(write)
    this.snapshotTail = next.catch(() => undefined)
    return next
  }

  private async writeStates(nowMs: number, all: boolean): Promise<void> {
    const whole = [...this.dirty].filter(
      (id) => all || snapshotDue(id, this.snapshotAtMs.get(id), nowMs, this.deps.snapshotEveryMs),
    )
    for (const id of whole) {
      this.dirty.delete(id)
      this.summaryDirty.delete(id)
    }
    const summaries = [...this.summaryDirty]
    this.summaryDirty.clear()
    try {
      await writeRuleSnapshots(
        this.deps.db,
        whole.map((id) => this.committed.get(id) as Tracked),
      )
      for (const id of whole) this.snapshotAtMs.set(id, nowMs)
    } catch (error) {
      for (const id of whole) this.dirty.add(id)
      for (const id of [...whole, ...summaries]) this.summaryDirty.add(id)
      throw error
    }
    try {
      await writeRuleSummaries(
        this.deps.db,
        summaries.map((id) => this.committed.get(id) as Tracked),
      )
    } catch (error) {
      for (const id of summaries) this.summaryDirty.add(id)
      throw error
    }
  }

  /**
   * Lets go of vehicles this process no longer owns (their bus partition moved to another engine):
   * call after `drain` and `snapshot`, so the new owner starts from everything derived here. Should
   * a vehicle come back, its next point reloads the snapshot then written.
   */
  release(vehicleIds: Iterable<string>): void {
    for (const id of vehicleIds) {
      const tracked = this.live.get(id)
      if (tracked !== undefined) forget(this.live, tracked)
      this.committed.delete(id)
      this.dirty.delete(id)
      this.summaryDirty.delete(id)
      this.snapshotAtMs.delete(id)
    }
  }

  /**
   * A vehicle's state waiting for its run's outputs to be stored. While runs are being written,
   * a vehicle that reports in each of them would have a state held by every run in flight (about
   * 56 at 2,000 devices: 8 whole states a vehicle kept alive across scavenges). Only the oldest in
   * flight and the newest are kept: runs commit in order, so a state between them would be
   * committed and then overwritten by the newest before a snapshot could matter; dropping it only
   * lets the committed state wait for the newest (drain() still commits everything).
   */
  private pend(tracked: Tracked, state: VehicleRulesState): PendingCommit {
    const slot: PendingCommit = { tracked, state }
    const pending = this.pending.get(tracked)
    if (pending === undefined) this.pending.set(tracked, { oldest: slot, newest: slot })
    else {
      if (pending.newest !== pending.oldest) pending.newest.state = null
      pending.newest = slot
    }
    return slot
  }

  /** A run's write for this vehicle is done: the newest pending state becomes the oldest. */
  private settle(slot: PendingCommit): void {
    const pending = this.pending.get(slot.tracked)
    if (pending === undefined || pending.oldest !== slot) return
    if (pending.newest === slot) this.pending.delete(slot.tracked)
    else pending.oldest = pending.newest
  }

  private commit(tracked: Tracked, state: VehicleRulesState): void {
    this.committed.set(tracked.vehicleId, { ...tracked, state })
    this.dirty.add(tracked.vehicleId)
    this.summaryDirty.add(tracked.vehicleId)
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
    const { rows } = await this.deps.db.query<{
      vehicle_id: string
      state: VehicleRulesState
      late: StoredLateTrack | null
    }>("SELECT vehicle_id, state, late FROM vehicle_rule_state WHERE vehicle_id = ANY($1::uuid[])", [ids])
    const snapshots = new Map(rows.map((r) => [r.vehicle_id, r]))
    const profiles = await loadVehicleProfiles(this.deps.db, ids)
    let rerun = 0
    for (const { orgId, vehicleId, beforeMs } of vehicles) {
      const snapshot = snapshots.get(vehicleId)
      const fromSnapshot = snapshot?.state.version === 1
      const state = fromSnapshot ? withSharedMileage(snapshot.state) : initialVehicleRules
      const tracked: Tracked = {
        orgId: orgId as Tracked["orgId"],
        vehicleId,
        profile: profiles.get(vehicleId) ?? unknownProfile,
        state,
        // The holes and checkpoints stored with the snapshot, then those of the points seen since.
        late: fromSnapshot ? loadLateTrack(snapshot.late, this.checkpoints) : newLateTrack(this.checkpoints),
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
      const late = this.lateTrackOf(tracked)
      for (const r of missed)
        tracked.state = stepWithCheckpoints(late, tracked.state, r, out, tracked.profile)
      const all = derived()
      collect(all, out, tracked)
      // In the same ordered chain as every other write, ahead of this batch's own outputs.
      await this.enqueue(all, [[tracked, tracked.state]])
    }
    return rerun
  }
}
