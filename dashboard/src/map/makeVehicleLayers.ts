import type { Layer, PickingInfo } from "@deck.gl/core"
import { PathLayer, ScatterplotLayer, TextLayer } from "@deck.gl/layers"
import type { VehicleId } from "../api/types"
import { statusColors, type VehicleStatus } from "../vehicles/vehicleStatus"
import type { VehicleCluster } from "./makeVehicleClusters"

/** What the map needs of a vehicle: plain data, rebuilt when any vehicle changes. */
export interface MapVehicle {
  readonly id: VehicleId
  readonly name: string
  /** [longitude, latitude] */
  readonly position: readonly [number, number]
  readonly status: VehicleStatus
}

export interface VehicleLayerInput {
  /** The vehicles drawn on their own (those in view, outside clusters). */
  readonly vehicles: ReadonlyArray<MapVehicle>
  /** The vehicles whose name is drawn: chosen so that no two labels overlap (`declutterLabels`). */
  readonly labelled: ReadonlyArray<MapVehicle>
  readonly clusters: ReadonlyArray<VehicleCluster>
  readonly onClusterClick: (cluster: VehicleCluster) => void
  readonly selectedId: VehicleId | null
  /** The selected vehicle's track as [longitude, latitude] pairs, oldest first. */
  readonly track: ReadonlyArray<readonly [number, number]>
  readonly onSelect: (id: VehicleId) => void
}

const TRACK_COLOR: [number, number, number, number] = [37, 99, 235, 210]
const CLUSTER_COLOR: [number, number, number, number] = [37, 99, 235, 215]
/** A cluster's radius grows with the log of its count: 2 vehicles 14 px, 10,000 about 34 px. */
export const clusterRadiusPx = (count: number): number =>
  Math.round(12 + 5.5 * Math.log10(Math.max(2, count)))

/** How labels are drawn: `declutterLabels` sizes their boxes from the same numbers. */
export const LABEL = { sizePx: 13, offsetYPx: -22, paddingX: 5, paddingY: 2, weight: 600 } as const
export const LABEL_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"

const pickVehicle =
  (onSelect: (id: VehicleId) => void) =>
  (info: PickingInfo<MapVehicle>): boolean => {
    if (info.object === undefined) return false
    onSelect(info.object.id)
    return true
  }

/**
 * The deck.gl layers of the live map, bottom to top: today's track, names, vehicles (a dot is
 * never hidden by a label), clusters with their counts. Only `labelled` vehicles get a name, so
 * labels never overlap.
 */
export const makeVehicleLayers = (input: VehicleLayerInput): Layer[] => {
  const { vehicles, clusters, selectedId, track } = input
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
    ...(input.labelled.length === 0
      ? []
      : [
          new TextLayer<MapVehicle>({
            id: "vehicle-labels",
            data: input.labelled,
            getPosition: (v) => [v.position[0], v.position[1]],
            getText: (v) => v.name,
            getSize: LABEL.sizePx,
            getColor: [17, 24, 39, 255],
            getPixelOffset: [0, LABEL.offsetYPx],
            getTextAnchor: "middle",
            getAlignmentBaseline: "bottom",
            fontFamily: LABEL_FONT,
            fontWeight: LABEL.weight,
            characterSet: "auto",
            background: true,
            getBackgroundColor: [255, 255, 255, 230],
            backgroundPadding: [LABEL.paddingX, LABEL.paddingY, LABEL.paddingX, LABEL.paddingY],
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
    new ScatterplotLayer<VehicleCluster>({
      id: "vehicle-clusters",
      data: clusters,
      getPosition: (c) => [c.position[0], c.position[1]],
      getFillColor: CLUSTER_COLOR,
      getLineColor: [255, 255, 255, 255],
      getRadius: (c) => clusterRadiusPx(c.count),
      getLineWidth: 3,
      radiusUnits: "pixels",
      lineWidthUnits: "pixels",
      stroked: true,
      filled: true,
      pickable: true,
      onClick: (info: PickingInfo<VehicleCluster>) => {
        if (info.object === undefined) return false
        input.onClusterClick(info.object)
        return true
      },
    }),
    new TextLayer<VehicleCluster>({
      id: "vehicle-cluster-counts",
      data: clusters,
      getPosition: (c) => [c.position[0], c.position[1]],
      getText: (c) => String(c.count),
      getSize: 13,
      getColor: [255, 255, 255, 255],
      getTextAnchor: "middle",
      getAlignmentBaseline: "center",
      fontFamily: LABEL_FONT,
      fontWeight: 700,
      characterSet: "0123456789",
    }),
  ]
}
