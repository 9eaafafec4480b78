import type { Topic } from "@fleetcore/proto"
import type { BusHandler, BusMessage, BusTransport, Subscription } from "./Bus.js"
import { PartitionQueue } from "./internal/PartitionQueue.js"
import type { Log } from "./Log.js"

export interface InProcessBusOptions {
  /** Partitions per topic. Order is kept per key within a partition. */
  readonly partitions: number
  /** Messages a partition of one group may hold before publishers wait. */
  readonly partitionCapacity: number
  /** Most messages handed to a handler at once. */
  readonly maxBatch: number
  readonly log: Log
}

/** FNV-1a: a stable, fast string hash for partitioning (same key, same partition). */
export const partitionOf = (key: string, partitions: number): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % partitions
}

interface Group {
  readonly name: string
  readonly queues: ReadonlyArray<PartitionQueue<unknown>>
}

/** The embedded bus: bounded, partitioned queues in this process, one set per consumer group. */
export const makeInProcessBus = (options: InProcessBusOptions): BusTransport => {
  const topics = new Map<string, Group[]>()
  let closed = false

  const groupsOf = (name: string): Group[] => {
    let groups = topics.get(name)
    if (groups === undefined) {
      groups = []
      topics.set(name, groups)
    }
    return groups
  }

  const publish = async <T>(topic: Topic<T>, messages: ReadonlyArray<BusMessage<T>>): Promise<void> => {
    if (closed) throw new Error(`bus closed: cannot publish to ${topic.name}`)
    const groups = groupsOf(topic.name)
    if (groups.length === 0) {
      // A best-effort topic (live views) is for whoever listens now: with nobody, there is nothing
      // to do (so it is while a process starts, before its live feed subscribes). A durable one
      // carries promises: refusing beats dropping silently.
      if (!topic.durable) return
      throw new Error(`no consumer subscribed to ${topic.name}: refusing to drop ${messages.length} messages`)
    }
    const waits: Promise<void>[] = []
    for (const message of messages) {
      const p = partitionOf(message.key, options.partitions)
      for (const group of groups) {
        const queue = group.queues[p] as PartitionQueue<unknown>
        queue.push(message.value)
        if (queue.isFull()) waits.push(queue.whenSpace())
      }
    }
    if (waits.length > 0) await Promise.all(waits)
  }

  const subscribe = async <T>(
    topic: Topic<T>,
    group: string,
    handler: BusHandler<T>,
  ): Promise<Subscription> => {
    const groups = groupsOf(topic.name)
    if (groups.some((g) => g.name === group)) throw new Error(`group ${group} already consumes ${topic.name}`)
    const queues = Array.from(
      { length: options.partitions },
      (_, partition) =>
        new PartitionQueue<unknown>({
          capacity: options.partitionCapacity,
          maxBatch: options.maxBatch,
          handler: (batch) => handler(batch as ReadonlyArray<T>, partition),
          onError: (error, attempt) =>
            options.log.error(
              { err: error, topic: topic.name, group, partition, attempt },
              "bus handler failed; retrying",
            ),
        }),
    )
    const entry: Group = { name: group, queues }
    groups.push(entry)
    return {
      close: async () => {
        groups.splice(groups.indexOf(entry), 1)
        await Promise.all(queues.map((q) => q.stop()))
      },
    }
  }

  const pending = () => {
    let n = 0
    for (const groups of topics.values()) for (const g of groups) for (const q of g.queues) n += q.size()
    return n
  }

  const close = async () => {
    closed = true
    const all = [...topics.values()].flat().flatMap((g) => g.queues)
    await Promise.all(all.map((q) => q.drain()))
    await Promise.all(all.map((q) => q.stop()))
  }

  return { publish, subscribe, pending, close }
}
