import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Topic } from "@fleetcore/proto"
import type { MessagesStream } from "@platformatic/kafka"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { BusHandler, BusTransport, SubscribeOptions } from "../src/Bus.js"
import { makeKafkaBus } from "../src/KafkaBus.js"
import { KafkaSubscription } from "../src/kafka/KafkaSubscription.js"
import { makeLog } from "../src/Log.js"
import { busContract, Collector, id, type Msg, messages } from "./busContract.js"
import { type KafkaBroker, startKafkaBroker } from "./kafkaBroker.js"

/* The Kafka transport under the contract of the embedded durable log, against a real broker
 * (provisioned by the project, started once for this file). */
const log = makeLog("fatal")
let dataDir = ""
let broker: KafkaBroker | undefined

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fleet-contract-kafka-"))
  broker = await startKafkaBroker({ dataDir, partitions: 4 })
}, 600_000)

afterAll(async () => {
  await broker?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}, 60_000)

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const running = (): KafkaBroker => {
  if (broker === undefined) throw new Error("the Kafka broker did not start")
  return broker
}

busContract(
  "Apache Kafka",
  () => ({
    open: async () =>
      makeKafkaBus({
        brokers: [running().bootstrap],
        clientId: "contract",
        partitions: 4,
        replicas: 1,
        maxBatch: 25,
        queueCapacity: 1_000,
        log,
      }),
    crash: () => running().restart(),
    sharesGroups: true,
    partitions: 4,
  }),
  120_000,
)

