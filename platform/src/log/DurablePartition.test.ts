import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DurablePartition } from "./DurablePartition.js"
import type { LogConsumer } from "./LogConsumer.js"
import { PartitionLog } from "./PartitionLog.js"

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleet-durable-partition-"))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

/** A partition over a fresh log in `dir`: memory bound and lag limit as given. */
const openPartition = async (memoryRecords: number, maxLag: number): Promise<DurablePartition> => {
  const partition = new DurablePartition(memoryRecords, maxLag)
  partition.log = await PartitionLog.open({
    dir,
    segmentBytes: 1 << 20,
    durability: "interval",
    onDurable: (first, values) => partition.onDurable(first, values),
  })
  return partition
}

describe("durable partition", () => {
  it("lets go of the records every consumer has passed at once, not when its array is next compacted", async () => {
    const partition = await openPartition(20_000, 10_000)
    // The consumer's position is all the partition reads of it.
    const consumer = { position: 0 }
    partition.consumers.set("engine", consumer as LogConsumer)
    const handled: WeakRef<object>[] = []
    const waiting: WeakRef<object>[] = []
    for (let i = 0; i < 100; i++) {
      const value = { i }
      ;(i < 60 ? handled : waiting).push(new WeakRef(value))
      await partition.log.append([value], JSON.stringify)
    }
    consumer.position = 60
    partition.trim()
    expect(partition.fromMemory(60, 100)).toHaveLength(40)
    // A WeakRef holds its target until the job that made it ends.
    await new Promise((resolve) => setTimeout(resolve, 0))
    gc()
    expect(handled.filter((ref) => ref.deref() !== undefined)).toHaveLength(0)
    expect(waiting.filter((ref) => ref.deref() !== undefined)).toHaveLength(40)
    await partition.log.close()
  })

  it("keeps records out of the log while consumers are maxLag behind, so what they have not read stays in memory", async () => {
    const partition = await openPartition(60, 50)
    const consumer = { position: 0, failing: false }
    partition.consumers.set("engine", consumer as unknown as LogConsumer)
    const values = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ i: from + i }))
    const encode = (v: unknown) => JSON.stringify(v)
    await partition.append(values(0, 40), encode)
    // 40 behind: 20 more would pass 50. Two publishers wait, in order, with nothing appended.
    const order: string[] = []
    const second = partition.append(values(40, 20), encode).then(() => order.push("second"))
    const third = partition.append(values(60, 5), encode).then(() => order.push("third"))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(order).toEqual([])
    expect(partition.log.appendedOffset).toBe(40)
    // The consumer finishes 30: 10 behind, both fit (10 + 20 + 5 <= 50) and go in in order.
    consumer.position = 30
    partition.trim()
    await Promise.all([second, third])
    expect(order).toEqual(["second", "third"])
    expect(partition.fromMemory(30, 100).map((v) => (v as { i: number }).i)).toEqual(
      Array.from({ length: 35 }, (_, i) => 30 + i),
    )
    // A message larger than maxLag goes in alone, once the consumer has caught up.
    const big = partition.append(values(65, 80), encode)
    let bigIn = false
    void big.then(() => (bigIn = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(bigIn).toBe(false)
    consumer.position = 65
    partition.trim()
    await big
    expect(partition.log.endOffset).toBe(145)
    // While a consumer fails (its store is away), nothing waits: the log absorbs.
    consumer.failing = true
    await partition.append(values(145, 10), encode)
    expect(partition.log.endOffset).toBe(155)
    await partition.log.close()
  })
})
