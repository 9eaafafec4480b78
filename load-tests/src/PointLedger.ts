/**
 * Every point a crash benchmark sent, per device, and which of them were acknowledged (PUBACK or
 * HTTP 200). A point's identity is (device id, timeMs), as in the platform (`recordId`); times are
 * strictly increasing per device, so a device's points are an append-only sorted list and a
 * point's position in it (its sequence number) also fixes its odometer and position exactly.
 */

/** Odometer of the first point and metres added by each following point (whole metres, so sums are exact). */
export interface OdometerPlan {
  readonly startM: number
  readonly stepM: number
}

export interface LedgerPoint {
  readonly seq: number
  readonly timeMs: number
  readonly odometerM: number
}

export class DeviceLedger {
  private times: number[] = []
  private acked = new Uint8Array(1024)
  private ackedCount = 0

  constructor(
    readonly deviceId: string,
    readonly odometer: OdometerPlan,
  ) {}

  /** A new point at `nowMs`, or 1 ms after the previous one if the clock has not moved on. */
  next(nowMs: number): LedgerPoint {
    const last = this.times.at(-1)
    const timeMs = last === undefined ? Math.floor(nowMs) : Math.max(Math.floor(nowMs), last + 1)
    const seq = this.times.length
    this.times.push(timeMs)
    if (seq >= this.acked.length) {
      const grown = new Uint8Array(this.acked.length * 2)
      grown.set(this.acked)
      this.acked = grown
    }
    return { seq, timeMs, odometerM: this.odometerAt(seq) }
  }

  acknowledge(seq: number): void {
    if (seq < 0 || seq >= this.times.length) throw new RangeError(`${this.deviceId}: no point ${seq}`)
    if (this.acked[seq] === 1) return
    this.acked[seq] = 1
    this.ackedCount++
  }

  odometerAt(seq: number): number {
    return this.odometer.startM + seq * this.odometer.stepM
  }

  get sent(): number {
    return this.times.length
  }

  get acknowledged(): number {
    return this.ackedCount
  }

  isAcknowledged(seq: number): boolean {
    return this.acked[seq] === 1
  }

  timeAt(seq: number): number {
    const t = this.times[seq]
    if (t === undefined) throw new RangeError(`${this.deviceId}: no point ${seq}`)
    return t
  }

  /** The sequence number of the point sent at `timeMs`, or -1 when none was. */
  seqOf(timeMs: number): number {
    let lo = 0
    let hi = this.times.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const t = this.times[mid] as number
      if (t === timeMs) return mid
      if (t < timeMs) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }
}

export class PointLedger {
  readonly devices: ReadonlyArray<DeviceLedger>

  constructor(deviceIds: ReadonlyArray<string>, plan: (index: number) => OdometerPlan) {
    this.devices = deviceIds.map((id, i) => new DeviceLedger(id, plan(i)))
  }

  get sent(): number {
    return this.devices.reduce((n, d) => n + d.sent, 0)
  }

  get acknowledged(): number {
    return this.devices.reduce((n, d) => n + d.acknowledged, 0)
  }
}