describe("the Kafka transport beyond the shared contract", { timeout: 120_000 }, () => {
  const opened: BusTransport[] = []
  const open = (queueCapacity = 1_000, client: { retries?: number; stallMs?: number } = {}) => {
    const bus = makeKafkaBus({
      brokers: [running().bootstrap],
      clientId: "kafka-only",
      partitions: 4,
      replicas: 1,
      maxBatch: 25,
      queueCapacity,
      log,
      ...client,
    })
    opened.push(bus)
    return bus
  }
  afterEach(async () => {
    for (const bus of opened.splice(0).reverse()) await bus.close()
  })
  let topics = 0
  const newTopic = (durable: boolean): Topic<Msg> => ({ name: `kafka.only.t${++topics}.v1`, durable })

  it("hands a leaving member's partitions to the one that stays: the leaver's batch in flight is committed, nothing lost or repeated", async () => {
    const bus = open()
    const topic = newTopic(true)
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    let blocked: () => void = () => undefined
    const started = new Promise<void>((resolve) => (blocked = resolve))
    const leaver = new Collector()
    const stays = new Collector()
    const owned: Record<"leaver" | "stays", Set<number>> = { leaver: new Set(), stays: new Set() }
    let changed: () => void = () => undefined
    const hooks = (mine: Set<number>): SubscribeOptions => ({
      onAssigned: (ps) => {
        for (const p of ps) mine.add(p)
        changed()
      },
      onRevoked: (ps) => {
        for (const p of ps) mine.delete(p)
        changed()
      },
    })
    const leaving = await bus.subscribe(
      topic,
      "handover",
      async (values, partition) => {
        blocked()
        await gate
        await leaver.handler(values, partition)
      },
      hooks(owned.leaver),
    )
    await bus.subscribe(topic, "handover", stays.handler, hooks(owned.stays))
    while (owned.leaver.size === 0 || owned.stays.size === 0 || owned.leaver.size + owned.stays.size !== 4)
      await new Promise<void>((resolve) => (changed = resolve))
    const leaverPartitions = [...owned.leaver]

    const sent = messages(40, 10)
    await bus.publish(topic, sent)
    await started
    const closing = leaving.close()
    release()
    await closing
    while (owned.stays.size !== 4) await new Promise<void>((resolve) => (changed = resolve))
    const all = () => [...leaver.values, ...stays.values]
    await stays.until(() => all().length >= sent.length)

    expect(leaver.batches.length).toBeGreaterThan(0)
    expect(leaver.batches.every((b) => leaverPartitions.includes(b.partition))).toBe(true)
    expect(all().map(id).sort()).toEqual(sent.map((m) => id(m.value)).sort())
  })

  it("lets a leaving member hand its partitions over (onRevoked) before the one that stays gets any of them", async () => {
    const bus = open()
    const topic = newTopic(true)
    const events: string[] = []
    let closing = false
    const leaverOwns = new Set<number>()
    const staysOwns = new Set<number>()
    let changed: () => void = () => undefined
    let tried: () => void = () => undefined
    const triedOnce = new Promise<void>((resolve) => (tried = resolve))
    // The leaver handles nothing (every batch fails, nothing is committed), so its partitions'
    // records all go to the member that stays, after the hand-over.
    const leaving = await bus.subscribe(
      topic,
      "leave-handover",
      async () => {
        tried()
        throw new Error("not now")
      },
      {
        onAssigned: (ps) => {
          for (const p of ps) leaverOwns.add(p)
          changed()
        },
        onRevoked: async (ps) => {
          for (const p of ps) leaverOwns.delete(p)
          changed()
          if (!closing) return // the rebalance when the second member joined
          events.push(`revoke started ${[...ps].sort().join(",")}`)
          // A snapshot that takes a while: the partitions must not move before it is written.
          await sleep(1_500)
          events.push("revoke done")
        },
      },
    )
    const stays = new Collector()
    const handed = new Set<number>()
    const logged = new Set<number>()
    await bus.subscribe(
      topic,
      "leave-handover",
      async (values, partition) => {
        if (handed.has(partition) && !logged.has(partition)) {
          logged.add(partition)
          events.push(`stays got ${partition}`)
        }
        await stays.handler(values, partition)
      },
      {
        onAssigned: (ps) => {
          for (const p of ps) staysOwns.add(p)
          changed()
        },
        onRevoked: (ps) => {
          for (const p of ps) staysOwns.delete(p)
          changed()
        },
      },
    )
    while (leaverOwns.size === 0 || staysOwns.size === 0 || leaverOwns.size + staysOwns.size !== 4)
      await new Promise<void>((resolve) => (changed = resolve))
    const handedOver = [...leaverOwns].sort()
    for (const p of handedOver) handed.add(p)
    const sent = messages(40, 5)
    await bus.publish(topic, sent)
    await triedOnce
    closing = true
    await leaving.close()
    await stays.until(() => stays.values.length >= sent.length)
    expect(events[0]).toBe(`revoke started ${handedOver.join(",")}`)
    expect(events[1]).toBe("revoke done")
    expect(events.slice(2).sort()).toEqual(handedOver.map((p) => `stays got ${p}`).sort())
    expect(stays.values.map(id).sort()).toEqual(sent.map((m) => id(m.value)).sort())
  })

  it("calls onRevoked only after the batch in flight of a revoked partition finished", async () => {
    const bus = open()
    const topic = newTopic(true)
    const events: string[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    let blocked: () => void = () => undefined
    const started = new Promise<void>((resolve) => (blocked = resolve))
    let revoked: () => void = () => undefined
    const revokedOnce = new Promise<void>((resolve) => (revoked = resolve))
    await bus.subscribe(
      topic,
      "revoke-order",
      async (_, partition) => {
        blocked()
        await gate
        events.push(`handled ${partition}`)
      },
      {
        onRevoked: (ps) => {
          events.push(...ps.map((p) => `revoked ${p}`))
          revoked()
        },
      },
    )
    await bus.publish(topic, messages(40, 5))
    await started
    // A second member joins while the first one's batches are held: the group rebalances now.
    const second = new Collector()
    await bus.subscribe(topic, "revoke-order", second.handler)
    release()
    await revokedOnce
    for (const event of events.filter((e) => e.startsWith("revoked"))) {
      const p = event.split(" ")[1]
      const handled = events.indexOf(`handled ${p}`)
      if (handled >= 0) expect(handled).toBeLessThan(events.indexOf(event))
    }
    expect(events.some((e) => e.startsWith("handled"))).toBe(true)
  })

  it("starts a live (not durable) topic's group at the newest record: what was published before is not replayed", async () => {
    const bus = open()
    const topic = newTopic(false)
    const old = messages(4, 5)
    await bus.publish(topic, old)
    const seen = new Collector()
    await bus.subscribe(topic, `api-live-${topics}`, seen.handler)
    // The group's starting offset is taken when it joins: probe until a new record comes through.
    for (let n = 100; !seen.values.some((m) => m.n >= 100); n++) {
      await bus.publish(topic, messages(4, 1, n))
      await Promise.race([seen.until(() => seen.values.some((m) => m.n >= 100)), sleep(200)])
    }
    expect(seen.values.filter((m) => m.n < 100)).toEqual([])
  })

  type Stream = MessagesStream<string, string, string, string>
  /**
   * A member (one KafkaSubscription, reached inside) that handles a first round, has `breakIt`
   * done to its client's stream, and must hand over a second round published after: every record
   * handled (at-least-once), after at least one start over. (At least one: on a loaded machine a new
   * client's first fetch can outlast the short stallMs used here, and it starts over once more.)
   */
  const startsOver = async (group: string, breakIt: (stream: Stream) => void) => {
    const topic = newTopic(true)
    const seen = new Collector()
    const bus = open()
    // The bus creates the topic as it publishes; the member starts at the group's beginning.
    const first = messages(4, 5)
    await bus.publish(topic, first)
    const member = await KafkaSubscription.start({
      brokers: [running().bootstrap],
      clientId: `kafka-${group}`,
      topic: topic.name,
      group,
      durable: true,
      maxBatch: 25,
      queueCapacity: 1_000,
      handler: seen.handler as BusHandler<unknown>,
      hooks: {},
      log,
      retries: 30,
      stallMs: 2_000,
    })
    try {
      await seen.until(() => seen.values.length >= first.length)
      breakIt((member as unknown as { client: { stream: Stream } }).client.stream)
      const second = messages(4, 5, 100)
      await bus.publish(topic, second)
      await seen.until(() => seen.values.filter((m) => m.n >= 100).length >= second.length)
      expect(member.restarts).toBeGreaterThanOrEqual(1)
      const ids = new Set(seen.values.map(id))
      expect([...first, ...second].map((m) => id(m.value)).filter((x) => !ids.has(x))).toEqual([])
    } finally {
      await member.close()
    }
  }

  it("starts a member over when its fetch loop stops without a word, and it handles what came meanwhile, nothing lost", () =>
    // What @platformatic/kafka 1.35's stream does when its offsets refresh after a join fails: it
    // stops fetching and says nothing. Its own pause() stops the loop the same way.
    startsOver("stall", (stream) => stream.pause()))

  it("starts a member over when the broker refuses its fetch position (the client ends its stream), resuming at the committed offset", () =>
    // Every partition's fetch position far past its end: the broker answers OFFSET_OUT_OF_RANGE and
    // the client destroys its stream; the member used to stay without one from then on.
    startsOver("stuck-position", (stream) => {
      for (const key of [...stream.offsetsToFetch.keys()]) stream.offsetsToFetch.set(key, 1_000_000n)
    }))

  it("starts a member over when its client gave up on a broker away longer than its retries", async () => {
    const bus = open(1_000, { retries: 2, stallMs: 600_000 })
    const topic = newTopic(true)
    const seen = new Collector()
    await bus.subscribe(topic, "gave-up", seen.handler)
    const first = messages(4, 5)
    await bus.publish(topic, first)
    await seen.until(() => seen.values.length >= first.length)
    // Two retries a second apart are spent well within 5 s: the stream ends, and the member, which
    // used to stay without a client from then on, starts over once the broker is back.
    await running().restart(5_000)
    const publisher = open()
    const second = messages(4, 5, 100)
    await publisher.publish(topic, second)
    await seen.until(() => seen.values.filter((m) => m.n >= 100).length >= second.length)
    const ids = new Set(seen.values.map(id))
    expect([...first, ...second].map((m) => id(m.value)).filter((x) => !ids.has(x))).toEqual([])
  })
})
