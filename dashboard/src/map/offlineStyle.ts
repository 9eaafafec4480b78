import placesUrl from "virtual:fleet-places"
import waterUrl from "virtual:fleet-water"
import type { StyleSpecification } from "maplibre-gl"
import countriesUrl from "world-atlas/countries-50m.json?url"
import type { BasemapTheme } from "./basemapPalette"
import { isBasemapPlaces } from "./basemapPlaces"
import { isWaterTopology } from "./basemapWater"
import { isCountriesTopology, makeOfflineStyle } from "./makeOfflineStyle"

export {
  BASEMAP_FONT,
  type CountriesTopology,
  makeOfflineStyle,
  type OfflineStyleOptions,
} from "./makeOfflineStyle"

const fetchJson = async (url: string): Promise<unknown> => {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.json()
}

/**
 * Loads the bundled TopoJSON, places and water (static assets of this app, fetched together) and
 * builds the offline style.
 */
export const loadOfflineStyle = async (theme: BasemapTheme = "light"): Promise<StyleSpecification> => {
  const [topology, places, water] = await Promise.all([
    fetchJson(countriesUrl),
    fetchJson(placesUrl),
    fetchJson(waterUrl),
  ])
  if (!isCountriesTopology(topology))
    throw new Error(`${countriesUrl}: not the world-atlas countries topology`)
  if (!isBasemapPlaces(places)) throw new Error(`${placesUrl}: not the basemap places`)
  if (!isWaterTopology(water)) throw new Error(`${waterUrl}: not the basemap lakes and rivers`)
  return makeOfflineStyle(topology, { theme, places: places.places, water })
}
