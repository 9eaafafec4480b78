import { describe, expect, it } from "vitest"
import { bearingDeg, destinationPoint, EARTH_RADIUS_M, haversineM, maxTravelM, offsetM } from "./geo.js"

const dms = (deg: number, min: number) => deg + min / 60

describe("haversineM", () => {
  it("gives one degree of a meridian as 2πR / 360", () => {
    expect(haversineM({ lat: 10, lon: 5 }, { lat: 11, lon: 5 })).toBeCloseTo(111_195.08, 1)
  })

  it("gives a quarter of the equator and antipodes exactly", () => {
    expect(haversineM({ lat: 0, lon: 0 }, { lat: 0, lon: 90 })).toBeCloseTo(10_007_557.22, 1)
    expect(haversineM({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 1)
    expect(haversineM({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 1)
  })

  it("matches the Aviation Formulary's LAX–JFK example (0.623585 rad, about 2144 nm)", () => {
    const lax = { lat: dms(33, 57), lon: -dms(118, 24) }
    const jfk = { lat: dms(40, 38), lon: -dms(73, 47) }
    const d = haversineM(lax, jfk)
    expect(d / EARTH_RADIUS_M).toBeCloseTo(0.623585, 6)
    expect(d / 1852).toBeCloseTo(2145, -1)
  })

  it("is symmetric, zero for one point, and correct across the antimeridian", () => {
    const a = { lat: 48.8566, lon: 2.3522 }
    const b = { lat: 51.5074, lon: -0.1278 }
    expect(haversineM(a, b)).toBeCloseTo(haversineM(b, a), 9)
    expect(haversineM(a, a)).toBe(0)
    // 0.2° of longitude at the equator, straddling ±180.
    expect(haversineM({ lat: 0, lon: 179.9 }, { lat: 0, lon: -179.9 })).toBeCloseTo(22_239.02, 1)
  })
})

describe("destinationPoint and bearingDeg", () => {
  it("round-trips distance and bearing", () => {
    const from = { lat: 52.52, lon: 13.405 }
    for (const bearing of [0, 37, 90, 181, 270, 333]) {
      const to = destinationPoint(from, bearing, 12_345)
      expect(haversineM(from, to)).toBeCloseTo(12_345, 4)
      const off = ((bearingDeg(from, to) - bearing + 540) % 360) - 180
      expect(off).toBeCloseTo(0, 6)
    }
  })

  it("wraps longitude across the antimeridian", () => {
    const to = destinationPoint({ lat: 0, lon: 179.95 }, 90, 11_119.5)
    expect(to.lon).toBeCloseTo(-179.95, 4)
  })
})

describe("offsetM", () => {
  it("moves by the given metres north and east", () => {
    const from = { lat: 45, lon: 7 }
    expect(haversineM(from, offsetM(from, 100, 0))).toBeCloseTo(100, 3)
    expect(haversineM(from, offsetM(from, 0, 100))).toBeCloseTo(100, 2)
    expect(haversineM(from, offsetM(from, 300, 400))).toBeCloseTo(500, 1)
  })
})

describe("maxTravelM", () => {
  const limits = { maxSpeedKmh: 250, maxKmPerDay: 1000 }

  it("is bound by speed on short intervals", () => {
    expect(maxTravelM(3_600_000, limits)).toBeCloseTo(250_000, 6)
    expect(maxTravelM(10_000, limits)).toBeCloseTo(694.44, 2)
    expect(maxTravelM(-5, limits)).toBe(0)
  })

  it("is bound by the daily limit on intervals of a day or more", () => {
    expect(maxTravelM(86_400_000, limits)).toBe(1_000_000)
    expect(maxTravelM(3 * 86_400_000, limits)).toBe(3_000_000)
  })
})
