import { describe, expect, it } from "vitest"
import { parseOsmAndJson } from "./osmAndJson.js"
import { parseOsmAndQuery } from "./osmAndQuery.js"

const NOW = Date.parse("2026-12-01T10:00:00Z")
const q = (text: string) => parseOsmAndQuery(new URLSearchParams(text), NOW)

describe("OsmAnd query form", () => {
  it("reads every documented parameter: speed in knots, timestamp in seconds, extras to attrs", () => {
    expect(
      q(
        "id=123456&lat=43.2389&lon=76.8897&timestamp=1795348800&speed=10&bearing=92.5&altitude=780&hdop=0.9&accuracy=5&batt=81&ignition=true&temp=21.5&note=hello",
      ),
    ).toEqual({
      ok: true,
      id: "123456",
      points: [
        {
          lat: 43.2389,
          lon: 76.8897,
          timeMs: 1_795_348_800_000,
          speedMps: 5.144,
          headingDeg: 92.5,
          altitudeM: 780,
          hdop: 0.9,
          ignition: true,
          attrs: { accuracyM: 5, phoneBatteryPct: 81, temp: 21.5 },
        },
      ],
    })
  })

  it("takes an ISO or millisecond timestamp, location=lat,lon, deviceid and valid=false; now when absent", () => {
    expect(q("deviceid=abc&location=43.1,76.2&timestamp=2026-12-01T09:59:00Z&valid=false")).toEqual({
      ok: true,
      id: "abc",
      points: [{ lat: 43.1, lon: 76.2, timeMs: NOW - 60_000, satellites: 0 }],
    })
    expect(q("id=abc&lat=1&lon=2&timestamp=1795348800123")).toMatchObject({
      points: [{ timeMs: 1_795_348_800_123 }],
    })
    expect(q("id=abc&lat=1&lon=2")).toMatchObject({ points: [{ timeMs: NOW }] })
  })

  it("names the field at fault", () => {
    expect(q("lat=1&lon=2")).toMatchObject({ ok: false, field: "id" })
    expect(q("id=a&lon=2")).toMatchObject({ ok: false, field: "lat" })
    expect(q("id=a&lat=1&lon=east")).toMatchObject({ ok: false, field: "lon" })
    expect(q("id=a&lat=1&lon=2&timestamp=yesterday")).toMatchObject({ ok: false, field: "timestamp" })
    expect(q("id=a&lat=1&lon=2&speed=fast")).toMatchObject({ ok: false, field: "speed" })
    expect(q("id=a&lat=1&lon=2&ignition=maybe")).toMatchObject({ ok: false, field: "ignition" })
    expect(q(`id=${"x".repeat(65)}&lat=1&lon=2`)).toMatchObject({ ok: false, field: "id" })
  })
})

describe("OsmAnd JSON form", () => {
  const location = {
    timestamp: "2026-12-01T09:59:30.000Z",
    coords: { latitude: 43.24, longitude: 76.89, speed: 12.5, heading: -1, altitude: 781, accuracy: 4 },
    is_moving: true,
    odometer: 1234.5,
    battery: { level: 0.8, is_charging: false },
  }

  it("reads a location (speed already m/s, -1 heading left out) and an array of them", () => {
    expect(parseOsmAndJson({ device_id: "phone", location })).toEqual({
      ok: true,
      id: "phone",
      points: [
        {
          timeMs: NOW - 30_000,
          lat: 43.24,
          lon: 76.89,
          speedMps: 12.5,
          altitudeM: 781,
          attrs: { accuracyM: 4, appOdometerM: 1234.5, moving: 1, phoneBatteryPct: 80, charging: 0 },
        },
      ],
    })
    const batch = parseOsmAndJson({ device_id: "phone", location: [location, location] })
    expect(batch.ok && batch.points.length).toBe(2)
  })

  it("names the field at fault", () => {
    expect(parseOsmAndJson([])).toMatchObject({ ok: false, field: "body" })
    expect(parseOsmAndJson({ location })).toMatchObject({ ok: false, field: "device_id" })
    expect(parseOsmAndJson({ device_id: "p", location: { ...location, coords: {} } })).toMatchObject({
      ok: false,
      field: "location.coords.latitude",
    })
    expect(
      parseOsmAndJson({ device_id: "p", location: [location, { ...location, timestamp: "soon" }] }),
    ).toMatchObject({ ok: false, field: "location[1].timestamp" })
  })
})
