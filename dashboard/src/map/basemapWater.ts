import geojsonArea from "@mapbox/geojson-area"
import type { GeometryCollection as GeoJsonCollection, MultiPolygon, Polygon, Position } from "geojson"
import simplify from "simplify-js"
import { topology } from "topojson-server"
import type { GeometryCollection, Topology } from "topojson-specification"

/*
 * Lakes and rivers for the offline basemap, reduced at build time (dashboard/vite/fleetWater.ts)
 * from the npm packages `@geo-maps/earth-lakes-10m` and `@geo-maps/earth-rivers-10m`: OpenStreetMap
 * water areas (ODbL) traced on a ~0.004° grid, one MultiPolygon each, 100 MB together. The asset
 * keeps the water a driver would know by name (lakes from LAKE_MIN_KM2, river areas from
 * RIVER_MIN_KM2), simplified to what a city-zoom map can show, as a quantised TopoJSON.
 */

export type WaterTopology = Topology<{ lakes: GeometryCollection; rivers: GeometryCollection }>

/** Smaller lakes are left out: a pond does not help anyone find their way. */
export const LAKE_MIN_KM2 = 60
/** River areas are narrow: a river of this area is a real river, not a widening of a brook. */
export const RIVER_MIN_KM2 = 20
/** ~500 m: about a pixel at city zoom 9; the source grid itself is ~400 m. */
export const WATER_TOLERANCE_DEG = 0.005
/** 1e-3° (~100 m) grid of the quantised TopoJSON (360° / 360 000). */
const QUANTIZATION = 360_000

const areaKm2 = (polygon: Position[][]): number =>
  geojsonArea.geometry({ type: "Polygon", coordinates: polygon } satisfies Polygon) / 1e6

/** Douglas–Peucker on a closed ring; a ring that collapses to a sliver is dropped. */
const simplifyRing = (ring: ReadonlyArray<Position>, tolerance: number): Position[] | null => {
  const points = simplify(
    ring.map(([x = 0, y = 0]) => ({ x, y })),
    tolerance,
    true,
  ).map(({ x, y }) => [x, y])
  return points.length >= 4 ? points : null
}

/** The polygons of at least `minKm2`, simplified; holes that vanish are left out. */
export const reduceWater = (
  water: MultiPolygon,
  minKm2: number,
  tolerance = WATER_TOLERANCE_DEG,
): MultiPolygon => ({
  type: "MultiPolygon",
  coordinates: water.coordinates.flatMap((polygon) => {
    if (areaKm2(polygon) < minKm2) return []
    const rings = polygon.map((ring) => simplifyRing(ring, tolerance))
    const [outer, ...holes] = rings
    return outer ? [[outer, ...holes.filter((hole): hole is Position[] => hole !== null)]] : []
  }),
})

const collection = (geometry: MultiPolygon): GeoJsonCollection => ({
  type: "GeometryCollection",
  geometries: [geometry],
})

/** The bundled asset: lakes and rivers, each one MultiPolygon, in one quantised TopoJSON. */
export const makeBasemapWater = (lakes: MultiPolygon, rivers: MultiPolygon): WaterTopology =>
  topology(
    {
      lakes: collection(reduceWater(lakes, LAKE_MIN_KM2)),
      rivers: collection(reduceWater(rivers, RIVER_MIN_KM2)),
    },
    QUANTIZATION,
  ) as WaterTopology

export const isWaterTopology = (u: unknown): u is WaterTopology =>
  typeof u === "object" &&
  u !== null &&
  "type" in u &&
  u.type === "Topology" &&
  "objects" in u &&
  typeof u.objects === "object" &&
  u.objects !== null &&
  "lakes" in u.objects &&
  "rivers" in u.objects
