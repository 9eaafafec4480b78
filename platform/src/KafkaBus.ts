import { randomUUID } from "node:crypto"
import type { Topic } from "@fleetcore/proto"
import { Admin, GenericError, MultipleErrors } from "@platformatic/kafka"
import type { BusHandler, BusMessage, BusTransport, SubscribeOptions } from "./Bus.js"
import { KafkaPublisher } from "./kafka/KafkaPublisher.js"
import { KafkaSubscription } from "./kafka/KafkaSubscription.js"
import type { Log } from "./Log.js"

export interface KafkaBusOptions {
  /** host:port of one or more brokers (FLEET_KAFKA_BROKERS). */
  readonly brokers: ReadonlyArray<string>
  /** Names this process to the brokers (logs, quotas); a random suffix keeps members apart. */
  readonly clientId: string
  /** Partitions of a topic this bus creates (an existing topic keeps its count). */
  readonly partitions: number
  /** Replicas of a topic this bus creates; unset: the cluster's `default.replication.factor`. */
  readonly replicas?: number
  /** Most messages handed to a handler at once. */
  readonly maxBatch: number
  /** Records a subscriber may hold fetched but unhandled before it stops fetching. */
  readonly queueCapacity: number
  readonly log: Log
  /**
   * Times a request is retried, a second apart, before a client gives up (30: a broker restart is
   * waited for). A subscriber whose client gave up starts over with a new one.
   */
  readonly retries?: number
  /** A subscriber expected to fetch that fetched nothing for this long starts over (30 s). */
  readonly stallMs?: number
}

/**
 * The bus over Apache Kafka, for the scale-out mode (several processes per role). Topic names are
 * the proto `Topic` names as they are (`fleet.telemetry.v1`, `fleet.live.v1`, `fleet.dlq.v1`),
 * created on first use. `publish` sends with an idempotent producer and acks=all and resolves only
 * once the brokers acknowledged every record (so an MQTT PUBACK stays a promise; concurrent
 * publishes share a request, see KafkaPublisher); the record's key is the message key and Kafka
 * places it (murmur2, as the Java clients do), so a key's records stay in order. Each `subscribe` is one member of the consumer group (see KafkaSubscription):
 * per-partition batches, offsets committed after the handler, retries without committing, fetching
 * paused while its queue is full, and `onRevoked` / `onAssigned` when the group rebalances.
 * Topics not marked durable (live views) go through Kafka too, since their consumers may be other
 * processes: the group (one per API instance) starts at the newest record and commits nothing.
 */
export const makeKafkaBus = (options: KafkaBusOptions): BusTransport => {
  const clientId = `${options.clientId}-${randomUUID().slice(0, 8)}`
  const publisher = new KafkaPublisher({
    brokers: options.brokers,
    clientId,
    maxRecordsPerSend: 10_000,
    log: options.log,
  })
  const admin = new Admin({ clientId: `${clientId}-admin`, bootstrapBrokers: [...options.brokers] })
  const topics = new Map<string, Promise<void>>()
  const subscriptions = new Set<KafkaSubscription>()
  let closed = false

  /** Creates the topic with the configured partitions unless it exists. */
  const ensureTopic = (name: string): Promise<void> => {
    let creating = topics.get(name)
    if (creating === undefined) {
      creating = admin
        .createTopics({ topics: [name], partitions: options.partitions, replicas: options.replicas ?? -1 })
        .then(
          () => undefined,
          (error: unknown) => {
            if (alreadyExists(error)) return
            topics.delete(name)
            throw error
          },
        )
      topics.set(name, creating)
    }
    return creating
  }

  const publish = async <T>(topic: Topic<T>, messages: ReadonlyArray<BusMessage<T>>): Promise<void> => {
    if (closed) throw new Error(`bus closed: cannot publish to ${topic.name}`)
    if (messages.length === 0) return
    await ensureTopic(topic.name)
    await publisher.send(
      messages.map((m) => ({ topic: topic.name, key: m.key, value: JSON.stringify(m.value) })),
    )
  }

  const subscribe = async <T>(
    topic: Topic<T>,
    group: string,
    handler: BusHandler<T>,
    hooks: SubscribeOptions = {},
  ) => {
    if (closed) throw new Error(`bus closed: cannot subscribe to ${topic.name}`)
    await ensureTopic(topic.name)
    const subscription = await KafkaSubscription.start({
      brokers: options.brokers,
      clientId,
      topic: topic.name,
      group,
      durable: topic.durable,
      maxBatch: options.maxBatch,
      queueCapacity: options.queueCapacity,
      handler: handler as BusHandler<unknown>,
      hooks,
      log: options.log,
      retries: options.retries ?? 30,
      stallMs: options.stallMs ?? 30_000,
    })
    subscriptions.add(subscription)
    return {
      close: async () => {
        subscriptions.delete(subscription)
        await subscription.close()
      },
    }
  }

  const pending = () => {
    let n = 0
    for (const s of subscriptions) n += s.pending
    return n
  }

  const lag = async () => (await Promise.all([...subscriptions].map((s) => s.lag()))).flat()

  const close = async () => {
    if (closed) return
    closed = true
    await Promise.all([...subscriptions].map((s) => s.close()))
    subscriptions.clear()
    await publisher.close()
    await admin.close()
  }

  return { publish, subscribe, pending, lag, close }
}

const alreadyExists = (error: unknown): boolean => {
  if (!(error instanceof Error) || !GenericError.isGenericError(error)) return false
  const found = MultipleErrors.isMultipleErrors(error)
    ? error.findBy("apiId", "TOPIC_ALREADY_EXISTS")
    : error.findBy("apiId", "TOPIC_ALREADY_EXISTS")
  return found !== null
}
