import { describe, expect, it } from "vitest"
import { makeMoneyFormat } from "./moneyFormat"

describe("makeMoneyFormat", () => {
  it("formats a decimal string without passing it through a float", () => {
    // 9007199254740993 is not representable as a double: a float would print …992.
    expect(makeMoneyFormat("en").money("9007199254740993.01", "USD")).toBe("$9,007,199,254,740,993.01")
  })

  it("keeps every decimal of a rate and shows a calendar day without a zone shift", () => {
    const f = makeMoneyFormat("en")
    expect(f.rate("512.3456", "KZT")).toBe("₸512.3456")
    expect(f.day("2026-03-01")).toBe("Mar 1, 2026")
  })
})
