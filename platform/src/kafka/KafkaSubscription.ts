import { Consumer, type Message, type MessagesStream, stringDeserializers } from "@platformatic/kafka"
import type { BusHandler, ConsumerLag, SubscribeOptions, Subscription } from "../Bus.js"
import type { Log } from "../Log.js"

export interface KafkaSubscriptionOptions {
  readonly brokers: ReadonlyArray<string>
  readonly clientId: string
  readonly topic: string
  readonly group: string
  /** Durable topics resume at the group's committed offset; the others start at the newest record. */
  readonly durable: boolean
  readonly maxBatch: number
  /** Records fetched and not yet handled before fetching pauses (the backpressure). */
  readonly queueCapacity: number
  readonly handler: BusHandler<unknown>
  readonly hooks: SubscribeOptions
  readonly log: Log
}

type Record = Message<string, string, string, string>

/** One partition's records of this subscriber: handled one batch at a time, in offset order. */
interface Lane {
  readonly partition: number
  readonly queue: Record[]
  /** Next offset this lane accepts; null until the stream told where it fetches from. */
  next: bigint | null
  running: Promise<void> | null
  revoked: boolean
}

const RETRY_BASE_MS = 50
const RETRY_MAX_MS = 5_000
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A consumer-group member over one topic. Records arrive from the client's stream one by one; they
 * are queued per partition and handed to the handler in batches, one batch of a partition at a
 * time (partitions run concurrently); a batch's offset is committed only after the handler
 * resolved; a rejected batch is retried with backoff and never committed, so delivery is
 * at-least-once. While more than `queueCapacity` records wait, fetching pauses.
 */
export class KafkaSubscription implements Subscription {
  private readonly lanes = new Map<number, Lane>()
  private assigned = new Set<number>()
  private queued = 0
  private stopping = false
  private pausedForRoom = false
  private membership: Promise<void> = Promise.resolve()

  private constructor(
    private readonly options: KafkaSubscriptionOptions,
    private readonly consumer: Consumer<string, string, string, string>,
    private readonly stream: MessagesStream<string, string, string, string>,
  ) {}

  static async start(options: KafkaSubscriptionOptions): Promise<KafkaSubscription> {
    const consumer = new Consumer<string, string, string, string>({
      clientId: options.clientId,
      groupId: options.group,
      bootstrapBrokers: [...options.brokers],
      deserializers: stringDeserializers,
      autocommit: false,
      maxWaitTime: 200,
      sessionTimeout: 20_000,
      heartbeatInterval: 1_000,
      // A broker away for up to half a minute (a restart) is waited for, not an end of the stream.
      retries: 30,
      retryDelay: 1_000,
    })
    const stream = await consumer.consume({
      topics: [options.topic],
      mode: options.durable ? "committed" : "latest",
      fallbackMode: options.durable ? "earliest" : "latest",
      autocommit: false,
    })
    const subscription = new KafkaSubscription(options, consumer, stream)
    subscription.listen(consumer.assignments)
    return subscription
  }

  /** Records fetched and not handled yet (this member's known lag). */
  get pending(): number {
    return this.queued
  }

  /**
   * Per owned partition of a durable topic: the partition's end offset (asked of the broker) less
   * the group's committed offset. Empty while stopping or when the broker does not answer.
   */
  async lag(): Promise<ReadonlyArray<ConsumerLag>> {
    if (!this.options.durable || this.stopping || this.assigned.size === 0) return []
    const { topic, group } = this.options
    try {
      const lags = (await this.consumer.getLag({ topics: [topic] })).get(topic) ?? []
      return lags.flatMap((records, partition) =>
        this.assigned.has(partition) && records >= 0n
          ? [{ topic, group, partition, records: Number(records) }]
          : [],
      )
    } catch {
      return []
    }
  }

  private listen(initial: ReadonlyArray<{ topic: string; partitions: number[] }> | null): void {
    const { stream, consumer, options } = this
    this.membership = this.reassign(initial)
    consumer.on("consumer:group:join", (payload) => {
      const assignments = payload.assignments ?? consumer.assignments
      this.membership = this.membership.then(() => this.reassign(assignments))
    })
    stream.on("offsets", () => this.syncPositions())
    stream.on("data", (record: Record) => this.accept(record))
    stream.on("error", (error: Error) =>
      options.log.error(
        { err: error, topic: options.topic, group: options.group },
        "kafka consumer stream failed",
      ),
    )
  }

