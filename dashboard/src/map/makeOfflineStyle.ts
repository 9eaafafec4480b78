import type { FeatureCollection, Geometry } from "geojson"
import type { LayerSpecification, StyleSpecification } from "maplibre-gl"
import { feature, mesh } from "topojson-client"
import type { GeometryCollection, Topology } from "topojson-specification"
import { planarMultiLineString, planarMultiPolygon } from "./antimeridian"
import { BASEMAP_PALETTES, type BasemapPalette, type BasemapTheme } from "./basemapPalette"
import { type BasemapPlace, PLACE_MIN_ZOOM } from "./basemapPlaces"
import type { WaterTopology } from "./basemapWater"

export type CountriesTopology = Topology<{ countries: GeometryCollection; land: GeometryCollection }>

export const isCountriesTopology = (u: unknown): u is CountriesTopology =>
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

/** Names drawn by MapLibre from the browser's own fonts: the style has no glyphs URL (see README). */
export const BASEMAP_FONT = ["Inter", "Noto Sans", "DejaVu Sans", "Arial", "sans-serif"]
const BOLD_FONT = ["Inter Bold", "Noto Sans Bold", "DejaVu Sans Bold", "Arial Bold", "sans-serif"]

export interface OfflineStyleOptions {
  readonly theme?: BasemapTheme
  /** Populated places (basemapPlaces.ts); none: the map has countries only. */
  readonly places?: ReadonlyArray<BasemapPlace>
  /** Lakes and rivers (basemapWater.ts); none: no inland water. */
  readonly water?: WaterTopology
}

/**
 * 1:50m land and borders have no detail past this zoom: closer in, MapLibre scales the zoom-8 tiles
 * up instead of cutting the continents' huge polygons into street-size tiles, where the clipped
 * land came out as sea (pale water under a street-zoom trip).
 */
const COUNTRY_MAX_ZOOM = 8
/** The water, simplified to ~500 m, needs no finer tiles either. */
const WATER_MAX_ZOOM = 10

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] }

const waterGeoJson = (water: WaterTopology | undefined, name: "lakes" | "rivers"): FeatureCollection =>
  water === undefined ? EMPTY : feature(water, water.objects[name])

/**
 * Lakes fill like the sea, with the sea's shore line; river areas fill too, their banks drawn as a
 * line that widens with the zoom, so a river a few hundred metres wide reads at country zoom.
 */
const waterLayers = (colour: BasemapPalette): LayerSpecification[] => [
  { id: "lakes", type: "fill", source: "lakes", paint: { "fill-color": colour.water } },
  {
    id: "lake-shores",
    type: "line",
    source: "lakes",
    minzoom: 5,
    paint: {
      "line-color": colour.coastline,
      "line-width": ["interpolate", ["linear"], ["zoom"], 5, 0.4, 10, 1],
    },
  },
  { id: "rivers", type: "fill", source: "rivers", minzoom: 4, paint: { "fill-color": colour.water } },
  {
    id: "river-lines",
    type: "line",
    source: "rivers",
    minzoom: 4,
    layout: { "line-join": "round" },
    paint: {
      "line-color": colour.river,
      "line-width": ["interpolate", ["exponential", 1.6], ["zoom"], 4, 0.5, 8, 1.2, 12, 2.5],
    },
  },
]

const placesGeoJson = (places: ReadonlyArray<BasemapPlace>): FeatureCollection => ({
  type: "FeatureCollection",
  features: places.map(([name, lon, lat, rank]) => ({
    type: "Feature",
    geometry: { type: "Point", coordinates: [lon, lat] },
    properties: { name, rank },
  })),
})

/**
 * One dot layer and one label layer per place rank, each from its own zoom (PLACE_MIN_ZOOM). The
 * most prominent rank comes last: MapLibre places the upper layers' labels first, so a capital
 * keeps its name where a town's would collide with it.
 */
