/**
 * Slows password guessing: at most `attempts` failed logins per key (e-mail, and client address)
 * within `windowMs`. In memory: per process, reset on restart.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly attempts: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, now: number): boolean {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    this.failures.set(key, recent)
    return recent.length >= this.attempts
  }

  fail(key: string, now: number): void {
    const list = this.failures.get(key) ?? []
    list.push(now)
    this.failures.set(key, list)
  }

  succeed(key: string): void {
    this.failures.delete(key)
  }
}
