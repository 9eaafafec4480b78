import type { CheckpointBudget } from "./CheckpointBudget.js"
import {
  type Checkpoint,
  checkpointState,
  type LateTrack,
  newLateTrack,
  packCheckpoint,
} from "./lateTrack.js"
import type { VehicleRulesState } from "./VehicleRules.js"

/**
 * A vehicle's late track as stored beside its rule state (`vehicle_rule_state.late`): what a
 * restarted engine needs to re-derive a late point older than the snapshot. The checkpoints stay
 * deflated (base64: about 0.8 KB each, at most `maxCheckpointsPerVehicle`), holes are pairs of
 * device times (at most 32).
 */
export interface StoredLateTrack {
  readonly version: 1
  /** [atMs, deflated state as base64], oldest first. */
  readonly checkpoints: ReadonlyArray<readonly [number, string]>
  /** [fromMs, toMs], oldest first. */
  readonly holes: ReadonlyArray<readonly [number, number]>
  readonly lastActive: boolean
  readonly activeAtMs: number | null
  /**
   * The state right after the newest point when the stored state is not it (the trip close-out on
   * the server clock closed a trip since): a hole opening after it checkpoints the open trip.
   */
  readonly afterLastPoint: string | null
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64")
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"))

/**
 * What of `track` goes with the snapshot of `state` (committed; the live track may be ahead of
 * it): the holes (cut at the state's newest point) and checkpoints before it; the later ones are
 * taken again when the points after the snapshot are re-run. Null when there is nothing to keep.
 */
export const storeLateTrack = (
  track: LateTrack | undefined,
  state: VehicleRulesState,
): StoredLateTrack | null => {
  const lastMs = state.lastTimeMs
  if (track === undefined || lastMs === null) return null
  // A hole is extended in place while the silence goes on: the snapshot's ends at its state.
  const holes = track.holes.filter((h) => h.fromMs < lastMs)
  if (holes.length === 0) return null
  const after = track.afterLastPoint
  return {
    version: 1,
    checkpoints: track.checkpoints.filter((c) => c.atMs < lastMs).map((c) => [c.atMs, base64(c.packed)]),
    holes: holes.map((h) => [h.fromMs, Math.min(h.toMs, lastMs)]),
    lastActive: track.lastActive,
    activeAtMs: track.activeAtMs !== null && track.activeAtMs <= lastMs ? track.activeAtMs : null,
    afterLastPoint:
      after !== null && after !== state && after.lastTimeMs === lastMs
        ? base64(packCheckpoint(after).packed)
        : null,
  }
}

/** The late track a snapshot stored; its checkpoints count against `budget` like any taken. */
export const loadLateTrack = (
  stored: StoredLateTrack | null | undefined,
  budget?: CheckpointBudget,
): LateTrack => {
  const track = newLateTrack(budget)
  if (stored?.version !== 1) return track
  for (const [fromMs, toMs] of stored.holes) track.holes.push({ fromMs, toMs })
  track.lastActive = stored.lastActive
  track.activeAtMs = stored.activeAtMs
  if (stored.afterLastPoint !== null)
    track.afterLastPoint = checkpointState({ atMs: 0, packed: bytes(stored.afterLastPoint) })
  for (const [atMs, packed] of stored.checkpoints) {
    const checkpoint: Checkpoint = { atMs, packed: bytes(packed) }
    track.checkpoints.push(checkpoint)
    budget?.taken(track, checkpoint)
  }
  return track
}
