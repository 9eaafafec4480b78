import {
  type GeoJSONSource,
  type LngLatBoundsLike,
  type Map as MapLibreMap,
  Marker,
  type StyleSpecification,
} from "maplibre-gl"
import { createEffect, createSignal, on, onCleanup, onMount, Show } from "solid-js"
import { createFlatMap } from "../../map/createFlatMap"
import { boundsOfFences, type LonLat, labelPoint, outlineOf } from "./geofenceGeometry"
import type { Fence } from "./geofenceQueries"
import { type DrawTarget, type FenceDraw, type FenceShape, makeFenceDraw } from "./makeFenceDraw"

export interface GeofenceMapProps {
  readonly mapStyle: string | StyleSpecification
  readonly fences: ReadonlyArray<Fence>
  /** Vehicles' last positions, for orientation while drawing. */
  readonly vehicles: ReadonlyArray<LonLat>
  readonly selectedId: string | null
  readonly target: DrawTarget
  readonly onSelect: (id: string) => void
  readonly onShape: (shape: FenceShape) => void
}

const FIT = { padding: 60, maxZoom: 15, duration: 0 } as const

const fenceFeatures = (fences: ReadonlyArray<Fence>, selectedId: string | null, hiddenId: string | null) => ({
  type: "FeatureCollection" as const,
  features: fences
    .filter((f) => f.id !== hiddenId)
    .map((f) => ({
      type: "Feature" as const,
      properties: { id: f.id, active: f.active, selected: f.id === selectedId },
      geometry: { type: "Polygon" as const, coordinates: [outlineOf(f)] },
    })),
})

/**
 * Every geofence drawn on a MapLibre map (paused ones grey and dashed, the selected one thicker),
 * names as HTML labels (the offline basemap carries no glyphs), and terra-draw on top for the editor.
 */
