import { describe, expect, it } from "vitest"
import { backoffDelayMs } from "./createLiveSocket"

describe("backoffDelayMs", () => {
  it("doubles from half a second, with jitter down to half the step", () => {
    expect(backoffDelayMs(0, () => 1)).toBe(500)
    expect(backoffDelayMs(0, () => 0)).toBe(250)
    expect(backoffDelayMs(3, () => 1)).toBe(4_000)
  })

  it("is capped at thirty seconds", () => {
    expect(backoffDelayMs(20, () => 1)).toBe(30_000)
    expect(backoffDelayMs(1_000, () => 0)).toBe(15_000)
  })
})
