import { describe, expect, it } from "vitest"
import { refuelMismatch } from "./refuelMismatch.js"

describe("refuel entry against the sensor rise", () => {
  it("flags 50 L paid for a 30 L rise", () => {
    expect(refuelMismatch(50, 30)).toEqual({ kind: "mismatch", paidL: 50, sensorL: 30, missingL: 20 })
  })
  it("accepts a rise within the tolerance", () => {
    expect(refuelMismatch(50, 45)).toEqual({ kind: "ok" })
    expect(refuelMismatch(20, 16)).toEqual({ kind: "ok" }) // 4 L short: under the 5 L minimum
  })
  it("never flags without sensor data", () => {
    expect(refuelMismatch(50, null)).toEqual({ kind: "unknown" })
    expect(refuelMismatch(50, 0)).toEqual({ kind: "unknown" })
  })
})
