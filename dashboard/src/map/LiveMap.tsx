import { MapboxOverlay } from "@deck.gl/mapbox"
import { LngLatBounds, Map as MapLibreMap, type StyleSpecification, setWorkerUrl } from "maplibre-gl"
import "maplibre-gl/dist/maplibre-gl.css"
import maplibreWorkerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url"
import { createEffect, createSignal, on, onCleanup, onMount, Show, untrack } from "solid-js"
import type { VehicleId } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { MapControls } from "./MapControls"
import { MapLegend } from "./MapLegend"
import { type MapVehicle, makeVehicleLayers } from "./makeVehicleLayers"

// Bundling moves MapLibre away from its worker file; point it at the copy Vite emits.
setWorkerUrl(maplibreWorkerUrl)

export interface LiveMapProps {
  readonly mapStyle: string | StyleSpecification
  readonly vehicles: ReadonlyArray<MapVehicle>
  readonly selectedId: VehicleId | null
  readonly follow: boolean
  readonly track: ReadonlyArray<readonly [number, number]>
  readonly onSelect: (id: VehicleId) => void
  /** The user dragged the map: whoever follows a vehicle should stop. */
  readonly onUserPan: () => void
}

/** Room around the vehicles when showing them all; more at the bottom, where the legend sits. */
const FIT_PADDING = { top: 64, right: 64, bottom: 150, left: 64 }
/** "Show all" never zooms closer than this: street level, where vehicles a few hundred metres apart separate. */
const FIT_MAX_ZOOM = 15
const SELECT_MIN_ZOOM = 12

const boundsOf = (vehicles: ReadonlyArray<MapVehicle>): LngLatBounds | null => {
  const first = vehicles[0]
  if (first === undefined) return null
  const [lon, lat] = first.position
  const bounds = new LngLatBounds([lon, lat], [lon, lat])
  for (const v of vehicles) bounds.extend({ lon: v.position[0], lat: v.position[1] })
  return bounds
}

/**
 * The live map: MapLibre for the basemap, deck.gl (as a MapLibre control) for vehicles, labels
 * and the selected vehicle's track. Both are built once; later changes go through `setProps`.
 */
export const LiveMap = (props: LiveMapProps) => {
  const { t } = useI18n()
  let container!: HTMLElement
  const [map, setMap] = createSignal<MapLibreMap>()
  const [loaded, setLoaded] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [],
    getCursor: ({ isHovering, isDragging }) => (isDragging ? "grabbing" : isHovering ? "pointer" : "grab"),
  })

  onMount(() => {
    let instance: MapLibreMap
    try {
      instance = new MapLibreMap({
        container,
        style: props.mapStyle,
        center: [0, 20],
        zoom: 1.5,
        attributionControl: { compact: true },
        dragRotate: false,
        pitchWithRotate: false,
      })
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause))
      return
    }
    instance.touchZoomRotate.disableRotation()
    instance.addControl(overlay)
    instance.on("load", () => setLoaded(true))
    instance.on("error", (event) => {
      if (!instance.isStyleLoaded()) setError(event.error.message)
    })
    instance.on("dragstart", () => props.onUserPan())
    setMap(instance)
    onCleanup(() => instance.remove())
  })

  createEffect(() => {
    overlay.setProps({
      layers: makeVehicleLayers({
        vehicles: props.vehicles,
        selectedId: props.selectedId,
        track: props.track,
        onSelect: props.onSelect,
      }),
    })
  })

  const fitAll = (animate: boolean) => {
    const m = map()
    const bounds = boundsOf(untrack(() => props.vehicles))
    if (m === undefined || bounds === null) return
    m.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM, duration: animate ? 800 : 0 })
  }

  // Show every vehicle once, when the map and the first positions are both there.
  const [fitted, setFitted] = createSignal(false)
  createEffect(() => {
    if (untrack(fitted) || !loaded() || props.vehicles.length === 0) return
    setFitted(true)
    fitAll(false)
  })

  const selectedVehicle = () => props.vehicles.find((v) => v.id === props.selectedId)

  // A newly selected vehicle is brought into view.
  createEffect(
    on(
      () => props.selectedId,
      () => {
        const m = map()
        const v = untrack(selectedVehicle)
        if (m === undefined || v === undefined) return
        m.easeTo({
          center: [...v.position],
          zoom: Math.max(m.getZoom(), SELECT_MIN_ZOOM),
          duration: 600,
        })
      },
    ),
  )

  // Following: every new position of the selected vehicle re-centres the map.
  createEffect(() => {
    const m = map()
    const v = selectedVehicle()
    if (m === undefined || v === undefined || !props.follow) return
    m.easeTo({ center: [...v.position], duration: 500 })
  })

  return (
    <div class="live-map" data-testid="live-map" data-fitted={fitted()}>
      <section class="live-map__canvas" ref={container} aria-label={t("app.liveMap")} />
      <Show when={error()}>
        {(message) => (
          <p class="live-map__error" role="alert">
            {t("errors.map", { message: message() })}
          </p>
        )}
      </Show>
      <MapControls
        onZoomIn={() => map()?.zoomIn()}
        onZoomOut={() => map()?.zoomOut()}
        onFitAll={() => fitAll(true)}
        canFit={props.vehicles.length > 0}
      />
      <MapLegend />
    </div>
  )
}
