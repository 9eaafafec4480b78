import type { Checkpoint, LateTrack } from "./lateTrack.js"

/**
 * The process-wide bound on re-derivation checkpoints (`rederive.ts`): every vehicle's
 * checkpoints count against `max`, and when a new one would exceed it the oldest kept anywhere
 * (in the order they were taken) is dropped. A vehicle that lost its checkpoint cannot re-derive
 * late points from before its next one: `planLate` counts them as not re-derived (beyond reach),
 * never drops them silently.
 */
export class CheckpointBudget {
  /** Every kept checkpoint and its track, in the order taken (a Map keeps insertion order). */
  private readonly kept = new Map<Checkpoint, LateTrack>()
  /** Checkpoints dropped to stay within `max` since the start. */
  dropped = 0

  constructor(
    readonly max: number,
    private readonly onDrop?: (dropped: number) => void,
  ) {}

  /** Checkpoints currently kept by all tracks. */
  get size(): number {
    return this.kept.size
  }

  /** A track took `checkpoint`; the oldest kept anywhere go while over the bound. */
  taken(track: LateTrack, checkpoint: Checkpoint): void {
    this.kept.set(checkpoint, track)
    let dropped = 0
    for (const [oldest, owner] of this.kept) {
      if (this.kept.size <= this.max) break
      this.kept.delete(oldest)
      const at = owner.checkpoints.indexOf(oldest)
      if (at >= 0) owner.checkpoints.splice(at, 1)
      dropped++
    }
    if (dropped > 0) {
      this.dropped += dropped
      this.onDrop?.(dropped)
    }
  }

  /** A track let these checkpoints go (pruned, replaced by a re-run, or the track abandoned). */
  released(checkpoints: ReadonlyArray<Checkpoint>): void {
    for (const c of checkpoints) this.kept.delete(c)
  }
}
