import { LngLatBounds, type Map as MapLibreMap, type StyleSpecification } from "maplibre-gl"
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show, untrack } from "solid-js"
import type { VehicleId } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { createDeckOverlay, createFlatMap } from "./createFlatMap"
import { declutterLabels } from "./declutterLabels"
import { MapControls } from "./MapControls"
import { MapLegend } from "./MapLegend"
import { makeVehicleClusters, type VehicleCluster } from "./makeVehicleClusters"
import { LABEL, LABEL_FONT, type MapVehicle, makeVehicleLayers } from "./makeVehicleLayers"

// Bundling moves MapLibre away from its worker file; point it at the copy Vite emits.

export interface LiveMapProps {
  readonly mapStyle: string | StyleSpecification
  readonly vehicles: ReadonlyArray<MapVehicle>
  readonly selectedId: VehicleId | null
  /** The organisation's offline threshold, for the legend. */
  readonly offlineAfterMinutes: number
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
  const overlay = createDeckOverlay()

  /** What the map shows: [west, south, east, north] and the zoom, updated as it moves. */
  const [view, setView] = createSignal<{
    readonly bbox: readonly [number, number, number, number]
    readonly zoom: number
  }>({ bbox: [-180, -85, 180, 85], zoom: 1.5 })
  const readView = (m: MapLibreMap) => {
    const b = m.getBounds()
    setView({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: m.getZoom() })
  }

  onMount(() => {
    const made = createFlatMap(container, () => props.mapStyle)
    if ("error" in made) return void setError(made.error)
    const instance = made.map
    instance.addControl(overlay)
    instance.on("load", () => {
      setLoaded(true)
      readView(instance)
    })
    instance.on("move", () => readView(instance))
    instance.on("error", (event) => {
      if (!instance.isStyleLoaded()) setError(event.error.message)
    })
    instance.on("dragstart", () => props.onUserPan())
    setMap(instance)
    onCleanup(() => instance.remove())
  })

  // Label widths, measured once per name in the labels' own font.
  const widths = new Map<string, number>()
  const measure = document.createElement("canvas").getContext("2d")
  if (measure !== null) measure.font = `${LABEL.weight} ${LABEL.sizePx}px ${LABEL_FONT}`
  const widthOf = (name: string): number => {
    let w = widths.get(name)
    if (w === undefined) {
      w = (measure?.measureText(name).width ?? name.length * 8) + 2 * LABEL.paddingX
      if (widths.size > 100_000) widths.clear()
      widths.set(name, w)
    }
    return w
  }
  /** The vehicles whose labels fit without overlapping: the selected one first, then moving ones. */
  const labelledOf = (vehicles: ReadonlyArray<MapVehicle>, selected: MapVehicle | undefined) => {
    const m = map()
    if (m === undefined || vehicles.length === 0) return []
    const height = LABEL.sizePx + 2 * LABEL.paddingY + 4
    const kept = declutterLabels(
      vehicles.map((v) => {
        const p = m.project([v.position[0], v.position[1]])
        return {
          id: v.id,
          x: p.x,
          y: p.y + LABEL.offsetYPx - height / 2,
          width: widthOf(v.name),
          height,
          priority: v === selected ? 2 : v.status === "moving" ? 1 : 0,
        }
      }),
    )
    return vehicles.filter((v) => kept.has(v.id))
  }

  const selectedVehicle = createMemo(() =>
    props.selectedId === null ? undefined : props.vehicles.find((v) => v.id === props.selectedId),
  )
  // The cluster index is rebuilt when the vehicles change (once per live batch), queried as the view moves.
  const clusters = createMemo(() => makeVehicleClusters(props.vehicles))
  const shown = createMemo(() => {
    const { bbox, zoom } = view()
    const { clusters: groups, vehicles } = clusters().view(bbox, zoom)
    // The selected vehicle is always drawn on its own, even inside a cluster: following must show it.
    const selected = selectedVehicle()
    const single = selected === undefined || vehicles.includes(selected) ? vehicles : [...vehicles, selected]
    return { clusters: groups, vehicles: single, labelled: labelledOf(single, selected) }
  })
  const openCluster = (cluster: VehicleCluster) => {
    const m = map()
    if (m === undefined) return
    const zoom = Math.min(clusters().expansionZoom(cluster.clusterId), FIT_MAX_ZOOM + 2)
    m.easeTo({ center: [...cluster.position], zoom, duration: 500 })
  }

  createEffect(() => {
    const { clusters: groups, vehicles, labelled } = shown()
    overlay.setProps({
      layers: makeVehicleLayers({
        vehicles,
        labelled,
        clusters: groups,
        onClusterClick: openCluster,
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
    <div
      class="live-map"
      data-testid="live-map"
      data-fitted={fitted()}
      data-zoom={view().zoom.toFixed(2)}
      data-clusters={shown().clusters.length}
      data-single={shown().vehicles.length}
      data-labelled={shown().labelled.length}
    >
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
      <MapLegend offlineAfterMinutes={props.offlineAfterMinutes} />
    </div>
  )
}