  /** Applies a new assignment: revoked lanes finish their batch in flight, commit, and go. */
  private async reassign(
    assignments: ReadonlyArray<{ topic: string; partitions: number[] }> | null | undefined,
  ): Promise<void> {
    const next = new Set(assignments?.find((a) => a.topic === this.options.topic)?.partitions ?? [])
    const revoked = [...this.assigned].filter((p) => !next.has(p))
    const added = [...next].filter((p) => !this.assigned.has(p))
    this.assigned = next
    if (revoked.length > 0) {
      const lanes = revoked.flatMap((p) => this.lanes.get(p) ?? [])
      for (const lane of lanes) lane.revoked = true
      await Promise.all(lanes.map((lane) => lane.running))
      for (const lane of lanes) {
        this.queued -= lane.queue.length
        this.lanes.delete(lane.partition)
      }
      this.makeRoom()
      await this.hook(() => this.options.hooks.onRevoked?.(revoked), "onRevoked")
    }
    if (added.length > 0) await this.hook(() => this.options.hooks.onAssigned?.(added), "onAssigned")
    this.syncPositions()
  }

  private async hook(call: () => Promise<void> | void, name: string): Promise<void> {
    try {
      await call()
    } catch (error) {
      this.options.log.error(
        { err: error, topic: this.options.topic, group: this.options.group },
        `bus ${name} failed`,
      )
    }
  }

  /** Idle lanes start where the stream fetches from (after a join, the group's committed offset). */
  private syncPositions(): void {
    for (const [key, offset] of this.stream.offsetsToFetch) {
      const [topic, p] = [key.slice(0, key.lastIndexOf(":")), Number(key.slice(key.lastIndexOf(":") + 1))]
      if (topic !== this.options.topic || !this.assigned.has(p)) continue
      const lane = this.laneOf(p)
      if (lane.queue.length === 0 && lane.running === null) lane.next = offset
    }
  }

  private laneOf(partition: number): Lane {
    let lane = this.lanes.get(partition)
    if (lane === undefined) {
      lane = { partition, queue: [], next: null, running: null, revoked: false }
      this.lanes.set(partition, lane)
    }
    return lane
  }

  private accept(record: Record): void {
    if (this.stopping || !this.assigned.has(record.partition)) return
    const lane = this.laneOf(record.partition)
    // After a rebalance the stream fetches again from the committed offset: what this lane has
    // already queued or handled comes again and is dropped; a record past the expected offset was
    // fetched before the rebalance and comes again in order.
    if (lane.next !== null && record.offset !== lane.next) return
    lane.queue.push(record)
    lane.next = record.offset + 1n
    this.queued++
    if (this.queued >= this.options.queueCapacity && !this.pausedForRoom) {
      this.pausedForRoom = true
      this.stream.pause()
    }
    if (lane.running === null) lane.running = this.drain(lane)
  }

  private makeRoom(): void {
    if (this.pausedForRoom && this.queued <= this.options.queueCapacity / 2 && !this.stopping) {
      this.pausedForRoom = false
      this.stream.resume()
    }
  }

  private async drain(lane: Lane): Promise<void> {
    // Lets the rest of the fetch arrive, so a batch holds what the broker returned at once.
    await new Promise<void>((resolve) => setImmediate(resolve))
    try {
      while (lane.queue.length > 0 && !this.stopping && !lane.revoked) {
        const batch = lane.queue.slice(0, this.options.maxBatch)
        const values = batch.map((r) => JSON.parse(r.value) as unknown)
        if (!(await this.handle(values, lane))) return
        const last = batch[batch.length - 1] as Record
        await this.commit(last, lane)
        lane.queue.splice(0, batch.length)
        this.queued -= batch.length
        this.makeRoom()
      }
    } finally {
      lane.running = null
    }
  }

  /** Runs the handler until it succeeds; false when the lane was stopped or revoked meanwhile. */
  private async handle(values: ReadonlyArray<unknown>, lane: Lane): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handler(values, lane.partition)
        return true
      } catch (error) {
        this.options.log.error(
          {
            err: error,
            topic: this.options.topic,
            group: this.options.group,
            partition: lane.partition,
            attempt,
          },
          "bus handler failed; retrying",
        )
        await sleep(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt))
        if (this.stopping || lane.revoked) return false
      }
    }
  }

  /** Commits the offset after `last`; retried a few times (a failure only means redelivery). */
  private async commit(last: Record, lane: Lane): Promise<void> {
    if (!this.options.durable) return
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        await last.commit()
        return
      } catch (error) {
        this.options.log.warn(
          {
            err: error,
            topic: this.options.topic,
            group: this.options.group,
            partition: lane.partition,
            attempt,
          },
          "bus offset commit failed",
        )
        await sleep(RETRY_BASE_MS * 2 ** attempt)
      }
    }
  }

  /**
   * Stops after the batches in flight (their offsets committed), hands every owned partition over
   * (`onRevoked`, while this member still holds them: the group cannot give them to another member
   * before the hook's snapshot is written), then leaves the group.
   */
  readonly close = async (): Promise<void> => {
    if (this.stopping) return
    this.stopping = true
    this.stream.pause()
    await this.membership
    await Promise.all([...this.lanes.values()].map((lane) => lane.running))
    this.queued = 0
    const owned = [...this.assigned]
    this.assigned = new Set()
    if (owned.length > 0) await this.hook(() => this.options.hooks.onRevoked?.(owned), "onRevoked")
    await this.stream.close()
    await this.consumer.close()
  }
}
