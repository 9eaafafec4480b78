import { IsoDate, IsoDateTime, PageNumber, PageSize, PositiveMoney } from "@fleetcore/contract"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeOr400 } from "./decode.js"

const ok = (schema: Schema.Decoder<unknown>, value: unknown) =>
  Result.isSuccess(Schema.decodeUnknownResult(schema)(value))

describe("shared value schemas", () => {
  it("accepts real calendar days between 1900 and 2200 only", () => {
    expect(ok(IsoDate, "2024-02-29")).toBe(true)
    expect(ok(IsoDate, "2200-12-31")).toBe(true)
    for (const bad of [
      "2023-02-29",
      "2024-99-99",
      "0000-00-00",
      "1899-12-31",
      "2201-01-01",
      "2024-1-1",
      "",
    ]) {
      expect(ok(IsoDate, bad), bad).toBe(false)
    }
  })

  it("accepts RFC 3339 date-times with a zone and refuses impossible ones", () => {
    for (const good of ["2024-01-01T00:00:00Z", "2024-01-01T10:00:00.123+05:00", "2024-06-30T23:59Z"]) {
      expect(ok(IsoDateTime, good), good).toBe(true)
    }
    for (const bad of [
      "2024-01-01Tzz",
      "2024-13-45T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T10:00:00",
      "2024-01-01T10:00:00+25:00",
    ]) {
      expect(ok(IsoDateTime, bad), bad).toBe(false)
    }
  })

  it("refuses a zero amount where one above zero is needed", () => {
    expect(ok(PositiveMoney, "0.01")).toBe(true)
    for (const bad of ["0", "0.00", "-1", "1.234", "1e3"]) expect(ok(PositiveMoney, bad), bad).toBe(false)
  })

  it("pages from 1, at most 200 entries a page", () => {
    for (const good of ["1", "50", "99", "100", "200"]) expect(ok(PageSize, good), good).toBe(true)
    for (const bad of ["0", "201", "500", "-1", "1.5", "050", ""]) expect(ok(PageSize, bad), bad).toBe(false)
    for (const good of ["1", "2", "999999"]) expect(ok(PageNumber, good), good).toBe(true)
    for (const bad of ["0", "-1", "1000000", "x"]) expect(ok(PageNumber, bad), bad).toBe(false)
  })

  it("names the field at fault in the 400", () => {
    const schema = Schema.Struct({ completedOn: IsoDate })
    expect(() => decodeOr400(schema, { completedOn: "2024-99-99" }, "FLEET_X")).toThrow(
      expect.objectContaining({ status: 400, code: "FLEET_X", field: "completedOn" }),
    )
  })
})
