import type { LogConsumer } from "./LogConsumer.js"
import type { OffsetStore } from "./OffsetStore.js"
import type { PartitionLog } from "./PartitionLog.js"

/**
 * One partition of a durable topic: its log on disk, its groups' committed offsets, the consumers
 * in this process, and the newest durable records kept decoded in memory, so consumers that keep
 * up never read the disk. Memory is bounded: beyond `memoryRecords` the oldest are dropped and a
 * consumer that far behind reads them from the log.
 */
export class DurablePartition {
  readonly consumers = new Map<string, LogConsumer>()
  private items: unknown[] = []
  private head = 0
  /** Offset of `items[head]`. */
  private start = 0
  private waiters: Array<{ readonly offset: number; readonly resolve: () => void }> = []
  private lagWaiters: Array<() => void> = []
  log!: PartitionLog
  offsets!: OffsetStore

  constructor(
    private readonly memoryRecords: number,
    /** Lag at which publishers wait (until it halves), while every consumer is healthy. */
    private readonly maxLag: number,
  ) {}

  /** Called by the log after each group commit, in offset order. */
  onDurable(first: number, values: ReadonlyArray<unknown>): void {
    if (first !== this.start + this.items.length - this.head) {
      this.items = []
      this.head = 0
      this.start = first
    }
    for (const v of values) this.items.push(v)
    this.trim()
    const end = first + values.length
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.offset < end)
      this.waiters = this.waiters.filter((w) => w.offset >= end)
      for (const w of ready) w.resolve()
    }
  }

  fromMemory(offset: number, max: number): ReadonlyArray<unknown> {
    if (offset < this.start) return []
    const from = this.head + (offset - this.start)
    return from >= this.items.length ? [] : this.items.slice(from, from + max)
  }

  whenPast(offset: number): Promise<void> {
    if (offset < this.log.endOffset) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ offset, resolve }))
  }

  /** Wakes every waiting consumer and publisher (on close, or when a consumer starts failing). */
  release(): void {
    for (const w of this.waiters.splice(0)) w.resolve()
    for (const w of this.lagWaiters.splice(0)) w()
  }

  /**
   * Backpressure: while the consumers here keep up, a publisher waits when they are `maxLag`
   * behind, as the in-memory bus did, so end-to-end latency stays bounded under overload. While
   * one is failing (a store is away), nobody waits: the log absorbs, up to its disk budget.
   */
  whenCaughtUp(): Promise<void> | null {
    if (this.lag() <= this.maxLag) return null
    for (const c of this.consumers.values()) if (c.failing) return null
    return new Promise((resolve) => this.lagWaiters.push(resolve))
  }

  /** Records not yet handled by the slowest consumer in this process. */
  lag(): number {
    let lag = 0
    for (const c of this.consumers.values()) lag = Math.max(lag, this.log.endOffset - c.position)
    return lag
  }

  /** Drops records every consumer here has passed, and the oldest beyond the memory bound. */
  trim(): void {
    let keepFrom = this.log.endOffset
    for (const c of this.consumers.values()) keepFrom = Math.min(keepFrom, c.position)
    if (this.lagWaiters.length > 0 && this.lag() <= this.maxLag / 2)
      for (const w of this.lagWaiters.splice(0)) w()
    const size = this.items.length - this.head
    const drop = Math.max(Math.min(keepFrom - this.start, size), size - this.memoryRecords, 0)
    if (drop === 0) return
    // Let go of the dropped records now, not when the array is next compacted: thousands of
    // handled records held a moment longer outlive a young-generation collection and get promoted.
    this.items.fill(undefined, this.head, this.head + drop)
    this.head += drop
    this.start += drop
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }
}
