import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { describe, expect, it } from "vitest"
import { PartitionQueue } from "./PartitionQueue.js"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

/** Lets the job that made a WeakRef end (it holds its target until then), then collects. */
const collect = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0))
  gc()
}
const alive = (refs: ReadonlyArray<WeakRef<object>>) => refs.filter((r) => r.deref() !== undefined).length

describe("partition queue", () => {
  it("hands batches over in order and lets go of each item once it is handled", async () => {
    const seen: number[] = []
    let release: () => void = () => undefined
    const second = new Promise<void>((resolve) => {
      release = resolve
    })
    let batches = 0
    const queue = new PartitionQueue<{ readonly i: number }>({
      capacity: 100,
      maxBatch: 5,
      handler: async (batch) => {
        batches++
        for (const item of batch) seen.push(item.i)
        if (batches === 2) await second
      },
      onError: () => undefined,
    })
    // Made in a function of their own: a suspended async test keeps its locals' last values.
    const pushed = (from: number, to: number) => {
      const refs: WeakRef<object>[] = []
      for (let i = from; i < to; i++) {
        const item = { i }
        refs.push(new WeakRef(item))
        queue.push(item)
      }
      return refs
    }
    const first = pushed(0, 5)
    const rest = pushed(5, 12)
    await expect.poll(() => batches).toBe(2)
    await collect()
    // The first batch is handled; the second is with its handler; the third is queued.
    expect(alive(first)).toBe(0)
    expect(alive(rest)).toBe(7)
    release()
    await queue.drain()
    await collect()
    expect(alive(rest)).toBe(0)
    expect(seen).toEqual([...Array(12).keys()])
    expect(queue.size()).toBe(0)
  })
})
