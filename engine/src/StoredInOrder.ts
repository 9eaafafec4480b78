/** One batch of a partition between being handed to the store and being applied. */
export interface Waiting<T> {
  readonly items: ReadonlyArray<T>
  stored: boolean
  applied: boolean
}

/**
 * Applies what stored batches change (live state, rules) in each partition's order, while the
 * bus holds several batches of a partition at once (`SubscribeOptions.inFlight`).
 *
 * Batches enter in delivery order and are stored concurrently; the first to be applied takes
 * with it every batch right behind it that is stored too, so one run of the rules covers what one
 * insert stored, however finely the bus cut it. A batch taken that way is done when the one that
 * took it is (its handler awaits that one's handling as `previous`). A batch that fails leaves;
 * the bus delivers it and every later one again once all in flight settled.
 */
export class StoredInOrder<T> {
  private readonly lanes = new Map<number, Array<Waiting<T>>>()

  constructor(private readonly apply: (items: ReadonlyArray<T>) => Promise<void>) {}

  /** A batch handed over: call in delivery order, before its store starts. */
  enter(partition: number, items: ReadonlyArray<T>): Waiting<T> {
    const entry: Waiting<T> = { items, stored: false, applied: false }
    const lane = this.lanes.get(partition)
    if (lane === undefined) this.lanes.set(partition, [entry])
    else lane.push(entry)
    return entry
  }

  /**
   * Applies `entry`, stored, and the stored batches right behind it, unless an earlier batch
   * already took it. Call once every earlier batch of the partition was applied (`previous`).
   */
  async run(partition: number, entry: Waiting<T>): Promise<void> {
    if (entry.applied) return
    const lane = this.lanes.get(partition) ?? []
    if (lane[0] !== entry) throw new Error("a batch was applied before the ones delivered ahead of it")
    const taken: Array<Waiting<T>> = []
    while (lane[0]?.stored === true) {
      const next = lane.shift() as Waiting<T>
      next.applied = true
      taken.push(next)
    }
    if (lane.length === 0) this.lanes.delete(partition)
    // One batch alone (the Kafka bus, or a quiet partition) is applied as it came, not copied.
    await this.apply(taken.length === 1 ? entry.items : taken.flatMap((w) => w.items))
  }

  /** A batch failed (its store, or one before it): it will be delivered again. */
  leave(partition: number, entry: Waiting<T>): void {
    const lane = this.lanes.get(partition)
    if (lane === undefined) return
    const at = lane.indexOf(entry)
    if (at >= 0) lane.splice(at, 1)
    if (lane.length === 0) this.lanes.delete(partition)
  }
}
