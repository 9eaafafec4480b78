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
})
