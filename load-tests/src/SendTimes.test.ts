import { describe, expect, it } from "vitest"
import { SendTimes } from "./SendTimes.js"

describe("when a live position's message was sent", () => {
  it("finds the message holding a point, whichever of its points arrives", () => {
    const sends = new SendTimes(2)
    // Device 0: three messages of three points (times 1–3, 4–6, 7–9), the clock ahead of the wall.
    sends.sent(0, 3, 100)
    sends.sent(0, 6, 110)
    sends.sent(0, 9, 120)
    sends.sent(1, 5, 200)
    expect(sends.sentAt(0, 2)).toBe(100)
    expect(sends.sentAt(0, 3)).toBe(100)
    expect(sends.sentAt(0, 5)).toBe(110)
    expect(sends.sentAt(0, 9)).toBe(120)
    expect(sends.sentAt(1, 5)).toBe(200)
  })

  it("knows nothing of a point not sent yet or of an unknown device, and forgets the messages behind", () => {
    const sends = new SendTimes(1)
    sends.sent(0, 10, 100)
    sends.sent(0, 20, 200)
    expect(sends.sentAt(0, 21)).toBeNull()
    expect(sends.sentAt(3, 10)).toBeNull()
    sends.sent(0, 30, 300)
    expect(sends.sentAt(0, 30)).toBe(300)
    // Live positions never move back, so the messages before the last one asked for are let go.
    expect(sends.sentAt(0, 15)).toBe(300)
  })

  it("keeps a long run's memory bounded by what is still ahead", () => {
    const sends = new SendTimes(1)
    for (let t = 1; t <= 100_000; t++) {
      sends.sent(0, t, t * 10)
      if (t % 10 === 0) expect(sends.sentAt(0, t)).toBe(t * 10)
    }
    const kept = (sends as unknown as { times: number[][] }).times[0]?.length ?? 0
    expect(kept).toBeLessThan(10_000)
  })
})
