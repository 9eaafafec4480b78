import { describe, expect, it } from "vitest"
import { DEFAULT_AUTH_THROTTLE, makeAuthThrottle } from "./AuthThrottle.js"

const makeClock = () => {
  let t = 1_000_000
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms
    },
  }
}

describe("makeAuthThrottle", () => {
  it("backs off a device id + address after 5 failures, doubling up to the cap", () => {
    const clock = makeClock()
    const throttle = makeAuthThrottle(DEFAULT_AUTH_THROTTLE, clock.now)
    for (let i = 0; i < 6; i++) expect(throttle.begin("dev", "10.0.0.1")).toBe(0)
    expect(throttle.begin("dev", "10.0.0.1")).toBe(1_000)
    clock.advance(1_000)
    expect(throttle.begin("dev", "10.0.0.1")).toBe(0)
    expect(throttle.begin("dev", "10.0.0.1")).toBe(2_000)
    for (let i = 0; i < 20; i++) {
      clock.advance(10 * 60_000 - 1) // stays within the 15-minute memory, past every back-off
      throttle.begin("dev", "10.0.0.1")
    }
    expect(throttle.begin("dev", "10.0.0.1")).toBe(DEFAULT_AUTH_THROTTLE.maxDelayPerDeviceMs)
  })

  it("does not lock the real device out from its own address", () => {
    const throttle = makeAuthThrottle(DEFAULT_AUTH_THROTTLE, makeClock().now)
    for (let i = 0; i < 40; i++) throttle.begin("dev", "203.0.113.9")
    expect(throttle.begin("dev", "203.0.113.9")).toBeGreaterThan(0)
    expect(throttle.begin("dev", "10.0.0.1")).toBe(0)
  })

  it("counts concurrent attempts before they are checked, and a success takes its own back", () => {
    const throttle = makeAuthThrottle(DEFAULT_AUTH_THROTTLE, makeClock().now)
    // 60 guesses in flight at once: only the first 6 are checked.
    const checked = Array.from({ length: 60 }, () => throttle.begin("dev", "198.51.100.1")).filter(
      (w) => w === 0,
    )
    expect(checked).toHaveLength(6)
    // Devices behind one NAT address connecting successfully never throttle each other.
    for (let i = 0; i < 500; i++) {
      expect(throttle.begin(`dev-${i}`, "192.0.2.1")).toBe(0)
      throttle.succeeded(`dev-${i}`, "192.0.2.1")
    }
  })

  it("lets a whole fleet behind one address reconnect at once (a restart, a carrier NAT)", () => {
    const throttle = makeAuthThrottle(DEFAULT_AUTH_THROTTLE, makeClock().now)
    const begun = Array.from({ length: 2_000 }, (_, i) => throttle.begin(`fleet-${i}`, "192.0.2.9"))
    expect(begun.every((w) => w === 0)).toBe(true)
    for (let i = 0; i < 2_000; i++) throttle.succeeded(`fleet-${i}`, "192.0.2.9")
    expect(throttle.begin("fleet-late", "192.0.2.9")).toBe(0)
  })

  it("backs off an address that sweeps many device ids, for at most a minute", () => {
    const clock = makeClock()
    const throttle = makeAuthThrottle(DEFAULT_AUTH_THROTTLE, clock.now)
    for (let i = 0; i < 51; i++) {
      expect(throttle.begin(`guess-${i}`, "198.51.100.7")).toBe(0)
      throttle.failed(`guess-${i}`, "198.51.100.7")
    }
    expect(throttle.begin("another", "198.51.100.7")).toBe(1_000)
    for (let i = 0; i < 20; i++) {
      clock.advance(60_000)
      throttle.begin(`guess-x${i}`, "198.51.100.7")
      throttle.failed(`guess-x${i}`, "198.51.100.7")
    }
    expect(throttle.begin("another", "198.51.100.7")).toBeLessThanOrEqual(60_000)
  })

  it("forgets quiet keys and keeps at most maxKeys", () => {
    const clock = makeClock()
    const throttle = makeAuthThrottle({ ...DEFAULT_AUTH_THROTTLE, maxKeys: 3 }, clock.now)
    for (let i = 0; i < 10; i++) throttle.begin("dev", "10.0.0.1")
    expect(throttle.begin("dev", "10.0.0.1")).toBeGreaterThan(0)
    for (let i = 0; i < 3; i++) throttle.begin("other", `10.0.1.${i}`) // evicts the oldest keys
    expect(throttle.begin("dev", "10.0.0.1")).toBe(0)
    for (let i = 0; i < 10; i++) throttle.begin("dev", "10.0.0.2")
    clock.advance(DEFAULT_AUTH_THROTTLE.forgetAfterMs + 1)
    expect(throttle.begin("dev", "10.0.0.2")).toBe(0)
  })
})
