export interface BufferFlusherOptions {
  /** Moves every row in the buffer into its table; resolves once they are there. */
  readonly flush: () => Promise<void>
  /** Flush as soon as this many rows were written since the last flush. */
  readonly maxRows: number
  /** Flush at the latest this long after the first row written since the last flush. */
  readonly maxDelayMs: number
  /** Told how many rows are written and not yet flushed, whenever that changes. */
  readonly onPending?: (rows: number) => void
}

interface Round {
  rows: number
  /** When the first of `rows` was written (`performance.now()`). */
  sinceMs: number
  readonly waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>
}

/**
 * Flushes a ClickHouse `Buffer` table into its table by size and by time, and tells a writer when
 * the rows it wrote are there. Rows in a `Buffer` are visible to queries at once but live in the
 * server's memory until flushed: whoever acknowledges upstream (commits a bus offset) must wait for
 * `durable()`. One flush runs at a time; a `durable()` asked for while one runs waits for the next,
 * which starts after the rows written before the call.
 */
export class BufferFlusher {
  private round: Round = BufferFlusher.empty()
  private flushing: Promise<void> | null = null
  private timer: NodeJS.Timeout | null = null
  private closing = false
  /** Rows in the flush under way. */
  private flushingRows = 0
  /** When the last flush failed (`performance.now()`): the next waits `maxDelayMs` from then. */
  private failedAtMs: number | null = null

  constructor(private readonly options: BufferFlusherOptions) {}

  private static empty(): Round {
    return { rows: 0, sinceMs: 0, waiters: [] }
  }

  /** Rows written and not yet flushed (in memory only). */
  get pending(): number {
    return this.round.rows + this.flushingRows
  }

  /** `rows` were written into the buffer (their insert resolved). */
  written(rows: number): void {
    if (rows <= 0) return
    if (this.round.rows === 0) this.round.sinceMs = performance.now()
    this.round.rows += rows
    this.options.onPending?.(this.pending)
    this.schedule()
  }

  /** Resolves once every row written before this call is in the table; rejects if its flush failed. */
  durable(): Promise<void> {
    // Every row written so far is in the table or in the flush under way.
    if (this.round.rows === 0) return this.flushing ?? Promise.resolve()
    return new Promise((resolve, reject) => {
      this.round.waiters.push({ resolve, reject })
      this.schedule()
    })
  }

  /**
   * From now on flushes as soon as rows are written or awaited (for a shutdown: the batches still in
   * flight are waiting for their flush).
   */
  hurry(): void {
    this.closing = true
    this.schedule()
  }

  /**
   * Flushes what is left and stops; rejects if a flush failed (its rows were in memory only: their
   * batches were not acknowledged, so the bus delivers them again after a restart).
   */
  async close(): Promise<void> {
    this.hurry()
    try {
      while (this.flushing !== null) await this.flushing
    } finally {
      if (this.timer !== null) clearTimeout(this.timer)
      this.timer = null
    }
  }

  private schedule(): void {
    if (this.flushing !== null || (this.round.rows === 0 && this.round.waiters.length === 0)) return
    const now = performance.now()
    const retryMs = this.failedAtMs === null ? 0 : this.failedAtMs + this.options.maxDelayMs - now
    const dueMs =
      this.closing || this.round.rows >= this.options.maxRows
        ? 0
        : this.round.sinceMs + this.options.maxDelayMs - now
    const leftMs = Math.max(retryMs, dueMs)
    if (leftMs <= 0) this.kick()
    else if (this.timer === null) this.timer = setTimeout(() => this.kick(), leftMs)
  }

  private kick(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.flushing !== null || (this.round.rows === 0 && this.round.waiters.length === 0)) return
    const round = this.round
    this.round = BufferFlusher.empty()
    this.flushingRows = round.rows
    this.flushing = this.options.flush().then(
      () => {
        this.failedAtMs = null
        this.flushingRows = 0
        this.options.onPending?.(this.pending)
        for (const w of round.waiters) w.resolve()
      },
      (error: unknown) => {
        // The rows stay in the buffer: the next flush, no sooner than maxDelayMs from now, takes
        // them. Whoever waited is told, so the bus delivers those batches again.
        this.failedAtMs = performance.now()
        this.flushingRows = 0
        if (this.round.rows === 0) this.round.sinceMs = round.sinceMs
        this.round.rows += round.rows
        for (const w of round.waiters) w.reject(error)
        throw error
      },
    )
    void this.flushing
      .finally(() => {
        this.flushing = null
        this.schedule()
      })
      .catch(() => undefined)
  }
}
