import type { Topic } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { makeInProcessBus, partitionOf } from "./InProcessBus.js"
import { makeLog } from "./Log.js"

const topic: Topic<{ key: string; n: number }> = { name: "test.v1", durable: false }
const log = makeLog("silent")
const bus = (partitionCapacity = 100, maxBatch = 10) =>
  makeInProcessBus({ partitions: 4, partitionCapacity, maxBatch, log })
const msg = (key: string, n: number) => ({ key, value: { key, n } })

describe("in-process bus", () => {
  it("delivers every message of a key in publish order", async () => {
    const b = bus()
    const seen = new Map<string, number[]>()
    await b.subscribe(topic, "g", async (batch) => {
      for (const m of batch) seen.set(m.key, [...(seen.get(m.key) ?? []), m.n])
    })
    for (let i = 0; i < 50; i++) await b.publish(topic, [msg("a", i), msg("b", i), msg("c", i)])
    await b.close()
    for (const k of ["a", "b", "c"]) expect(seen.get(k)).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })

  it("gives each consumer group every message", async () => {
    const b = bus()
    const one: number[] = []
    const two: number[] = []
    await b.subscribe(topic, "one", async (batch) => void one.push(...batch.map((m) => m.n)))
    await b.subscribe(topic, "two", async (batch) => void two.push(...batch.map((m) => m.n)))
    await b.publish(topic, [msg("k", 1), msg("k", 2)])
    await b.close()
    expect(one).toEqual([1, 2])
    expect(two).toEqual([1, 2])
  })

  it("keeps publishers waiting while a partition is full (backpressure)", async () => {
    const b = bus(10, 5)
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => {
      release = r
    })
    const handled: number[] = []
    await b.subscribe(topic, "slow", async (batch) => {
      await gate
      handled.push(...batch.map((m) => m.n))
    })
    let accepted = false
    const publishing = b
      .publish(
        topic,
        Array.from({ length: 30 }, (_, i) => msg("same-key", i)),
      )
      .then(() => {
        accepted = true
      })
    await new Promise((r) => setTimeout(r, 20))
    expect(accepted).toBe(false)
    expect(b.pending()).toBe(30)
    release()
    await publishing
    expect(accepted).toBe(true)
    await b.close()
    expect(handled).toEqual(Array.from({ length: 30 }, (_, i) => i))
  })

  it("retries a failed batch instead of dropping it", async () => {
    const b = bus()
    let failures = 0
    const handled: number[] = []
    await b.subscribe(topic, "flaky", async (batch) => {
      if (failures < 2) {
        failures++
        throw new Error("store unavailable")
      }
      handled.push(...batch.map((m) => m.n))
    })
    await b.publish(topic, [msg("k", 1), msg("k", 2)])
    await b.close()
    expect(failures).toBe(2)
    expect(handled).toEqual([1, 2])
  })

  it("refuses to publish a durable topic where nobody consumes, rather than dropping silently", async () => {
    const durable: Topic<{ key: string; n: number }> = { name: "test.durable.v1", durable: true }
    await expect(bus().publish(durable, [msg("k", 1)])).rejects.toThrow(/no consumer/)
  })

  it("lets a best-effort topic's messages go where nobody listens yet, and delivers once someone does", async () => {
    const b = bus()
    await expect(b.publish(topic, [msg("k", 1)])).resolves.toBeUndefined()
    const handled: number[] = []
    await b.subscribe(topic, "late", async (batch) => {
      for (const m of batch) handled.push(m.n)
    })
    await b.publish(topic, [msg("k", 2)])
    await expect.poll(() => handled).toEqual([2])
  })

  it("maps a key to the same partition every time", () => {
    expect(partitionOf("vehicle-1", 8)).toBe(partitionOf("vehicle-1", 8))
    const spread = new Set(Array.from({ length: 100 }, (_, i) => partitionOf(`v-${i}`, 8)))
    expect(spread.size).toBe(8)
  })
})
