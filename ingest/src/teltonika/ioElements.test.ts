import { describe, expect, it } from "vitest"
import type { AvlRecord } from "./AvlPacket.js"
import { recordToPoint } from "./ioElements.js"

const base: AvlRecord = {
  timeMs: 1_795_348_800_000,
  priority: 1,
  lon: 76.8897,
  lat: 43.2389,
  altitudeM: 780,
  angleDeg: 92,
  satellites: 11,
  speedKmh: 90,
  eventIoId: 239,
  io: [],
}

describe("Teltonika records as FleetCore points", () => {
  it("maps the GPS element (speed km/h → m/s) and every IO element of the table", () => {
    const point = recordToPoint({
      ...base,
      io: [
        { id: 239, size: 1, value: 1n },
        { id: 240, size: 1, value: 1n },
        { id: 66, size: 2, value: 14_100n },
        { id: 67, size: 2, value: 4_050n },
        { id: 16, size: 4, value: 120_034n },
        { id: 21, size: 1, value: 4n },
        { id: 182, size: 2, value: 9n },
        { id: 181, size: 2, value: 13n },
        { id: 1, size: 1, value: 1n },
        { id: 2, size: 1, value: 0n },
        { id: 3, size: 1, value: 1n },
        { id: 4, size: 1, value: 0n },
        { id: 78, size: 8, value: 0x0000_0001_8a2b_3c4dn },
        { id: 89, size: 1, value: 61n },
        { id: 84, size: 2, value: 452n },
        { id: 83, size: 4, value: 81_234n },
        { id: 9999, size: 4, value: 7n },
        { id: 500, size: "variable", bytes: Uint8Array.from([1]) },
      ],
    })
    expect(point).toEqual({
      timeMs: 1_795_348_800_000,
      lat: 43.2389,
      lon: 76.8897,
      speedMps: 25,
      headingDeg: 92,
      altitudeM: 780,
      satellites: 11,
      ignition: true,
      batteryV: 14.1,
      odometerM: 120_034,
      hdop: 0.9,
      fuelLevelPct: 61,
      fuelUsedL: 8123.4,
      attrs: {
        priority: 1,
        eventIo: 239,
        movement: 1,
        deviceBatteryV: 4.05,
        gsmSignal: 4,
        pdop: 1.3,
        din1: 1,
        din2: 0,
        din3: 1,
        din4: 0,
        driverKeyHi: 1,
        driverKeyLo: 0x8a2b3c4d,
        fuelLevelL: 45.2,
        io9999: 7,
      },
    })
  })

  it("sends a record without satellites as a no-fix sample, and no driver key for iButton 0", () => {
    const point = recordToPoint({
      ...base,
      satellites: 0,
      speedKmh: 0,
      eventIoId: 0,
      io: [
        { id: 239, size: 1, value: 0n },
        { id: 78, size: 8, value: 0n },
      ],
    })
    expect(point).toMatchObject({ satellites: 0, speedMps: 0, ignition: false, attrs: { priority: 1 } })
    expect(point.attrs).not.toHaveProperty("driverKeyHi")
    expect(point.attrs).not.toHaveProperty("eventIo")
  })
})
