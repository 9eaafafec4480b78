/** What the timeline needs of a point: its exact time, place, speed and heading. */
export interface TimedPoint {
  readonly timeMs: number
  readonly lon: number
  readonly lat: number
  readonly speedMps: number | null
  readonly headingDeg: number | null
}

/** The playback rates offered: real time and faster. */
export const PLAYBACK_RATES = [1, 10, 60, 600] as const
export type PlaybackRate = (typeof PLAYBACK_RATES)[number]

/** The index of the last point at or before `timeMs` (0 before the first), by binary search. */
export const indexAt = (points: ReadonlyArray<{ readonly timeMs: number }>, timeMs: number): number => {
  let lo = 0
  let hi = points.length - 1
  if (hi < 0 || timeMs <= (points[0] as { timeMs: number }).timeMs) return 0
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((points[mid] as { timeMs: number }).timeMs <= timeMs) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Where the vehicle was at `timeMs`: between two fixes, interpolated; the heading and speed of the fix before. */
export interface Playhead {
  readonly timeMs: number
  readonly lon: number
  readonly lat: number
  readonly speedMps: number | null
  readonly headingDeg: number
}

/** The bearing from a to b in degrees clockwise from north (planar: fine over one fix's distance). */
const bearing = (a: TimedPoint, b: TimedPoint): number => {
  const dx = (b.lon - a.lon) * Math.cos((a.lat * Math.PI) / 180)
  const dy = b.lat - a.lat
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360
}

export const playheadAt = (points: ReadonlyArray<TimedPoint>, timeMs: number): Playhead | undefined => {
  if (points.length === 0) return undefined
  const i = indexAt(points, timeMs)
  const a = points[i] as TimedPoint
  const b = points[i + 1]
  const heading = (p: TimedPoint, next: TimedPoint | undefined, prev: TimedPoint | undefined): number =>
    p.headingDeg ?? (next !== undefined ? bearing(p, next) : prev !== undefined ? bearing(prev, p) : 0)
  if (b === undefined || timeMs <= a.timeMs || b.timeMs <= a.timeMs) {
    return { timeMs, lon: a.lon, lat: a.lat, speedMps: a.speedMps, headingDeg: heading(a, b, points[i - 1]) }
  }
  const f = Math.min(1, (timeMs - a.timeMs) / (b.timeMs - a.timeMs))
  return {
    timeMs,
    lon: a.lon + (b.lon - a.lon) * f,
    lat: a.lat + (b.lat - a.lat) * f,
    speedMps: a.speedMps,
    headingDeg: heading(a, b, points[i - 1]),
  }
}

/** The playback time after `elapsedMs` of wall time at `rate`, stopping at `endMs`. */
export const advance = (timeMs: number, elapsedMs: number, rate: number, endMs: number): number =>
  Math.min(endMs, timeMs + elapsedMs * rate)
