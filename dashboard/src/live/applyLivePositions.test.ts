import type { VehicleId } from "@fleetcore/proto"
import { QueryClient, QueryObserver } from "@tanstack/solid-query"
import { describe, expect, it } from "vitest"
import { queryKeys } from "../api/queries"
import type { LivePosition, TrackPoint, TrackResponse, VehiclesResponse } from "../api/types"
import { applyLivePositions } from "./applyLivePositions"

const A = "00000000-0000-4000-8000-00000000000a" as VehicleId
const B = "00000000-0000-4000-8000-00000000000b" as VehicleId
const T0 = Date.UTC(2025, 0, 1, 8)

const position = (vehicleId: VehicleId, timeMs: number, lon = 76.9): LivePosition => ({
  vehicleId,
  timeMs,
  lat: 43.2,
  lon,
  speedMps: 10,
  headingDeg: 90,
  ignition: true,
  odometerM: 1_000,
  fuelLevelPct: 50,
  batteryV: 12.6,
})

const trackPoint = (timeMs: number): TrackPoint => ({
  timeMs,
  lat: 43.2,
  lon: 76.9,
  speedMps: null,
  headingDeg: null,
  ignition: null,
  odometerM: null,
  fuelLevelPct: null,
})

const seed = () => {
  const client = new QueryClient()
  client.setQueryData<VehiclesResponse>(queryKeys.vehicles(), {
    items: [
      {
        id: A,
        name: "A",
        plate: null,
        vehicleType: null,
        deviceId: "a",
        vin: null,
        odometerKm: null,
        last: position(A, T0),
      },
      {
        id: B,
        name: "B",
        plate: null,
        vehicleType: null,
        deviceId: "b",
        vin: null,
        odometerKm: null,
        last: null,
      },
    ],
  })
  return client
}
const vehicles = (client: QueryClient) =>
  client.getQueryData<VehiclesResponse>(queryKeys.vehicles())?.items ?? []

describe("applyLivePositions", () => {
  it("puts each vehicle's newest position into the vehicles query", () => {
    const client = seed()
    applyLivePositions(client, [
      position(A, T0 + 2_000, 77),
      position(A, T0 + 1_000, 76),
      position(B, T0 + 500),
    ])
    expect(vehicles(client).map((v) => v.last?.timeMs)).toEqual([T0 + 2_000, T0 + 500])
    expect(vehicles(client)[0]?.last?.lon).toBe(77)
  })

  it("never moves a vehicle back to an older, late position", () => {
    const client = seed()
    applyLivePositions(client, [position(A, T0 - 1_000, 70)])
    expect(vehicles(client)[0]?.last?.timeMs).toBe(T0)
  })

  it("refetches the list when a vehicle it does not know reports", async () => {
    const client = seed()
    let fetches = 0
    client.setQueryDefaults(queryKeys.vehicles(), {
      queryFn: () => {
        fetches += 1
        return { items: [] }
      },
    })
    const unknown = "00000000-0000-4000-8000-00000000000c" as VehicleId
    // Only queries someone watches are refetched; an observer stands in for the page.
    const unsubscribe = new QueryObserver(client, {
      queryKey: queryKeys.vehicles(),
      staleTime: 60_000,
    }).subscribe(() => {})
    applyLivePositions(client, [position(unknown, T0)])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(fetches).toBe(1)
    unsubscribe()
  })

  it("extends a cached track with the points after its last one, in time order", () => {
    const client = seed()
    const key = queryKeys.track(A, T0 - 3_600_000)
    client.setQueryData<TrackResponse>(key, {
      vehicleId: A,
      from: new Date(T0 - 3_600_000).toISOString(),
      to: new Date(T0).toISOString(),
      truncated: false,
      points: [trackPoint(T0)],
    })
    applyLivePositions(client, [
      position(A, T0 + 2_000),
      position(A, T0 - 500),
      position(A, T0 + 1_000),
      position(B, T0),
    ])
    const track = client.getQueryData<TrackResponse>(key)
    expect(track?.points.map((p) => p.timeMs)).toEqual([T0, T0 + 1_000, T0 + 2_000])
  })
})
