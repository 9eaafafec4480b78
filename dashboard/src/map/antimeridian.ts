import type { MultiLineString, MultiPolygon, Position } from "geojson"

/*
 * world-atlas geometry is spherical (made for d3-geo): rings cross the antimeridian freely and
 * Antarctica's coast is a ring around the south pole. Drawn on a flat map as is, each crossing
 * becomes a line across the whole world. These helpers make the geometry planar for MapLibre.
 */

/** Rings or lines lying on a pole are degenerate on a Mercator map. */
const POLE_LAT = 89.99
const onPole = (points: ReadonlyArray<Position>): boolean =>
  points.every((p) => Math.abs(p[1] ?? 0) >= POLE_LAT)
const lonOf = (p: Position | undefined): number => p?.[0] ?? 0
const latOf = (p: Position | undefined): number => p?.[1] ?? 0

/**
 * A ring with continuous longitudes: a step of more than 180° is a crossing of the antimeridian,
 * so the ring carries on past ±180 instead (MapLibre draws longitudes beyond ±180 on the next
 * world copy). A ring that goes once around a pole is closed through that pole.
 */
export const planarRing = (ring: ReadonlyArray<Position>): Position[] => {
  let offset = 0
  let previous = 0
  const unwrapped = ring.map(([lon = 0, lat = 0], i) => {
    if (i > 0) {
      const step = lon + offset - previous
      if (step > 180) offset -= 360
      else if (step < -180) offset += 360
    }
    previous = lon + offset
    return [previous, lat]
  })
  const first = unwrapped[0]
  const last = unwrapped.at(-1)
  if (Math.abs(lonOf(last) - lonOf(first)) <= 180) return unwrapped
  const meanLat = unwrapped.reduce((sum, p) => sum + latOf(p), 0) / unwrapped.length
  const pole = meanLat < 0 ? -90 : 90
  return [...unwrapped.slice(0, -1), [lonOf(last), pole], [lonOf(first), pole], [lonOf(first), latOf(first)]]
}

export const planarMultiPolygon = (geometry: MultiPolygon): MultiPolygon => ({
  type: "MultiPolygon",
  coordinates: geometry.coordinates.flatMap((polygon) => {
    const rings = polygon.filter((ring) => !onPole(ring)).map(planarRing)
    return rings.length > 0 && polygon[0] !== undefined && !onPole(polygon[0]) ? [rings] : []
  }),
})

/** Lines cut where they cross the antimeridian; lines lying on a pole dropped. */
export const planarMultiLineString = (geometry: MultiLineString): MultiLineString => ({
  type: "MultiLineString",
  coordinates: geometry.coordinates.flatMap((line) => {
    if (onPole(line)) return []
    const parts: Position[][] = [[]]
    line.forEach((point, i) => {
      const previous = line[i - 1]
      if (previous !== undefined && Math.abs(lonOf(point) - lonOf(previous)) > 180) parts.push([])
      parts.at(-1)?.push(point)
    })
    return parts.filter((part) => part.length > 1)
  }),
})
