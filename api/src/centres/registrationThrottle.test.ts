import { describe, expect, it } from "vitest"
import { RegistrationThrottle } from "./registrationThrottle.js"

describe("registration throttle", () => {
  it("lets an address register perWindow times per window, then says how long to wait", () => {
    const t = new RegistrationThrottle({ perWindow: 2, windowMs: 1000, maxAddresses: 10 })
    expect(t.take("a", 0)).toBe(0)
    expect(t.take("a", 100)).toBe(0)
    expect(t.take("a", 200)).toBe(800)
    expect(t.take("b", 200)).toBe(0)
    expect(t.take("a", 1001)).toBe(0)
  })

  it("forgets the oldest address past maxAddresses", () => {
    const t = new RegistrationThrottle({ perWindow: 1, windowMs: 1000, maxAddresses: 2 })
    t.take("a", 0)
    t.take("b", 0)
    t.take("c", 0)
    expect(t.take("a", 1)).toBe(0)
    expect(t.take("c", 1)).toBe(999)
  })
})
