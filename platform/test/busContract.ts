import type { Topic } from "@fleetcore/proto"
import { afterEach, describe, expect, it } from "vitest"
import type { BusHandler, BusTransport } from "../src/Bus.js"

/** The durable transports under one contract: the embedded log and Kafka. */
export interface BusUnderTest {
  /** A transport over the shared store (the log folder, the broker); the suite closes it. */
  readonly open: () => Promise<BusTransport>
  /**
   * What survives a crash: Kafka's broker is killed with SIGKILL and started again on the same
   * data; the embedded log's owner is abandoned without closing (the next `open` reads its folder).
   */
  readonly crash: () => Promise<void>
  /** Two subscribers of one group share the partitions (Kafka) or the second is refused (embedded log). */
  readonly sharesGroups: boolean
  /** Partitions of the topics the suite creates. */
  readonly partitions: number
}

export interface Msg {
  readonly key: string
  readonly n: number
}

export interface Batch {
  readonly partition: number
  readonly values: ReadonlyArray<Msg>
}

/** Records every batch a handler was given and lets a test wait for a condition on them. */
export class Collector {
  readonly batches: Batch[] = []
  private waiters: Array<() => void> = []

  constructor(private readonly fail: (batch: Batch, call: number) => boolean = () => false) {}

  readonly handler: BusHandler<Msg> = async (values, partition) => {
    const batch = { partition, values: [...values] }
    if (this.fail(batch, this.batches.length + this.failed.length)) {
      this.failed.push(batch)
      throw new Error("handler failed on purpose")
    }
    this.batches.push(batch)
    for (const wake of this.waiters.splice(0)) wake()
  }
  readonly failed: Batch[] = []

  get values(): Msg[] {
    return this.batches.flatMap((b) => b.values)
  }

