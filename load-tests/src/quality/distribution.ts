/** Summary of a sample: count, median, 95th percentile (nearest rank) and maximum. */
export interface Distribution {
  readonly n: number
  readonly median: number
  readonly p95: number
  readonly max: number
}

const rank = (sorted: ReadonlyArray<number>, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number

export const distribution = (values: ReadonlyArray<number>): Distribution => {
  if (values.length === 0) return { n: 0, median: 0, p95: 0, max: 0 }
  const sorted = [...values].sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: rank(sorted, 0.5),
    p95: rank(sorted, 0.95),
    max: sorted[sorted.length - 1] as number,
  }
}
