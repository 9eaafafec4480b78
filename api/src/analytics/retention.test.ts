import { describe, expect, it } from "vitest"
import { ttlClause } from "./retention.js"

const A = "11111111-1111-1111-1111-111111111111"
const B = "22222222-2222-2222-2222-222222222222"
const C = "33333333-3333-3333-3333-333333333333"

describe("ttlClause", () => {
  it("is the default alone when no organisation chose another value", () => {
    expect(ttlClause("toDateTime(time)", "Month", 13, [{ orgId: A, value: 13 }])).toBe(
      "toDateTime(time) + toIntervalMonth(13)",
    )
  })

  it("has one rule per distinct chosen value and the default for everyone else", () => {
    expect(
      ttlClause("day", "Year", 10, [
        { orgId: A, value: 2 },
        { orgId: B, value: 5 },
        { orgId: C, value: 2 },
      ]),
    ).toBe(
      `day + toIntervalYear(10) DELETE WHERE org_id NOT IN ('${A}', '${B}', '${C}'), ` +
        `day + toIntervalYear(2) DELETE WHERE org_id IN ('${A}', '${C}'), ` +
        `day + toIntervalYear(5) DELETE WHERE org_id IN ('${B}')`,
    )
  })

  it("refuses an organisation id that is not a UUID", () => {
    expect(() => ttlClause("day", "Year", 10, [{ orgId: "x') OR 1=1 --", value: 2 }])).toThrow(/not a uuid/u)
  })
})
