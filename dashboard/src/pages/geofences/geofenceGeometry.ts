import type { Fence as Geofence } from "./geofenceQueries"

/** [lon, lat] as GeoJSON and MapLibre want it. */
export type LonLat = [number, number]

const EARTH_M = 6_371_008.8
const rad = (deg: number) => (deg * Math.PI) / 180
const deg = (r: number) => (r * 180) / Math.PI

/** Great-circle distance in metres. */
export const distanceM = (a: LonLat, b: LonLat): number => {
  const dLat = rad(b[1] - a[1])
  const dLon = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The point `distance` metres from `from` on `bearing` (radians from north). */
const destination = (from: LonLat, distance: number, bearing: number): LonLat => {
  const d = distance / EARTH_M
  const lat1 = rad(from[1])
  const lon1 = rad(from[0])
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing))
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    )
  return [deg(lon2), deg(lat2)]
}

/** A closed GeoJSON ring approximating a circle (the engine tests the true circle). */
export const circleRing = (center: LonLat, radiusM: number, steps = 64): LonLat[] => {
  const ring = Array.from({ length: steps }, (_, i) =>
    destination(center, radiusM, (2 * Math.PI * i) / steps),
  )
  return [...ring, ring[0] as LonLat]
}

/** Centre and radius of a drawn circle: the mean of its vertices and their mean distance from it. */
export const circleOf = (ring: ReadonlyArray<LonLat>): { center: LonLat; radiusM: number } => {
  const open = ring.length > 1 && ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1]
  const points = open ? ring.slice(0, -1) : ring
  const n = Math.max(points.length, 1)
  const center: LonLat = [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n]
  return { center, radiusM: points.reduce((s, p) => s + distanceM(center, p), 0) / n }
}

/** The contract's polygon ([lat, lon], open) from a GeoJSON ring ([lon, lat], closed). */
export const latLonRing = (ring: ReadonlyArray<LonLat>): Array<[number, number]> => {
  const first = ring[0]
  const last = ring.at(-1)
  const closed =
    ring.length > 1 &&
    first !== undefined &&
    last !== undefined &&
    first[0] === last[0] &&
    first[1] === last[1]
  return (closed ? ring.slice(0, -1) : ring).map(([lon, lat]) => [lat, lon])
}

/** A fence's outline as a closed GeoJSON ring. */
export const outlineOf = (f: Geofence): LonLat[] => {
  if (f.kind === "circle") return circleRing([f.lon ?? 0, f.lat ?? 0], f.radiusM ?? 0)
  const ring = (f.ring ?? []).map(([lat, lon]): LonLat => [lon, lat])
  const first = ring[0]
  return first === undefined ? ring : [...ring, first]
}

/** Where a fence's name goes: a circle's centre, a polygon's vertex average. */
export const labelPoint = (f: Geofence): LonLat => {
  if (f.kind === "circle") return [f.lon ?? 0, f.lat ?? 0]
  const ring = f.ring ?? []
  const n = Math.max(ring.length, 1)
  return [ring.reduce((s, p) => s + p[1], 0) / n, ring.reduce((s, p) => s + p[0], 0) / n]
}

/** [[west, south], [east, north]] around every fence; null when there are none. */
export const boundsOfFences = (fences: ReadonlyArray<Geofence>): [LonLat, LonLat] | null => {
  const points = fences.flatMap(outlineOf)
  if (points.length === 0) return null
  const lons = points.map((p) => p[0])
  const lats = points.map((p) => p[1])
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ]
}
