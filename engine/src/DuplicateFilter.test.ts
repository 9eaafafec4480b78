import { describe, expect, it } from "vitest"
import { DuplicateFilter } from "./DuplicateFilter.js"

const point = (vehicleId: string, timeMs: number, deviceId = `dev-${vehicleId}`) => ({
  vehicleId,
  deviceId,
  timeMs,
})

describe("DuplicateFilter", () => {
  it("passes each distinct point once, within a batch and across batches", () => {
    const f = new DuplicateFilter(10)
    const fresh = f.fresh([point("a", 1), point("a", 1), point("b", 1)])
    expect(fresh).toEqual([point("a", 1), point("b", 1)])
    for (const p of fresh) f.remember(p)
    expect(f.fresh([point("a", 1), point("a", 2)])).toEqual([point("a", 2)])
  })

  it("tells two devices of one vehicle apart at the same time", () => {
    const f = new DuplicateFilter(10)
    const both = [point("a", 1, "tracker"), point("a", 1, "dongle")]
    expect(f.fresh(both)).toEqual(both)
    f.remember(point("a", 1, "tracker"))
    expect(f.fresh(both)).toEqual([point("a", 1, "dongle")])
  })

  it("does not treat a redelivered batch that was never stored as duplicate", () => {
    const f = new DuplicateFilter(10)
    const batch = [point("a", 1)]
    expect(f.fresh(batch)).toHaveLength(1)
    expect(f.fresh(batch)).toHaveLength(1)
  })

  it("forgets every point once cleared (a batch failed to store: what comes again is fresh)", () => {
    const f = new DuplicateFilter(10)
    const batch = [point("a", 1), point("a", 2), point("b", 1)]
    for (const p of f.fresh(batch)) f.remember(p)
    expect(f.fresh(batch)).toEqual([])
    f.clear()
    expect(f.fresh(batch)).toEqual(batch)
  })

  it("forgets the oldest ids past its bound, one at a time", () => {
    const f = new DuplicateFilter(2)
    for (const t of [1, 2, 3]) f.remember(point("a", t))
    expect(f.fresh([point("a", 1), point("a", 2), point("a", 3)])).toEqual([point("a", 1)])
    f.remember(point("a", 4))
    expect(f.fresh([point("a", 2), point("a", 3), point("a", 4)])).toEqual([point("a", 2)])
    // Remembering a time it still holds changes nothing.
    f.remember(point("a", 4))
    expect(f.fresh([point("a", 3)])).toEqual([])
  })

  it("agrees with a plain model on streams with repeats, clock steps back and backlogs", () => {
    // The model: per device, the last `bound` distinct times remembered, in the order remembered.
    const bound = 8
    const model = new Map<string, number[]>()
    const modelFresh = (items: ReadonlyArray<ReturnType<typeof point>>) => {
      const passed = new Set<string>()
      return items.filter((p) => {
        const key = `${p.deviceId}@${p.timeMs}`
        if ((model.get(p.deviceId) ?? []).includes(p.timeMs) || passed.has(key)) return false
        passed.add(key)
        return true
      })
    }
    const modelRemember = (p: ReturnType<typeof point>) => {
      const times = model.get(p.deviceId) ?? []
      model.set(p.deviceId, times)
      if (times.includes(p.timeMs)) return
      times.push(p.timeMs)
      if (times.length > bound) times.shift()
    }
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const f = new DuplicateFilter(bound)
    const clock = new Map<string, number>()
    let compared = 0
    for (let round = 0; round < 3000; round++) {
      const batch: ReturnType<typeof point>[] = []
      const size = 1 + Math.floor(random() * 12)
      for (let i = 0; i < size; i++) {
        const vehicle = random() < 0.5 ? "a" : "b"
        const device = random() < 0.8 ? `dev-${vehicle}` : `obd-${vehicle}`
        const now = clock.get(device) ?? 1_700_000_000_000
        const roll = random()
        // Mostly the next second; sometimes a repeat, a step back, or an old point of a backlog.
        const timeMs =
          roll < 0.7
            ? now + 1000
            : roll < 0.8
              ? now
              : roll < 0.9
                ? now - 1000 * Math.floor(random() * 12)
                : now - 60_000
        if (timeMs > now) clock.set(device, timeMs)
        batch.push(point(vehicle, timeMs, device))
      }
      const fresh = f.fresh(batch)
      expect(fresh).toEqual(modelFresh(batch))
      compared += batch.length
      // Some batches fail to store and are not remembered; of the rest, remember the fresh ones.
      if (random() < 0.9) {
        for (const p of fresh) {
          f.remember(p)
          modelRemember(p)
        }
      }
    }
    expect(compared).toBeGreaterThan(15_000)
  })
})
