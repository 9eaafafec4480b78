import Supercluster from "supercluster"
import type { MapVehicle } from "./makeVehicleLayers"

/** Zoomed in past this, every vehicle is drawn on its own (street level: vehicles a block apart separate). */
export const CLUSTER_MAX_ZOOM = 12
/** Vehicles closer than this many pixels (at 512 px tiles) merge into one cluster. */
const CLUSTER_RADIUS_PX = 60

export interface VehicleCluster {
  readonly clusterId: number
  /** [longitude, latitude] */
  readonly position: readonly [number, number]
  readonly count: number
}

/** What the map draws for a view: clusters of vehicles and vehicles on their own. */
export interface ClusteredView {
  readonly clusters: ReadonlyArray<VehicleCluster>
  readonly vehicles: ReadonlyArray<MapVehicle>
}

export interface VehicleClusters {
  /** The clusters and single vehicles inside `bbox` ([west, south, east, north]) at `zoom`. */
  readonly view: (bbox: readonly [number, number, number, number], zoom: number) => ClusteredView
  /** The zoom at which a cluster falls apart into smaller ones (click to zoom in). */
  readonly expansionZoom: (clusterId: number) => number
}

/**
 * Level of detail for the live map (supercluster, a kd-tree per zoom level): zoomed out, nearby
 * vehicles merge into clusters with a count; past `CLUSTER_MAX_ZOOM` every vehicle in view is its
 * own dot. Only the view's part is handed to deck.gl, so 50,000 vehicles draw a few hundred items.
 */
export const makeVehicleClusters = (vehicles: ReadonlyArray<MapVehicle>): VehicleClusters => {
  const index = new Supercluster<{ readonly i: number }, Supercluster.AnyProps>({
    radius: CLUSTER_RADIUS_PX,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
  })
  index.load(
    vehicles.map((v, i) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [v.position[0], v.position[1]] },
      properties: { i },
    })),
  )
  return {
    view: (bbox, zoom) => {
      const clusters: VehicleCluster[] = []
      const single: MapVehicle[] = []
      // Longitudes past ±180 (a view across the antimeridian) are clamped by supercluster itself.
      for (const feature of index.getClusters([...bbox], Math.max(0, Math.floor(zoom)))) {
        const [lon = 0, lat = 0] = feature.geometry.coordinates
        const p = feature.properties
        if ("cluster" in p && p.cluster === true) {
          clusters.push({
            clusterId: Number(p.cluster_id),
            position: [lon, lat],
            count: Number(p.point_count),
          })
        } else if ("i" in p) {
          const v = vehicles[Number(p.i)]
          if (v !== undefined) single.push(v)
        }
      }
      return { clusters, vehicles: single }
    },
    expansionZoom: (clusterId) => index.getClusterExpansionZoom(clusterId),
  }
}
