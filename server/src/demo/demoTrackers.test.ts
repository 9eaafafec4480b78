import { isImei } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { demoImei, demoTrackerOf } from "./demoTrackers.js"

describe("the demo's trackers", () => {
  it("have IMEIs with their Luhn check digit, one per vehicle", () => {
    const imeis = Array.from({ length: 600 }, (_, i) => demoImei(i + 1))
    expect(imeis.every(isImei)).toBe(true)
    expect(new Set(imeis).size).toBe(600)
    expect(demoImei(11)).toMatch(/^35999900000011\d$/u)
  })

  it("make the second-to-last vehicle a Teltonika and the last a GT06, each while its port is open", () => {
    const both = { teltonika: true, gt06: true }
    expect([0, 1, 2, 3].map((i) => demoTrackerOf(i, 4, both)?.protocol ?? "mqtt")).toEqual([
      "mqtt",
      "mqtt",
      "teltonika",
      "gt06",
    ])
    expect(demoTrackerOf(3, 4, both)?.imei).toBe(demoImei(4))
    expect(
      [2, 3].map((i) => demoTrackerOf(i, 4, { teltonika: false, gt06: true })?.protocol ?? "mqtt"),
    ).toEqual(["mqtt", "gt06"])
    // Fewer than 3 simulated vehicles, or no listener: every one stays an MQTT device.
    expect([0, 1].map((i) => demoTrackerOf(i, 2, both))).toEqual([null, null])
    expect(demoTrackerOf(3, 4, undefined)).toBeNull()
  })
})
