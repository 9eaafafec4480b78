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
  /** Batches in the handler at once (see `SubscribeOptions.inFlight`); 1 when absent. */
  readonly inFlight?: number
  /** The group finished every record before `offset` (written to disk soon after). */
  readonly commit: (offset: number) => void
  readonly onError: (error: unknown, attempt: number) => void
}

const RETRY_BASE_MS = 50
const RETRY_MAX_MS = 5_000
/** With batches in flight, how long after a hand-over the next one may wait to grow. */
const HAND_OVER_LINGER_MS = 10

/** A batch handed to the handler and not yet committed. */
interface InFlight {
  /** Offset after its last record. */
  readonly end: number
  /** Resolves when the handler settled: true if it succeeded. */
  readonly settled: Promise<boolean>
  ok: boolean | undefined
}

/**
 * One consumer group's delivery loop over one partition: batches in offset order, from memory
 * when the records are still there, else from disk. Up to `inFlight` batches are in the handler
 * at once (each given the handling of the one before; while some are, the next is handed over at
 * most every `HAND_OVER_LINGER_MS` unless full); offsets are committed in order, each only
 * after its handler and every earlier one finished. A failed batch is never skipped: once the
 * batches in flight settled, it and every later one are delivered again, with backoff.
 */
export class LogConsumer {
  /** Offset after the last committed batch. */
  private offset: number
  /** Offset of the next record to hand over. */
  private next: number
  private readonly inFlight: InFlight[] = []
  private previous: Promise<void> | undefined = undefined
  private handedOverAtMs = 0
  private stopped = false
  private retrying = false
  /** Failed deliveries since the last commit (the backoff grows with them). */
  private failures = 0
  private wake: (() => void) | null = null
  private readonly loop: Promise<void>

  constructor(private readonly options: LogConsumerOptions) {
    this.offset = options.from
    this.next = options.from
    this.loop = this.run()
  }

  /** Next offset this consumer will commit: records from here on may be delivered (again). */
  get position(): number {
    return this.offset
  }

  /** Its last attempt failed (a store is away): publishers must not wait for it. */
  get failing(): boolean {
    return this.retrying
  }

  /** Stops after the batches in flight (awaited); their offsets are committed (the caller flushes). */
  async stop(): Promise<void> {
    this.stopped = true
    this.wake?.()
    await this.loop
    await this.options.reader.close()
  }

  private async run(): Promise<void> {
    const { source, maxBatch } = this.options
    const depth = Math.max(1, this.options.inFlight ?? 1)
    for (;;) {
      this.commitSettled()
      if (this.stopped || this.inFlight.some((b) => b.ok === false)) {
        // Nothing more is handed over; what is in flight finishes first.
        await Promise.all(this.inFlight.map((b) => b.settled))
        this.commitSettled()
        if (this.stopped) return
        // The batch at the head failed (every one before it is committed): it and the rest again.
        this.inFlight.length = 0
        this.next = this.offset
        this.previous = undefined
        if (!(await this.backoff(this.failures))) return
        continue
      }
      if (this.inFlight.length >= depth || this.next >= source.endOffset()) {
        const waits: Array<Promise<unknown>> = [new Promise<void>((r) => (this.wake = r))]
        const head = this.inFlight[0]
        if (head !== undefined) waits.push(head.settled)
        if (this.inFlight.length < depth) waits.push(source.whenPast(this.next))
        await Promise.race(waits)
        this.wake = null
        continue
      }
      const max = Math.min(maxBatch, source.endOffset() - this.next)
      // With batches in flight, the next waits a little to be larger (unless it is full already):
      // a hand-over per group commit would cost the handler's per-batch work every 2 ms.
      const lingerMs = this.handedOverAtMs + HAND_OVER_LINGER_MS - performance.now()
      const head = this.inFlight[0]
      if (head !== undefined && max < maxBatch && lingerMs > 0) {
        await Promise.race([head.settled, this.pause(lingerMs)])
        this.wake = null
        continue
      }
      let batch = source.fromMemory(this.next, max)
      if (batch.length === 0) {
        const read = await this.attempt(() => this.options.reader.read(this.next, max))
        if (read === null) continue
        batch = read.value.map(this.options.decode)
        if (batch.length === 0) continue
      }
      this.handOver(batch)
    }
  }

  private handOver(batch: ReadonlyArray<unknown>): void {
    let handled: Promise<void>
    try {
      handled = this.options.handler(batch, this.options.partition, this.previous)
    } catch (error) {
      handled = Promise.reject(error)
    }
    this.previous = handled
    const entry: InFlight = {
      end: this.next + batch.length,
      ok: undefined,
      settled: handled.then(
        () => {
          entry.ok = true
          return true
        },
        (error: unknown) => {
          entry.ok = false
          this.retrying = true
          this.failures++
          this.options.onError(error, this.failures)
          return false
        },
      ),
    }
    this.inFlight.push(entry)
    this.next = entry.end
    this.handedOverAtMs = performance.now()
  }

  /** Commits the batches at the head that succeeded, in order. */
  private commitSettled(): void {
    let moved = false
    while (this.inFlight[0]?.ok === true) {
      this.offset = (this.inFlight.shift() as InFlight).end
      moved = true
    }
    if (!moved) return
    this.retrying = false
    this.failures = 0
    this.options.commit(this.offset)
  }

  /** Waits before a retry; false when stopped meanwhile. */
  private async backoff(attempt: number): Promise<boolean> {
    await this.pause(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt))
    this.wake = null
    return !this.stopped
  }

  /** Resolves after `ms`, or at once when `stop` wakes the loop. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  /** Runs `work` until it succeeds (backoff between tries); null when stopped meanwhile. */
  private async attempt<T>(work: () => Promise<T>): Promise<{ readonly value: T } | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await work()
        return { value }
      } catch (error) {
        this.retrying = true
        this.options.onError(error, attempt)
        if (this.stopped || !(await this.backoff(attempt))) return null
      }
    }
  }
}
