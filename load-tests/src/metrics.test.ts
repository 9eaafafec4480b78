import { describe, expect, it } from "vitest"
import { gcBetween, histogramQuantile, metricValue, percentile, tailWindows } from "./metrics.js"

const text = `# HELP fleet_ingest_points_accepted_total x
fleet_ingest_points_accepted_total{transport="mqtt"} 120
fleet_ingest_points_accepted_total{transport="http"} 5
fleet_clickhouse_rows_written_total{table="positions"} 100
fleet_clickhouse_rows_written_total{table="dead_letters"} 3
process_cpu_seconds_total 4.5`

describe("benchmark metrics", () => {
  it("reads counters by name and labels", () => {
    expect(metricValue(text, "fleet_ingest_points_accepted_total")).toBe(125)
    expect(metricValue(text, "fleet_clickhouse_rows_written_total", { table: "positions" })).toBe(100)
    expect(metricValue(text, "process_cpu_seconds_total")).toBe(4.5)
  })
  it("takes nearest-rank percentiles", () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(sorted, 50)).toBe(50)
    expect(percentile(sorted, 99)).toBe(99)
    expect(percentile(new Float64Array(0), 50)).toBeNaN()
  })

  it("reads a quantile of what a histogram gained between scrapes", () => {
    const h = (a: number, b: number, c: number) =>
      `x_bucket{le="0.1"} ${a}\nx_bucket{le="0.5"} ${b}\nx_bucket{le="+Inf"} ${c}\nx_count ${c}`
    const before = h(10, 10, 10)
    const after = h(60, 105, 110)
    expect(histogramQuantile(before, after, "x", 0.5)).toBe(0.1)
    expect(histogramQuantile(before, after, "x", 0.9)).toBe(0.5)
    expect(histogramQuantile(before, after, "x", 0.99)).toBe(Number.POSITIVE_INFINITY)
  })

  it("adds up the series of a histogram whose labels match, across label sets and processes", () => {
    const h = (topic: string, a: number, c: number) =>
      `x_bucket{le="0.1",topic="${topic}"} ${a}\nx_bucket{le="+Inf",topic="${topic}"} ${c}`
    const before = [h("t", 0, 0), h("u", 0, 0)].join("\n")
    // Two processes' scrapes joined: topic t is 80 % fast, topic u all slow.
    const after = [h("t", 40, 50), h("u", 0, 50), h("t", 40, 50)].join("\n")
    expect(histogramQuantile(before, after, "x", 0.8, { topic: "t" })).toBe(0.1)
    expect(histogramQuantile(before, after, "x", 0.5)).toBe(0.1)
    expect(histogramQuantile(before, after, "x", 0.6)).toBe(Number.POSITIVE_INFINITY)
    expect(histogramQuantile(before, after, "x", 0.5, { topic: "u" })).toBe(Number.POSITIVE_INFINITY)
  })

  it("tells whether a latency tail came from a few stalls or from steady queueing", () => {
    // 10 s of samples every 10 ms taking 5 ms, but those sent in two stalls (at 2.00–2.19 s and
    // 7.50–7.59 s) take 150 ms, and one at 4.00 s takes 60 ms.
    const sent: number[] = []
    const took: number[] = []
    for (let t = 1_000; t < 11_000; t += 10) {
      sent.push(t)
      took.push((t >= 3_000 && t < 3_200) || (t >= 8_500 && t < 8_600) ? 150 : t === 5_000 ? 60 : 5)
    }
    const stalls = tailWindows(sent, took, 100)
    expect(stalls).toEqual({
      thresholdMs: 100,
      windowMs: 100,
      windows: 100,
      windowsWithTail: 3,
      shareInFiveWorst: 1,
      worst: [
        { atS: 2, samples: 10, maxMs: 150 },
        { atS: 2.1, samples: 10, maxMs: 150 },
        { atS: 7.5, samples: 10, maxMs: 150 },
      ],
    })
    // Counted from 50 ms, the lone slow sample is tail too, in a window of its own.
    const lower = tailWindows(sent, took, 50)
    expect(lower.windowsWithTail).toBe(4)
    expect(lower.shareInFiveWorst).toBe(1)
    expect(lower.worst.map((w) => w.atS)).toEqual([2, 2.1, 4, 7.5])
    // Steady queueing: every tenth sample slow, the tail in every window.
    const steady = tailWindows(
      sent,
      took.map((_, i) => (i % 10 === 0 ? 120 : 5)),
      100,
    )
    expect(steady.windowsWithTail).toBe(100)
    expect(steady.shareInFiveWorst).toBe(0.05)
    expect(steady.worst).toHaveLength(10)
  })

  it("reads what the server's collector did between two scrapes, by kind", () => {
    const gc = (minor: [number, number], major: [number, number]) =>
      [
        `nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 0`,
        `nodejs_gc_duration_seconds_sum{kind="minor"} ${minor[1]}`,
        `nodejs_gc_duration_seconds_count{kind="minor"} ${minor[0]}`,
        `nodejs_gc_duration_seconds_sum{kind="major"} ${major[1]}`,
        `nodejs_gc_duration_seconds_count{kind="major"} ${major[0]}`,
      ].join("\n")
    expect(gcBetween(gc([10, 0.2], [1, 0.03]), gc([33, 0.673], [5, 0.12]))).toEqual({
      minor: { count: 23, ms: 473 },
      major: { count: 4, ms: 90 },
      incremental: { count: 0, ms: 0 },
    })
  })
})
