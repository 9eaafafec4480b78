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
  /** Times a request to the brokers is retried, a second apart, before the client gives up. */
  readonly retries: number
  /**
   * A member that owns partitions and is not paused by its own backpressure fetches at least every
   * `maxWaitTime` (200 ms), records or not. One that has fetched nothing for this long has a dead
   * fetch loop and starts over (see `restart`).
   */
  readonly stallMs: number
}

type Record = Message<string, string, string, string>

interface Client {
  readonly consumer: Consumer<string, string, string, string>
  readonly stream: MessagesStream<string, string, string, string>
}

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
/** The n-th wait in a row (n ≥ 1) before a client is made again: 1, 2, 4 … 30 s. */
const reconnectDelayMs = (n: number) => Math.min(30_000, 1_000 * 2 ** (n - 1))

/**
 * A consumer-group member over one topic. Records arrive from the client's stream one by one; they
 * are queued per partition and handed to the handler in batches, one batch of a partition at a
 * time (partitions run concurrently); a batch's offset is committed only after the handler
 * resolved; a rejected batch is retried with backoff and never committed, so delivery is
 * at-least-once. While more than `queueCapacity` records wait, fetching pauses.
 *
 * The member starts over with a new client when its stream ends (the client gave up on a broker
 * away longer than its retries) or when its fetch loop died without a word: @platformatic/kafka
 * 1.35 refreshes the stream's offsets after each group join and, when that refresh fails (a
 * `listOffsets` timing out on a starved machine), returns without fetching again or emitting an
 * error. Starting over hands the owned partitions over (`onRevoked`) and joins the group again,
 * which resumes at the committed offsets: nothing is lost, and what was handled and not yet
 * committed comes again (at-least-once, as after any rebalance).
 */
export class KafkaSubscription implements Subscription {
  private readonly lanes = new Map<number, Lane>()
  private assigned = new Set<number>()
  private queued = 0
  private stopping = false
  private pausedForRoom = false
  private membership: Promise<void> = Promise.resolve()
  private client: Client | null = null
  /** When the stream last completed a fetch, or when fetching was last not expected of it. */
  private lastFetchAt = Date.now()
  private restarting: Promise<void> | null = null
  /** When this member last started over, and how many times in a row within a minute of the last. */
  private lastRestartMs = 0
  private quickRestarts = 0
  private watchdog: NodeJS.Timeout | undefined
  private restartCount = 0

  private constructor(private readonly options: KafkaSubscriptionOptions) {}

