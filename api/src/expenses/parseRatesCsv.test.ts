import { reason } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { parseRatesCsv } from "./parseRatesCsv.js"

describe("parseRatesCsv", () => {
  it("reads rows in any column order, with semicolons and a decimal comma", () => {
    const { rows, errors } = parseRatesCsv("Rate;Currency;Date\n512,35;usd;2026-03-01\n", "KZT")
    expect(errors).toEqual([])
    expect(rows).toEqual([{ line: 2, date: "2026-03-01", currency: "USD", rate: "512.35" }])
  })

  it("reports each bad row by line and column and keeps the good ones", () => {
    const csv = [
      "date,currency,rate",
      "2026-03-01,USD,512.35",
      "2026-02-30,USD,510",
      "2026-03-02,US,510",
      "2026-03-03,KZT,1",
      "2026-03-04,EUR,0",
      "2026-03-05,EUR,1.123456789",
      "2026-03-01,USD,513",
      "2026-03-06,EUR,560.5",
    ].join("\n")
    const { rows, errors } = parseRatesCsv(csv, "KZT")
    expect(rows.map((r) => r.line)).toEqual([2, 9])
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, "date"],
      [4, "currency"],
      [5, "currency"],
      [6, "rate"],
      [7, "rate"],
      [8, "date"],
    ])
  })

  it("refuses a header without the three columns", () => {
    const { rows, errors } = parseRatesCsv("day,code,value\n2026-03-01,USD,512\n", "KZT")
    expect(rows).toEqual([])
    expect(errors).toEqual([
      {
        line: 1,
        field: null,
        reason: reason("columnsMissing", { columns: { codes: ["date", "currency", "rate"] } }),
      },
    ])
  })
})
