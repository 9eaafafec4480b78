import { TELTONIKA_MAPPED_MODELS } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import type { AvlRecord } from "./AvlPacket.js"
import { recordToPoint } from "./ioElements.js"
import { GENERIC_IO_MAP, ioMapFor, MODEL_IO_MAPS, parseIoOverride } from "./ioMaps.js"

const record: AvlRecord = {
  timeMs: 1_795_348_800_000,
  priority: 0,
  lon: 76.8897,
  lat: 43.2389,
  altitudeM: 780,
  angleDeg: 92,
  satellites: 11,
  speedKmh: 36,
  eventIoId: 0,
  io: [
    { id: 89, size: 1, value: 61n },
    { id: 83, size: 4, value: 81_234n },
    { id: 78, size: 8, value: 0x0000_0001_8a2b_3c4dn },
    { id: 201, size: 2, value: 420n },
  ],
}

describe("Teltonika IO maps per device model", () => {
  it("reads the same record into different fields for an FMC130 and an FMB920", () => {
    const fmc130 = recordToPoint(record, ioMapFor("FMC130", null).map)
    expect(fmc130).toMatchObject({ fuelLevelPct: 61, fuelUsedL: 8123.4 })
    expect(fmc130.attrs).toEqual({ priority: 0, driverKeyHi: 1, driverKeyLo: 0x8a2b3c4d, lls1Fuel: 420 })

    // The FMB920 has no CAN adapter, LLS or 1-Wire: those ids stay raw; its fuel is the OBD dongle's (48).
    const fmb920 = recordToPoint(record, ioMapFor("fmb920", null).map)
    expect(fmb920).not.toHaveProperty("fuelLevelPct")
    expect(fmb920).not.toHaveProperty("fuelUsedL")
    expect(fmb920.attrs).toEqual({ priority: 0, io89: 61, io83: 81_234, io78: 0x1_8a2b_3c4d, io201: 420 })
  })

  it("reads an FMB920's fuel level from its OBD dongle's element 48", () => {
    const point = recordToPoint(
      { ...record, io: [{ id: 48, size: 1, value: 55n }] },
      ioMapFor("FMB920", null).map,
    )
    expect(point.fuelLevelPct).toBe(55)
  })

  it("has a built-in map for exactly the models the contract offers", () => {
    expect([...MODEL_IO_MAPS.keys()]).toEqual([...TELTONIKA_MAPPED_MODELS])
  })

  it("uses the generic map for a device without a model or with a model it does not know", () => {
    expect(ioMapFor(null, null).map).toBe(GENERIC_IO_MAP)
    expect(ioMapFor("XYZ-1", undefined).map).toBe(GENERIC_IO_MAP)
  })

  it("lets the organisation's override win over the model's map, with multiplier and offset", () => {
    const { map, problem } = ioMapFor("FMC130", [
      { io: 89, to: "attrs.canFuelPct" },
      { io: 201, to: "fuelLevelPct", multiplier: 0.125, offset: 2 },
      { io: 78, to: "ignore" },
    ])
    expect(problem).toBeNull()
    const point = recordToPoint(record, map)
    expect(point.fuelLevelPct).toBe(54.5)
    expect(point.attrs).toEqual({ priority: 0, canFuelPct: 61 })
  })

  it("refuses an invalid override naming the line and field at fault, and keeps the model's map", () => {
    expect(
      parseIoOverride([
        { io: 89, to: "fuelLevelPct" },
        { io: 84, to: "fuelLiters" },
      ]),
    ).toEqual({
      ok: false,
      message: expect.stringMatching(/^teltonikaIoMap\[1\]\.to: .*attrs\.<name>/u),
    })
    expect(parseIoOverride([{ io: 70_000, to: "hdop" }])).toEqual({
      ok: false,
      message: expect.stringMatching(/^teltonikaIoMap\[0\]\.io: /u),
    })
    expect(parseIoOverride([{ io: 89, to: "hdop", scale: 2 }])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^teltonikaIoMap\[0\]\.scale: /u),
    })
    expect(
      parseIoOverride([
        { io: 5, to: "hdop" },
        { io: 5, to: "batteryV" },
      ]),
    ).toEqual({
      ok: false,
      message: "teltonikaIoMap[1].io: IO id 5 is mapped twice",
    })
    const chosen = ioMapFor("FMC130", { io: 89 })
    expect(chosen.problem).toMatch(/^teltonikaIoMap: /u)
    expect(recordToPoint(record, chosen.map).fuelLevelPct).toBe(61)
  })
})