export const GeofenceMap = (props: GeofenceMapProps) => {
  let container!: HTMLDivElement
  const [map, setMap] = createSignal<MapLibreMap>()
  const [draw, setDraw] = createSignal<FenceDraw>()
  const [error, setError] = createSignal<string>()
  /** The first view was set, or the user took the view over (moved the map, began to draw). */
  const [settled, setSettled] = createSignal(false)

  onMount(() => {
    const made = createFlatMap(container, () => props.mapStyle)
    if ("error" in made) return void setError(made.error)
    const m = made.map
    m.on("load", () => {
      m.addSource("fences", { type: "geojson", data: fenceFeatures([], null, null) })
      m.addSource("fence-vehicles", { type: "geojson", data: { type: "FeatureCollection", features: [] } })
      m.addLayer({
        id: "fences-fill",
        type: "fill",
        source: "fences",
        paint: {
          "fill-color": ["case", ["get", "active"], "#2563eb", "#6b7280"],
          "fill-opacity": ["case", ["get", "selected"], 0.3, 0.15],
        },
      })
      m.addLayer({
        id: "fences-line",
        type: "line",
        source: "fences",
        filter: ["get", "active"],
        paint: { "line-color": "#2563eb", "line-width": ["case", ["get", "selected"], 3, 1.5] },
      })
      m.addLayer({
        id: "fences-line-paused",
        type: "line",
        source: "fences",
        filter: ["!", ["get", "active"]],
        paint: { "line-color": "#6b7280", "line-width": 1.5, "line-dasharray": [2, 2] },
      })
      m.addLayer({
        id: "fence-vehicles",
        type: "circle",
        source: "fence-vehicles",
        paint: {
          "circle-radius": 3.5,
          "circle-color": "#0f766e",
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 1,
        },
      })
      m.on("click", "fences-fill", (event) => {
        if (props.target?.kind === "draw") return
        const id = event.features?.[0]?.properties?.id
        if (typeof id === "string") props.onSelect(id)
      })
      m.on("mouseenter", "fences-fill", () => {
        if (props.target === null) m.getCanvas().style.cursor = "pointer"
      })
      m.on("mouseleave", "fences-fill", () => {
        m.getCanvas().style.cursor = ""
      })
      setDraw(makeFenceDraw(m, (shape) => props.onShape(shape)))
      setMap(m)
    })
    m.on("movestart", (event) => {
      if (event.originalEvent !== undefined) setSettled(true)
    })
    m.on("error", (event) => {
      if (!m.isStyleLoaded()) setError(event.error.message)
    })
    onCleanup(() => {
      draw()?.stop()
      m.remove()
    })
  })

  // Fences: the one being reshaped is terra-draw's while the editor holds it.
  createEffect(() => {
    const m = map()
    if (m === undefined) return
    const hidden = props.target?.kind === "edit" ? props.target.fence.id : null
    ;(m.getSource("fences") as GeoJSONSource | undefined)?.setData(
      fenceFeatures(props.fences, props.selectedId, hidden),
    )
  })
  createEffect(() => {
    const m = map()
    if (m === undefined) return
    ;(m.getSource("fence-vehicles") as GeoJSONSource | undefined)?.setData({
      type: "FeatureCollection",
      features: props.vehicles.map((p) => ({
        type: "Feature",
        properties: {},
        geometry: { type: "Point", coordinates: p },
      })),
    })
  })

  // Names: one small HTML label per fence, rebuilt when the fences change.
  createEffect(() => {
    const m = map()
    if (m === undefined) return
    const editedId = props.target?.kind === "edit" ? props.target.fence.id : null
    const markers = props.fences
      .filter((f) => f.id !== editedId)
      .map((f) => {
        const el = document.createElement("div")
        el.className = f.active ? "geofence-label" : "geofence-label geofence-label--paused"
        el.textContent = f.name
        return new Marker({ element: el }).setLngLat(labelPoint(f)).addTo(m)
      })
    onCleanup(() => {
      for (const marker of markers) marker.remove()
    })
  })

  // The first view: every fence, else every vehicle; never once the view is the user's (a map that
  // jumps when the vehicles arrive late would move a half-drawn fence under the mouse).
  createEffect(() => {
    const m = map()
    if (m === undefined || settled()) return
    if (props.target !== null) return void setSettled(true)
    const bounds = boundsOfFences(props.fences) ?? boundsOfPoints(props.vehicles)
    if (bounds === null) return
    setSettled(true)
    m.fitBounds(bounds as LngLatBoundsLike, FIT)
  })

  createEffect(on([draw, () => props.target], ([d, target]) => d?.show(target)))

  // The selected fence comes into view.
  createEffect(
    on(
      () => props.selectedId,
      (id) => {
        const m = map()
        const fence = props.fences.find((f) => f.id === id)
        if (m === undefined || fence === undefined) return
        const bounds = boundsOfFences([fence])
        if (bounds) m.fitBounds(bounds as LngLatBoundsLike, { ...FIT, duration: 300, maxZoom: 16 })
      },
      { defer: true },
    ),
  )

  return (
    <div
      class="geofence-map"
      data-testid="geofence-map"
      data-ready={map() === undefined ? "false" : "true"}
      data-settled={settled() ? "true" : "false"}
    >
      <div ref={container} class="geofence-map__canvas" />
      <Show when={error()}>
        <p class="live-map__error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  )
}

const boundsOfPoints = (points: ReadonlyArray<LonLat>): [LonLat, LonLat] | null => {
  const first = points[0]
  if (first === undefined) return null
  const sw: LonLat = [first[0], first[1]]
  const ne: LonLat = [first[0], first[1]]
  for (const [lon, lat] of points) {
    sw[0] = Math.min(sw[0], lon)
    sw[1] = Math.min(sw[1], lat)
    ne[0] = Math.max(ne[0], lon)
    ne[1] = Math.max(ne[1], lat)
  }
  return [sw, ne]
}
