import { LngLatBounds, type Map as MapLibreMap, type StyleSpecification } from "maplibre-gl"
import { createEffect, createSignal, onCleanup, onMount, Show } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { createDeckOverlay, createFlatMap } from "../map/createFlatMap"
import { type MapEvent, type MapStop, makeReplayLayers } from "./makeReplayLayers"
import type { BandRun } from "./speedBands"
import type { Playhead } from "./timeline"

export interface ReplayMapProps {
  readonly mapStyle: string | StyleSpecification
  readonly runs: ReadonlyArray<BandRun>
  readonly stops: ReadonlyArray<MapStop>
  readonly events: ReadonlyArray<MapEvent>
  readonly playhead: Playhead | undefined
  /** [lon, lat] pairs the view fits whenever they change (the track, or a stop's place). */
  readonly fit: ReadonlyArray<readonly [number, number]>
  readonly onStop?: (stop: MapStop) => void
  readonly onEvent?: (event: MapEvent) => void
  /** What the map is, for assistive technology. */
  readonly label: string
  /** Test hooks: how many points the track has and how many are drawn. */
  readonly trackPoints: number
  readonly class?: string
}

const FIT_PADDING = 48
/** A single place (a stop) is shown at street level, not at the maximum zoom. */
const FIT_MAX_ZOOM = 16

/** A map of one vehicle's history: MapLibre basemap, deck.gl layers; both built once. */
export const ReplayMap = (props: ReplayMapProps) => {
  const { t } = useI18n()
  let container!: HTMLElement
  const [map, setMap] = createSignal<MapLibreMap>()
  const [loaded, setLoaded] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const overlay = createDeckOverlay()

  onMount(() => {
    const made = createFlatMap(container, () => props.mapStyle)
    if ("error" in made) return void setError(made.error)
    const instance = made.map
    instance.addControl(overlay)
    instance.on("load", () => setLoaded(true))
    instance.on("error", (event) => {
      if (!instance.isStyleLoaded()) setError(event.error.message)
    })
    setMap(instance)
    onCleanup(() => instance.remove())
  })

  createEffect(() => {
    overlay.setProps({
      layers: makeReplayLayers({
        runs: props.runs,
        stops: props.stops,
        events: props.events,
        playhead: props.playhead,
        onStop: props.onStop,
        onEvent: props.onEvent,
      }),
    })
  })

  const [fitted, setFitted] = createSignal(0)
  createEffect(() => {
    const m = map()
    const points = props.fit
    const first = points[0]
    if (m === undefined || !loaded() || first === undefined) return
    const bounds = new LngLatBounds([first[0], first[1]], [first[0], first[1]])
    for (const p of points) bounds.extend({ lon: p[0], lat: p[1] })
    m.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM, duration: 0 })
    setFitted((n) => n + 1)
  })

  const drawn = () => props.runs.reduce((n, run) => n + run.path.length, 0)
  return (
    <div
      class={`replay-map ${props.class ?? ""}`}
      data-testid="replay-map"
      data-track-points={props.trackPoints}
      data-drawn-points={drawn()}
      data-stops={props.stops.length}
      data-events={props.events.length}
      data-fitted={fitted()}
      data-playhead-ms={props.playhead?.timeMs ?? ""}
    >
      <section class="replay-map__canvas" ref={container} aria-label={props.label} />
      <Show when={error()}>
        {(message) => (
          <p class="live-map__error" role="alert">
            {t("errors.map", { message: message() })}
          </p>
        )}
      </Show>
    </div>
  )
}
