/** What identifies a point: its device and its time (the `positions` table's key), per vehicle. */
export interface PointIdentity {
  readonly vehicleId: string
  readonly deviceId: string
  readonly timeMs: number
}

/**
 * The newest remembered point times of one device of one vehicle: a ring in the order they were
 * remembered, oldest overwritten first.
 *
 * Devices send their points in time order almost always, and then the ring, read from its oldest
 * entry, is sorted: a time is found by bisection, and nothing else is kept. A Set of the times is
 * built only while the ring holds times out of order (a device clock stepped back, a backlog sent
 * after newer points), and dropped once in-order points have replaced them all. A Set of epoch
 * milliseconds costs a boxed number, a hash, an add and a delete for every point.
 */
interface Window {
  readonly ring: number[]
  /** Where the oldest entry is once the ring is full (the next to be overwritten). */
  next: number
  /** The time remembered last. */
  last: number
  /** How many of the latest remembered times were each later than the one before. */
  ascending: number
  /** The ring's times while it is not sorted from its oldest entry. */
  seen: Set<number> | undefined
  /** The `fresh` call whose times `batchTimes` holds. */
  batch: number
  /** The times passed by that call, in the order passed. */
  readonly batchTimes: number[]
  /** The same times as a Set, once one of them came out of order. */
  batchSeen: Set<number> | undefined
}

/**
 * Remembers the most recent point identities of each vehicle, so a redelivered or resent point
 * is processed once. The caller remembers points it hands to the store (`remember`), and forgets
 * everything when a store fails (`clear`), so a batch delivered again is not mistaken for a
 * duplicate. Bounded per vehicle and
 * device; an older duplicate that fell out of the window is still stored once, because the
 * `positions` table replaces rows with the same key.
 */
export class DuplicateFilter {
  private readonly windows = new Map<string, Map<string, Window>>()
  private batches = 0
  // Consecutive points mostly come from one device (a message of ten points, a device's backlog).
  private lastVehicle = ""
  private lastDevice = ""
  private lastWindow: Window | undefined

  constructor(private readonly perVehicle: number) {}

  /** The items not seen before, each distinct item once. */
  fresh<T extends PointIdentity>(items: ReadonlyArray<T>): T[] {
    const batch = ++this.batches
    const out: T[] = []
    for (const item of items) {
      const window = this.windowOf(item)
      const t = item.timeMs
      if (holds(window, t)) continue
      const times = window.batchTimes
      if (window.batch !== batch) {
        window.batch = batch
        times.length = 0
        window.batchSeen = undefined
      } else if (window.batchSeen !== undefined) {
        if (window.batchSeen.has(t)) continue
        window.batchSeen.add(t)
      } else if (times.length > 0 && !(t > (times[times.length - 1] as number))) {
        if (times.includes(t)) continue
        window.batchSeen = new Set(times)
        window.batchSeen.add(t)
      }
      times.push(t)
      out.push(item)
    }
    return out
  }

  remember(item: PointIdentity): void {
    const window = this.windowOf(item)
    const t = item.timeMs
    if (holds(window, t)) return
    const ring = window.ring
    if (ring.length < this.perVehicle) ring.push(t)
    else {
      window.seen?.delete(ring[window.next] as number)
      ring[window.next] = t
      window.next = (window.next + 1) % this.perVehicle
    }
    window.ascending = ring.length > 1 && t > window.last ? window.ascending + 1 : 0
    window.last = t
    if (window.seen !== undefined) {
      // Every time but the oldest is later than the one before it: sorted again.
      if (window.ascending >= ring.length - 1) window.seen = undefined
      else window.seen.add(t)
    } else if (window.ascending < ring.length - 1) window.seen = new Set(ring)
  }

  /** Forgets every point: what is delivered again (a batch that failed to store) is fresh. */
  clear(): void {
    this.windows.clear()
    this.lastVehicle = ""
    this.lastDevice = ""
    this.lastWindow = undefined
  }

  private windowOf(item: PointIdentity): Window {
    if (item.vehicleId === this.lastVehicle && item.deviceId === this.lastDevice && this.lastWindow) {
      return this.lastWindow
    }
    let devices = this.windows.get(item.vehicleId)
    if (devices === undefined) {
      devices = new Map()
      this.windows.set(item.vehicleId, devices)
    }
    let window = devices.get(item.deviceId)
    if (window === undefined) {
      window = {
        ring: [],
        next: 0,
        last: 0,
        ascending: 0,
        seen: undefined,
        batch: 0,
        batchTimes: [],
        batchSeen: undefined,
      }
      devices.set(item.deviceId, window)
    }
    this.lastVehicle = item.vehicleId
    this.lastDevice = item.deviceId
    this.lastWindow = window
    return window
  }
}

/** Whether the window remembers time `t`. */
const holds = (window: Window, t: number): boolean => {
  if (window.seen !== undefined) return window.seen.has(t)
  const ring = window.ring
  const n = ring.length
  // Sorted from the oldest entry (`next` once full, 0 before): the newest is the last remembered.
  if (n === 0 || t > window.last) return false
  const start = window.next
  let lo = 0
  let hi = n - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const i = start + mid
    const v = ring[i < n ? i : i - n] as number
    if (v === t) return true
    if (v < t) lo = mid + 1
    else hi = mid - 1
  }
  return false
}
