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

/** Where in time a latency tail fell: the windows holding samples at or above a threshold. */
export interface TailWindows {
  readonly thresholdMs: number
  readonly windowMs: number
  /** Windows of the run, and how many hold at least one sample of the tail. */
  readonly windows: number
  readonly windowsWithTail: number
  /** Share of the tail's samples that fell in its five fullest windows (1: a few stalls). */
  readonly shareInFiveWorst: number
  /** The fullest windows (at most ten) in time order: start from the run's first sample, count, slowest. */
  readonly worst: ReadonlyArray<{ readonly atS: number; readonly samples: number; readonly maxMs: number }>
}

/**
 * Groups samples (`sentAtMs[i]` when sample `i` was sent, `latencyMs[i]` what it took) into
 * windows of `windowMs` from the first one sent, and tells which windows the samples at or above
 * `thresholdMs` (say the p99) fell in: a tail from a few stalls sits in a few windows, one from
 * steady queueing in many.
 */
export const tailWindows = (
  sentAtMs: ArrayLike<number>,
  latencyMs: ArrayLike<number>,
  thresholdMs: number,
  windowMs = 100,
): TailWindows => {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (let i = 0; i < sentAtMs.length; i++) {
    first = Math.min(first, sentAtMs[i] as number)
    last = Math.max(last, sentAtMs[i] as number)
  }
  const byWindow = new Map<number, { samples: number; maxMs: number }>()
  let tail = 0
  for (let i = 0; i < sentAtMs.length; i++) {
    const ms = latencyMs[i] as number
    if (ms < thresholdMs) continue
    tail++
    const w = Math.floor(((sentAtMs[i] as number) - first) / windowMs)
    const known = byWindow.get(w)
    if (known === undefined) byWindow.set(w, { samples: 1, maxMs: ms })
    else {
      known.samples++
      known.maxMs = Math.max(known.maxMs, ms)
    }
  }
  const fullest = [...byWindow].sort(([, a], [, b]) => b.samples - a.samples)
  const inFive = fullest.slice(0, 5).reduce((sum, [, w]) => sum + w.samples, 0)
  return {
    thresholdMs: Number(thresholdMs.toFixed(1)),
    windowMs,
    windows: sentAtMs.length === 0 ? 0 : Math.floor((last - first) / windowMs) + 1,
    windowsWithTail: byWindow.size,
    shareInFiveWorst: tail === 0 ? 0 : Number((inFive / tail).toFixed(3)),
    worst: fullest
      .slice(0, 10)
      .sort(([a], [b]) => a - b)
      .map(([w, { samples, maxMs }]) => ({
        atS: Number(((w * windowMs) / 1000).toFixed(1)),
        samples,
        maxMs: Number(maxMs.toFixed(1)),
      })),
  }
}

/** Collections of one kind between two scrapes: how many, and their pauses added up. */
export interface GcKind {
  readonly count: number
  readonly ms: number
}

/**
 * What the server's collector did between two scrapes, from prom-client's
 * `nodejs_gc_duration_seconds` histogram: scavenges (`minor`), mark-compacts (`major`) and the
 * steps of incremental marking.
 */
export const gcBetween = (
  before: string,
  after: string,
): { readonly minor: GcKind; readonly major: GcKind; readonly incremental: GcKind } => {
  const kind = (k: string): GcKind => {
    const gained = (name: string) =>
      metricValue(after, name, { kind: k }) - metricValue(before, name, { kind: k })
    return {
      count: gained("nodejs_gc_duration_seconds_count"),
      ms: Number((gained("nodejs_gc_duration_seconds_sum") * 1000).toFixed(1)),
    }
  }
  return { minor: kind("minor"), major: kind("major"), incremental: kind("incremental") }
}
