import { percentile } from "../metrics.js"

export interface FrameStats {
  readonly frames: number
  readonly fps: number
  readonly frameP50Ms: number
  readonly frameP95Ms: number
  readonly frameP99Ms: number
  readonly frameMaxMs: number
  readonly longTasks: number
  readonly longTaskMs: number
}

const round = (n: number) => Math.round(n * 10) / 10

/** Frame-time percentiles and long-task totals of one measured window of `seconds`. */
export const frameStats = (
  frames: ReadonlyArray<number>,
  longTasks: ReadonlyArray<number>,
  seconds: number,
): FrameStats => {
  const sorted = [...frames].sort((a, b) => a - b)
  return {
    frames: frames.length,
    fps: round(frames.length / seconds),
    frameP50Ms: round(percentile(sorted, 50)),
    frameP95Ms: round(percentile(sorted, 95)),
    frameP99Ms: round(percentile(sorted, 99)),
    frameMaxMs: round(sorted.at(-1) ?? 0),
    longTasks: longTasks.length,
    longTaskMs: round(longTasks.reduce((sum, d) => sum + d, 0)),
  }
}
