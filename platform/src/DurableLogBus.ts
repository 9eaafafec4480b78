import { mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Topic } from "@fleetcore/proto"
import { Data, Effect, Layer } from "effect"
import {
  Bus,
  type BusHandler,
  type BusMessage,
  type BusTransport,
  type ConsumerLag,
  type SubscribeOptions,
  type Subscription,
} from "./Bus.js"
import { partitionOf } from "./InProcessBus.js"
import type { Log } from "./Log.js"
import { DurablePartition } from "./log/DurablePartition.js"
import { LogConsumer } from "./log/LogConsumer.js"
import { OffsetStore } from "./log/OffsetStore.js"
import { PartitionLog } from "./log/PartitionLog.js"
import { PartitionReader } from "./log/PartitionReader.js"

export interface DurableLogBusOptions {
  /** Folder of the log: one sub-folder per topic, one per partition inside it. */
  readonly dir: string
  /** Partitions of a new topic (an existing topic keeps the count it was created with). */
  readonly partitions: number
  readonly segmentBytes: number
  /** Most bytes the logs may hold; past it publishers wait for consumers to free whole segments. */
  readonly diskBudgetBytes: number
  /** How long a publish waits for room in the budget before it fails (the device retries). */
  readonly publishTimeoutMs: number
  /** See PartitionLogOptions.durability. */
  readonly durability: "always" | "interval"
  /** Most messages handed to a handler at once. */
  readonly maxBatch: number
  /** Newest records per partition kept decoded in memory for consumers that keep up. */
  readonly memoryRecords: number
  /** Records a healthy consumer may lag behind before publishers wait (see DurablePartition). */
  readonly maxLag: number
  readonly log: Log
  /** Carries the topics that are not durable (live views): nobody is promised those. */
  readonly ephemeral: BusTransport
}

/** The bus's disk budget stayed exhausted for the whole publish timeout: nothing was accepted. */
export class BusFullError extends Data.TaggedError("BusFullError")<{ readonly message: string }> {}

interface DurableTopic {
  readonly name: string
  readonly partitions: ReadonlyArray<DurablePartition>
}

const SYNC_EVERY_MS = 100

/**
 * A message as the log stores it: the topic's codec when it has one, else JSON text. The log
 * copies each payload into its frames as it is appended, so a codec's transient form will do.
 */
const encoderOf = <T>(topic: Topic<T>): ((value: unknown) => string | Uint8Array) => {
  const codec = topic.codec
  if (codec === undefined) return (value) => JSON.stringify(value)
  const encode = codec.encodeTransient ?? codec.encode
  return (value) => encode(value as T)
}

/** Reads either form back: a codec's bytes start below 0x20, where JSON text never starts. */
const decoderOf =
  <T>(topic: Topic<T>) =>
  (payload: Buffer): unknown =>
    topic.codec !== undefined && payload.length > 0 && (payload[0] as number) < 0x20
      ? topic.codec.decode(payload)
      : JSON.parse(payload.toString("utf8"))

/** Keeps the partition count a topic was created with: records are placed by it. */
const topicPartitions = async (dir: string, wanted: number, log: Log): Promise<number> => {
  const metaFile = join(dir, "meta.json")
  const meta = await readFile(metaFile, "utf8").then(
    (t) => JSON.parse(t) as { partitions?: unknown },
    () => null,
  )
  if (meta !== null && typeof meta.partitions === "number" && Number.isInteger(meta.partitions)) {
    if (meta.partitions !== wanted)
      log.warn({ dir, partitions: meta.partitions, configured: wanted }, "topic keeps its partition count")
    return meta.partitions
  }
  await mkdir(dir, { recursive: true })
  await writeFile(metaFile, JSON.stringify({ partitions: wanted }))
  return wanted
}

/**
 * The embedded bus as a durable commit log on disk, with Kafka's contract (acks=all, offsets
 * committed after processing): `publish` resolves once the messages are written (see
 * `durability`), consumers get them in order per partition, and a group's offset moves only after its handler
 * finished, so a process killed at any moment redelivers what was not finished, from disk, on
 * the next start. Whole segments every group has passed are deleted. Topics not marked durable
 * go to the ephemeral transport.
 */