  static async start(options: KafkaSubscriptionOptions): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(options)
    await subscription.connect()
    const every = Math.max(100, Math.min(5_000, Math.floor(options.stallMs / 2)))
    subscription.watchdog = setInterval(() => subscription.checkFetching(), every)
    subscription.watchdog.unref()
    return subscription
  }

  private async connect(): Promise<void> {
    const { options } = this
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
      retries: options.retries,
      retryDelay: 1_000,
    })
    let stream: MessagesStream<string, string, string, string>
    try {
      stream = await consumer.consume({
        topics: [options.topic],
        mode: options.durable ? "committed" : "latest",
        fallbackMode: options.durable ? "earliest" : "latest",
        autocommit: false,
      })
    } catch (error) {
      await forceClose(consumer)
      throw error
    }
    const client = { consumer, stream }
    this.client = client
    this.lastFetchAt = Date.now()
    this.listen(client)
  }

  /** Times this member started over. */
  get restarts(): number {
    return this.restartCount
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
      const consumer = this.client?.consumer
      if (consumer === undefined) return []
      const lags = (await consumer.getLag({ topics: [topic] })).get(topic) ?? []
      return lags.flatMap((records, partition) =>
        this.assigned.has(partition) && records >= 0n
          ? [{ topic, group, partition, records: Number(records) }]
          : [],
      )
    } catch {
      return []
    }
  }

  /** Events of a client that this member has since replaced are ignored. */
  private listen(client: Client): void {
    const { stream, consumer } = client
    const { options } = this
    const current = () => this.client === client
    this.membership = this.reassign(consumer.assignments)
    consumer.on("consumer:group:join", (payload) => {
      if (!current()) return
      const assignments = payload.assignments ?? consumer.assignments
      this.membership = this.membership.then(() => this.reassign(assignments))
    })
    stream.on("offsets", () => current() && this.syncPositions())
    stream.on("fetch", () => {
      if (current()) this.lastFetchAt = Date.now()
    })
    stream.on("data", (record: Record) => current() && this.accept(record))
    stream.on("error", (error: Error) =>
      options.log.error(
        { err: error, topic: options.topic, group: options.group },
        "kafka consumer stream failed",
      ),
    )
    stream.on("close", () => {
      if (current()) this.restart("its stream ended")
    })
  }

  /** Runs on a timer: a member expected to fetch that has not fetched for `stallMs` starts over. */
  private checkFetching(): void {
    const expected =
      !this.stopping && this.restarting === null && !this.pausedForRoom && this.assigned.size > 0
    if (!expected) this.lastFetchAt = Date.now()
    else if (Date.now() - this.lastFetchAt > this.options.stallMs)
      this.restart(`it fetched nothing for ${Math.round((Date.now() - this.lastFetchAt) / 1000)} s`)
  }

  /**
   * Replaces the client: the batches in flight finish (their offsets committed while the old
   * client still can), the owned partitions are handed over (`onRevoked`), the old client closes
   * and a new one joins the group, retried with backoff until it does or the member stops.
   */
  private restart(reason: string): void {
    if (this.stopping || this.restarting !== null) return
    const { topic, group } = this.options
    this.options.log.warn({ topic, group, reason }, "kafka consumer starts over")
    this.restarting = this.reconnect().finally(() => {
      this.restarting = null
    })
  }

  private async reconnect(): Promise<void> {
    const old = this.client
    old?.stream.pause()
    await this.membership
    await this.release({ revokeLanes: true })
    this.client = null
    if (old !== null) await closeClient(old)
    // A client that fails again at once (a committed offset the broker no longer holds) is not
    // replaced in a tight loop: the pauses grow 1, 2, 4 … 30 s while it keeps failing within a minute.
    this.quickRestarts = Date.now() - this.lastRestartMs < 60_000 ? this.quickRestarts + 1 : 0
    this.lastRestartMs = Date.now()
    await this.waitUnlessStopping(this.quickRestarts === 0 ? 0 : reconnectDelayMs(this.quickRestarts))
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.connect()
        this.restartCount++
        return
      } catch (error) {
        const { topic, group } = this.options
        this.options.log.error({ err: error, topic, group, attempt }, "kafka consumer could not start over")
        await this.waitUnlessStopping(reconnectDelayMs(attempt))
      }
    }
  }

  /** Waits `ms`, or less if the member stops meanwhile. */
  private async waitUnlessStopping(ms: number): Promise<void> {
    const until = Date.now() + ms
    while (!this.stopping && Date.now() < until) await sleep(Math.min(250, until - Date.now()))
  }

  /**
   * Lets the batches in flight finish and hands every owned partition over (`onRevoked`, while
   * this member still holds them). `revokeLanes` stops a batch retrying a failing handler.
   */
  private async release({ revokeLanes }: { revokeLanes: boolean }): Promise<void> {
    if (revokeLanes) for (const lane of this.lanes.values()) lane.revoked = true
    await Promise.all([...this.lanes.values()].map((lane) => lane.running))
    this.lanes.clear()
    this.queued = 0
    this.pausedForRoom = false
    const owned = [...this.assigned]
    this.assigned = new Set()
    if (owned.length > 0) await this.hook(() => this.options.hooks.onRevoked?.(owned), "onRevoked")
  }

  /** Applies a new assignment: revoked lanes finish their batch in flight, commit, and go. */
  private async reassign(
    assignments: ReadonlyArray<{ topic: string; partitions: number[] }> | null | undefined,
  ): Promise<void> {
    const next = new Set(assignments?.find((a) => a.topic === this.options.topic)?.partitions ?? [])
    const revoked = [...this.assigned].filter((p) => !next.has(p))
    const added = [...next].filter((p) => !this.assigned.has(p))
    this.assigned = next
    if (revoked.length > 0 || added.length > 0) {
      const { topic, group } = this.options
      this.options.log.info({ topic, group, added, revoked }, "kafka partitions assigned")
    }
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
    const stream = this.client?.stream
    if (stream === undefined) return
    for (const [key, offset] of stream.offsetsToFetch) {
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
      this.client?.stream.pause()
    }
    if (lane.running === null) lane.running = this.drain(lane)
  }

  private makeRoom(): void {
    if (this.pausedForRoom && this.queued <= this.options.queueCapacity / 2 && !this.stopping) {
      this.pausedForRoom = false
      this.client?.stream.resume()
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

  /**
   * Commits the offset after `last`; retried a few times (a failure only means redelivery), and not
   * again once the client is being replaced (it is broken, and the new one resumes from the group's
   * last commit anyway).
   */
  private async commit(last: Record, lane: Lane): Promise<void> {
    if (!this.options.durable) return
    for (let attempt = 1; attempt <= 5 && (attempt === 1 || this.restarting === null); attempt++) {
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
    clearInterval(this.watchdog)
    await this.restarting
    this.client?.stream.pause()
    await this.membership
    await this.release({ revokeLanes: false })
    const client = this.client
    this.client = null
    if (client !== null) {
      await client.stream.close()
      await client.consumer.close()
    }
  }
}

/** Closes a client being replaced; a client already broken may fail to, or take long: not waited for beyond 10 s. */
const closeClient = async ({ consumer, stream }: Client): Promise<void> => {
  const closing = (async () => {
    await stream.close().catch(() => undefined)
    await forceClose(consumer)
  })()
  await Promise.race([closing, sleep(10_000)])
}

/** Closes a consumer without waiting for what it has in flight; its error, if any, is of no use. */
const forceClose = (consumer: Consumer<string, string, string, string>): Promise<void> =>
  new Promise<void>((resolve) => consumer.close(true, () => resolve()))
