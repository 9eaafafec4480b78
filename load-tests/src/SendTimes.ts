/**
 * When each device's messages were sent, so that every message is timed from its send to the live
 * position that shows it stored.
 *
 * The live feed carries a vehicle's newest position of each stored batch, not every point: at 100
 * points a second a vehicle has ten points in a 100 ms batch, and timing only the newest of them
 * leaves out the nine that waited longer. A device's point times only grow and a vehicle's points
 * are stored in order, so a live position at time t shows every message whose newest point is at
 * or before t stored: each of those is timed by the first live position that covers it.
 *
 * Timed from the send, not from the point's device time: the two differ once a device sends more
 * than 1,000 points a second (its points keep distinct millisecond times, since the store keeps one
 * point per vehicle and time, so its clock runs ahead of the wall clock).
 */
export class SendTimes {
  private readonly times: number[][]
  private readonly sentAtMs: number[][]
  private readonly heads: number[]

  constructor(devices: number) {
    this.times = Array.from({ length: devices }, () => [])
    this.sentAtMs = Array.from({ length: devices }, () => [])
    this.heads = new Array<number>(devices).fill(0)
  }

  /** A message from `device` whose newest point has time `lastTimeMs` left at `atMs`. */
  sent(device: number, lastTimeMs: number, atMs: number): void {
    this.times[device]?.push(lastTimeMs)
    this.sentAtMs[device]?.push(atMs)
  }

  /**
   * `device`'s live position at `timeMs` arrived: the send times of the messages it shows stored
   * for the first time (those whose newest point is at or before it), oldest first. A message split
   * over two stored batches is counted with the second.
   */
  storedUpTo(device: number, timeMs: number): number[] {
    const times = this.times[device]
    const at = this.sentAtMs[device]
    if (times === undefined || at === undefined) return []
    const from = this.heads[device] ?? 0
    let head = from
    while (head < times.length && (times[head] as number) <= timeMs) head++
    const stored = at.slice(from, head)
    if (head > 4096 && head * 2 > times.length) {
      times.splice(0, head)
      at.splice(0, head)
      head = 0
    }
    this.heads[device] = head
    return stored
  }
}
