import { describe, expect, it } from "vitest"
import { SendTimes } from "./SendTimes.js"

describe("when the messages a live position shows stored were sent", () => {
  it("times every message up to the live position, not only the newest", () => {
    const sends = new SendTimes(2)
    // Device 0: one point a message at times 1–4, sent 10 ms apart; one stored batch holds 1–3.
    for (let t = 1; t <= 4; t++) sends.sent(0, t, 100 + t * 10)
    sends.sent(1, 5, 200)
    expect(sends.storedUpTo(0, 3)).toEqual([110, 120, 130])
    expect(sends.storedUpTo(0, 4)).toEqual([140])
    expect(sends.storedUpTo(1, 5)).toEqual([200])
  })

  it("counts a message once, and one split over two batches with the second", () => {
    const sends = new SendTimes(1)
    // Three points a message (times 1–3, 4–6, 7–9), the device's clock ahead of the wall.
    sends.sent(0, 3, 100)
    sends.sent(0, 6, 110)
    sends.sent(0, 9, 120)
    expect(sends.storedUpTo(0, 5)).toEqual([100])
    expect(sends.storedUpTo(0, 5)).toEqual([])
    expect(sends.storedUpTo(0, 9)).toEqual([110, 120])
  })

  it("knows nothing of a point not sent yet or of an unknown device", () => {
    const sends = new SendTimes(1)
    sends.sent(0, 10, 100)
    expect(sends.storedUpTo(3, 10)).toEqual([])
    expect(sends.storedUpTo(0, 9)).toEqual([])
    expect(sends.storedUpTo(0, 25)).toEqual([100])
    sends.sent(0, 30, 300)
    // A live position never moves back; an older one shows nothing new.
    expect(sends.storedUpTo(0, 15)).toEqual([])
    expect(sends.storedUpTo(0, 30)).toEqual([300])
  })

  it("keeps a long run's memory bounded by what is still ahead", () => {
    const sends = new SendTimes(1)
    let timed = 0
    for (let t = 1; t <= 100_000; t++) {
      sends.sent(0, t, t * 10)
      if (t % 10 === 0) timed += sends.storedUpTo(0, t).length
    }
    expect(timed).toBe(100_000)
    const kept = (sends as unknown as { times: number[][] }).times[0]?.length ?? 0
    expect(kept).toBeLessThan(10_000)
  })
})
