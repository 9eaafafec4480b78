/**
 * When each device's messages were sent, so that a live position is timed from its message's
 * send rather than from the point's device time. The two differ once a device sends more than
 * 1,000 points a second: its points keep distinct millisecond times (the store keeps one point per
 * vehicle and time), so its clock runs ahead of the wall clock, as ten points a message at
 * saturation do.
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
   * When the message holding `device`'s point at `timeMs` was sent: the first message whose newest
   * point is at or after it (a device's point times only grow). Messages before it are forgotten,
   * since a vehicle's live position never moves back. Null if no such message is known.
   */
  sentAt(device: number, timeMs: number): number | null {
    const times = this.times[device]
    const at = this.sentAtMs[device]
    if (times === undefined || at === undefined) return null
    let head = this.heads[device] ?? 0
    while (head < times.length && (times[head] as number) < timeMs) head++
    if (head > 4096 && head * 2 > times.length) {
      times.splice(0, head)
      at.splice(0, head)
      head = 0
    }
    this.heads[device] = head
    return head < times.length ? (at[head] as number) : null
  }
}