export const makeDurableLogBus = (options: DurableLogBusOptions): BusTransport => {
  const topics = new Map<string, Promise<DurableTopic>>()
  /** Topics whose partitions are open, for the synchronous paths (publish, budget, pending). */
  const opened = new Map<string, DurableTopic>()
  const spaceWaiters = new Set<() => void>()
  const encoders = new Map<string, (value: unknown) => string | Uint8Array>()
  let closed = false

  const partitionsOpen = (): DurablePartition[] => [...opened.values()].flatMap((t) => [...t.partitions])

  const openTopic = (name: string): Promise<DurableTopic> => {
    let opening = topics.get(name)
    if (opening === undefined) {
      opening = (async () => {
        const dir = join(options.dir, name)
        const count = await topicPartitions(dir, options.partitions, options.log)
        const partitions = await Promise.all(
          Array.from({ length: count }, async (_, p) => {
            const partition = new DurablePartition(options.memoryRecords, options.maxLag)
            const partDir = join(dir, String(p))
            partition.log = await PartitionLog.open({
              dir: partDir,
              segmentBytes: options.segmentBytes,
              durability: options.durability,
              onDurable: (first, values) => partition.onDurable(first, values),
            })
            partition.offsets = await OffsetStore.open(partDir, {
              onWritten: () => void retain(partition),
              onError: (error) =>
                options.log.error(
                  { err: error, topic: name, partition: p },
                  "bus offsets not written; retrying",
                ),
            })
            return partition
          }),
        )
        const topic = { name, partitions }
        opened.set(name, topic)
        return topic
      })()
      topics.set(name, opening)
    }
    return opening
  }

  // Interval durability: what the OS holds goes to the device every 100 ms (one sync at a time).
  let syncing: Promise<void> | null = null
  const syncTimer =
    options.durability === "interval"
      ? setInterval(() => {
          syncing ??= Promise.all(partitionsOpen().map((p) => p.log.sync()))
            .then(
              () => undefined,
              (error: unknown) => options.log.error({ err: error }, "bus log fdatasync failed"),
            )
            .finally(() => {
              syncing = null
            })
        }, SYNC_EVERY_MS)
      : null
  syncTimer?.unref()

  const diskBytes = (): number => {
    let n = 0
    for (const t of opened.values()) for (const p of t.partitions) n += p.log.sizeBytes
    return n
  }

  /** Waits (bounded) until the logs are under their disk budget. */
  const room = async (): Promise<void> => {
    const deadline = Date.now() + options.publishTimeoutMs
    while (diskBytes() >= options.diskBudgetBytes) {
      const left = deadline - Date.now()
      if (left <= 0 || closed)
        throw new BusFullError({
          message: `bus log is at its disk budget (${options.diskBudgetBytes} bytes): consumers are not keeping up`,
        })
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 1_000))
        function done() {
          clearTimeout(timer)
          spaceWaiters.delete(done)
          resolve()
        }
        spaceWaiters.add(done)
      })
    }
  }

  /** Deletes segments every group of the partition has passed. */
  const retain = async (partition: DurablePartition): Promise<void> => {
    const min = partition.offsets.min()
    if (min === undefined) return
    if ((await partition.log.deleteBelow(min)) > 0) for (const w of [...spaceWaiters]) w()
  }

  const encoderFor = <T>(topic: Topic<T>) => {
    let encodeValue = encoders.get(topic.name)
    if (encodeValue === undefined) {
      encodeValue = encoderOf(topic)
      encoders.set(topic.name, encodeValue)
    }
    return encodeValue
  }

  /** Messages of one key go to one partition's log; resolves once they are durable there. */
  const appendOne = <T>(
    t: DurableTopic,
    topic: Topic<T>,
    key: string,
    messages: ReadonlyArray<BusMessage<T>>,
  ) =>
    (t.partitions[partitionOf(key, t.partitions.length)] as DurablePartition).append(
      messages.map((m) => m.value),
      encoderFor(topic),
    )

  /**
   * The usual publish (one device's points, all keyed by its vehicle, to an open topic with room)
   * is a plain call: no async frame and promise of its own, once a message at full rate.
   */
  const publish = <T>(topic: Topic<T>, messages: ReadonlyArray<BusMessage<T>>): Promise<void> => {
    const t = topic.durable && !closed ? opened.get(topic.name) : undefined
    const key = messages[0]?.key
    if (
      t === undefined ||
      key === undefined ||
      diskBytes() >= options.diskBudgetBytes ||
      !messages.every((m) => m.key === key)
    )
      return publishAny(topic, messages)
    try {
      return appendOne(t, topic, key, messages)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** Every other publish: a topic to open, the disk budget to wait for, several keys, or none. */
  const publishAny = async <T>(topic: Topic<T>, messages: ReadonlyArray<BusMessage<T>>): Promise<void> => {
    if (!topic.durable) return options.ephemeral.publish(topic, messages)
    if (closed) throw new Error(`bus closed: cannot publish to ${topic.name}`)
    const t = opened.get(topic.name) ?? (await openTopic(topic.name))
    if (diskBytes() >= options.diskBudgetBytes) await room()
    const count = t.partitions.length
    const encodeValue = encoderFor(topic)
    if (messages.length === 0) return
    const key = (messages[0] as BusMessage<T>).key
    if (messages.every((m) => m.key === key)) return appendOne(t, topic, key, messages)
    const byPartition = new Map<number, unknown[]>()
    for (const m of messages) {
      const p = partitionOf(m.key, count)
      const values = byPartition.get(p)
      if (values === undefined) byPartition.set(p, [m.value])
      else values.push(m.value)
    }
    await Promise.all(
      [...byPartition].map(([p, values]) =>
        (t.partitions[p] as DurablePartition).append(values, encodeValue),
      ),
    )
  }

  const subscribe = async <T>(
    topic: Topic<T>,
    group: string,
    handler: BusHandler<T>,
    subscribeOptions?: SubscribeOptions,
  ): Promise<Subscription> => {
    if (!topic.durable) return options.ephemeral.subscribe(topic, group, handler)
    const t = await openTopic(topic.name)
    if (t.partitions.some((p) => p.consumers.has(group)))
      throw new Error(`group ${group} already consumes ${topic.name}`)
    const consumers = await Promise.all(
      t.partitions.map(async (partition, p) => {
        const from = Math.max(partition.offsets.get(group) ?? 0, partition.log.startOffset)
        // Registers the group, so the log keeps what it has not read yet.
        partition.offsets.commit(group, from)
        await partition.offsets.flush()
        const consumer = new LogConsumer({
          group,
          partition: p,
          from,
          maxBatch: options.maxBatch,
          source: {
            endOffset: () => partition.log.endOffset,
            fromMemory: (offset, max) => partition.fromMemory(offset, max),
            whenPast: (offset) => partition.whenPast(offset),
          },
          reader: new PartitionReader(partition.log),
          decode: decoderOf(topic),
          handler: handler as BusHandler<unknown>,
          ...(subscribeOptions?.inFlight === undefined ? {} : { inFlight: subscribeOptions.inFlight }),
          commit: (offset) => {
            partition.trim()
            partition.offsets.commit(group, offset)
          },
          onError: (error, attempt) => {
            // Publishers held by backpressure go on: the log absorbs while the store is away.
            partition.release()
            options.log.error(
              { err: error, topic: topic.name, group, partition: p, attempt },
              "bus consumer failed; retrying",
            )
          },
        })
        partition.consumers.set(group, consumer)
        return [partition, consumer] as const
      }),
    )
    return {
      close: async () => {
        await Promise.all(
          consumers.map(async ([partition, consumer]) => {
            partition.release()
            await consumer.stop()
            partition.consumers.delete(group)
            await partition.offsets.flush()
          }),
        )
      },
    }
  }

  const pending = () => {
    let n = options.ephemeral.pending()
    for (const p of partitionsOpen()) n += p.lag()
    return n
  }

  const lag = async (): Promise<ReadonlyArray<ConsumerLag>> =>
    [...opened.values()].flatMap((t) =>
      t.partitions.flatMap((p, partition) =>
        [...p.consumers].map(([group, c]) => ({
          topic: t.name,
          group,
          partition,
          records: p.log.endOffset - c.position,
        })),
      ),
    )

  const close = async () => {
    closed = true
    if (syncTimer !== null) clearInterval(syncTimer)
    await syncing
    for (const w of [...spaceWaiters]) w()
    await Promise.allSettled(topics.values())
    const partitions = partitionsOpen()
    for (const p of partitions) p.release()
    await Promise.all(partitions.flatMap((p) => [...p.consumers.values()].map((c) => c.stop())))
    await Promise.all(partitions.map((p) => p.log.close()))
    await Promise.all(partitions.map((p) => p.offsets.close()))
    await Promise.all(partitions.map(retain))
    await options.ephemeral.close()
  }

  return { publish, subscribe, pending, lag, close }
}

/** The durable log as the Bus service; closing it stops consumers and flushes the log. */
export const DurableLogBusLayer = (options: DurableLogBusOptions) =>
  Layer.effect(
    Bus,
    Effect.acquireRelease(
      Effect.sync(() => makeDurableLogBus(options)),
      (bus) => Effect.promise(() => bus.close()),
    ),
  )
