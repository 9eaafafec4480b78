import { describe, expect, it } from "vitest"
import { circleOf, circleRing, distanceM, type LonLat, latLonRing } from "./geofenceGeometry"

describe("geofence geometry", () => {
  it("draws a circle whose vertices lie on the radius and reads centre and radius back", () => {
    const center: LonLat = [76.9, 43.24]
    const ring = circleRing(center, 500)
    expect(ring).toHaveLength(65)
    expect(ring[0]).toEqual(ring[64])
    for (const p of ring) expect(distanceM(center, p)).toBeCloseTo(500, 3)
    const back = circleOf(ring)
    expect(back.radiusM).toBeGreaterThan(499)
    expect(back.radiusM).toBeLessThan(501)
    expect(distanceM(back.center, center)).toBeLessThan(1)
  })

  it("turns a closed GeoJSON ring into the contract's open [lat, lon] list", () => {
    const ring: LonLat[] = [
      [76.0, 43.0],
      [76.2, 43.0],
      [76.2, 43.1],
      [76.0, 43.0],
    ]
    expect(latLonRing(ring)).toEqual([
      [43.0, 76.0],
      [43.0, 76.2],
      [43.1, 76.2],
    ])
  })
})
