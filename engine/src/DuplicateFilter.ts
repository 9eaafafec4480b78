/** What identifies a point: its device and its time (the `positions` table's key), per vehicle. */
export interface PointIdentity {
  readonly vehicleId: string
  readonly deviceId: string
  readonly timeMs: number
}

/** The newest point times of one device of one vehicle. */
interface Window {
  readonly seen: Set<number>
  /** The times in `seen`, oldest overwritten first. */
  readonly ring: number[]
  next: number
  /** The times passed by the `fresh` call numbered `batch`. */
  readonly inBatch: Set<number>
  batch: number
}

/**
 * Remembers the most recent point identities of each vehicle, so a redelivered or resent point
 * is processed once. Points are remembered only after they were stored (`remember`), so a batch
 * that failed to store and is redelivered is not mistaken for a duplicate. Bounded per vehicle and
 * device; an older duplicate that fell out of the window is still stored once, because the
 * `positions` table replaces rows with the same key.
 *
 * Times are kept as numbers per vehicle and device, not as "device@time" strings: at tens of
 * thousands of points a second the strings were built three times a point, and each one kept.
 */
export class DuplicateFilter {
  private readonly windows = new Map<string, Map<string, Window>>()
  private batches = 0

  constructor(private readonly perVehicle: number) {}

  /** The items not seen before, each distinct item once. */
  fresh<T extends PointIdentity>(items: ReadonlyArray<T>): T[] {
    const batch = ++this.batches
    return items.filter((item) => {
      const window = this.windowOf(item)
      if (window.seen.has(item.timeMs)) return false
      if (window.batch !== batch) {
        window.batch = batch
        window.inBatch.clear()
      } else if (window.inBatch.has(item.timeMs)) return false
      window.inBatch.add(item.timeMs)
      return true
    })
  }

  remember(item: PointIdentity): void {
    const window = this.windowOf(item)
    if (window.seen.has(item.timeMs)) return
    if (window.ring.length < this.perVehicle) window.ring.push(item.timeMs)
    else {
      window.seen.delete(window.ring[window.next] as number)
      window.ring[window.next] = item.timeMs
      window.next = (window.next + 1) % this.perVehicle
    }
    window.seen.add(item.timeMs)
  }

  private windowOf(item: PointIdentity): Window {
    let devices = this.windows.get(item.vehicleId)
    if (devices === undefined) {
      devices = new Map()
      this.windows.set(item.vehicleId, devices)
    }
    let window = devices.get(item.deviceId)
    if (window === undefined) {
      window = { seen: new Set(), ring: [], next: 0, inBatch: new Set(), batch: 0 }
      devices.set(item.deviceId, window)
    }
    return window
  }
}
