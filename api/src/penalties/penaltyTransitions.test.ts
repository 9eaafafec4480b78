import { PENALTY_STATUSES } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { nextStatus, PENALTY_TRANSITIONS, type PenaltyStep } from "./penaltyTransitions.js"

const allowed = (step: PenaltyStep) => PENALTY_STATUSES.filter((s) => nextStatus(step, s) !== null)

describe("penalty transitions", () => {
  it("lets a driver report only an open fine paid, awaiting confirmation", () => {
    expect(allowed("pay")).toEqual(["open"])
    expect(nextStatus("pay", "open")).toBe("paid_by_driver")
  })

  it("confirms a reported payment or an open fine, and rejects only a reported one back to open", () => {
    expect(nextStatus("confirm", "paid_by_driver")).toBe("paid")
    expect(nextStatus("confirm", "open")).toBe("paid")
    expect(nextStatus("reject", "paid_by_driver")).toBe("open")
    expect(allowed("reject")).toEqual(["paid_by_driver"])
  })

  it("never moves a paid fine", () => {
    for (const step of Object.keys(PENALTY_TRANSITIONS) as PenaltyStep[]) {
      expect(nextStatus(step, "paid"), step).toBeNull()
    }
  })

  it("disputes an open fine, cancels open or disputed ones, reopens disputed or cancelled ones", () => {
    expect(allowed("dispute")).toEqual(["open"])
    expect(allowed("cancel")).toEqual(["open", "disputed"])
    expect(allowed("reopen")).toEqual(["disputed", "cancelled"])
    expect(nextStatus("cancel", "paid_by_driver")).toBeNull()
  })
})
