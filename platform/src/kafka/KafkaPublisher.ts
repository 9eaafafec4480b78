import {
  compatibilityPartitioner,
  GenericError,
  type MessageToProduce,
  MultipleErrors,
  ProduceAcks,
  Producer,
  stringSerializers,
} from "@platformatic/kafka"
import type { Log } from "../Log.js"

export type OutgoingRecord = MessageToProduce<string, string, string, string>

export interface KafkaPublisherOptions {
  readonly brokers: ReadonlyArray<string>
  readonly clientId: string
  /** Most records in one produce request; more waiting publishes go in the next. */
  readonly maxRecordsPerSend: number
  readonly log: Log
}

interface Waiting {
  readonly records: ReadonlyArray<OutgoingRecord>
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/** The broker lost or rejected this producer's sequence: only a new producer id goes on. */
const SEQUENCE_ERRORS = ["OUT_OF_ORDER_SEQUENCE_NUMBER", "UNKNOWN_PRODUCER_ID", "INVALID_PRODUCER_EPOCH"]

const hasApiId = (error: unknown, ids: ReadonlyArray<string>): boolean => {
  if (!(error instanceof Error) || !GenericError.isGenericError(error)) return false
  return ids.some((id) =>
    MultipleErrors.isMultipleErrors(error)
      ? error.findBy("apiId", id) !== null
      : error.findBy("apiId", id) !== null,
  )
}

/**
 * The idempotent, acks=all producer behind `publish`, with ONE produce request in flight at a time:
 * `@platformatic/kafka` 1.35's idempotent producer mis-numbers concurrent `send`s (the broker
 * answers OUT_OF_ORDER_SEQUENCE_NUMBER, and platformatic/kafka#326 reports silently dropped
 * records in 2.1), so publishes that arrive while a request is in flight are grouped into the
 * next one (a group commit, as the embedded log does) and each resolves once the brokers
 * acknowledged its records. After a sequence error (the broker lost the producer's state, see
 * platformatic/kafka#309) the producer is replaced and the request sent once more; a record may
 * then be stored twice, which the consumers' idempotence absorbs.
 */
export class KafkaPublisher {
  private producer: Producer<string, string, string, string>
  private readonly waiting: Waiting[] = []
  private sending: Promise<void> | null = null
  private generation = 0

  constructor(private readonly options: KafkaPublisherOptions) {
    this.producer = this.newProducer()
  }

  private newProducer(): Producer<string, string, string, string> {
    return new Producer({
      clientId: `${this.options.clientId}-p${this.generation++}`,
      bootstrapBrokers: [...this.options.brokers],
      serializers: stringSerializers,
      idempotent: true,
      acks: ProduceAcks.ALL,
      // murmur2 of the key as the Java clients place it, so every client agrees on a key's partition.
      partitioner: compatibilityPartitioner,
      retries: 10,
      retryDelay: 500,
    })
  }

  /** Resolves once the brokers acknowledged every record (acks=all). */
  send(records: ReadonlyArray<OutgoingRecord>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ records, resolve, reject })
      this.sending ??= this.loop()
    })
  }

  private async loop(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const group: Waiting[] = []
        let count = 0
        while (this.waiting.length > 0) {
          const next = this.waiting[0] as Waiting
          if (group.length > 0 && count + next.records.length > this.options.maxRecordsPerSend) break
          group.push(next)
          count += next.records.length
          this.waiting.shift()
        }
        try {
          await this.produce(group.flatMap((w) => w.records))
          for (const w of group) w.resolve()
        } catch (error) {
          for (const w of group) w.reject(error)
        }
      }
    } finally {
      this.sending = null
    }
  }

  private async produce(messages: OutgoingRecord[]): Promise<void> {
    try {
      await this.producer.send({ messages })
    } catch (error) {
      if (!hasApiId(error, SEQUENCE_ERRORS)) throw error
      this.options.log.warn({ err: error }, "kafka producer lost its sequence; replacing the producer")
      const old = this.producer
      this.producer = this.newProducer()
      await new Promise<void>((resolve) => old.close(true, () => resolve()))
      await this.producer.send({ messages })
    }
  }

  /** Waits for the publishes already made, then closes the producer. */
  async close(): Promise<void> {
    while (this.sending !== null) await this.sending
    await this.producer.close()
  }
}
