import { ALMATY_ROUTES, haversineM, seededRandom } from "@fleetcore/load-tests"

export interface DrivePoint {
  timeMs: number
  lat: number
  lon: number
  speedMps: number
  ignition: boolean
  odometerM?: number
}

/** Length of a polyline, metres. */
export const routeLengthM = (points: ReadonlyArray<readonly [number, number]>): number => {
  let total = 0
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as readonly [number, number]
    const b = points[i] as readonly [number, number]
    total += haversineM(a[0], a[1], b[0], b[1])
  }
  return total
}

/**
 * A drive along Abay Avenue at `speedMps`, one fix a second, with seeded GPS noise (±`noiseM`),
 * followed by `parkedS` seconds parked with the ignition off (jittering in place).
 */
export const abayDrive = (options: {
  startMs: number
  speedMps: number
  noiseM: number
  parkedS: number
  seed: number
}) => {
  const route = (ALMATY_ROUTES.find((r) => r.name === "Abay Avenue") ??
    ALMATY_ROUTES[0]) as (typeof ALMATY_ROUTES)[number]
  const rng = seededRandom(options.seed).next
  const noiseDeg = (m: number) => ((rng() - 0.5) * 2 * m) / 111_320
  const points: DrivePoint[] = []
  let t = options.startMs
  let travelled = 0
  for (let i = 1; i < route.points.length; i++) {
    const a = route.points[i - 1] as readonly [number, number]
    const b = route.points[i] as readonly [number, number]
    const seg = haversineM(a[0], a[1], b[0], b[1])
    for (let d = 0; d < seg; d += options.speedMps) {
      const f = d / seg
      points.push({
        timeMs: t,
        lat: a[0] + (b[0] - a[0]) * f + noiseDeg(options.noiseM),
        lon: a[1] + (b[1] - a[1]) * f + noiseDeg(options.noiseM),
        speedMps: options.speedMps,
        ignition: true,
        odometerM: 50_000_000 + travelled + d,
      })
      t += 1000
    }
    travelled += seg
  }
  const end = route.points.at(-1) as readonly [number, number]
  points.push({
    timeMs: t,
    lat: end[0],
    lon: end[1],
    speedMps: 0,
    ignition: true,
    odometerM: 50_000_000 + travelled,
  })
  for (let s = 1; s <= options.parkedS; s += 5) {
    t += 5000
    points.push({
      timeMs: t,
      lat: end[0] + noiseDeg(8),
      lon: end[1] + noiseDeg(8),
      speedMps: 0,
      ignition: false,
      odometerM: 50_000_000 + travelled,
    })
  }
  return { points, lengthM: routeLengthM(route.points) }
}
