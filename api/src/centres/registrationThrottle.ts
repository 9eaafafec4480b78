/**
 * How many centres one client address may register per window (public endpoint: a bot must not
 * fill the moderation queue). In memory, per process, bounded like the login throttle.
 */
export interface RegistrationThrottleConfig {
  readonly perWindow: number
  readonly windowMs: number
  readonly maxAddresses: number
}

export const defaultRegistrationThrottleConfig: RegistrationThrottleConfig = {
  perWindow: 5,
  windowMs: 60 * 60_000,
  maxAddresses: 10_000,
}

export class RegistrationThrottle {
  private readonly seen = new Map<string, number[]>()
  constructor(private readonly config: RegistrationThrottleConfig = defaultRegistrationThrottleConfig) {}

  /** Counts an attempt from `address` at `now`: 0 when it may go on, else the ms to wait. */
  take(address: string, now: number): number {
    const since = now - this.config.windowMs
    const times = (this.seen.get(address) ?? []).filter((t) => t > since)
    this.seen.delete(address)
    if (times.length >= this.config.perWindow) {
      this.seen.set(address, times)
      return (times[0] as number) + this.config.windowMs - now
    }
    times.push(now)
    this.seen.set(address, times)
    if (this.seen.size > this.config.maxAddresses) {
      const oldest = this.seen.keys().next().value
      if (oldest !== undefined) this.seen.delete(oldest)
    }
    return 0
  }
}
