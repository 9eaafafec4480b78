import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Topic } from "@fleetcore/proto"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { makeDurableLogBus } from "./DurableLogBus.js"
import { makeInProcessBus } from "./InProcessBus.js"
import { instrumentBus } from "./instrumentBus.js"
import { makeLog } from "./Log.js"
import { makeMetrics } from "./Metrics.js"

const topic: Topic<{ readonly n: number }> = { name: "test.hops.v1", durable: true }
const log = makeLog("error")

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleet-hops-"))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const openBus = () =>
  makeDurableLogBus({
    dir,
    partitions: 2,
    segmentBytes: 1024 * 1024,
    diskBudgetBytes: 64 * 1024 * 1024,
    publishTimeoutMs: 1_000,
    durability: "interval",
    maxBatch: 100,
    memoryRecords: 1_000,
    maxLag: 100_000,
    log,
    ephemeral: makeInProcessBus({ partitions: 2, partitionCapacity: 100, maxBatch: 100, log }),
  })

/** The value of one sample line of the Prometheus text, e.g. `name{label="x"}`. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe("instrumentBus", () => {
  it("measures each publish, each handled batch and each group's lag per partition", async () => {
    const metrics = makeMetrics()
    const bus = instrumentBus(openBus(), metrics)
    let release: () => void = () => undefined
    const blocked = new Promise<void>((resolve) => {
      release = resolve
    })
    let handled = 0
    const sub = await bus.subscribe(topic, "slow", async (batch) => {
      await blocked
      handled += batch.length
    })
    // Three keys over two partitions; each publish is one observation, whatever its size.
    for (let i = 0; i < 5; i++)
      await bus.publish(topic, [
        { key: "a", value: { n: i } },
        { key: "b", value: { n: i } },
        { key: "c", value: { n: i } },
      ])
    const waiting = await metrics.registry.metrics()
    expect(sample(waiting, 'fleet_bus_publish_seconds_count{topic="test.hops.v1"}')).toBe(5)
    const lags = [0, 1].map(
      (p) =>
        sample(
          waiting,
          `fleet_bus_consumer_lag_records{topic="test.hops.v1",group="slow",partition="${p}"}`,
        ) ?? 0,
    )
    expect(lags.reduce((a, b) => a + b, 0)).toBe(15)

    release()
    await expect.poll(() => handled, { timeout: 5_000 }).toBe(15)
    await expect
      .poll(async () => {
        const text = await metrics.registry.metrics()
        return [0, 1].map((p) =>
          sample(text, `fleet_bus_consumer_lag_records{topic="test.hops.v1",group="slow",partition="${p}"}`),
        )
      })
      .toEqual([0, 0])
    const done = await metrics.registry.metrics()
    const batches = sample(done, 'fleet_bus_handler_seconds_count{topic="test.hops.v1",group="slow"}') ?? 0
    expect(batches).toBeGreaterThanOrEqual(2)
    expect(sample(done, 'fleet_bus_batch_records_sum{topic="test.hops.v1",group="slow"}')).toBe(15)
    await sub.close()
    await bus.close()
  })
})
