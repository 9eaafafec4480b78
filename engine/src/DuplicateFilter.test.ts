import { describe, expect, it } from "vitest"
import { DuplicateFilter } from "./DuplicateFilter.js"

const id = (p: { t: number }) => String(p.t)
const vehicle = (p: { v: string }) => p.v

describe("DuplicateFilter", () => {
  it("passes each distinct point once, within a batch and across batches", () => {
    const f = new DuplicateFilter(10)
    const batch = [
      { v: "a", t: 1 },
      { v: "a", t: 1 },
      { v: "b", t: 1 },
    ]
    const fresh = f.fresh(batch, vehicle, id)
    expect(fresh).toEqual([
      { v: "a", t: 1 },
      { v: "b", t: 1 },
    ])
    for (const p of fresh) f.remember(p.v, id(p))
    expect(
      f.fresh(
        [
          { v: "a", t: 1 },
          { v: "a", t: 2 },
        ],
        vehicle,
        id,
      ),
    ).toEqual([{ v: "a", t: 2 }])
  })

  it("does not treat a redelivered batch that was never stored as duplicate", () => {
    const f = new DuplicateFilter(10)
    const batch = [{ v: "a", t: 1 }]
    expect(f.fresh(batch, vehicle, id)).toHaveLength(1)
    expect(f.fresh(batch, vehicle, id)).toHaveLength(1)
  })

  it("forgets the oldest ids past its bound", () => {
    const f = new DuplicateFilter(2)
    for (const t of [1, 2, 3]) f.remember("a", String(t))
    expect(
      f.fresh(
        [
          { v: "a", t: 1 },
          { v: "a", t: 3 },
        ],
        vehicle,
        id,
      ),
    ).toEqual([{ v: "a", t: 1 }])
  })
})