  /** Resolves after the next batch this collector handles. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve))
  }

  async until(done: () => boolean): Promise<void> {
    while (!done()) await this.next()
  }
}

export const messages = (keys: number, perKey: number, from = 0) =>
  Array.from({ length: keys * perKey }, (_, i) => {
    const key = `vehicle-${i % keys}`
    const value: Msg = { key, n: from + Math.floor(i / keys) }
    return { key, value }
  })

export const id = (m: Msg) => `${m.key}#${m.n}`

let topics = 0
const newTopic = (): Topic<Msg> => ({ name: `contract.t${++topics}.${Date.now()}.v1`, durable: true })

/** The guarantees every durable transport gives; `make` is called once per test file. */
export const busContract = (name: string, make: () => BusUnderTest, timeoutMs = 30_000) => {
  describe(`the bus contract: ${name}`, { timeout: timeoutMs }, () => {
    const opened: BusTransport[] = []
    const open = async () => {
      const bus = await make().open()
      opened.push(bus)
      return bus
    }
    afterEach(async () => {
      for (const bus of opened.splice(0).reverse()) await bus.close()
    })

    it("hands each key's messages over in publish order, across batches, each batch from one partition", async () => {
      const bus = await open()
      const topic = newTopic()
      const seen = new Collector()
      await bus.subscribe(topic, "order", seen.handler)
      const sent = messages(20, 30)
      for (let i = 0; i < sent.length; i += 100) await bus.publish(topic, sent.slice(i, i + 100))
      await seen.until(() => seen.values.length >= sent.length)

      expect(seen.values.map(id).sort()).toEqual(sent.map((m) => id(m.value)).sort())
      expect(seen.batches.length).toBeGreaterThan(1)
      const partitionOfKey = new Map<string, number>()
      for (const batch of seen.batches)
        for (const m of batch.values) {
          expect(partitionOfKey.get(m.key) ?? batch.partition).toBe(batch.partition)
          partitionOfKey.set(m.key, batch.partition)
        }
      for (let k = 0; k < 20; k++) {
        const ns = seen.values.filter((m) => m.key === `vehicle-${k}`).map((m) => m.n)
        expect(ns).toEqual(Array.from({ length: 30 }, (_, n) => n))
      }
    })

    it("reports each group's lag per partition: what waits for its handler, then nothing", async () => {
      const bus = await open()
      const topic = newTopic()
      let release = (): void => undefined
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      const seen = new Collector()
      await bus.subscribe(topic, "lagging", async (values, partition) => {
        await gate
        await seen.handler(values, partition)
      })
      const sent = messages(20, 2)
      await bus.publish(topic, sent)
      const lagOf = async () =>
        (await bus.lag?.())?.filter((l) => l.topic === topic.name && l.group === "lagging") ?? []
      await expect
        .poll(async () => (await lagOf()).reduce((n, l) => n + l.records, 0), { timeout: 20_000 })
        .toBe(sent.length)
      release()
      await seen.until(() => seen.values.length >= sent.length)
      await expect
        .poll(async () => (await lagOf()).map((l) => [l.partition, l.records]).sort(), { timeout: 20_000 })
        .toEqual(Array.from({ length: make().partitions }, (_, p) => [p, 0]))
    })

    it("gives a batch whose handler failed again, offset unmoved, and loses nothing (at-least-once)", async () => {
      const bus = await open()
      const topic = newTopic()
      const seen = new Collector((_, call) => call === 0)
      await bus.subscribe(topic, "retry", seen.handler)
      const sent = messages(10, 10)
      await bus.publish(topic, sent)
      await seen.until(() => seen.values.length >= sent.length)

      const failed = seen.failed[0] as Batch
      expect(seen.failed).toHaveLength(1)
      const again = seen.batches.find((b) => b.partition === failed.partition) as Batch
      expect(again.values).toEqual(failed.values)
      expect(seen.values.map(id).sort()).toEqual(sent.map((m) => id(m.value)).sort())
    })

    it("resumes a group after its last handled batch when it subscribes again", async () => {
      const topic = newTopic()
      const first = await open()
      const before = new Collector()
      const subscription = await first.subscribe(topic, "resume", before.handler)
      const old = messages(5, 10)
      await first.publish(topic, old)
      await before.until(() => before.values.length >= old.length)
      await subscription.close()
      await first.close()

      const second = await open()
      // The same keys again: any handled message redelivered would come before these in its partition.
      const fresh = messages(5, 10, 100)
      await second.publish(topic, fresh)
      const after = new Collector()
      await second.subscribe(topic, "resume", after.handler)
      await after.until(() => after.values.filter((m) => m.n >= 100).length >= fresh.length)
      expect(after.values.map(id).sort()).toEqual(fresh.map((m) => id(m.value)).sort())
    })

    it("takes many publishes at once, each message stored once (concurrent publishers share the transport)", async () => {
      const bus = await open()
      const topic = newTopic()
      const sent = messages(30, 2)
      await Promise.all(sent.map((m) => bus.publish(topic, [m])))
      const seen = new Collector()
      await bus.subscribe(topic, "concurrent", seen.handler)
      await seen.until(() => seen.values.length >= sent.length)
      expect(seen.values.map(id).sort()).toEqual(sent.map((m) => id(m.value)).sort())
    })

    it("gives every group every message", async () => {
      const bus = await open()
      const topic = newTopic()
      const a = new Collector()
      const b = new Collector()
      await bus.subscribe(topic, "group-a", a.handler)
      await bus.subscribe(topic, "group-b", b.handler)
      const sent = messages(8, 10)
      await bus.publish(topic, sent)
      await a.until(() => a.values.length >= sent.length)
      await b.until(() => b.values.length >= sent.length)
      const expected = sent.map((m) => id(m.value)).sort()
      expect(a.values.map(id).sort()).toEqual(expected)
      expect(b.values.map(id).sort()).toEqual(expected)
    })

    it("shares a group's partitions between its subscribers, each message to one of them", async () => {
      const bus = await open()
      const topic = newTopic()
      const a = new Collector()
      const b = new Collector()
      if (!make().sharesGroups) {
        await bus.subscribe(topic, "shared", a.handler)
        await expect(bus.subscribe(topic, "shared", b.handler)).rejects.toThrow(/already consumes/)
        return
      }
      const owned = [new Set<number>(), new Set<number>()]
      let changed: () => void = () => undefined
      const hooks = (mine: Set<number>) => ({
        onAssigned: (ps: ReadonlyArray<number>) => {
          for (const p of ps) mine.add(p)
          changed()
        },
        onRevoked: (ps: ReadonlyArray<number>) => {
          for (const p of ps) mine.delete(p)
          changed()
        },
      })
      await bus.subscribe(topic, "shared", a.handler, hooks(owned[0] as Set<number>))
      await bus.subscribe(topic, "shared", b.handler, hooks(owned[1] as Set<number>))
      const [mineA, mineB] = owned as [Set<number>, Set<number>]
      const split = () =>
        mineA.size > 0 &&
        mineB.size > 0 &&
        mineA.size + mineB.size === make().partitions &&
        [...mineA].every((p) => !mineB.has(p))
      while (!split()) await new Promise<void>((resolve) => (changed = resolve))

      const sent = messages(40, 5)
      await bus.publish(topic, sent)
      // Either subscriber may handle the last batch: wake on both.
      while (a.values.length + b.values.length < sent.length) await Promise.race([a.next(), b.next()])
      expect([...a.values, ...b.values].map(id).sort()).toEqual(sent.map((m) => id(m.value)).sort())
      expect(a.values.length).toBeGreaterThan(0)
      expect(b.values.length).toBeGreaterThan(0)
      for (const m of a.values) expect(b.values.some((o) => o.key === m.key)).toBe(false)
    })

    it("keeps what a publish resolved for when the store's process is killed", async () => {
      const topic = newTopic()
      const before = await open()
      const sent = messages(10, 20)
      await before.publish(topic, sent)
      await make().crash()

      const after = await open()
      const seen = new Collector()
      await after.subscribe(topic, "after-crash", seen.handler)
      await seen.until(() => seen.values.length >= sent.length)
      expect(seen.values.map(id).sort()).toEqual(sent.map((m) => id(m.value)).sort())
    })
  })
}
