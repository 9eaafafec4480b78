import { MapboxOverlay } from "@deck.gl/mapbox"
import { Map as MapLibreMap, type StyleSpecification, setWorkerUrl } from "maplibre-gl"
import "maplibre-gl/dist/maplibre-gl.css"
import maplibreWorkerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url"
import { type Accessor, createEffect, on, untrack } from "solid-js"
import { swapBasemap, trackBasemap } from "./swapBasemap"

setWorkerUrl(maplibreWorkerUrl)

/**
 * A MapLibre map as every map of the dashboard starts: the world in view, flat (no rotation or
 * pitch, also by touch), compact attribution; its basemap follows `style` (`createBasemapStyle`: the
 * theme switches it in place, keeping what is drawn over it). Call it while mounting. Without WebGL
 * the constructor throws: the reason is returned for the page to show instead of a blank box.
 */
export const createFlatMap = (
  container: HTMLElement,
  style: Accessor<string | StyleSpecification>,
): { readonly map: MapLibreMap } | { readonly error: string } => {
  let map: MapLibreMap
  try {
    map = new MapLibreMap({
      container,
      style: untrack(style),
      center: [0, 20],
      zoom: 1.5,
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
    })
  } catch (cause) {
    return { error: cause instanceof Error ? cause.message : String(cause) }
  }
  map.touchZoomRotate.disableRotation()
  trackBasemap(map)
  createEffect(on(style, (next) => swapBasemap(map, next), { defer: true }))
  return { map }
}

/** deck.gl drawn above MapLibre (a MapLibre control), with the map's grab/pointer cursors. */
export const createDeckOverlay = (): MapboxOverlay =>
  new MapboxOverlay({
    interleaved: false,
    layers: [],
    getCursor: ({ isHovering, isDragging }) => (isDragging ? "grabbing" : isHovering ? "pointer" : "grab"),
  })
