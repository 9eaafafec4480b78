import type { VehicleId } from "@fleetcore/proto"
import { QueryClient, QueryObserver } from "@tanstack/solid-query"
import { describe, expect, it } from "vitest"
import { queryKeys } from "../api/queries"
import type { LiveMapSnapshot, LivePosition, TrackPoint, TrackResponse } from "../api/types"
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

const UNFILTERED = queryKeys.liveMap({})
const snapshotOf = (): LiveMapSnapshot => ({
  atMs: T0,
  offlineAfterMinutes: 15,
  ids: [A, B],
  names: ["A", "B"],
  plates: [null, "B 1"],
  lon: [76.9, null],
  lat: [43.2, null],
  timeMs: [T0, null],
  speedMps: [0, null],
  headingDeg: [null, null],
  ignition: [false, null],
  teams: [],
  vehicleTypes: [],
})

const seed = () => {
  const client = new QueryClient()
  client.setQueryData<LiveMapSnapshot>(UNFILTERED, snapshotOf())
  return client
}
const snapshot = (client: QueryClient, key: ReadonlyArray<unknown> = UNFILTERED) =>
  client.getQueryData<LiveMapSnapshot>(key)

describe("applyLivePositions", () => {
  it("writes each vehicle's newest position into the snapshot's columns, keeping ids and names", () => {
    const client = seed()
    const before = snapshot(client)
    applyLivePositions(client, [
      position(A, T0 + 2_000, 77),
      position(A, T0 + 1_000, 76),
      position(B, T0 + 500),
    ])
    const after = snapshot(client)
    expect(after?.timeMs).toEqual([T0 + 2_000, T0 + 500])
    expect(after?.lon).toEqual([77, 76.9])
    expect(after?.speedMps).toEqual([10, 10])
    expect(after?.ignition).toEqual([true, true])
    // The list's order depends on these: the same arrays, so it is not recomputed.
    expect(after?.ids).toBe(before?.ids)
    expect(after?.names).toBe(before?.names)
  })

  it("never moves a vehicle back to an older, late position", () => {
    const client = seed()
    const before = snapshot(client)
    applyLivePositions(client, [position(A, T0 - 1_000, 70)])
    expect(snapshot(client)).toBe(before)
    expect(snapshot(client)?.timeMs[0]).toBe(T0)
  })

  it("updates every cached snapshot, whatever its filter", () => {
    const client = seed()
    const teamKey = queryKeys.liveMap({ teamId: "00000000-0000-4000-8000-0000000000ee" })
    client.setQueryData<LiveMapSnapshot>(teamKey, {
      ...snapshotOf(),
      ids: [A],
      names: ["A"],
      plates: [null],
      lon: [1],
      lat: [2],
      timeMs: [T0],
      speedMps: [0],
      headingDeg: [0],
      ignition: [null],
    })
    applyLivePositions(client, [position(A, T0 + 1_000, 70)])
    expect(snapshot(client, teamKey)?.lon).toEqual([70])
    expect(snapshot(client)?.lon[0]).toBe(70)
  })

  it("updates the cached record of a vehicle (the selected vehicle's details)", () => {
    const client = seed()
    client.setQueryData(queryKeys.vehicle(A), { id: A, name: "A", last: position(A, T0) })
    applyLivePositions(client, [position(A, T0 + 5_000, 71)])
    expect(client.getQueryData<{ last: LivePosition }>(queryKeys.vehicle(A))?.last.lon).toBe(71)
  })

  it("refetches the unfiltered snapshot when a vehicle it does not know reports, not a filtered one", async () => {
    const client = seed()
    const teamKey = queryKeys.liveMap({ teamId: "00000000-0000-4000-8000-0000000000ee" })
    client.setQueryData<LiveMapSnapshot>(teamKey, snapshotOf())
    const fetched: string[] = []
    client.setQueryDefaults(queryKeys.liveMaps(), {
      queryFn: ({ queryKey }) => {
        fetched.push(JSON.stringify(queryKey))
        return snapshotOf()
      },
    })
    const unknown = "00000000-0000-4000-8000-00000000000c" as VehicleId
    // Only queries someone watches are refetched; observers stand in for the page.
    const observers = [UNFILTERED, teamKey].map((queryKey) =>
      new QueryObserver(client, { queryKey, staleTime: 60_000 }).subscribe(() => {}),
    )
    applyLivePositions(client, [position(unknown, T0)])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(fetched).toEqual([JSON.stringify(UNFILTERED)])
    for (const unsubscribe of observers) unsubscribe()
  })

  it("extends a cached track with the points after its last one, in time order", () => {
    const client = seed()
    const key = queryKeys.track(A, T0 - 3_600_000)
    client.setQueryData<TrackResponse>(key, {
      vehicleId: A,
      from: new Date(T0 - 3_600_000).toISOString(),
      to: new Date(T0).toISOString(),
      truncated: false,
      stored: 1,
      step: 1,
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
