import { describe, expect, it } from "vitest"
import { EXPIRY_THRESHOLDS, expiryStage, MAINTENANCE_THRESHOLDS } from "./expiryStage.js"

describe("expiry stage of a daily check", () => {
  it("tells on the threshold's day, info at 30/14 and warning at 7", () => {
    expect(expiryStage(30, EXPIRY_THRESHOLDS, 1)).toEqual({ stage: "soon", threshold: 30, severity: "info" })
    expect(expiryStage(14, EXPIRY_THRESHOLDS, 1)).toEqual({ stage: "soon", threshold: 14, severity: "info" })
    expect(expiryStage(7, EXPIRY_THRESHOLDS, 1)).toEqual({ stage: "soon", threshold: 7, severity: "warning" })
    expect(expiryStage(1, MAINTENANCE_THRESHOLDS, 1)).toMatchObject({ threshold: 1, severity: "warning" })
  })

  it("tells nothing between thresholds", () => {
    for (const days of [31, 20, 13, 8, 6, 0]) expect(expiryStage(days, EXPIRY_THRESHOLDS, 1)).toBeNull()
  })

  it("catches up the nearest threshold crossed while nothing ran", () => {
    expect(expiryStage(12, EXPIRY_THRESHOLDS, 3)).toMatchObject({ threshold: 14 })
    expect(expiryStage(6, EXPIRY_THRESHOLDS, 30)).toMatchObject({ threshold: 7 })
    expect(expiryStage(12, EXPIRY_THRESHOLDS, 2)).toBeNull()
  })

  it("tells an expiry as critical, but not one long past", () => {
    expect(expiryStage(-1, EXPIRY_THRESHOLDS, 1)).toEqual({ stage: "expired", severity: "critical" })
    expect(expiryStage(-400, EXPIRY_THRESHOLDS, 1)).toBeNull()
  })
})
