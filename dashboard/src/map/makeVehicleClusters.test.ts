import { describe, expect, it } from "vitest"
import { CLUSTER_MAX_ZOOM, makeVehicleClusters } from "./makeVehicleClusters"
import type { MapVehicle } from "./makeVehicleLayers"

const vehicle = (i: number, lon: number, lat: number): MapVehicle => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  name: `V${i}`,
  position: [lon, lat],
  status: "moving",
})

/** 2,000 vehicles in a 0.2° square around Almaty and 3 far away in Astana. */
const fleet: MapVehicle[] = [
  ...Array.from({ length: 2_000 }, (_, i) =>
    vehicle(i, 76.8 + (i % 50) * 0.004, 43.2 + Math.floor(i / 50) * 0.005),
  ),
  vehicle(9_001, 71.4, 51.1),
  vehicle(9_002, 71.45, 51.15),
  vehicle(9_003, 71.5, 51.12),
]
const WORLD = [-180, -85, 180, 85] as const

describe("makeVehicleClusters", () => {
  it("zoomed out, nearby vehicles merge into a few clusters that count every vehicle", () => {
    const { clusters, vehicles } = makeVehicleClusters(fleet).view(WORLD, 4)
    expect(clusters.length).toBeGreaterThan(0)
    expect(clusters.length + vehicles.length).toBeLessThan(10)
    const counted = clusters.reduce((sum, c) => sum + c.count, 0) + vehicles.length
    expect(counted).toBe(fleet.length)
  })

  it("past the last cluster zoom, every vehicle in view is drawn on its own, and only those", () => {
    // The box's edges lie between the grid's rows and columns.
    const box = [76.802, 43.202, 76.838, 43.248] as const
    const view = makeVehicleClusters(fleet).view(box, CLUSTER_MAX_ZOOM + 1)
    expect(view.clusters).toEqual([])
    const expected = fleet.filter(
      (v) =>
        v.position[0] >= box[0] &&
        v.position[0] <= box[2] &&
        v.position[1] >= box[1] &&
        v.position[1] <= box[3],
    )
    expect(view.vehicles.map((v) => v.id).sort()).toEqual(expected.map((v) => v.id).sort())
    expect(view.vehicles.length).toBeGreaterThan(50)
  })

  it("a cluster opens at a deeper zoom than the one it was seen at", () => {
    const clusters = makeVehicleClusters(fleet)
    const [first] = clusters.view(WORLD, 5).clusters
    expect(first).toBeDefined()
    expect(clusters.expansionZoom(first?.clusterId ?? -1)).toBeGreaterThan(5)
  })

  it("no vehicles, nothing to draw", () => {
    expect(makeVehicleClusters([]).view(WORLD, 3)).toEqual({ clusters: [], vehicles: [] })
  })
})
