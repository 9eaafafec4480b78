import { describe, expect, it } from "vitest"
import { initialDtcState, stepDtc } from "./DtcRule.js"

describe("diagnostic trouble codes", () => {
  it("raises each new code once and clears codes that disappear", () => {
    const a = stepDtc(initialDtcState, 1, ["P0301"])
    expect(a.raised).toEqual(["P0301"])
    const b = stepDtc(a.state, 2, ["P0301", "P0420"])
    expect(b).toMatchObject({ raised: ["P0420"], cleared: [] })
    const c = stepDtc(b.state, 3, ["P0420"])
    expect(c).toMatchObject({ raised: [], cleared: ["P0301"] })
  })
  it("learns nothing from points that do not report codes, or late ones", () => {
    const a = stepDtc(initialDtcState, 5, ["P0301"])
    expect(stepDtc(a.state, 6, undefined).state).toBe(a.state)
    expect(stepDtc(a.state, 4, []).state).toBe(a.state)
  })
})
