import { describe, expect, it } from "vitest"
import { defaultLoginThrottleConfig, LoginThrottle, type Reservation } from "./LoginThrottle.js"

const T0 = 1_700_000_000_000
const settle = (r: Reservation, outcome: "success" | "failure", now: number) => {
  if (!r.ok) throw new Error("expected the attempt to be allowed")
  r.settle(outcome, now)
}

describe("LoginThrottle", () => {
  it("counts attempts in flight: of 60 concurrent guesses only the free allowance runs", () => {
    const throttle = new LoginThrottle()
    const reserved = Array.from({ length: 60 }, () => throttle.reserve("victim@x", "10.0.0.9", T0))
    expect(reserved.filter((r) => r.ok)).toHaveLength(defaultLoginThrottleConfig.pairFree)
    const refused = reserved.find((r) => !r.ok)
    expect(refused).toMatchObject({ ok: false })
  })

  it("doubles the wait after each failure past the allowance, per account and address", () => {
    const throttle = new LoginThrottle()
    let now = T0
    for (let i = 0; i < 3; i++) settle(throttle.reserve("victim@x", "10.0.0.9", now), "failure", now)
    const waits: number[] = []
    for (let i = 0; i < 4; i++) {
      const refused = throttle.reserve("victim@x", "10.0.0.9", now)
      if (refused.ok) throw new Error("expected a refusal")
      waits.push(refused.retryAfterMs)
      now += refused.retryAfterMs
      settle(throttle.reserve("victim@x", "10.0.0.9", now), "failure", now)
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000])
  })

  it("is not reset by a success to another account from the same address", () => {
    const throttle = new LoginThrottle()
    let evaluated = 0
    let now = T0
    for (let i = 0; i < 45; i++) {
      const guess = throttle.reserve(`victim${i % 3}@x`, "10.0.0.9", now)
      if (guess.ok) {
        evaluated++
        guess.settle("failure", now)
      }
      settle(throttle.reserve("attacker@x", "10.0.0.9", now), "success", now)
      now += 100
    }
    // 3 free guesses per victim, then 1 s, 2 s… between guesses: 45 become 15.
    expect(evaluated).toBe(15)
  })

  it("limits failures per address across accounts within the window", () => {
    const throttle = new LoginThrottle()
    const { addressFailures, windowMs } = defaultLoginThrottleConfig
    for (let i = 0; i < addressFailures; i++)
      settle(throttle.reserve(`a${i}@x`, "10.0.0.9", T0), "failure", T0)
    expect(throttle.reserve("another@x", "10.0.0.9", T0).ok).toBe(false)
    expect(throttle.reserve("another@x", "10.0.0.9", T0 + windowMs).ok).toBe(true)
  })

  it("does not let strangers lock the real user out of the address they log in from", () => {
    const throttle = new LoginThrottle()
    settle(throttle.reserve("victim@x", "192.0.2.1", T0), "success", T0)
    // Many strangers, each staying under the per-address limit, fail for the victim's account.
    for (let s = 0; s < 20; s++) {
      for (let i = 0; i < 3; i++) {
        const guess = throttle.reserve("victim@x", `198.51.100.${s}`, T0 + 1)
        if (guess.ok) guess.settle("failure", T0 + 1)
      }
    }
    expect(throttle.reserve("victim@x", "203.0.113.7", T0 + 2).ok).toBe(false)
    const own = throttle.reserve("victim@x", "192.0.2.1", T0 + 2)
    expect(own.ok).toBe(true)
  })

  it("stays within its entry bound whatever is guessed", () => {
    const throttle = new LoginThrottle({ ...defaultLoginThrottleConfig, maxEntries: 100 })
    for (let i = 0; i < 10_000; i++) {
      const r = throttle.reserve(`u${i}@x`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, T0)
      if (r.ok) r.settle("failure", T0)
    }
    expect(throttle.size).toBeLessThanOrEqual(300)
  })
})
