/**
 * Throttles password guessing, per account, per client address, and per account+address.
 *
 * - An attempt is reserved before the password hash is checked (synchronously, so concurrent
 *   requests cannot all pass the check) and settled after it: in-flight attempts count.
 * - Account+address: `pairFree` failures are free, then each failure doubles the wait before the
 *   next attempt from that address for that account (`pairBaseDelayMs` … `pairMaxDelayMs`), and
 *   only one attempt may be in flight. A success resets this pair only.
 * - Address: at most `addressFailures` failures within `windowMs`, across accounts. A success
 *   (for instance to the caller's own account) does not reset it.
 * - Account: at most `accountFailures` failures within `windowMs` from addresses the account has
 *   not logged in from; addresses with a past success are exempt, so a stranger cannot lock the
 *   real user out of their own address.
 *
 * In memory, per process; every map is bounded by `maxEntries`.
 */
export interface LoginThrottleConfig {
  readonly pairFree: number
  readonly pairBaseDelayMs: number
  readonly pairMaxDelayMs: number
  readonly addressFailures: number
  readonly accountFailures: number
  readonly windowMs: number
  readonly knownAddressesPerAccount: number
  readonly maxEntries: number
}

export const defaultLoginThrottleConfig: LoginThrottleConfig = {
  pairFree: 3,
  pairBaseDelayMs: 1_000,
  pairMaxDelayMs: 15 * 60_000,
  addressFailures: 30,
  accountFailures: 50,
  windowMs: 15 * 60_000,
  knownAddressesPerAccount: 16,
  maxEntries: 100_000,
}

export type Outcome = "success" | "failure" | "abandoned"

export type Reservation =
  | { readonly ok: true; readonly settle: (outcome: Outcome, now: number) => void }
  | { readonly ok: false; readonly retryAfterMs: number }

interface Pair {
  failures: number
  pending: number
  blockedUntil: number
}
interface Windowed {
  failures: number[]
  pending: number
}
interface Account extends Windowed {
  readonly known: Set<string>
}

/** A map that drops its oldest entries past `max` (insertion order; touched entries move last). */
class BoundedMap<V> {
  private readonly map = new Map<string, V>()
  constructor(private readonly max: number) {}
  get(key: string, make: () => V): V {
    const found = this.map.get(key)
    if (found !== undefined) {
      this.map.delete(key)
      this.map.set(key, found)
      return found
    }
    const created = make()
    this.map.set(key, created)
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value
      if (oldest !== undefined) this.map.delete(oldest)
    }
    return created
  }
  delete(key: string): void {
    this.map.delete(key)
  }
  get size(): number {
    return this.map.size
  }
}

const recent = (w: Windowed, now: number, windowMs: number): number => {
  while (w.failures.length > 0 && now - (w.failures[0] as number) >= windowMs) w.failures.shift()
  return w.failures.length
}

export class LoginThrottle {
  private readonly pairs: BoundedMap<Pair>
  private readonly addresses: BoundedMap<Windowed>
  private readonly accounts: BoundedMap<Account>

  constructor(private readonly config: LoginThrottleConfig = defaultLoginThrottleConfig) {
    this.pairs = new BoundedMap(config.maxEntries)
    this.addresses = new BoundedMap(config.maxEntries)
    this.accounts = new BoundedMap(config.maxEntries)
  }

  /** Entries held, for the memory bound's test. */
  get size(): number {
    return this.pairs.size + this.addresses.size + this.accounts.size
  }

  reserve(account: string, address: string, now: number): Reservation {
    const c = this.config
    const pairKey = `${account}\n${address}`
    const pair = this.pairs.get(pairKey, () => ({ failures: 0, pending: 0, blockedUntil: 0 }))
    const addr = this.addresses.get(address, () => ({ failures: [], pending: 0 }))
    const acct = this.accounts.get(account, () => ({ failures: [], pending: 0, known: new Set() }))

    let waitMs = 0
    const withinFree = pair.failures + pair.pending < c.pairFree
    if (!withinFree && (pair.pending > 0 || now < pair.blockedUntil)) {
      waitMs = Math.max(waitMs, pair.blockedUntil - now, c.pairBaseDelayMs)
    }
    if (recent(addr, now, c.windowMs) + addr.pending >= c.addressFailures) {
      waitMs = Math.max(waitMs, (addr.failures[0] ?? now) + c.windowMs - now, c.pairBaseDelayMs)
    }
    if (!acct.known.has(address) && recent(acct, now, c.windowMs) + acct.pending >= c.accountFailures) {
      waitMs = Math.max(waitMs, (acct.failures[0] ?? now) + c.windowMs - now, c.pairBaseDelayMs)
    }
    if (waitMs > 0) return { ok: false, retryAfterMs: waitMs }

    pair.pending++
    addr.pending++
    acct.pending++
    let settled = false
    return {
      ok: true,
      settle: (outcome, at) => {
        if (settled) return
        settled = true
        pair.pending--
        addr.pending--
        acct.pending--
        if (outcome === "failure") {
          pair.failures++
          if (pair.failures >= c.pairFree) {
            const doublings = Math.min(pair.failures - c.pairFree, 30)
            pair.blockedUntil = at + Math.min(c.pairBaseDelayMs * 2 ** doublings, c.pairMaxDelayMs)
          }
          addr.failures.push(at)
          acct.failures.push(at)
        } else if (outcome === "success") {
          if (pair.pending === 0) this.pairs.delete(pairKey)
          else {
            pair.failures = 0
            pair.blockedUntil = 0
          }
          acct.known.delete(address)
          acct.known.add(address)
          if (acct.known.size > c.knownAddressesPerAccount) {
            const oldest = acct.known.values().next().value
            if (oldest !== undefined) acct.known.delete(oldest)
          }
        }
      },
    }
  }
}
