import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  type DeviceId,
  type OrgId,
  type TelemetryRecord,
  TelemetryTopic,
  type Topic,
  type VehicleId,
} from "@fleetcore/proto"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { BusTransport } from "./Bus.js"
import { BusFullError, type DurableLogBusOptions, makeDurableLogBus } from "./DurableLogBus.js"
import { makeInProcessBus } from "./InProcessBus.js"
import { makeLog } from "./Log.js"
import { scanFrame } from "./log/recordFrame.js"

interface Msg {
  readonly key: string
  readonly n: number
}
const topic: Topic<Msg> = { name: "test.durable.v1", durable: true }
const log = makeLog("error")

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleet-log-"))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const open = (overrides: Partial<DurableLogBusOptions> = {}): BusTransport =>
  makeDurableLogBus({
    dir,
    partitions: 2,
    segmentBytes: 1024 * 1024,
    diskBudgetBytes: 64 * 1024 * 1024,
    publishTimeoutMs: 1_000,
    durability: "always",
    maxBatch: 100,
    memoryRecords: 1_000,
    maxLag: 100_000,
    log,
    ephemeral: makeInProcessBus({ partitions: 2, partitionCapacity: 100, maxBatch: 100, log }),
    ...overrides,
  })

const messages = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    key: `k${(from + i) % 5}`,
    value: { key: `k${(from + i) % 5}`, n: from + i },
  }))

/** Subscribes and collects until `count` messages arrived. */
const collect = async (bus: BusTransport, group: string, count: number, seen: Msg[] = []) => {
  let done: () => void = () => undefined
  const all = new Promise<void>((r) => {
    done = r
  })
  const sub = await bus.subscribe(topic, group, async (batch) => {
    seen.push(...batch)
    if (seen.length >= count) done()
  })
  if (count > 0) await all
  return { seen, sub }
}

const inKeyOrder = (seen: ReadonlyArray<Msg>) => {
  const last = new Map<string, number>()
  for (const m of seen) {
    expect(m.n).toBeGreaterThan(last.get(m.key) ?? -1)
    last.set(m.key, m.n)
  }
}

