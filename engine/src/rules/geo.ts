/**
 * Spherical geometry for the engine's rules. Positions are WGS-84 degrees; the Earth is taken as
 * a sphere of mean radius, which is within 0.5 % of the ellipsoid and far below GPS noise on the
 * distances the rules measure.
 */

/** Mean Earth radius R1 = (2a + b) / 3 of WGS-84, in metres (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8

const RAD = Math.PI / 180
const DAY_MS = 86_400_000

export interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** Great-circle distance between two positions in metres (haversine formula). */
export const haversineM = (a: LatLon, b: LatLon): number => {
  const dLat = (b.lat - a.lat) * RAD
  const dLon = (b.lon - a.lon) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2
  // min(1, …) guards asin against rounding just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Initial bearing from `a` towards `b`, degrees clockwise from true north in [0, 360). */
export const bearingDeg = (a: LatLon, b: LatLon): number => {
  const lat1 = a.lat * RAD
  const lat2 = b.lat * RAD
  const dLon = (b.lon - a.lon) * RAD
  const y = Math.sin(dLon) * Math.cos(lat2)
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon)
  return (Math.atan2(y, x) / RAD + 360) % 360
}

/** The position reached from `from` after `distanceM` metres along the great circle at `bearing`. */
export const destinationPoint = (from: LatLon, bearing: number, distanceM: number): LatLon => {
  const angle = distanceM / EARTH_RADIUS_M
  const theta = bearing * RAD
  const lat1 = from.lat * RAD
  const lon1 = from.lon * RAD
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(theta),
  )
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(theta) * Math.sin(angle) * Math.cos(lat1),
      Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2),
    )
  return { lat: lat2 / RAD, lon: ((((lon2 / RAD + 540) % 360) + 360) % 360) - 180 }
}

/**
 * A position shifted by small offsets in metres (north, east), on the local tangent plane.
 * Accurate to well under 1 % for offsets of a few kilometres away from the poles.
 */
export const offsetM = (from: LatLon, northM: number, eastM: number): LatLon => ({
  lat: from.lat + northM / (EARTH_RADIUS_M * RAD),
  lon: from.lon + eastM / (EARTH_RADIUS_M * RAD * Math.cos(from.lat * RAD)),
})

export interface TravelLimits {
  /** Highest plausible speed of a road vehicle. */
  readonly maxSpeedKmh: number
  /** Most a vehicle can plausibly cover in a calendar day. */
  readonly maxKmPerDay: number
}

/**
 * The longest distance a vehicle can plausibly cover in `elapsedMs`: the speed limit binds on
 * short intervals, the daily limit on intervals of a day or more (a day's allowance is granted
 * in full for any shorter interval, so a normal motorway hour is never implausible).
 */
export const maxTravelM = (elapsedMs: number, limits: TravelLimits): number => {
  const elapsed = Math.max(0, elapsedMs)
  const bySpeed = ((limits.maxSpeedKmh / 3.6) * elapsed) / 1000
  const byDay = limits.maxKmPerDay * 1000 * Math.max(1, elapsed / DAY_MS)
  return Math.min(bySpeed, byDay)
}
