import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Topic } from "@fleetcore/proto"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { BusTransport } from "../src/Bus.js"
import { makeDurableLogBus } from "../src/DurableLogBus.js"
import { makeInProcessBus } from "../src/InProcessBus.js"
import { makeLog } from "../src/Log.js"
import { id, type Msg, messages } from "./busContract.js"

/* Several batches of one partition in the handler at once (SubscribeOptions.inFlight): the
   durable log hands the next batch over while earlier ones wait on their store, commits offsets
   in order, and after a failure delivers the failed batch and every later one again. */
const log = makeLog("fatal")
let dir = ""
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleet-inflight-"))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const BATCH = 5
const open = () =>
  makeDurableLogBus({
    dir,
    partitions: 1,
    segmentBytes: 1024 * 1024,
    diskBudgetBytes: 64 * 1024 * 1024,
    publishTimeoutMs: 1_000,
    durability: "interval",
    maxBatch: BATCH,
    memoryRecords: 1_000,
    maxLag: 100_000,
    log,
    ephemeral: makeInProcessBus({ partitions: 1, partitionCapacity: 100, maxBatch: BATCH, log }),
  })

let topics = 0
const newTopic = (): Topic<Msg> => ({ name: `inflight.t${++topics}.${Date.now()}.v1`, durable: true })

interface Call {
  readonly values: ReadonlyArray<Msg>
  readonly previous: Promise<void> | undefined
  returned?: Promise<void>
  release: (error?: Error) => void
  /** Calls settled when this one started. */
  readonly settledBefore: number
}

/** Every call of every held handler: released after each test, so a failed one can close its bus. */
const allCalls: Call[] = []

/** A handler that holds every batch until the test releases it, recording how it was called. */
const heldHandler = () => {
  const calls: Call[] = []
  let settled = 0
  const handler = (values: ReadonlyArray<Msg>, _partition: number, previous?: Promise<void>) => {
    let release: (error?: Error) => void = () => undefined
    const gate = new Promise<void>((resolve, reject) => {
      release = (error) => (error === undefined ? resolve() : reject(error))
    })
    const call: Call = { values: [...values], previous, release, settledBefore: settled }
    calls.push(call)
    allCalls.push(call)
    const returned = (async () => {
      try {
        await gate
        await previous
      } finally {
        settled++
      }
    })()
    call.returned = returned
    return returned
  }
  return { calls, handler }
}

const lagOf = async (bus: BusTransport, topic: Topic<Msg>, group: string) =>
  ((await bus.lag?.()) ?? [])
    .filter((l) => l.topic === topic.name && l.group === group)
    .reduce((n, l) => n + l.records, 0)

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("the durable log with several batches of a partition in flight", { timeout: 30_000 }, () => {
  const opened: BusTransport[] = []
  afterEach(async () => {
    for (const call of allCalls.splice(0)) call.release()
    for (const bus of opened.splice(0).reverse()) await bus.close()
  })
  const openBus = async () => {
    const bus = await open()
    opened.push(bus)
    return bus
  }

  it("hands over up to that many batches before the first settles, and commits them in order", async () => {
    const bus = await openBus()
    const topic = newTopic()
    const { calls, handler } = heldHandler()
    await bus.subscribe(topic, "held", handler, { inFlight: 3 })
    const sent = messages(1, 4 * BATCH)
    await bus.publish(topic, sent)

    await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(3)
    await pause(200)
    expect(calls).toHaveLength(3)
    expect(calls.map((c) => c.values.map(id))).toEqual(
      [0, 1, 2].map((b) => sent.slice(b * BATCH, (b + 1) * BATCH).map((m) => id(m.value))),
    )
    // Each batch is given the handling of the one before it.
    expect(calls[0]?.previous).toBeUndefined()
    expect(calls[1]?.previous).toBe(calls[0]?.returned)
    expect(calls[2]?.previous).toBe(calls[1]?.returned)
    expect(await lagOf(bus, topic, "held")).toBe(sent.length)

    // The later ones finishing first commits nothing: the first is still under way.
    calls[1]?.release()
    calls[2]?.release()
    await pause(200)
    expect(await lagOf(bus, topic, "held")).toBe(sent.length)

    calls[0]?.release()
    await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(4)
    await expect.poll(() => lagOf(bus, topic, "held"), { timeout: 10_000 }).toBe(BATCH)
    calls[3]?.release()
    await expect.poll(() => lagOf(bus, topic, "held"), { timeout: 10_000 }).toBe(0)
  })

  it("delivers a failed batch and every later one again, in order, once those in flight settled", async () => {
    const bus = await openBus()
    const topic = newTopic()
    const { calls, handler } = heldHandler()
    await bus.subscribe(topic, "failing", handler, { inFlight: 3 })
    const sent = messages(1, 3 * BATCH)
    await bus.publish(topic, sent)

    await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(3)
    // The first fails while the second and third are still at their own work: nothing is
    // delivered again until they settled (they fail too, as the first did).
    calls[0]?.release(new Error("store away"))
    await pause(200)
    expect(calls).toHaveLength(3)
    calls[1]?.release()
    calls[2]?.release()
    await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(6)
    // Delivered again only after all three settled, from the failed one on, as a new chain.
    expect(calls[3]?.settledBefore).toBe(3)
    expect(calls[3]?.previous).toBeUndefined()
    expect(calls[4]?.previous).toBe(calls[3]?.returned)
    expect(calls.slice(3).map((c) => c.values)).toEqual(calls.slice(0, 3).map((c) => c.values))
    expect(calls.slice(3).flatMap((c) => c.values.map(id))).toEqual(sent.map((m) => id(m.value)))
    for (const call of calls.slice(3)) call.release()
    await expect.poll(() => lagOf(bus, topic, "failing"), { timeout: 10_000 }).toBe(0)
  })

  it("on close, waits for the batches in flight and commits them: the group resumes after them", async () => {
    const bus = await openBus()
    const topic = newTopic()
    const { calls, handler } = heldHandler()
    const subscription = await bus.subscribe(topic, "closing", handler, { inFlight: 3 })
    const sent = messages(1, 2 * BATCH)
    await bus.publish(topic, sent)
    await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(2)

    let closed = false
    const closing = subscription.close().then(() => {
      closed = true
    })
    await pause(200)
    expect(closed).toBe(false)
    for (const call of calls) call.release()
    await closing

    const later = messages(1, BATCH, 100)
    await bus.publish(topic, later)
    const again = heldHandler()
    await bus.subscribe(topic, "closing", again.handler, { inFlight: 3 })
    await expect.poll(() => again.calls.length, { timeout: 10_000 }).toBe(1)
    expect(again.calls[0]?.values.map(id)).toEqual(later.map((m) => id(m.value)))
    again.calls[0]?.release()
  })
})
