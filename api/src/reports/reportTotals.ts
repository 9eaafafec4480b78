import type { OriginalAmount } from "@fleetcore/contract"
import { cents, money } from "./cents.js"

/** Sums amounts per original currency (for a report's `originals`). */
export class OriginalsTally {
  private readonly byCurrency = new Map<string, { amount: bigint; count: number }>()

  add(currency: string, amount: string, count: number): void {
    const at = this.byCurrency.get(currency) ?? { amount: 0n, count: 0 }
    this.byCurrency.set(currency, { amount: at.amount + cents(amount), count: at.count + count })
  }

  list(): Array<typeof OriginalAmount.Type> {
    return [...this.byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, v]) => ({ currency, amount: money(v.amount), count: v.count }))
  }
}

/** Money cells keyed by column, summed exactly. */
export class CentsByKey {
  private readonly sums = new Map<string, bigint>()

  add(key: string, value: bigint): void {
    this.sums.set(key, (this.sums.get(key) ?? 0n) + value)
  }

  get(key: string): bigint {
    return this.sums.get(key) ?? 0n
  }

  keys(): ReadonlyArray<string> {
    return [...this.sums.keys()]
  }
}
