import type { LogConsumer } from "./LogConsumer.js"
import type { OffsetStore } from "./OffsetStore.js"
import type { PartitionLog } from "./PartitionLog.js"

/** A publisher's records waiting for room in the partition. */
interface Held {
  readonly values: ReadonlyArray<unknown>
  readonly encode: (value: unknown) => string | Uint8Array
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

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
  /** Appends waiting for room (see `append`), in arrival order. */
  private held: Held[] = []
  log!: PartitionLog
  offsets!: OffsetStore

  constructor(
    private readonly memoryRecords: number,
    /** Records the consumers may be behind the log before appends wait, while every one is healthy. */
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

  /** Wakes every waiting consumer, and appends what waits for room (on close, or when a consumer starts failing). */
  release(): void {
    for (const w of this.waiters.splice(0)) w.resolve()
    this.admit(true)
  }

  /**
   * Appends to the log (resolves once durable), after waiting for room. Backpressure: while the
   * consumers here are healthy, records wait outside the log while it is `maxLag` ahead of the
   * slowest of them, so what a consumer has not read yet stays within the records kept in memory
   * (a consumer never reads back from disk what it could not keep up with) and end-to-end latency
   * stays bounded. A message larger than `maxLag` goes in alone. While a consumer is failing (a
   * store is away), nothing waits: the log absorbs, up to its disk budget. Values are encoded only
   * when they go in (see `PartitionLog.append`), so a waiting message holds no encoded copy.
   */
  append(values: ReadonlyArray<unknown>, encode: (value: unknown) => string | Uint8Array): Promise<void> {
    if (this.held.length === 0 && (this.fits(this.backlog(), values.length) || this.failing()))
      return this.log.append(values, encode)
    return new Promise((resolve, reject) => this.held.push({ values, encode, resolve, reject }))
  }

  /** The slowest consumer's position here, or `upTo` when none is behind it (or none runs). */
  private slowest(upTo: number): number {
    let position = upTo
    for (const c of this.consumers.values()) position = Math.min(position, c.position)
    return position
  }

  /** Records appended (durable or not yet) that the slowest consumer here has not finished. */
  private backlog(): number {
    return this.log.appendedOffset - this.slowest(this.log.appendedOffset)
  }

  private fits(backlog: number, records: number): boolean {
    return backlog === 0 || backlog + records <= this.maxLag
  }

  private failing(): boolean {
    for (const c of this.consumers.values()) if (c.failing) return true
    return false
  }

  /** Appends the waiting messages that fit now, in order (all of them when `all`). */
  private admit(all = false): void {
    let backlog = this.backlog()
    while (this.held.length > 0) {
      const next = this.held[0] as Held
      if (!all && !this.fits(backlog, next.values.length)) return
      this.held.shift()
      backlog += next.values.length
      this.log.append(next.values, next.encode).then(next.resolve, next.reject)
    }
  }

  /** Records not yet handled by the slowest consumer in this process. */
  lag(): number {
    return this.log.endOffset - this.slowest(this.log.endOffset)
  }

  /** Drops records every consumer here has passed, and the oldest beyond the memory bound. */
  trim(): void {
    const keepFrom = this.slowest(this.log.endOffset)
    if (this.held.length > 0) this.admit()
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
