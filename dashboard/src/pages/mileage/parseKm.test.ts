import { describe, expect, it } from "vitest"
import { parseKm } from "./parseKm"

describe("parseKm", () => {
  it("reads a decimal comma and grouping spaces as typed in ru/kk", () => {
    expect(parseKm("12 345,6")).toBe(12_345.6)
    expect(parseKm("12\u00a0345")).toBe(12_345)
    expect(parseKm("9000.5")).toBe(9000.5)
  })

  it("refuses what is not a non-negative number", () => {
    expect(parseKm("")).toBeNull()
    expect(parseKm("-5")).toBeNull()
    expect(parseKm("12a")).toBeNull()
    expect(parseKm("1,2,3")).toBeNull()
  })
})
