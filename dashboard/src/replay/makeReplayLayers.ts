import type { Layer, PickingInfo } from "@deck.gl/core"
import { IconLayer, PathLayer, ScatterplotLayer, TextLayer } from "@deck.gl/layers"
import { LABEL_FONT } from "../map/makeVehicleLayers"
import { type BandRun, SPEED_BANDS } from "./speedBands"
import type { Playhead } from "./timeline"

/** A stop drawn on the map, with its label ("25 min"). */
export interface MapStop {
  readonly key: string
  readonly lon: number
  readonly lat: number
  readonly label: string
}

/** An alert of the vehicle drawn where it was raised. */
export interface MapEvent {
  readonly id: string
  readonly lon: number
  readonly lat: number
  readonly critical: boolean
}

export interface ReplayLayerInput {
  readonly runs: ReadonlyArray<BandRun>
  readonly stops: ReadonlyArray<MapStop>
  readonly events: ReadonlyArray<MapEvent>
  readonly playhead: Playhead | undefined
  /** Without a handler the markers are not clickable. */
  readonly onStop?: ((stop: MapStop) => void) | undefined
  readonly onEvent?: ((event: MapEvent) => void) | undefined
}

/** The moving marker: an arrow pointing north, rotated to the heading. */
const ARROW = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">' +
    '<circle cx="24" cy="24" r="21" fill="#1d4ed8" stroke="#ffffff" stroke-width="4"/>' +
    '<path d="M24 9 L34 33 L24 27 L14 33 Z" fill="#ffffff"/></svg>',
)}`

const picked =
  <T>(handler: (object: T) => void) =>
  (info: PickingInfo<T>): boolean => {
    if (info.object === undefined) return false
    handler(info.object)
    return true
  }

/** The replay's deck.gl layers, bottom to top: the speed-coloured track, stops, events, the marker. */
export const makeReplayLayers = (input: ReplayLayerInput): Layer[] => [
  new PathLayer<BandRun>({
    id: "replay-track-casing",
    data: [...input.runs],
    getPath: (run) => run.path,
    getColor: [255, 255, 255, 220],
    getWidth: 8,
    widthUnits: "pixels",
    capRounded: true,
    jointRounded: true,
  }),
  new PathLayer<BandRun>({
    id: "replay-track",
    data: [...input.runs],
    getPath: (run) => run.path,
    getColor: (run) => [...(SPEED_BANDS[run.band]?.color ?? [0, 0, 0]), 255],
    getWidth: 5,
    widthUnits: "pixels",
    capRounded: true,
    jointRounded: true,
  }),
  new ScatterplotLayer<MapStop>({
    id: "replay-stops",
    data: [...input.stops],
    getPosition: (s) => [s.lon, s.lat],
    getFillColor: [255, 255, 255, 255],
    getLineColor: [30, 41, 59, 255],
    getRadius: 7,
    getLineWidth: 3,
    radiusUnits: "pixels",
    lineWidthUnits: "pixels",
    stroked: true,
    pickable: input.onStop !== undefined,
    ...(input.onStop ? { onClick: picked(input.onStop) } : {}),
  }),
  ...(input.stops.length === 0
    ? []
    : [
        new TextLayer<MapStop>({
          id: "replay-stop-labels",
          data: [...input.stops],
          getPosition: (s) => [s.lon, s.lat],
          getText: (s) => s.label,
          getSize: 12,
          getColor: [17, 24, 39, 255],
          getPixelOffset: [0, -14],
          getTextAnchor: "middle",
          getAlignmentBaseline: "bottom",
          fontFamily: LABEL_FONT,
          fontWeight: 600,
          characterSet: "auto",
          background: true,
          getBackgroundColor: [255, 255, 255, 235],
          backgroundPadding: [4, 2, 4, 2],
          backgroundBorderRadius: 4,
        }),
      ]),
  new ScatterplotLayer<MapEvent>({
    id: "replay-events",
    data: [...input.events],
    getPosition: (e) => [e.lon, e.lat],
    getFillColor: (e) => (e.critical ? [220, 38, 38, 255] : [234, 179, 8, 255]),
    getLineColor: [255, 255, 255, 255],
    getRadius: 8,
    getLineWidth: 2,
    radiusUnits: "pixels",
    lineWidthUnits: "pixels",
    stroked: true,
    pickable: input.onEvent !== undefined,
    ...(input.onEvent ? { onClick: picked(input.onEvent) } : {}),
  }),
  new IconLayer<Playhead>({
    id: "replay-marker",
    data: input.playhead === undefined ? [] : [input.playhead],
    getPosition: (p) => [p.lon, p.lat],
    getIcon: () => ({ id: "arrow", url: ARROW, width: 48, height: 48, anchorY: 24 }),
    // deck.gl turns icons counter-clockwise; a heading turns clockwise from north.
    getAngle: (p) => -p.headingDeg,
    getSize: 30,
    sizeUnits: "pixels",
  }),
]
