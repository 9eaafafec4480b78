import { describe, expect, it } from "vitest"
import { driverMove, driverStepsFrom, vehicleMove, vehicleStepsFrom } from "./onboardingMachine.js"

describe("vehicle onboarding machine", () => {
  it("goes created → under review → approved, and refuses approving before review", () => {
    expect(vehicleMove("created", "submit")?.to).toBe("under_review")
    expect(vehicleMove("under_review", "approve")?.to).toBe("approved")
    expect(vehicleMove("created", "approve")).toBeUndefined()
    expect(vehicleMove("approved", "reject")).toBeUndefined()
  })

  it("needs a reason to reject and lets a rejected vehicle be submitted again", () => {
    expect(vehicleMove("under_review", "reject")).toEqual({
      to: "rejected",
      result: "failed",
      needsReason: true,
    })
    expect(vehicleMove("rejected", "submit")?.to).toBe("under_review")
  })

  it("offers inspect only under review, keeping the stage", () => {
    expect(vehicleMove("under_review", "inspect")?.to).toBe("under_review")
    expect(vehicleStepsFrom("under_review")).toEqual(["inspect", "approve", "reject"])
    expect(vehicleStepsFrom("approved")).toEqual([])
  })
})

describe("driver onboarding machine", () => {
  it("goes created → background check → training → approved", () => {
    expect(driverMove("created", "start")?.to).toBe("background_check")
    expect(driverMove("background_check", "pass")).toEqual({
      to: "training",
      result: "passed",
      needsReason: false,
    })
    expect(driverMove("training", "pass")?.to).toBe("approved")
  })

  it("rejects on a failed check or training, and refuses passing a rejected driver", () => {
    expect(driverMove("background_check", "fail")?.to).toBe("rejected")
    expect(driverMove("training", "fail")?.needsReason).toBe(true)
    expect(driverMove("rejected", "pass")).toBeUndefined()
    expect(driverMove("created", "pass")).toBeUndefined()
  })

  it("suspends and reinstates only approved drivers", () => {
    expect(driverStepsFrom("approved")).toEqual(["suspend"])
    expect(driverMove("suspended", "reinstate")?.to).toBe("approved")
    expect(driverMove("training", "suspend")).toBeUndefined()
  })
})
