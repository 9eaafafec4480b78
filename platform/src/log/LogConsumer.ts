import type { BusHandler } from "../Bus.js"
import type { PartitionReader } from "./PartitionReader.js"

/** What a consumer needs of its partition (see DurablePartition). */
export interface ConsumerSource {
  /** Offset after the last durable record. */
  readonly endOffset: () => number
  /** Records from `offset` kept in memory, at most `max`; empty when `offset` is not in memory. */
  readonly fromMemory: (offset: number, max: number) => ReadonlyArray<unknown>
  /** Resolves when records past `offset` are durable, or the partition closes. */
  readonly whenPast: (offset: number) => Promise<void>
}

export interface LogConsumerOptions {
  readonly group: string
  readonly partition: number
  readonly from: number
  readonly maxBatch: number
  readonly source: ConsumerSource
  readonly reader: PartitionReader
  readonly decode: (payload: Buffer) => unknown
  readonly handler: BusHandler<unknown>
  /** The group finished every record before `offset` (written to disk soon after). */
  readonly commit: (offset: number) => void
  readonly onError: (error: unknown, attempt: number) => void
}

const RETRY_BASE_MS = 50
const RETRY_MAX_MS = 5_000

/**
 * One consumer group's delivery loop over one partition: batches in offset order, from memory
 * when the records are still there, else from disk; a failed batch is retried with backoff and
 * never skipped; the offset is committed only after the handler finished.
 */
export class LogConsumer {
  private offset: number
  private stopped = false
  private retrying = false
  private wake: (() => void) | null = null
  private readonly loop: Promise<void>

  constructor(private readonly options: LogConsumerOptions) {
    this.offset = options.from
    this.loop = this.run()
  }

  /** Next offset this consumer will deliver. */
  get position(): number {
    return this.offset
  }

  /** Its last attempt failed (a store is away): publishers must not wait for it. */
  get failing(): boolean {
    return this.retrying
  }

  /** Stops after the batch in flight (awaited); its offset is committed (the caller flushes). */
  async stop(): Promise<void> {
    this.stopped = true
    this.wake?.()
    await this.loop
    await this.options.reader.close()
  }

  private async run(): Promise<void> {
    const { source, maxBatch } = this.options
    while (!this.stopped) {
      if (this.offset >= source.endOffset()) {
        await Promise.race([source.whenPast(this.offset), new Promise<void>((r) => (this.wake = r))])
        this.wake = null
        continue
      }
      const max = Math.min(maxBatch, source.endOffset() - this.offset)
      let batch = source.fromMemory(this.offset, max)
      if (batch.length === 0) {
        const read = await this.attempt(() => this.options.reader.read(this.offset, max))
        if (read === null) return
        batch = read.value.map(this.options.decode)
        if (batch.length === 0) continue
      }
      const handled = await this.attempt(() => this.options.handler(batch, this.options.partition))
      if (handled === null) return
      this.offset += batch.length
      this.options.commit(this.offset)
    }
  }

  /** Runs `work` until it succeeds (backoff between tries); null when stopped meanwhile. */
  private async attempt<T>(work: () => Promise<T>): Promise<{ readonly value: T } | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await work()
        this.retrying = false
        return { value }
      } catch (error) {
        this.retrying = true
        this.options.onError(error, attempt)
        if (this.stopped) return null
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt))
          this.wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        this.wake = null
        if (this.stopped) return null
      }
    }
  }
}
