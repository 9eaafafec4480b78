import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { generateFleet } from "./generateFleet.js"
import type { LabelledTrace } from "./labels.js"

const hash = (traces: ReadonlyArray<LabelledTrace>) =>
  createHash("sha256").update(JSON.stringify(traces)).digest("hex")

const fleet = (seed: number) =>
  generateFleet({
    vehicles: 1,
    days: 1,
    seed,
    categories: ["late_upload", "clock_skew", "gps_outage", "theft_after_fill", "odometer_frozen"],
  })

describe("generateFleet", () => {
  const a = fleet(7)

  it("gives the same bytes for the same seed, and other bytes for another", () => {
    expect(hash(fleet(7))).toBe(hash(a))
    expect(hash(fleet(8))).not.toBe(hash(a))
  })

  it("delivers records in arrival order, late uploads behind later live points", () => {
    for (const trace of a) {
      const received = trace.records.map((r) => r.receivedAtMs)
      expect(received).toEqual([...received].sort((x, y) => x - y))
    }
    const late = a.find((t) => t.category === "late_upload") as LabelledTrace
    const behind = late.records.filter((r, i) => i > 0 && r.timeMs < (late.records[i - 1]?.timeMs ?? 0))
    expect(behind.length).toBeGreaterThan(0)
  })

  it("labels what it injects", () => {
    const byCategory = new Map(a.map((t) => [t.category, t]))
    const outage = byCategory.get("gps_outage")?.records.filter((r) => r.satellites === 0) ?? []
    expect(outage.length).toBeGreaterThan(0)
    expect(outage.every((r) => r.speedMps === 0)).toBe(true)
    const afterFill = byCategory.get("theft_after_fill")?.events.map((e) => e.kind)
    expect(afterFill).toContain("theft_after_fill")
    expect(afterFill).toContain("fill")
    const frozen = byCategory.get("odometer_frozen")
    expect(frozen?.events.filter((e) => e.kind === "odometer_frozen")).toHaveLength(1)
    expect(frozen?.records.every((r) => r.odometerM !== undefined)).toBe(true)
    for (const trace of a) {
      expect(trace.days).toHaveLength(1)
      expect(trace.days[0]?.distanceM).toBeGreaterThan(5_000)
      expect(trace.days[0]?.trips).toBe(trace.trips.length)
    }
  })

  it("never labels an odometer fault that begins before the previous one ended", () => {
    // Seed 1's 40th tampered vehicle: its first day's 38 % slow stretch ran into the next day's
    // first trip, where the second day's fault used to begin 74 s before it ended.
    const traces = generateFleet({ vehicles: 40, days: 2, seed: 1, categories: ["odometer_tamper"] })
    let faults = 0
    for (const trace of traces) {
      const events = trace.events.filter((e) => e.kind === "odometer_tamper")
      faults += events.length
      for (let i = 1; i < events.length; i++)
        expect(events[i]?.startMs, trace.vehicleId).toBeGreaterThan(events[i - 1]?.endMs ?? 0)
    }
    expect(faults).toBe(79)
  })
})
