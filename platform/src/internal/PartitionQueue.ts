export interface PartitionQueueOptions<T> {
  readonly capacity: number
  readonly maxBatch: number
  readonly handler: (batch: ReadonlyArray<T>) => Promise<void>
  readonly onError: (error: unknown, attempt: number) => void
}

const RETRY_BASE_MS = 50
const RETRY_MAX_MS = 5_000

/**
 * One partition of one consumer group: a FIFO that hands batches to its handler one at a time
 * (order kept), retries a failed batch with backoff (never drops it), and tells publishers when
 * it has room again. Publishers wait from `capacity` until the queue is down to half of it.
 */
export class PartitionQueue<T> {
  /** Queued items from `head` on; slots before it were handled and hold nothing. */
  private items: Array<T | undefined> = []
  private head = 0
  private running = false
  private stopped = false
  private spaceWaiters: Array<() => void> = []
  private idleWaiters: Array<() => void> = []
  private inFlight: Promise<void> | null = null

  constructor(private readonly options: PartitionQueueOptions<T>) {}

  size(): number {
    return this.items.length - this.head
  }

  isFull(): boolean {
    return this.size() >= this.options.capacity
  }

  push(item: T): void {
    this.items.push(item)
    if (!this.running && !this.stopped) {
      this.running = true
      queueMicrotask(() => {
        this.inFlight = this.run()
      })
    }
  }

  whenSpace(): Promise<void> {
    if (!this.isFull()) return Promise.resolve()
    return new Promise((resolve) => this.spaceWaiters.push(resolve))
  }

  /** Resolves when every queued item has been handled. */
  drain(): Promise<void> {
    if (this.size() === 0 && !this.running) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.inFlight
    for (const w of this.spaceWaiters.splice(0)) w()
    for (const w of this.idleWaiters.splice(0)) w()
  }

  private async run(): Promise<void> {
    while (!this.stopped && this.size() > 0) {
      const end = Math.min(this.items.length, this.head + this.options.maxBatch)
      const batch = this.items.slice(this.head, end) as T[]
      let attempt = 0
      for (;;) {
        try {
          await this.options.handler(batch)
          break
        } catch (error) {
          attempt++
          this.options.onError(error, attempt)
          if (this.stopped) return
          await new Promise((r) => setTimeout(r, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt)))
        }
      }
      // Handled items are let go at once: a queue that keeps up (the live feed's, ~10 batches a
      // second of every vehicle's newest position) otherwise held thousands of handled batches
      // until its next compaction, and they grew the old generation (docs/architecture.md).
      this.items.fill(undefined, this.head, end)
      this.head = end
      if (this.head === this.items.length) {
        this.items = []
        this.head = 0
      } else if (this.head > 4096 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head)
        this.head = 0
      }
      if (this.spaceWaiters.length > 0 && this.size() <= this.options.capacity / 2) {
        for (const w of this.spaceWaiters.splice(0)) w()
      }
    }
    this.running = false
    if (this.size() === 0) for (const w of this.idleWaiters.splice(0)) w()
  }
}
