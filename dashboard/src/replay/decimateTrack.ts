import { bandOf } from "./speedBands"

export interface DrawPoint {
  readonly timeMs: number
  readonly lon: number
  readonly lat: number
  readonly speedMps: number | null
}

/**
 * The points worth drawing, at most `maxPoints` (the first and the last always kept): a point is
 * kept when it lies farther than a tolerance from the last kept one, or starts another speed band
 * (so colours change where the speed did). The tolerance starts at 1/4000 of the track's extent
 * and doubles until the count fits. Drawing only: the timeline keeps every point and its time.
 */
export const decimateTrack = <P extends DrawPoint>(points: ReadonlyArray<P>, maxPoints: number): P[] => {
  if (points.length <= maxPoints) return [...points]
  let west = Number.POSITIVE_INFINITY
  let east = Number.NEGATIVE_INFINITY
  let south = Number.POSITIVE_INFINITY
  let north = Number.NEGATIVE_INFINITY
  for (const p of points) {
    west = Math.min(west, p.lon)
    east = Math.max(east, p.lon)
    south = Math.min(south, p.lat)
    north = Math.max(north, p.lat)
  }
  let tolerance = Math.max(Math.hypot(east - west, north - south) / 4000, 1e-7)
  for (;;) {
    const kept = thin(points, tolerance)
    if (kept.length <= maxPoints) return kept
    tolerance *= 2
  }
}

const thin = <P extends DrawPoint>(points: ReadonlyArray<P>, tolerance: number): P[] => {
  const first = points[0] as P
  const kept: P[] = [first]
  let last = first
  let lastBand = bandOf(first.speedMps)
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i] as P
    const band = bandOf(p.speedMps)
    if (
      Math.abs(p.lon - last.lon) > tolerance ||
      Math.abs(p.lat - last.lat) > tolerance ||
      band !== lastBand
    ) {
      kept.push(p)
      last = p
      lastBand = band
    }
  }
  kept.push(points[points.length - 1] as P)
  return kept
}
