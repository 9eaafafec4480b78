export interface BatchWriterOptions<Row> {
  /** Write one batch; a rejection fails every `add` waiting on that batch. */
  readonly write: (rows: ReadonlyArray<Row>) => Promise<void>
  /** Flush as soon as this many rows wait. */
  readonly maxRows: number
  /** Flush rows at the latest this long after the first of them arrived. */
  readonly maxDelayMs: number
  /**
   * Rows with the same key replace each other before the write (the latest added wins): for
   * running totals, where only the newest row of a key matters.
   */
  readonly keyOf?: (row: Row) => string
}

interface Pending<Row> {
  rows: Row[]
  /** When the first of `rows` arrived (`performance.now()`): they are written by then + maxDelayMs. */
  sinceMs: number
  /** With keyOf: the index in `rows` of each key's row. */
  index: Map<string, number>
  waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>
}

/**
 * Groups rows from many callers into few writes, by size and by time. One write runs at a time;
 * rows arriving meanwhile form the next batch. `add` resolves once its rows are written, so a
 * caller can acknowledge upstream only after its data is durable.
 */
export class BatchWriter<Row> {
  private pending: Pending<Row> = BatchWriter.empty()
  private writing: Promise<void> | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly options: BatchWriterOptions<Row>) {}

  private static empty<Row>(): Pending<Row> {
    return { rows: [], sinceMs: 0, index: new Map(), waiters: [] }
  }

  add(rows: ReadonlyArray<Row>): Promise<void> {
    if (rows.length === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      if (this.pending.rows.length === 0) this.pending.sinceMs = performance.now()
      const keyOf = this.options.keyOf
      for (const row of rows) {
        if (keyOf === undefined) {
          this.pending.rows.push(row)
          continue
        }
        const key = keyOf(row)
        const at = this.pending.index.get(key)
        if (at === undefined) {
          this.pending.index.set(key, this.pending.rows.length)
          this.pending.rows.push(row)
        } else this.pending.rows[at] = row
      }
      this.pending.waiters.push({ resolve, reject })
      if (this.pending.rows.length >= this.options.maxRows) this.kick()
      else if (this.timer === null) this.timer = setTimeout(() => this.kick(), this.options.maxDelayMs)
    })
  }

  /** Writes everything waiting now. */
  async flush(): Promise<void> {
    while (this.pending.rows.length > 0 || this.writing !== null) {
      this.kick()
      await this.writing
    }
  }

  private kick(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.writing !== null || this.pending.rows.length === 0) return
    const batch = this.pending
    this.pending = BatchWriter.empty()
    this.writing = this.options.write(batch.rows).then(
      () => {
        for (const w of batch.waiters) w.resolve()
      },
      (error: unknown) => {
        for (const w of batch.waiters) w.reject(error)
      },
    )
    void this.writing.finally(() => {
      this.writing = null
      if (this.pending.rows.length >= this.options.maxRows) this.kick()
      else if (this.pending.rows.length > 0 && this.timer === null) {
        // Rows that waited through the write keep their deadline: written now if it has passed.
        const leftMs = this.pending.sinceMs + this.options.maxDelayMs - performance.now()
        if (leftMs <= 0) this.kick()
        else this.timer = setTimeout(() => this.kick(), leftMs)
      }
    })
  }
}
