import { createRequire } from "node:module"
import type { MultiPolygon } from "geojson"
import type { Plugin } from "vite"
import { makeBasemapWater } from "../src/map/basemapWater.js"
import { jsonAsset } from "./jsonAsset.js"

interface GeoMapsWater {
  readonly geometries: readonly [MultiPolygon]
}

/**
 * `import waterUrl from "virtual:fleet-water"`: the URL of the offline basemap's lakes and rivers, a
 * TopoJSON asset reduced at build time (basemapWater.ts) from the npm packages
 * `@geo-maps/earth-lakes-10m` and `@geo-maps/earth-rivers-10m` (100 MB of GeoJSON, never shipped).
 * The map fetches it lazily, like the places.
 */
export const fleetWater = (): Plugin =>
  jsonAsset("fleet-water", () => {
    const require = createRequire(import.meta.url)
    const load = (name: string) => (require(name) as () => GeoMapsWater)().geometries[0]
    return makeBasemapWater(load("@geo-maps/earth-lakes-10m"), load("@geo-maps/earth-rivers-10m"))
  })
