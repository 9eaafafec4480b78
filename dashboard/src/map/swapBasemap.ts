import type { Map as MapLibreMap, StyleSpecification } from "maplibre-gl"

/** The layers and sources the current basemap brought, recorded when its style finished loading. */
const basemapIds = new WeakMap<MapLibreMap, { layers: Set<string>; sources: Set<string> }>()

/**
 * Remembers which layers and sources are the basemap's; call once, right after making the map.
 * Whenever the map settles, its container tells which basemap is drawn and how many place names it
 * shows (`data-basemap-style`, `data-basemap-places`, `data-basemap-place-names`: the first 20).
 */
export const trackBasemap = (map: MapLibreMap) => {
  map.on("style.load", () => {
    const style = map.getStyle()
    basemapIds.set(map, {
      layers: new Set(style.layers.map((l) => l.id)),
      sources: new Set(Object.keys(style.sources)),
    })
  })
  map.on("idle", () => {
    const style = map.getStyle()
    const labels = style.layers.filter((l) => l.id.startsWith("place-labels-")).map((l) => l.id)
    const names = (labels.length === 0 ? [] : map.queryRenderedFeatures({ layers: labels })).map((f) =>
      String(f.properties.name),
    )
    const data = map.getContainer().dataset
    data.basemapStyle = style.name ?? ""
    data.basemapPlaces = String(names.length)
    data.basemapPlaceNames = names.slice(0, 20).join("|")
  })
}

/**
 * Replaces the basemap (a theme change, another configured style) and keeps what was drawn on top
 * of it by others (layers and sources added after the basemap loaded), above the new basemap.
 */
export const swapBasemap = (map: MapLibreMap, next: string | StyleSpecification) => {
  map.setStyle(next, {
    transformStyle: (previous, incoming) => {
      const own = basemapIds.get(map)
      if (previous === undefined || own === undefined) return incoming
      const sources = { ...incoming.sources }
      for (const [id, source] of Object.entries(previous.sources))
        if (!own.sources.has(id) && !(id in sources)) sources[id] = source
      const layers = [...incoming.layers, ...previous.layers.filter((l) => !own.layers.has(l.id))]
      return { ...incoming, sources, layers }
    },
  })
}
