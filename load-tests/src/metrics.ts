/** Sums the samples of a Prometheus text-format metric whose labels include `match`. */
export const metricValue = (text: string, name: string, match: Record<string, string> = {}): number => {
  let total = 0
  for (const line of text.split("\n")) {
    if (!line.startsWith(name) || line.startsWith("#")) continue
    const rest = line.slice(name.length)
    if (rest[0] !== " " && rest[0] !== "{") continue
    const labels = rest[0] === "{" ? rest.slice(1, rest.indexOf("}")) : ""
    if (!Object.entries(match).every(([k, v]) => labels.includes(`${k}="${v}"`))) continue
    total += Number(line.slice(line.lastIndexOf(" ") + 1))
  }
  return total
}

export const percentile = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] as number
}

/**
 * A quantile of the observations a Prometheus histogram gained between two scrapes, as the upper
 * bound of the bucket that holds it (Infinity when past the last bound). Series whose labels
 * include `match` are added up per bound, as `sum by (le)` does (several label sets, or the
 * scrapes of several processes joined into one text).
 */
export const histogramQuantile = (
  before: string,
  after: string,
  name: string,
  q: number,
  match: Record<string, string> = {},
): number => {
  const pattern = new RegExp(`^${name}_bucket\\{(.*)\\} (\\S+)$`)
  const buckets = (text: string) => {
    const out = new Map<number, number>()
    for (const line of text.split("\n")) {
      const m = pattern.exec(line)
      if (!m) continue
      const labels = m[1] as string
      if (!Object.entries(match).every(([k, v]) => labels.includes(`${k}="${v}"`))) continue
      const bound = /le="([^"]+)"/.exec(labels)?.[1]
      if (bound === undefined) continue
      const le = bound === "+Inf" ? Number.POSITIVE_INFINITY : Number(bound)
      out.set(le, (out.get(le) ?? 0) + Number(m[2]))
    }
    return out
  }
  const a = buckets(before)
  const b = [...buckets(after)].sort(([x], [y]) => x - y)
  const total = (b.at(-1)?.[1] ?? 0) - (a.get(Number.POSITIVE_INFINITY) ?? 0)
  if (total <= 0) return Number.NaN
  for (const [le, count] of b) if (count - (a.get(le) ?? 0) >= q * total) return le
  return Number.POSITIVE_INFINITY
}
