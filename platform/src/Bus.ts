import type { Topic } from "@fleetcore/proto"
import { Context } from "effect"

export interface BusMessage<T> {
  /** Partition key: messages with the same key are delivered in publish order. */
  readonly key: string
  readonly value: T
}

/**
 * Handles a batch of messages from one partition. A rejection is retried (at-least-once), so
 * handlers must be idempotent. The bus delivers the next batch of that partition only after the
 * returned promise settles, unless the subscriber allows more in flight (`SubscribeOptions.inFlight`):
 * then `previous` is the handling of the partition's batch before this one, still under way. It
 * rejects when that batch failed, and then this one must fail too: both are delivered again.
 */
export type BusHandler<T> = (
  messages: ReadonlyArray<T>,
  partition: number,
  previous?: Promise<void>,
) => Promise<void>

/**
 * What a subscriber may learn about its share of the topic. Only a transport that moves partitions
 * between processes (Kafka) calls these; the embedded ones own every partition and never do.
 */
export interface SubscribeOptions {
  /**
   * Partitions this subscriber no longer owns. Called after the batch in flight of each finished
   * and its offset was committed, before the partition's next batch can reach another subscriber
   * of the group from this process: the place to snapshot or drop those partitions' state.
   */
  readonly onRevoked?: (partitions: ReadonlyArray<number>) => Promise<void> | void
  /** Partitions this subscriber now owns; their batches start at the group's committed offset. */
  readonly onAssigned?: (partitions: ReadonlyArray<number>) => Promise<void> | void
  /**
   * How many batches of one partition the handler may hold at once (default 1): with more, the
   * next batch is handed over while earlier ones wait on a store, offsets are still committed in
   * order, and a failed batch is delivered again with every later one once those in flight
   * settled. The durable log honours it; Kafka and the in-process bus deliver one at a time.
   */
  readonly inFlight?: number
}

/** How far one consumer group is behind on one partition: records published and not yet committed. */
export interface ConsumerLag {
  readonly topic: string
  readonly group: string
  readonly partition: number
  readonly records: number
}

export interface Subscription {
  /** Stops delivery after the batch in flight, which is awaited. */
  readonly close: () => Promise<void>
}

/**
 * The message bus between ingest, engine and api. The in-process transport and the Kafka
 * transport implement this same interface; nothing outside a transport knows which one runs.
 */
export interface BusTransport {
  /**
   * Resolves once every message is accepted by the bus. While a consumer's partition is full the
   * promise stays pending: that is the backpressure that reaches the device's socket.
   */
  readonly publish: <T>(topic: Topic<T>, messages: ReadonlyArray<BusMessage<T>>) => Promise<void>
  /** Consumers with the same group share the topic's partitions; each group gets every message. */
  readonly subscribe: <T>(
    topic: Topic<T>,
    group: string,
    handler: BusHandler<T>,
    options?: SubscribeOptions,
  ) => Promise<Subscription>
  /** Messages accepted but not yet handled, over all groups (for metrics and drain). */
  readonly pending: () => number
  /**
   * The lag of each durable topic's partition for each group subscribed in this process (the
   * partitions it owns), read when metrics are scraped. Transports without committed offsets
   * (the in-memory one) leave it out.
   */
  readonly lag?: () => Promise<ReadonlyArray<ConsumerLag>>
  readonly close: () => Promise<void>
}

export class Bus extends Context.Service<Bus, BusTransport>()("fleetcore/Bus") {}