const placeLayers = (colour: BasemapPalette): LayerSpecification[] =>
  PLACE_MIN_ZOOM.map((minzoom, rank) => ({ minzoom, rank }))
    .reverse()
    .flatMap(({ minzoom, rank }): LayerSpecification[] => [
      {
        id: `place-dots-${rank}`,
        type: "circle",
        source: "places",
        minzoom,
        maxzoom: 11,
        filter: ["==", ["get", "rank"], rank],
        paint: {
          "circle-radius": rank === 0 ? 3.5 : rank <= 2 ? 2.8 : 2.2,
          "circle-color": colour.placeDot,
          "circle-stroke-color": colour.halo,
          "circle-stroke-width": 1,
        },
      },
      {
        id: `place-labels-${rank}`,
        type: "symbol",
        source: "places",
        minzoom,
        filter: ["==", ["get", "rank"], rank],
        layout: {
          "text-field": ["get", "name"],
          "text-font": rank === 0 ? BOLD_FONT : BASEMAP_FONT,
          "text-size": [14, 13, 12.5, 12, 11.5, 11][rank] ?? 11,
          "text-variable-anchor": ["left", "right", "top", "bottom"],
          "text-radial-offset": 0.6,
          "text-justify": "auto",
          "text-max-width": 8,
        },
        paint: {
          "text-color": rank === 0 ? colour.capitalLabel : colour.placeLabel,
          "text-halo-color": colour.halo,
          "text-halo-width": 1.4,
        },
      },
    ])

/**
 * A basemap that needs no tile server: Natural Earth 1:50m land, country borders and country names
 * from the bundled world-atlas TopoJSON, lakes and rivers (OpenStreetMap, bundled at build time),
 * and populated places with names (GeoNames, bundled at
 * build time), each rank from its own zoom. Light and dark follow the dashboard's theme.
 */
export const makeOfflineStyle = (
  topology: CountriesTopology,
  options: OfflineStyleOptions = {},
): StyleSpecification => {
  const colour = BASEMAP_PALETTES[options.theme ?? "light"]
  const countries = feature(topology, topology.objects.countries)
  return {
    version: 8,
    name: `FleetCore offline (${options.theme ?? "light"})`,
    sources: {
      land: {
        type: "geojson",
        data: planarLand(feature(topology, topology.objects.land)),
        maxzoom: COUNTRY_MAX_ZOOM,
      },
      // Every coast arc once, as lines.
      coastline: {
        type: "geojson",
        data: planarMultiLineString(mesh(topology, topology.objects.land)),
        maxzoom: COUNTRY_MAX_ZOOM,
      },
      // Arcs shared by two countries: each border once, without the coastline.
      borders: {
        type: "geojson",
        data: planarMultiLineString(mesh(topology, topology.objects.countries, (a, b) => a !== b)),
        maxzoom: COUNTRY_MAX_ZOOM,
      },
      countries: { type: "geojson", data: planarLand(countries), maxzoom: COUNTRY_MAX_ZOOM },
      lakes: {
        type: "geojson",
        data: waterGeoJson(options.water, "lakes"),
        maxzoom: WATER_MAX_ZOOM,
        attribution: "© OpenStreetMap contributors (ODbL)",
      },
      rivers: { type: "geojson", data: waterGeoJson(options.water, "rivers"), maxzoom: WATER_MAX_ZOOM },
      places: {
        type: "geojson",
        data: placesGeoJson(options.places ?? []),
        attribution: "Natural Earth, GeoNames (CC BY 4.0)",
      },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": colour.water } },
      {
        id: "land",
        type: "fill",
        source: "land",
        paint: { "fill-color": colour.land, "fill-antialias": true },
      },
      ...waterLayers(colour),
      {
        id: "coastline",
        type: "line",
        source: "coastline",
        paint: {
          "line-color": colour.coastline,
          "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 8, 1.2],
        },
      },
      {
        id: "borders",
        type: "line",
        source: "borders",
        layout: { "line-join": "round" },
        paint: {
          "line-color": colour.border,
          "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.6, 8, 1.6],
          "line-dasharray": [3, 2],
        },
      },
      {
        id: "country-labels",
        type: "symbol",
        source: "countries",
        minzoom: 2,
        maxzoom: 7,
        layout: {
          "text-field": ["get", "name"],
          "text-font": BASEMAP_FONT,
          "text-size": ["interpolate", ["linear"], ["zoom"], 2, 10, 6, 14],
          "text-transform": "uppercase",
          "text-letter-spacing": 0.08,
          "text-max-width": 7,
        },
        paint: { "text-color": colour.countryLabel, "text-halo-color": colour.halo, "text-halo-width": 1.2 },
      },
      ...placeLayers(colour),
    ],
  }
}
