import { describe, expect, it } from "vitest"
import type { TruthEvent } from "./labels.js"
import { type Detection, FUEL_MATCH, matchEvents, ODOMETER_MATCH } from "./matchEvents.js"

const MIN = 60_000
const theft = (startMin: number, endMin: number, litres: number): TruthEvent => ({
  kind: "theft_parked_drain",
  startMs: startMin * MIN,
  endMs: endMin * MIN,
  litres,
})
const drop = (atMin: number, litres: number): Detection => ({
  type: "fuel_drop",
  timeMs: atMin * MIN,
  litres,
})

describe("matchEvents", () => {
  it("matches fuel events by window and amount, and tells duplicates from false alarms", () => {
    const truth = [theft(100, 105, 30), theft(300, 310, 20), theft(600, 603, 25), theft(900, 960, 15)]
    const detections = [
      drop(107, 29), // theft 1: in window, amount within max(3 L, 20 %)
      drop(299, 12), // theft 2: in window (1 min before start), amount 8 L off: matched, amount wrong
      drop(312, 9), // theft 2 again: a split report → duplicate
      drop(700, 25), // theft 3's window ends at 603 + 30 = 633: a false alarm; theft 3 is missed
      drop(2000, 10), // nowhere near anything: a false alarm
      { type: "fuel_fill", timeMs: 900 * MIN, litres: 15 }, // another kind: ignored
      drop(959, 14), // theft 4 (slow): matched during the drain, 1 min before its end
    ]
    const result = matchEvents(truth, detections, { ...FUEL_MATCH, types: ["fuel_drop"] })
    // recall 3/4, precision 3/6 (3 matched, 1 duplicate, 2 false alarms), amounts right 2/4
    expect(result.matched.map((m) => m.truth.startMs / MIN)).toEqual([100, 300, 900])
    expect(result.matched.map((m) => m.amountOk)).toEqual([true, false, true])
    expect(result.matched.map((m) => m.delayMs / MIN)).toEqual([2, -11, -1])
    expect(result.missed.map((e) => e.startMs / MIN)).toEqual([600])
    expect(result.duplicates.map((d) => d.timeMs / MIN)).toEqual([312])
    expect(result.falseAlarms.map((d) => d.timeMs / MIN)).toEqual([700, 2000])
  })

  it("flags an odometer fault only within 10 km, and a later alert of the same fault is no false alarm", () => {
    const tamper: TruthEvent = {
      kind: "odometer_tamper",
      startMs: 100 * MIN,
      endMs: 150 * MIN,
      within10KmMs: 110 * MIN,
      relatedUntilMs: 160 * MIN,
      percent: 20,
    }
    const late = matchEvents([tamper], [{ type: "odometer_mismatch", timeMs: 130 * MIN }], {
      ...ODOMETER_MATCH,
      types: ["odometer_mismatch"],
    })
    expect(late.matched).toEqual([])
    expect(late.missed).toEqual([tamper])
    expect(late.duplicates).toHaveLength(1)
    expect(late.falseAlarms).toEqual([])

    const soon = matchEvents(
      [tamper],
      [
        { type: "odometer_mismatch", timeMs: 108 * MIN },
        { type: "odometer_jump", timeMs: 200 * MIN },
      ],
      { ...ODOMETER_MATCH, types: ["odometer_mismatch", "odometer_jump"] },
    )
    expect(soon.matched).toHaveLength(1)
    expect(soon.falseAlarms.map((d) => d.type)).toEqual(["odometer_jump"])
  })
})

describe("matchEvents with accepted kinds", () => {
  it("does not count a re-plug jump as the detection of a freeze", () => {
    const frozen: TruthEvent = {
      kind: "odometer_frozen",
      startMs: 100 * MIN,
      endMs: 106 * MIN,
      within10KmMs: 115 * MIN,
      relatedUntilMs: 125 * MIN,
    }
    const jump = { type: "odometer_jump", timeMs: 106 * MIN }
    const result = matchEvents([frozen], [jump], {
      ...ODOMETER_MATCH,
      types: ["odometer_jump", "odometer_mismatch"],
    })
    expect(result.missed).toEqual([frozen])
    expect(result.duplicates).toEqual([jump])
  })
})
