import { describe, expect, it } from "vitest"
import { stopsBetweenTrips, type TripBounds } from "./stopsBetweenTrips.js"

const MIN = 60_000
const trip = (startMin: number, endMin: number, endLat = startMin, endLon = endMin): TripBounds => ({
  startMs: startMin * MIN,
  endMs: endMin * MIN,
  endLat,
  endLon,
})

describe("stopsBetweenTrips", () => {
  it("makes one stop per gap between consecutive trips, at the earlier trip's end", () => {
    const stops = stopsBetweenTrips({
      trips: [trip(0, 10, 43.2, 76.9), trip(25, 40, 43.3, 76.8), trip(100, 130)],
      fromMs: 0,
      toMs: 200 * MIN,
      standingNow: false,
      nowMs: 300 * MIN,
    })
    expect(stops).toEqual([
      { startMs: 10 * MIN, endMs: 25 * MIN, lat: 43.2, lon: 76.9, durationS: 900 },
      { startMs: 40 * MIN, endMs: 100 * MIN, lat: 43.3, lon: 76.8, durationS: 3600 },
    ])
  })

  it("keeps only stops that overlap the period, including ones that cross its edges", () => {
    const stops = stopsBetweenTrips({
      trips: [trip(0, 10), trip(30, 40), trip(60, 70), trip(90, 100)],
      fromMs: 20 * MIN,
      toMs: 65 * MIN,
      standingNow: false,
      nowMs: 300 * MIN,
    })
    expect(stops.map((s) => [s.startMs / MIN, s.endMs === null ? null : s.endMs / MIN])).toEqual([
      [10, 30],
      [40, 60],
    ])
  })

  it("adds an open stop after the last trip while the vehicle stands, lasting until now", () => {
    const stops = stopsBetweenTrips({
      trips: [trip(0, 10), trip(30, 40, 1, 2)],
      fromMs: 0,
      toMs: 100 * MIN,
      standingNow: true,
      nowMs: 55 * MIN,
    })
    expect(stops.at(-1)).toEqual({ startMs: 40 * MIN, endMs: null, lat: 1, lon: 2, durationS: 900 })
    expect(stops).toHaveLength(2)
  })

  it("lists no open stop while driving, nor one that began after the period", () => {
    const driving = stopsBetweenTrips({
      trips: [trip(0, 10)],
      fromMs: 0,
      toMs: 100 * MIN,
      standingNow: false,
      nowMs: 50 * MIN,
    })
    expect(driving).toEqual([])
    const later = stopsBetweenTrips({
      trips: [trip(0, 10)],
      fromMs: 0,
      toMs: 5 * MIN,
      standingNow: true,
      nowMs: 50 * MIN,
    })
    expect(later).toEqual([])
  })

  it("skips gaps of no time and overlapping trips", () => {
    expect(
      stopsBetweenTrips({
        trips: [trip(0, 10), trip(10, 20), trip(15, 30)],
        fromMs: 0,
        toMs: 100 * MIN,
        standingNow: false,
        nowMs: 100 * MIN,
      }),
    ).toEqual([])
  })
})
