import type { Layer, PickingInfo } from "@deck.gl/core"
import { PathLayer, ScatterplotLayer, TextLayer } from "@deck.gl/layers"
import type { VehicleId } from "../api/types"
import { statusColors, type VehicleStatus } from "../vehicles/vehicleStatus"

/** What the map needs of a vehicle: plain data, rebuilt when any vehicle changes. */
export interface MapVehicle {
  readonly id: VehicleId
  readonly name: string
  /** [longitude, latitude] */
  readonly position: readonly [number, number]
  readonly status: VehicleStatus
}

export interface VehicleLayerInput {
  readonly vehicles: ReadonlyArray<MapVehicle>
  readonly selectedId: VehicleId | null
  /** The selected vehicle's track as [longitude, latitude] pairs, oldest first. */
  readonly track: ReadonlyArray<readonly [number, number]>
  readonly onSelect: (id: VehicleId) => void
}

const TRACK_COLOR: [number, number, number, number] = [37, 99, 235, 210]
const LABEL_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"

const pickVehicle =
  (onSelect: (id: VehicleId) => void) =>
  (info: PickingInfo<MapVehicle>): boolean => {
    if (info.object === undefined) return false
    onSelect(info.object.id)
    return true
  }

/** The deck.gl layers of the live map, bottom to top: today's track, names, vehicles (a dot is never hidden by a label). */
export const makeVehicleLayers = (input: VehicleLayerInput): Layer[] => {
  const { vehicles, selectedId, track } = input
  const onClick = pickVehicle(input.onSelect)
  return [
    new PathLayer<ReadonlyArray<readonly [number, number]>>({
      id: "track",
      data: track.length > 1 ? [track] : [],
      getPath: (path) => [...path],
      getColor: TRACK_COLOR,
      getWidth: 4,
      widthUnits: "pixels",
      widthMinPixels: 2,
      capRounded: true,
      jointRounded: true,
    }),
    // No fleet, no labels: an empty character set would give deck.gl an empty font atlas.
    ...(vehicles.length === 0
      ? []
      : [
          new TextLayer<MapVehicle>({
            id: "vehicle-labels",
            data: vehicles,
            getPosition: (v) => [v.position[0], v.position[1]],
            getText: (v) => v.name,
            getSize: 13,
            getColor: [17, 24, 39, 255],
            getPixelOffset: [0, -22],
            getTextAnchor: "middle",
            getAlignmentBaseline: "bottom",
            fontFamily: LABEL_FONT,
            fontWeight: 600,
            characterSet: "auto",
            background: true,
            getBackgroundColor: [255, 255, 255, 230],
            backgroundPadding: [5, 2, 5, 2],
            backgroundBorderRadius: 4,
            pickable: true,
            onClick,
          }),
        ]),
    new ScatterplotLayer<MapVehicle>({
      id: "vehicles",
      data: vehicles,
      getPosition: (v) => [v.position[0], v.position[1]],
      getFillColor: (v) => [...statusColors[v.status], 255],
      getLineColor: (v) => (v.id === selectedId ? [17, 24, 39, 255] : [255, 255, 255, 255]),
      getRadius: (v) => (v.id === selectedId ? 10 : 7),
      getLineWidth: (v) => (v.id === selectedId ? 3 : 2),
      radiusUnits: "pixels",
      lineWidthUnits: "pixels",
      stroked: true,
      filled: true,
      pickable: true,
      onClick,
      updateTriggers: {
        getLineColor: selectedId,
        getRadius: selectedId,
        getLineWidth: selectedId,
      },
    }),
  ]
}
