import type { FeatureCollection, Geometry } from "geojson"
import type { StyleSpecification } from "maplibre-gl"
import { feature, mesh } from "topojson-client"
import type { GeometryCollection, Topology } from "topojson-specification"
import countriesUrl from "world-atlas/countries-50m.json?url"
import { planarMultiLineString, planarMultiPolygon } from "./antimeridian"

type CountriesTopology = Topology<{ countries: GeometryCollection; land: GeometryCollection }>

const isCountriesTopology = (u: unknown): u is CountriesTopology =>
  typeof u === "object" &&
  u !== null &&
  "type" in u &&
  u.type === "Topology" &&
  "objects" in u &&
  typeof u.objects === "object" &&
  u.objects !== null &&
  "countries" in u.objects &&
  "land" in u.objects

const planarLand = (land: FeatureCollection): FeatureCollection => ({
  type: "FeatureCollection",
  features: land.features.map((f) => ({ ...f, geometry: planarGeometry(f.geometry) })),
})

const planarGeometry = (geometry: Geometry): Geometry =>
  geometry.type === "MultiPolygon"
    ? planarMultiPolygon(geometry)
    : geometry.type === "Polygon"
      ? planarMultiPolygon({ type: "MultiPolygon", coordinates: [geometry.coordinates] })
      : geometry

/**
 * A basemap that needs no tile server: Natural Earth 1:50m land and country borders from the
 * bundled world-atlas TopoJSON. Only fill and line layers, so no glyphs or sprites are needed.
 */
export const makeOfflineStyle = (topology: CountriesTopology): StyleSpecification => ({
  version: 8,
  name: "FleetCore offline",
  sources: {
    land: { type: "geojson", data: planarLand(feature(topology, topology.objects.land)) },
    // Every coast arc once, as lines.
    coastline: { type: "geojson", data: planarMultiLineString(mesh(topology, topology.objects.land)) },
    // Arcs shared by two countries: each border once, without the coastline.
    borders: {
      type: "geojson",
      data: planarMultiLineString(mesh(topology, topology.objects.countries, (a, b) => a !== b)),
    },
  },
  layers: [
    { id: "background", type: "background", paint: { "background-color": "#c9dcec" } },
    { id: "land", type: "fill", source: "land", paint: { "fill-color": "#f3f0e8", "fill-antialias": true } },
    {
      id: "coastline",
      type: "line",
      source: "coastline",
      paint: { "line-color": "#9bb3c8", "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 8, 1.2] },
    },
    {
      id: "borders",
      type: "line",
      source: "borders",
      layout: { "line-join": "round" },
      paint: {
        "line-color": "#a39a8c",
        "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.6, 8, 1.6],
        "line-dasharray": [3, 2],
      },
    },
  ],
})

/** Loads the bundled TopoJSON (a static asset of this app) and builds the offline style. */
export const loadOfflineStyle = async (): Promise<StyleSpecification> => {
  const response = await fetch(countriesUrl)
  if (!response.ok) throw new Error(`${countriesUrl}: HTTP ${response.status}`)
  const topology: unknown = await response.json()
  if (!isCountriesTopology(topology))
    throw new Error(`${countriesUrl}: not the world-atlas countries topology`)
  return makeOfflineStyle(topology)
}
