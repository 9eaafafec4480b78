/**
 * Remembers the most recent point identities of each vehicle, so a redelivered or resent point
 * is processed once. Points are remembered only after they were stored (`remember`), so a batch
 * that failed to store and is redelivered is not mistaken for a duplicate. Bounded per vehicle;
 * an older duplicate that fell out of the window is still stored once, because the `positions`
 * table replaces rows with the same key.
 */
export class DuplicateFilter {
  private readonly seen = new Map<string, { set: Set<string>; order: string[] }>()

  constructor(private readonly perVehicle: number) {}

  /** The items not seen before, each distinct item once. */
  fresh<T>(items: ReadonlyArray<T>, vehicleOf: (item: T) => string, idOf: (item: T) => string): T[] {
    const inBatch = new Set<string>()
    return items.filter((item) => {
      const vehicle = vehicleOf(item)
      const key = `${vehicle}/${idOf(item)}`
      if (inBatch.has(key) || this.seen.get(vehicle)?.set.has(idOf(item))) return false
      inBatch.add(key)
      return true
    })
  }

  remember(vehicleId: string, id: string): void {
    let entry = this.seen.get(vehicleId)
    if (entry === undefined) {
      entry = { set: new Set(), order: [] }
      this.seen.set(vehicleId, entry)
    }
    if (entry.set.has(id)) return
    entry.set.add(id)
    entry.order.push(id)
    if (entry.order.length > this.perVehicle) entry.set.delete(entry.order.shift() as string)
  }
}
