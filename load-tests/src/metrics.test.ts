import { describe, expect, it } from "vitest"
import { histogramQuantile, metricValue, percentile } from "./metrics.js"

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
})
