import { describe, expect, it } from "vitest"
import { defaultFixValidityConfig, type FixSample, fixVerdict, type PreviousFix } from "./fixValidity.js"

const T0 = Date.UTC(2025, 5, 2, 8, 0, 0)
const moving: PreviousFix = { timeMs: T0, lat: 43.238, lon: 76.945, speedMps: 14 }
const parked: PreviousFix = { ...moving, speedMps: 0 }
const sample = (extra: Partial<FixSample> = {}): FixSample => ({
  timeMs: T0 + 10_000,
  lat: moving.lat,
  lon: moving.lon,
  speedMps: 0,
  ...extra,
})

describe("fixVerdict", () => {
  it("reads 0 satellites, or fewer than the minimum, as no fix", () => {
    expect(fixVerdict(sample({ satellites: 0 }), moving)).toBe("no_satellites")
    expect(fixVerdict(sample({ satellites: 2, lat: 43.3 }), null)).toBe("no_satellites")
    expect(fixVerdict(sample({ satellites: 3, lat: 43.3 }), null)).toBe("fix")
  })

  it("reads an HDOP above the maximum as no fix", () => {
    expect(fixVerdict(sample({ satellites: 9, hdop: 25 }), null)).toBe("poor_hdop")
    expect(fixVerdict(sample({ satellites: 9, hdop: 20 }), null)).toBe("fix")
  })

  it("trusts a reported satellite count over a repeated position, not an HDOP alone", () => {
    // A good fix may repeat the last position exactly (a static-hold receiver): it is still a fix.
    expect(fixVerdict(sample({ satellites: 9, hdop: 0.8 }), moving)).toBe("fix")
    // Trackers repeat the last HDOP along with the last position.
    expect(fixVerdict(sample({ hdop: 1.1 }), moving)).toBe("repeated")
    expect(fixVerdict(sample({ hdop: 1.1 }), parked)).toBe("fix")
  })

  it("reads the last fix repeated at speed 0 right after moving as no fix, when quality is not reported", () => {
    expect(fixVerdict(sample(), moving)).toBe("repeated")
    const { speedMps: _, ...withoutSpeed } = sample()
    expect(fixVerdict(withoutSpeed, moving)).toBe("repeated")
  })

  it("keeps a parked vehicle's identical fixes as fixes", () => {
    expect(fixVerdict(sample(), parked)).toBe("fix")
    expect(fixVerdict(sample(), { ...moving, speedMps: null })).toBe("fix")
  })

  it("keeps a repeated position that moves on, reports speed, or is not newer", () => {
    expect(fixVerdict(sample({ lat: moving.lat + 1e-6 }), moving)).toBe("fix")
    expect(fixVerdict(sample({ speedMps: 3 }), moving)).toBe("fix")
    expect(fixVerdict(sample({ timeMs: T0 }), moving)).toBe("fix")
  })

  it("ignores the satellite count of devices configured with minSatellites 0", () => {
    const config = { ...defaultFixValidityConfig, minSatellites: 0 }
    expect(fixVerdict(sample({ satellites: 0, lat: 43.3 }), moving, config)).toBe("fix")
    // Their satellite count says nothing, so the movement context decides.
    expect(fixVerdict(sample({ satellites: 0 }), moving, config)).toBe("repeated")
  })
})
