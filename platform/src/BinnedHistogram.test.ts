import { Histogram, Registry } from "prom-client"
import { describe, expect, it } from "vitest"
import { BinnedHistogram } from "./BinnedHistogram.js"

const BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5]

/** Values on, between, below and above the bounds. */
const VALUES = [0, -1, 0.01, 0.0100001, 0.02, 0.025, 0.05, 0.07, 0.1, 0.3, 1, 2.5, 2.6, 1e9, 0.024999]

describe("BinnedHistogram", () => {
  it("exports exactly what prom-client's histogram exports for the same observations", async () => {
    const ours = new Registry()
    const theirs = new Registry()
    const binned = new BinnedHistogram("fleet_test_seconds", "A test histogram", BUCKETS, [], ours)
    const reference = new Histogram({
      name: "fleet_test_seconds",
      help: "A test histogram",
      buckets: BUCKETS,
      registers: [theirs],
    })
    // Before any observation: every bucket at zero, as prom-client exports an unlabelled histogram.
    expect(await ours.metrics()).toBe(await theirs.metrics())
    for (const v of VALUES) {
      binned.observe(v)
      reference.observe(v)
    }
    expect(await ours.metrics()).toBe(await theirs.metrics())
    expect(await ours.metrics()).toContain('fleet_test_seconds_bucket{le="0.025"} 7')
  })

  it("keeps each label set apart, resolved once, in prom-client's text", async () => {
    const ours = new Registry()
    const theirs = new Registry()
    const binned = new BinnedHistogram("fleet_test_hops", "Hops", BUCKETS, ["topic"] as const, ours)
    const reference = new Histogram({
      name: "fleet_test_hops",
      help: "Hops",
      labelNames: ["topic"] as const,
      buckets: BUCKETS,
      registers: [theirs],
    })
    // In the order prom-client first sees them (it exports label sets in that order).
    const b = binned.labels({ topic: "b.v1" })
    const a = binned.labels({ topic: "a.v1" })
    expect(binned.labels({ topic: "a.v1" })).toBe(a)
    VALUES.forEach((v, i) => {
      ;(i % 3 === 0 ? b : a).observe(v)
      reference.labels({ topic: i % 3 === 0 ? "b.v1" : "a.v1" }).observe(v)
    })
    expect(await ours.metrics()).toBe(await theirs.metrics())
    expect(await ours.metrics()).toContain('fleet_test_hops_count{topic="b.v1"} 5')
  })

  it("zeroes on reset without orphaning the label sets callers hold", async () => {
    const registry = new Registry()
    const binned = new BinnedHistogram("fleet_test_reset", "Reset", BUCKETS, ["topic"] as const, registry)
    const a = binned.labels({ topic: "a.v1" })
    a.observe(0.02)
    registry.resetMetrics()
    expect(await registry.metrics()).toContain('fleet_test_reset_count{topic="a.v1"} 0')
    a.observe(0.3)
    const text = await registry.metrics()
    expect(text).toContain('fleet_test_reset_count{topic="a.v1"} 1')
    expect(text).toContain('fleet_test_reset_sum{topic="a.v1"} 0.3')
    expect(text).toContain('fleet_test_reset_bucket{le="0.25",topic="a.v1"} 0')
  })

  it("refuses what prom-client refuses: a value that is not a number, a missing label, no label set", () => {
    const registry = new Registry()
    const plain = new BinnedHistogram("fleet_test_plain", "Plain", BUCKETS, [], registry)
    expect(() => plain.observe(Number.NaN)).toThrow(/not a valid number/)
    expect(() => plain.observe(Number.POSITIVE_INFINITY)).toThrow(/not a valid number/)
    const labelled = new BinnedHistogram(
      "fleet_test_labelled",
      "Labelled",
      BUCKETS,
      ["topic"] as const,
      registry,
    )
    expect(() => labelled.observe(1)).toThrow(/observe through labels/)
    expect(() => labelled.labels({} as { topic: string })).toThrow(/label topic has no value/)
    // One name, one metric: the registry refuses a second.
    expect(() => new BinnedHistogram("fleet_test_plain", "Again", BUCKETS, [], registry)).toThrow(
      /already been registered/,
    )
  })
})
