import { MapboxOverlay } from "@deck.gl/mapbox"
import { Map as MapLibreMap, type StyleSpecification, setWorkerUrl } from "maplibre-gl"
import "maplibre-gl/dist/maplibre-gl.css"
import maplibreWorkerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url"

setWorkerUrl(maplibreWorkerUrl)

/**
 * A MapLibre map as every map of the dashboard starts: the world in view, flat (no rotation or
 * pitch, also by touch), compact attribution. Without WebGL the constructor throws: the reason is
 * returned for the page to show instead of a blank box.
 */
export const createFlatMap = (
  container: HTMLElement,
  style: string | StyleSpecification,
): { readonly map: MapLibreMap } | { readonly error: string } => {
  try {
    const map = new MapLibreMap({
      container,
      style,
      center: [0, 20],
      zoom: 1.5,
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
    })
    map.touchZoomRotate.disableRotation()
    return { map }
  } catch (cause) {
    return { error: cause instanceof Error ? cause.message : String(cause) }
  }
}

/** deck.gl drawn above MapLibre (a MapLibre control), with the map's grab/pointer cursors. */
export const createDeckOverlay = (): MapboxOverlay =>
  new MapboxOverlay({
    interleaved: false,
    layers: [],
    getCursor: ({ isHovering, isDragging }) => (isDragging ? "grabbing" : isHovering ? "pointer" : "grab"),
  })
