/** Progressive back-off of failed device authentication. */
export interface AuthThrottleOptions {
  /** Failures of one device id from one address before the back-off starts. */
  readonly freeFailuresPerDevice: number
  /** Failures from one address (any device ids) before the back-off starts: guessing across ids. */
  readonly freeFailuresPerAddress: number
  /** First back-off; it doubles with every further failure. */
  readonly baseDelayMs: number
  /** Longest back-off for one device id from one address: a stranger elsewhere never locks a device out. */
  readonly maxDelayPerDeviceMs: number
  /** Longest back-off for an address (devices behind one NAT share it, so it stays short). */
  readonly maxDelayPerAddressMs: number
  /** A key with no failure for this long is forgotten. */
  readonly forgetAfterMs: number
  /** Keys remembered per map; the least recently failed one goes first. */
  readonly maxKeys: number
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = {
  freeFailuresPerDevice: 5,
  freeFailuresPerAddress: 50,
  baseDelayMs: 1_000,
  maxDelayPerDeviceMs: 5 * 60_000,
  maxDelayPerAddressMs: 60_000,
  forgetAfterMs: 15 * 60_000,
  maxKeys: 10_000,
}

export interface AuthThrottle {
  /**
   * Asks to check one attempt. Answers how long to wait (> 0: refused, nothing recorded), or 0 and
   * counts the attempt against its device id + address before it is checked, so concurrent
   * guesses at one device cannot slip in while a slow verification runs; `succeeded` clears it.
   */
  readonly begin: (deviceId: string, address: string) => number
  /** Clears the device id + address key. */
  readonly succeeded: (deviceId: string, address: string) => void
  /**
   * The secret was wrong (or the id unknown): counts against the address too. Only settled
   * failures count there, so a whole fleet behind one NAT reconnecting at once is not a sweep.
   */
  readonly failed: (deviceId: string, address: string) => void
  /** The attempt could not be checked (the database failed): it is not held against anyone. */
  readonly cancelled: (deviceId: string, address: string) => void
}

interface Entry {
  failures: number
  lastFailureMs: number
  blockedUntilMs: number
}

/** A map of failure counts bounded in size, oldest failure evicted first (Map keeps insertion order). */
const makeFailures = (
  options: AuthThrottleOptions,
  freeFailures: number,
  maxDelayMs: number,
  now: () => number,
) => {
  const entries = new Map<string, Entry>()
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry !== undefined && now() - entry.lastFailureMs > options.forgetAfterMs) {
      entries.delete(key)
      return undefined
    }
    return entry
  }
  return {
    retryAfterMs: (key: string): number => Math.max(0, (live(key)?.blockedUntilMs ?? 0) - now()),
    fail: (key: string): void => {
      const at = now()
      const entry = live(key) ?? { failures: 0, lastFailureMs: at, blockedUntilMs: 0 }
      entry.failures++
      entry.lastFailureMs = at
      const over = entry.failures - freeFailures
      if (over > 0) entry.blockedUntilMs = at + Math.min(maxDelayMs, options.baseDelayMs * 2 ** (over - 1))
      entries.delete(key) // re-inserted last: the most recent failure
      entries.set(key, entry)
      while (entries.size > options.maxKeys) {
        const oldest = entries.keys().next()
        if (oldest.done === true) break
        entries.delete(oldest.value)
      }
    },
    clear: (key: string): void => void entries.delete(key),
    undo: (key: string): void => {
      const entry = entries.get(key)
      if (entry === undefined) return
      entry.failures = Math.max(0, entry.failures - 1)
      if (entry.failures <= freeFailures) entry.blockedUntilMs = 0
    },
  }
}

/**
 * Failed device authentication backs off per (device id, address), so a guesser is slowed on the
 * device it attacks without locking the real device out from its own address, and per address, so
 * one address cannot sweep many device ids. Pure and clock-injected; both maps are bounded.
 */
export const makeAuthThrottle = (
  options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE,
  now: () => number = Date.now,
): AuthThrottle => {
  const perDevice = makeFailures(options, options.freeFailuresPerDevice, options.maxDelayPerDeviceMs, now)
  const perAddress = makeFailures(options, options.freeFailuresPerAddress, options.maxDelayPerAddressMs, now)
  // A NUL cannot be in a device id or an address, so keys cannot collide.
  const deviceKey = (deviceId: string, address: string) => `${deviceId}\u0000${address}`
  return {
    begin: (deviceId, address) => {
      const key = deviceKey(deviceId, address)
      const wait = Math.max(perDevice.retryAfterMs(key), perAddress.retryAfterMs(address))
      if (wait > 0) return wait
      perDevice.fail(key)
      return 0
    },
    succeeded: (deviceId, address) => perDevice.clear(deviceKey(deviceId, address)),
    failed: (_deviceId, address) => perAddress.fail(address),
    cancelled: (deviceId, address) => perDevice.undo(deviceKey(deviceId, address)),
  }
}
