import { describe, expect, it } from "vitest"
import {
  type Geofence,
  type GeofenceEvent,
  initialGeofenceState,
  insidePolygon,
  stepGeofences,
} from "./GeofenceRule.js"

const depot: Geofence = { id: "depot", kind: "circle", lat: 43.24, lon: 76.9, radiusM: 200, dwellS: 60 }
// An L-shaped (concave) yard.
const yard: Geofence = {
  id: "yard",
  kind: "polygon",
  ring: [
    [43.0, 76.0],
    [43.0, 76.2],
    [43.1, 76.2],
    [43.1, 76.1],
    [43.2, 76.1],
    [43.2, 76.0],
  ],
  dwellS: 0,
}

const drive = (points: Array<[number, number]>, fences: Geofence[]) => {
  let s = initialGeofenceState
  const events: GeofenceEvent[] = []
  points.forEach(([lat, lon], i) => {
    const step = stepGeofences(s, { timeMs: i * 10_000, lat, lon }, fences)
    s = step.state
    events.push(...step.events)
  })
  return events
}

describe("geofences", () => {
  it("tells inside from outside in a concave polygon", () => {
    expect(insidePolygon(43.05, 76.15, yard.kind === "polygon" ? yard.ring : [])).toBe(true)
    expect(insidePolygon(43.15, 76.15, yard.kind === "polygon" ? yard.ring : [])).toBe(false) // the notch
    expect(insidePolygon(43.15, 76.05, yard.kind === "polygon" ? yard.ring : [])).toBe(true)
  })

  it("needs the dwell time: touching the boundary for 10 s raises nothing", () => {
    const outside: [number, number] = [43.25, 76.9]
    const inside: [number, number] = [43.2401, 76.9001]
    expect(drive([outside, outside, inside, outside, outside], [depot])).toEqual([])
  })

  it("raises enter once after staying 2 minutes, then exit once after leaving", () => {
    const outside: [number, number] = [43.25, 76.9]
    const inside: [number, number] = [43.2401, 76.9001]
    const events = drive([outside, ...Array(13).fill(inside), ...Array(8).fill(outside)], [depot])
    expect(events.map((e) => [e.kind, e.timeMs])).toEqual([
      ["geofence_enter", 70_000],
      ["geofence_exit", 200_000],
    ])
  })

  it("takes a vehicle first seen inside as inside, without an event", () => {
    expect(
      drive(
        [
          [43.2401, 76.9001],
          [43.2401, 76.9001],
        ],
        [depot],
      ),
    ).toEqual([])
  })

  it("keeps the previous sides when a point changes none, and drops a fence no longer listed", () => {
    const first = stepGeofences(initialGeofenceState, { timeMs: 0, lat: 43.24, lon: 76.9 }, [depot, yard])
    expect(first.state.fences).toEqual({
      depot: { inside: true, otherSinceMs: null },
      yard: { inside: false, otherSinceMs: null },
    })
    const same = stepGeofences(first.state, { timeMs: 10_000, lat: 43.2401, lon: 76.9 }, [depot, yard])
    expect(same.state.fences).toBe(first.state.fences)
    expect(same.state.lastTimeMs).toBe(10_000)
    // Leaving the depot starts its dwell: that side changes, the yard's is the same object.
    const leaving = stepGeofences(same.state, { timeMs: 20_000, lat: 43.3, lon: 76.9 }, [depot, yard])
    expect(leaving.state.fences).toEqual({
      depot: { inside: true, otherSinceMs: 20_000 },
      yard: { inside: false, otherSinceMs: null },
    })
    expect(leaving.state.fences.yard).toBe(first.state.fences.yard)
    const stillLeaving = stepGeofences(leaving.state, { timeMs: 30_000, lat: 43.3, lon: 76.9 }, [depot, yard])
    expect(stillLeaving.state.fences).toBe(leaving.state.fences)
    // The yard was deleted: its side goes, though no side changed.
    const fewer = stepGeofences(stillLeaving.state, { timeMs: 40_000, lat: 43.3, lon: 76.9 }, [depot])
    expect(fewer.state.fences).toEqual({ depot: { inside: true, otherSinceMs: 20_000 } })
  })
})