describe("durable log bus", () => {
  it("keeps what was published across a restart and hands it to a consumer in key order", async () => {
    const first = open()
    await first.publish(topic, messages(0, 500))
    await first.close()

    const second = open()
    const { seen, sub } = await collect(second, "g", 500)
    expect(seen.map((m) => m.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i))
    inKeyOrder(seen)
    await sub.close()
    await second.close()
  })

  it("redelivers only what a group had not finished, and retries a failed batch", async () => {
    const bus = open()
    await bus.publish(topic, messages(0, 100))
    let failures = 0
    const handled: Msg[] = []
    let done: () => void = () => undefined
    const all = new Promise<void>((r) => {
      done = r
    })
    const sub = await bus.subscribe(topic, "g", async (batch) => {
      if (failures < 2) {
        failures++
        throw new Error("store down")
      }
      handled.push(...batch)
      if (handled.length === 100) done()
    })
    await all
    await sub.close()
    await bus.publish(topic, messages(100, 50))
    await bus.close()

    const again = open()
    const { seen, sub: sub2 } = await collect(again, "g", 50)
    expect(seen.map((m) => m.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i))
    await sub2.close()
    await again.close()
    expect(handled).toHaveLength(100)
  })

  it("cuts a torn tail left by a crash and keeps every whole record", async () => {
    const bus = open({ partitions: 1 })
    await bus.publish(topic, messages(0, 20))
    await bus.close()
    const partDir = join(dir, topic.name, "0")
    const [segment] = (await readdir(partDir)).filter((n) => n.endsWith(".log"))
    // Half a frame: a length, a checksum and a few bytes of a record that was never acknowledged.
    await appendFile(join(partDir, segment as string), Buffer.from([40, 0, 0, 0, 1, 2, 3, 4, 123, 34]))

    const again = open({ partitions: 1 })
    await again.publish(topic, messages(20, 5))
    const { seen, sub } = await collect(again, "g", 25)
    expect(seen.map((m) => m.n)).toEqual(Array.from({ length: 25 }, (_, i) => i))
    await sub.close()
    await again.close()
  })

  it("deletes whole segments once every group has passed them", async () => {
    const bus = open({ partitions: 1, segmentBytes: 2_000 })
    const slow = await bus.subscribe(topic, "slow", async () => {
      throw new Error("never finishes")
    })
    const { sub } = await collect(bus, "fast", 0)
    // Each awaited publish is its own group commit; a segment rolls after the commit that fills it.
    for (let i = 0; i < 400; i += 20) await bus.publish(topic, messages(i, 20))
    const partDir = join(dir, topic.name, "0")
    const segments = async () => (await readdir(partDir)).filter((n) => n.endsWith(".log")).length
    await new Promise((r) => setTimeout(r, 200))
    // The slow group has read nothing: every segment stays.
    expect(await segments()).toBeGreaterThan(5)
    await slow.close()
    await sub.close()
    await bus.close()

    const again = open({ partitions: 1, segmentBytes: 2_000 })
    const rest = await collect(again, "slow", 400)
    expect(rest.seen).toHaveLength(400)
    await rest.sub.close()
    await again.close()
    expect(await segments()).toBe(1)
  })

  it("reads from disk a consumer that fell behind what memory keeps, in order", async () => {
    const bus = open({ partitions: 1, memoryRecords: 10, maxBatch: 7 })
    await bus.publish(topic, messages(0, 300))
    const { seen, sub } = await collect(bus, "late", 300)
    expect(seen.map((m) => m.n)).toEqual(Array.from({ length: 300 }, (_, i) => i))
    await sub.close()
    await bus.close()
  })

  it("refuses a publish (nothing accepted) when the disk budget stays full", async () => {
    const bus = open({ partitions: 1, segmentBytes: 1_000, diskBudgetBytes: 4_000, publishTimeoutMs: 300 })
    const stuck = await bus.subscribe(topic, "stuck", async () => {
      throw new Error("store down")
    })
    await bus.publish(topic, messages(0, 300))
    await expect(bus.publish(topic, messages(300, 1))).rejects.toBeInstanceOf(BusFullError)
    await stuck.close()
    await bus.close()
  })

  it("holds publishers while a healthy consumer is far behind, and not while it fails", async () => {
    const bus = open({ partitions: 1, maxLag: 50 })
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => {
      release = r
    })
    const sub = await bus.subscribe(topic, "slow", async () => {
      await gate
    })
    await bus.publish(topic, messages(0, 10))
    let held = true
    const publishing = bus.publish(topic, messages(10, 100)).then(() => {
      held = false
    })
    await new Promise((r) => setTimeout(r, 100))
    expect(held).toBe(true)
    release()
    await publishing
    expect(held).toBe(false)
    await sub.close()

    // A consumer whose store is away: the log absorbs, publishers are not held.
    const failing = await bus.subscribe(topic, "failing", async () => {
      throw new Error("store down")
    })
    await new Promise((r) => setTimeout(r, 100))
    await bus.publish(topic, messages(110, 200))
    await failing.close()
    await bus.close()
  })

  it("passes topics that are not durable to the ephemeral transport", async () => {
    const bus = open()
    const live: Topic<Msg> = { name: "test.live.v1", durable: false }
    const got: Msg[] = []
    const sub = await bus.subscribe(live, "g", async (batch) => {
      got.push(...batch)
    })
    await bus.publish(live, [{ key: "a", value: { key: "a", n: 1 } }])
    await new Promise((r) => setTimeout(r, 50))
    expect(got).toEqual([{ key: "a", n: 1 }])
    expect(await readdir(dir)).not.toContain("test.live.v1")
    await sub.close()
    await bus.close()
  })

  it("stores a topic with a codec in its binary form, and reads back JSON it stored before", async () => {
    const record = (i: number): TelemetryRecord => ({
      timeMs: 1_796_000_000_000 + i * 1_000,
      lat: 43.25 + i * 1e-6,
      lon: i === 33 ? -0 : 76.9 + i / 3,
      ...(i % 2 === 0
        ? { speedMps: 0, ignition: false, satellites: 0 }
        : { hdop: 0.1 + 0.2, odometerM: 1e9 + i }),
      ...(i % 5 === 0 ? { dtc: i % 10 === 0 ? [] : ["P0301"], attrs: { alarm: 1, "io 239": -i - 1 } } : {}),
      orgId: "6f1c1f1e-8a51-4c57-9d0c-1b2a3c4d5e6f" as OrgId,
      vehicleId: `0b8d6c1a-3e2f-4a5b-8c7d-${String(i % 3).padStart(12, "0")}` as VehicleId,
      deviceId: `imei-${i % 3}` as DeviceId,
      receivedAtMs: 1_796_000_000_500 + i * 1_000,
    })
    const sent = Array.from({ length: 60 }, (_, i) => record(i))
    const asMessages = (records: ReadonlyArray<TelemetryRecord>) =>
      records.map((value) => ({ key: value.vehicleId, value }))
    // Written as JSON, as the log did before the topic had a codec.
    const before = open({ partitions: 1 })
    await before.publish({ name: TelemetryTopic.name, durable: true }, asMessages(sent.slice(0, 30)))
    await before.close()
    const after = open({ partitions: 1, memoryRecords: 5 })
    await after.publish(TelemetryTopic, asMessages(sent.slice(30)))

    const segment = join(dir, TelemetryTopic.name, "0", "00000000000000000000.log")
    const bytes = await readFile(segment)
    const firstBytes: number[] = []
    for (let at = 0; at < bytes.length; ) {
      const frame = scanFrame(bytes, at)
      if (frame.kind !== "frame") throw new Error(`segment ends in a ${frame.kind} frame at ${at}`)
      firstBytes.push(frame.payload[0] as number)
      at = frame.next
    }
    expect(firstBytes).toEqual([...Array(30).fill(0x7b), ...Array(30).fill(0x01)]) // "{", then the format byte

    const seen: TelemetryRecord[] = []
    let done: () => void = () => undefined
    const all = new Promise<void>((r) => {
      done = r
    })
    const sub = await after.subscribe(TelemetryTopic, "store", async (batch) => {
      seen.push(...batch)
      if (seen.length >= sent.length) done()
    })
    await all
    // Every record exactly as sent (key order aside): absent readings absent, empty lists, -0.
    expect(seen).toEqual(sent)
    expect(Object.is(seen[33]?.lon, -0)).toBe(true) // JSON would have written 0
    await sub.close()
    await after.close()
  })
})
