import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import type { LayerSpecification } from "maplibre-gl"
import { describe, expect, it } from "vitest"
import { BASEMAP_PALETTES } from "./basemapPalette"
import type { BasemapPlace } from "./basemapPlaces"
import { makeBasemapWater } from "./basemapWater"
import { isCountriesTopology, makeOfflineStyle } from "./makeOfflineStyle"

const require = createRequire(import.meta.url)
const topology: unknown = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"))
if (!isCountriesTopology(topology)) throw new Error("world-atlas countries-50m is not the expected topology")

const places: BasemapPlace[] = [
  ["Astana", 71.446, 51.181, 0],
  ["Almaty", 76.929, 43.257, 1],
  ["Karagandy", 73.102, 49.802, 2],
  ["Taraz", 71.366, 42.9, 3],
  ["Ekibastuz", 75.322, 51.723, 4],
  ["Shchuchinsk", 70.36, 52.933, 5],
]

// Kapchagay reservoir (a lake of ~1 000 km²), a pond too small to draw, and a stretch of the Ili.
const square = (lon: number, lat: number, size: number) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
]
const water = makeBasemapWater(
  { type: "MultiPolygon", coordinates: [square(77.2, 43.7, 0.3), square(76.9, 43.2, 0.001)] },
  { type: "MultiPolygon", coordinates: [square(78, 44, 0.06)] },
)

const layer = (layers: LayerSpecification[], id: string) => {
  const found = layers.find((l) => l.id === id)
  if (found === undefined) throw new Error(`no layer ${id}`)
  return found
}

describe("makeOfflineStyle", () => {
  const style = makeOfflineStyle(topology, { places, water })

  it("draws water, land, lakes and rivers, coast, borders, country names and places, in that order", () => {
    expect(style.layers.map((l) => l.id)).toEqual([
      "background",
      "land",
      "lakes",
      "lake-shores",
      "rivers",
      "river-lines",
      "coastline",
      "borders",
      "country-labels",
      ...[5, 4, 3, 2, 1, 0].flatMap((rank) => [`place-dots-${rank}`, `place-labels-${rank}`]),
    ])
  })

  it("shows capitals from country zoom and smaller towns only closer in", () => {
    expect([0, 1, 2, 3, 4, 5].map((rank) => layer(style.layers, `place-labels-${rank}`).minzoom)).toEqual([
      2, 3.5, 4.5, 5.5, 7, 8.5,
    ])
    const countries = layer(style.layers, "country-labels")
    expect([countries.minzoom, countries.maxzoom]).toEqual([2, 7])
    // Each rank's layers draw that rank only.
    const rank3 = layer(style.layers, "place-labels-3")
    expect("filter" in rank3 ? rank3.filter : undefined).toEqual(["==", ["get", "rank"], 3])
  })

  it("makes the places a GeoJSON point per place, with its name and rank", () => {
    const source = style.sources.places
    expect(source?.type).toBe("geojson")
    const data = source?.type === "geojson" ? source.data : undefined
    expect(data).toMatchObject({ type: "FeatureCollection" })
    const features = typeof data === "object" && "features" in data ? data.features : []
    expect(features).toHaveLength(places.length)
    expect(features[1]).toEqual({
      type: "Feature",
      geometry: { type: "Point", coordinates: [76.929, 43.257] },
      properties: { name: "Almaty", rank: 1 },
    })
  })

  it("labels with the browser's fonts: no glyphs URL, so nothing is fetched for text", () => {
    expect(style.glyphs).toBeUndefined()
    const label = layer(style.layers, "place-labels-1")
    expect(label.type === "symbol" ? label.layout?.["text-field"] : undefined).toEqual(["get", "name"])
  })

  it("colours water, land and labels from the theme's palette", () => {
    const dark = makeOfflineStyle(topology, { theme: "dark", places })
    const paint = (s: typeof style, id: string) => layer(s.layers, id).paint as Record<string, unknown>
    expect(paint(style, "background")["background-color"]).toBe(BASEMAP_PALETTES.light.water)
    expect(paint(dark, "background")["background-color"]).toBe(BASEMAP_PALETTES.dark.water)
    expect(paint(dark, "land")["fill-color"]).toBe(BASEMAP_PALETTES.dark.land)
    expect(paint(dark, "place-labels-0")["text-color"]).toBe(BASEMAP_PALETTES.dark.capitalLabel)
    expect(paint(dark, "place-labels-4")["text-halo-color"]).toBe(BASEMAP_PALETTES.dark.halo)
  })

  it("fills lakes and rivers like the sea, rivers from zoom 4 with banks that widen with the zoom", () => {
    const dark = makeOfflineStyle(topology, { theme: "dark", places, water })
    const paint = (s: typeof style, id: string) => layer(s.layers, id).paint as Record<string, unknown>
    expect(paint(style, "lakes")["fill-color"]).toBe(BASEMAP_PALETTES.light.water)
    expect(paint(dark, "rivers")["fill-color"]).toBe(BASEMAP_PALETTES.dark.water)
    expect(paint(dark, "river-lines")["line-color"]).toBe(BASEMAP_PALETTES.dark.river)
    expect(paint(style, "river-lines")["line-width"]).toEqual([
      "interpolate",
      ["exponential", 1.6],
      ["zoom"],
      4,
      0.5,
      8,
      1.2,
      12,
      2.5,
    ])
    expect(
      ["lakes", "lake-shores", "rivers", "river-lines"].map((id) => layer(style.layers, id).minzoom),
    ).toEqual([undefined, 5, 4, 4])
  })

  it("makes the lakes and rivers GeoJSON from the reduced TopoJSON, leaving out the pond", () => {
    const polygons = (id: "lakes" | "rivers") => {
      const source = style.sources[id]
      const data = source?.type === "geojson" ? source.data : undefined
      const features = typeof data === "object" && "features" in data ? data.features : []
      return features.flatMap((f) => (f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : []))
    }
    expect(polygons("lakes")).toHaveLength(1)
    expect(polygons("lakes")[0]?.[0]).toContainEqual([77.2, 43.7])
    expect(polygons("rivers")).toHaveLength(1)
  })

  it("tiles land and borders no deeper than zoom 8: closer in the 1:50m continents are scaled up, not cut", () => {
    for (const id of ["land", "coastline", "borders", "countries"]) {
      const source = style.sources[id]
      expect(source?.type === "geojson" ? source.maxzoom : undefined).toBe(8)
    }
  })

  it("still draws countries without places", () => {
    const bare = makeOfflineStyle(topology)
    const data = bare.sources.places?.type === "geojson" ? bare.sources.places.data : undefined
    expect(typeof data === "object" && "features" in data ? data.features : null).toEqual([])
  })
})
