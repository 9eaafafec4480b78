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

describe("durable partition", () => {
  it("lets go of the records every consumer has passed at once, not when its array is next compacted", async () => {
    const partition = new DurablePartition(20_000, 10_000)
    partition.log = await PartitionLog.open({
      dir,
      segmentBytes: 1 << 20,
      durability: "interval",
      onDurable: (first, values) => partition.onDurable(first, values),
    })
    // The consumer's position is all the partition reads of it.
    const consumer = { position: 0 }
    partition.consumers.set("engine", consumer as LogConsumer)
    const handled: WeakRef<object>[] = []
    const waiting: WeakRef<object>[] = []
    for (let i = 0; i < 100; i++) {
      const value = { i }
      ;(i < 60 ? handled : waiting).push(new WeakRef(value))
      await partition.log.append([JSON.stringify(value)], [value])
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
})
