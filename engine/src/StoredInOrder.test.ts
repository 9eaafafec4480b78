import { describe, expect, it } from "vitest"
import { StoredInOrder, type Waiting } from "./StoredInOrder.js"

const recorder = (fail: (items: ReadonlyArray<string>) => boolean = () => false) => {
  const runs: string[][] = []
  const inOrder = new StoredInOrder<string>(async (items) => {
    if (fail(items)) throw new Error("rules state not loaded")
    runs.push([...items])
  })
  return { runs, inOrder }
}

/** The failed batches leave partition 0 and are delivered again, stored this time. */
const redeliver = (inOrder: StoredInOrder<string>, failed: ReadonlyArray<Waiting<string>>) => {
  for (const w of failed) inOrder.leave(0, w)
  return failed.map((w) => {
    const again = inOrder.enter(0, w.items)
    again.stored = true
    return again
  })
}

describe("StoredInOrder: what stored batches change, applied in the partition's order", () => {
  it("applies a stored batch with the stored batches right behind it, in one run", async () => {
    const { runs, inOrder } = recorder()
    const a = inOrder.enter(0, ["a1", "a2"])
    const b = inOrder.enter(0, ["b1"])
    const c = inOrder.enter(0, ["c1"])
    for (const w of [a, b, c]) w.stored = true
    await inOrder.run(0, a)
    expect(runs).toEqual([["a1", "a2", "b1", "c1"]])
    // The batches taken along are done: their own run applies nothing again.
    await inOrder.run(0, b)
    await inOrder.run(0, c)
    expect(runs).toHaveLength(1)
  })

  it("stops at a batch not stored yet: nothing behind it is applied before it", async () => {
    const { runs, inOrder } = recorder()
    const a = inOrder.enter(0, ["a"])
    const b = inOrder.enter(0, ["b"])
    const c = inOrder.enter(0, ["c"])
    a.stored = true
    c.stored = true
    await inOrder.run(0, a)
    expect(runs).toEqual([["a"]])
    b.stored = true
    await inOrder.run(0, b)
    await inOrder.run(0, c)
    expect(runs).toEqual([["a"], ["b", "c"]])
  })

  it("refuses to apply a batch while one delivered ahead of it is still waiting", async () => {
    const { runs, inOrder } = recorder()
    inOrder.enter(0, ["a"])
    const b = inOrder.enter(0, ["b"])
    b.stored = true
    await expect(inOrder.run(0, b)).rejects.toThrow(/before the ones delivered ahead/)
    expect(runs).toEqual([])
  })

  it("keeps partitions apart: one waiting does not hold another", async () => {
    const { runs, inOrder } = recorder()
    inOrder.enter(0, ["p0"])
    const other = inOrder.enter(1, ["p1"])
    other.stored = true
    await inOrder.run(1, other)
    expect(runs).toEqual([["p1"]])
  })

  it("after a store failed, applies the batches delivered again as if nothing had waited", async () => {
    const { runs, inOrder } = recorder()
    const a = inOrder.enter(0, ["a"])
    const b = inOrder.enter(0, ["b"])
    b.stored = true
    // a's store failed, so b (which waits on a) fails too: both leave and come again.
    const [a2] = redeliver(inOrder, [a, b])
    await inOrder.run(0, a2 as Waiting<string>)
    expect(runs).toEqual([["a", "b"]])
  })

  it("when a run fails, the batches it took come again with it and are applied once", async () => {
    let failOnce = true
    const { runs, inOrder } = recorder(() => {
      const fail = failOnce
      failOnce = false
      return fail
    })
    const a = inOrder.enter(0, ["a"])
    const b = inOrder.enter(0, ["b"])
    a.stored = true
    b.stored = true
    await expect(inOrder.run(0, a)).rejects.toThrow(/rules state/)
    for (const again of redeliver(inOrder, [a, b])) await inOrder.run(0, again)
    expect(runs).toEqual([["a", "b"]])
  })
})
