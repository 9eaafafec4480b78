import { describe, expect, it } from "vitest"
import { RETRY_MAX_MS, retryDelayMs } from "./retryDelay.js"

describe("retryDelayMs", () => {
  it("doubles the wait after each failed attempt, from the base", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000))).toEqual([1_000, 2_000, 4_000, 8_000])
  })
  it("never waits longer than an hour", () => {
    expect(retryDelayMs(40, 1_000)).toBe(RETRY_MAX_MS)
  })
})
